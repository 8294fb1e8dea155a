//! CSV rows to canonical mentions, by a column mapping: `--map text=Content --map
//! created_at=Date …` names the column that holds each canonical field, so an export from a
//! listening tool loads without a script. Fields not mapped are looked up by their own name
//! (`text`, `author.handle`…). A row becomes a JSON object that [`Mention::from_value`] checks,
//! so CSV and JSON Lines share one set of rules and error messages.
//!
//! [`Mention::from_value`]: defuse_core::mention::Mention::from_value

use serde_json::{Map, Value};

/// Canonical fields a column can fill, with how its cell is read.
const FIELDS: &[(&str, Cell)] = &[
    ("source", Cell::Text),
    ("id", Cell::Text),
    ("text", Cell::Text),
    ("title", Cell::Text),
    ("created_at", Cell::Text),
    ("url", Cell::Text),
    ("author.id", Cell::Text),
    ("author.name", Cell::Text),
    ("author.handle", Cell::Text),
    ("author.followers", Cell::Text),
    ("author.created_at", Cell::Text),
    ("parent_id", Cell::Text),
    ("thread_id", Cell::Text),
    ("metrics.likes", Cell::Text),
    ("metrics.reposts", Cell::Text),
    ("metrics.comments", Cell::Text),
    ("metrics.views", Cell::Text),
    ("media", Cell::UrlList),
    ("private", Cell::Bool),
    ("venue", Cell::Text),
    ("brand", Cell::Text),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    Text,
    Bool,
    /// Space- or comma-separated URLs of images.
    UrlList,
}

/// A compiled mapping for one file's header.
#[derive(Debug, Clone)]
pub struct CsvMapping {
    /// (canonical field, column index, how to read it).
    columns: Vec<(&'static str, usize, Cell)>,
    default_source: Option<String>,
}

impl CsvMapping {
    /// Compile `--map field=Column` pairs against a header. Errors name the bad pair.
    pub fn new(
        maps: &[String],
        header: &[&str],
        default_source: Option<&str>,
    ) -> Result<CsvMapping, String> {
        let mut chosen: Vec<(&'static str, String)> = Vec::new();
        for m in maps {
            let Some((field, column)) = m.split_once('=') else {
                return Err(format!("--map '{m}': expected FIELD=COLUMN"));
            };
            let (field, column) = (field.trim(), column.trim());
            let Some(&(name, _)) = FIELDS.iter().find(|(f, _)| *f == field) else {
                let known: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
                return Err(format!(
                    "--map '{m}': unknown field '{field}' (fields: {})",
                    known.join(", ")
                ));
            };
            chosen.retain(|c| c.0 != name);
            chosen.push((name, column.to_string()));
        }
        let find = |col: &str| header.iter().position(|h| h.trim() == col);
        let mut columns = Vec::new();
        for &(field, cell) in FIELDS {
            let explicit = chosen.iter().find(|c| c.0 == field);
            let idx = match explicit {
                Some((_, col)) => Some(find(col).ok_or_else(|| {
                    format!("--map {field}={col}: the file has no column '{col}'")
                })?),
                None => find(field),
            };
            if let Some(i) = idx {
                columns.push((field, i, cell));
            }
        }
        if !columns.iter().any(|c| c.0 == "text") {
            return Err("no column for text: add --map text=COLUMN".into());
        }
        if default_source.is_none() && !columns.iter().any(|c| c.0 == "source") {
            return Err("no column for source: add --map source=COLUMN or --source NAME".into());
        }
        Ok(CsvMapping {
            columns,
            default_source: default_source.map(str::to_string),
        })
    }

    /// One row as a mention-shaped JSON object (empty cells are left out).
    pub fn row(&self, cells: &[&str]) -> Value {
        let mut obj = Map::new();
        if let Some(s) = &self.default_source {
            obj.insert("source".into(), Value::String(s.clone()));
        }
        for &(field, i, cell) in &self.columns {
            let Some(raw) = cells.get(i).map(|c| c.trim()) else {
                continue;
            };
            if raw.is_empty() {
                continue;
            }
            let v = match cell {
                Cell::Text => Value::String(raw.to_string()),
                Cell::Bool => match raw.to_lowercase().as_str() {
                    "true" | "1" | "yes" | "y" | "да" => Value::Bool(true),
                    "false" | "0" | "no" | "n" | "нет" => Value::Bool(false),
                    // Left as text: the mention's check names the field and the value.
                    _ => Value::String(raw.to_string()),
                },
                Cell::UrlList => Value::Array(
                    raw.split([',', ' ', '\n'])
                        .filter(|u| !u.is_empty())
                        .map(|u| serde_json::json!({"type": "image", "url": u}))
                        .collect(),
                ),
            };
            match field.split_once('.') {
                Some((outer, inner)) => {
                    let o = obj
                        .entry(outer.to_string())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(o) = o {
                        o.insert(inner.to_string(), v);
                    }
                }
                None => {
                    obj.insert(field.to_string(), v);
                }
            }
        }
        Value::Object(obj)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_core::mention::Mention;

    #[test]
    fn an_export_loads_through_a_mapping() {
        let header = [
            "Post ID", "Content", "Date", "Author", "Likes", "Images", "DM",
        ];
        let maps: Vec<String> = [
            "id=Post ID",
            "text=Content",
            "created_at=Date",
            "author.handle=Author",
            "metrics.likes=Likes",
            "media=Images",
            "private=DM",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = CsvMapping::new(&maps, &header, Some("vk")).expect("mapping");
        let v = m.row(&[
            "77",
            "Облачко, где интернет?",
            "2026-11-20 18:05:00+03:00",
            "ira",
            "12",
            "https://a/1.jpg https://a/2.jpg",
            "нет",
        ]);
        let mention = Mention::from_value(&v).expect("valid");
        assert_eq!(mention.source, "vk");
        assert_eq!(mention.id, "77");
        assert_eq!(mention.metrics.likes, 12);
        assert_eq!(mention.media.len(), 2);
        assert!(!mention.private);
        assert_eq!(
            mention.author.and_then(|a| a.handle).as_deref(),
            Some("ira")
        );
    }

    #[test]
    fn same_named_columns_need_no_mapping() {
        let m = CsvMapping::new(&[], &["source", "id", "text"], None).expect("mapping");
        let v = m.row(&["x", "1", "hello"]);
        assert!(Mention::from_value(&v).is_ok());
    }

    #[test]
    fn bad_mappings_say_what_is_wrong() {
        let h = ["a", "b"];
        let e = CsvMapping::new(&["text".into()], &h, Some("vk")).expect_err("no =");
        assert!(e.contains("FIELD=COLUMN"));
        let e = CsvMapping::new(&["txt=a".into()], &h, Some("vk")).expect_err("field");
        assert!(e.contains("unknown field 'txt'"));
        let e = CsvMapping::new(&["text=c".into()], &h, Some("vk")).expect_err("column");
        assert!(e.contains("no column 'c'"));
        let e = CsvMapping::new(&["text=a".into()], &h, None).expect_err("source");
        assert!(e.contains("--source"));
    }

    proptest::proptest! {
        #[test]
        fn any_row_gives_an_object_and_never_panics(cells in proptest::collection::vec(".{0,30}", 0..8)) {
            let m = CsvMapping::new(&["text=a".into(), "metrics.likes=b".into(), "private=c".into(), "media=d".into()], &["a", "b", "c", "d"], Some("vk")).expect("mapping");
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            let v = m.row(&refs);
            proptest::prop_assert!(v.is_object());
            let _ = Mention::from_value(&v);
        }
    }
}
