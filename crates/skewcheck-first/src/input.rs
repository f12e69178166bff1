//! What the shell's script hands over, read from JSON into the core's types: a claim from
//! outside the engine like any other, so anything missing or malformed means no card (the
//! app then says what there is to say), never a panic.

use serde_json::Value;
use skewcheck_core::address::PageAddress;
use skewcheck_core::lang::Lang;
use skewcheck_core::sample::{EARLY_MAX_HEADERS, EarlyReadings};
use skewcheck_core::site_config::EarlyFileReadings;

/// Everything the first card is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstInput {
    /// The page's address (without its fragment) and query.
    pub page: PageAddress,
    /// The early `HEAD`'s raw readings (`early-probe.js`'s `probe()`).
    pub readings: EarlyReadings,
    /// The early `skewcheck.json` answer, if it has come.
    pub site: Option<EarlyFileReadings>,
    /// The language the shell speaks (`early-probe.js`'s choice), if one of the page's.
    pub lang: Option<Lang>,
    /// That language's file, if it has come.
    pub lang_text: Option<String>,
    /// `navigator.languages`, most preferred first (at most [`MAX_BROWSER_LANGUAGES`]).
    pub browser_languages: Vec<String>,
    /// `Date.now()`, `performance.now()` and the timers' step, read just before the call.
    pub clocks: (f64, f64, f64),
    /// `navigator.userAgent`, `maxTouchPoints` and `platform`, as the app reads them.
    pub device: (String, u32, String),
}

/// The most browser languages read: a browser lists a handful; more is not a browser's.
pub const MAX_BROWSER_LANGUAGES: usize = 16;

fn number(value: &Value, name: &str) -> Option<f64> {
    value.get(name)?.as_f64()
}

fn text(value: &Value, name: &str) -> Option<String> {
    value.get(name)?.as_str().map(str::to_owned)
}

/// The readings as the script recorded them (`headers`: `[name, value]` pairs).
fn readings(value: &Value) -> Option<EarlyReadings> {
    let headers = value
        .get("headers")?
        .as_array()?
        .iter()
        .take(EARLY_MAX_HEADERS)
        .filter_map(|pair| {
            let name = pair.get(0)?.as_str()?.to_ascii_lowercase();
            Some((name, pair.get(1)?.as_str()?.to_owned()))
        })
        .collect();
    Some(EarlyReadings {
        monotonic_sent_ms: number(value, "monotonicSentMs")?,
        monotonic_received_ms: number(value, "monotonicReceivedMs")?,
        wall_sent_ms: number(value, "wallSentMs")?,
        wall_received_ms: number(value, "wallReceivedMs")?,
        status: number(value, "status")?,
        headers,
    })
}

/// The early `skewcheck.json` answer as the script recorded it.
fn site(value: &Value) -> Option<EarlyFileReadings> {
    Some(EarlyFileReadings {
        status: number(value, "status")?,
        text: text(value, "text"),
        too_large: value.get("tooLarge").and_then(Value::as_bool) == Some(true),
        timed_out: value.get("timedOut").and_then(Value::as_bool) == Some(true),
    })
}

/// Reads the script's JSON, or `None` when it is not what the script sends.
pub fn read_input(json: &str) -> Option<FirstInput> {
    let value: Value = serde_json::from_str(json).ok()?;
    let href = text(&value, "href")?;
    let is_https = href.starts_with("https://");
    Some(FirstInput {
        page: PageAddress {
            search: text(&value, "search").unwrap_or_default(),
            href,
            is_https,
        },
        readings: readings(value.get("readings")?)?,
        site: value.get("site").and_then(site),
        lang: value
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::from_tag),
        lang_text: text(&value, "langText"),
        browser_languages: value
            .get("languages")
            .and_then(Value::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .take(MAX_BROWSER_LANGUAGES)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        clocks: (
            number(&value, "wallMs")?,
            number(&value, "monotonicMs")?,
            number(&value, "granularityMs").unwrap_or(1.0),
        ),
        device: (
            text(&value, "userAgent").unwrap_or_default(),
            value
                .get("maxTouchPoints")
                .and_then(Value::as_u64)
                .and_then(|points| u32::try_from(points).ok())
                .unwrap_or(0),
            text(&value, "platform").unwrap_or_default(),
        ),
    })
}
