//! Links written to make the page speak: whatever a link, a site file or a server says, a
//! failure or notice repeats it only quoted as their words, cleaned (no control, bidi or
//! invisible character) and at most [`MAX_QUOTED_CHARS`] long. 10 000 arbitrary links, with
//! the WHATWG URL parser of the `url` crate standing in for the browser's resolver.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use skewcheck_core::address::PageAddress;
use skewcheck_core::config::parse_query;
use skewcheck_core::fetch::{FetchError, FetchErrorKind};
use skewcheck_core::measure::{Failure, Notice};
use skewcheck_core::site::setup_with;
use skewcheck_core::site_config::{self, LinkEndpoints, SiteConfig};
use skewcheck_core::source::ReferenceReading;
use skewcheck_core::text::{MAX_QUOTED_CHARS, clean};
use skewcheck_core::words::{failure_words, notice_words, site_notice_words};

const PAGE: &str = "support.example/clock/";

/// The browser's resolver, as the WHATWG parser does it.
fn resolve(reference: &str, base: &str) -> Option<String> {
    url::Url::parse(base)
        .and_then(|base| base.join(reference))
        .map(String::from)
        .ok()
}

fn page(query: &str, is_https: bool) -> PageAddress {
    let scheme = if is_https { "https" } else { "http" };
    PageAddress {
        href: format!("{scheme}://{PAGE}{query}"),
        search: query.to_owned(),
        is_https,
    }
}

/// The refusal a link's endpoint meets on the way to a measurement, in words.
fn refusal(query: &str, site: &SiteConfig) -> Option<String> {
    let failure = setup_with(&page(query, true), site, &resolve).err()?;
    Some(failure_words(&failure).message)
}

/// The issue's link: an endpoint the URL parser refuses, whose text closes the page's
/// quotation mark, speaks a sentence and reverses what follows.
const ISSUE_LINK: &str = "?endpoint=https://x%20y%E2%80%9D%20Your%20clock%20is%20fine.%20Call%20%2B1%20555%200100%E2%80%AE";

#[test]
fn an_endpoint_the_parser_refuses_is_only_quoted_as_the_links_words() {
    let message = refusal(ISSUE_LINK, &SiteConfig::default()).expect("refused");
    assert_eq!(
        message,
        "“https://x y' Your clock is fine. Call +1 555 0100” is not a valid address for a time source"
    );
    // Longer text is cut where the quotation is, so the rest never reaches the page.
    let long = format!("?endpoint2=https://x%20{}", "word%20".repeat(100));
    let message = refusal(&long, &SiteConfig::default()).expect("refused");
    assert!(message.starts_with("“https://x word word"), "{message}");
    assert!(
        message.contains("word…” is not a valid address"),
        "{message}"
    );
    assert!(message.chars().count() < MAX_QUOTED_CHARS + 60, "{message}");
    // The allow-list's refusal quotes the link's endpoint the same way.
    let site = SiteConfig {
        allowed_endpoints: LinkEndpoints::Listed(vec!["https://acme.example/clock/".to_owned()]),
        ..SiteConfig::default()
    };
    let message = refusal(
        "?endpoint=https://evil.example/%E2%80%9D%20Your%20clock%20is%20fine.%E2%80%AE",
        &site,
    )
    .expect("refused");
    assert!(
        message.starts_with(
            "This page does not measure against “https://evil.example/' Your clock is fine.” (the link's “endpoint”)"
        ),
        "{message}"
    );
}

/// Characters a hostile link likes: bidi controls, invisible ones, controls, line breaks,
/// quotation marks, spaces; then letters and anything at all.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{061C}', '\u{200B}',
            '\u{FEFF}', '\u{00AD}', '\u{2060}', '\u{E0041}', '\u{180E}', '\u{0007}', '\u{0000}',
            '\u{001B}', '\u{0085}', '\n', '\r', '\t', '\u{2028}', '\u{3000}', ' ', ' ', '“',
            '”', '"', '«', '»', '„', '＂', '/', ':', '%', '&', '=', '?', '#', '.', '…',
        ]),
        4 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

