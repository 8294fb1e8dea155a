// End-to-end test of the web desk in Debian's headless Chromium, as a new user would use it.
// Run by crates/defuse/tests/it/browser.rs, which starts `defuse serve` on a demo data
// directory and passes: BASE, AGENT (login:password), ADMIN (login:password), TOKEN (an API
// token), SHOTS (where screenshots go), CHROMIUM (the browser).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`missing ${k}`);
  return v;
};
const BASE = env("BASE");
const [agentLogin, agentPass] = env("AGENT").split(":");
const [adminLogin, adminPass] = env("ADMIN").split(":");
const TOKEN = env("TOKEN");
const SHOTS = env("SHOTS");
mkdirSync(SHOTS, { recursive: true });

let step = "start";
function check(cond, what) {
  if (!cond) throw new Error(`${step}: ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});

async function newPage(locale) {
  const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", async (d) => { errors.push(`dialog: ${d.message()}`); await d.dismiss(); });
  // The refusals the test provokes (a wrong password, an agent on /settings) show as failed
  // resources; every other console error counts.
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 40[13]/.test(m.text())) {
      errors.push(`console: ${m.text()}`);
    }
  });
  return { ctx, page, errors };
}

async function signIn(page, login, pass) {
  await page.goto(`${BASE}/cases`);
  check(page.url().includes("/login"), `an anonymous visit goes to the sign-in form (at ${page.url()})`);
  check(await page.locator('input[type="password"]').count() === 1, "a password field");
  await page.fill("#login", login);
  await page.fill("#password", pass);
  await Promise.all([page.waitForURL(/\/cases/), page.click('button[type="submit"]')]);
}

async function postMention(m) {
  const r = await fetch(`${BASE}/api/v1/mentions`, {
    method: "POST",
    headers: { "Authorization": `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(m),
  });
  check(r.ok, `the API took the mention (${r.status} ${await r.text()})`);
}

