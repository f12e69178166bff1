//! What the link asks for: query parameters, validated.
//!
//! | parameter  | meaning                                                                 |
//! |------------|-------------------------------------------------------------------------|
//! | `endpoint` | a time endpoint: absolute `http(s)://` URL, `//host/path`, or a path    |
//! | `service`  | which service's limits drive the verdict (default `s3`)                 |
//!
//! Without `endpoint` the page reads the `Date` header of its own origin.

use super::verdict::{AMAZON_S3, SERVICES, Service, service_by_id};

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
    /// The service whose limits decide the verdict.
    pub service: &'static Service,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            source: SourceChoice::PageOrigin,
            cross_check: None,
            service: &AMAZON_S3,
        }
    }
}

/// A link parameter that cannot be honoured.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// `?endpoint=` with nothing in it.
    #[error("the link's “endpoint” parameter is empty")]
    EmptyEndpoint,
    /// `?endpoint=` with a scheme other than http(s).
    #[error("the link's endpoint “{0}” is not an http:// or https:// address")]
    UnsupportedScheme(String),
    /// An `http:` endpoint from an `https:` page, which browsers block.
    #[error(
        "the link's endpoint “{0}” uses http:// but this page was loaded over https://, so the browser will block it; use an https:// endpoint"
    )]
    InsecureEndpoint(String),
    /// `?service=` naming a service skewcheck does not know.
    #[error("the link asks for service “{given}”, which skewcheck does not know (known: {known})")]
    UnknownService {
        /// What the link said.
        given: String,
        /// Comma-separated known ids.
        known: String,
    },
}

/// Parses a query string (with or without its leading `?`). `page_is_https` tells whether the
/// page itself was loaded securely, which rules out plain-http endpoints.
pub fn parse_query(query: &str, page_is_https: bool) -> Result<Config, ConfigError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut config = Config::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "endpoint" => {
                config.source = SourceChoice::Endpoint(validate_endpoint(&value, page_is_https)?)
            }
            "endpoint2" => config.cross_check = Some(validate_endpoint(&value, page_is_https)?),
            "service" => {
                config.service =
                    service_by_id(value.trim()).ok_or_else(|| ConfigError::UnknownService {
                        given: value.trim().chars().take(40).collect(),
                        known: SERVICES.iter().map(|s| s.id).collect::<Vec<_>>().join(", "),
                    })?;
            }
            // Unknown parameters are ignored so links from newer versions still open.
            _ => {}
        }
    }
    Ok(config)
}

fn validate_endpoint(raw: &str, page_is_https: bool) -> Result<String, ConfigError> {
    let endpoint = raw.trim();
    if endpoint.is_empty() {
        return Err(ConfigError::EmptyEndpoint);
    }
    let shown = || endpoint.chars().take(80).collect::<String>();
    match scheme_of(endpoint) {
        None => Ok(endpoint.to_owned()),
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => Ok(endpoint.to_owned()),
        Some(scheme) if scheme.eq_ignore_ascii_case("http") => {
            if page_is_https {
                Err(ConfigError::InsecureEndpoint(shown()))
            } else {
                Ok(endpoint.to_owned())
            }
        }
        Some(_) => Err(ConfigError::UnsupportedScheme(shown())),
    }
}

/// The URL scheme, if `text` starts with one (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`, then `:`). Relative paths like `time:now` cannot be told apart from
/// schemes, so they count as schemes and are refused — `./time:now` works.
fn scheme_of(text: &str) -> Option<&str> {
    let (candidate, _) = text.split_once(':')?;
    let mut chars = candidate.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_ok).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_parameters_means_page_origin_and_s3() {
        assert_eq!(parse_query("", true), Ok(Config::default()));
        assert_eq!(parse_query("?", false), Ok(Config::default()));
        assert_eq!(
            parse_query("?utm_source=mail&x", true),
            Ok(Config::default())
        );
    }

    #[test]
    fn endpoints_absolute_protocol_relative_and_paths() {
        for (query, expected) in [
            (
                "endpoint=https%3A%2F%2Ftime.example.com%2Fnow",
                "https://time.example.com/now",
            ),
            (
                "endpoint=HTTPS://time.example.com",
                "HTTPS://time.example.com",
            ),
            ("endpoint=//time.example.com/now", "//time.example.com/now"),
            ("endpoint=/time", "/time"),
            ("endpoint=time/ms", "time/ms"),
            (
                "endpoint=%2Ftime%2Fjson%3Fkey%3Dunixtime",
                "/time/json?key=unixtime",
            ),
            ("endpoint=+/padded+", "/padded"),
        ] {
            let config = parse_query(query, true).unwrap();
            assert_eq!(
                config.source,
                SourceChoice::Endpoint(expected.to_owned()),
                "{query}"
            );
        }
    }

    #[test]
    fn a_second_endpoint_is_validated_like_the_first() {
        let config = parse_query(
            "endpoint=/time/ms&endpoint2=https%3A%2F%2Fother.example%2Fnow",
            true,
        )
        .unwrap();
        assert_eq!(
            config.cross_check.as_deref(),
            Some("https://other.example/now")
        );
        assert!(parse_query("endpoint2=javascript:alert(1)", true).is_err());
        assert_eq!(parse_query("", true).unwrap().cross_check, None);
    }

    #[test]
    fn http_endpoint_only_from_http_page() {
        assert!(parse_query("endpoint=http://10.0.0.5/time", false).is_ok());
        assert!(matches!(
            parse_query("endpoint=http://10.0.0.5/time", true),
            Err(ConfigError::InsecureEndpoint(_))
        ));
    }

    #[test]
    fn dangerous_or_empty_endpoints_are_refused() {
        for query in [
            "endpoint=javascript:alert(1)",
            "endpoint=JavaScript%3Aalert(1)",
            "endpoint=data:text/plain,1700000000",
            "endpoint=file:///etc/passwd",
            "endpoint=ftp://example.com/time",
        ] {
            assert!(
                matches!(
                    parse_query(query, false),
                    Err(ConfigError::UnsupportedScheme(_))
                ),
                "{query}"
            );
        }
        assert_eq!(
            parse_query("endpoint=", false),
            Err(ConfigError::EmptyEndpoint)
        );
        assert_eq!(
            parse_query("endpoint=%20%20", false),
            Err(ConfigError::EmptyEndpoint)
        );
    }

    #[test]
    fn services_are_chosen_and_unknown_ones_explained() {
        assert_eq!(parse_query("service=S3", true).unwrap().service.id, "s3");
        let error = parse_query("service=<script>", true).unwrap_err();
        assert!(error.to_string().contains("known: s3"), "{error}");
    }
}
