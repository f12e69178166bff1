//! What the field sheet shows, as facts: a row, the summary counts, what reading the
//! stored value found wrong. A leaf of the sheet (the words layer says these, so this file
//! imports nothing that reaches the words layer).

use crate::report::model::{Report, ReportSource};
use crate::verdict::Verdict;

/// What reading the stored value found wrong; the sheet read is still usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetNotice {
    /// Not a sheet at all (not JSON, or not of a sheet's shape): ignored.
    Damaged,
    /// A sheet of a format this page does not read (its `"v"`): ignored.
    OtherVersion(u64),
    /// Results that no longer decode (or repeat another, or pass the cap) were dropped.
    RowsDropped(usize),
}

impl SheetNotice {
    /// Whether the stored value must be left as it is when a result is added: a sheet of
    /// another format (a newer page of this site wrote it) would lose its rows if this page
    /// wrote its own over it. A damaged value, which nothing can read, is replaced.
    pub fn keeps_stored_value(self) -> bool {
        matches!(self, Self::OtherVersion(_))
    }
}

/// A row of the sheet, worked out from its stored fragment.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's identity (its canonical compact fragment, without `#`), for removing it
    /// and for its permalink.
    pub fragment: String,
    /// The report, its verdicts recomputed from its numbers.
    pub report: Report,
    /// The primary service's verdict, recomputed (a claim this page cannot check counts
    /// as unknown).
    pub verdict: Verdict,
    /// When it was added, epoch ms.
    pub added_at_ms: i64,
}

impl Row {
    /// The primary service's id ([`Service::report_id`](crate::verdict::Service::report_id)),
    /// e.g. `s3`; empty if the report lists none.
    pub fn service_id(&self) -> &str {
        self.report
            .verdicts
            .first()
            .map_or("", |line| line.service_id.as_str())
    }

    /// The time source's host the report names (empty when it names none).
    pub fn source_host(&self) -> &str {
        match &self.report.source {
            ReportSource::Linked { host, .. } => host,
            ReportSource::Measured(_) | ReportSource::Claimed(_) => "",
        }
    }
}

/// How many rows have each verdict, for the sheet's summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rejected by the primary service.
    pub refused: usize,
    /// Accepted, but close to the limit.
    pub close: usize,
    /// Accepted with room to spare.
    pub ok: usize,
    /// Neither can be said.
    pub unknown: usize,
}

/// How many of `rows` have each verdict.
pub fn summary(rows: &[Row]) -> Summary {
    let mut summary = Summary::default();
    for row in rows {
        match row.verdict {
            Verdict::Rejected => summary.refused += 1,
            Verdict::Warning => summary.close += 1,
            Verdict::Ok => summary.ok += 1,
            Verdict::Unknown => summary.unknown += 1,
        }
    }
    summary
}