/// A parameter's value: an address of some scheme (or none) followed by hostile text, up to
/// a few times the cap.
fn value() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "",
        "https://",
        "http://",
        "//",
        "/",
        "javascript:",
        "ftp://",
        "https://x ",
    ]);
    let text = prop::collection::vec(hostile_char(), 0..160)
        .prop_map(|chars| chars.into_iter().collect::<String>());
    prop_oneof![
        4 => (prefix, text).prop_map(|(prefix, text)| format!("{prefix}{text}")),
        1 => any::<String>(),
    ]
}

/// A query string: known and unknown parameters with hostile values, encoded as a browser
/// would, or raw text.
fn query() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "endpoint",
        "endpoint2",
        "service",
        "limit",
        "service_name",
        "ref",
        "protocol",
        "other",
    ]);
    prop_oneof![
        4 => prop::collection::vec((key, value()), 0..4).prop_map(|pairs| {
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.extend_pairs(pairs);
            format!("?{}", query.finish())
        }),
        1 => value().prop_map(|raw| format!("?{raw}")),
    ]
}

/// The ways a request to an address can fail, one chosen per case.
fn fetch_kind(value: &str, index: usize) -> FetchErrorKind {
    let detail = || "connection refused".to_owned();
    let kinds = [
        FetchErrorKind::InvalidUrl,
        FetchErrorKind::Unreachable { detail: detail() },
        FetchErrorKind::UnreadableBody {
            detail: value.to_owned(),
        },
        FetchErrorKind::CorsBlocked,
        FetchErrorKind::TimedOut,
        FetchErrorKind::Status(503),
        FetchErrorKind::TooLarge,
        FetchErrorKind::Redirected,
    ];
    let no_time = [
        ReferenceReading::from_date_header(value).err(),
        ReferenceReading::from_body(value).err(),
        ReferenceReading::from_response(None, Some(value)).err(),
    ];
    let mut all: Vec<FetchErrorKind> = kinds.into_iter().collect();
    all.extend(no_time.into_iter().flatten().map(FetchErrorKind::NoTime));
    all.swap_remove(index % all.len())
}

/// A site file whose values are the link's text (it fails the same way for its owner).
fn site_file(values: &[String]) -> String {
    let mut object = serde_json::Map::new();
    for value in values {
        object.insert("service".to_owned(), value.clone().into());
        object.insert("endpoint".to_owned(), value.clone().into());
        object.insert(
            "allowed_endpoints".to_owned(),
            serde_json::json!([value, 1]),
        );
        object.insert("support".to_owned(), serde_json::json!({ value: value }));
        object.insert(value.clone(), value.clone().into());
    }
    serde_json::Value::Object(object).to_string()
}

/// Quotation marks inside quoted text, as [`skewcheck_core::words::quoted`] replaces them.
fn as_quoted(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '"' | '«' | '»' | '‹' | '›' | '〝' | '〞' | '＂' => {
                '\''
            }
            other => other,
        })
        .collect()
}

/// The hash of every `len`-char window of `chars` (polynomial, rolling), so that a run of
/// outside text is looked up in a message in one pass instead of searched for.
fn window_hashes(chars: &[char], len: usize) -> Vec<u64> {
    const BASE: u64 = 1_000_003;
    if chars.len() < len || len == 0 {
        return Vec::new();
    }
    let top = (1..len).fold(1u64, |power, _| power.wrapping_mul(BASE));
    let mut hash = chars[..len].iter().fold(0u64, |hash, &c| {
        hash.wrapping_mul(BASE).wrapping_add(u64::from(c))
    });
    let mut hashes = vec![hash];
    for (gone, &new) in chars.iter().zip(&chars[len..]) {
        hash = hash
            .wrapping_sub(u64::from(*gone).wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(u64::from(new));
        hashes.push(hash);
    }
    hashes
}

/// Outside text longer than the cap (cleaned, its quotation marks as quoting leaves them),
/// and the sorted hashes of all its runs one char longer than the cap.
struct Outside {
    texts: Vec<String>,
    run_hashes: Vec<u64>,
}

impl Outside {
    fn new(texts: impl IntoIterator<Item = String>) -> Self {
        let texts: Vec<String> = texts
            .into_iter()
            .map(|text| as_quoted(&clean(&text, usize::MAX)))
            .filter(|text| text.chars().count() > MAX_QUOTED_CHARS)
            .collect();
        let mut run_hashes: Vec<u64> = texts
            .iter()
            .flat_map(|text| window_hashes(&text.chars().collect::<Vec<_>>(), MAX_QUOTED_CHARS + 1))
            .collect();
        run_hashes.sort_unstable();
        Self { texts, run_hashes }
    }
}

/// Whether cleaning keeps `c`: no control, bidi or invisible character.
fn kept(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_control()
    } else {
        c.is_whitespace() || !clean(&c.to_string(), 4).is_empty()
    }
}

