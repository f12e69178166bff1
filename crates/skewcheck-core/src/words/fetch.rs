//! A failed time request in words: what went wrong, and what the person in front of the
//! screen can try.

use crate::fetch::{FetchError, FetchErrorKind, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS};
use crate::words::catalogue::Words;
use crate::words::quote::{quoted, unquoting};
use crate::words::source::source_error_words;

/// A failure in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureWords {
    /// What went wrong, as a sentence without its final stop.
    pub message: String,
    /// What to try.
    pub advice: String,
}

/// The page's words for `error`: the message (lower-case start, to follow other words or
/// be capitalised) and the advice.
pub fn fetch_error_words(error: &FetchError) -> FailureWords {
    FailureWords {
        message: fetch_error_message(error),
        advice: fetch_error_advice(&error.kind).text(),
    }
}

/// What went wrong, in words that name the address. The address is the link's (a link's
/// endpoint, or the page's own address with the link's query), so it is quoted here, once,
/// for every message: cleaned, cut to [`MAX_QUOTED_CHARS`](crate::text::MAX_QUOTED_CHARS)
/// and marked as the link's words, even when the URL parser refused it. The browser's own
/// words (`detail`) are cleaned and cut alike ([`unquoting`]).
fn fetch_error_message(error: &FetchError) -> String {
    let url = &quoted(&error.url);
    match &error.kind {
        FetchErrorKind::InvalidUrl => say!("{url} is not a valid address for a time source", url),
        FetchErrorKind::CannotAbort { detail } => say!(
            "this browser cannot time out requests ({detail})",
            detail = unquoting(detail)
        ),
        FetchErrorKind::Unreachable { detail } => say!(
            "could not reach {url} ({detail})",
            url,
            detail = unquoting(detail)
        ),
        FetchErrorKind::Offline => Words("this device is offline").text(),
        FetchErrorKind::CorsBlocked => say!(
            "the time source {url} answered, but its answer may not be read from this page (CORS)",
            url
        ),
        FetchErrorKind::TimedOut => say!(
            "no answer from {url} within {seconds} s",
            url,
            seconds = REQUEST_TIMEOUT_MS / 1000
        ),
        FetchErrorKind::Status(status) => status_words(url, *status),
        FetchErrorKind::TooLarge => say!(
            "the answer from {url} is larger than {kib} KiB, so it is not a time",
            url,
            kib = MAX_BODY_BYTES / 1024
        ),
        FetchErrorKind::UnreadableBody { detail } => say!(
            "could not read the answer from {url} ({detail})",
            url,
            detail = unquoting(detail)
        ),
        FetchErrorKind::Redirected => say!(
            "the time source {url} answered with a redirect; this page does not follow a time source's redirects, so it never asks an address the link does not name",
            url
        ),
        FetchErrorKind::NoTime(source) => say!(
            "the answer from {url} is unusable: {why}",
            url,
            why = source_error_words(source)
        ),
    }
}

/// What the person in front of the screen can try.
fn fetch_error_advice(kind: &FetchErrorKind) -> Words {
    match kind {
        FetchErrorKind::InvalidUrl => {
            Words("Check the link you were sent: its “endpoint” part is not a web address.")
        }
        FetchErrorKind::CannotAbort { .. } => Words(
            "This browser is too old for skewcheck. Open the link in an up-to-date Safari, Chrome, Firefox or Edge.",
        ),
        FetchErrorKind::Unreachable { .. } => Words(
            "Check that this device is online, then press “Check again”. If the link names a time endpoint on another site, that site must allow cross-origin requests (Access-Control-Allow-Origin), and this page's security policy must list it (whoever deployed the page adds it to connect-src).",
        ),
        FetchErrorKind::Offline => {
            Words("Connect this device to the internet, then press “Check again”.")
        }
        FetchErrorKind::CorsBlocked => Words(
            "Whoever runs the time endpoint must send “Access-Control-Allow-Origin: *” (or this page's origin) and, for its Date header, “Access-Control-Expose-Headers: Date”.",
        ),
        FetchErrorKind::TimedOut => Words(
            "The network is very slow or the time source is down. Press “Check again” in a minute.",
        ),
        FetchErrorKind::Status(status) if *status >= 500 => Words(
            "The time source has a problem of its own right now. Press “Check again” in a minute.",
        ),
        FetchErrorKind::Status(status) if (300..400).contains(status) => Words(
            "The time source sends visitors elsewhere. Ask whoever sent the link for the time endpoint's final address.",
        ),
        FetchErrorKind::Status(_) | FetchErrorKind::TooLarge => Words(
            "The time source refused the request. Ask whoever sent the link to check its “endpoint” address.",
        ),
        FetchErrorKind::Redirected => Words(
            "Point the link at the time source's final address, the one its redirect leads to (ask whoever sent the link for it). If no link names a time source, this page's own address redirects: whoever deployed the page must serve it without a redirect.",
        ),
        FetchErrorKind::UnreadableBody { .. } => {
            Words("The connection broke while reading the answer. Press “Check again”.")
        }
        FetchErrorKind::NoTime(_) => Words(
            "The time source answered, but not with a time skewcheck can read. Ask whoever sent the link to check its “endpoint” address (see the accepted formats in the documentation).",
        ),
    }
}

/// A status in words that say what it means for the time source.
fn status_words(url: &str, status: u16) -> String {
    match status {
        204 => say!(
            "the time source {url} answered “204 No Content”: an empty answer, without a time",
            url
        ),
        300..=399 => say!(
            "the time source {url} redirected elsewhere (HTTP status {status}) instead of answering",
            url,
            status
        ),
        404 => say!(
            "the time source {url} does not exist (HTTP status 404, not found)",
            url
        ),
        400..=499 => say!(
            "the time source {url} refused the request (HTTP status {status})",
            url,
            status
        ),
        500..=599 => say!(
            "the time source {url} failed with a server error (HTTP status {status})",
            url,
            status
        ),
        _ => say!(
            "the time source {url} answered with HTTP status {status}",
            url,
            status
        ),
    }
}