try {
  // ---- sign in as an agent (English browser) and see the queue
  step = "sign in";
  const { page, errors } = await newPage("en-US");
  await page.goto(`${BASE}/login`);
  await page.fill("#login", agentLogin);
  await page.fill("#password", "wrong password");
  await page.click('button[type="submit"]');
  check((await page.textContent("body")).includes("Wrong login or password"), "a wrong password is refused");
  await signIn(page, agentLogin, agentPass);
  step = "queue";
  check(await page.locator("li.case").count() > 0, "the queue shows cases");
  check(await page.locator('a[href*="/cases/"]').count() > 0, "links to cases");
  await page.screenshot({ path: `${SHOTS}/queue-en.png`, fullPage: false });
  // A case of the demo's week, as an agent sees it.
  await page.locator("li.case a.open").first().click();
  await page.waitForURL(/\/cases\/\d+/);
  await page.screenshot({ path: `${SHOTS}/case-en.png`, fullPage: false });

  // ---- a hostile mention posted through the API appears on the open queue by itself, inert
  step = "live";
  const marker = `Live${Date.now()}`;
  const hostile = `${marker} <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> ` +
    `javascript:alert(1) \u202Eevil\u202C z\u0351\u0352\u0353a\u0354l\u0355go ${"A".repeat(3000)} ` +
    `@aerosky my bag is lost, this is awful, nobody answers!`;
  // The agent watches the queue filtered by a search (older breached cases sort first on the
  // unfiltered one): empty now, the mention must appear in it without a reload.
  await page.goto(`${BASE}/cases?q=${marker}`);
  check(await page.locator("li.case").count() === 0, "the search finds nothing yet");
  const started = Date.now();
  await postMention({ source: "x", id: `e2e-${Date.now()}`, text: hostile, author: { name: "Eve <b>", handle: "eve" } });
  await page.locator(`li.case:has-text("${marker}")`).first().waitFor({ timeout: 5000 });
  const took = Date.now() - started;
  console.log(`live: the mention reached the open queue in ${took} ms`);
  check(took < 1500, `the mention appeared within a second or so (${took} ms)`);
  check(await page.evaluate(() => window.__pwned === undefined), "no script of the mention ran");
  check(await page.locator("li.case img").count() === 0, "no image element from the mention");
  const words = await page.locator(`li.case:has-text("${marker}") .words`).first().textContent();
  check(words.includes("<script>"), "the markup is shown as text");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `a 3,000-character word does not widen the page (${overflow} px)`);

  // ---- open a case: the analysis card, a bad reply's findings with rule ids, a good reply
  step = "case";
  await page.locator(`li.case:has-text("${marker}") a.open`).first().click();
  await page.waitForURL(/\/cases\/\d+/);
  check(await page.locator("textarea").count() === 1, "a textarea for the reply");
  check(await page.evaluate(() => window.__pwned === undefined), "no script ran on the case page");
  await page.screenshot({ path: `${SHOTS}/case-hostile.png`, fullPage: true });
  step = "live check";
  await page.fill("#reply-text", "You did it wrong yourself, read the rules. Send your card number and CVV here.");
  await page.locator("#findings li").first().waitFor({ timeout: 5000 });
  const findings = await page.textContent("#findings");
  check(/RC\d+/.test(findings), `findings name their rule ids (${findings.slice(0, 200)})`);
  check(await page.locator("#reply-marks mark").count() > 0, "the offending words are marked in place");
  step = "send";
  const good = "Hello! Thank you for writing, and we are sorry about your bag. " +
    "We are already looking for it: please send the baggage tag number in a private message and we will tell you where it is today.";
  await page.fill("#reply-text", good);
  await page.waitForTimeout(600);
  await Promise.all([page.waitForLoadState("load"), page.click('#reply-form button[type="submit"]')]);
  if (await page.locator("#reply-form button:has-text('Send anyway')").count() > 0) {
    // The coach still had an objection: the desk asked first; the agent sends anyway.
    await Promise.all([page.waitForLoadState("load"), page.click('#reply-form button[type="submit"]')]);
  }
  check((await page.textContent("ol.thread")).includes("baggage tag number"), "the reply is in the conversation");

  // ---- resolve
  step = "resolve";
  const caseUrl = page.url().split("#")[0];
  await page.selectOption("#move-to", "resolved");
  await Promise.all([page.waitForLoadState("load"), page.click('form.move button[type="submit"]')]);
  check((await page.textContent(".case-head")).includes("resolved"), "the case is resolved");

  // ---- correct a kind
  step = "correct";
  const card = page.locator("li.msg[data-from=customer] details.card-analysis").first();
  await card.locator("summary").click();
  await card.locator('select[name="kind"]').selectOption("complaint");
  await card.locator('select[name="sentiment"]').selectOption("negative");
  await Promise.all([page.waitForLoadState("load"), card.locator('form.label button[type="submit"]').click()]);
  check((await page.textContent("ol.thread")).includes("corrected by"), "the correction is on the card");

  // ---- an agent is refused the settings, whatever the request
  step = "roles";
  const r = await page.goto(`${BASE}/settings`);
  check(r.status() === 403, `an agent gets 403 on /settings (${r.status()})`);
  const crafted = await page.evaluate(async () => {
    const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
    const res = await fetch("/settings/users", {
      method: "POST", headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: "login=mallory&role=admin&password=aaaaaaaaaaaa",
    });
    return res.status;
  });
  check(crafted === 403, `a crafted request to add an admin is refused (${crafted})`);

  // ---- the Russian interface
  step = "russian";
  await page.goto(caseUrl);
  await Promise.all([page.waitForLoadState("load"), page.selectOption("#ui-lang", "ru")]);
  await page.waitForFunction(() => document.documentElement.lang === "ru");
  check((await page.textContent("header.top")).includes("Очередь"), "the top bar is in Russian");
  await page.screenshot({ path: `${SHOTS}/case-ru.png`, fullPage: false });
  await page.goto(`${BASE}/cases`);
  check(/обращени/.test(await page.textContent("main")), "the queue counts in Russian");
  await page.screenshot({ path: `${SHOTS}/queue-ru.png` });

  // ---- the phone
  step = "phone";
  await page.setViewportSize({ width: 390, height: 844 });
  const phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(phoneOverflow <= 1, `the queue fits a 390 px phone (${phoneOverflow} px too wide)`);
  await page.screenshot({ path: `${SHOTS}/queue-phone.png` });

  // ---- sign out: the session ends
  step = "sign out";
  await page.setViewportSize({ width: 1280, height: 900 });
  await Promise.all([page.waitForURL(/\/login/), page.click('form[action="/logout"] button')]);
  await page.goto(`${BASE}/cases`);
  check(page.url().includes("/login"), "after signing out the queue asks to sign in again");
  check(errors.length === 0, `no script errors or dialogs: ${errors.join("; ")}`);

  // ---- an admin opens the settings
  step = "admin";
  const admin = await newPage("ru-RU");
  await signIn(admin.page, adminLogin, adminPass);
  const s = await admin.page.goto(`${BASE}/settings`);
  check(s.status() === 200, `an admin opens the settings (${s.status()})`);
  check((await admin.page.textContent("main")).includes(agentLogin), "the settings list the people");
  check(admin.errors.length === 0, `no script errors: ${admin.errors.join("; ")}`);
  console.log("browser: all steps passed");
} catch (e) {
  console.error(`browser test failed at ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
