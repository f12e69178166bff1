//! The field sheet: results a technician's phone collects from many devices (each opened
//! from its permalink, or measured on the phone), kept in that browser's storage only.
//!
//! A sheet stores each result as its compact permalink fragment (`R1/…`) and when it was
//! added; everything shown is worked out again from the fragment, as for any permalink
//! ([`decode_fragment`], [`Report::with_recomputed_details`]), so a stored value edited by
//! hand can show nothing the numbers do not imply. The stored value is one versioned
//! JSON text ([`STORAGE_KEY`]); reading it never fails: a damaged or foreign value is
//! ignored and said ([`SheetNotice`]). The sheet is never sent anywhere.

mod csv;
pub(crate) mod model;
// Native only: its property tests and the CSV reader are native dev-dependencies (the
// core's tests run natively; the wasm build compiles no test of it).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use csv::{CSV_HEADER, UTF8_BOM, csv_of};
pub use model::{Row, SheetNotice, Summary, summary};

use crate::report::{Report, ReportError, decode_fragment, encode_compact};
use crate::verdict::Verdict;

/// The browser storage key the sheet is kept under (the `v1` is the stored format's).
pub const STORAGE_KEY: &str = "skewcheck.sheet.v1";

/// The page fragment that opens the sheet: `#sheet` (a fragment, so no request carries it).
pub const SHEET_FRAGMENT: &str = "sheet";

/// Whether a page fragment (with or without its `#`) opens the sheet: the page then shows
/// the sheet and measures nothing.
pub fn is_sheet_fragment(fragment: &str) -> bool {
    let fragment = fragment.trim();
    fragment.strip_prefix('#').unwrap_or(fragment) == SHEET_FRAGMENT
}

/// Whether a sheet would take the result of a permalink `fragment`: the page offers "Add
/// to field sheet" only then.
pub fn accepts(fragment: &str) -> bool {
    decoded(fragment).is_ok()
}

/// The stored format's version, its `"v"`.
const STORED_VERSION: u64 = 1;

/// The most results a sheet keeps.
pub const MAX_ROWS: usize = 500;

/// One stored result: its canonical compact fragment and when it was added.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    /// [`encode_compact`] of the decoded report, without `#`: also the row's identity.
    fragment: String,
    /// When it was added, epoch ms by the adding device's clock.
    added_at_ms: i64,
}

/// The field sheet: the results in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    entries: Vec<Entry>,
}

/// Why a result was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddRefusal {
    /// The page refuses the permalink (damaged, inconsistent numbers): never added.
    Refused(ReportError),
    /// The sheet holds [`MAX_ROWS`] results already.
    Full,
}

/// What adding did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// A new row.
    New,
    /// The same result was there already: still one row.
    AlreadyThere,
}

/// `fragment` (with or without `#`) decoded as the page decodes any permalink, and its
/// canonical compact fragment; the report is the one that fragment decodes to, its verdicts
/// recomputed. An older `#report=` link becomes a compact one (or is refused, as a service
/// this page cannot rebuild is), so whatever is stored decodes again.
fn decoded(fragment: &str) -> Result<(String, Report), ReportError> {
    let canonical = encode_compact(&decode_fragment(fragment)?);
    let report = decode_fragment(&canonical)?.with_recomputed_details();
    Ok((canonical, report))
}

/// Worst first: rejected, warning, unknown, ok.
fn severity(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Rejected => 0,
        Verdict::Warning => 1,
        Verdict::Unknown => 2,
        Verdict::Ok => 3,
    }
}

