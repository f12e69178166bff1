//! What a measurement runs on: the link, with the deployment's `skewcheck.json` filling in
//! what the link leaves out, and the link's own endpoints refused unless the file's
//! `allowed_endpoints` lists them. The rules are here, in the core; the app only fetches the
//! file and passes the browser's URL resolver in.

use crate::address::{PageAddress, Resolve};
use crate::config::{SourceChoice, parse_query};
pub use crate::measure::link_names_endpoint;
use crate::measure::{Failure, Setup, setup_for_query};
use crate::site_config::{LinkEndpoints, SiteConfig, endpoint_allowed};
use crate::text;

/// What to measure: the link, with the file's defaults for what the link leaves out, and
/// the link's own endpoints refused unless the file's `allowed_endpoints` lists them.
pub fn setup_with(
    page: &PageAddress,
    site: &SiteConfig,
    resolve_url: Resolve<'_>,
) -> Result<Setup, Failure> {
    let setup = setup_for_query(page, &site.effective_query(&page.search), resolve_url)?;
    let allowed: Option<Vec<String>> = match &site.allowed_endpoints {
        LinkEndpoints::Anywhere => return Ok(setup),
        LinkEndpoints::Listed(list) => Some(
            list.iter()
                .filter_map(|entry| resolve_url(entry, &page.href))
                .collect(),
        ),
        // The owner may have listed sources the page could not read: none is allowed.
        LinkEndpoints::Unknown => None,
    };
    let Ok(link) = parse_query(&page.search, page.is_https) else {
        return Ok(setup);
    };
    let endpoint = match link.source {
        SourceChoice::Endpoint(endpoint) => Some(endpoint),
        SourceChoice::PageOrigin => None,
    };
    for (parameter, endpoint) in [("endpoint", endpoint), ("endpoint2", link.cross_check)] {
        let Some(endpoint) = endpoint else { continue };
        let Some(allowed) = &allowed else {
            return Err(Failure::SettingsUnread { parameter });
        };
        let absolute = resolve_url(&endpoint, &page.href);
        if !absolute.is_some_and(|url| endpoint_allowed(&url, allowed)) {
            return Err(refused(parameter, &endpoint, allowed));
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
