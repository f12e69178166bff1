//! The network boundary: the only module that performs requests.
//!
//! One request becomes one [`Sample`]: the device clocks are read immediately around the
//! moment the response headers arrive (`fetch` resolves then), the body is read afterwards.
//! Every request uses `cache: "no-store"` plus a cache-busting query, so no cache between
//! the page and the source can answer with a stale time.
//!
//! No request carries cookies or other credentials (`credentials: "omit"`): a link chooses
//! the address, possibly a path of the page's own origin, and must not make the client's
//! browser send its cookies there. No time request follows a redirect (`redirect:
//! "manual"`): the browser never contacts the address a redirect names, and the answer is
//! an `opaqueredirect` (status 0), refused as [`FetchErrorKind::Redirected`]; so the page
//! never asks an address the link does not name, and never sends a `timesync` body again on
//! a 307/308. `early-probe.js` sends its `HEAD` by the same rules.

use crate::browser::{BrowserClock, fresh_nonce};
use gloo_net::http::Response;
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use js_sys::Reflect;
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::fetch::{
    Ask, FetchError, FetchErrorKind, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS, SITE_CONFIG_TIMEOUT_MS,
    check_status, declares_too_large, read_answer, timesync_request_body,
};
use skewcheck_core::measure::Transport;
use skewcheck_core::sample::{EarlyReadings, Observation, Stopwatch};
use skewcheck_core::site_config::EarlyFileAnswer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, RequestCache, RequestCredentials, RequestMode, RequestRedirect, ResponseType,
};

mod early;
pub use early::{peek_early_site_config, take_early_language};

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
    let controller = AbortController::new().map_err(|error| {
        FetchError::new(
            url,
            FetchErrorKind::CannotAbort {
                detail: format!("{error:?}"),
            },
        )
    })?;
    let builder = RequestBuilder::new(url)
        .method(method.clone())
        .cache(RequestCache::NoStore)
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&controller.signal()));
    let request = match ask {
        Ask::Timesync => builder
            .header("content-type", "application/json")
            .body(timesync_request_body(nonce)),
        Ask::DateHeader | Ask::Body => builder.query([("skewcheck", nonce.to_string())]).build(),
    }
    .map_err(|_| FetchError::new(url, FetchErrorKind::InvalidUrl))?;
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
            return Err(FetchError::new(url, FetchErrorKind::TimedOut));
        }
        Err(error) => return Err(why_unreachable(url, method, error.to_string()).await),
    };
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(FetchError::new(url, FetchErrorKind::Redirected));
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
        return FetchError::new(url, FetchErrorKind::Offline);
    }
    if answers_without_cors(url, method).await {
        return FetchError::new(url, FetchErrorKind::CorsBlocked);
    }
    FetchError::new(url, FetchErrorKind::Unreachable { detail })
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
        .credentials(RequestCredentials::Omit)
        // The one request that may follow a redirect: the Fetch standard turns a `no-cors`
        // request with any other redirect mode into a network error (main fetch, "no-cors"),
        // which would make every CORS failure look like an unreachable server. It goes out
        // only after the time request failed without any answer (a redirect that the page
        // may read is refused before, as `Redirected`), carries no body and no cookies, and
        // its opaque answer is never read.
        .redirect(RequestRedirect::Follow)
        .abort_signal(Some(&controller.signal()))
        .build()
    else {
        return false;
    };
    let _abort_later = Timeout::new(CORS_PROBE_TIMEOUT_MS, move || controller.abort());
    request.send().await.is_ok()
}

