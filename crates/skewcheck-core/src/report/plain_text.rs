//! The report as plain text, for copying, sharing or email.

use time::OffsetDateTime;

use crate::date_text::date_time_words;
use crate::pasted::Diagnosis;
use crate::report::model::Report;
use crate::report::recompute::Finding;
use crate::verdict::Verdict;
use crate::words::offset_words_with_uncertainty;

impl Report {
    /// The report as plain text, for copying, sharing or email.
    pub fn to_text(&self) -> String {
        let mut lines = vec![match &self.reference {
            Some(reference) => format!("skewcheck result — ref {reference}"),
            None => "skewcheck result".to_owned(),
        }];
        lines.push(format!(
            "Measured: {} UTC (correct time)",
            utc_words(self.measured_at_ms)
        ));
        lines.push(format!(
            "This device's clock: {} — device showed {} UTC",
            offset_words_with_uncertainty(self.offset_ms as f64, self.uncertainty_ms as f64),
            utc_words(self.device_time_ms)
        ));
        for verdict in &self.verdicts {
            // The verdict follows from the numbers above; a service this page cannot
            // rebuild has only the sender's word for it.
            // The words are ASCII (`Verdict::as_str`): no Unicode case tables needed.
            let word = match self.finding(verdict) {
                Finding::Recomputed(verdict) => verdict.as_str().to_ascii_uppercase(),
                Finding::Claimed(claim) => format!(
                    "NOT CHECKED (the link says {})",
                    claim
                        .unwrap_or(Verdict::Unknown)
                        .as_str()
                        .to_ascii_uppercase()
                ),
            };
            lines.push(if verdict.detail.is_empty() {
                format!("{}: {word}", verdict.service)
            } else {
                format!("{}: {word} — {}", verdict.service, verdict.detail)
            });
        }
        lines.push(format!("Time source: {}", self.source));
        lines.push(format!("Device: {}", self.device));
        lines.join("\n")
    }

    /// [`to_text`](Self::to_text), followed by a decoded pasted error when there is one.
    pub fn to_text_with_paste(&self, paste: Option<&Diagnosis>) -> String {
        let mut text = self.to_text();
        for line in paste.map(Diagnosis::report_lines).unwrap_or_default() {
            text.push('\n');
            text.push_str(&line);
        }
        text
    }
}

/// `2026-11-26 14:03:27`, whole seconds, or `an unknown time` outside what `time` can show.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`seconds` is a whole number within ±1e15"
)]
fn utc_words(epoch_ms: f64) -> String {
    let seconds = (epoch_ms / 1000.0).floor();
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return "an unknown time".to_owned();
    }
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .map_or_else(|_| "an unknown time".to_owned(), date_time_words)
}
