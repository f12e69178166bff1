//! The deployment's own settings: `skewcheck.json` beside `index.html`, validated.
//!
//! | key | meaning |
//! |---|---|
//! | `title` | the page heading and document title (text, never markup) |
//! | `service` | the default service id (`s3`, `kerberos`, …) |
//! | `limit_s`, `service_name` | a limit in seconds and a service of the team's own, as the link's `limit` and `service_name` |
//! | `endpoint`, `endpoint2` | the default time sources |
//! | `allowed_endpoints` | origins or URL prefixes a link's `endpoint`/`endpoint2` may use |
//! | `support` | `{ "email", "name" }`: an "Email this result to … support" link |
//! | `language` | the page's language when the link names none (`"de"`; before the browser's) |
//! | `languages` | the languages offered (`["en", "de"]`; English always is) |
//! | `report_language` | the language of "Copy result", share and the support e-mail (default English) |
//!
//! The file is the page owner's, so nothing in it may break the page: whatever is missing,
//! malformed or unknown falls back to the default, with a notice for the owner. Link
//! parameters override the file, except `allowed_endpoints`, which limits what links may name.

mod early;
mod languages;
mod notice;
pub use early::{EarlyFileAnswer, EarlyFileReadings};
pub use notice::{FileProblem, SiteNotice};

use super::address::Origin;
use super::config::{clean_label, parse_limit_ms, validate_endpoint};
use super::fetch::FetchError;
use super::lang::Lang;
use super::text;
use super::verdict::service_by_id;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

/// The file's name, beside `index.html`.
pub const FILE_NAME: &str = "skewcheck.json";
/// Longest title kept: it is a heading, not a paragraph.
const MAX_TITLE_CHARS: usize = 120;
/// Longest e-mail address (RFC 5321: 254 octets in a path).
const MAX_EMAIL_CHARS: usize = 254;
/// The link parameters that pick the service; a link naming any of them replaces the file's
/// whole choice, so a link's `limit` never lands on the file's service by accident.
const SERVICE_KEYS: [&str; 3] = ["service", "limit", "service_name"];

/// A support address for the "Email this result" link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Support {
    /// The address, checked for a plausible `local@domain` shape.
    pub email: String,
    /// Who answers, as in "Email this result to Acme support"
    /// ([`support_label`](crate::words::support_label)); cleaned text.
    pub name: String,
}

/// What `skewcheck.json` configures; `None` everywhere is the page without a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteConfig {
    /// The page heading and document title.
    pub title: Option<String>,
    /// The default service id, known to the catalogue.
    pub service: Option<String>,
    /// A limit in seconds, as the link's `limit`: the file's number as JSON writes it
    /// (serde_json's short `ryu` form, so core's much larger `f64` formatting stays out of the
    /// wasm), checked as a link's `limit` would be.
    pub limit_s: Option<String>,
    /// The name of the team's own service, as the link's `service_name`.
    pub service_name: Option<String>,
    /// The default time source.
    pub endpoint: Option<String>,
    /// The default second source.
    pub endpoint2: Option<String>,
    /// Where a link's endpoints may point.
    pub allowed_endpoints: LinkEndpoints,
    /// The support address.
    pub support: Option<Support>,
    /// The page's language when the link names none (before the browser's choice).
    pub language: Option<Lang>,
    /// The languages the deployment offers (`None`: every one); English is always offered.
    pub languages: Option<Vec<Lang>>,
    /// The language of the report a client sends ("Copy result", share, the support
    /// e-mail); `None` is English.
    pub report_language: Option<Lang>,
}

/// Where a link's own `endpoint`/`endpoint2` may point, as the page's owner decided — or
/// could not be asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LinkEndpoints {
    /// The host has no file, or the file no `allowed_endpoints`: anywhere the page's policy
    /// (`connect-src`) lets it connect; the page-origin witness guards the verdict.
    #[default]
    Anywhere,
    /// Only under these origins or URL prefixes (as written in the file).
    Listed(Vec<String>),
    /// The owner's settings exist but could not be read (a 5xx, a time-out, a body over the
    /// limit, a network error, malformed JSON, an unusable `allowed_endpoints`): they may
    /// hold a list, so no link may name a time source — the gate fails closed.
    Unknown,
}

/// The file read: what it configures, and what its owner should fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteFile {
    /// The usable settings.
    pub config: SiteConfig,
    /// Every problem, for the page's owner.
    pub notices: Vec<SiteNotice>,
}

/// The file as the page's request for it ended: its text (`Ok(Some)`), no file (`Ok(None)`,
/// a 404 or 410), or why it could not be read — which leaves the defaults, and a link's own
/// endpoints refused ([`LinkEndpoints::Unknown`]).
pub fn read(answer: Result<Option<String>, FetchError>, page_is_https: bool) -> SiteFile {
    match answer {
        // Hosts that answer every missing path with the page itself (single-page-app
        // fallbacks) have no file either.
        Ok(Some(text)) if text.trim_start().starts_with('<') => SiteFile::default(),
        // A byte order mark is dropped, as the early request's `TextDecoder` drops it.
        Ok(Some(text)) => parse(text.trim_start_matches('\u{feff}'), page_is_https),
        Ok(None) => SiteFile::default(),
        Err(error) => unread(SiteNotice::Unreadable { error }),
    }
}

