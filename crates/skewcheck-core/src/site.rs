//! What a measurement runs on: the link, with the deployment's `skewcheck.json` filling in
//! what the link leaves out, and the link's own endpoints refused unless the file's
//! `allowed_endpoints` lists them. The rules are here, in the core; the app only fetches the
//! file and passes the browser's URL resolver in.

use crate::address::{PageAddress, Resolve};
use crate::config::{SourceChoice, parse_query};
use crate::measure::{Failure, Setup, setup_from};
use crate::site_config::{SiteConfig, endpoint_allowed};
use crate::text;

/// Whether the link itself names a time source, which must wait for the file's
/// `allowed_endpoints` before any request goes to it.
pub fn link_names_endpoint(page: &PageAddress) -> bool {
    parse_query(&page.search, page.is_https).is_ok_and(|link| {
        link.cross_check.is_some() || matches!(link.source, SourceChoice::Endpoint(_))
    })
}

/// What to measure: the link, with the file's defaults for what the link leaves out, and
/// the link's own endpoints refused unless the file's `allowed_endpoints` lists them.
pub fn setup_with(
    page: &PageAddress,
    site: &SiteConfig,
    resolve_url: Resolve<'_>,
) -> Result<Setup, Failure> {
    let merged = PageAddress {
        search: site.effective_query(&page.search),
        ..page.clone()
    };
    let setup = setup_from(&merged, resolve_url)?;
    let Some(allowed) = &site.allowed_endpoints else {
        return Ok(setup);
    };
    let allowed: Vec<String> = allowed
        .iter()
        .filter_map(|entry| resolve_url(entry, &page.href))
        .collect();
    let Ok(link) = parse_query(&page.search, page.is_https) else {
        return Ok(setup);
    };
    let endpoint = match link.source {
        SourceChoice::Endpoint(endpoint) => Some(endpoint),
        SourceChoice::PageOrigin => None,
    };
    for (parameter, endpoint) in [("endpoint", endpoint), ("endpoint2", link.cross_check)] {
        let Some(endpoint) = endpoint else { continue };
        let absolute = resolve_url(&endpoint, &page.href);
        if !absolute.is_some_and(|url| endpoint_allowed(&url, &allowed)) {
            return Err(refused(parameter, &endpoint, &allowed));
        }
    }
    Ok(setup)
}

fn refused(parameter: &'static str, endpoint: &str, allowed: &[String]) -> Failure {
    Failure::EndpointNotAllowed {
        parameter,
        endpoint: text::clean(endpoint, text::MAX_QUOTED_CHARS),
        allowed: allowed.to_vec(),
    }
}
