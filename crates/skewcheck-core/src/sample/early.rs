//! The page's early time request: one `HEAD` that `early-probe.js` sends while the
//! WebAssembly is still downloading, timed with `performance.now()` and `Date.now()` just
//! around it. The script records raw readings only; they arrive here as a claim from outside
//! the engine and become a [`Timing`] only if they describe a possible request.
//!
//! `performance.now()` in the script and in the WebAssembly count from the same time origin
//! (the document's), so the script's readings must lie on the page's own monotonic timeline:
//! sent ≤ received ≤ now.

use super::timing::{Timing, clock_jump_threshold_ms};

/// Raw readings of the early request, as the script recorded them.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlyReadings {
    /// `performance.now()` just before the request was sent.
    pub monotonic_sent_ms: f64,
    /// `performance.now()` when the response headers arrived.
    pub monotonic_received_ms: f64,
    /// `Date.now()` just before the request was sent.
    pub wall_sent_ms: f64,
    /// `Date.now()` when the response headers arrived.
    pub wall_received_ms: f64,
    /// The HTTP status.
    pub status: f64,
    /// The response headers the script could read, names in lower case: `Date`, and what a
    /// cache adds (`Age`, `X-Cache`, …), which the engine weighs as for any answer.
    pub headers: Vec<(String, String)>,
}

/// Why the early readings are not used (the page then measures as if there were none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EarlyRefusal {
    /// A reading is not a finite number in its range.
    #[error("a reading is out of range")]
    OutOfRange,
    /// The readings do not lie on the page's monotonic timeline (sent ≤ received ≤ now).
    #[error("the readings are not on the page's timeline")]
    OffTimeline,
    /// The wall clock moved against the monotonic clock during the request.
    #[error("the device clock changed during the request")]
    ClockChanged,
    /// The answer is too old to start a measurement with.
    #[error("the answer is too old")]
    TooOld,
    /// The status is not an answer (e.g. 0 for a network error) or the `Date` is unusable.
    #[error("no usable answer")]
    NoAnswer,
}

/// An early answer older than this is not used: the device may have slept or been set since.
pub const EARLY_MAX_AGE_MS: f64 = 30_000.0;

/// Longest round trip believed: the script aborts after 5 s.
const EARLY_MAX_ROUND_TRIP_MS: f64 = 10_000.0;

/// Latest wall reading believed (year 2200): `Date.now()` beyond it is garbage.
const LATEST_WALL_MS: f64 = 7_258_118_400_000.0;

/// The longest `Date` header read: an IMF-fixdate is 29 characters.
const MAX_DATE_LENGTH: usize = 64;

/// Most headers kept from the early answer, and the longest value read.
pub const EARLY_MAX_HEADERS: usize = 64;
const MAX_HEADER_LENGTH: usize = 1024;

impl EarlyReadings {
    /// The request's timing, if the readings are consistent with the page's clocks now
    /// (`monotonic_now_ms`, `granularity_ms` as the page reads them).
    pub fn timing(
        &self,
        monotonic_now_ms: f64,
        granularity_ms: f64,
    ) -> Result<Timing, EarlyRefusal> {
        let readings = [
            self.monotonic_sent_ms,
            self.monotonic_received_ms,
            self.wall_sent_ms,
            self.wall_received_ms,
        ];
        if readings
            .iter()
            .any(|reading| !reading.is_finite() || *reading < 0.0)
            || self.wall_sent_ms > LATEST_WALL_MS
            || self.wall_received_ms > LATEST_WALL_MS
        {
            return Err(EarlyRefusal::OutOfRange);
        }
        let round_trip_ms = self.monotonic_received_ms - self.monotonic_sent_ms;
        if !(0.0..=EARLY_MAX_ROUND_TRIP_MS).contains(&round_trip_ms)
            || self.monotonic_received_ms > monotonic_now_ms + granularity_ms
        {
            return Err(EarlyRefusal::OffTimeline);
        }
        if monotonic_now_ms - self.monotonic_received_ms > EARLY_MAX_AGE_MS {
            return Err(EarlyRefusal::TooOld);
        }
        let wall_trip_ms = self.wall_received_ms - self.wall_sent_ms;
        if (wall_trip_ms - round_trip_ms).abs() > clock_jump_threshold_ms(granularity_ms) {
            return Err(EarlyRefusal::ClockChanged);
        }
        Ok(Timing {
            wall_sent_ms: self.wall_sent_ms,
            wall_received_ms: self.wall_received_ms,
            monotonic_sent_ms: self.monotonic_sent_ms,
            round_trip_ms,
            granularity_ms,
        })
    }

    /// The HTTP status of an answer with a `Date` header (a network error has status 0).
    pub fn status(&self) -> Result<u16, EarlyRefusal> {
        let date = self.header("date").ok_or(EarlyRefusal::NoAnswer)?;
        if date.is_empty() || date.len() > MAX_DATE_LENGTH || self.headers.len() > EARLY_MAX_HEADERS
        {
            return Err(EarlyRefusal::NoAnswer);
        }
        (100..=599)
            .find(|&code| f64::from(code) == self.status)
            .ok_or(EarlyRefusal::NoAnswer)
    }

    /// A response header by name (any case), if it is of a sane length.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .filter(|value| value.len() <= MAX_HEADER_LENGTH)
    }
}

#[cfg(test)]
mod tests;
