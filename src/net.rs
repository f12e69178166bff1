//! The network boundary: the only module that performs requests.
//!
//! One request becomes one [`Sample`]: the device clocks are read immediately around the
//! moment the response headers arrive (`fetch` resolves then), the body is read afterwards.
//! Every request uses `cache: "no-store"` plus a cache-busting query, so no cache between
//! the page and the source can answer with a stale time.

use crate::browser::{BrowserClock, fresh_nonce};
use crate::engine::clock::DeviceClock;
use crate::engine::sample::{Observation, Sample, Stopwatch, Timing};
use crate::engine::source::{
    CACHE_STATUS_HEADERS, CacheAge, ReadingOrigin, ReferenceReading, SourceError, cache_evidence,
};
use crate::measure::Transport;
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use web_sys::{AbortController, RequestCache};

/// A request that has not answered after this long is abandoned.
pub const REQUEST_TIMEOUT_MS: u32 = 10_000;

/// How a time source is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// `HEAD` and read only the `Date` header: the page's own origin.
    DateHeader,
    /// `GET` and read the body, falling back to the `Date` header: a time endpoint.
    Body,
}

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
    /// The browser could not complete the request (offline, DNS, refused, blocked by CORS).
    #[error("could not reach {url} ({detail})")]
    Unreachable {
        /// The address asked.
        url: String,
        /// The browser's own words.
        detail: String,
    },
    /// No answer in time.
    #[error("{url} did not answer within {} s", REQUEST_TIMEOUT_MS / 1000)]
    TimedOut {
        /// The address asked.
        url: String,
    },
    /// An HTTP error status from a time endpoint.
    #[error("{url} answered with HTTP status {status}")]
    Status {
        /// The address asked.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body could not be read.
    #[error("could not read the answer from {url} ({detail})")]
    UnreadableBody {
        /// The address asked.
        url: String,
        /// The browser's own words.
        detail: String,
    },
    /// The answer carried no usable time.
    #[error("{url}: {source}")]
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
            Self::InvalidUrl(_) | Self::CannotAbort { .. } | Self::NoTime { .. } => true,
            Self::Status { status, .. } => {
                (400..500).contains(status) && *status != 408 && *status != 429
            }
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
                "Check that this device is online, then press “Check again”. If the link names a time endpoint on another site, that site must allow cross-origin requests (Access-Control-Allow-Origin)."
            }
            Self::TimedOut { .. } => {
                "The network is very slow or the time source is down. Press “Check again” in a minute."
            }
            Self::Status { .. } => {
                "The time source refused the request. Ask whoever sent the link to check its “endpoint” address."
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

/// The browser's network, timed with the browser's clocks: what a measurement runs on.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserNetwork;

impl Transport for BrowserNetwork {
    async fn sample(&self, url: &str, ask: Ask, nonce: u64) -> Result<Observation, FetchError> {
        take_sample(url, ask, nonce, &BrowserClock).await
    }

    async fn sleep(&self, ms: u32) {
        TimeoutFuture::new(ms).await;
    }

    fn nonce(&self) -> u64 {
        fresh_nonce()
    }
}

/// Asks `url` for the time once and returns what the answer told us.
///
/// `nonce` makes the address unique so no cache can answer.
pub async fn take_sample(
    url: &str,
    ask: Ask,
    nonce: u64,
    clock: &impl DeviceClock,
) -> Result<Observation, FetchError> {
    let method = match ask {
        Ask::DateHeader => Method::HEAD,
        Ask::Body => Method::GET,
    };
    let controller = AbortController::new().map_err(|error| FetchError::CannotAbort {
        detail: format!("{error:?}"),
    })?;
    let request = RequestBuilder::new(url)
        .query([("skewcheck", nonce.to_string())])
        .method(method)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&controller.signal()))
        .build()
        .map_err(|_| FetchError::InvalidUrl(url.to_owned()))?;
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _abort_later = {
        let timed_out = timed_out.clone();
        Timeout::new(REQUEST_TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };

    let stopwatch = Stopwatch::start(clock);
    let sent = request.send().await;
    let timing = stopwatch.stop(clock);

    let response = sent.map_err(|error| {
        if timed_out.get() {
            FetchError::TimedOut {
                url: url.to_owned(),
            }
        } else {
            FetchError::Unreachable {
                url: url.to_owned(),
                detail: error.to_string(),
            }
        }
    })?;
    check_status(url, ask, response.status())?;
    let body = match ask {
        Ask::DateHeader => None,
        Ask::Body => Some(
            response
                .text()
                .await
                .map_err(|error| FetchError::UnreadableBody {
                    url: url.to_owned(),
                    detail: error.to_string(),
                })?,
        ),
    };
    let headers = response.headers();
    read_answer(url, timing, body.as_deref(), |name| headers.get(name))
}

/// Refuses an answer whose status says it holds no time. Only a time endpoint's body is
/// refused: the page's own origin carries the server's `Date` with any status.
pub fn check_status(url: &str, ask: Ask, status: u16) -> Result<(), FetchError> {
    match ask {
        Ask::Body if !(200..300).contains(&status) => Err(FetchError::Status {
            url: url.to_owned(),
            status,
        }),
        Ask::Body | Ask::DateHeader => Ok(()),
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
    let no_time = |source| FetchError::NoTime {
        url: url.to_owned(),
        source,
    };
    // A cached copy was served up to its Age after the time it shows (RFC 9111 §5.1).
    let age = CacheAge::from_header(header("age").as_deref()).map_err(no_time)?;
    let reference = ReferenceReading::from_response(body, header("date").as_deref())
        .map_err(no_time)?
        .served_after(age);
    // Beside a body reading, the Date header is an independent witness of the same instant.
    let date_header = match reference.origin {
        ReadingOrigin::Body(_) => header("date")
            .and_then(|value| ReferenceReading::from_date_header(&value).ok())
            .map(|reading| reading.served_after(age)),
        ReadingOrigin::DateHeader => None,
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
