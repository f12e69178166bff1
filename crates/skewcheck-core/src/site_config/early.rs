//! What `early-probe.js` read of `skewcheck.json` before the WebAssembly loaded: raw, from
//! a script, so a claim to check before it stands in for the page's own request.

use crate::fetch::{FetchError, FetchErrorKind};

/// The early request's raw result, as the script left it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EarlyFileReadings {
    /// The HTTP status (a JavaScript number).
    pub status: f64,
    /// The body, read only for status 200 and only up to the size limit.
    pub text: Option<String>,
    /// The body was larger than the size limit and was not read.
    pub too_large: bool,
    /// No answer came within the give-up time.
    pub timed_out: bool,
}

/// What the early answer means: the same outcomes as the page's own request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EarlyFileAnswer {
    /// 404 or 410: the host has no file.
    Missing,
    /// 200 with this body.
    Text(String),
    /// 200 with a body beyond the size limit.
    TooLarge,
    /// No answer within the give-up time: the app asks once more itself
    /// (`fetch_site_config` in src/net.rs), and the first module draws no card, since that
    /// answer may set up another service or time source.
    TimedOut,
    /// Any other status.
    Status(u16),
}

impl EarlyFileReadings {
    /// The answer, or `None` when the readings do not hold together (no real status, a 200
    /// without a body, a body beyond `max_body_bytes`): the page then asks for the file itself.
    pub fn answer(&self, max_body_bytes: usize) -> Option<EarlyFileAnswer> {
        if self.timed_out {
            return Some(EarlyFileAnswer::TimedOut);
        }
        let status = (100..=599).find(|&code| f64::from(code) == self.status)?;
        match status {
            404 | 410 => Some(EarlyFileAnswer::Missing),
            200 if self.too_large => Some(EarlyFileAnswer::TooLarge),
            200 => self
                .text
                .as_ref()
                .filter(|text| text.len() <= max_body_bytes)
                .map(|text| EarlyFileAnswer::Text(text.clone())),
            status => Some(EarlyFileAnswer::Status(status)),
        }
    }
}

impl EarlyFileAnswer {
    /// The answer as the page's own request for `url` would have told it: the file's text,
    /// `None` for no file, or why it could not be read.
    pub fn into_file_text(self, url: &str) -> Result<Option<String>, FetchError> {
        let failed = |kind| Err(FetchError::new(url, kind));
        match self {
            Self::Missing => Ok(None),
            Self::Text(text) => Ok(Some(text)),
            Self::TooLarge => failed(FetchErrorKind::TooLarge),
            Self::TimedOut => failed(FetchErrorKind::TimedOut),
            Self::Status(status) => failed(FetchErrorKind::Status(status)),
        }
    }
}

#[cfg(test)]
mod tests;
