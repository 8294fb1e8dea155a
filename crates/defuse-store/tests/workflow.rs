//! The case workflow on a real SQLite file, with the clock driven by the test (no sleeping):
//! breaches exactly at the deadline [RT1], business hours and pauses [RT1], next response [RT2],
//! follow-ups that fire once across a restart [F1], resolution posted [F2], the moderation
//! policy [M1–M4] and the audit chain catching a record edited in the database.

use defuse_core::mention::{Author, Mention};
use defuse_core::moderation::Action;
use defuse_core::settings::DeskSettings;
use defuse_core::workflow::{Actor, FollowUpOutcome, Role, Status};
use defuse_store::desk::{DeskError, DeskPolicy};
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, Incoming, MatchedBy};
use defuse_text::{Analyzer, Scratch};
use jiff::Timestamp;

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

fn mention(id: &str, author: &str, text: &str, at: &str) -> Mention {
    let mut m = Mention::new("vk", id, text);
    m.created_at = Some(t(at));
    m.author = Some(Author {
        id: Some(author.to_string()),
        handle: Some(author.to_string()),
        ..Author::default()
    });
    m
}

fn incoming(m: Mention, brand: Option<&str>, by_brand: Option<&str>, now: Timestamp) -> Incoming {
    let an = Analyzer::builtin().expect("model");
    let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
    Incoming::new(
        m,
        analysis,
        brand.map(|b| (b.to_string(), MatchedBy::Name)),
        by_brand.map(str::to_string),
        now,
    )
}

fn open(path: &std::path::Path) -> SqliteStore {
    let mut s = SqliteStore::open(path).expect("open");
    s.sync_brands(&["Облачко".to_string()]).expect("brands");
    s
}

fn desk(toml: &str) -> DeskPolicy {
    let s: DeskSettings = toml::from_str(toml).expect("settings");
    s.validate().expect("valid settings");
    DeskPolicy::from_settings(&s).expect("policy")
}

const RULES: &str = r#"
[[community_rules]]
id = "spam"
text = "Ads are removed."
covers = ["spam"]
"#;

fn agent(name: &str) -> Actor {
    Actor {
        name: name.into(),
        role: Role::Agent,
    }
}

fn one_case(s: &mut SqliteStore, dp: &DeskPolicy, text: &str, at: &str) -> i64 {
    let now = t(at);
    s.ingest(
        vec![incoming(
            mention("1", "ira", text, at),
            Some("Облачко"),
            None,
            now,
        )],
        dp,
        now,
    )
    .expect("ingest");
    s.cases(
        &CaseFilter {
            limit: 10,
            ..CaseFilter::default()
        },
        now,
    )
    .expect("cases")[0]
        .id
}

fn alerts(s: &SqliteStore, kind: &str) -> usize {
    s.audit(&defuse_store::desk::AuditFilter {
        action: Some(format!("alert.{kind}")),
        limit: 1000,
        ..Default::default()
    })
    .expect("audit")
    .len()
}

fn tick(s: &mut SqliteStore, dp: &DeskPolicy, at: &str) {
    s.schedule_alerts(t(at), dp).expect("scan");
    s.run_jobs(t(at), dp).expect("jobs");
}

