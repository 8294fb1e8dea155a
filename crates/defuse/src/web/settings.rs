//! The admin's settings page: the people who use the desk (add, disable), the API tokens, and
//! the desk's effective settings as they were read at start (brands, service levels, business
//! hours, community rules, webhooks without their addresses or secrets). Only an admin reaches
//! it: the guard refuses every other role, whatever the request.

use super::layout::page;
use super::session::Viewer;
use super::{internal, store};
use crate::server::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use defuse_core::workflow::Role;
use maud::html;
use serde::Deserialize;

/// `GET /settings`.
pub async fn settings_page(State(st): State<Shared>, Extension(v): Extension<Viewer>) -> Response {
    settings_with(st, v, None).await
}

async fn settings_with(st: Shared, v: Viewer, notice: Option<String>) -> Response {
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
    let shown = st.settings_shown.clone();
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
        section.card aria-labelledby="eff-h" {
            h2 #eff-h { (t.t("effective-settings")) }
            p.hint { (t.t("effective-settings-hint")) }
            pre.settings { (shown) }
        }
    };
    Html(page(&v, &t.t("nav-settings"), "settings", body).into_string()).into_response()
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
        return settings_with(st, v.clone(), Some(v.t.t("err-bad-role"))).await;
    };
    let hash = match crate::password::hash(&f.password) {
        Ok(h) => h,
        Err(e) => return settings_with(st, v, Some(e.to_string())).await,
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
            let mut r = settings_with(st, v, Some(msg)).await;
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
        return settings_with(st, v.clone(), Some(v.t.t("err-disable-self"))).await;
    }
    let st2 = st.clone();
    let r = super::blocking(move || -> Result<Result<(), String>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        Ok(s.disable_user(&login, now).map_err(|e| e.to_string()))
    })
    .await;
    match r {
        Some(Ok(Ok(()))) => Redirect::to("/settings").into_response(),
        Some(Ok(Err(msg))) => settings_with(st, v, Some(msg)).await,
        Some(Err(e)) => internal(v.t, e),
        None => internal(v.t, "the task failed"),
    }
}