/// The body as text, refused beyond [`MAX_BODY_BYTES`] without reading it whole: by its
/// `Content-Length` first, else by counting while it streams.
async fn read_limited_text(response: &Response, url: &str) -> Result<String, FetchError> {
    let too_large = || FetchError::new(url, FetchErrorKind::TooLarge);
    let unreadable =
        |detail: String| FetchError::new(url, FetchErrorKind::UnreadableBody { detail });
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

/// Asks for one of the page's own files at `url` (`skewcheck.json`, a language file): same
/// origin, revalidated (`cache: "no-cache"`), redirects followed, no cookies, given up after
/// [`SITE_CONFIG_TIMEOUT_MS`]. The timer comes back with the answer: it keeps running (and
/// aborts the body's reading) for as long as the caller holds it.
async fn request_page_file(url: &str) -> Result<(Response, Timeout), FetchError> {
    let controller = AbortController::new().map_err(|error| {
        FetchError::new(
            url,
            FetchErrorKind::CannotAbort {
                detail: format!("{error:?}"),
            },
        )
    })?;
    let request = RequestBuilder::new(url)
        .cache(RequestCache::NoCache)
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Follow)
        .abort_signal(Some(&controller.signal()))
        .build()
        .map_err(|_| FetchError::new(url, FetchErrorKind::InvalidUrl))?;
    let abort_later = Timeout::new(SITE_CONFIG_TIMEOUT_MS, move || controller.abort());
    let response = request.send().await.map_err(|error| {
        FetchError::new(
            url,
            FetchErrorKind::Unreachable {
                detail: error.to_string(),
            },
        )
    })?;
    Ok((response, abort_later))
}

/// The deployment's `skewcheck.json` at `url`: `Ok(None)` when the host has none (404).
///
/// Unlike a time request it may come from the browser's cache, but `cache: "no-cache"`
/// makes the browser revalidate it with the host on every load (a cheap 304), so an edited
/// file takes effect on the next load and a copy is never used stale forever.
///
/// Unlike a time request it follows redirects (`redirect: "follow"`, as `early-probe.js`
/// `siteConfig()` asks): its address is fixed beside the page, never chosen by a link, so a
/// redirect of it is the deployer's own (a moved file, a host's rewrite). Like every request
/// of the page it carries no cookies (`credentials: "omit"`, as `siteConfig()`): it is a
/// static file that needs none, and one rule for every request is easy to check.
///
/// `early-probe.js` asks for the file while the WebAssembly downloads; its answer, once
/// checked, stands in for the page's own request, which is sent only when there is none, or
/// when the early one gave up: on a slow link it shared the line with the page's own files,
/// and a file left unread refuses every endpoint a link names (fail closed), so the page
/// asks once more, with the line free, before it says so.
pub async fn fetch_site_config(url: &str) -> Result<Option<String>, FetchError> {
    if let Some(readings) = early::take_early_site_config().await
        && let Some(answer) = readings.answer(MAX_BODY_BYTES)
        && answer != EarlyFileAnswer::TimedOut
    {
        return answer.into_file_text(url);
    }
    let (response, _abort_later) = request_page_file(url).await?;
    match response.status() {
        404 | 410 => Ok(None),
        200 => read_limited_text(&response, url).await.map(Some),
        status => Err(FetchError::new(url, FetchErrorKind::Status(status))),
    }
}

/// Largest language file read (`lang/<tag>.json`; each is well under it).
const MAX_LANGUAGE_BYTES: usize = 256 * 1024;

/// A language file of the page (`lang/<tag>.json` beside it, at `url`): its text. Asked as
/// `skewcheck.json` is (same origin, revalidated, redirects followed, no cookies), given up
/// after the same time.
pub async fn fetch_language(url: &str) -> Result<String, FetchError> {
    let (response, _abort_later) = request_page_file(url).await?;
    if response.status() != 200 {
        return Err(FetchError::new(
            url,
            FetchErrorKind::Status(response.status()),
        ));
    }
    let stream = response
        .body()
        .ok_or_else(|| FetchError::new(url, FetchErrorKind::TooLarge))?;
    let bytes = read_stream_limited(&stream, MAX_LANGUAGE_BYTES)
        .await
        .map_err(|error| {
            FetchError::new(
                url,
                FetchErrorKind::UnreadableBody {
                    detail: format!("{error:?}"),
                },
            )
        })?
        .ok_or_else(|| FetchError::new(url, FetchErrorKind::TooLarge))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