#[test]
fn rt1_a_case_breaches_exactly_at_its_deadline_and_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(RULES);
    one_case(
        &mut s,
        &dp,
        "Облачко, интернета нет с утра, верните деньги",
        "2026-11-20T10:00:00Z",
    );
    tick(&mut s, &dp, "2026-11-20T10:44:59Z");
    assert_eq!(alerts(&s, "sla_warning"), 0);
    tick(&mut s, &dp, "2026-11-20T10:45:00Z");
    assert_eq!(alerts(&s, "sla_warning"), 1, "warning at 75% of 60 min");
    tick(&mut s, &dp, "2026-11-20T10:59:59.999Z");
    assert_eq!(alerts(&s, "sla_breach"), 0);
    let breached = |s: &SqliteStore, at: &str| {
        s.cases(
            &CaseFilter {
                breached: true,
                limit: 10,
                ..CaseFilter::default()
            },
            t(at),
        )
        .expect("cases")
        .len()
    };
    assert_eq!(breached(&s, "2026-11-20T10:59:59.999Z"), 0);
    assert_eq!(breached(&s, "2026-11-20T11:00:00Z"), 1);
    tick(&mut s, &dp, "2026-11-20T11:00:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 1);
    tick(&mut s, &dp, "2026-11-20T11:30:00Z");
    tick(&mut s, &dp, "2026-11-20T12:00:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 1, "a breach alerts once");
    assert_eq!(alerts(&s, "sla_warning"), 1);
}

#[test]
fn rt1_answering_before_the_deadline_cancels_the_breach() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(RULES);
    let id = one_case(
        &mut s,
        &dp,
        "Облачко, интернета нет с утра",
        "2026-11-20T10:00:00Z",
    );
    tick(&mut s, &dp, "2026-11-20T10:50:00Z");
    s.reply(
        id,
        "Здравствуйте! Уже разбираемся.",
        true,
        &agent("anna"),
        t("2026-11-20T10:55:00Z"),
        &dp,
    )
    .expect("reply");
    tick(&mut s, &dp, "2026-11-20T11:00:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 0);
    let v = s
        .case_view(id, t("2026-11-20T11:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(v.detail.case.status.as_str(), "acknowledged");
    let first = &v.workflow.clocks[0];
    assert_eq!(first.state.as_str(), "met");
}

#[test]
fn business_hours_count_only_open_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(&format!(
        "{RULES}\n[business_hours]\ntime_zone = \"Europe/Moscow\"\nschedule = [\"mon-fri 09:00-18:00\"]\n"
    ));
    // Friday 17:30 Moscow (14:30 UTC): 30 minutes today, 30 on Monday → due Monday 09:30 MSK.
    one_case(
        &mut s,
        &dp,
        "Облачко, не работает приложение",
        "2026-11-20T14:30:00Z",
    );
    tick(&mut s, &dp, "2026-11-23T06:29:59Z");
    assert_eq!(alerts(&s, "sla_breach"), 0, "the weekend does not count");
    tick(&mut s, &dp, "2026-11-23T06:30:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 1);
}

#[test]
fn waiting_for_the_customer_pauses_the_resolution_clock() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(&format!("{RULES}\n[service_levels]\nresolution = \"1d\"\n"));
    let id = one_case(
        &mut s,
        &dp,
        "Облачко, списали деньги дважды",
        "2026-11-20T10:00:00Z",
    );
    let a = agent("anna");
    s.reply(
        id,
        "Спасибо, разбираемся!",
        true,
        &a,
        t("2026-11-20T10:10:00Z"),
        &dp,
    )
    .expect("reply");
    // 6 h of the 24 used; then 3 days waiting for the customer.
    s.transition(
        id,
        Status::WaitingCustomer,
        "asked for the receipt",
        &a,
        t("2026-11-20T16:00:00Z"),
        &dp,
    )
    .expect("wait");
    tick(&mut s, &dp, "2026-11-23T16:00:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 0, "paused");
    // The customer answers: 18 h are left from now.
    s.ingest(
        vec![incoming(
            {
                let mut m = mention("2", "ira", "Вот чек", "2026-11-23T16:00:00Z");
                m.parent_id = Some("1".into());
                m
            },
            Some("Облачко"),
            None,
            t("2026-11-23T16:00:00Z"),
        )],
        &dp,
        t("2026-11-23T16:00:00Z"),
    )
    .expect("ingest");
    let v = s
        .case_view(id, t("2026-11-23T16:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(
        v.detail.case.status.as_str(),
        "acknowledged",
        "a customer message resumes the case"
    );
    assert_eq!(
        v.detail.case.resolution_due,
        Some(t("2026-11-24T10:00:00Z"))
    );
    // RT2: the customer's message after the answer started the next-response clock (2 h).
    assert_eq!(
        v.detail.case.next_response_due,
        Some(t("2026-11-23T18:00:00Z"))
    );
    s.reply(
        id,
        "Спасибо, вернули деньги.",
        true,
        &a,
        t("2026-11-23T17:00:00Z"),
        &dp,
    )
    .expect("reply");
    tick(&mut s, &dp, "2026-11-24T09:59:59Z");
    assert_eq!(
        alerts(&s, "sla_breach"),
        0,
        "next response met, resolution not yet due"
    );
    tick(&mut s, &dp, "2026-11-24T10:00:00Z");
    assert_eq!(alerts(&s, "sla_breach"), 1);
}

#[test]
fn f1_a_follow_up_fires_once_after_a_restart_and_still_broken_reopens() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("d.db");
    let dp = desk(RULES);
    let a = agent("anna");
    let id = {
        let mut s = open(&path);
        let id = one_case(
            &mut s,
            &dp,
            "Облачко, нет интернета",
            "2026-11-20T10:00:00Z",
        );
        s.reply(
            id,
            "Спасибо, проверяем линию.",
            true,
            &a,
            t("2026-11-20T10:20:00Z"),
            &dp,
        )
        .expect("reply");
        let o = s
            .transition(
                id,
                Status::Resolved,
                "line repaired",
                &a,
                t("2026-11-20T15:00:00Z"),
                &dp,
            )
            .expect("resolve");
        assert_eq!(o.status, "resolved");
        // F2: the public answer after the resolution is the resolution posted.
        let o = s
            .reply(
                id,
                "Линию починили, проверьте, пожалуйста.",
                true,
                &a,
                t("2026-11-20T15:05:00Z"),
                &dp,
            )
            .expect("reply");
        assert_eq!(o.status, "resolution_posted");
        tick(&mut s, &dp, "2026-11-23T14:59:59Z");
        assert_eq!(alerts(&s, "follow_up"), 0, "3 days not yet gone");
        id
    };
    // A restart: a fresh connection on the same file.
    {
        let mut s = open(&path);
        tick(&mut s, &dp, "2026-11-23T15:00:00Z");
        assert_eq!(alerts(&s, "follow_up"), 1);
    }
    {
        let mut s = open(&path);
        tick(&mut s, &dp, "2026-11-23T16:00:00Z");
        tick(&mut s, &dp, "2026-11-30T16:00:00Z");
        assert_eq!(
            alerts(&s, "follow_up"),
            1,
            "fired once, not again after the restart"
        );
        let o = s
            .follow_up(
                id,
                FollowUpOutcome::StillBroken,
                "опять пропадает",
                &a,
                t("2026-11-23T17:00:00Z"),
                &dp,
            )
            .expect("outcome");
        assert_eq!(o.status, "acknowledged", "still broken reopens");
        let v = s
            .case_view(id, t("2026-11-23T17:00:00Z"), &dp)
            .expect("view")
            .expect("case");
        assert_eq!(
            v.workflow.follow_up.outcome.as_deref(),
            Some("still_broken")
        );
        assert!(v.workflow.resolution_posted_at.is_none());
    }
}

#[test]
fn m1_deleting_criticism_is_refused_while_spam_goes_under_a_rule() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(RULES);
    let now = t("2026-11-20T10:00:00Z");
    s.ingest(
        vec![
            incoming(
                mention(
                    "1",
                    "ira",
                    "Облачко, третий день нет интернета, верните деньги!",
                    "2026-11-20T09:00:00Z",
                ),
                Some("Облачко"),
                None,
                now,
            ),
            incoming(
                mention(
                    "2",
                    "bot",
                    "Облачко 🔥 Заработок от 5000 в день без вложений! Пиши в ЛС, ссылка в профиле",
                    "2026-11-20T09:01:00Z",
                ),
                Some("Облачко"),
                None,
                now,
            ),
        ],
        &dp,
        now,
    )
    .expect("ingest");
    let a = agent("anna");
    let e = s
        .moderate(1, Action::Delete, Some("spam"), "", None, &a, now, &dp)
        .expect_err("criticism");
    match e {
        DeskError::Refused(r) => {
            assert_eq!(r.code, "criticism_protected");
            assert_eq!(r.rule, Some("M1"));
        }
        other => panic!("{other:?}"),
    }
    let (d, _) = s
        .moderate(2, Action::Delete, Some("spam"), "ad", None, &a, now, &dp)
        .expect("spam under the spam rule");
    assert_eq!(d.rule.as_deref(), Some("spam"));
    // A supervisor's override stands out in the audit.
    let boss = Actor {
        name: "lead".into(),
        role: Role::Supervisor,
    };
    let (d, _) = s
        .moderate(
            1,
            Action::Hide,
            Some("spam"),
            "",
            Some("the author asked us to hide it"),
            &boss,
            now,
            &dp,
        )
        .expect("override");
    assert!(d.overridden);
    let overrides = s
        .audit(&defuse_store::desk::AuditFilter {
            overridden: true,
            limit: 10,
            ..Default::default()
        })
        .expect("audit");
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].actor, "lead");
}

