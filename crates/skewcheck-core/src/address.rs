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

/// Whether `authority` is a host name, with an optional port, and nothing else: dot-separated
/// labels of ASCII letters, digits and hyphens (an international name in its punycode
/// `xn--` form), an optional trailing dot, or an IPv6 literal in brackets; then `:port`. A
/// path, a space, a quotation mark, userinfo or any other character is refused, so a
/// host a permalink names cannot carry words.
pub fn is_host_name(authority: &str) -> bool {
    if authority.ends_with(':') {
        return false;
    }
    let Some((host, _)) = split_port(authority) else {
        return false;
    };
    if let Some(literal) = host
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return (2..=45).contains(&literal.len())
            && literal
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
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
mod tests;
