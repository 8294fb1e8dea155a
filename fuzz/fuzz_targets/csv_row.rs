//! Fuzz CSV import: any bytes as a CSV file (header + rows) through a column mapping give
//! mentions or per-row errors — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let Ok(header) = rdr.headers().cloned() else {
        return;
    };
    let cols: Vec<&str> = header.iter().collect();
    let maps: Vec<String> = cols
        .iter()
        .take(3)
        .zip(["text", "id", "metrics.likes"])
        .map(|(c, f)| format!("{f}={c}"))
        .collect();
    let Ok(mapping) = defuse::csv_map::CsvMapping::new(&maps, &cols, Some("vk")) else {
        return;
    };
    for rec in rdr.records().flatten() {
        let cells: Vec<&str> = rec.iter().collect();
        let _ = defuse_core::mention::Mention::from_value(&mapping.row(&cells));
    }
});
