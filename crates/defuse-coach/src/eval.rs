//! Measuring the check on a labelled set of drafts: per-rule precision, recall and F1 (a rule
//! "fires" when it has a finding of error or warning severity), and the false-alarm rate on good
//! replies (those labelled with no rule).

use crate::check::{Severity, check};
use crate::context::{CaseKind, CheckContext, CoachLang, Incident, Visibility};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The rules the check reports, in the order of the table.
pub const RULES: &[&str] = &[
    "RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9", "RC11", "T2", "T3",
];

/// One labelled draft (a line of `drafts.jsonl`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Labelled {
    pub id: String,
    #[serde(default)]
    pub split: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub visibility: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default, alias = "mention", alias = "customer_text")]
    pub customer: String,
    #[serde(default)]
    pub recent: Vec<String>,
    #[serde(default)]
    pub incident: Option<Incident>,
    /// A later reply in a thread the brand already answered.
    #[serde(default)]
    pub follow_up: bool,
    #[serde(alias = "text", alias = "reply")]
    pub draft: String,
    /// The rules that should fire with error or warning severity; empty for a good reply.
    #[serde(default, alias = "expected", alias = "labels")]
    pub rules: Vec<String>,
}

impl Labelled {
    /// The check's context for this draft (the language is detected, as in use).
    pub fn context(&self) -> Result<CheckContext, String> {
        // Kinds other sets may use: "local" is T1, "hate" is T3, "fake" is T5 (answered as other).
        let kind = match self.kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("local") | Some("negative") => CaseKind::Complaint,
            Some("hate") => CaseKind::Troll,
            Some("fake") => CaseKind::Other,
            Some(k) => CaseKind::parse_lenient(k)
                .ok_or_else(|| format!("{}: unknown kind {k:?}", self.id))?,
        };
        let visibility = match self.visibility.as_deref() {
            Some(v) => Visibility::parse_lenient(v)
                .ok_or_else(|| format!("{}: unknown visibility {v:?}", self.id))?,
            None => Visibility::Public,
        };
        // The language is detected from the draft, as in use; a label it cannot read is ignored.
        let _ = self.lang.as_deref().map(CoachLang::parse_lenient);
        Ok(CheckContext {
            kind,
            visibility,
            customer: self.customer.clone(),
            recent: self.recent.clone(),
            incident: self.incident.clone(),
            lang: None,
            follow_up: self.follow_up,
        })
    }
}

/// Parse a JSON Lines labelled set; errors name the line.
pub fn parse_jsonl(text: &str) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Labelled =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        for r in &item.rules {
            if r.is_empty() || r.len() > 8 || !r.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("line {}: not a rule id: {r:?}", n + 1));
            }
        }
        out.push(item);
    }
    Ok(out)
}

/// One rule's figures.
#[derive(Debug, Clone, Serialize)]
pub struct RuleScore {
    pub rule: String,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A draft where the check and the label disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub id: String,
    /// Labelled but not found.
    pub missed: Vec<String>,
    /// Found but not labelled.
    pub extra: Vec<String>,
}

/// The figures for a labelled set.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub drafts: usize,
    /// Drafts labelled with no rule.
    pub good: usize,
    /// Good drafts with at least one error finding: the false alarms that matter.
    pub good_with_error: usize,
    /// Good drafts with at least one error or warning finding.
    pub good_with_warning: usize,
    pub false_alarm_rate: f64,
    pub warning_rate: f64,
    /// Bad drafts with at least one error or warning finding.
    pub bad_caught: usize,
    pub bad: usize,
    pub rules: Vec<RuleScore>,
    pub micro_precision: f64,
    pub micro_recall: f64,
    pub disagreements: Vec<Disagreement>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Run the check on every draft and compare with the labels.
