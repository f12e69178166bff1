//! The interval of server times a response vouches for, read from its body (the finest of
//! the times it carries, cross-checked by the others) or its `Date` header.

use super::body::{self, Candidate};
use super::origin::{BodyFormat, ReadingOrigin};
use crate::plausible;
use crate::text::{self, MAX_QUOTED_CHARS};
use std::time::UNIX_EPOCH;

/// Resolution of an HTTP `Date` header.
pub const DATE_HEADER_RESOLUTION_MS: f64 = 1000.0;

/// The server time a response vouches for, as the interval it must lie in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReferenceReading {
    /// Earliest server time (ms since the Unix epoch) consistent with the response.
    pub earliest_ms: f64,
    /// Latest server time consistent with the response.
    pub latest_ms: f64,
    /// Which part of the response it came from.
    pub origin: ReadingOrigin,
}

impl ReferenceReading {
    /// The reading of a `Date` header: servers truncate to the second, so the true time
    /// lies in `[D, D + 1 s)`.
    pub fn from_date_header(value: &str) -> Result<Self, SourceError> {
        let stamp = httpdate::parse_http_date(value.trim())
            .map_err(|_| SourceError::BadDateHeader(shorten(value)))?;
        let seconds = stamp
            .duration_since(UNIX_EPOCH)
            .map_err(|_| SourceError::BadDateHeader(shorten(value)))?
            .as_secs_f64();
        let earliest_ms = seconds * 1000.0;
        check_plausible(earliest_ms, value)?;
        Ok(Self {
            earliest_ms,
            latest_ms: earliest_ms + DATE_HEADER_RESOLUTION_MS,
            origin: ReadingOrigin::DateHeader,
        })
    }

    /// The reading of a response body, if the body carries a time.
    ///
    /// We cannot know whether a body value was rounded or truncated, so the interval is one
    /// resolution step on either side of the value. Of several times the finest is read;
    /// a coarser one that disagrees with it beyond their resolutions refuses the body.
    pub fn from_body(body: &str) -> Result<Option<Self>, SourceError> {
        read_body(body).map(|read| match read {
            BodyRead::Time(reading) => Some(reading),
            BodyRead::LocalTimeOnly(_) | BodyRead::Nothing => None,
        })
    }

    /// The best reading a response offers: its body when that carries a time (narrowed by
    /// the `Date` header of the same response), else its `Date` header.
    pub fn from_response(
        body: Option<&str>,
        date_header: Option<&str>,
    ) -> Result<Self, SourceError> {
        let read = body.map_or(Ok(BodyRead::Nothing), read_body)?;
        match (read, date_header) {
            (BodyRead::Time(reading), header) => {
                let header = header.and_then(|value| Self::from_date_header(value).ok());
                Ok(header.map_or(reading, |header| reading.narrowed_by(&header)))
            }
            (BodyRead::LocalTimeOnly(key), Some(value)) => Ok(Self {
                origin: ReadingOrigin::DateHeaderNotLocalTime(key),
                ..Self::from_date_header(value)?
            }),
            (BodyRead::LocalTimeOnly(key), None) => Err(SourceError::LocalTimeOnly(key)),
            (BodyRead::Nothing, Some(value)) => Self::from_date_header(value),
            (BodyRead::Nothing, None) => Err(SourceError::NoTime),
        }
    }

    /// This reading within `other`, a reading of the same instant (a `Date` header beside a
    /// body): their intersection. Readings that do not overlap stay as they were, for the
    /// cross-check to report.
    pub fn narrowed_by(self, other: &Self) -> Self {
        let earliest_ms = self.earliest_ms.max(other.earliest_ms);
        let latest_ms = self.latest_ms.min(other.latest_ms);
        if earliest_ms <= latest_ms {
            Self {
                earliest_ms,
                latest_ms,
                ..self
            }
        } else {
            self
        }
    }

    /// Whether the reading only tells the second (a `Date` header, a body in whole
    /// seconds): probes straddling the server's ticks can then narrow it.
    pub fn is_whole_second(&self) -> bool {
        self.latest_ms - self.earliest_ms >= DATE_HEADER_RESOLUTION_MS
    }

