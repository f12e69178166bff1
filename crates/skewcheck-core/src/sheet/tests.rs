//! The field sheet: adding, one row per result, the cap, worst first, damaged storage, and
//! the CSV read back by the `csv` crate.

use super::*;
use crate::report::tests::compact::measured;
use crate::report::{Report, encode_fragment};
use crate::verdict::service_by_id;
use proptest::prelude::*;

const PAGE: &str = "https://support.example.com/clock/";
const MINUTE: i64 = 60_000;

/// A report as a measuring page writes it, against S3's limit, named `label`.
fn report(offset_ms: i64, uncertainty_ms: u64, label: Option<&str>) -> Report {
    let s3 = service_by_id("s3").expect("S3 is in the catalogue");
    Report {
        label: label.map(str::to_owned),
        ..measured(s3, offset_ms, uncertainty_ms)
    }
}

fn fragment(offset_ms: i64, label: &str) -> String {
    format!("#{}", encode_compact(&report(offset_ms, 400, Some(label))))
}

fn labels(sheet: &Sheet) -> Vec<String> {
    sheet
        .rows()
        .into_iter()
        .map(|row| row.report.label.unwrap_or_default())
        .collect()
}

#[test]
fn the_three_tablets_are_three_rows_worst_first_with_their_verdicts() {
    let mut sheet = Sheet::default();
    let a = fragment(16 * MINUTE, "A");
    assert_eq!(sheet.add(&a, 1), Ok(Added::New));
    assert_eq!(sheet.add(&fragment(3_000, "B"), 2), Ok(Added::New));
    assert_eq!(sheet.add(&fragment(-20 * MINUTE, "C"), 3), Ok(Added::New));
    // Again, with and without `#`: the same result, one row.
    assert_eq!(sheet.add(&a, 4), Ok(Added::AlreadyThere));
    assert_eq!(sheet.add(&a[1..], 5), Ok(Added::AlreadyThere));
    assert!(sheet.has(&a));
    let rows = sheet.rows();
    let seen: Vec<(String, Verdict, i64, &str)> = rows
        .iter()
        .map(|row| {
            let label = row.report.label.clone().unwrap_or_default();
            (label, row.verdict, row.report.offset_ms, row.service_id())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("C".to_owned(), Verdict::Rejected, -20 * MINUTE, "s3"),
            ("A".to_owned(), Verdict::Rejected, 16 * MINUTE, "s3"),
            ("B".to_owned(), Verdict::Ok, 3_000, "s3"),
        ]
    );
    assert_eq!(rows[1].added_at_ms, 1, "the first add counts");
    assert_eq!(rows[0].source_host(), "support.example.com");
    assert_eq!(
        summary(&rows),
        Summary {
            refused: 2,
            close: 0,
            ok: 1,
            unknown: 0
        }
    );
}

#[test]
fn worst_first_puts_warning_then_unknown_before_ok_and_larger_offsets_first() {
    let mut sheet = Sheet::default();
    let cases = [
        ("ok small", 1_000, 400),
        ("ok large", -10 * MINUTE, 400),
        ("warning", 14 * MINUTE + 30_000, 400),
        ("warning too", 15 * MINUTE, 3 * MINUTE as u64),
        ("rejected", 30 * MINUTE, 400),
    ];
    for (at, (label, offset, uncertainty)) in cases.into_iter().enumerate() {
        let text = encode_compact(&report(offset, uncertainty, Some(label)));
        let at = i64::try_from(at).expect("a small index");
        assert_eq!(sheet.add(&text, at), Ok(Added::New));
    }
    assert_eq!(
        labels(&sheet),
        ["rejected", "warning too", "warning", "ok large", "ok small"]
    );
    let verdicts: Vec<Verdict> = sheet.rows().iter().map(|row| row.verdict).collect();
    assert_eq!(
        verdicts,
        [
            Verdict::Rejected,
            Verdict::Warning,
            Verdict::Warning,
            Verdict::Ok,
            Verdict::Ok
        ]
    );
    assert_eq!(
        summary(&sheet.rows()),
        Summary {
            refused: 1,
            close: 2,
            ok: 2,
            unknown: 0
        }
    );
    // A compact row is always recomputed; an unknown verdict (a claim) would sit between.
    let order = [
        Verdict::Ok,
        Verdict::Unknown,
        Verdict::Warning,
        Verdict::Rejected,
    ];
    let mut sorted = order;
    sorted.sort_by_key(|verdict| severity(*verdict));
    assert_eq!(
        sorted,
        [
            Verdict::Rejected,
            Verdict::Warning,
            Verdict::Unknown,
            Verdict::Ok
        ]
    );
}