impl Sheet {
    /// Reads the stored value (`None`: nothing stored). Never fails: what cannot be read is
    /// left out, with a notice.
    pub fn parse(stored: Option<&str>) -> (Sheet, Option<SheetNotice>) {
        let Some(stored) = stored else {
            return (Sheet::default(), None);
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(stored) else {
            return (Sheet::default(), Some(SheetNotice::Damaged));
        };
        match value.get("v").and_then(serde_json::Value::as_u64) {
            Some(STORED_VERSION) => {}
            Some(other) => return (Sheet::default(), Some(SheetNotice::OtherVersion(other))),
            None => return (Sheet::default(), Some(SheetNotice::Damaged)),
        }
        let Some(rows) = value.get("rows").and_then(serde_json::Value::as_array) else {
            return (Sheet::default(), Some(SheetNotice::Damaged));
        };
        let mut sheet = Sheet::default();
        let mut dropped = 0;
        for row in rows {
            let fragment = row.get("r").and_then(serde_json::Value::as_str);
            let added_at_ms = row.get("a").and_then(serde_json::Value::as_i64);
            let kept = match (fragment, added_at_ms) {
                (Some(fragment), Some(added_at_ms)) => {
                    sheet.add(fragment, added_at_ms) == Ok(Added::New)
                }
                _ => false,
            };
            if !kept {
                dropped += 1;
            }
        }
        let notice = (dropped > 0).then_some(SheetNotice::RowsDropped(dropped));
        (sheet, notice)
    }

    /// The value to store: `{"v":1,"rows":[{"r":"R1/…","a":1764000000000}]}`.
    pub fn to_stored(&self) -> String {
        let rows: Vec<String> = self
            .entries
            .iter()
            .map(|entry| {
                // A canonical compact fragment holds only `0-9 A-Z . - % / :`: nothing JSON
                // escapes.
                format!(
                    "{{\"r\":\"{}\",\"a\":{}}}",
                    entry.fragment, entry.added_at_ms
                )
            })
            .collect();
        format!("{{\"v\":{STORED_VERSION},\"rows\":[{}]}}", rows.join(","))
    }

    /// Adds the result a permalink `fragment` (with or without `#`) carries, at `now_ms`. A
    /// permalink the page refuses is never added; the same result twice is one row.
    pub fn add(&mut self, fragment: &str, now_ms: i64) -> Result<Added, AddRefusal> {
        let (fragment, _) = decoded(fragment).map_err(AddRefusal::Refused)?;
        if self.contains(&fragment) {
            return Ok(Added::AlreadyThere);
        }
        if self.entries.len() >= MAX_ROWS {
            return Err(AddRefusal::Full);
        }
        self.entries.push(Entry {
            fragment,
            added_at_ms: now_ms,
        });
        Ok(Added::New)
    }

    /// Whether the result of `fragment` (with or without `#`) is on the sheet.
    pub fn has(&self, fragment: &str) -> bool {
        decoded(fragment).is_ok_and(|(fragment, _)| self.contains(&fragment))
    }

    fn contains(&self, canonical: &str) -> bool {
        self.entries.iter().any(|entry| entry.fragment == canonical)
    }

    /// Removes the row whose [`Row::fragment`] is `fragment`; whether there was one.
    pub fn remove(&mut self, fragment: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|entry| entry.fragment != fragment);
        self.entries.len() != before
    }

    /// Empties the sheet.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// How many results the sheet holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the sheet holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the sheet is full ([`MAX_ROWS`]).
    pub fn is_full(&self) -> bool {
        self.entries.len() >= MAX_ROWS
    }

    /// The rows, worst first: rejected, then warning, then unknown, then ok; within each,
    /// the larger |offset| first; else in the order they were added.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<(usize, Row)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(added, entry)| {
                let (fragment, report) = decoded(&entry.fragment).ok()?;
                let verdict = report
                    .verdicts
                    .first()
                    .map_or(Verdict::Unknown, |line| report.finding(line).verdict());
                let row = Row {
                    fragment,
                    report,
                    verdict,
                    added_at_ms: entry.added_at_ms,
                };
                Some((added, row))
            })
            .collect();
        // Unstable, the order of adding breaking ties: std's stable sort would add its own
        // code to the page's wasm for this one list.
        rows.sort_unstable_by_key(|(added, row)| {
            (
                severity(row.verdict),
                std::cmp::Reverse(row.report.offset_ms.unsigned_abs()),
                *added,
            )
        });
        rows.into_iter().map(|(_, row)| row).collect()
    }
}
