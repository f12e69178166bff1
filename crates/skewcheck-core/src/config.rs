//! What the link asks for: query parameters, validated.
//!
//! | parameter  | meaning                                                                 |
//! |------------|-------------------------------------------------------------------------|
//! | `endpoint` | a time endpoint: absolute `http(s)://` URL, `//host/path`, or a path    |
//! | `service`  | which service's limits drive the verdict (default `s3`)                 |
//! | `limit`    | a tolerance in seconds: replaces the service's, or defines your own     |
//! | `service_name` | the name of your own service (with `limit` and no `service`)        |
//! | `ref`      | a support ticket reference, shown on the page and in the report         |
//! | `label`    | the device's name, pre-filling its field; carried in the report         |
//!
//! Without `endpoint` the page reads the `Date` header of its own origin.

use super::text;
use super::verdict::{AMAZON_S3, Service, service_by_id};
use crate::address::scheme_of;
use crate::decimal::parse_decimal;

/// Longest `ref` and `service_name` kept; links are typed and pasted by people.
pub(crate) const MAX_LABEL_CHARS: usize = 64;
/// Largest `limit` accepted: a year, in seconds.
pub const MAX_LIMIT_S: u32 = 31_536_000;

/// Where reference time comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceChoice {
    /// The `Date` header of the page's own address: works on any static host.
    PageOrigin,
    /// A time endpoint, as given (absolute or relative to the page).
    Endpoint(String),
}

/// Everything a link configures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The time source.
    pub source: SourceChoice,
    /// A second source to cross-check against (`endpoint2`).
    pub cross_check: Option<String>,
    /// Whether the endpoint speaks the `timesync` npm package's protocol
    /// (`protocol=timesync`): a JSON `POST` whose answer's `result` is epoch ms.
    pub timesync: bool,
    /// The service whose limits decide the verdict.
    pub service: Service,
    /// The support ticket (`ref`), cleaned for display.
    pub ticket: Option<String>,
    /// The measured device's name (`label`), cleaned ([`device_label`]).
    pub label: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            source: SourceChoice::PageOrigin,
            cross_check: None,
            timesync: false,
            service: AMAZON_S3,
            ticket: None,
            label: None,
        }
    }
}

/// A link parameter that cannot be honoured. The `Display` is for developers; the page's
/// words are [`crate::words::config_error_words`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `?endpoint=` with nothing in it.
    #[error("empty endpoint")]
    EmptyEndpoint,
    /// `?endpoint=` with a scheme other than http(s) (the endpoint, shortened to show).
    #[error("endpoint {0:?} is not http(s)")]
    UnsupportedScheme(String),
    /// An `http:` endpoint from an `https:` page, which browsers block (the endpoint,
    /// shortened to show).
    #[error("endpoint {0:?} is http from an https page")]
    InsecureEndpoint(String),
    /// `?service=` naming a service skewcheck does not know (the known ones are
    /// [`SERVICES`](crate::verdict::SERVICES)).
    #[error("unknown service {given:?}")]
    UnknownService {
        /// What the link said, shortened to show.
        given: String,
    },
    /// `?limit=` that is not a number of seconds from 0 to [`MAX_LIMIT_S`] (what the link
    /// said, shortened to show).
    #[error("limit {0:?} is not a number of seconds in range")]
    BadLimit(String),
}

