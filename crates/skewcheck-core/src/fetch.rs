//! The network edge, without the network: how a time source is asked ([`Ask`]), what can go
//! wrong ([`FetchError`]), and how an answer's status and headers become an
//! [`Observation`] (a redirect never becomes one: the requests do not follow it, and it is
//! [`FetchErrorKind::Redirected`]). The app's `net` module performs the requests and calls these.

mod error;

pub use crate::limits::{MAX_BODY_BYTES, REQUEST_TIMEOUT_MS, SITE_CONFIG_TIMEOUT_MS};
pub use error::{FetchError, FetchErrorKind};

use crate::sample::{Observation, Sample, Timing};
use crate::source::{
    CACHE_STATUS_HEADERS, CacheAge, ReadingOrigin, ReferenceReading, SourceError, cache_evidence,
};

/// How a time source is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// `HEAD` and read only the `Date` header: the page's own origin.
    DateHeader,
    /// `GET` and read the body, falling back to the `Date` header: a time endpoint.
    Body,
    /// `POST` a `timesync` request (`{"jsonrpc":"2.0","id":…,"method":"timesync"}`, JSON
    /// content type) and read the answer's `result` (epoch ms): a server of the `timesync`
    /// npm package (`?protocol=timesync`). A POST is never cached, so it carries no
    /// cache-busting query (`timesync`'s own route would not match one); its JSON content
    /// type makes it a non-simple CORS request, preflighted with `OPTIONS`.
    Timesync,
}

/// The body of a `timesync` request, as its client sends it.
pub fn timesync_request_body(nonce: u64) -> String {
    format!(r#"{{"jsonrpc":"2.0","id":{nonce},"method":"timesync"}}"#)
}

/// Whether a `Content-Length` header announces a body beyond [`MAX_BODY_BYTES`], so it
/// need not be read at all.
pub fn declares_too_large(content_length: Option<&str>) -> bool {
    content_length
        .and_then(|value| value.trim().parse::<u64>().ok())
        .is_some_and(|bytes| bytes > MAX_BODY_BYTES as u64)
}

/// Refuses an answer whose status says it holds no time. Only a time endpoint's body is
/// refused: the page's own origin carries the server's `Date` with any status.
pub fn check_status(url: &str, ask: Ask, status: u16) -> Result<(), FetchError> {
    match ask {
        Ask::Body | Ask::Timesync if !(200..300).contains(&status) || status == 204 => {
            Err(FetchError::new(url, FetchErrorKind::Status(status)))
        }
        Ask::Body | Ask::Timesync | Ask::DateHeader => Ok(()),
    }
}

/// What one answer told us: its time (from `body` when there is one, else the `Date`
/// header), the `Date` header beside a body time, and any sign that a cache answered.
/// `header` looks a response header up by its lower-case name.
pub fn read_answer(
    url: &str,
    timing: Timing,
    body: Option<&str>,
    header: impl Fn(&str) -> Option<String>,
) -> Result<Observation, FetchError> {
    let reference = ReferenceReading::from_response(body, header("date").as_deref());
    observe(url, timing, reference, header)
}

/// What an answer without a body told us (a `HEAD`, such as the page's early request): its
/// `Date` header's time, and any sign that a cache answered. As [`read_answer`] with no body,
/// without its body readers (the first module, `crates/skewcheck-first`, carries none).
pub fn read_header_answer(
    url: &str,
    timing: Timing,
    header: impl Fn(&str) -> Option<String>,
) -> Result<Observation, FetchError> {
    let reference = header("date").map_or(Err(SourceError::NoTime), |value| {
        ReferenceReading::from_date_header(&value)
    });
    observe(url, timing, reference, header)
}

/// The observation of an answer whose time read as `reference`.
fn observe(
    url: &str,
    timing: Timing,
    reference: Result<ReferenceReading, SourceError>,
    header: impl Fn(&str) -> Option<String>,
) -> Result<Observation, FetchError> {
    let no_time = |source| FetchError::new(url, FetchErrorKind::NoTime(source));
    // A cached copy was served up to its Age after the time it shows (RFC 9111 §5.1).
    let age = CacheAge::from_header(header("age").as_deref()).map_err(no_time)?;
    let reference = reference.map_err(no_time)?.served_after(age);
    // Beside a body reading, the Date header is an independent witness of the same instant.
    let date_header = match reference.origin {
        ReadingOrigin::Body(_) => header("date")
            .and_then(|value| ReferenceReading::from_date_header(&value).ok())
            .map(|reading| reading.served_after(age)),
        ReadingOrigin::DateHeader | ReadingOrigin::DateHeaderNotLocalTime(_) => None,
    };
    let cache_status: Vec<(&str, String)> = CACHE_STATUS_HEADERS
        .iter()
        .filter_map(|name| header(name).map(|value| (*name, value)))
        .collect();
    Ok(Observation {
        sample: Sample { timing, reference },
        date_header,
        cache_evidence: cache_evidence(header("age").as_deref(), &cache_status),
    })
}
