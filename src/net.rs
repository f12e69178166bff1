//! The network boundary: the only module that performs requests.
//!
//! One request becomes one [`Sample`]: the device clocks are read immediately around the
//! moment the response headers arrive (`fetch` resolves then), the body is read afterwards.
//! Every request uses `cache: "no-store"` plus a cache-busting query, so no cache between
//! the page and the source can answer with a stale time.

use crate::browser::{BrowserClock, fresh_nonce};
use crate::engine::address::{host_words, same_origin};
use crate::engine::clock::DeviceClock;
use crate::engine::sample::{EarlyReadings, Observation, Sample, Stopwatch, Timing};
use crate::engine::site_config::EarlyFileAnswer;
use crate::engine::source::{
    CACHE_STATUS_HEADERS, CacheAge, ReadingOrigin, ReferenceReading, cache_evidence,
};
use crate::measure::Transport;
use gloo_net::http::Response;
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestMode};

mod early;
mod error;
pub use error::FetchError;

/// A request that has not answered after this long is abandoned: two attempts and the
/// pause between them end within the measurement's deadline.
pub const REQUEST_TIMEOUT_MS: u32 = 5_000;

/// The largest body read from a time endpoint: a time is a few dozen bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

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

    async fn early_readings(&self) -> Option<EarlyReadings> {
        early::take_early_readings().await
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
        Ask::Timesync => Method::POST,
    };
    let controller = AbortController::new().map_err(|error| FetchError::CannotAbort {
        detail: format!("{error:?}"),
    })?;
    let builder = RequestBuilder::new(url)
        .method(method.clone())
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&controller.signal()));
    let request = match ask {
        Ask::Timesync => builder
            .header("content-type", "application/json")
            .body(timesync_request_body(nonce)),
        Ask::DateHeader | Ask::Body => builder.query([("skewcheck", nonce.to_string())]).build(),
    }
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

    let response = match sent {
        Ok(response) => response,
        Err(error) if timed_out.get() => {
            drop(error);
            return Err(FetchError::TimedOut {
                url: url.to_owned(),
            });
        }
        Err(error) => return Err(why_unreachable(url, method, error.to_string()).await),
    };
    if response.redirected() {
        check_redirect(url, &response.url())?;
    }
    check_status(url, ask, response.status())?;
    let body = match ask {
        Ask::DateHeader => None,
        Ask::Body | Ask::Timesync => Some(read_limited_text(&response, url).await?),
    };
    let headers = response.headers();
    read_answer(url, timing, body.as_deref(), |name| headers.get(name))
}

/// Tells apart why a request failed, as far as the browser allows: offline, blocked by
/// CORS (a `no-cors` request to the same address gets through), or unreachable.
async fn why_unreachable(url: &str, method: Method, detail: String) -> FetchError {
    if crate::browser::is_offline() {
        return FetchError::Offline;
    }
    if answers_without_cors(url, method).await {
        return FetchError::CorsBlocked {
            url: url.to_owned(),
        };
    }
    FetchError::Unreachable {
        url: url.to_owned(),
        detail,
    }
}

/// How long the CORS probe may take.
const CORS_PROBE_TIMEOUT_MS: u32 = 3_000;

/// Whether `url` answers an opaque (`no-cors`) request: the server is there, only its CORS
/// headers are missing.
async fn answers_without_cors(url: &str, method: Method) -> bool {
    let Ok(controller) = AbortController::new() else {
        return false;
    };
    let Ok(request) = RequestBuilder::new(url)
        .query([("skewcheck", fresh_nonce().to_string())])
        .method(method)
        .mode(RequestMode::NoCors)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&controller.signal()))
        .build()
    else {
        return false;
    };
    let _abort_later = Timeout::new(CORS_PROBE_TIMEOUT_MS, move || controller.abort());
    request.send().await.is_ok()
}

/// Whether a `Content-Length` header announces a body beyond [`MAX_BODY_BYTES`], so it
/// need not be read at all.
pub fn declares_too_large(content_length: Option<&str>) -> bool {
    content_length
        .and_then(|value| value.trim().parse::<u64>().ok())
        .is_some_and(|bytes| bytes > MAX_BODY_BYTES as u64)
}