/// `message` carries no character that cleaning removes (nor white space but a plain
/// space), every quotation in it is closed and at most the cap long, and no run of more
/// than the cap of any outside text appears in it.
fn check(message: &str, outside: &Outside) -> Result<(), TestCaseError> {
    for c in message.chars() {
        prop_assert!(
            kept(c) && (c == ' ' || !c.is_whitespace()),
            "{c:?} in {message:?}"
        );
    }
    let mut quoted: Option<usize> = None;
    for c in message.chars() {
        match (c, quoted) {
            ('“', None) => quoted = Some(0),
            ('”', Some(_)) => quoted = None,
            ('“' | '”', _) => prop_assert!(false, "a quotation inside another: {message:?}"),
            (_, Some(chars)) => {
                prop_assert!(chars < MAX_QUOTED_CHARS, "a long quotation: {message:?}");
                quoted = Some(chars + 1);
            }
            (_, None) => {}
        }
    }
    prop_assert!(quoted.is_none(), "an unclosed quotation: {message:?}");
    if outside.texts.is_empty() {
        return Ok(());
    }
    let chars: Vec<char> = message.chars().collect();
    let run = MAX_QUOTED_CHARS + 1;
    for (start, hash) in window_hashes(&chars, run).into_iter().enumerate() {
        if outside.run_hashes.binary_search(&hash).is_ok() {
            let text: String = chars[start..start + run].iter().collect();
            prop_assert!(
                !outside.texts.iter().any(|outside| outside.contains(&text)),
                "{text:?} of the outside text in {message:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Every failure and notice a link can cause, through the link's parameters
    /// (`config::parse_query`), the site merge and gate with the resolver (`setup_with`),
    /// every way a request to its address can fail, and a site file holding its text.
    #[test]
    fn no_message_carries_more_than_the_cap_of_clean_outside_text(
        query in query(),
        is_https in any::<bool>(),
        allow_list in any::<bool>(),
        kind in any::<usize>(),
    ) {
        let values: Vec<String> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .map(|(_, value)| value.into_owned())
            .chain([query.clone()])
            .collect();
        let resolved: Vec<String> = values
            .iter()
            .filter_map(|value| resolve(value, &format!("https://{PAGE}")))
            .collect();
        let outside = Outside::new(values.iter().cloned().chain(resolved));
        let mut messages = Vec::new();
        if let Err(error) = parse_query(&query, is_https) {
            messages.push(failure_words(&Failure::BadLink(error)).message);
        }
        let site = SiteConfig {
            allowed_endpoints: if allow_list {
                LinkEndpoints::Listed(vec!["https://acme.example/clock/".to_owned()])
            } else {
                LinkEndpoints::Anywhere
            },
            ..SiteConfig::default()
        };
        if let Err(failure) = setup_with(&page(&query, is_https), &site, &resolve) {
            let words = failure_words(&failure);
            messages.extend([words.message, words.advice]);
        }
        for value in &values {
            let error = FetchError::new(value, fetch_kind(value, kind));
            messages.push(failure_words(&Failure::Fetch(error.clone())).message);
            messages.push(notice_words(&Notice::AttemptFailed { attempt: 1, error }));
        }
        let file = site_config::parse(&site_file(&values), is_https);
        messages.extend(file.notices.iter().map(site_notice_words));
        for message in &messages {
            check(message, &outside)?;
        }
    }
}