#[test]
fn an_old_link_is_kept_as_a_compact_one_or_refused() {
    let mut sheet = Sheet::default();
    let old = encode_fragment(&report(16 * MINUTE, 400, Some("A")).without_details());
    assert_eq!(sheet.add(&old, 0), Ok(Added::New));
    assert!(sheet.rows()[0].fragment.starts_with("R1/"));
    let mut unknown = report(16 * MINUTE, 400, Some("A"));
    unknown.verdicts[0].service_id = "someone-elses".to_owned();
    let old = encode_fragment(&unknown.without_details());
    assert!(
        decode_fragment(&old).is_ok(),
        "the page shows it as a claim"
    );
    assert!(matches!(sheet.add(&old, 0), Err(AddRefusal::Refused(_))));
    assert_eq!(sheet.len(), 1);
}

#[test]
fn equal_rows_keep_the_order_they_were_added_in() {
    let mut sheet = Sheet::default();
    for label in ["first", "second", "third"] {
        assert_eq!(sheet.add(&fragment(2_000, label), 0), Ok(Added::New));
    }
    assert_eq!(labels(&sheet), ["first", "second", "third"]);
}

#[test]
fn a_permalink_the_page_refuses_is_never_added() {
    let mut sheet = Sheet::default();
    let genuine = encode_compact(&report(16 * MINUTE, 400, Some("A")));
    // The offset edited (16 min → 1 s in base 36) no longer agrees with the two times.
    let fields: Vec<&str> = genuine.split('/').collect();
    let edited = [&fields[..3], &["RS"], &fields[4..]].concat().join("/");
    assert!(matches!(
        sheet.add(&edited, 0),
        Err(AddRefusal::Refused(ReportError::Invalid(_)))
    ));
    assert!(matches!(
        sheet.add("R1/damaged", 0),
        Err(AddRefusal::Refused(_))
    ));
    assert!(matches!(
        sheet.add("sheet", 0),
        Err(AddRefusal::Refused(ReportError::NotAReport))
    ));
    assert!(!sheet.has(&edited));
    assert!(!accepts(&edited) && accepts(&genuine));
    assert!(sheet.is_empty());
}

#[test]
fn the_sheet_keeps_at_most_500_rows_and_says_so() {
    let mut sheet = Sheet::default();
    for offset in 0..i64::try_from(MAX_ROWS).expect("500") {
        assert_eq!(sheet.add(&fragment(offset * 10, "x"), 0), Ok(Added::New));
    }
    assert!(sheet.is_full());
    assert_eq!(sheet.add(&fragment(-5, "x"), 0), Err(AddRefusal::Full));
    // A result already there is still "there", full or not.
    assert_eq!(sheet.add(&fragment(0, "x"), 0), Ok(Added::AlreadyThere));
    assert_eq!(sheet.len(), MAX_ROWS);
    // A stored value with more is cut to the cap, and says so.
    let mut stored = sheet.to_stored();
    stored.insert_str(
        stored.len() - 2,
        &format!(",{{\"r\":\"{}\",\"a\":9}}", &fragment(-5, "x")[1..]),
    );
    let (read, notice) = Sheet::parse(Some(&stored));
    assert_eq!(read.len(), MAX_ROWS);
    assert_eq!(notice, Some(SheetNotice::RowsDropped(1)));
}

#[test]
fn the_stored_value_reads_back_and_survives_a_reload() {
    let mut sheet = Sheet::default();
    sheet
        .add(&fragment(16 * MINUTE, "Reception iPad"), 1_764_000_000_000)
        .expect("added");
    sheet.add(&fragment(-1, "Van 3"), 7).expect("added");
    let stored = sheet.to_stored();
    assert!(
        stored.starts_with("{\"v\":1,\"rows\":[{\"r\":\"R1/"),
        "{stored}"
    );
    assert!(stored.contains("\"a\":1764000000000}"), "{stored}");
    let value: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    assert_eq!(value["rows"].as_array().map(Vec::len), Some(2));
    assert_eq!(Sheet::parse(Some(&stored)), (sheet, None));
    assert_eq!(Sheet::parse(None), (Sheet::default(), None));
    assert_eq!(
        Sheet::parse(Some("{\"v\":1,\"rows\":[]}")),
        (Sheet::default(), None)
    );
}

