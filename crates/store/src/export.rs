//! Exports of the event table: CSV, JSON Lines, a GDELT 2.0 Events-compatible TSV and Parquet.
//!
//! Every format streams: events are visited one by one from the store (Parquet buffers one
//! row group), so exporting ten million events takes no more memory than exporting ten.

use crate::{EventFilter, EventStore, StoreError, StoredEvent};
use arrow_array::{
    ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray, UInt8Array,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::Datelike;
use std::io::Write;
use std::sync::Arc;

/// The formats `dyad export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    /// GDELT 2.0 Events: 61 tab-separated columns, no header, GDELT's column order.
    Gdelt,
    Parquet,
}

/// The columns of CSV exports (and of Parquet), in order: the fields of [`StoredEvent`].
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "date",
    "source",
    "target",
    "code",
    "name",
    "root",
    "quad",
    "goldstein",
    "modality",
    "confidence",
    "num_mentions",
    "num_articles",
    "num_sources",
    "article_id",
    "input",
    "url",
    "site",
    "sentence",
    "source_text",
    "target_text",
    "evidence",
    "added_at",
];

/// GDELT 2.0 Events columns, in GDELT's order (the codebook's 61 fields).
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// A report in one of the first sentences counts as GDELT's "root event" (one reported in
/// the lead): the title and the first two sentences.
pub const ROOT_EVENT_SENTENCES: u64 = 3;

/// Writes the events that pass `filter` to `out`; returns how many.
pub fn export<W: Write + Send>(
    store: &dyn EventStore,
    filter: &EventFilter,
    format: ExportFormat,
    out: W,
) -> Result<u64, StoreError> {
    match format {
        ExportFormat::Parquet => export_parquet(store, filter, out),
        _ => {
            let mut out = std::io::BufWriter::new(out);
            let mut n = 0u64;
            let io = |e: std::io::Error| StoreError::Sink(Box::new(e));
            if format == ExportFormat::Csv {
                writeln!(out, "{}", CSV_COLUMNS.join(",")).map_err(io)?;
            }
            store.scan_events(filter, &mut |e| {
                n += 1;
                match format {
                    ExportFormat::Csv => writeln!(out, "{}", csv_line(&e)).map_err(io),
                    ExportFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &e)
                            .map_err(|e| StoreError::Sink(Box::new(e)))?;
                        out.write_all(b"\n").map_err(io)
                    }
                    _ => writeln!(out, "{}", gdelt_row(&e).join("\t")).map_err(io),
                }
            })?;
            out.flush().map_err(io)?;
            Ok(n)
        }
    }
}

/// A CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The cells of an event in [`CSV_COLUMNS`] order.
pub fn csv_cells(e: &StoredEvent) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        opt(&e.date),
        e.source.clone(),
        e.target.clone(),
        e.code.clone(),
        e.name.clone(),
        e.root.clone(),
        e.quad.to_string(),
        format!("{:.1}", e.goldstein),
        e.modality.clone(),
        format!("{:.2}", e.confidence),
        e.num_mentions.to_string(),
        e.num_articles.to_string(),
        e.num_sources.to_string(),
        e.article_id.clone(),
        e.input.clone(),
        opt(&e.url),
        opt(&e.site),
        e.sentence.to_string(),
        opt(&e.source_text),
        opt(&e.target_text),
        e.evidence.clone(),
        e.added_at.clone(),
    ]
}

fn csv_line(e: &StoredEvent) -> String {
    csv_cells(e)
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",")
}

/// First three letters of CAMEO actor codes that are not countries.
const NON_COUNTRY: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS", "INT", "NGM", "REG"];

/// CAMEO's role (type) codes: what an actor is rather than who.
const TYPES: &[&str] = &[
    "AGR", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "IGO", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "NGO", "OPP", "PTY", "RAD", "REB",
    "REF", "SEP", "SPY", "UAF", "MNC",
];

/// The ten actor columns of GDELT from a CAMEO actor code and the surface name: the code cut
/// into its three-letter parts (country, known group, roles); religion and ethnicity are left
/// empty since dyad's dictionaries do not code them.
fn actor_columns(code: &str, name: Option<&str>) -> [String; 10] {
    let mut cols: [String; 10] = Default::default();
    if code.is_empty() {
        return cols;
    }
    cols[0] = code.to_string();
    cols[1] = name
        .map(|n| {
            n.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase()
        })
        .unwrap_or_default();
    let parts: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let mut rest = parts.as_slice();
    if let Some((first, tail)) = parts.split_first() {
        if !NON_COUNTRY.contains(first) && !TYPES.contains(first) && first.len() == 3 {
            cols[2] = first.to_string();
            rest = tail;
        }
    }
    let mut types = 0;
    for part in rest {
        if TYPES.contains(part) {
            if types < 3 {
                cols[7 + types] = part.to_string();
                types += 1;
            }
        } else if cols[3].is_empty() {
            cols[3] = part.to_string();
        }
    }
    cols
}

