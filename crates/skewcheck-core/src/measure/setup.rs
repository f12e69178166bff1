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
    /// on another origin or is a body the link chose: a link must not make a stranger's
    /// clock, or a stranger's body on a shared origin, the only judge.
    pub origin_witness_url: Option<String>,
}

/// Whether the link itself names a time source (`endpoint` or `endpoint2`): one it chose, so
/// it waits for the file's `allowed_endpoints` and never decides alone.
pub fn link_names_endpoint(page: &PageAddress) -> bool {
    parse_query(&page.search, page.is_https).is_ok_and(|link| {
        link.cross_check.is_some() || matches!(link.source, SourceChoice::Endpoint(_))
    })
}

/// Reads the link's parameters and resolves the time sources with `resolve_url` (the
/// browser's URL parser in the page).
pub fn setup_from(page: &PageAddress, resolve_url: Resolve<'_>) -> Result<Setup, Failure> {
    setup_for_query(page, &page.search, resolve_url)
}

/// As [`setup_from`], acting on `query` — the link's own query (`page.search`) with the
/// deployment's defaults filled in.
///
/// The page's own origin witnesses the time whenever it comes from elsewhere, and whenever
/// it comes from a body the link chose, even on the page's own origin: a shared origin can
/// serve bodies a stranger shaped, so those bodies never decide alone.
pub(crate) fn setup_for_query(
    page: &PageAddress,
    query: &str,
    resolve_url: Resolve<'_>,
) -> Result<Setup, Failure> {
    let config = parse_query(query, page.is_https).map_err(Failure::BadLink)?;
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
    let body_the_link_chose = ask != Ask::DateHeader && link_names_endpoint(page);
    let witnessed = body_the_link_chose || !same_origin(&source_url, &page.href);
    Ok(Setup {
        origin_witness_url: witnessed.then(|| page.href.clone()),
        source_url,
        cross_check_url: config.cross_check.as_deref().map(resolve).transpose()?,
        ask,
        config,
    })
}
