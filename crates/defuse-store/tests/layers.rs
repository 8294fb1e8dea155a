//! The store's one-way dependencies (ARCHITECTURE.md, "Architecture invariants"), checked: every
//! `crate::module` path in a store source file names a module on a lower layer than the file's
//! own. What this cannot see: inherent methods of `SqliteStore` called across files (they need
//! no path); the layering of those is kept by review and stated in ARCHITECTURE.md.

use std::path::Path;

/// Bottom to top. A module may name only modules on lower layers (and the crate root's types).
const LAYERS: &[&[&str]] = &[
    &["error", "codec", "search"],
    &["sqlite"],
    &["audit"],
    &["case_row"],
    &["jobs"],
    &["workflow", "outbox", "tokens", "users"],
    &["moderation", "labels", "sqlite::ingest", "sqlite::queries"],
    &["case_view"],
    &["desk"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The first path segment of every `crate::…` path in `src`, with `crate::{a, b::c}` groups.
fn crate_refs(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let head = item.trim().split("::").next().unwrap_or("").trim();
                if !head.is_empty() {
                    out.push(head.to_string());
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(head);
        }
    }
    out
}

#[test]
fn store_modules_depend_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "rs") {
            files.push(p);
        }
    }
    for entry in std::fs::read_dir(src.join("sqlite")).expect("src/sqlite") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "rs") {
            files.push(p);
        }
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let name = rel
            .with_extension("")
            .to_string_lossy()
            .replace('/', "::")
            .replace("::mod", "");
        if name == "lib" {
            continue; // the root declares the modules and the shared types
        }
        let Some(own) = layer(&name) else {
            wrong.push(format!("{name}: not in LAYERS (add it where it belongs)"));
            continue;
        };
        let text = std::fs::read_to_string(f).expect("read");
        for r in crate_refs(&text) {
            if r.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue; // a type of the crate root (Result, Incoming, CaseSummary, …)
            }
            checked += 1;
            match layer(&r) {
                Some(l) if l < own => {}
                Some(_) => wrong.push(format!("{name} names crate::{r}, which is not below it")),
                None => wrong.push(format!("{name} names crate::{r}, which is not in LAYERS")),
            }
        }
    }
    assert!(
        checked > 20,
        "too few paths found ({checked}): is the scan broken?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scan_finds_plain_paths_and_groups() {
    let refs = crate_refs("use crate::codec::ms;\nuse crate::{Result, audit::append, jobs};");
    assert_eq!(refs, ["codec", "Result", "audit", "jobs"]);
}