/// One event as a GDELT 2.0 Events row: [`GDELT_COLUMNS`], filled where dyad has the data.
pub fn gdelt_row(e: &StoredEvent) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(61);
    let date = e
        .date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    row.push(e.id.to_string());
    match date {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            row.push(format!(
                "{:.4}",
                d.year() as f64 + d.ordinal0() as f64 / 365.0
            ));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(actor_columns(&e.source, e.source_text.as_deref()));
    row.extend(actor_columns(&e.target, e.target_text.as_deref()));
    row.push(((e.sentence < ROOT_EVENT_SENTENCES) as u8).to_string());
    row.push(e.code.clone());
    row.push(e.code.get(..3).unwrap_or(&e.code).to_string());
    row.push(e.root.clone());
    row.push(e.quad.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.push(e.num_mentions.to_string());
    row.push(e.num_sources.to_string());
    row.push(e.num_articles.to_string());
    row.push(String::new()); // AvgTone: dyad does not score tone.
    row.extend(std::iter::repeat_n(String::new(), 24)); // Three geo blocks: no geocoder.
    row.push(e.added_at.chars().filter(char::is_ascii_digit).collect());
    row.push(e.url.clone().unwrap_or_else(|| e.input.clone()));
    // Tabs and newlines inside a cell would break the row.
    for cell in &mut row {
        if cell.contains(['\t', '\n', '\r']) {
            *cell = cell.replace(['\t', '\n', '\r'], " ");
        }
    }
    row
}

/// Rows per Parquet row group: large enough to compress well, small enough to buffer.
const ROW_GROUP: usize = 65_536;

fn parquet_schema() -> Arc<Schema> {
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let u = |name: &str| Field::new(name, DataType::Int64, false);
    Arc::new(Schema::new(vec![
        u("id"),
        Field::new("date", DataType::Date32, true),
        s("source", false),
        s("target", false),
        s("code", false),
        s("name", false),
        s("root", false),
        Field::new("quad", DataType::UInt8, false),
        Field::new("goldstein", DataType::Float64, false),
        s("modality", false),
        Field::new("confidence", DataType::Float64, false),
        u("num_mentions"),
        u("num_articles"),
        u("num_sources"),
        s("article_id", false),
        s("input", false),
        s("url", true),
        s("site", true),
        u("sentence"),
        s("source_text", true),
        s("target_text", true),
        s("evidence", false),
        s("added_at", false),
    ]))
}

fn parquet_batch(schema: &Arc<Schema>, rows: &[StoredEvent]) -> Result<RecordBatch, StoreError> {
    let strs = |f: &dyn Fn(&StoredEvent) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let opt_strs = |f: &dyn Fn(&StoredEvent) -> Option<&str>| -> ArrayRef {
        Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let ints = |f: &dyn Fn(&StoredEvent) -> i64| -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let dates: Date32Array = rows
        .iter()
        .map(|e| {
            e.date
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| (d - epoch).num_days() as i32)
        })
        .collect();
    let columns: Vec<ArrayRef> = vec![
        ints(&|e| e.id),
        Arc::new(dates),
        strs(&|e| &e.source),
        strs(&|e| &e.target),
        strs(&|e| &e.code),
        strs(&|e| &e.name),
        strs(&|e| &e.root),
        Arc::new(UInt8Array::from_iter_values(rows.iter().map(|e| e.quad))),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|e| e.goldstein),
        )),
        strs(&|e| &e.modality),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|e| e.confidence),
        )),
        ints(&|e| e.num_mentions as i64),
        ints(&|e| e.num_articles as i64),
        ints(&|e| e.num_sources as i64),
        strs(&|e| &e.article_id),
        strs(&|e| &e.input),
        opt_strs(&|e| e.url.as_deref()),
        opt_strs(&|e| e.site.as_deref()),
        ints(&|e| e.sentence as i64),
        opt_strs(&|e| e.source_text.as_deref()),
        opt_strs(&|e| e.target_text.as_deref()),
        strs(&|e| &e.evidence),
        strs(&|e| &e.added_at),
    ];
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| StoreError::Export(e.to_string()))
}

fn export_parquet<W: Write + Send>(
    store: &dyn EventStore,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let schema = parquet_schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_size(ROW_GROUP)
        .build();
    let perr = |e: parquet::errors::ParquetError| StoreError::Export(e.to_string());
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?;
    let mut buffer: Vec<StoredEvent> = Vec::with_capacity(ROW_GROUP);
    let mut n = 0u64;
    store.scan_events(filter, &mut |e| {
        n += 1;
        buffer.push(e);
        if buffer.len() == ROW_GROUP {
            let batch = parquet_batch(&schema, &buffer)?;
            writer.write(&batch).map_err(perr)?;
            buffer.clear();
        }
        Ok(())
    })?;
    if !buffer.is_empty() {
        let batch = parquet_batch(&schema, &buffer)?;
        writer.write(&batch).map_err(perr)?;
    }
    writer.close().map_err(perr)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, expected: [&str; 10]) {
        let got = actor_columns(code, Some("the  Israeli government"));
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(got.to_vec(), expected, "{code}");
    }

    #[test]
    fn actor_codes_split_into_gdelt_columns() {
        let name = "THE ISRAELI GOVERNMENT";
        check(
            "ISRGOV",
            ["ISRGOV", name, "ISR", "", "", "", "", "GOV", "", ""],
        );
        check(
            "USAMILREB",
            ["USAMILREB", name, "USA", "", "", "", "", "MIL", "REB", ""],
        );
        check(
            "IGOUNO",
            ["IGOUNO", name, "", "UNO", "", "", "", "IGO", "", ""],
        );
        check("PSE", ["PSE", name, "PSE", "", "", "", "", "", "", ""]);
        check("", ["", "", "", "", "", "", "", "", "", ""]);
    }

    #[test]
    fn gdelt_columns_are_61() {
        assert_eq!(GDELT_COLUMNS.len(), 61);
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
