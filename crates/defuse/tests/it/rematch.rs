//! Bug 11: a brand added after an import finds the mentions imported before it, once.

use defuse::pipeline::Pipeline;
use defuse::rematch::rematch;
use defuse::settings::Settings;
use defuse_core::mention::Mention;
use defuse_store::CaseFilter;
use defuse_store::sqlite::SqliteStore;
use defuse_text::Scratch;

#[test]
fn a_brand_added_later_finds_its_earlier_mentions_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let now: jiff::Timestamp = "2026-11-20T12:00:00Z".parse().expect("now");
    let before =
        Settings::load("a.toml", Some("[[brands]]\nname = \"Облачко\"\n"), []).expect("settings");
    let after = Settings::load(
        "b.toml",
        Some("[[brands]]\nname = \"Облачко\"\n[[brands]]\nname = \"AeroSky\"\n"),
        [],
    )
    .expect("settings");
    let analyzer = defuse_text::Analyzer::builtin().expect("model");
    let mut store = SqliteStore::open(&dir.path().join("defuse.db")).expect("store");
    store
        .sync_brands(&before.desk.brand_names())
        .expect("brands");
    let p = Pipeline::new(&before, analyzer).expect("pipeline");
    let mut scratch = Scratch::new();
    let mut m = Mention::new("x", "1", "AeroSky lost my bag, nobody answers");
    m.created_at = Some("2026-11-20T10:00:00Z".parse().expect("t"));
    let author = defuse_core::mention::Author {
        id: Some("a1".into()),
        ..Default::default()
    };
    m.author = Some(author.clone());
    let mut reply = Mention::new("x", "2", "still nothing, three days now");
    reply.parent_id = Some("1".into());
    reply.created_at = Some("2026-11-20T11:00:00Z".parse().expect("t"));
    reply.author = Some(author);
    let batch = vec![
        p.prepare(m, &mut scratch, now),
        p.prepare(reply, &mut scratch, now),
    ];
    let dp = after.desk_policy().expect("policy");
    let sum = store.ingest(batch, &dp, now).expect("ingest");
    assert_eq!(sum.unmatched, 2);
    let all = CaseFilter {
        limit: 100,
        ..CaseFilter::default()
    };
    assert!(store.cases(&all, now).expect("cases").is_empty());

    store
        .sync_brands(&after.desk.brand_names())
        .expect("brands");
    let p = Pipeline::new(&after, analyzer).expect("pipeline");
    let r = rematch(&mut store, &p, &dp, now).expect("rematch");
    assert_eq!(
        (r.checked, r.matched),
        (2, 2),
        "the post and its reply (by its thread)"
    );
    let cases = store.cases(&all, now).expect("cases");
    assert_eq!(cases.len(), 1, "one customer, one case");
    assert_eq!(cases[0].brand, "AeroSky");
    assert_eq!(cases[0].mentions, 2);
    assert_eq!(store.stats().expect("stats").unmatched, 0);
    let again = rematch(&mut store, &p, &dp, now).expect("rematch");
    assert_eq!(again.matched, 0, "idempotent");
    assert_eq!(store.cases(&all, now).expect("cases").len(), 1);
}