/// Parses a query string (with or without its leading `?`). `page_is_https` tells whether the
/// page itself was loaded securely, which rules out plain-http endpoints.
pub fn parse_query(query: &str, page_is_https: bool) -> Result<Config, ConfigError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut config = Config::default();
    let (mut service_id, mut limit, mut service_name) = (None, None, None);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "endpoint" => {
                config.source = SourceChoice::Endpoint(validate_endpoint(&value, page_is_https)?);
            }
            "endpoint2" => config.cross_check = Some(validate_endpoint(&value, page_is_https)?),
            "protocol" => config.timesync = value.trim().eq_ignore_ascii_case("timesync"),
            "service" => service_id = Some(value.trim().to_owned()),
            "limit" => limit = Some(parse_limit_ms(&value)?),
            "service_name" => service_name = clean_label(&value),
            "ref" => config.ticket = clean_label(&value),
            "label" => config.label = device_label(&value),
            // Unknown parameters are ignored so links from newer versions still open.
            _ => {}
        }
    }
    let known = match service_id.as_deref() {
        Some(id) => Some(
            service_by_id(id).ok_or_else(|| ConfigError::UnknownService { given: shown(id) })?,
        ),
        None => None,
    };
    // `service_name` names only a service of the link's own: a catalogue service keeps
    // its name, so a link cannot make the page vouch for words of its choosing.
    config.service = match (known, limit) {
        (Some(service), Some(limit_ms)) => service.with_limit(limit_ms),
        (Some(service), None) => service.clone(),
        (None, Some(limit_ms)) => Service::custom(service_name.as_deref(), limit_ms),
        (None, None) => AMAZON_S3,
    };
    Ok(config)
}

pub(crate) fn parse_limit_ms(raw: &str) -> Result<u64, ConfigError> {
    let seconds = parse_decimal(raw.trim()).ok_or_else(|| ConfigError::BadLimit(shown(raw)))?;
    if (0.0..=f64::from(MAX_LIMIT_S)).contains(&seconds) {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0 ≤ seconds ≤ a year, checked just above"
        )]
        let limit_ms = (seconds * 1000.0).round() as u64;
        Ok(limit_ms)
    } else {
        Err(ConfigError::BadLimit(shown(raw)))
    }
}

/// Outside text kept in an error to be quoted: cleaned and cut to
/// [`MAX_QUOTED_CHARS`](text::MAX_QUOTED_CHARS), as the words layer quotes it.
fn shown(raw: &str) -> String {
    text::clean(raw, text::MAX_QUOTED_CHARS)
}

/// Cleaned ([`text::clean`]) and capped; `None` when nothing is left.
pub(crate) fn clean_label(raw: &str) -> Option<String> {
    // A label names something (a ticket, a service): cut it plainly, since a `…` would read
    // as part of the name.
    let cleaned: String = text::clean(raw, usize::MAX)
        .chars()
        .take(MAX_LABEL_CHARS)
        .collect();
    let cleaned = cleaned.trim_end();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

/// The most chars of a device's name: a report's label cap
/// ([`MAX_LABEL_CHARS`](crate::report::MAX_LABEL_CHARS), which the tests hold it equal to;
/// the link's parameters come before reports, so this module does not import them).
pub const MAX_DEVICE_LABEL_CHARS: usize = 40;

/// A device's name as a person typed it (the `label` parameter, the page's field): cleaned
/// like a link's text and cut plainly to [`MAX_DEVICE_LABEL_CHARS`] chars; `None` when
/// nothing is left.
pub fn device_label(raw: &str) -> Option<String> {
    let cleaned: String = text::clean(raw, usize::MAX)
        .chars()
        .take(MAX_DEVICE_LABEL_CHARS)
        .collect();
    let cleaned = cleaned.trim_end();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

pub(crate) fn validate_endpoint(raw: &str, page_is_https: bool) -> Result<String, ConfigError> {
    let endpoint = raw.trim();
    if endpoint.is_empty() {
        return Err(ConfigError::EmptyEndpoint);
    }
    match scheme_of(endpoint) {
        None => Ok(endpoint.to_owned()),
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => Ok(endpoint.to_owned()),
        Some(scheme) if scheme.eq_ignore_ascii_case("http") => {
            if page_is_https {
                Err(ConfigError::InsecureEndpoint(shown(endpoint)))
            } else {
                Ok(endpoint.to_owned())
            }
        }
        Some(_) => Err(ConfigError::UnsupportedScheme(shown(endpoint))),
    }
}

#[cfg(test)]
mod tests;
