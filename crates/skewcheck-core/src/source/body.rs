//! Finding every time a response body carries, in the shapes public time services use:
//! bare numbers and RFC 3339 text, JSON (flat, nested one or two levels, a `timesync`
//! server's `{"id", "result"}`), `key=value` lines (Cloudflare's `/cdn-cgi/trace`) and
//! XML/HTML attributes or elements (time.gov's `actualtime.cgi`).
//!
//! Parsing only finds candidates; choosing among them (the finest wins, the coarser ones
//! cross-check it) happens in the sibling `reading`.

use super::origin::{BodyFormat, EpochUnit, JsonValueKind};
use crate::decimal::parse_decimal;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// JSON keys searched for a time, in this order. Numbers are classified by magnitude like a
/// bare number; strings may hold a number or an RFC 3339 timestamp.
pub const JSON_TIME_KEYS: [&str; 10] = [
    "epoch_ms",
    "unixtime",
    "timestamp",
    "now",
    "time",
    "utc_datetime",
    "dateTime",
    "datetime",
    "epoch",
    "serverTime",
];

/// The key of a `timesync` server's answer (`{"id": …, "result": <epoch ms>}`), read only
/// beside an `id`: a bare `result` elsewhere may mean anything.
pub const TIMESYNC_RESULT_KEY: &str = "result";

/// Keys read from `key=value` lines: Cloudflare's trace `ts=`, then the JSON keys.
pub const KEY_VALUE_TIME_KEYS: [&str; 1] = ["ts"];

/// Attribute and element names read from XML or HTML (time.gov: `<timestamp time="…"/>`).
pub const MARKUP_TIME_KEYS: [&str; 5] = ["time", "timestamp", "ts", "epoch", "now"];

/// Nested JSON objects are searched this deep (`{"data": {"time": …}}` is one level).
const MAX_JSON_DEPTH: usize = 2;

/// One time found in a body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Candidate {
    /// The value, in ms since the epoch.
    pub value_ms: f64,
    /// One step of its last printed digit.
    pub resolution_ms: f64,
    /// Where in the body it was.
    pub format: BodyFormat,
}

/// Everything a body holds that looks like a time.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Times that can be placed on the UTC time line, in the order found.
    pub times: Vec<Candidate>,
    /// The first field holding a local date and time without a UTC offset: never read
    /// (it is UTC only by luck), named in the explanation.
    pub local_time_field: Option<&'static str>,
}

impl Found {
    fn single(candidate: Option<Candidate>) -> Self {
        Self {
            times: candidate.into_iter().collect(),
            local_time_field: None,
        }
    }
}

/// Every time in `body` (already trimmed).
pub(super) fn find_times(body: &str) -> Found {
    if body.starts_with('{') || body.starts_with('"') {
        return find_in_json(body);
    }
    if let Some((value_ms, resolution_ms, kind)) = parse_scalar(body) {
        let format = match kind {
            JsonValueKind::Epoch(unit) => BodyFormat::EpochNumber(unit),
            JsonValueKind::Rfc3339 => BodyFormat::Rfc3339,
        };
        return Found::single(Some(Candidate {
            value_ms,
            resolution_ms,
            format,
        }));
    }
    if body.starts_with('<') {
        return Found::single(find_in_markup(body));
    }
    Found::single(find_in_key_values(body))
}

fn find_in_json(body: &str) -> Found {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Found::default();
    };
    match &value {
        Value::String(text) => find_times(text.trim()),
        Value::Object(object) => {
            let mut found = Found::default();
            search_object(object, 0, &mut found);
            found
        }
        _ => Found::default(),
    }
}

/// The time fields of `object`; when it has none, those of the first nested object that
/// has some (breadth first, at most [`MAX_JSON_DEPTH`] levels down).
fn search_object(object: &Map<String, Value>, depth: usize, found: &mut Found) {
    for key in JSON_TIME_KEYS {
        if let Some(value) = object.get(key) {
            read_json_field(key, value, found);
        }
    }
    if object.contains_key("id")
        && let Some(Value::Number(number)) = object.get(TIMESYNC_RESULT_KEY)
        && let Some((value_ms, resolution_ms, kind)) = parse_epoch_number(&number.to_string())
    {
        found.times.push(Candidate {
            value_ms,
            resolution_ms,
            format: BodyFormat::JsonField(TIMESYNC_RESULT_KEY, kind),
        });
    }
    if !found.times.is_empty() || depth >= MAX_JSON_DEPTH {
        return;
    }
    for nested in object.values().filter_map(Value::as_object) {
        search_object(nested, depth + 1, found);
        if !found.times.is_empty() {
            return;
        }
    }
}