/// The defaults, with a link's endpoints refused, because of `notice`.
fn unread(notice: SiteNotice) -> SiteFile {
    SiteFile {
        config: SiteConfig {
            allowed_endpoints: LinkEndpoints::Unknown,
            ..SiteConfig::default()
        },
        notices: vec![notice],
    }
}

/// Reads the text of `skewcheck.json`. `page_is_https` rules out `http:` endpoints as for links.
pub fn parse(text: &str, page_is_https: bool) -> SiteFile {
    let mut file = SiteFile::default();
    let object = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return unread(SiteNotice::NotAnObject),
        Err(error) => {
            return unread(SiteNotice::NotJson {
                detail: error.to_string(),
            });
        }
    };
    for (key, value) in &object {
        if let Err(problem) = file.config.take(key, value, page_is_https) {
            file.notices.push(SiteNotice::KeyIgnored {
                key: shown(key),
                problem,
            });
        }
    }
    file
}

impl SiteConfig {
    /// Takes one key of the file, or says what is wrong with it.
    fn take(&mut self, key: &str, value: &Value, page_is_https: bool) -> Result<(), FileProblem> {
        let endpoint = |value: &Value| {
            validate_endpoint(as_text(value)?, page_is_https).map_err(FileProblem::Endpoint)
        };
        match key {
            "title" => {
                self.title = Some(text::clean(as_text(value)?, MAX_TITLE_CHARS))
                    .filter(|title| !title.is_empty());
            }
            "service" => {
                let id = as_text(value)?.trim();
                let service =
                    service_by_id(id).ok_or_else(|| FileProblem::UnknownService(shown(id)))?;
                self.service = Some(service.id.to_string());
            }
            "limit_s" => {
                let Value::Number(seconds) = value else {
                    return Err(FileProblem::NotSeconds);
                };
                let seconds = seconds.to_string();
                parse_limit_ms(&seconds).map_err(|_| FileProblem::LimitOutOfRange)?;
                self.limit_s = Some(seconds);
            }
            "service_name" => self.service_name = clean_label(as_text(value)?),
            "endpoint" => self.endpoint = Some(endpoint(value)?),
            "endpoint2" => self.endpoint2 = Some(endpoint(value)?),
            "allowed_endpoints" => {
                // Unknown until the list reads well: a list its owner got wrong still
                // means the owner wanted one.
                self.allowed_endpoints = LinkEndpoints::Unknown;
                self.allowed_endpoints = LinkEndpoints::Listed(allowed_list(value)?);
            }
            "support" => self.support = Some(support(value)?),
            "language" => self.language = Some(languages::one(value)?),
            "languages" => self.languages = Some(languages::offered(value)?),
            "report_language" => self.report_language = Some(languages::one(value)?),
            _ => return Err(FileProblem::UnknownKey),
        }
        Ok(())
    }

    /// The query the page acts on: the link's own, with the file's defaults for whatever the
    /// link leaves out (the service choice — `service`, `limit`, `service_name` — as a whole).
    pub fn effective_query(&self, link_query: &str) -> String {
        let link_query = link_query.strip_prefix('?').unwrap_or(link_query);
        let link_names =
            |key: &str| form_urlencoded::parse(link_query.as_bytes()).any(|(name, _)| name == key);
        let mut defaults = form_urlencoded::Serializer::new(String::new());
        if !SERVICE_KEYS.iter().any(|key| link_names(key)) {
            let limit = self.limit_s.as_ref();
            for (key, value) in [
                ("service", self.service.as_ref()),
                ("limit", limit),
                ("service_name", self.service_name.as_ref()),
            ] {
                if let Some(value) = value {
                    defaults.append_pair(key, value);
                }
            }
        }
        for (key, value) in [("endpoint", &self.endpoint), ("endpoint2", &self.endpoint2)] {
            if let Some(value) = value.as_ref().filter(|_| !link_names(key)) {
                defaults.append_pair(key, value);
            }
        }
        let defaults = defaults.finish();
        match (defaults.is_empty(), link_query.is_empty()) {
            (true, _) => link_query.to_owned(),
            (false, true) => defaults,
            (false, false) => format!("{defaults}&{link_query}"),
        }
    }
}

/// Whether a link's endpoint, as an absolute address, falls under one of the `allowed`
/// absolute addresses: the same origin (scheme, host, port — parsed, so
/// `https://good.example.evil.com` is not `https://good.example`), and a path under the
/// allowed path, segment by segment.
///
/// The page passes addresses its URL parser resolved, but the gate does not rely on that: an
/// address a parser would still rewrite — a dot segment (`..`, `.`, `%2e%2e`), a backslash
/// (read as `/`), a control character or a space — is refused as written, so the path it is
/// checked by is the path a request would go to; so is any address with credentials.
pub fn endpoint_allowed(endpoint_url: &str, allowed: &[String]) -> bool {
    let Some(origin) = Origin::of(endpoint_url).filter(|_| is_canonical(endpoint_url)) else {
        return false;
    };
    let path = path_of(endpoint_url);
    allowed.iter().any(|entry| {
        let prefix = path_of(entry);
        Origin::of(entry).is_some_and(|allowed| allowed == origin)
            && (prefix.is_empty()
                || prefix == "/"
                || path == prefix
                || path.starts_with(prefix)
                    && (prefix.ends_with('/') || path[prefix.len()..].starts_with('/')))
    })
}

