//! Everything that can go wrong when asking a time source, in words for the page.

use crate::limits::{MAX_BODY_BYTES, REQUEST_TIMEOUT_MS};
use crate::source::SourceError;

/// Everything that can go wrong when asking a time source.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// The address cannot be turned into a request.
    #[error("“{0}” is not a valid address for a time source")]
    InvalidUrl(String),
    /// The browser cannot cancel a request, so none could be bounded in time.
    #[error("this browser cannot time out requests ({detail})")]
    CannotAbort {
        /// The browser's own words.
        detail: String,
    },
    /// The browser could not complete the request (DNS, refused, TLS).
    #[error("could not reach {url} ({detail})")]
    Unreachable {
        /// The address asked.
        url: String,
        /// The browser's own words.
        detail: String,
    },
    /// The browser says it is offline.
    #[error("this device is offline")]
    Offline,
    /// The server answered, but without the CORS headers that let the page read it.
    #[error("the time source {url} answered, but its answer may not be read from this page (CORS)")]
    CorsBlocked {
        /// The address asked.
        url: String,
    },
    /// No answer in time.
    #[error("no answer from {url} within {} s", REQUEST_TIMEOUT_MS / 1000)]
    TimedOut {
        /// The address asked.
        url: String,
    },
    /// An HTTP status that carries no time from a time endpoint.
    #[error("{}", status_words(url, *status))]
    Status {
        /// The address asked.
        url: String,
        /// The status code.
        status: u16,
    },
    /// A body far larger than any time.
    #[error("the answer from {url} is larger than {} KiB, so it is not a time", MAX_BODY_BYTES / 1024)]
    TooLarge {
        /// The address asked.
        url: String,
    },
    /// The body could not be read.
    #[error("could not read the answer from {url} ({detail})")]
    UnreadableBody {
        /// The address asked.
        url: String,
        /// The browser's own words.
        detail: String,
    },
    /// The time source sent the request on to another origin, which would then be the judge
    /// without the link naming it.
    #[error("the time source {url} redirected to another site, {to}, which the link does not name")]
    RedirectedAway {
        /// The address asked.
        url: String,
        /// The origin the redirect led to.
        to: String,
    },
    /// The answer carried no usable time.
    #[error("the answer from {url} is unusable: {source}")]
    NoTime {
        /// The address asked.
        url: String,
        /// What was wrong with the answer.
        source: SourceError,
    },
}

impl FetchError {
    /// Whether asking again cannot help (a wrong address, a 404, a body without a time).
    pub fn is_permanent(&self) -> bool {
        match self {
            Self::InvalidUrl(_)
            | Self::CannotAbort { .. }
            | Self::NoTime { .. }
            | Self::CorsBlocked { .. }
            | Self::TooLarge { .. }
            | Self::RedirectedAway { .. }
            | Self::Offline => true,
            Self::Status { status, .. } => *status < 500 && *status != 408 && *status != 429,
            Self::Unreachable { .. } | Self::TimedOut { .. } | Self::UnreadableBody { .. } => false,
        }
    }

    /// What the person in front of the screen can try.
    pub fn advice(&self) -> &'static str {
        match self {
            Self::InvalidUrl(_) => {
                "Check the link you were sent: its “endpoint” part is not a web address."
            }
            Self::CannotAbort { .. } => {
                "This browser is too old for skewcheck. Open the link in an up-to-date Safari, Chrome, Firefox or Edge."
            }
            Self::Unreachable { .. } => {
                "Check that this device is online, then press “Check again”. If the link names a time endpoint on another site, that site must allow cross-origin requests (Access-Control-Allow-Origin), and this page's security policy must list it (whoever deployed the page adds it to connect-src)."
            }
            Self::Offline => "Connect this device to the internet, then press “Check again”.",
            Self::CorsBlocked { .. } => {
                "Whoever runs the time endpoint must send “Access-Control-Allow-Origin: *” (or this page's origin) and, for its Date header, “Access-Control-Expose-Headers: Date”."
            }
            Self::TimedOut { .. } => {
                "The network is very slow or the time source is down. Press “Check again” in a minute."
            }
            Self::Status { status, .. } if *status >= 500 => {
                "The time source has a problem of its own right now. Press “Check again” in a minute."
            }
            Self::Status { status, .. } if (300..400).contains(status) => {
                "The time source sends visitors elsewhere. Ask whoever sent the link for the time endpoint's final address."
            }
            Self::Status { .. } | Self::TooLarge { .. } => {
                "The time source refused the request. Ask whoever sent the link to check its “endpoint” address."
            }
            Self::RedirectedAway { .. } => {
                "skewcheck only compares with the site the link names. Ask whoever sent the link for the time endpoint's final address."
            }
            Self::UnreadableBody { .. } => {
                "The connection broke while reading the answer. Press “Check again”."
            }
            Self::NoTime { .. } => {
                "The time source answered, but not with a time skewcheck can read. Ask whoever sent the link to check its “endpoint” address (see the README for accepted formats)."
            }
        }
    }
}

/// A status in words that say what it means for the time source.
fn status_words(url: &str, status: u16) -> String {
    match status {
        204 => format!(
            "the time source {url} answered “204 No Content”: an empty answer, without a time"
        ),
        300..=399 => format!(
            "the time source {url} redirected elsewhere (HTTP status {status}) instead of answering"
        ),
        404 => format!("the time source {url} does not exist (HTTP status 404, not found)"),
        400..=499 => format!("the time source {url} refused the request (HTTP status {status})"),
        500..=599 => {
            format!("the time source {url} failed with a server error (HTTP status {status})")
        }
        _ => format!("the time source {url} answered with HTTP status {status}"),
    }
}
