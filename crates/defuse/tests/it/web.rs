//! The web desk over real HTTP, in process (`spawn_app`): sessions and their cookie, the CSRF
//! token on every change, roles enforced by the server whatever the request, sign-in
//! throttling, the Content-Security-Policy, and hostile mention text shown inert.

use crate::api::{App, password_of, spawn_app};

/// A browser-like client: keeps the session cookie, does not follow redirects.
struct Browser<'a> {
    app: &'a App,
    cookie: Option<String>,
    agent: ureq::Agent,
}

struct Page {
    status: u16,
    location: Option<String>,
    set_cookie: Option<String>,
    csp: Option<String>,
    body: String,
}

impl<'a> Browser<'a> {
    fn new(app: &'a App) -> Self {
        Browser {
            app,
            cookie: None,
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .build()
                .into(),
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        form: &[(&str, &str)],
        csrf: Option<&str>,
    ) -> Page {
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.app.addr));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        if let Some(t) = csrf {
            req = req.header("X-CSRF-Token", t);
        }
        let body = serde_urlencoded::to_string(form).expect("form");
        if method != "GET" {
            req = req.header("Content-Type", "application/x-www-form-urlencoded");
        }
        let req = req.body(body).expect("request");
        let mut resp = self.agent.run(req).expect("response");
        let header = |n: &str| {
            resp.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let page = Page {
            status: resp.status().as_u16(),
            location: header("location"),
            set_cookie: header("set-cookie"),
            csp: header("content-security-policy"),
            body: resp.body_mut().read_to_string().unwrap_or_default(),
        };
        if let Some(c) = &page.set_cookie {
            let pair = c.split(';').next().unwrap_or("").to_string();
            self.cookie = if pair.ends_with('=') {
                None
            } else {
                Some(pair)
            };
        }
        page
    }

    fn get(&mut self, path: &str) -> Page {
        self.send("GET", path, &[], None)
    }

    fn sign_in(&mut self, login: &str) -> Page {
        let pw = password_of(login);
        self.send(
            "POST",
            "/login",
            &[("login", login), ("password", &pw), ("next", "/cases")],
            None,
        )
    }

    /// The page's CSRF token (its meta tag).
    fn csrf(&mut self) -> String {
        let page = self.get("/cases");
        let at = page
            .body
            .find("name=\"csrf-token\" content=\"")
            .expect("a csrf meta tag");
        let rest = &page.body[at + "name=\"csrf-token\" content=\"".len()..];
        rest[..rest.find('"').expect("end")].to_string()
    }
}

const HOSTILE: &str = r#"{"source":"x","id":"h1","created_at":"2026-11-20T11:00:00Z","author":{"id":"a9","name":"<b>Eve</b>"},"text":"Облачко <script>alert(1)</script><img src=x onerror=alert(2)> \u202Egnirts javascript:alert(3)"}"#;

#[test]
fn the_desk_needs_a_session_and_the_cookie_is_safe() {
    let app = spawn_app("");
    let mut b = Browser::new(&app);
    let p = b.get("/cases?kind=complaint");
    assert_eq!(p.status, 303);
    // The page's script gets a 401, not the sign-in form in place of the rows.
    assert_eq!(b.get("/cases?fragment=rows").status, 401);
    assert_eq!(
        p.location.as_deref(),
        Some("/login?next=%2Fcases%3Fkind%3Dcomplaint"),
        "back to the same filter after signing in"
    );
    let form = b.get("/login");
    assert_eq!(form.status, 200);
    assert!(form.body.contains("type=\"password\""));
    let p = b.send(
        "POST",
        "/login",
        &[("login", "agent"), ("password", "wrong-password")],
        None,
    );
    assert_eq!(p.status, 401);
    assert!(p.set_cookie.is_none(), "no session for a wrong password");
    let p = b.sign_in("agent");
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/cases")));
    let cookie = p.set_cookie.unwrap_or_default();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: not Secure");
    let q = b.get("/cases");
    assert_eq!(q.status, 200);
    let csp = q.csp.unwrap_or_default();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(
        !q.body.contains("<script>") && q.body.contains("<script src=\"/assets/desk.js"),
        "no inline script: only the desk's own file"
    );
    // Sign-out ends the session in the store: the old cookie no longer works.
    let old = b.cookie.clone();
    let csrf = b.csrf();
    let out = b.send("POST", "/logout", &[("csrf", &csrf)], None);
    assert_eq!(out.status, 303);
    b.cookie = old;
    assert_eq!(b.get("/cases").status, 303, "the ended session is refused");
}

