//! What to measure against, resolved from the page address.

use crate::address::{PageAddress, Resolve, same_origin};
use crate::config::{Config, SourceChoice, parse_query};
use crate::fetch::{Ask, FetchError, FetchErrorKind};
use crate::measure::phase::Failure;

/// What to measure against, resolved from the page address.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    /// The link's configuration.
    pub config: Config,
    /// Absolute address of the time source.
    pub source_url: String,
    /// How to ask it.
    pub ask: Ask,
    /// Absolute address of a second source to cross-check against.
    pub cross_check_url: Option<String>,
    /// The page's own address, whose `Date` header is a witness whenever the time source is
    /// on another origin: a link must not make a stranger's clock the only judge.
    pub origin_witness_url: Option<String>,
}

/// Reads the link's parameters and resolves the time sources with `resolve_url` (the
/// browser's URL parser in the page).
pub fn setup_from(page: &PageAddress, resolve_url: Resolve<'_>) -> Result<Setup, Failure> {
    let config = parse_query(&page.search, page.is_https).map_err(Failure::BadLink)?;
    let (reference, ask) = match &config.source {
        SourceChoice::PageOrigin => (page.href.clone(), Ask::DateHeader),
        SourceChoice::Endpoint(endpoint) if config.timesync => (endpoint.clone(), Ask::Timesync),
        SourceChoice::Endpoint(endpoint) => (endpoint.clone(), Ask::Body),
    };
    let resolve = |reference: &str| {
        resolve_url(reference, &page.href)
            .ok_or_else(|| Failure::Fetch(FetchError::new(reference, FetchErrorKind::InvalidUrl)))
    };
    let source_url = resolve(&reference)?;
    Ok(Setup {
        origin_witness_url: (!same_origin(&source_url, &page.href)).then(|| page.href.clone()),
        source_url,
        cross_check_url: config.cross_check.as_deref().map(resolve).transpose()?,
        ask,
        config,
    })
}
