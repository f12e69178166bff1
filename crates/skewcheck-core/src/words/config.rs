//! The link's and the site file's problems in words, for the person who opened the link
//! and for the page's owner.

use crate::config::{ConfigError, MAX_LIMIT_S};
use crate::site_config::{FILE_NAME, FileProblem, SiteNotice, Support};
use crate::verdict::SERVICES;
use crate::words::fetch::fetch_error_words;
use crate::words::quote::{quoted, unquoting};

/// What is wrong with a link parameter, as a sentence without its final stop (lower-case
/// start, to be capitalised).
pub fn config_error_words(error: &ConfigError) -> String {
    match error {
        ConfigError::EmptyEndpoint => "the link's “endpoint” parameter is empty".to_owned(),
        ConfigError::UnsupportedScheme(endpoint) => {
            format!("the link's endpoint {}", not_http_words(endpoint))
        }
        ConfigError::InsecureEndpoint(endpoint) => {
            format!("the link's endpoint {}", blocked_http_words(endpoint))
        }
        ConfigError::UnknownService { given } => {
            let known = SERVICES
                .iter()
                .map(|service| service.id.as_ref())
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "the link asks for service {}, which skewcheck does not know (known: {known})",
                quoted(given)
            )
        }
        ConfigError::BadLimit(given) => format!(
            "the link's “limit” {} is not a number of seconds between 0 and {MAX_LIMIT_S}",
            quoted(given)
        ),
    }
}

/// An endpoint whose scheme is neither http nor https, after the words that name it.
fn not_http_words(endpoint: &str) -> String {
    format!("{} is not an http:// or https:// address", quoted(endpoint))
}

/// An http endpoint from an https page, after the words that name it.
fn blocked_http_words(endpoint: &str) -> String {
    format!(
        "{} uses http:// but this page was loaded over https://, so the browser will block it; use an https:// endpoint",
        quoted(endpoint)
    )
}

/// What an unreadable file costs a link ([`LinkEndpoints::Unknown`](crate::site_config::LinkEndpoints::Unknown)).
const UNREAD_ENDPOINTS: &str = " and no link may name its own time source";

/// A problem with `skewcheck.json`, in a sentence for the page's owner.
pub fn site_notice_words(notice: &SiteNotice) -> String {
    match notice {
        SiteNotice::NotAnObject => format!(
            "{FILE_NAME} is not a JSON object ({{ … }}), so it is ignored{UNREAD_ENDPOINTS}."
        ),
        SiteNotice::NotJson { detail } => format!(
            "{FILE_NAME} is not valid JSON ({}), so it is ignored{UNREAD_ENDPOINTS}.",
            unquoting(detail)
        ),
        SiteNotice::Unreadable { error } => format!(
            "{FILE_NAME} could not be read ({}), so the defaults are used{UNREAD_ENDPOINTS}.",
            fetch_error_words(error).message
        ),
        SiteNotice::KeyIgnored { key, problem } => format!(
            "{FILE_NAME}: {} {}; the default is used instead.",
            quoted(key),
            file_problem_words(problem)
        ),
    }
}

/// What is wrong with one key's value, after the key: `is not a string`.
fn file_problem_words(problem: &FileProblem) -> String {
    match problem {
        FileProblem::NotText => "is not a string".to_owned(),
        FileProblem::Endpoint(ConfigError::UnsupportedScheme(endpoint)) => format!(
            "is an endpoint that cannot be used: {}",
            not_http_words(endpoint)
        ),
        FileProblem::Endpoint(ConfigError::InsecureEndpoint(endpoint)) => format!(
            "is an endpoint that cannot be used: {}",
            blocked_http_words(endpoint)
        ),
        // The link's words, as the file's key would be read as the link's parameter.
        FileProblem::Endpoint(error) => config_error_words(error),
        FileProblem::UnknownService(id) => {
            format!("names a service skewcheck does not know ({})", quoted(id))
        }
        FileProblem::NotSeconds => "is not a number of seconds".to_owned(),
        FileProblem::LimitOutOfRange => format!("is not between 0 and {MAX_LIMIT_S} seconds"),
        FileProblem::UnknownKey => "is not a key skewcheck knows (a typo?)".to_owned(),
        FileProblem::NotAList => "is not a list of origins or URL prefixes".to_owned(),
        FileProblem::NotAnOrigin(entry) => format!(
            "holds {}, which is neither an http(s):// origin or prefix nor a /path (nothing is allowed until it is fixed)",
            quoted(entry)
        ),
        FileProblem::SupportNotAnObject => "is not an object { \"email\", \"name\" }".to_owned(),
        FileProblem::NoEmail => "has no plausible “email” (name@example.com)".to_owned(),
        FileProblem::NoName => "has no “name”".to_owned(),
        FileProblem::SupportUnknownKey(key) => format!("has an unknown key {}", quoted(key)),
        FileProblem::UnknownLanguage(tag) => super::language::unknown_language_words(tag),
        FileProblem::NotALanguageList => super::language::NOT_A_LANGUAGE_LIST.text(),
    }
}

/// The support link's words: "Email this result to Acme support".
pub fn support_label(support: &Support) -> String {
    format!("Email this result to {} support", support.name)
}

/// The subject of the support e-mail, with the ticket reference when the link gave one.
pub fn support_mail_subject(ticket: Option<&str>) -> String {
    match ticket {
        Some(ticket) => format!("Clock check result — ref {ticket}"),
        None => "Clock check result".to_owned(),
    }
}

/// The support link's `mailto:` address ([`Support::mailto`]) with its subject in words
/// ([`support_mail_subject`]) and `report_text` as its body.
pub fn support_mailto(support: &Support, ticket: Option<&str>, report_text: &str) -> String {
    support.mailto(&support_mail_subject(ticket), report_text)
}
