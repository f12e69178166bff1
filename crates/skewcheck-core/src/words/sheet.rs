//! The field sheet page (`#sheet`): its headings, buttons, notices, summary and the plain
//! text table "Copy" writes. These words are a part of their own
//! (`i18n/sheet.json`'s `"_part"`): the page loads `lang/sheet/<tag>.json` only at
//! `#sheet`, so no device that is only measured downloads them. The few words every result
//! shows (the device name, "Add to field sheet") are in [`super::sharing`].

use crate::date_text::date_time_words;
use crate::sheet::model::{Row, SheetNotice, Summary, summary};
use crate::words::catalogue::Words;
use crate::words::numbers::offset_words;
use crate::words::page::{platform_name, verdict_word};
use time::OffsetDateTime;

/// What the sheet is, under its heading.
pub const SHEET_INTRO: Words = Words(
    "Results collected on this phone. The sheet stays in this browser's storage: nothing of it is sent anywhere.",
);

/// An empty sheet.
pub const SHEET_EMPTY: Words = Words(
    "No results yet. Scan a device's QR code (or open its result link) and tap “Add to field sheet”.",
);

/// The button that downloads the sheet as CSV.
pub const SHEET_CSV: Words = Words("Download CSV");

/// The button that copies the sheet as a plain-text table.
pub const SHEET_COPY: Words = Words("Copy as text");

/// A row's button that removes it.
pub const SHEET_REMOVE: Words = Words("Remove");

/// The button that empties the sheet (after asking).
pub const SHEET_CLEAR: Words = Words("Clear the sheet");

/// The button that empties the sheet once asked.
pub const SHEET_CLEAR_YES: Words = Words("Yes, clear it");

/// The button that keeps the sheet after all.
pub const SHEET_CLEAR_NO: Words = Words("Cancel");

/// The table's column headings.
pub const SHEET_COLUMNS: [Words; 5] = [
    Words("Device"),
    Words("Verdict"),
    Words("Offset"),
    Words("Platform"),
    Words("Measured (UTC)"),
];

/// A row whose device has no name.
pub const NO_NAME: Words = Words("(no name)");

/// When the browser's storage refuses the sheet (private mode, storage full).
pub const STORAGE_UNAVAILABLE: Words = Words(
    "This browser does not let the page keep the sheet (private mode, or its storage is full): what is added now is lost when the page closes.",
);

/// What clearing asks first.
pub fn clear_question(count: usize) -> String {
    say!("Remove all {count} results from this sheet?", count)
}

/// The sheet's summary: `3 refused · 1 close to the limit · 16 OK` (counts of none left out).
pub fn sheet_summary(summary: &Summary) -> String {
    let parts = [
        (
            summary.refused,
            say!("{count} refused", count = summary.refused),
        ),
        (
            summary.close,
            say!("{count} close to the limit", count = summary.close),
        ),
        (summary.ok, say!("{count} OK", count = summary.ok)),
        (
            summary.unknown,
            say!("{count} unknown", count = summary.unknown),
        ),
    ];
    let said: Vec<String> = parts
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(_, words)| words)
        .collect();
    said.join(" · ")
}

/// What reading the stored sheet found wrong.
pub fn sheet_notice_words(notice: SheetNotice) -> String {
    match notice {
        SheetNotice::Damaged => {
            Words("The sheet stored in this browser could not be read and was ignored.").text()
        }
        SheetNotice::OtherVersion(_) => Words(
            "The sheet stored in this browser was written by another version of this page and was ignored.",
        )
        .text(),
        SheetNotice::RowsDropped(count) => say!(
            "{count} stored results could not be read and were left out.",
            count
        ),
    }
}

/// When the sheet is full.
pub fn sheet_full_words(max: usize) -> String {
    say!(
        "The sheet is full: it keeps at most {max} results. Remove some to add more.",
        max
    )
}

/// A row's cells as the table shows them: name, verdict, offset (its uncertainty is in the
/// CSV and the result itself: a phone's table has no room), platform, when measured.
pub fn row_cells(row: &Row) -> [String; 5] {
    let report = &row.report;
    [
        report.label.clone().unwrap_or_else(|| NO_NAME.text()),
        verdict_word(row.verdict),
        offset_words(report.offset_ms as f64, report.uncertainty_ms as f64),
        platform_name(report.platform),
        utc(report.measured_at_ms),
    ]
}

/// `rows` as plain text for a ticket: the summary, then one line a row.
pub fn sheet_text(rows: &[Row]) -> String {
    let mut lines = vec![sheet_summary(&summary(rows))];
    lines.extend(rows.iter().map(|row| {
        let [name, verdict, offset, platform, measured] = row_cells(row);
        say!(
            "{name}: {verdict}, {offset} ({platform}, {measured} UTC)",
            name,
            verdict,
            offset,
            platform,
            measured
        )
    }));
    lines.join("\n")
}

/// `2026-11-26 14:03:27` (whole seconds, UTC); empty outside what `time` can show.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`seconds` is a whole number within ±1e15"
)]
fn utc(epoch_ms: f64) -> String {
    let seconds = (epoch_ms / 1000.0).floor();
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return String::new();
    }
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .map_or_else(|_| String::new(), date_time_words)
}
