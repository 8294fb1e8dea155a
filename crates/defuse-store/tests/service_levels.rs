//! Service levels that follow the method, end to end on a real SQLite file: complaints and
//! questions within the hour, half an hour when urgent [RT1, A7]; praise within a day; no clock
//! for trolls, spam and remarks that ask nothing [ST1, T3, T4]; a case whose kind changes takes
//! the new targets; the queue puts breached cases first, riskiest first, and cases with no clock
//! last.

use defuse_core::mention::{Author, Mention};
use defuse_core::settings::DeskSettings;
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, CaseSummary, Incoming, MatchedBy};
use defuse_text::{Analyzer, Kind, Scratch};
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

fn incoming(m: Mention, now: Timestamp) -> Incoming {
    let an = Analyzer::builtin().expect("model");
    let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
    Incoming::new(
        m,
        analysis,
        Some(("AeroSky".to_string(), MatchedBy::Name)),
        None,
        now,
    )
}

fn store(dir: &tempfile::TempDir) -> SqliteStore {
    let mut s = SqliteStore::open(&dir.path().join("defuse.db")).expect("open");
    s.sync_brands(&["AeroSky".to_string()]).expect("brands");
    s
}

fn queue(s: &SqliteStore, now: Timestamp) -> Vec<CaseSummary> {
    s.cases(
        &CaseFilter {
            limit: 100,
            open_only: true,
            ..CaseFilter::default()
        },
        now,
    )
    .expect("cases")
}

fn find<'a>(q: &'a [CaseSummary], text: &str) -> &'a CaseSummary {
    q.iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no case {text:?} in {q:#?}"))
}

const THANKS: &str = "AeroSky thank you so much, the crew was wonderful!";
const REMARK: &str = "Flying AeroSky to Rome tomorrow";
const TROLL: &str = "AeroSky you are all idiots and clowns";
const ANGRY: &str = "AEROSKY LOST MY BAG AGAIN!!! WORST AIRLINE, REFUND ME NOW!!!";
const CALM: &str = "AeroSky my flight was delayed and nobody told us";

/// The issue's queue: a week-old thank-you, a week-old remark and a week-old troll above a
/// fresh angry complaint, all in red. Now the complaint (urgent: due in 30 minutes, A7) is on
/// top; the thank-you is a real breach of its day and below it; the troll and the remark have
/// no deadline, are not breached, and come last [ST1, T3].
#[test]
fn a7_st1_a_fresh_angry_complaint_sorts_above_a_week_old_thank_you_and_a_troll_has_no_deadline() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store(&dir);
    let dp = DeskPolicy::default();
    let now = t("2026-11-27T12:00:00Z");
    let batch = vec![
        incoming(mention("1", "u1", THANKS, "2026-11-20T12:00:00Z"), now),
        incoming(mention("2", "u2", REMARK, "2026-11-20T12:05:00Z"), now),
        incoming(mention("3", "u3", TROLL, "2026-11-20T12:10:00Z"), now),
        incoming(mention("4", "u4", ANGRY, "2026-11-27T11:20:00Z"), now),
        incoming(mention("5", "u5", CALM, "2026-11-27T11:50:00Z"), now),
    ];
    s.ingest(batch, &dp, now).expect("ingest");
    let q = queue(&s, now);
    let kinds: Vec<(Kind, &str)> = q.iter().map(|c| (c.kind, c.text.as_str())).collect();
    let order: Vec<&str> = q.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(order[0], ANGRY, "{kinds:?}");

    let angry = find(&q, ANGRY);
    assert_eq!(angry.kind, Kind::Complaint);
    // A7: urgent (strong emotion), so half an hour, not the hour of a calm complaint.
    assert_eq!(angry.first_response_due, Some(t("2026-11-27T11:50:00Z")));
    assert!(angry.overdue);
    let calm = find(&q, CALM);
    assert_eq!(calm.first_response_due, Some(t("2026-11-27T12:50:00Z")));
    assert!(!calm.overdue);

    // Praise: a day to thank, nothing to resolve. A week later that is a real breach.
    let thanks = find(&q, THANKS);
    assert_eq!(thanks.kind, Kind::Praise);
    assert_eq!(thanks.first_response_due, Some(t("2026-11-21T12:00:00Z")));
    assert_eq!(thanks.resolution_due, None);
    assert!(thanks.overdue);

    // T3, ST1: no clock, no deadline, never breached, after every case with a clock.
    for text in [TROLL, REMARK] {
        let c = find(&q, text);
        assert_eq!(
            (c.first_response_due, c.resolution_due, c.due, c.overdue),
            (None, None, None, false),
            "{text}"
        );
    }
    assert_eq!(find(&q, TROLL).kind, Kind::Troll);
    assert_eq!(find(&q, REMARK).kind, Kind::Other);
    assert_eq!(order, [ANGRY, THANKS, CALM, TROLL, REMARK], "{kinds:?}");

    // Only real breaches are breached.
    let breached = s
        .cases(
            &CaseFilter {
                limit: 100,
                breached: true,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases");
    let mut b: Vec<&str> = breached.iter().map(|c| c.text.as_str()).collect();
    b.sort_unstable();
    assert_eq!(b, [ANGRY, THANKS]);

    // The troll's case shows no clock and the alert scan finds nothing to say about it.
    let troll = find(&q, TROLL).id;
    let v = s.case_view(troll, now, &dp).expect("view").expect("case");
    assert!(v.workflow.clocks.is_empty(), "{:?}", v.workflow.clocks);
    s.schedule_alerts(now, &dp).expect("scan");
    s.run_jobs(now, &dp).expect("jobs");
    let alerts = s
        .audit(&defuse_store::desk::AuditFilter {
            case_id: Some(troll),
            limit: 100,
            ..Default::default()
        })
        .expect("audit");
    assert!(
        alerts.iter().all(|a| !a.action.starts_with("alert.sla")),
        "{alerts:?}"
    );
}

/// RT1, ST1: a case with no clock whose customer then complains gets a clock from the
/// complaint's post time — a week-old remark does not make a fresh complaint overdue.
#[test]
fn rt1_a_remark_that_turns_into_a_complaint_starts_its_clock_then() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store(&dir);
    let dp = DeskPolicy::default();
    let now = t("2026-11-27T12:00:00Z");
    s.ingest(
        vec![incoming(
            mention("1", "u1", REMARK, "2026-11-20T12:00:00Z"),
            now,
        )],
        &dp,
        now,
    )
    .expect("ingest");
    let mut m = mention("2", "u1", CALM, "2026-11-27T11:45:00Z");
    m.parent_id = Some("1".into());
    s.ingest(vec![incoming(m, now)], &dp, now).expect("ingest");
    let q = queue(&s, now);
    assert_eq!(q.len(), 1, "one customer, one thread, one case");
    let c = &q[0];
    assert_eq!(c.kind, Kind::Complaint);
    assert_eq!(c.first_response_due, Some(t("2026-11-27T12:45:00Z")));
    assert_eq!(c.resolution_due, Some(t("2026-11-30T11:45:00Z")));
    assert!(!c.overdue);
    let v = s.case_view(c.id, now, &dp).expect("view").expect("case");
    assert_eq!(v.workflow.clocks[0].started_at, t("2026-11-27T11:45:00Z"));
}

