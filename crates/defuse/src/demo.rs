//! The demo's week, replayed: its mentions arrive in posting order, a small team (anna, max,
//! ioana) works the cases older than a day and a half the way the method says — answer publicly,
//! move to private, resolve, post the resolution, follow up; ignore trolls, hide spam under the
//! spam rule — and the background jobs run every simulated hour, so the desk opens with a real
//! history (transitions, replies, moderation, alerts, audit) and the last day and a half open.
//! Everything goes through the same store calls as the CLI and the API.

use crate::alerts;
use crate::settings::Webhook;
use defuse_core::moderation::Action;
use defuse_core::workflow::{Actor, FollowUpOutcome, Role, Status};
use defuse_store::Incoming;
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use defuse_text::Kind;
use jiff::{SignedDuration, Timestamp};
use std::sync::Mutex;

/// What the replay did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Replay {
    pub new: u64,
    pub unmatched: u64,
    pub actions: u64,
    pub alerts: u64,
}

#[derive(Debug, Clone)]
enum Step {
    /// The first public answer: skipped when the case is no longer new (the brand's own account
    /// answered in the thread already).
    Ack {
        text: &'static str,
    },
    Reply {
        text: &'static str,
        public: bool,
    },
    Move {
        to: Status,
        reason: &'static str,
    },
    HideFirst {
        rule: &'static str,
    },
    FollowUp,
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn agent(lang: &str, id: i64) -> Actor {
    let name = match (lang, id % 2) {
        ("ro", _) => "ioana",
        (_, 0) => "anna",
        _ => "max",
    };
    Actor {
        name: name.into(),
        role: Role::Agent,
    }
}

fn say(lang: &str, ru: &'static str, en: &'static str, ro: &'static str) -> &'static str {
    match lang {
        "ru" | "uk" => ru,
        "ro" => ro,
        _ => en,
    }
}

/// The team's plan for a case opened at `opened`, by kind.
fn plan(kind: Kind, lang: &str, id: i64) -> Vec<(SignedDuration, Step)> {
    let jitter = id % 25;
    match kind {
        Kind::Complaint => {
            let mut p = vec![
                (
                    mins(20 + jitter),
                    Step::Ack {
                        text: say(
                            lang,
                            "Здравствуйте! Спасибо, что написали, и простите за неудобства. Уже разбираемся — напишите, пожалуйста, номер договора в личные сообщения.",
                            "Hi, thank you for telling us, and sorry for the trouble. We are looking into it now — please send us your booking or account number in a private message.",
                            "Bună ziua! Vă mulțumim că ne-ați scris și ne pare rău pentru neplăcere. Verificăm acum — vă rugăm să ne trimiteți numărul contului în mesaj privat.",
                        ),
                    },
                ),
                (
                    mins(70 + jitter),
                    Step::Reply {
                        text: say(
                            lang,
                            "Нашли вашу заявку, передали специалистам. Вернёмся с ответом сегодня.",
                            "We found your case and passed it to the team; we will get back to you today.",
                            "Am găsit solicitarea și am transmis-o echipei; revenim astăzi cu un răspuns.",
                        ),
                        public: false,
                    },
                ),
                (
                    mins(20 * 60 + jitter * 7),
                    Step::Move {
                        to: Status::Resolved,
                        reason: "fixed and confirmed with the customer in private",
                    },
                ),
                (
                    mins(20 * 60 + 10 + jitter * 7),
                    Step::Reply {
                        text: say(
                            lang,
                            "Проблему устранили, деньги вернули. Спасибо за терпение — если что-то снова пойдёт не так, пишите сюда.",
                            "This is fixed now and the refund is on its way. Thank you for your patience — write here if anything goes wrong again.",
                            "Problema a fost rezolvată. Vă mulțumim pentru răbdare — scrieți-ne aici dacă mai apare ceva.",
                        ),
                        public: true,
                    },
                ),
            ];
            if id % 3 == 0 {
                p.push((mins(3 * 24 * 60 + 90), Step::FollowUp));
            }
            p
        }
        Kind::Question => vec![
            (
                mins(15 + jitter),
                Step::Ack {
                    text: say(
                        lang,
                        "Здравствуйте! Спасибо за вопрос. Подробный ответ — в справке на сайте, а если останутся вопросы, напишите нам в личные сообщения.",
                        "Hi, thanks for asking! The full answer is in the help centre on our site; if anything is unclear, message us privately.",
                        "Bună ziua! Mulțumim pentru întrebare. Răspunsul complet este în secțiunea de ajutor de pe site; pentru detalii, scrieți-ne în privat.",
                    ),
                },
            ),
            (
                mins(90 + jitter),
                Step::Move {
                    to: Status::Resolved,
                    reason: "answered",
                },
            ),
        ],
        Kind::Troll => vec![
            (mins(25 + jitter), Step::HideFirst { rule: "hate" }),
            (
                mins(26 + jitter),
                Step::Move {
                    to: Status::Ignored,
                    reason: "a troll with no concrete problem [T3]",
                },
            ),
        ],
        Kind::Spam => vec![
            (mins(10 + jitter), Step::HideFirst { rule: "spam" }),
            (
                mins(11 + jitter),
                Step::Move {
                    to: Status::Ignored,
                    reason: "spam [T4]",
                },
            ),
        ],
        Kind::Praise => vec![
            (
                mins(60 + jitter * 3),
                Step::Ack {
                    text: say(
                        lang,
                        "Спасибо за тёплые слова! Передадим команде — им будет приятно.",
                        "Thank you, that made our day! We'll pass it on to the team.",
                        "Vă mulțumim pentru cuvintele frumoase! Le transmitem echipei.",
                    ),
                },
            ),
            (
                mins(61 + jitter * 3),
                Step::Move {
                    to: Status::Resolved,
                    reason: "thanked",
                },
            ),
            (
                mins(62 + jitter * 3),
                Step::Move {
                    to: Status::Closed,
                    reason: "praise: nothing to follow up",
                },
            ),
        ],
        Kind::Other => vec![(
            mins(120 + jitter),
            Step::Move {
                to: Status::Ignored,
                reason: "unrelated chatter, nothing to answer [ST1]",
            },
        )],
    }
}

fn apply(
    store: &mut SqliteStore,
    dp: &DeskPolicy,
    case: i64,
    lang: &str,
    step: &Step,
    at: Timestamp,
) -> bool {
    let who = agent(lang, case);
    let status = |s: &SqliteStore| s.case(case, at).ok().flatten().map(|c| c.case.status);
    match step {
        Step::Reply { text, public } => store.reply(case, text, *public, &who, at, dp).is_ok(),
        Step::Ack { text } => {
            if status(store) != Some(Status::New) {
                return false;
            }
            store.reply(case, text, true, &who, at, dp).is_ok()
        }
        Step::Move { to, reason } => store.transition(case, *to, reason, &who, at, dp).is_ok(),
        Step::HideFirst { rule } => {
            let first = store
                .case(case, at)
                .ok()
                .flatten()
                .and_then(|c| c.thread.first().map(|m| m.id));
            match first {
                Some(m) => store
                    .moderate(
                        m,
                        Action::Hide,
                        Some(rule),
                        "community rule",
                        None,
                        &who,
                        at,
                        dp,
                    )
                    .is_ok(),
                None => false,
            }
        }
        Step::FollowUp => store
            .follow_up(
                case,
                FollowUpOutcome::Solved,
                "confirmed by the customer",
                &who,
                at,
                dp,
            )
            .is_ok(),
    }
}

/// Replays `incoming` (any order) into `store` up to `now`; cases opened before
/// `now - handled_before` are worked by the team.
pub fn replay(
    store: SqliteStore,
    dp: &DeskPolicy,
    webhooks: &[Webhook],
    mut incoming: Vec<Incoming>,
    now: Timestamp,
    handled_before: SignedDuration,
) -> anyhow::Result<(SqliteStore, Replay)> {
    incoming.sort_by_key(|i| i.mention.created_at);
    let cutoff = now.checked_sub(handled_before).unwrap_or(now);
    let store = Mutex::new(store);
    let lock = || {
        store
            .lock()
            .map_err(|_| anyhow::anyhow!("the store lock is poisoned"))
    };
    let mut r = Replay::default();
    // (when, case, lang, step), kept sorted by time.
    let mut pending: Vec<(Timestamp, i64, String, Step)> = Vec::new();
    let mut planned = std::collections::HashSet::new();
    let mut next_tick: Option<Timestamp> = None;
    let run_until = |until: Timestamp,
                     pending: &mut Vec<(Timestamp, i64, String, Step)>,
                     next_tick: &mut Option<Timestamp>,
                     r: &mut Replay|
     -> anyhow::Result<()> {
        loop {
            let next_step = pending.first().map(|p| p.0).filter(|t| *t <= until);
            let tick = next_tick.filter(|t| *t <= until);
            match (next_step, tick) {
                (Some(s), Some(t)) if t <= s => {
                    r.alerts += alerts::tick(&store, dp, webhooks, t)?.jobs.fired;
                    *next_tick = t.checked_add(mins(60)).ok();
                }
                (Some(_), _) => {
                    let (at, case, lang, step) = pending.remove(0);
                    if apply(&mut *lock()?, dp, case, &lang, &step, at) {
                        r.actions += 1;
                    }
                }
                (None, Some(t)) => {
                    r.alerts += alerts::tick(&store, dp, webhooks, t)?.jobs.fired;
                    *next_tick = t.checked_add(mins(60)).ok();
                }
                (None, None) => return Ok(()),
            }
        }
    };
    for inc in incoming {
        let posted = inc.mention.created_at.unwrap_or(now);
        let arrived = posted.checked_add(mins(1)).unwrap_or(posted).min(now);
        if next_tick.is_none() {
            next_tick = Some(arrived);
        }
        run_until(arrived, &mut pending, &mut next_tick, &mut r)?;
        let (source, id) = (inc.mention.source.clone(), inc.mention.id.clone());
        let kind = inc.analysis.kind;
        let lang = inc.analysis.lang.as_str().to_string();
        let from_brand = inc.by_brand.is_some();
        let sum = lock()?.ingest(vec![inc], dp, arrived)?;
        r.new += sum.new;
        r.unmatched += sum.unmatched;
        if from_brand || posted >= cutoff {
            continue;
        }
        if let Some(case) = lock()?.case_of_mention(&source, &id)?
            && planned.insert(case)
        {
            for (after, step) in plan(kind, &lang, case) {
                let at = posted.checked_add(after).unwrap_or(posted);
                if at <= now {
                    pending.push((at, case, lang.clone(), step));
                }
            }
            pending.sort_by_key(|p| p.0);
        }
    }
    run_until(now, &mut pending, &mut next_tick, &mut r)?;
    r.alerts += alerts::tick(&store, dp, webhooks, now)?.jobs.fired;
    let store = store
        .into_inner()
        .map_err(|_| anyhow::anyhow!("the store lock is poisoned"))?;
    Ok((store, r))
}
