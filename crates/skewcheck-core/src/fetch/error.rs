//! What can go wrong when asking a time source: one small error, the address and the kind.
//! Its `Display` is for developers (the console); the page's words for it are the words
//! layer's ([`crate::words::fetch`]), and whether to ask again is the driver's
//! ([`crate::measure`]).

use crate::source::SourceError;

/// A time request that produced no usable answer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("time request to {url} failed: {kind}")]
pub struct FetchError {
    /// The address asked, as the page resolved it.
    pub url: String,
    /// What went wrong.
    pub kind: FetchErrorKind,
}

/// What went wrong with one time request.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FetchErrorKind {
    /// The address cannot be turned into a request.
    #[error("not a valid address")]
    InvalidUrl,
    /// The browser cannot cancel a request, so none could be bounded in time.
    #[error("requests cannot be aborted ({detail})")]
    CannotAbort {
        /// The browser's own words.
        detail: String,
    },
    /// The browser could not complete the request (DNS, refused, TLS).
    #[error("unreachable ({detail})")]
    Unreachable {
        /// The browser's own words.
        detail: String,
    },
    /// The browser says it is offline.
    #[error("the device is offline")]
    Offline,
    /// The server answered, but without the CORS headers that let the page read it.
    #[error("blocked by CORS")]
    CorsBlocked,
    /// No answer in time.
    #[error("timed out")]
    TimedOut,
    /// An HTTP status that carries no time from a time endpoint.
    #[error("HTTP status {0}")]
    Status(u16),
    /// A body far larger than any time.
    #[error("body too large")]
    TooLarge,
    /// The body could not be read.
    #[error("unreadable body ({detail})")]
    UnreadableBody {
        /// The browser's own words.
        detail: String,
    },
    /// The time source answered with a redirect, which the page does not follow (requests
    /// use `redirect: "manual"`): the browser never asks the address it leads to, so the
    /// page never learns it, and never measures an address the link does not name.
    #[error("redirected (not followed)")]
    Redirected,
    /// The answer carried no usable time.
    #[error("no usable time: {0}")]
    NoTime(SourceError),
}

impl FetchError {
    /// A failure of the request to `url`.
    pub fn new(url: &str, kind: FetchErrorKind) -> Self {
        Self {
            url: url.to_owned(),
            kind,
        }
    }
}