/// Whether `url` is as a URL parser would leave it: no character it strips or rewrites, and
/// no dot segment in its path (raw or percent-encoded).
fn is_canonical(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c == ' ' || c == '\\') {
        return false;
    }
    // Credentials (`user:pass@`) have no place in a time source's address: `fetch` refuses
    // them, and they could dress a stranger's name up as the allowed host's.
    let authority = Origin::split(url).map_or("", |(_, rest)| rest);
    if authority
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|a| a.contains('@'))
    {
        return false;
    }
    path_of(url).split('/').all(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded != "." && decoded != ".."
    })
}

/// The path of an absolute address (without query and fragment); empty without one.
fn path_of(url: &str) -> &str {
    let after_scheme = Origin::split(url).map_or("", |(_, rest)| rest);
    let before_query = after_scheme.split(['?', '#']).next().unwrap_or_default();
    before_query
        .find('/')
        .map_or("", |start| &before_query[start..])
}

/// Everything but `A–Z a–z 0–9 - . _ ~` is percent-encoded in a `mailto:` query (RFC 6068).
const MAILTO_QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// An address keeps its `@` and `+` readable; anything else special is encoded.
const MAILTO_ADDRESS: &AsciiSet = &MAILTO_QUERY.remove(b'@').remove(b'+');

impl Support {
    /// A `mailto:` address with `subject` (the words layer's
    /// [`support_mail_subject`](crate::words::support_mail_subject)) and `report_text` as its
    /// body (line breaks as CRLF, as RFC 6068 asks).
    pub fn mailto(&self, subject: &str, report_text: &str) -> String {
        let body = report_text.replace("\r\n", "\n").replace('\n', "\r\n");
        format!(
            "mailto:{}?subject={}&body={}",
            utf8_percent_encode(&self.email, MAILTO_ADDRESS),
            utf8_percent_encode(subject, MAILTO_QUERY),
            utf8_percent_encode(&body, MAILTO_QUERY)
        )
    }
}

fn as_text(value: &Value) -> Result<&str, FileProblem> {
    value.as_str().ok_or(FileProblem::NotText)
}

/// A key or value from the file, shortened for a notice.
fn shown(raw: &str) -> String {
    text::clean(raw, text::MAX_QUOTED_CHARS)
}

fn allowed_list(value: &Value) -> Result<Vec<String>, FileProblem> {
    let entries = value.as_array().ok_or(FileProblem::NotAList)?;
    entries
        .iter()
        .map(|entry| {
            let entry = as_text(entry)?.trim();
            let absolute = Origin::of(entry)
                .is_some_and(|origin| matches!(origin.scheme.as_str(), "http" | "https"));
            let on_page_origin = entry.starts_with('/') && !entry.starts_with("//");
            if absolute || on_page_origin {
                Ok(entry.to_owned())
            } else {
                Err(FileProblem::NotAnOrigin(shown(entry)))
            }
        })
        .collect()
}

fn support(value: &Value) -> Result<Support, FileProblem> {
    let object: &Map<String, Value> = value.as_object().ok_or(FileProblem::SupportNotAnObject)?;
    let email = object
        .get("email")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|email| plausible_email(email))
        .ok_or(FileProblem::NoEmail)?;
    let name = object
        .get("name")
        .and_then(Value::as_str)
        .and_then(clean_label)
        .ok_or(FileProblem::NoName)?;
    if let Some(extra) = object
        .keys()
        .find(|key| !matches!(key.as_str(), "email" | "name"))
    {
        return Err(FileProblem::SupportUnknownKey(shown(extra)));
    }
    Ok(Support {
        email: email.to_owned(),
        name,
    })
}

/// `local@domain.tld`: one `@`, a dot-atom local part (RFC 5322 atext), and a domain of
/// letter-digit-hyphen labels with at least one dot. Shape only; delivery is the mailer's.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let dot_atom = |part: &str, allowed: &dyn Fn(char) -> bool| {
        !part.is_empty()
            && part
                .split('.')
                .all(|atom| !atom.is_empty() && atom.chars().all(allowed))
    };
    let label_ok =
        |label: &str| label.len() <= 63 && !label.starts_with('-') && !label.ends_with('-');
    email.len() <= MAX_EMAIL_CHARS
        && local.len() <= 64
        && dot_atom(local, &atext)
        && domain.contains('.')
        && dot_atom(domain, &|c: char| c.is_ascii_alphanumeric() || c == '-')
        && domain.split('.').all(label_ok)
}

#[cfg(test)]
mod tests;