#[test]
fn the_audit_chain_catches_a_record_edited_in_the_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("d.db");
    let dp = desk(RULES);
    {
        let mut s = open(&path);
        let id = one_case(
            &mut s,
            &dp,
            "Облачко, нет интернета",
            "2026-11-20T10:00:00Z",
        );
        let a = agent("anna");
        s.assign(id, Some("anna"), &a, t("2026-11-20T10:01:00Z"), &dp)
            .expect("assign");
        s.reply(
            id,
            "Спасибо, проверяем.",
            true,
            &a,
            t("2026-11-20T10:02:00Z"),
            &dp,
        )
        .expect("reply");
        s.transition(
            id,
            Status::Resolved,
            "fixed",
            &a,
            t("2026-11-20T11:00:00Z"),
            &dp,
        )
        .expect("resolve");
        let v = s.verify_audit().expect("verify");
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        assert!(v.checked >= 4);
    }
    let c = rusqlite::Connection::open(&path).expect("raw");
    c.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2", [])
        .expect("edit");
    drop(c);
    let s = open(&path);
    let v = s.verify_audit().expect("verify");
    assert_eq!(
        v.problems,
        vec![defuse_core::audit::Problem::Edited { seq: 2 }]
    );
}

fn reply_to(id: &str, parent: &str, text: &str, at: &str) -> Mention {
    let mut m = mention(id, "ira", text, at);
    m.parent_id = Some(parent.into());
    m
}