pub fn evaluate(items: &[Labelled]) -> Result<Report, String> {
    // The check's rules, then any other rule the labels name (RC10, RC12…: support, never found).
    let mut rules_all: Vec<String> = RULES.iter().map(|r| r.to_string()).collect();
    for item in items {
        for r in &item.rules {
            if !rules_all.contains(r) {
                rules_all.push(r.clone());
            }
        }
    }
    let mut counts = vec![(0usize, 0usize, 0usize); rules_all.len()];
    let (mut good, mut good_err, mut good_warn, mut bad, mut bad_caught) = (0, 0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for item in items {
        let ctx = item.context()?;
        let findings = check(&item.draft, &ctx);
        let fired: BTreeSet<&str> = findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| f.rule.as_str())
            .collect();
        let want: BTreeSet<&str> = item.rules.iter().map(String::as_str).collect();
        if want.is_empty() {
            good += 1;
            if findings.iter().any(|f| f.severity == Severity::Error) {
                good_err += 1;
            }
            if !fired.is_empty() {
                good_warn += 1;
            }
        } else {
            bad += 1;
            if !fired.is_empty() {
                bad_caught += 1;
            }
        }
        for (i, r) in rules_all.iter().enumerate() {
            let r = r.as_str();
            match (want.contains(r), fired.contains(r)) {
                (true, true) => counts[i].0 += 1,
                (false, true) => counts[i].1 += 1,
                (true, false) => counts[i].2 += 1,
                (false, false) => {}
            }
        }
        if want != fired {
            disagreements.push(Disagreement {
                id: item.id.clone(),
                missed: want.difference(&fired).map(|s| s.to_string()).collect(),
                extra: fired.difference(&want).map(|s| s.to_string()).collect(),
            });
        }
    }
    let rules: Vec<RuleScore> = rules_all
        .iter()
        .zip(&counts)
        .map(|(r, &(tp, fp, fn_))| {
            let precision = ratio(tp, tp + fp);
            let recall = ratio(tp, tp + fn_);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            RuleScore {
                rule: r.to_string(),
                tp,
                fp,
                fn_,
                precision,
                recall,
                f1,
            }
        })
        .collect();
    let (tp, fp, fn_) = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    Ok(Report {
        drafts: items.len(),
        good,
        good_with_error: good_err,
        good_with_warning: good_warn,
        false_alarm_rate: if good == 0 {
            0.0
        } else {
            good_err as f64 / good as f64
        },
        warning_rate: if good == 0 {
            0.0
        } else {
            good_warn as f64 / good as f64
        },
        bad_caught,
        bad,
        rules,
        micro_precision: ratio(tp, tp + fp),
        micro_recall: ratio(tp, tp + fn_),
        disagreements,
    })
}

impl Report {
    /// The table as text: per rule, then the totals and the false-alarm rate.
    pub fn table(&self) -> String {
        let mut s = String::new();
        s.push_str("rule   support  tp  fp  fn  precision  recall    f1\n");
        for r in &self.rules {
            s.push_str(&format!(
                "{:<6} {:>7} {:>3} {:>3} {:>3}  {:>9.3}  {:>6.3}  {:.3}\n",
                r.rule,
                r.tp + r.fn_,
                r.tp,
                r.fp,
                r.fn_,
                r.precision,
                r.recall,
                r.f1
            ));
        }
        s.push_str(&format!(
            "micro  precision {:.3}  recall {:.3}\n",
            self.micro_precision, self.micro_recall
        ));
        s.push_str(&format!(
            "drafts {}: good {} (with an error {}, false-alarm rate {:.3}; with a warning {}, {:.3}); bad {} (caught {})\n",
            self.drafts,
            self.good,
            self.good_with_error,
            self.false_alarm_rate,
            self.good_with_warning,
            self.warning_rate,
            self.bad,
            self.bad_caught
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_sets_field_names_kinds_and_rules() {
        let set = r#"{"id":"a","text":"Вы сами виноваты.","kind":"local","expected":["RC5","RC12"]}
{"id":"b","reply":"Спасибо! Напишите номер заказа в личные сообщения, проверим.","labels":[]}"#;
        let items = parse_jsonl(set).expect("parses");
        let r = evaluate(&items).expect("evaluates");
        let rc5 = r.rules.iter().find(|s| s.rule == "RC5").expect("RC5 row");
        assert_eq!(rc5.tp, 1);
        // RC12 is not a separate check: it has support and is never found.
        let rc12 = r.rules.iter().find(|s| s.rule == "RC12").expect("RC12 row");
        assert_eq!((rc12.tp, rc12.fn_), (0, 1));
        assert_eq!(r.good_with_error, 0);
        assert!(parse_jsonl(r#"{"id":"c","draft":"x","rules":["not a rule!"]}"#).is_err());
    }
}
