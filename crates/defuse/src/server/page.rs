//! The read-only queue page at `/`: the open cases in queue order, every piece of outside text
//! HTML-escaped (and control characters dropped).

use super::error::ApiError;
use super::{Shared, blocking, locked, now};
use axum::extract::State;
use axum::response::Html;
use defuse_store::{CaseFilter, CaseSummary};
use jiff::Timestamp;

/// The queue as a page: every piece of mention text is HTML-escaped.
pub async fn inbox_page(State(st): State<Shared>) -> Result<Html<String>, ApiError> {
    blocking(move || {
        let now = now(&st)?;
        let store = locked(&st)?;
        let cases = store.cases(
            &CaseFilter {
                open_only: true,
                limit: 200,
                ..CaseFilter::default()
            },
            now,
        )?;
        let stats = store.stats()?;
        Ok(Html(render_inbox(
            &cases,
            stats.mentions,
            stats.unmatched,
            now,
        )))
    })
    .await
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn render_inbox(cases: &[CaseSummary], mentions: u64, unmatched: u64, now: Timestamp) -> String {
    let mut rows = String::new();
    for c in cases {
        let factors: Vec<String> = c
            .risk_factors
            .iter()
            .map(|f| format!("{} {:+}", escape(&f.name), f.points))
            .collect();
        let due = match c.due {
            _ if c.paused => "paused (waiting for the customer)".to_string(),
            // ST1, T3, T4: a kind the desk ignores or moderates has no reply clock.
            None => "no clock".to_string(),
            Some(d) => {
                let mins = (d.as_second() - now.as_second()) / 60;
                if c.overdue {
                    format!("<b class=overdue>breached {}m ago</b>", -mins)
                } else {
                    format!("in {mins}m")
                }
            }
        };
        rows.push_str(&format!(
            "<tr><td><a href=\"/api/v1/cases/{id}\">#{id}</a></td><td>{risk}</td><td>{due}</td>\
             <td>{brand}</td><td>{kind}</td><td>{sent}</td><td>{src}</td><td>{status}</td>\
             <td>{assigned}</td><td class=text>{text}<div class=f>{factors}</div></td></tr>\n",
            id = c.id,
            risk = c.risk,
            brand = escape(&c.brand),
            kind = escape(c.kind.as_str()),
            sent = escape(c.sentiment.as_str()),
            src = escape(&c.source),
            status = escape(c.status.as_str()),
            assigned = escape(c.assigned_to.as_deref().unwrap_or("")),
            text = match &c.title {
                Some(t) => format!(
                    "<b>{}</b><br>{}",
                    escape(&t.chars().take(200).collect::<String>()),
                    escape(&c.text.chars().take(400).collect::<String>())
                ),
                None => escape(&c.text.chars().take(400).collect::<String>()),
            },
            factors = factors.join(", "),
        ));
    }
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>defuse — queue</title>\
         <style>body{{font:14px system-ui;margin:2em}}table{{border-collapse:collapse}}\
         td,th{{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}}\
         .overdue{{color:#b00}}.text{{max-width:40em}}.f{{color:#777;font-size:12px}}</style></head>\
         <body><h1>Queue</h1><p>{n} open cases · {mentions} mentions · {unmatched} unmatched · \
         <a href=\"/api/openapi.json\">API</a></p><table><tr><th>case</th><th>risk</th><th>due</th>\
         <th>brand</th><th>kind</th><th>sentiment</th><th>source</th><th>status</th><th>agent</th><th>first message</th></tr>\
         {rows}</table></body></html>",
        n = cases.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script>&\"\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot; [31m"
        );
    }
}
