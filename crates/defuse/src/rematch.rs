//! Brand matching again over stored mentions that matched no brand (bug 11): a brand added to
//! the settings after an import finds its earlier mentions, which then open or join their cases
//! as on ingestion. Streams the unmatched mentions in id order, a thousand at a time; running it
//! twice changes nothing.

use crate::pipeline::Pipeline;
use defuse_core::mention::Mention;
use defuse_store::RematchSummary;
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use defuse_text::Scratch;
use jiff::Timestamp;

/// Mentions re-read per transaction.
const CHUNK: usize = 1000;

pub fn rematch(
    store: &mut SqliteStore,
    pipeline: &Pipeline<'_>,
    dp: &DeskPolicy,
    now: Timestamp,
) -> anyhow::Result<RematchSummary> {
    let mut total = RematchSummary::default();
    let mut scratch = Scratch::new();
    let mut after = 0;
    loop {
        let rows = store.unmatched_mentions(after, CHUNK)?;
        let Some(last) = rows.last().map(|r| r.0) else {
            break;
        };
        after = last;
        let mut found = Vec::new();
        for (id, raw) in rows {
            total.checked += 1;
            let mention = serde_json::from_str::<serde_json::Value>(&raw)
                .map_err(|e| e.to_string())
                .and_then(|v| {
                    Mention::from_value(&v).map_err(|e| format!("{}: {}", e.field, e.reason))
                });
            let mention = match mention {
                Ok(m) => m,
                Err(e) => anyhow::bail!("stored mention {id} does not read back: {e}"),
            };
            let threaded = mention.parent_id.is_some() || mention.thread_id.is_some();
            let inc = pipeline.prepare(mention, &mut scratch, now);
            if inc.brand.is_some() || threaded {
                found.push((id, inc));
            }
        }
        total.matched += store.attach_brands(found, dp, now)?.matched;
    }
    Ok(total)
}