fn ingest_at(s: &mut SqliteStore, dp: &DeskPolicy, m: Mention, imported: &str) {
    let now = t(imported);
    s.ingest(vec![incoming(m, Some("Облачко"), None, now)], dp, now)
        .expect("ingest");
}

#[test]
fn f3_a_late_import_reopens_only_for_messages_posted_after_the_resolution() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(RULES);
    let a = agent("anna");
    let id = one_case(
        &mut s,
        &dp,
        "Облачко, нет интернета",
        "2026-11-20T10:00:00Z",
    );
    s.reply(
        id,
        "Спасибо, проверяем.",
        true,
        &a,
        t("2026-11-20T10:10:00Z"),
        &dp,
    )
    .expect("reply");
    s.transition(
        id,
        Status::Resolved,
        "fixed",
        &a,
        t("2026-11-21T10:00:00Z"),
        &dp,
    )
    .expect("resolve");
    // Posted before the resolution, imported after it: the case stays resolved.
    ingest_at(
        &mut s,
        &dp,
        reply_to("2", "1", "всё ещё нет", "2026-11-20T12:00:00Z"),
        "2026-11-22T09:00:00Z",
    );
    let v = s
        .case_view(id, t("2026-11-22T09:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(v.detail.case.status.as_str(), "resolved");
    // Posted after it (imported days later): reopened, and the resolution clock runs from the
    // post time, not the import.
    ingest_at(
        &mut s,
        &dp,
        reply_to("3", "1", "опять пропал интернет", "2026-11-22T10:00:00Z"),
        "2026-11-25T10:00:00Z",
    );
    let v = s
        .case_view(id, t("2026-11-25T10:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(v.detail.case.status.as_str(), "acknowledged");
    assert_eq!(
        v.detail.case.resolution_due,
        Some(t("2026-11-25T10:00:00Z"))
    );
}

#[test]
fn rt1_a_pause_moves_the_warning_with_the_deadline() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(&format!("{RULES}\n[service_levels]\nresolution = \"1d\"\n"));
    let a = agent("anna");
    let id = one_case(
        &mut s,
        &dp,
        "Облачко, списали дважды",
        "2026-11-20T10:00:00Z",
    );
    s.reply(
        id,
        "Спасибо, разбираемся!",
        true,
        &a,
        t("2026-11-20T10:10:00Z"),
        &dp,
    )
    .expect("reply");
    // 1 h used, then 36 h waiting: the warning (at 18 h used) moves 36 h too.
    s.transition(
        id,
        Status::WaitingCustomer,
        "asked for the receipt",
        &a,
        t("2026-11-20T11:00:00Z"),
        &dp,
    )
    .expect("wait");
    ingest_at(
        &mut s,
        &dp,
        reply_to("2", "1", "вот чек", "2026-11-21T23:00:00Z"),
        "2026-11-21T23:00:00Z",
    );
    let v = s
        .case_view(id, t("2026-11-21T23:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    let res = v
        .workflow
        .clocks
        .iter()
        .find(|c| c.clock.as_str() == "resolution")
        .expect("clock");
    assert_eq!(res.due, t("2026-11-22T22:00:00Z"));
    assert_eq!(res.warn_at, t("2026-11-22T16:00:00Z"));
    assert_eq!(res.state.as_str(), "running");
}

#[test]
fn rt2_waiting_is_refused_while_the_customer_waits_and_an_unanswered_reopen_is_new() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(RULES);
    let a = agent("anna");
    let id = one_case(
        &mut s,
        &dp,
        "Облачко, нет интернета",
        "2026-11-20T10:00:00Z",
    );
    // RT2: a case is acknowledged by a public answer, not by hand.
    let e = s
        .transition(
            id,
            Status::Acknowledged,
            "",
            &a,
            t("2026-11-20T10:05:00Z"),
            &dp,
        )
        .expect_err("by a reply");
    assert!(matches!(e, DeskError::Refused(r) if r.code == "not_answered"));
    s.reply(
        id,
        "Спасибо, проверяем.",
        true,
        &a,
        t("2026-11-20T10:10:00Z"),
        &dp,
    )
    .expect("reply");
    ingest_at(
        &mut s,
        &dp,
        reply_to("2", "1", "и когда починят?", "2026-11-20T11:00:00Z"),
        "2026-11-20T11:00:00Z",
    );
    let e = s
        .transition(
            id,
            Status::WaitingCustomer,
            "",
            &a,
            t("2026-11-20T11:05:00Z"),
            &dp,
        )
        .expect_err("the customer waits");
    assert!(matches!(e, DeskError::Refused(r) if r.code == "customer_waiting"));

    // ST1/T3: an ignored case nobody answered comes back as new when the customer complains.
    s.ingest(
        vec![incoming(
            mention("9", "max", "Облачко, вы клоуны", "2026-11-20T12:00:00Z"),
            Some("Облачко"),
            None,
            t("2026-11-20T12:00:00Z"),
        )],
        &dp,
        t("2026-11-20T12:00:00Z"),
    )
    .expect("ingest");
    let troll = s
        .cases(
            &CaseFilter {
                limit: 10,
                ..CaseFilter::default()
            },
            t("2026-11-20T12:00:00Z"),
        )
        .expect("cases")
        .into_iter()
        .find(|c| c.id != id)
        .expect("second case")
        .id;
    s.transition(
        troll,
        Status::Ignored,
        "a troll [T3]",
        &a,
        t("2026-11-20T12:10:00Z"),
        &dp,
    )
    .expect("ignore");
    s.ingest(
        vec![incoming(
            {
                let mut m = mention(
                    "10",
                    "max",
                    "Облачко, списали деньги дважды, верните!",
                    "2026-11-20T13:00:00Z",
                );
                m.parent_id = Some("9".into());
                m
            },
            Some("Облачко"),
            None,
            t("2026-11-20T13:00:00Z"),
        )],
        &dp,
        t("2026-11-20T13:00:00Z"),
    )
    .expect("ingest");
    let v = s
        .case_view(troll, t("2026-11-20T13:00:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(v.detail.case.status.as_str(), "new");
    assert_eq!(v.detail.case.kind.as_str(), "complaint");
    // T3, ST1: the troll had no reply clock; the complaint starts one when it is posted [RT1].
    let first = &v.workflow.clocks[0];
    assert_eq!(first.clock.as_str(), "first_response");
    assert_eq!(first.started_at, t("2026-11-20T13:00:00Z"));
    assert_eq!(first.state.as_str(), "running");
    let later = s
        .case_view(troll, t("2026-11-20T14:30:00Z"), &dp)
        .expect("view")
        .expect("case");
    assert_eq!(
        later.workflow.clocks[0].state.as_str(),
        "breached",
        "RT1 runs until someone answers"
    );
}

#[test]
fn a_high_risk_case_alerts_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir.path().join("d.db"));
    let dp = desk(&format!("{RULES}\n[alerts]\nhigh_risk = 1\n"));
    one_case(
        &mut s,
        &dp,
        "Облачко, нет интернета третий день!!!",
        "2026-11-20T10:00:00Z",
    );
    tick(&mut s, &dp, "2026-11-20T10:01:00Z");
    tick(&mut s, &dp, "2026-11-20T10:02:00Z");
    assert_eq!(alerts(&s, "high_risk"), 1);
}

#[test]
fn the_audit_chain_catches_removed_records_and_a_lost_head() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("d.db");
    let dp = desk(RULES);
    {
        let mut s = open(&path);
        let id = one_case(
            &mut s,
            &dp,
            "Облачко, нет интернета",
            "2026-11-20T10:00:00Z",
        );
        let a = agent("anna");
        for i in 0..4 {
            s.assign(
                id,
                Some(if i % 2 == 0 { "anna" } else { "max" }),
                &a,
                t("2026-11-20T10:01:00Z"),
                &dp,
            )
            .expect("assign");
        }
    }
    let c = rusqlite::Connection::open(&path).expect("raw");
    c.execute("DELETE FROM audit WHERE seq = 2", [])
        .expect("remove");
    drop(c);
    let v = open(&path).verify_audit().expect("verify");
    assert_eq!(
        v.problems,
        vec![defuse_core::audit::Problem::Missing { from: 2, to: 2 }]
    );
    let c = rusqlite::Connection::open(&path).expect("raw");
    c.execute("DELETE FROM audit WHERE seq = 4", [])
        .expect("remove the last");
    c.execute("DELETE FROM audit_head", [])
        .expect("and the head");
    drop(c);
    let v = open(&path).verify_audit().expect("verify");
    assert!(
        v.problems
            .iter()
            .any(|p| matches!(p, defuse_core::audit::Problem::HeadMissing { .. })),
        "{:?}",
        v.problems
    );
    // The desk keeps working after the damage: the chain continues from the last record.
    let mut s = open(&path);
    s.assign(1, None, &agent("anna"), t("2026-11-20T10:05:00Z"), &dp)
        .expect("still writable");
}
