//! The page's own address, taken apart.

/// The address without its fragment (`#…`): what the page was fetched from.
pub fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// The page itself: the address without its query and fragment, the base of every link to
/// the page (permalinks, support links, "check this device instead").
pub fn page_base(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_goes_and_the_query_stays() {
        assert_eq!(
            without_fragment("https://example.com/clock/?ref=T-1#report=abc"),
            "https://example.com/clock/?ref=T-1"
        );
        assert_eq!(
            without_fragment("https://example.com/"),
            "https://example.com/"
        );
    }

    #[test]
    fn the_page_base_has_neither_query_nor_fragment() {
        for url in [
            "https://example.com/tools/clock/?ref=T-1&service=s3",
            "https://example.com/tools/clock/#report=abc",
            "https://example.com/tools/clock/?a=b#c?d",
            "https://example.com/tools/clock/",
        ] {
            assert_eq!(page_base(url), "https://example.com/tools/clock/", "{url}");
        }
        assert_eq!(page_base(""), "");
    }
}