#[test]
fn removing_and_clearing() {
    let mut sheet = Sheet::default();
    sheet.add(&fragment(1, "A"), 0).expect("added");
    sheet.add(&fragment(2, "B"), 0).expect("added");
    let first = sheet.rows()[0].fragment.clone();
    assert!(sheet.remove(&first));
    assert!(!sheet.remove(&first));
    assert_eq!(sheet.len(), 1);
    sheet.clear();
    assert!(sheet.is_empty());
}

#[test]
fn only_another_formats_sheet_is_kept_from_being_written_over() {
    // A newer page's sheet: adding here would lose its rows. A damaged value is replaced.
    let (_, newer) = Sheet::parse(Some("{\"v\":2,\"rows\":[]}"));
    assert!(newer.is_some_and(SheetNotice::keeps_stored_value));
    let (_, damaged) = Sheet::parse(Some("{not json"));
    assert!(!damaged.is_some_and(SheetNotice::keeps_stored_value));
    assert!(!SheetNotice::RowsDropped(1).keeps_stored_value());
}

#[test]
fn a_damaged_or_foreign_stored_value_is_ignored_with_a_notice() {
    let good = fragment(3_000, "B");
    let cases: [(&str, Option<SheetNotice>, usize); 9] = [
        ("", Some(SheetNotice::Damaged), 0),
        ("{not json", Some(SheetNotice::Damaged), 0),
        ("[1,2]", Some(SheetNotice::Damaged), 0),
        ("{\"rows\":[]}", Some(SheetNotice::Damaged), 0),
        ("{\"v\":1}", Some(SheetNotice::Damaged), 0),
        ("{\"v\":1,\"rows\":{}}", Some(SheetNotice::Damaged), 0),
        (
            "{\"v\":2,\"rows\":[]}",
            Some(SheetNotice::OtherVersion(2)),
            0,
        ),
        (
            "{\"v\":1,\"rows\":[{\"r\":\"R1/x\",\"a\":1},{\"r\":7},{\"a\":1},\"R1\"]}",
            Some(SheetNotice::RowsDropped(4)),
            0,
        ),
        ("null", Some(SheetNotice::Damaged), 0),
    ];
    for (stored, notice, len) in cases {
        let (sheet, said) = Sheet::parse(Some(stored));
        assert_eq!((said, sheet.len()), (notice, len), "{stored}");
    }
    // Good rows beside bad ones stay; a repeat is dropped.
    let stored = format!(
        "{{\"v\":1,\"rows\":[{{\"r\":\"{0}\",\"a\":1}},{{\"r\":\"R1/1/2\",\"a\":1}},{{\"r\":\"{0}\",\"a\":2}}]}}",
        &good[1..]
    );
    let (sheet, notice) = Sheet::parse(Some(&stored));
    assert_eq!(
        (sheet.len(), notice),
        (1, Some(SheetNotice::RowsDropped(2)))
    );
}

/// The CSV's records as the `csv` crate reads them.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| {
            record
                .expect("RFC 4180 CSV")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn the_csv_has_a_header_and_one_record_per_row_with_crlf() {
    let mut sheet = Sheet::default();
    sheet.add(&fragment(16 * MINUTE, "A"), 0).expect("added");
    sheet
        .add(&fragment(-20 * MINUTE, "C, \"west\""), 0)
        .expect("added");
    let text = csv_of(&sheet.rows(), PAGE);
    assert!(text.starts_with(UTF8_BOM), "Excel reads it as UTF-8");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let records = read_csv(&text);
    assert_eq!(records[0], CSV_HEADER);
    assert_eq!(records.len(), 3);
    let c = &records[1];
    assert_eq!(c[0], "C, \"west\"");
    assert_eq!(c[1..4], ["ipados", "s3", "rejected"]);
    assert_eq!(c[4], "-1200000", "a negative number stays a number");
    assert_eq!(
        c[5..9],
        [
            "400",
            "2026-11-26T14:03:27.123Z",
            "support.example.com",
            "T-1234"
        ]
    );
    assert_eq!(c[9], format!("{PAGE}#{}", sheet.rows()[0].fragment));
    assert_eq!(records[2][4], "960000");
}

