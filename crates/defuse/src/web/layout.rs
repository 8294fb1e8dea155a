//! The desk's page shell: head (styles, the one script, the CSRF token in a meta tag), the top
//! bar (queue, settings for admins, language, sign-out) and the keyboard help overlay. Every
//! value is escaped by maud; no inline script or style attribute with outside text.

use super::assets;
use super::i18n::{T, UiLang};
use super::session::Viewer;
use maud::{DOCTYPE, Markup, html};

/// The common head and top bar around `body`.
pub fn page(v: &Viewer, title: &str, active: &str, body: Markup) -> Markup {
    let t = v.t;
    html! {
        (DOCTYPE)
        html lang=(v.t.0.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf-token" content=(v.csrf);
                meta name="desk-lang" content=(v.t.0.as_str());
                meta name="desk-l10n" content=(l10n(t));
                title { (title) " — defuse" }
                link rel="stylesheet" href=(assets::url("desk.css"));
                link rel="icon" href=(assets::url("icon.svg")) type="image/svg+xml";
                script src=(assets::url("desk.js")) defer {}
            }
            body {
                a.skip href="#main" { (t.t("skip-to-content")) }
                header.top {
                    a.brand href="/cases" aria-label="defuse" {
                        img src=(assets::url("icon.svg")) alt="" width="20" height="20";
                        span { "defuse" }
                    }
                    nav aria-label=(t.t("nav-label")) {
                        a href="/cases" aria-current=[(active == "queue").then_some("page")] { (t.t("nav-queue")) }
                        @if v.user.role.may(defuse_core::workflow::Permission::Admin) {
                            a href="/settings" aria-current=[(active == "settings").then_some("page")] { (t.t("nav-settings")) }
                        }
                    }
                    div.who {
                        span.user title=(v.user.role.as_str()) {
                            (v.user.login) " · " (t.t(&format!("role-{}", v.user.role.as_str())))
                        }
                        form.inline method="post" action="/prefs" {
                            input type="hidden" name="csrf" value=(v.csrf);
                            label.sr for="ui-lang" { (t.t("language")) }
                            select id="ui-lang" name="lang" data-autosubmit {
                                @for l in UiLang::ALL {
                                    option value=(l.as_str()) selected[l == v.t.0] { (l.own_name()) }
                                }
                            }
                            noscript { button type="submit" { (t.t("save")) } }
                        }
                        form.inline method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(v.csrf);
                            button type="submit" { (t.t("sign-out")) }
                        }
                        button type="button" data-help aria-label=(t.t("keys-title")) { "?" }
                    }
                }
                main id="main" tabindex="-1" { (body) }
                (help(t))
            }
        }
    }
}

/// The words the page's script needs, as JSON (countdowns, notices).
fn l10n(t: T) -> String {
    serde_json::json!({
        "within": t.t("js-due-within"),
        "breached": t.t("js-due-breached"),
        "d": t.t("js-unit-d"),
        "h": t.t("js-unit-h"),
        "min": t.t("js-unit-min"),
        "changed": t.t("case-changed"),
        "clean": t.t("check-clean"),
        "suggestion": t.t("suggestion"),
    })
    .to_string()
}

/// The keyboard help overlay (`?`).
fn help(t: T) -> Markup {
    let keys = [
        ("j / k", "keys-next-prev"),
        ("Enter / o", "keys-open"),
        ("r", "keys-reply"),
        ("a", "keys-assign"),
        ("m", "keys-move"),
        ("/", "keys-search"),
        ("g q", "keys-queue"),
        ("?", "keys-help"),
        ("Esc", "keys-close"),
    ];
    html! {
        div #help .overlay role="dialog" aria-modal="true" aria-labelledby="help-title" hidden {
            div.panel {
                h2 #help-title { (t.t("keys-title")) }
                dl.keys {
                    @for (k, what) in keys {
                        dt { kbd { (k) } }
                        dd { (t.t(what)) }
                    }
                }
                button type="button" data-close { (t.t("close")) }
            }
        }
    }
}

/// A page for someone not signed in (the sign-in form, errors before a session).
pub fn bare(t: T, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(t.0.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — defuse" }
                link rel="stylesheet" href=(assets::url("desk.css"));
                link rel="icon" href=(assets::url("icon.svg")) type="image/svg+xml";
                script src=(assets::url("desk.js")) defer {}
            }
            body.bare {
                main id="main" { (body) }
            }
        }
    }
}

/// A short, escaped excerpt: the first `max` characters, with an ellipsis when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}
