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

/// Who answers an absolute `scheme://host[:port]/…` address: its scheme, host and port
/// (the browser's "origin"), taken apart by hand so the engine needs no URL crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The scheme in lower case (`https`).
    pub scheme: String,
    /// The host in lower case, without a trailing dot (`time.example.com`, `[::1]`).
    pub host: String,
    /// The port, when it is not the scheme's default.
    pub port: Option<u16>,
}

impl Origin {
    /// The origin of an absolute address, or `None` when `url` has no `scheme://host`.
    pub fn of(url: &str) -> Option<Self> {
        let (scheme, rest) = Self::split(url)?;
        let scheme = scheme.to_ascii_lowercase();
        let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
        // Credentials (`user:pass@`) do not change who answers.
        let host_port = authority
            .rsplit_once('@')
            .map_or(authority, |(_, after)| after);
        let (host, port) = split_port(host_port)?;
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host.is_empty() {
            return None;
        }
        let default_port = match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        Some(Self {
            port: port.filter(|port| Some(*port) != default_port),
            scheme,
            host,
        })
    }

    /// An absolute address split into its scheme (as written) and what follows `://`
    /// (authority, path, query, fragment); `None` unless `url` starts with a scheme
    /// ([`scheme_of`]) and `://`. The one place an address is split after its scheme.
    pub fn split(url: &str) -> Option<(&str, &str)> {
        let scheme = scheme_of(url)?;
        let rest = url.strip_prefix(scheme)?.strip_prefix("://")?;
        Some((scheme, rest))
    }

    /// The host, with the port when it is not the default: what the page names.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// Whether both run on the same site: the same host (any port), or one host is a
    /// subdomain of the other (`time.example.com` and `example.com`). Sibling subdomains
    /// count as different sites: without the public-suffix list, `a.co.uk` and `b.co.uk`
    /// could not be told from `a.example.com` and `b.example.com`.
    pub fn same_site(&self, other: &Self) -> bool {
        let under = |inner: &str, outer: &str| {
            inner
                .strip_suffix(outer)
                .is_some_and(|head| head.ends_with('.'))
        };
        self.host == other.host || under(&self.host, &other.host) || under(&other.host, &self.host)
    }
}

/// Splits `host[:port]` (IPv6 in brackets); `None` when the port is not a number.
fn split_port(host_port: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if host_port.starts_with('[') {
        let end = host_port.find(']')?;
        let (host, after) = host_port.split_at(end + 1);
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    match port {
        None | Some("") => Some((host, None)),
        Some(port) => Some((host, Some(port.parse().ok()?))),
    }
}

/// The URL scheme, if `text` starts with one (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`, then `:`), as written. Relative paths like `time:now` cannot be told
/// apart from schemes, so they count as schemes; `./time:now` has none.
pub fn scheme_of(text: &str) -> Option<&str> {
    let (candidate, _) = text.split_once(':')?;
    let mut chars = candidate.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_ok).then_some(candidate)
}

/// Whether two absolute addresses have the same origin (scheme, host and port). An
/// address that cannot be taken apart has no origin in common with anything.
pub fn same_origin(a: &str, b: &str) -> bool {
    matches!((Origin::of(a), Origin::of(b)), (Some(a), Some(b)) if a == b)
}

/// The host (and port, when not the default) an address names, for the page: the whole
/// address when it cannot be taken apart.
pub fn host_words(url: &str) -> String {
    Origin::of(url).map_or_else(|| url.to_owned(), |origin| origin.authority())
}

/// Where the page was loaded from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageAddress {
    /// The full address without its fragment: the default time source.
    pub href: String,
    /// The query string, with its leading `?` (or empty).
    pub search: String,
    /// Whether the page came over https (which rules out http endpoints).
    pub is_https: bool,
}

/// Resolves a reference (absolute, protocol-relative or a path) against a base address, as
/// the browser's URL parser does: injected, so the core decides with the real parser in the
/// page and with a test double natively.
pub type Resolve<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

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

    #[test]
    fn origins_are_taken_apart_and_compared() {
        let origin = Origin::of("HTTPS://User:pw@Time.Example.COM.:443/now?x=1#f").unwrap();
        assert_eq!(
            origin,
            Origin {
                scheme: "https".to_owned(),
                host: "time.example.com".to_owned(),
                port: None,
            }
        );
        assert_eq!(origin.authority(), "time.example.com");
        assert_eq!(
            host_words("http://localhost:8123/time/ms?skew=-1"),
            "localhost:8123"
        );
        assert_eq!(host_words("http://[::1]:80/x"), "[::1]");
        assert_eq!(host_words("not a url"), "not a url");
        assert!(same_origin(
            "https://a.example/x",
            "https://a.example:443/y?z"
        ));
        assert!(!same_origin("https://a.example/x", "http://a.example/x"));
        assert!(!same_origin("http://127.0.0.1:1/", "http://127.0.0.1:2/"));
        assert!(!same_origin("http://127.0.0.1:1/", "http://localhost:1/"));
        assert!(!same_origin("garbage", "garbage"));
        assert_eq!(Origin::of("http://host:99999/"), None);
        assert_eq!(Origin::of("http:///path"), None);
        assert_eq!(Origin::of("1http://host/"), None);
    }

    #[test]
    fn schemes_are_split_off_as_written() {
        assert_eq!(scheme_of("HTTPS://h/x"), Some("HTTPS"));
        assert_eq!(scheme_of("time:now"), Some("time"));
        assert_eq!(scheme_of("./time:now"), None);
        assert_eq!(scheme_of("/now"), None);
        assert_eq!(Origin::split("HTTPS://h/x?y"), Some(("HTTPS", "h/x?y")));
        assert_eq!(Origin::split("a:b://h/"), None);
        assert_eq!(Origin::split("mailto:x@h"), None);
        assert_eq!(Origin::split("//h/x"), None);
    }

    #[test]
    fn a_site_is_its_host_and_its_parent_domains() {
        let site = |a: &str, b: &str| Origin::of(a).unwrap().same_site(&Origin::of(b).unwrap());
        assert!(site("http://127.0.0.1:1/", "http://127.0.0.1:2/"));
        assert!(site("https://time.example.com/", "https://example.com/"));
        assert!(site("https://example.com/", "https://a.b.example.com/"));
        assert!(!site("https://a.example.com/", "https://b.example.com/"));
        assert!(!site("https://badexample.com/", "https://example.com/"));
        assert!(!site("http://localhost:1/", "http://127.0.0.1:1/"));
    }
}
