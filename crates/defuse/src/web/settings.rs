//! The admin's settings page: the people who use the desk (add, disable), the API tokens, and
//! the desk's settings — brands, service levels, business hours, community rules, the workflow,
//! alerts and webhooks. A change is checked as the settings file is (a bad value names the
//! field and why; nothing is half-saved), written to `defuse.toml` (the previous file kept as
//! `defuse.toml.bak`), takes effect at once without a restart, survives one, and is in the audit
//! trail. Webhook addresses and secrets are write-only. Only an admin reaches it: the guard
//! refuses every other role, whatever the request.

use super::layout::page;
use super::session::Viewer;
use super::{internal, store};
use crate::server::{Config, Shared};
use crate::settings::{EDITABLE, Settings, Webhook};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use defuse_core::workflow::Role;
use maud::html;
use serde::Deserialize;
use serde_json::json;

/// `GET /settings`.
pub async fn settings_page(State(st): State<Shared>, Extension(v): Extension<Viewer>) -> Response {
    settings_with(st, v, None, None).await
}

/// The page, with a notice and (after a refused change) the section text as the admin typed it.
async fn settings_with(
    st: Shared,
    v: Viewer,
    notice: Option<String>,
    kept: Option<(String, String)>,
) -> Response {
    let t = v.t;
    let st2 = st.clone();
    let data = super::blocking(move || -> Result<_, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let s = store(&st2)?;
        let users = s.users().map_err(|e| e.to_string())?;
        let tokens = s.tokens(now).map_err(|e| e.to_string())?;
        Ok((users, tokens))
    })
    .await;
    let (users, tokens) = match data {
        Some(Ok(d)) => d,
        Some(Err(e)) => return internal(t, e),
        None => return internal(t, "the settings task failed"),
    };
    let cfg = st.config();
    let editable = st.settings_path.is_some();
    // The boxes show the file as it is, without the environment's overrides (saving a box must
    // not write an override into the file).
    let file = st
        .settings_path
        .as_ref()
        .and_then(|p| {
            std::fs::read_to_string(p)
                .ok()
                .map(|t| (p.display().to_string(), t))
        })
        .and_then(|(origin, text)| Settings::load(&origin, Some(&text), []).ok())
        .unwrap_or_else(|| cfg.settings.clone());
    let body = html! {
        h1 { (t.t("nav-settings")) }
        @if let Some(n) = notice { div.notice role="alert" { (n) } }
        section.card aria-labelledby="users-h" {
            h2 #users-h { (t.t("users")) }
            table.list {
                thead { tr { th { (t.t("login")) } th { (t.t("role")) } th { (t.t("state")) } th { span.sr { (t.t("actions")) } } } }
                tbody {
                    @for u in &users {
                        tr {
                            td { (u.login) }
                            td { (t.t(&format!("role-{}", u.role.as_str()))) }
                            td { @if u.disabled { (t.t("disabled")) } @else { (t.t("active")) } }
                            td {
                                @if !u.disabled && u.login != v.user.login {
                                    form.inline method="post" action=(format!("/settings/users/{}/disable", super::urlencode(&u.login))) {
                                        input type="hidden" name="csrf" value=(v.csrf);
                                        button type="submit" { (t.t("disable")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.add-user method="post" action="/settings/users" {
                input type="hidden" name="csrf" value=(v.csrf);
                label for="nu-login" { (t.t("login")) }
                input #nu-login name="login" required maxlength="64" autocomplete="off";
                label for="nu-role" { (t.t("role")) }
                select #nu-role name="role" {
                    @for r in [Role::Agent, Role::Supervisor, Role::Admin] {
                        option value=(r.as_str()) { (t.t(&format!("role-{}", r.as_str()))) }
                    }
                }
                label for="nu-password" { (t.t("password")) }
                input #nu-password name="password" type="password" required minlength="8" autocomplete="new-password";
                button type="submit" { (t.t("add-user")) }
            }
        }
        @if !editable {
            p.notice { (t.t("settings-not-editable")) }
        }
        @for key in EDITABLE {
            @let text = match &kept {
                Some((k, text)) if k == key => text.clone(),
                _ => file.section_toml(key),
            };
            section.card aria-labelledby=(format!("s-{key}-h")) {
                h2 id=(format!("s-{key}-h")) { (t.t(&format!("section-{key}"))) }
                p.hint { (t.t(&format!("section-{key}-hint"))) }
                form.section method="post" action=(format!("/settings/section/{key}")) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    label for=(format!("s-{key}")) { (t.t("section-toml")) }
                    textarea.toml id=(format!("s-{key}")) name="toml" rows="8" spellcheck="false" { (text) }
                    @if editable { button type="submit" { (t.t("save")) } }
                }
            }
        }
        section.card aria-labelledby="hooks-h" {
            h2 #hooks-h { (t.t("webhooks")) }
            table.list {
                thead { tr { th { (t.t("name")) } th { (t.t("format")) } th { (t.t("events")) } th { span.sr { (t.t("actions")) } } } }
                tbody {
                    @for w in &cfg.settings.webhooks {
                        tr {
                            td { (w.name) }
                            td { (w.format) }
                            td { @if w.events.is_empty() { (t.t("all")) } @else { (w.events.join(", ")) } }
                            td {
                                @if editable {
                                    form.inline method="post" action=(format!("/settings/webhooks/{}/remove", super::urlencode(&w.name))) {
                                        input type="hidden" name="csrf" value=(v.csrf);
                                        button type="submit" { (t.t("remove")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if editable {
                form.add-user method="post" action="/settings/webhooks" {
                    input type="hidden" name="csrf" value=(v.csrf);
                    label for="wh-name" { (t.t("name")) }
                    input #wh-name name="name" required maxlength="64";
                    label for="wh-url" { (t.t("webhook-url")) }
                    input #wh-url name="url" type="url" required autocomplete="off";
                    label for="wh-format" { (t.t("format")) }
                    select #wh-format name="format" {
                        option value="json" { "json" }
                        option value="slack" { "slack" }
                        option value="telegram" { "telegram" }
                    }
                    label for="wh-secret" { (t.t("webhook-secret")) }
                    input #wh-secret name="secret" type="password" autocomplete="new-password";
                    label for="wh-chat" { (t.t("webhook-chat")) }
                    input #wh-chat name="chat_id";
                    label for="wh-events" { (t.t("events")) }
                    input #wh-events name="events" placeholder="sla_warning, sla_breach, high_risk, follow_up_due";
                    button type="submit" { (t.t("add-webhook")) }
                }
            }
        }
        section.card aria-labelledby="tokens-h" {
            h2 #tokens-h { (t.t("tokens")) }
            table.list {
                thead { tr { th { (t.t("name")) } th { (t.t("role")) } th { (t.t("state")) } } }
                tbody {
                    @for k in &tokens {
                        tr {
                            td { (k.name) }
                            td { (k.role.as_str()) }
                            td { @if k.revoked_at.is_some() { (t.t("revoked")) } @else { (t.t("active")) } }
                        }
                    }
                }
            }
            p.hint { (t.t("tokens-hint")) }
        }
    };
    let mut r =
        Html(page(&v, &t.t("nav-settings"), "settings", body).into_string()).into_response();
    // Settings and people are not for a shared browser's cache.
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Apply `change` to the settings as the file holds them (without the environment's
/// overrides, which must not be written into the file), check the result with them, write the
/// file, put it in effect and audit it.
async fn change_settings(
    st: Shared,
    v: Viewer,
    what: String,
    change: impl FnOnce(&Settings, &str) -> Result<Settings, String> + Send + 'static,
) -> Result<(), String> {
    let st2 = st.clone();
    let who = v.actor();
    let r = super::blocking(move || -> Result<(), String> {
        // One change at a time: two admins saving at once must not lose one of the changes.
        let _one = SETTINGS_WRITE.lock().unwrap_or_else(|p| p.into_inner());
        let path = st2
            .settings_path
            .clone()
            .ok_or_else(|| "this server was started without a settings file".to_string())?;
        let origin = path.display().to_string();
        let old = std::fs::read_to_string(&path).map_err(|e| format!("{origin}: {e}"))?;
        let file = Settings::load(&origin, Some(&old), []).map_err(|e| e.to_string())?;
        let next = change(&file, &origin)?;
        let text = next.to_toml().map_err(|e| e.to_string())?;
        let effective =
            Settings::load(&origin, Some(&text), std::env::vars()).map_err(|e| e.to_string())?;
        let cfg = Config::new(effective, st2.analyzer).map_err(|e| format!("{e:#}"))?;
        // Nothing is half-saved: the new file is complete on disk before it replaces the old.
        let tmp = path.with_extension("toml.new");
        write_private(&tmp, &text).map_err(|e| format!("{}: {e}", tmp.display()))?;
        write_private(&path.with_extension("toml.bak"), &old)
            .map_err(|e| format!("{origin}.bak: {e}"))?;
        std::fs::rename(&tmp, &path).map_err(|e| format!("{origin}: {e}"))?;
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let digest = crate::desk::token_hash(
            &serde_json::to_string(&cfg.settings.redacted()).map_err(|e| e.to_string())?,
        );
        let names = cfg.settings.desk.brand_names();
        let cfg = st2.set_config(cfg);
        let mut s = store(&st2)?;
        s.record_event(
            &who,
            "settings.changed",
            None,
            None,
            &json!({ "sha256": digest, "what": what }),
            now,
        )
        .map_err(|e| e.to_string())?;
        // A brand new to the store looks for its earlier unmatched mentions (bug 11).
        if s.sync_brands(&names).map_err(|e| e.to_string())? > 0 {
            crate::rematch::rematch(&mut s, &cfg.pipeline, &cfg.desk, now)
                .map_err(|e| format!("{e:#}"))?;
        }
        Ok(())
    })
    .await
    .unwrap_or_else(|| Err("the settings task failed".into()));
    if r.is_ok() {
        st.live.publish("mentions", None);
    }
    r
}

/// One settings change at a time (see `change_settings`).
static SETTINGS_WRITE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Write a file only its owner reads (it holds webhook secrets), synced to disk.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[derive(Deserialize)]
pub struct SectionForm {
    #[serde(default)]
    toml: String,
}

/// `POST /settings/section/{key}`: one section replaced by the TOML in the box.
pub async fn save_section(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(key): Path<String>,
    Form(f): Form<SectionForm>,
) -> Response {
    let Some(key) = EDITABLE.iter().copied().find(|k| *k == key) else {
        return super::refusal(v.t, StatusCode::NOT_FOUND, "err-no-section");
    };
    let text = f.toml.clone();
    let r = change_settings(
        st.clone(),
        v.clone(),
        key.to_string(),
        move |file, origin| {
            file.with_section(origin, key, &text, [])
                .map_err(|e| e.to_string())
        },
    )
    .await;
    match r {
        Ok(()) => Redirect::to("/settings").into_response(),
        Err(msg) => {
            let mut r = settings_with(st, v, Some(msg), Some((key.to_string(), f.toml))).await;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
    }
}

#[derive(Deserialize)]
pub struct WebhookForm {
    name: String,
    url: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    chat_id: String,
    #[serde(default)]
    events: String,
}

/// `POST /settings/webhooks`: a new webhook (its address and secret never shown again).
pub async fn add_webhook(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Form(f): Form<WebhookForm>,
) -> Response {
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let hook = Webhook {
        name: f.name.trim().to_string(),
        url: f.url.trim().to_string(),
        format: some(&f.format).unwrap_or_else(|| "json".into()),
        secret: some(&f.secret),
        chat_id: some(&f.chat_id),
        events: f
            .events
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let what = format!("webhook {} added", hook.name);
    let r = change_settings(st.clone(), v.clone(), what, move |file, _| {
        let mut next = file.clone();
        next.webhooks.push(hook);
        next.validate().map_err(|e| e.to_string())?;
        Ok(next)
    })
    .await;
    match r {
        Ok(()) => Redirect::to("/settings").into_response(),
        Err(msg) => {
            let mut r = settings_with(st, v, Some(msg), None).await;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
    }
}

/// `POST /settings/webhooks/{name}/remove`.
pub async fn remove_webhook(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(name): Path<String>,
) -> Response {
    let what = format!("webhook {name} removed");
    let r = change_settings(st.clone(), v.clone(), what, move |file, _| {
        let mut next = file.clone();
        let before = next.webhooks.len();
        next.webhooks.retain(|w| w.name != name);
        if next.webhooks.len() == before {
            return Err(format!("there is no webhook {name:?}"));
        }
        Ok(next)
    })
    .await;
    match r {
        Ok(()) => Redirect::to("/settings").into_response(),
        Err(msg) => settings_with(st, v, Some(msg), None).await,
    }
}

#[derive(Deserialize)]
pub struct NewUser {
    login: String,
    role: String,
    password: String,
}

/// `POST /settings/users`.
pub async fn add_user(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Form(f): Form<NewUser>,
) -> Response {
    let Some(role) = Role::parse_person(&f.role).filter(|r| *r != Role::Reader) else {
        return settings_with(st, v.clone(), Some(v.t.t("err-bad-role")), None).await;
    };
    let hash = match crate::password::hash(&f.password) {
        Ok(h) => h,
        Err(e) => return settings_with(st, v, Some(e.to_string()), None).await,
    };
    let st2 = st.clone();
    let who = v.actor();
    let r = super::blocking(move || -> Result<Result<i64, String>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        Ok(s.add_user_by(&f.login, role, &hash, &who, now)
            .map_err(|e| e.to_string()))
    })
    .await;
    match r {
        Some(Ok(Ok(_))) => Redirect::to("/settings").into_response(),
        Some(Ok(Err(msg))) => {
            let mut r = settings_with(st, v, Some(msg), None).await;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
        Some(Err(e)) => internal(v.t, e),
        None => internal(v.t, "the task failed"),
    }
}

/// `POST /settings/users/{login}/disable`: the user's sessions end at once.
pub async fn disable_user(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(login): Path<String>,
) -> Response {
    if login == v.user.login {
        return settings_with(st, v.clone(), Some(v.t.t("err-disable-self")), None).await;
    }
    let st2 = st.clone();
    let who = v.actor();
    let r = super::blocking(move || -> Result<Result<(), String>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        Ok(s.disable_user_by(&login, &who, now)
            .map_err(|e| e.to_string()))
    })
    .await;
    match r {
        Some(Ok(Ok(()))) => Redirect::to("/settings").into_response(),
        Some(Ok(Err(msg))) => settings_with(st, v, Some(msg), None).await,
        Some(Err(e)) => internal(v.t, e),
        None => internal(v.t, "the task failed"),
    }
}
