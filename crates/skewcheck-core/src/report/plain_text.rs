//! The report as plain text, for copying, sharing or email.

use time::OffsetDateTime;

use super::{Finding, Report};
use crate::words::offset_words_with_uncertainty;
use crate::pasted::Diagnosis;
use crate::verdict::Verdict;

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

/// `[year]-[month]-[day] [hour]:[minute]:[second]` as `time`'s format description writes it
/// (a four-digit year, signed when negative), by hand: `time`'s formatting machinery costs
/// the page about 4 KiB for this one line.
pub(crate) fn date_time_words(at: OffsetDateTime) -> String {
    let year = at.year();
    let sign = if year < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        year.unsigned_abs(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::date_time_words;
    use time::OffsetDateTime;
    use time::macros::format_description;

    /// What `time`'s own formatting writes, the reference for the hand-written line.
    fn formatted_by_time(at: OffsetDateTime) -> String {
        at.format(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second]"
        ))
        .unwrap_or_default()
    }

    #[test]
    fn date_and_time_are_written_as_time_writes_them() {
        let min = OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT).unix_timestamp();
        let max = OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT).unix_timestamp();
        // Every year's worth of seconds across the whole range, plus a prime stride so hours,
        // minutes and seconds vary too.
        let stride = 31_556_952 + 7_919;
        let mut seconds = min;
        while seconds <= max {
            let Ok(at) = OffsetDateTime::from_unix_timestamp(seconds) else {
                panic!("{seconds} is within time's range");
            };
            assert_eq!(date_time_words(at), formatted_by_time(at), "{seconds}");
            seconds += stride;
        }
        let Ok(at) = OffsetDateTime::from_unix_timestamp(1_795_701_807) else {
            panic!("a 2026 timestamp is within time's range");
        };
        assert_eq!(date_time_words(at), "2026-11-26 14:03:27");
    }
}
