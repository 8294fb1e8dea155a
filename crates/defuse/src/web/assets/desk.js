// defuse desk — the one script: CSRF on changes, live queue (server-sent events), ticking
// countdowns, the live reply check with marks, drafts, reveal, presence, keyboard.
// Outside text is only ever set with textContent (never innerHTML from the browser side);
// HTML fragments come from the server, which escapes every piece of mention text.
(function () {
  "use strict";
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  const meta = (n) => { const m = document.querySelector('meta[name="' + n + '"]'); return m ? m.content : ""; };
  const csrf = meta("csrf-token");
  let l10n = {};
  try { l10n = JSON.parse(meta("desk-l10n") || "{}"); } catch (e) { l10n = {}; }

  function post(url, data, accept) {
    const body = new URLSearchParams();
    Object.keys(data || {}).forEach((k) => body.append(k, data[k]));
    return fetch(url, {
      method: "POST", credentials: "same-origin", body,
      headers: { "X-CSRF-Token": csrf, "Accept": accept || "application/json" },
    });
  }

  // ---- forms: the session's CSRF token, the page to come back to, the browser's time zone
  $$('input[name="csrf"]').forEach((i) => { if (!i.value) i.value = csrf; });
  $$("[data-browser-tz]").forEach((i) => {
    try { i.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* none */ }
  });
  $$("select[data-autosubmit]").forEach((s) => {
    const f = s.form;
    if (f && !$('input[name="back"]', f)) {
      const b = document.createElement("input");
      b.type = "hidden"; b.name = "back"; b.value = location.pathname + location.search;
      f.appendChild(b);
    }
    s.addEventListener("change", () => f && f.submit());
  });

  // ---- durations as people read them, in the interface language
  function duration(min) {
    const m = Math.abs(min), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
    const u = (n, k) => n + " " + (l10n[k] || k);
    if (d > 0) return u(d, "d") + (h > 0 ? " " + u(h, "h") : "");
    if (h > 0) return u(h, "h") + (mm > 0 ? " " + u(mm, "min") : "");
    return u(mm, "min");
  }
  function tick() {
    const now = Date.now();
    $$("time.due[data-due]").forEach((t) => {
      if (t.dataset.state === "paused") return;
      const due = Number(t.dataset.due), warn = Number(t.dataset.warn || 0);
      const left = Math.floor((due - now) / 60000);
      // Without a warning instant (a case's clocks) the server's warning stands until breached.
      const warned = warn ? now >= warn : t.dataset.state === "warning";
      const state = left < 0 ? "breached" : (warned ? "warning" : "ok");
      t.dataset.state = state;
      const li = t.closest("li.case");
      if (li) li.dataset.state = state;
      const tpl = left < 0 ? l10n.breached : l10n.within;
      if (tpl) t.textContent = tpl.replace("{d}", duration(left));
    });
  }
  setInterval(tick, 15000);

  // ---- live: the queue refreshes on every change; a case page says it changed
  const queue = $("#queue[data-live]");
  const casePage = $("#presence[data-case]");
  let pending = null;
  function refreshQueue() {
    if (!queue) return;
    const selected = $("li.case.selected", queue);
    const keep = selected ? selected.dataset.case : null;
    fetch(queue.dataset.refresh, { credentials: "same-origin" })
      .then((r) => {
        // Signed out meanwhile: let the page go to the sign-in form.
        if (r.status === 401 || r.redirected) { location.reload(); return Promise.reject(r.status); }
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then((html) => {
        queue.innerHTML = html; // server-rendered, every value escaped there
        if (keep) { const li = $('li.case[data-case="' + keep + '"]', queue); if (li) li.classList.add("selected"); }
        tick();
      })
      .catch(() => { /* the next change tries again */ });
  }
  if (window.EventSource && (queue || casePage)) {
    const es = new EventSource("/events");
    es.addEventListener("change", (e) => {
      let c = {};
      try { c = JSON.parse(e.data); } catch (err) { c = {}; }
      if (queue) { clearTimeout(pending); pending = setTimeout(refreshQueue, 150); }
      if (casePage && (c.case === null || String(c.case) === casePage.dataset.case)) {
        if (!$("#changed")) {
          const n = document.createElement("div");
          n.id = "changed"; n.className = "notice"; n.setAttribute("role", "status");
          const a = document.createElement("a");
          a.href = location.pathname; a.textContent = l10n.changed || "This case changed: reload";
          n.appendChild(a);
          casePage.after(n);
        }
      }
    });
  }

  // ---- presence: who else is on this case, and typing
  let lastTyped = 0;
  function heartbeat() {
    if (!casePage) return;
    const typing = Date.now() - lastTyped < 8000 ? "1" : "";
    post("/cases/" + casePage.dataset.case + "/presence", { typing })
      .then((r) => (r.ok ? r.json() : null))
      .then((j) => {
        if (!j) return;
        const lines = (j.lines || []).join("\n");
        if (casePage.dataset.shown === lines) return;
        casePage.dataset.shown = lines;
        casePage.textContent = "";
        (j.lines || []).forEach((line) => {
          const s = document.createElement("span"); s.className = "who"; s.textContent = line;
          casePage.appendChild(s);
        });
      })
      .catch(() => {});
  }
  if (casePage) { heartbeat(); setInterval(heartbeat, 10000); }

  // ---- the reply box: live rule check with marks in place
  const form = $("#reply-form");
  const box = $("#reply-text");
  const marks = $("#reply-marks");
  const out = $("#findings");
  let timer = null, seq = 0;
  function visibility() { const r = form && $('input[name="visibility"]:checked', form); return r ? r.value : "public"; }
  function renderMarks(text, findings) {
    marks.textContent = "";
    const spans = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
    let at = 0;
    spans.forEach((f) => {
      if (f.start < at) return;
      marks.appendChild(document.createTextNode(text.slice(at, f.start)));
      const m = document.createElement("mark");
      m.className = f.severity; m.textContent = text.slice(f.start, f.end); m.title = f.rule;
      marks.appendChild(m);
      at = f.end;
    });
    marks.appendChild(document.createTextNode(text.slice(at) + "\n"));
    marks.scrollTop = box.scrollTop;
  }
  function renderFindings(j) {
    out.textContent = "";
    const list = j.findings || [];
    if (!list.length) {
      const p = document.createElement("p"); p.className = "ok"; p.textContent = l10n.clean || "No rule broken.";
      out.appendChild(p); return;
    }
    const ul = document.createElement("ul");
    list.forEach((f) => {
      const li = document.createElement("li"); li.className = f.severity;
      const r = document.createElement("span"); r.className = "rule"; r.textContent = f.rule;
      const ti = document.createElement("strong"); ti.textContent = f.title + ": ";
      const msg = document.createElement("span"); msg.textContent = f.message;
      li.append(r, ti, msg);
      if (f.suggestion) {
        const s = document.createElement("div"); s.className = "suggestion";
        s.textContent = (l10n.suggestion || "Suggestion") + ": " + f.suggestion;
        li.appendChild(s);
      }
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  function check() {
    if (!form || !box) return;
    const text = box.value, mine = ++seq;
    if (!text.trim()) { out.textContent = ""; renderMarks("", []); return; }
    post(form.dataset.check, { text, visibility: visibility() })
      .then((r) => (r.ok ? r.json() : null))
      .then((j) => { if (j && mine === seq) { renderFindings(j); renderMarks(text, j.findings || []); } })
      .catch(() => {});
  }
  if (box) {
    box.addEventListener("input", () => { lastTyped = Date.now(); clearTimeout(timer); timer = setTimeout(check, 350); });
    box.addEventListener("scroll", () => { marks.scrollTop = box.scrollTop; });
    $$('input[name="visibility"]').forEach((r) => r.addEventListener("change", check));
    if (box.value.trim()) check();
  }
  $$("[data-use]").forEach((b) => b.addEventListener("click", () => {
    const src = document.getElementById(b.dataset.use);
    if (src && box) { box.value = src.textContent; box.focus(); check(); }
  }));
  const another = $("[data-another-draft]");
  if (another) {
    another.addEventListener("click", () => {
      post("/cases/" + another.dataset.case + "/draft", { seed: String(Math.floor(Math.random() * 1e9)) })
        .then((r) => (r.ok ? r.json() : null))
        .then((j) => { if (j && j.text) $("#draft-text").textContent = j.text; })
        .catch(() => {});
    });
  }

  // ---- reveal personal data (audited on the server)
  $$("form.reveal").forEach((f) => {
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      fetch(f.action, { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .then((j) => {
          if (!j) return;
          const t = f.closest("li.msg").querySelector(".text");
          if (t) t.textContent = j.text;
          f.remove();
        })
        .catch(() => {});
    });
  });

  // ---- keyboard
  const help = $("#help");
  function openHelp() { if (help) { help.hidden = false; const b = $("[data-close]", help); if (b) b.focus(); } }
  function closeHelp() { if (help) help.hidden = true; }
  $$("[data-help]").forEach((b) => b.addEventListener("click", openHelp));
  if (help) { $$("[data-close]", help).forEach((b) => b.addEventListener("click", closeHelp)); }
  function rows() { return $$("li.case"); }
  function select(i) {
    const r = rows(); if (!r.length) return;
    const cur = r.findIndex((x) => x.classList.contains("selected"));
    const next = Math.max(0, Math.min(r.length - 1, (cur < 0 ? -1 : cur) + i));
    r.forEach((x) => x.classList.remove("selected"));
    r[next].classList.add("selected");
    const a = $("a.open", r[next]); if (a) a.focus();
  }
  let g = false;
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { closeHelp(); return; }
    const tag = (e.target && e.target.tagName) || "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target && e.target.isContentEditable) return;
    if (help && !help.hidden) return;
    // Enter on a button or another link does what it says; it opens the case only from a row.
    if (e.key === "Enter" && ["BUTTON", "A"].includes(tag) && !(e.target.closest && e.target.closest("li.case"))) return;
    if (g) { g = false; if (e.key === "q" || e.code === "KeyQ") { location.href = "/cases"; } return; }
    // The letter keys by their place on the keyboard too, so a Russian layout works.
    const byCode = { KeyJ: "j", KeyK: "k", KeyO: "o", KeyR: "r", KeyA: "a", KeyM: "m", KeyG: "g", KeyQ: "q", Slash: "/" };
    const key = (e.key.length === 1 && !/[a-z?/]/.test(e.key) && byCode[e.code]) || e.key;
    switch (key) {
      case "?": openHelp(); e.preventDefault(); break;
      case "j": select(1); break;
      case "k": select(-1); break;
      case "o": case "Enter": {
        const s = $("li.case.selected a.open"); if (s) { location.href = s.href; e.preventDefault(); } break;
      }
      case "/": { const s = $("[data-key-search]"); if (s) { s.focus(); e.preventDefault(); } break; }
      case "r": { const s = $("[data-key-reply]"); if (s) { s.focus(); e.preventDefault(); } break; }
      case "a": { const s = $("[data-key-assign]"); if (s) s.click(); break; }
      case "m": { const s = $("[data-key-move]"); if (s) { s.focus(); e.preventDefault(); } break; }
      case "g": g = true; break;
      default: break;
    }
  });
})();
