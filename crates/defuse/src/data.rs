//! Labelled data files (JSON Lines with `id`, `text`, `label`, optional `title` and `split`): reading them,
//! mapping labels to tasks, and finding the held-out part (see `defuse_text::eval::part`).

use anyhow::Context;
use defuse_text::eval::{Part, part};
use serde::Deserialize;
use std::io::BufRead;
use std::path::Path;

/// What a label trains or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Task {
    /// negative / neutral / positive.
    Sentiment,
    /// toxic / clean (also hate, offensive → toxic; neither → clean).
    Toxic,
    /// complaint / question / troll / spam / praise / other.
    Kind,
}

pub const SENTIMENT: [&str; 3] = ["negative", "neutral", "positive"];
pub const TOXIC: [&str; 2] = ["clean", "toxic"];
pub const KINDS: [&str; 6] = ["complaint", "question", "troll", "spam", "praise", "other"];

impl Task {
    pub fn classes(self) -> &'static [&'static str] {
        match self {
            Task::Sentiment => &SENTIMENT,
            Task::Toxic => &TOXIC,
            Task::Kind => &KINDS,
        }
    }

    /// The task and class index a label belongs to.
    pub fn of_label(label: &str) -> Option<(Task, usize)> {
        let l = label.to_ascii_lowercase();
        match l.as_str() {
            "hate" | "offensive" | "insult" | "threat" => return Some((Task::Toxic, 1)),
            "neither" | "non-toxic" | "not_toxic" => return Some((Task::Toxic, 0)),
            _ => {}
        }
        for t in [Task::Sentiment, Task::Toxic, Task::Kind] {
            if let Some(i) = t.classes().iter().position(|c| *c == l) {
                return Some((t, i));
            }
        }
        None
    }
}

/// One labelled row.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub text: String,
    /// The mention's title, when it has one (analysed with the text).
    pub title: Option<String>,
    pub task: Task,
    pub class: usize,
    pub part: Part,
}

#[derive(Deserialize)]
struct RawRow {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    title: Option<String>,
    label: serde_json::Value,
    #[serde(default)]
    split: Option<String>,
}

/// All usable rows of a labelled file, with their part. Rows that cannot be used are counted
/// and the first few reported on stderr with their line numbers.
pub fn read_labelled(path: &Path) -> anyhow::Result<Vec<Row>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open data file {}", path.display()))?;
    let reader = std::io::BufReader::new(file);
    let mut rows = Vec::new();
    let mut splits = Vec::new();
    let mut bad = 0u64;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(&line)
            .map_err(|_| "not valid UTF-8".to_string())
            .and_then(|s| serde_json::from_str::<RawRow>(s).map_err(|e| e.to_string()));
        let raw = match parsed {
            Ok(r) => r,
            Err(why) => {
                bad += 1;
                if bad <= 5 {
                    eprintln!("defuse: {}:{line_no}: skipped: {why}", path.display());
                }
                continue;
            }
        };
        let label = match &raw.label {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let Some((task, class)) = Task::of_label(&label) else {
            bad += 1;
            if bad <= 5 {
                eprintln!(
                    "defuse: {}:{line_no}: skipped: unknown label {label:?}",
                    path.display()
                );
            }
            continue;
        };
        let id = match raw.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => format!("line-{line_no}"),
        };
        splits.push(raw.split);
        rows.push(Row {
            id,
            text: raw.text,
            title: raw.title.filter(|t| !t.trim().is_empty()),
            task,
            class,
            part: Part::Train,
        });
    }
    if bad > 0 {
        eprintln!("defuse: {}: {bad} rows skipped", path.display());
    }
    let has_test = splits.iter().any(|s| s.as_deref() == Some("test"));
    for (r, s) in rows.iter_mut().zip(&splits) {
        r.part = part(&r.id, s.as_deref(), has_test);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_tasks() {
        assert_eq!(Task::of_label("negative"), Some((Task::Sentiment, 0)));
        assert_eq!(Task::of_label("hate"), Some((Task::Toxic, 1)));
        assert_eq!(Task::of_label("neither"), Some((Task::Toxic, 0)));
        assert_eq!(Task::of_label("troll"), Some((Task::Kind, 2)));
        assert_eq!(Task::of_label("banana"), None);
    }
}
