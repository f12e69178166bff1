//! The deployment's `skewcheck.json`, in the browser: fetched beside the page (through
//! [`crate::net`]), read and merged with the link by the core ([`skewcheck_core::site_config`],
//! [`skewcheck_core::site`]).

use crate::browser::resolve_url;
use crate::net::fetch_site_config;
use skewcheck_core::address::PageAddress;
use skewcheck_core::site_config::{FILE_NAME, SiteFile, read};

/// Reads `skewcheck.json` beside the page: the defaults, silently, when there is none.
pub async fn load(page: &PageAddress) -> SiteFile {
    let Some(url) = resolve_url(FILE_NAME, &page.href) else {
        return SiteFile::default();
    };
    read(fetch_site_config(&url).await, page.is_https)
}
