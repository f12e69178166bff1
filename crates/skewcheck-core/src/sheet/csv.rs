//! The sheet as CSV: data for a spreadsheet or a ticket system, so its header and verdict
//! cells are machine tokens (English column ids, `rejected`), never the page's words.
//!
//! Written by hand (a few lines) rather than with the `csv` crate, which would add its
//! writer to the page's wasm for this one table; the tests read every sheet's CSV back
//! with the `csv` crate.
//!
//! - RFC 4180 §2 (<https://www.rfc-editor.org/rfc/rfc4180#section-2>): CRLF line ends, a
//!   header row, a cell holding `,` `"` CR or LF is enclosed in `"` and its `"` doubled.
//! - OWASP, "CSV Injection" (<https://owasp.org/www-community/attacks/CSV_Injection>): a
//!   text cell starting with `=` `+` `-` `@`, TAB or CR is neutralised by a leading `'`,
//!   so a spreadsheet shows it as text instead of running it as a formula. A number this
//!   page wrote (a negative offset, `-1200000`) stays a number.
//! - A UTF-8 byte order mark first: Excel on Windows reads a CSV without one in the system's
//!   legacy code page (Windows-1252, Shift_JIS on a Japanese Windows), which garbles every
//!   name outside ASCII ("Réception", "倉庫"); with it, Excel and other readers take UTF-8
//!   (the `csv` crate and RFC 4180 readers skip it).

use crate::date_text::iso_8601_utc;
use crate::sheet::model::Row;

/// The header row's cells.
pub const CSV_HEADER: [&str; 10] = [
    "label",
    "platform",
    "service",
    "verdict",
    "offset_ms",
    "uncertainty_ms",
    "measured_at",
    "source_host",
    "ticket",
    "permalink",
];

/// The byte order mark the CSV starts with (module docs).
pub const UTF8_BOM: char = '\u{feff}';

/// `rows` as CSV, each row's permalink at `page_base` (the page without query or
/// fragment).
pub fn csv_of(rows: &[Row], page_base: &str) -> String {
    let mut out = String::from(UTF8_BOM);
    line(&mut out, CSV_HEADER.iter().map(|id| Cell::Text(id)));
    for row in rows {
        let report = &row.report;
        let offset = report.offset_ms.to_string();
        let uncertainty = report.uncertainty_ms.to_string();
        let measured = iso_8601_utc(report.measured_at_ms).unwrap_or_default();
        let permalink = format!("{page_base}#{}", row.fragment);
        line(
            &mut out,
            [
                Cell::Text(report.label.as_deref().unwrap_or_default()),
                Cell::Text(report.platform.id()),
                Cell::Text(row.service_id()),
                Cell::Text(row.verdict.as_str()),
                Cell::Number(&offset),
                Cell::Number(&uncertainty),
                Cell::Text(&measured),
                Cell::Text(row.source_host()),
                Cell::Text(report.ticket.as_deref().unwrap_or_default()),
                Cell::Text(&permalink),
            ],
        );
    }
    out
}

/// A cell: text from anywhere, or a number this page wrote.
enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}

/// Appends one record and its CRLF.
fn line<'a>(out: &mut String, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let (text, neutralised) = match cell {
            Cell::Number(number) => (number, false),
            Cell::Text(text) => (text, text.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        };
        let quoted = text.contains([',', '"', '\r', '\n']);
        if quoted {
            out.push('"');
        }
        if neutralised {
            out.push('\'');
        }
        out.push_str(&text.replace('"', "\"\""));
        if quoted {
            out.push('"');
        }
    }
    out.push_str("\r\n");
}
