//! The link's and the site file's problems in words, for the person who opened the link
//! and for the page's owner.

use crate::config::{ConfigError, MAX_LIMIT_S};
use crate::site_config::{FILE_NAME, FileProblem, SiteNotice, Support};
use crate::verdict::SERVICES;
use crate::words::catalogue::Words;
use crate::words::fetch::fetch_error_words;
use crate::words::quote::{quoted, unquoting};

/// What is wrong with a link parameter, as a sentence without its final stop (lower-case
/// start, to be capitalised).
pub fn config_error_words(error: &ConfigError) -> String {
    match error {
        ConfigError::EmptyEndpoint => Words("the link's “endpoint” parameter is empty").text(),
        ConfigError::UnsupportedScheme(endpoint) => say!(
            "the link's endpoint {endpoint} is not an http:// or https:// address",
            endpoint = quoted(endpoint)
        ),
        ConfigError::InsecureEndpoint(endpoint) => say!(
            "the link's endpoint {endpoint} uses http:// but this page was loaded over https://, so the browser will block it; use an https:// endpoint",
            endpoint = quoted(endpoint)
        ),
        ConfigError::UnknownService { given } => {
            let known = SERVICES
                .iter()
                .map(|service| service.id.as_ref())
                .collect::<Vec<_>>()
                .join(", ");
            say!(
                "the link asks for service {given}, which skewcheck does not know (known: {known})",
                given = quoted(given),
                known
            )
        }
        ConfigError::BadLimit(given) => say!(
            "the link's “limit” {given} is not a number of seconds between 0 and {max}",
            given = quoted(given),
            max = MAX_LIMIT_S
        ),
    }
}

/// A problem with `skewcheck.json`, in a sentence for the page's owner. An unreadable file
/// also costs a link its own time source
/// ([`LinkEndpoints::Unknown`](crate::site_config::LinkEndpoints::Unknown)).
pub fn site_notice_words(notice: &SiteNotice) -> String {
    match notice {
        SiteNotice::NotAnObject => say!(
            "{file} is not a JSON object ({{ … }}), so it is ignored and no link may name its own time source.",
            file = FILE_NAME
        ),
        SiteNotice::NotJson { detail } => say!(
            "{file} is not valid JSON ({detail}), so it is ignored and no link may name its own time source.",
            file = FILE_NAME,
            detail = unquoting(detail)
        ),
        SiteNotice::Unreadable { error } => say!(
            "{file} could not be read ({why}), so the defaults are used and no link may name its own time source.",
            file = FILE_NAME,
            why = fetch_error_words(error).message
        ),
        SiteNotice::KeyIgnored { key, problem } => say!(
            "{file}: {key} {problem}; the default is used instead.",
            file = FILE_NAME,
            key = quoted(key),
            problem = file_problem_words(problem)
        ),
    }
}

/// What is wrong with one key's value, after the key: `is not a string`.
fn file_problem_words(problem: &FileProblem) -> String {
    match problem {
        FileProblem::NotText => Words("is not a string").text(),
        FileProblem::Endpoint(ConfigError::UnsupportedScheme(endpoint)) => say!(
            "is an endpoint that cannot be used: {endpoint} is not an http:// or https:// address",
            endpoint = quoted(endpoint)
        ),
        FileProblem::Endpoint(ConfigError::InsecureEndpoint(endpoint)) => say!(
            "is an endpoint that cannot be used: {endpoint} uses http:// but this page was loaded over https://, so the browser will block it; use an https:// endpoint",
            endpoint = quoted(endpoint)
        ),
        // The link's words, as the file's key would be read as the link's parameter.
        FileProblem::Endpoint(error) => config_error_words(error),
        FileProblem::UnknownService(id) => say!(
            "names a service skewcheck does not know ({id})",
            id = quoted(id)
        ),
        FileProblem::NotSeconds => Words("is not a number of seconds").text(),
        FileProblem::LimitOutOfRange => {
            say!("is not between 0 and {max} seconds", max = MAX_LIMIT_S)
        }
        FileProblem::UnknownKey => Words("is not a key skewcheck knows (a typo?)").text(),
        FileProblem::NotAList => Words("is not a list of origins or URL prefixes").text(),
        FileProblem::NotAnOrigin(entry) => say!(
            "holds {entry}, which is neither an http(s):// origin or prefix nor a /path (nothing is allowed until it is fixed)",
            entry = quoted(entry)
        ),
        FileProblem::SupportNotAnObject => Words("is not an object { \"email\", \"name\" }").text(),
        FileProblem::NoEmail => Words("has no plausible “email” (name@example.com)").text(),
        FileProblem::NoName => Words("has no “name”").text(),
        FileProblem::SupportUnknownKey(key) => {
            say!("has an unknown key {key}", key = quoted(key))
        }
        FileProblem::UnknownLanguage(tag) => super::language::unknown_language_words(tag),
        FileProblem::NotALanguageList => super::language::NOT_A_LANGUAGE_LIST.text(),
    }
}

/// The support link's words: "Email this result to Acme support".
pub fn support_label(support: &Support) -> String {
    say!("Email this result to {name} support", name = support.name)
}

/// The subject of the support e-mail, with the ticket reference when the link gave one.
pub fn support_mail_subject(ticket: Option<&str>) -> String {
    match ticket {
        Some(ticket) => say!("Clock check result — ref {ticket}", ticket),
        None => Words("Clock check result").text(),
    }
}

/// The support link's `mailto:` address ([`Support::mailto`]) with its subject in words
/// ([`support_mail_subject`]) and `report_text` as its body.
pub fn support_mailto(support: &Support, ticket: Option<&str>, report_text: &str) -> String {
    support.mailto(&support_mail_subject(ticket), report_text)
}