#[test]
fn every_change_needs_the_csrf_token() {
    let app = spawn_app("");
    app.call(
        "POST",
        "/api/v1/mentions",
        Some("agent"),
        r#"{"source":"x","id":"1","text":"Oblachko, no internet since morning","created_at":"2026-11-20T09:00:00Z","author":{"id":"a1"}}"#,
    );
    let mut b = Browser::new(&app);
    b.sign_in("agent");
    let p = b.send("POST", "/cases/1/assign", &[("agent", "agent")], None);
    assert_eq!(p.status, 403, "no token");
    let p = b.send(
        "POST",
        "/cases/1/assign",
        &[("agent", "agent"), ("csrf", "forged")],
        None,
    );
    assert_eq!(p.status, 403, "a wrong token");
    let csrf = b.csrf();
    let p = b.send(
        "POST",
        "/cases/1/assign",
        &[("agent", "agent"), ("csrf", &csrf)],
        None,
    );
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/cases/1")));
    let v = app.call("GET", "/api/v1/cases/1", Some("reader"), "").1;
    assert_eq!(v["workflow"]["assigned_to"], "agent");
    // A header does as well as the form field (the page's script).
    let p = b.send("POST", "/cases/1/assign", &[("agent", "")], Some(&csrf));
    assert_eq!(p.status, 303);
}