fn read_json_field(key: &'static str, value: &Value, found: &mut Found) {
    let parsed = match value {
        Value::Number(number) => parse_epoch_number(&number.to_string()),
        Value::String(text) => {
            let text = text.trim();
            let parsed = parse_scalar(text);
            if parsed.is_none() && is_local_date_time(text) {
                found.local_time_field.get_or_insert(key);
            }
            parsed
        }
        _ => None,
    };
    if let Some((value_ms, resolution_ms, kind)) = parsed {
        found.times.push(Candidate {
            value_ms,
            resolution_ms,
            format: BodyFormat::JsonField(key, kind),
        });
    }
}

/// Whether `text` is an RFC 3339 date and time with its offset left out (timeapi.io's
/// `"dateTime": "2020-12-13T09:30:17.0000000"`): with a `Z` added it would parse. (The RFC
/// 3339 parser already in the page, rather than an ISO 8601 one: far smaller.)
fn is_local_date_time(text: &str) -> bool {
    !text.ends_with(['Z', 'z']) && OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339).is_ok()
}

/// `key=value` lines, as Cloudflare's `/cdn-cgi/trace` sends (`ts=1700000000.123`).
fn find_in_key_values(body: &str) -> Option<Candidate> {
    let keys = KEY_VALUE_TIME_KEYS.iter().chain(JSON_TIME_KEYS.iter());
    let lines: Vec<(&str, &str)> = body
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), value.trim()))
        .collect();
    keys.into_iter().find_map(|key| {
        let (_, value) = lines.iter().find(|(name, _)| name == key)?;
        let (value_ms, resolution_ms, kind) = parse_scalar(value)?;
        Some(Candidate {
            value_ms,
            resolution_ms,
            format: BodyFormat::KeyValue(key, kind),
        })
    })
}

/// An epoch number in an XML/HTML attribute (`time="…"`) or element (`<time>…</time>`).
fn find_in_markup(body: &str) -> Option<Candidate> {
    MARKUP_TIME_KEYS.iter().find_map(|key| {
        let text = attribute_value(body, key).or_else(|| element_text(body, key))?;
        let (value_ms, resolution_ms, kind) = parse_epoch_number(text.trim())?;
        Some(Candidate {
            value_ms,
            resolution_ms,
            format: BodyFormat::Markup(key, kind),
        })
    })
}

/// The value of the first attribute `name="…"` (or `'…'`) preceded by white space.
fn attribute_value<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    body.match_indices(name).find_map(|(at, _)| {
        let before = body[..at].chars().next_back()?;
        let rest = body[at + name.len()..].trim_start().strip_prefix('=')?;
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        (before.is_whitespace()).then(|| value.split(quote).next())?
    })
}

/// The text of the first element `<name>…</name>`.
fn element_text<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    body[start..].split('<').next()
}

/// A number or an RFC 3339 timestamp: `(value_ms, resolution_ms, kind)`.
pub(super) fn parse_scalar(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    parse_epoch_number(text).or_else(|| parse_rfc3339(text))
}

fn parse_epoch_number(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    // Digits with at most one decimal point; no signs, exponents, or "NaN"/"inf" that f64
    // parsing would otherwise accept.
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || whole.len() > 20 {
        return None;
    }
    let value = parse_decimal(text)?;
    let unit = EpochUnit::classify(value);
    let per_unit = unit.milliseconds_per_unit();
    // One step of the last printed digit, but never finer than a microsecond.
    let digits = i32::try_from(fraction.len()).ok()?;
    let resolution_ms = (per_unit * 10f64.powi(-digits)).max(1e-3);
    Some((value * per_unit, resolution_ms, JsonValueKind::Epoch(unit)))
}

#[expect(
    clippy::cast_precision_loss,
    reason = "nanoseconds since 1970 fit f64's 53 bits to well below a microsecond"
)]
fn parse_rfc3339(text: &str) -> Option<(f64, f64, JsonValueKind)> {
    let stamp = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    let value_ms = stamp.unix_timestamp_nanos() as f64 / 1e6;
    let resolution_ms = match rfc3339_fraction_digits(text) {
        0 => 1000.0,
        digits => {
            let digits = i32::try_from(digits.min(9)).unwrap_or(9);
            (1000.0 * 10f64.powi(-digits)).max(1e-3)
        }
    };
    Some((value_ms, resolution_ms, JsonValueKind::Rfc3339))
}

fn rfc3339_fraction_digits(text: &str) -> usize {
    text.split_once('.')
        .map(|(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).count())
        .unwrap_or(0)
}