    /// Midpoint of the interval.
    pub fn midpoint_ms(&self) -> f64 {
        (self.earliest_ms + self.latest_ms) / 2.0
    }
}

/// Why a response could not serve as a time reference. The `Display` is for developers;
/// the page's words are [`crate::words::source_error_words`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SourceError {
    /// Neither a usable body nor a readable `Date` header.
    #[error("no time in the body and no readable Date header")]
    NoTime,
    /// A `Date` header that is not an HTTP date (the server's text, shortened to quote).
    #[error("Date header {0:?} is not an HTTP date")]
    BadDateHeader(String),
    /// A time that cannot be the present (before 2000 or after 2200); the server's text,
    /// shortened to quote.
    #[error("implausible time {0:?}")]
    Implausible(String),
    /// The body's only time is a local date and time without a UTC offset, and no `Date`
    /// header came beside it.
    #[error("body field {0:?} is a local time without a UTC offset, and no Date header")]
    LocalTimeOnly(&'static str),
    /// Two times in the same body that cannot both be right.
    #[error("body times disagree: {finer:?} and {coarser:?} are {difference_ms} ms apart")]
    BodyDisagrees {
        /// Where the finest time was, which would have been read.
        finer: BodyFormat,
        /// Where the coarser time that contradicts it was.
        coarser: BodyFormat,
        /// How far apart they are, rounded to the millisecond.
        difference_ms: i64,
    },
    /// A cache's `Age` header that is not a number of seconds (its value, shortened to
    /// quote): the answer's age is unknown.
    #[error("Age header {0:?} is not a number of seconds")]
    UnreadableAge(String),
}

/// What a body told.
enum BodyRead {
    /// A time.
    Time(ReferenceReading),
    /// Only a local time without offset, under this key.
    LocalTimeOnly(&'static str),
    /// No time.
    Nothing,
}

fn read_body(body: &str) -> Result<BodyRead, SourceError> {
    let found = body::find_times(body.trim());
    for candidate in &found.times {
        check_plausible(candidate.value_ms, body)?;
    }
    // The finest wins; on a tie the first found (the documented key order).
    let Some(finest) = found.times.iter().copied().reduce(|best, next| {
        if next.resolution_ms < best.resolution_ms {
            next
        } else {
            best
        }
    }) else {
        return Ok(found
            .local_time_field
            .map_or(BodyRead::Nothing, BodyRead::LocalTimeOnly));
    };
    if let Some(coarser) = found.times.iter().find(|other| !agree(&finest, other)) {
        return Err(disagreement(&finest, coarser));
    }
    Ok(BodyRead::Time(ReferenceReading {
        earliest_ms: finest.value_ms - finest.resolution_ms,
        latest_ms: finest.value_ms + finest.resolution_ms,
        origin: ReadingOrigin::Body(finest.format),
    }))
}

/// Whether two times of one body are within their resolutions of each other.
fn agree(a: &Candidate, b: &Candidate) -> bool {
    (a.value_ms - b.value_ms).abs() <= a.resolution_ms + b.resolution_ms
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "a plausible time's difference is far inside i64, and `as` saturates"
)]
fn disagreement(finer: &Candidate, coarser: &Candidate) -> SourceError {
    SourceError::BodyDisagrees {
        finer: finer.format,
        coarser: coarser.format,
        difference_ms: (finer.value_ms - coarser.value_ms).abs().round() as i64,
    }
}

fn check_plausible(value_ms: f64, raw: &str) -> Result<(), SourceError> {
    if plausible::is_plausible(value_ms) {
        Ok(())
    } else {
        Err(SourceError::Implausible(shorten(raw)))
    }
}

/// A server's text (a body, a header), cleaned and short enough to quote
/// ([`MAX_QUOTED_CHARS`]), so a hostile answer cannot flood the page with text; the
/// quoting is the words layer's.
pub(super) fn shorten(raw: &str) -> String {
    text::clean(raw, MAX_QUOTED_CHARS)
}