#[test]
fn roles_are_enforced_by_the_server() {
    let app = spawn_app("");
    let mut agent = Browser::new(&app);
    agent.sign_in("agent");
    assert_eq!(
        agent.get("/settings").status,
        403,
        "an agent has no settings"
    );
    let csrf = agent.csrf();
    let p = agent.send(
        "POST",
        "/settings/users",
        &[
            ("login", "mallory"),
            ("role", "admin"),
            ("password", "mallory-pw-1"),
            ("csrf", &csrf),
        ],
        None,
    );
    assert_eq!(
        p.status, 403,
        "a crafted request to add an admin is refused"
    );
    assert!(
        !agent.get("/cases").body.contains("href=\"/settings\""),
        "no link either"
    );

    let mut admin = Browser::new(&app);
    admin.sign_in("admin");
    let s = admin.get("/settings");
    assert_eq!(s.status, 200);
    assert!(s.body.contains("supervisor"), "the people are listed");
    let csrf = admin.csrf();
    let p = admin.send(
        "POST",
        "/settings/users",
        &[
            ("login", "nina"),
            ("role", "agent"),
            ("password", "nina-password-1"),
            ("csrf", &csrf),
        ],
        None,
    );
    assert_eq!(p.status, 303);
    // Disabling someone ends their sessions at once.
    let p = admin.send(
        "POST",
        "/settings/users/agent/disable",
        &[("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 303);
    assert_eq!(
        agent.get("/cases").status,
        303,
        "the disabled agent is signed out"
    );
    let audit = app
        .call("GET", "/api/v1/audit?limit=1000", Some("admin"), "")
        .1;
    let actions: Vec<&str> = audit["records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["action"].as_str())
        .collect();
    for a in ["user.signed_in", "user.added", "user.disabled"] {
        assert!(actions.contains(&a), "{a} in the audit trail: {actions:?}");
    }
    assert!(
        audit["records"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["action"] == "user.disabled" && r["actor"] == "admin"),
        "the admin who disabled is named"
    );
}

#[test]
fn failed_sign_ins_are_slowed_then_refused() {
    let app = spawn_app("");
    let mut b = Browser::new(&app);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let p = b.send(
            "POST",
            "/login",
            &[("login", "admin"), ("password", "guess-guess")],
            None,
        );
        statuses.push(p.status);
    }
    assert_eq!(&statuses[..3], &[401, 401, 401], "three free failures");
    assert!(statuses[3..].contains(&429), "then held back: {statuses:?}");
    // A password typed into the login field by mistake is not kept in the audit trail.
    b.send(
        "POST",
        "/login",
        &[("login", "MySecretPass1"), ("password", "x")],
        None,
    );
    let audit = app
        .call("GET", "/api/v1/audit?limit=1000", Some("admin"), "")
        .1;
    assert!(!audit.to_string().contains("MySecretPass1"), "{audit}");
    assert!(audit.to_string().contains("user.signin_failed"));
    // The right password is refused too while the login is held back.
    let p = b.sign_in("admin");
    assert_eq!(p.status, 429);
    assert!(p.body.contains("try again"), "says when");
}

#[test]
fn hostile_mention_text_is_shown_inert() {
    let app = spawn_app("");
    let (s, _) = app.call("POST", "/api/v1/mentions", Some("agent"), HOSTILE);
    assert_eq!(s, 200);
    let mut b = Browser::new(&app);
    b.sign_in("agent");
    for path in ["/cases", "/cases/1"] {
        let p = b.get(path);
        assert_eq!(p.status, 200, "{path}");
        assert!(
            p.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: the script is text"
        );
        assert!(!p.body.contains("<img src=x"), "{path}: no image element");
        assert!(
            !p.body.contains("<b>Eve"),
            "{path}: the author's markup is text"
        );
        assert!(
            !p.body.contains("href=\"javascript:"),
            "{path}: no script link"
        );
    }
    // Personal data in a queue row is masked like on the case page [RC11].
    let m = r#"{"source":"x","id":"h2","created_at":"2026-11-20T11:00:00Z","author":{"id":"a8"},"text":"Облачко, позвоните мне +7 999 123-45-67, интернета нет"}"#;
    assert_eq!(
        app.call("POST", "/api/v1/mentions", Some("agent"), m).0,
        200
    );
    let q = b.get("/cases");
    assert!(q.body.contains("интернета нет"), "the row is there");
    assert!(!q.body.contains("123-45-67"), "its phone number is not");
}

#[test]
fn the_queue_keeps_its_filter_and_searches_the_words() {
    let app = spawn_app("");
    for (id, text) in [
        ("1", "Oblachko, no internet since morning"),
        ("2", "Облачко, где мой заказ? Жду неделю"),
    ] {
        let m = serde_json::json!({"source": "vk", "id": id, "text": text,
            "created_at": "2026-11-20T09:00:00Z", "author": {"id": format!("a{id}")}});
        assert_eq!(
            app.call("POST", "/api/v1/mentions", Some("agent"), &m.to_string())
                .0,
            200
        );
    }
    let mut b = Browser::new(&app);
    b.sign_in("agent");
    let p = b.get("/cases?q=%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7"); // заказ
    assert_eq!(p.status, 200);
    assert!(p.body.contains("где мой заказ"), "found by its word");
    assert!(!p.body.contains("no internet"), "and only it");
    assert!(
        p.body.contains("value=\"заказ\""),
        "the search box keeps the query"
    );
    let rows = b.get("/cases?fragment=rows&kind=question");
    assert!(
        !rows.body.contains("<html"),
        "the fragment is only the rows"
    );
}

#[test]
fn the_interface_speaks_the_browsers_language_then_the_users_choice() {
    let app = spawn_app("");
    let mut b = Browser::new(&app);
    b.sign_in("agent");
    let en = b.get("/cases");
    assert!(en.body.contains("lang=\"en\"") && en.body.contains("Queue"));
    let csrf = b.csrf();
    let p = b.send(
        "POST",
        "/prefs",
        &[("lang", "ru"), ("back", "/cases"), ("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 303);
    let ru = b.get("/cases");
    assert!(
        ru.body.contains("lang=\"ru\"") && ru.body.contains("Очередь"),
        "remembered"
    );
}

#[test]
fn rc11_an_agent_hides_a_customers_own_card_number_and_is_offered_the_reply() {
    let app = spawn_app(
        "[[community_rules]]\nid = \"spam\"\ntext = \"Ads are removed.\"\n\
         [[community_rules]]\nid = \"privacy\"\ntext = \"Personal data is hidden.\"\n\
         covers = [\"privacy\"]\n",
    );
    let m = r#"{"source":"vk","id":"p1","created_at":"2026-11-20T11:00:00Z","author":{"id":"a7"},"text":"Oblachko, you charged me twice! My card is 4111 1111 1111 1111, fix it"}"#;
    assert_eq!(
        app.call("POST", "/api/v1/mentions", Some("agent"), m).0,
        200
    );
    let mut b = Browser::new(&app);
    b.sign_in("agent");
    let page = b.get("/cases/1");
    assert!(
        !page.body.contains("4111 1111 1111 1111"),
        "masked on the page"
    );
    let csrf = b.csrf();
    // Criticism is not hidden as spam [M1]...
    let p = b.send(
        "POST",
        "/mentions/1/moderate",
        &[("action", "hide"), ("rule", "spam"), ("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 422);
    assert!(p.body.contains("[M1]"), "the refusal names its rule");
    // ...but its author's card number is [RC11, M4], and the public answer is proposed.
    let p = b.send(
        "POST",
        "/mentions/1/moderate",
        &[("action", "hide"), ("rule", "privacy"), ("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 303, "{}", p.body);
    let page = b.get("/cases/1");
    assert!(
        page.body.contains("id=\"privacy-text\""),
        "the proposed reply"
    );
    let p = b.send(
        "POST",
        "/mentions/1/moderate",
        &[("action", "delete"), ("rule", "privacy"), ("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 422, "never deleted");
    // Revealing is audited.
    let p = b.send("POST", "/mentions/1/reveal", &[("csrf", &csrf)], None);
    assert_eq!(p.status, 200);
    assert!(p.body.contains("4111 1111 1111 1111"));
    let page = b.get("/cases/1");
    assert!(
        page.body.contains("pii.revealed") && page.body.contains("mention.moderation"),
        "the case's audit trail is on its page"
    );
    let audit = app
        .call("GET", "/api/v1/audit?limit=1000", Some("admin"), "")
        .1;
    assert!(
        audit["records"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["action"] == "pii.revealed" && r["actor"] == "agent"),
        "{audit}"
    );
}

#[test]
fn an_admin_changes_the_settings_without_a_restart() {
    let app = spawn_app("");
    let mut admin = Browser::new(&app);
    admin.sign_in("admin");
    let csrf = admin.csrf();
    // A bad value names the field and why; nothing is saved.
    let before = std::fs::read_to_string(app.dir.join("defuse.toml")).expect("file");
    let p = admin.send(
        "POST",
        "/settings/section/service_levels",
        &[
            ("toml", "[service_levels]\nfirst_response = \"soon\"\n"),
            ("csrf", &csrf),
        ],
        None,
    );
    assert_eq!(p.status, 422);
    assert!(p.body.contains("soon"), "the refusal says what is wrong");
    assert_eq!(
        std::fs::read_to_string(app.dir.join("defuse.toml")).expect("file"),
        before,
        "nothing half-saved"
    );
    // A new brand takes effect at once: a mention of it is matched without a restart.
    let m = r#"{"source":"vk","id":"n1","created_at":"2026-11-20T11:00:00Z","author":{"id":"a1"},"text":"Тучка, где мой заказ?"}"#;
    assert_eq!(
        app.call("POST", "/api/v1/mentions", Some("agent"), m).1["unmatched"],
        1
    );
    let p = admin.send(
        "POST",
        "/settings/section/brands",
        &[
            ("toml", "[[brands]]\nname = \"Облачко\"\naliases = [\"Oblachko\"]\n\n[[brands]]\nname = \"Тучка\"\n"),
            ("csrf", &csrf),
        ],
        None,
    );
    assert_eq!(p.status, 303, "{}", p.body);
    let after = std::fs::read_to_string(app.dir.join("defuse.toml")).expect("file");
    assert!(
        after.contains("Тучка"),
        "written to the file: it survives a restart"
    );
    assert_eq!(
        std::fs::read_to_string(app.dir.join("defuse.toml.bak")).expect("backup"),
        before
    );
    let cases = app
        .call(
            "GET",
            "/api/v1/cases?brand=%D0%A2%D1%83%D1%87%D0%BA%D0%B0",
            Some("reader"),
            "",
        )
        .1;
    assert_eq!(
        cases["cases"].as_array().map(Vec::len),
        Some(1),
        "the earlier unmatched mention found its new brand: {cases}"
    );
    let m2 = r#"{"source":"vk","id":"n2","created_at":"2026-11-20T11:05:00Z","author":{"id":"a2"},"text":"Тучка, спасибо!"}"#;
    assert_eq!(
        app.call("POST", "/api/v1/mentions", Some("agent"), m2).1["unmatched"],
        0
    );
    // A webhook's secret is written, never shown.
    let p = admin.send(
        "POST",
        "/settings/webhooks",
        &[
            ("name", "team"),
            ("url", "https://hooks.example.com/abc"),
            ("format", "json"),
            ("secret", "s3cret-value"),
            ("csrf", &csrf),
        ],
        None,
    );
    assert_eq!(p.status, 303, "{}", p.body);
    let page = admin.get("/settings");
    assert!(page.body.contains("team"));
    assert!(!page.body.contains("s3cret-value") && !page.body.contains("hooks.example.com"));
    let audit = app
        .call("GET", "/api/v1/audit?limit=1000", Some("admin"), "")
        .1;
    let changes = audit["records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["action"] == "settings.changed" && r["actor"] == "admin")
        .count();
    assert_eq!(changes, 2, "each change is audited");
    assert!(!audit.to_string().contains("s3cret-value"));
    // An agent cannot, however the request is made.
    let mut agent = Browser::new(&app);
    agent.sign_in("agent");
    let csrf = agent.csrf();
    let p = agent.send(
        "POST",
        "/settings/section/brands",
        &[("toml", ""), ("csrf", &csrf)],
        None,
    );
    assert_eq!(p.status, 403);
}