/// The body as text, refused beyond [`MAX_BODY_BYTES`] without reading it whole: by its
/// `Content-Length` first, else by counting while it streams.
async fn read_limited_text(response: &Response, url: &str) -> Result<String, FetchError> {
    let too_large = || FetchError::TooLarge {
        url: url.to_owned(),
    };
    let unreadable = |detail: String| FetchError::UnreadableBody {
        url: url.to_owned(),
        detail,
    };
    if declares_too_large(response.headers().get("content-length").as_deref()) {
        return Err(too_large());
    }
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let bytes = read_stream_limited(&stream, MAX_BODY_BYTES)
        .await
        .map_err(|error| unreadable(format!("{error:?}")))?;
    let bytes = bytes.ok_or_else(too_large)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads a `ReadableStream` to its end, or `None` (cancelling it) once it passes `limit`
/// bytes. Through `js_sys` so no extra `web-sys` bindings are needed.
async fn read_stream_limited(
    stream: &web_sys::ReadableStream,
    limit: usize,
) -> Result<Option<Vec<u8>>, JsValue> {
    let call = |target: &JsValue, name: &str| -> Result<JsValue, JsValue> {
        let function: js_sys::Function =
            Reflect::get(target, &JsValue::from_str(name))?.dyn_into()?;
        function.call0(target)
    };
    let reader = call(stream, "getReader")?;
    let mut bytes = Vec::new();
    loop {
        let promise: js_sys::Promise = call(&reader, "read")?.dyn_into()?;
        let chunk = JsFuture::from(promise).await?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(Some(bytes));
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))?;
        let part = js_sys::Uint8Array::new(&value);
        if bytes.len() + part.length() as usize > limit {
            // Best effort: the answer is refused either way.
            let _ = call(&reader, "cancel");
            return Ok(None);
        }
        bytes.extend(part.to_vec());
    }
}

/// Refuses an answer that a redirect brought from another origin than `url`'s: the page
/// never measures a site the link does not name. A redirect within the origin is harmless.
pub fn check_redirect(url: &str, final_url: &str) -> Result<(), FetchError> {
    if same_origin(url, final_url) {
        Ok(())
    } else {
        Err(FetchError::RedirectedAway {
            url: url.to_owned(),
            to: host_words(final_url),
        })
    }
}

/// Refuses an answer whose status says it holds no time. Only a time endpoint's body is
/// refused: the page's own origin carries the server's `Date` with any status.
pub fn check_status(url: &str, ask: Ask, status: u16) -> Result<(), FetchError> {
    match ask {
        Ask::Body | Ask::Timesync if !(200..300).contains(&status) || status == 204 => {
            Err(FetchError::Status {
                url: url.to_owned(),
                status,
            })
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

/// How long the page waits for its `skewcheck.json` before going on with the defaults.
pub const SITE_CONFIG_TIMEOUT_MS: u32 = 3_000;

/// The deployment's `skewcheck.json` at `url`: `Ok(None)` when the host has none (404).
///
/// Unlike a time request it may come from the browser's cache, but `cache: "no-cache"`
/// makes the browser revalidate it with the host on every load (a cheap 304), so an edited
/// file takes effect on the next load and a copy is never used stale forever.
///
/// `early-probe.js` asks for the file while the WebAssembly downloads; its answer, once
/// checked, stands in for the page's own request, which is sent only when there is none.
pub async fn fetch_site_config(url: &str) -> Result<Option<String>, FetchError> {
    if let Some(readings) = early::take_early_site_config().await
        && let Some(answer) = readings.answer(MAX_BODY_BYTES)
    {
        return site_config_from_early(url, answer);
    }
    let controller = AbortController::new().map_err(|error| FetchError::CannotAbort {
        detail: format!("{error:?}"),
    })?;
    let request = RequestBuilder::new(url)
        .cache(RequestCache::NoCache)
        .abort_signal(Some(&controller.signal()))
        .build()
        .map_err(|_| FetchError::InvalidUrl(url.to_owned()))?;
    let _abort_later = Timeout::new(SITE_CONFIG_TIMEOUT_MS, move || controller.abort());
    let response = request
        .send()
        .await
        .map_err(|error| FetchError::Unreachable {
            url: url.to_owned(),
            detail: error.to_string(),
        })?;
    match response.status() {
        404 | 410 => Ok(None),
        200 => read_limited_text(&response, url).await.map(Some),
        status => Err(FetchError::Status {
            url: url.to_owned(),
            status,
        }),
    }
}

/// The early answer as the page's own request would have told it.
fn site_config_from_early(
    url: &str,
    answer: EarlyFileAnswer,
) -> Result<Option<String>, FetchError> {
    let url = url.to_owned();
    match answer {
        EarlyFileAnswer::Missing => Ok(None),
        EarlyFileAnswer::Text(text) => Ok(Some(text)),
        EarlyFileAnswer::TooLarge => Err(FetchError::TooLarge { url }),
        EarlyFileAnswer::TimedOut => Err(FetchError::TimedOut { url }),
        EarlyFileAnswer::Status(status) => Err(FetchError::Status { url, status }),
    }
}