/// RT1: an edit that makes a thank-you a complaint (a correction of its kind) gives the case a
/// complaint's targets — its running first-response clock counted from the opening, the
/// resolution clock it lacked from the edit; an edit that makes it a troll's takes its clocks
/// away [T3].
#[test]
fn rt1_t3_an_edit_that_changes_the_kind_changes_the_targets() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store(&dir);
    let dp = DeskPolicy::default();
    let now = t("2026-11-27T12:00:00Z");
    let at = "2026-11-27T11:00:00Z";
    s.ingest(
        vec![incoming(mention("1", "u1", THANKS, at), now)],
        &dp,
        now,
    )
    .expect("ingest");
    let before = queue(&s, now);
    assert_eq!(
        before[0].first_response_due,
        Some(t("2026-11-28T11:00:00Z"))
    );
    let edited = t("2026-11-27T12:10:00Z");
    s.ingest(
        vec![incoming(mention("1", "u1", CALM, at), edited)],
        &dp,
        edited,
    )
    .expect("edit");
    let c = &queue(&s, edited)[0];
    assert_eq!(c.kind, Kind::Complaint);
    assert_eq!(c.first_response_due, Some(t("2026-11-27T12:00:00Z")));
    // Praise had no resolution clock: it starts when the edit came.
    assert_eq!(c.resolution_due, Some(t("2026-11-30T12:10:00Z")));
    assert!(c.overdue, "a complaint for 70 minutes, due after 60");
    let later = t("2026-11-27T12:20:00Z");
    s.ingest(
        vec![incoming(mention("1", "u1", TROLL, at), later)],
        &dp,
        later,
    )
    .expect("edit");
    let c = &queue(&s, later)[0];
    assert_eq!(c.kind, Kind::Troll);
    assert_eq!((c.due, c.overdue), (None, false));
}

/// Every target comes from the settings: a desk that wants trolls answered within four hours,
/// and telegram complaints within 15 minutes, gets exactly that; the overrides still work.
#[test]
fn the_settings_change_every_target() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = store(&dir);
    let settings: DeskSettings = toml::from_str(
        r#"
        [service_levels]
        urgent_first_response = "none"
        [service_levels.kinds]
        troll = { first_response = "4h" }
        [[service_levels.overrides]]
        channel = "telegram"
        kind = "complaint"
        first_response = "15m"
        "#,
    )
    .expect("toml");
    settings.validate().expect("valid");
    let dp = DeskPolicy::from_settings(&settings).expect("policy");
    let now = t("2026-11-27T12:00:00Z");
    let mut tg = mention("2", "u2", CALM, "2026-11-27T11:00:00Z");
    tg.source = "telegram".into();
    s.ingest(
        vec![
            incoming(mention("1", "u1", TROLL, "2026-11-27T11:00:00Z"), now),
            incoming(tg, now),
            incoming(mention("3", "u3", ANGRY, "2026-11-27T11:00:00Z"), now),
        ],
        &dp,
        now,
    )
    .expect("ingest");
    let q = queue(&s, now);
    assert_eq!(
        find(&q, TROLL).first_response_due,
        Some(t("2026-11-27T15:00:00Z"))
    );
    let tg = q.iter().find(|c| c.source == "telegram").expect("telegram");
    assert_eq!(tg.first_response_due, Some(t("2026-11-27T11:15:00Z")));
    // No urgent target: an angry complaint keeps the hour.
    assert_eq!(
        q.iter()
            .find(|c| c.source == "vk" && c.kind == Kind::Complaint)
            .expect("vk complaint")
            .first_response_due,
        Some(t("2026-11-27T12:00:00Z"))
    );
}
