//! The deployment's `skewcheck.json`, in the browser: fetched beside the page (through
//! [`crate::net`]) and merged with the link by the core
//! ([`skewcheck_core::site`]).

use crate::browser::resolve_url;
use crate::net::fetch_site_config;
use skewcheck_core::address::PageAddress;
use skewcheck_core::site_config::{FILE_NAME, SiteFile, SiteNotice, parse};
use skewcheck_core::words::fetch_error_words;

/// Reads `skewcheck.json` beside the page: the defaults, silently, when there is none.
pub async fn load(page: &PageAddress) -> SiteFile {
    let Some(url) = resolve_url(FILE_NAME, &page.href) else {
        return SiteFile::default();
    };
    match fetch_site_config(&url).await {
        // Hosts that answer every missing path with the page itself (single-page-app
        // fallbacks) have no file either.
        // A byte order mark is dropped, as the early request's `TextDecoder` drops it.
        Ok(Some(text)) if !text.trim_start().starts_with('<') => {
            parse(text.trim_start_matches('\u{feff}'), page.is_https)
        }
        Ok(_) => SiteFile::default(),
        Err(error) => SiteFile {
            notices: vec![SiteNotice::Unreadable {
                detail: fetch_error_words(&error).message,
            }],
            ..SiteFile::default()
        },
    }
}