#[test]
fn formula_cells_are_neutralised_and_numbers_are_not() {
    let mut sheet = Sheet::default();
    let labels = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "plain"];
    for (index, label) in labels.iter().enumerate() {
        let offset = -(i64::try_from(index).expect("a small index") + 1) * MINUTE;
        sheet.add(&fragment(offset, label), 0).expect("added");
    }
    let records = read_csv(&csv_of(&sheet.rows(), PAGE));
    let by_label: Vec<(&str, &str)> = records[1..]
        .iter()
        .map(|record| (record[0].as_str(), record[4].as_str()))
        .collect();
    assert_eq!(
        by_label,
        [
            ("plain", "-300000"),
            ("'@SUM(A1)", "-240000"),
            ("'-2", "-180000"),
            ("'+1", "-120000"),
            ("'=HYPERLINK(\"x\")", "-60000"),
        ]
    );
}

/// Labels of any characters, starting with anything.
fn any_label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[=+@\\-\t\r,\"\n a-zA-Z0-9é日]{0,40}",
        any::<String>().prop_map(|text| text.chars().take(40).collect()),
    ]
}

proptest! {
    #[test]
    fn any_sheets_csv_reads_back_to_the_same_cells(
        rows in prop::collection::vec(
            (any_label(), -10_000_000_000i64..10_000_000_000, 0u64..100_000, any_label()),
            0..12,
        )
    ) {
        let mut sheet = Sheet::default();
        for (label, offset, uncertainty, ticket) in &rows {
            let mut report = report(*offset, *uncertainty, Some(label));
            report.ticket = Some(ticket.clone());
            let _ = sheet.add(&encode_compact(&report), 0);
        }
        let rows = sheet.rows();
        let records = read_csv(&csv_of(&rows, PAGE));
        prop_assert_eq!(records.len(), rows.len() + 1);
        for (row, record) in rows.iter().zip(&records[1..]) {
            let text = |cell: &str| {
                if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{cell}")
                } else {
                    cell.to_owned()
                }
            };
            let report = &row.report;
            let expected = [
                text(report.label.as_deref().unwrap_or_default()),
                report.platform.id().to_owned(),
                row.service_id().to_owned(),
                row.verdict.as_str().to_owned(),
                report.offset_ms.to_string(),
                report.uncertainty_ms.to_string(),
                crate::date_text::iso_8601_utc(report.measured_at_ms).unwrap_or_default(),
                text(row.source_host()),
                text(report.ticket.as_deref().unwrap_or_default()),
                format!("{PAGE}#{}", row.fragment),
            ];
            prop_assert_eq!(record.as_slice(), expected.as_slice());
        }
    }

    #[test]
    fn any_stored_text_reads_without_panicking(text in any::<String>()) {
        let (sheet, _) = Sheet::parse(Some(&text));
        prop_assert!(sheet.len() <= MAX_ROWS);
    }

    #[test]
    fn adding_is_idempotent_and_the_stored_value_round_trips(
        offsets in prop::collection::vec(-100_000_000i64..100_000_000, 0..20)
    ) {
        let mut sheet = Sheet::default();
        for offset in &offsets {
            let _ = sheet.add(&fragment(*offset, "t"), *offset);
            prop_assert_eq!(sheet.add(&fragment(*offset, "t"), 0), Ok(Added::AlreadyThere));
        }
        let mut distinct = offsets.clone();
        distinct.sort_unstable();
        distinct.dedup();
        prop_assert_eq!(sheet.len(), distinct.len());
        prop_assert_eq!(Sheet::parse(Some(&sheet.to_stored())), (sheet, None));
    }
}

#[test]
fn the_sheet_fragment_is_told_from_a_permalink() {
    for opens in ["sheet", "#sheet", " #sheet "] {
        assert!(is_sheet_fragment(opens), "{opens}");
    }
    for other in ["", "#", "sheets", "#R1/1", "report=sheet", "#sheet/1"] {
        assert!(!is_sheet_fragment(other), "{other}");
        assert!(!crate::report::is_report_fragment("sheet"));
    }
}
