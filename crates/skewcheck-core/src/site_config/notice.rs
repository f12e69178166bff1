//! What the page's owner should fix in `skewcheck.json`, as facts; the sentences are
//! [`crate::words::site_notice_words`].

use crate::config::ConfigError;
use crate::fetch::FetchError;

/// One problem with the file, for its owner.
#[derive(Clone, Debug, PartialEq)]
pub enum SiteNotice {
    /// The file is JSON, but not an object: it is ignored.
    NotAnObject,
    /// The file is not JSON: it is ignored.
    NotJson {
        /// The JSON parser's own words.
        detail: String,
    },
    /// The file could not be fetched: the defaults are used, and a link's own endpoints
    /// are refused.
    Unreadable {
        /// Why.
        error: FetchError,
    },
    /// One key's value cannot be used: its default stands.
    KeyIgnored {
        /// The key, shortened to show.
        key: String,
        /// What is wrong with its value.
        problem: FileProblem,
    },
}

/// What is wrong with one key of the file. Quoted values are shortened to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// The value should be a string.
    NotText,
    /// An endpoint that a link could not use either.
    Endpoint(ConfigError),
    /// A service id the catalogue does not know.
    UnknownService(String),
    /// `limit_s` is not a number.
    NotSeconds,
    /// `limit_s` is outside what a link's `limit` accepts.
    LimitOutOfRange,
    /// A key skewcheck does not read (a typo?).
    UnknownKey,
    /// `allowed_endpoints` is not a list.
    NotAList,
    /// An `allowed_endpoints` entry that is neither an http(s) origin or prefix nor a path.
    NotAnOrigin(String),
    /// `support` is not an object.
    SupportNotAnObject,
    /// `support` has no plausible `email`.
    NoEmail,
    /// `support` has no `name`.
    NoName,
    /// `support` has a key besides `email` and `name`.
    SupportUnknownKey(String),
    /// `language`, `report_language` or an entry of `languages` names a language the page
    /// does not speak (the tag, shortened to show).
    UnknownLanguage(String),
    /// `languages` is not a list of language tags.
    NotALanguageList,
}
