//! Link parameters: endpoints, services and limits, hostile words.

use super::*;

#[test]
fn no_parameters_means_page_origin_and_s3() {
    assert_eq!(parse_query("", true), Ok(Config::default()));
    assert_eq!(parse_query("?", false), Ok(Config::default()));
    assert_eq!(
        parse_query("?utm_source=mail&x", true),
        Ok(Config::default())
    );
}

#[test]
fn endpoints_absolute_protocol_relative_and_paths() {
    for (query, expected) in [
        (
            "endpoint=https%3A%2F%2Ftime.example.com%2Fnow",
            "https://time.example.com/now",
        ),
        (
            "endpoint=HTTPS://time.example.com",
            "HTTPS://time.example.com",
        ),
        ("endpoint=//time.example.com/now", "//time.example.com/now"),
        ("endpoint=/time", "/time"),
        ("endpoint=time/ms", "time/ms"),
        (
            "endpoint=%2Ftime%2Fjson%3Fkey%3Dunixtime",
            "/time/json?key=unixtime",
        ),
        ("endpoint=+/padded+", "/padded"),
    ] {
        let config = parse_query(query, true).unwrap();
        assert_eq!(
            config.source,
            SourceChoice::Endpoint(expected.to_owned()),
            "{query}"
        );
    }
}

#[test]
fn a_second_endpoint_is_validated_like_the_first() {
    let config = parse_query(
        "endpoint=/time/ms&endpoint2=https%3A%2F%2Fother.example%2Fnow",
        true,
    )
    .unwrap();
    assert_eq!(
        config.cross_check.as_deref(),
        Some("https://other.example/now")
    );
    assert!(parse_query("endpoint2=javascript:alert(1)", true).is_err());
    assert_eq!(parse_query("", true).unwrap().cross_check, None);
}

#[test]
fn http_endpoint_only_from_http_page() {
    assert!(parse_query("endpoint=http://10.0.0.5/time", false).is_ok());
    assert!(matches!(
        parse_query("endpoint=http://10.0.0.5/time", true),
        Err(ConfigError::InsecureEndpoint(_))
    ));
}

#[test]
fn dangerous_or_empty_endpoints_are_refused() {
    for query in [
        "endpoint=javascript:alert(1)",
        "endpoint=JavaScript%3Aalert(1)",
        "endpoint=data:text/plain,1700000000",
        "endpoint=file:///etc/passwd",
        "endpoint=ftp://example.com/time",
    ] {
        assert!(
            matches!(
                parse_query(query, false),
                Err(ConfigError::UnsupportedScheme(_))
            ),
            "{query}"
        );
    }
    assert_eq!(
        parse_query("endpoint=", false),
        Err(ConfigError::EmptyEndpoint)
    );
    assert_eq!(
        parse_query("endpoint=%20%20", false),
        Err(ConfigError::EmptyEndpoint)
    );
}

#[test]
fn limits_adjust_a_service_or_define_your_own() {
    let kerberos = parse_query("service=kerberos&limit=600", true)
        .unwrap()
        .service;
    assert_eq!(kerberos.id, "kerberos");
    assert_eq!(kerberos.tolerance.widest_ms(), 600_000);
    let own = parse_query("limit=90&service_name=Backup%20NAS", true)
        .unwrap()
        .service;
    assert_eq!(
        (own.id.as_ref(), own.name.as_ref()),
        ("custom", "“Backup NAS” (named by the link)")
    );
    assert_eq!(own.tolerance.widest_ms(), 90_000);
    let unnamed = parse_query("limit=2.5", true).unwrap().service;
    assert_eq!(
        (unnamed.name.as_ref(), unnamed.tolerance.widest_ms()),
        ("your service", 2_500)
    );
    for bad in [
        "limit=-1",
        "limit=abc",
        "limit=1e9",
        "limit=NaN",
        "limit=inf",
        "limit=",
    ] {
        assert!(
            matches!(parse_query(bad, true), Err(ConfigError::BadLimit(_))),
            "{bad}"
        );
    }
}

#[test]
fn the_device_label_is_cleaned_and_cut_to_40_chars() {
    let label = |query: &str| parse_query(query, true).unwrap().label;
    assert_eq!(
        label("label=Reception%20iPad").as_deref(),
        Some("Reception iPad")
    );
    assert_eq!(label("label=%20%0A%20"), None);
    assert_eq!(label(""), None);
    let long = label(&format!("label={}", "Ä".repeat(99))).unwrap();
    assert_eq!(long.chars().count(), crate::report::MAX_LABEL_CHARS);
    assert_eq!(MAX_DEVICE_LABEL_CHARS, crate::report::MAX_LABEL_CHARS);
    assert!(!long.ends_with('…'), "cut plainly: it is a name");
    assert_eq!(
        label("label=Van%E2%80%AE%093").as_deref(),
        Some("Van 3"),
        "bidi override dropped, tab as a space"
    );
    assert_eq!(
        device_label("  =HYPERLINK(\"x\")  ").as_deref(),
        Some("=HYPERLINK(\"x\")")
    );
}

#[test]
fn the_ticket_reference_is_cleaned() {
    assert_eq!(
        parse_query("ref=T-1234", true).unwrap().ticket.as_deref(),
        Some("T-1234")
    );
    assert_eq!(parse_query("ref=%20%0A%20", true).unwrap().ticket, None);
    let long = format!("ref={}", "A".repeat(500));
    assert_eq!(
        parse_query(&long, true).unwrap().ticket.unwrap().len(),
        MAX_LABEL_CHARS
    );
    let hostile = parse_query("ref=%3Cscript%3E%07x", true)
        .unwrap()
        .ticket
        .unwrap();
    assert_eq!(
        hostile, "<script>x",
        "kept as text (rendered escaped), control characters dropped"
    );
}

#[test]
fn a_link_cannot_rename_a_catalogue_service() {
    for query in [
        "service=s3&limit=600&service_name=Backup%20NAS",
        "service=s3&service_name=Backup%20NAS",
    ] {
        let service = parse_query(query, true).unwrap().service;
        assert_eq!(service.id, "s3", "{query}");
        assert!(
            service.name.starts_with("Amazon S3"),
            "{query}: {}",
            service.name
        );
        assert!(
            !service.name.contains("Backup"),
            "{query}: {}",
            service.name
        );
    }
    let limited = parse_query("service=s3&limit=600", true).unwrap().service;
    assert_eq!(limited.name, "Amazon S3 (limit set by this link)");
    assert_eq!(limited.tolerance.widest_ms(), 600_000);
}

#[test]
fn link_words_lose_invisible_characters_and_are_capped() {
    let sneaky = parse_query(
        "limit=60&service_name=Amazon%20S3.%E2%80%8B%20Call%20%2B1%20555%200100%E2%80%AE%C2%AD",
        true,
    )
    .unwrap()
    .service;
    assert_eq!(sneaky.id, "custom");
    assert_eq!(
        sneaky.name, "“Amazon S3. Call +1 555 0100” (named by the link)",
        "quoted and marked as the link's words, never the page's"
    );
    let reference = parse_query("ref=T%E2%80%8D-12%EF%BB%BF34%E2%81%A0", true)
        .unwrap()
        .ticket;
    assert_eq!(reference.as_deref(), Some("T-1234"));
    let long_name = format!("limit=60&service_name={}", "N".repeat(500));
    let capped = parse_query(&long_name, true).unwrap().service.name;
    assert_eq!(capped.matches('N').count(), MAX_LABEL_CHARS);
}

#[test]
fn services_are_chosen_and_unknown_ones_explained() {
    assert_eq!(parse_query("service=S3", true).unwrap().service.id, "s3");
    let error = parse_query("service=<script>", true).unwrap_err();
    let words = crate::words::config_error_words(&error);
    assert!(words.contains("known: s3"), "{words}");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use crate::verdict::SERVICES;
    use proptest::prelude::*;

    const KEYS: [&str; 8] = [
        "endpoint",
        "endpoint2",
        "service",
        "limit",
        "service_name",
        "ref",
        "utm_source",
        "",
    ];

    /// Values that are nearly what a link holds: ids, numbers, addresses, hostile words.
    fn near_valid_value() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(
                SERVICES
                    .iter()
                    .map(|s| s.id.to_string())
                    .chain(["S3", "custom", "kerberos-limit-5"].map(str::to_owned))
                    .collect::<Vec<_>>()
            ),
            any::<f64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            "(https?|javascript|data|ftp|HTTP)://[a-z.]{0,12}(/[a-z%0-9]{0,6}){0,3}",
            "//?[a-z0-9:/?&=%.]{0,20}",
            "[A-Za-z0-9 .+%\u{200B}\u{202E}\u{FEFF}\u{00AD}\u{2066}“”\"<>&=#?-]{0,90}",
            any::<String>(),
        ]
    }

    /// A query string of near-valid pairs, percent-encoded or raw, with stray separators.
    fn near_valid_query() -> impl Strategy<Value = String> {
        let pair = (
            prop::sample::select(KEYS.to_vec()),
            near_valid_value(),
            any::<bool>(),
        )
            .prop_map(|(key, value, encode)| {
                if encode {
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair(key, &value)
                        .finish()
                } else {
                    format!("{key}={value}")
                }
            });
        (prop::collection::vec(pair, 0..8), any::<bool>()).prop_map(|(pairs, question)| {
            format!("{}{}", if question { "?" } else { "" }, pairs.join("&"))
        })
    }

    /// What any accepted link must satisfy: words from it are clean and capped, a
    /// catalogue service keeps its own name, and endpoints are http(s) or relative.
    fn check(config: &Config, page_is_https: bool) -> Result<(), TestCaseError> {
        let invisible = |c: char| {
            c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        };
        if let Some(reference) = &config.ticket {
            prop_assert!(!reference.is_empty() && reference.chars().count() <= MAX_LABEL_CHARS);
            prop_assert!(!reference.chars().any(invisible), "{:?}", reference);
        }
        let service = &config.service;
        prop_assert!(!service.name.chars().any(invisible), "{:?}", service.name);
        match service_by_id(&service.id) {
            Some(original) => prop_assert!(service.name.starts_with(original.name.as_ref())),
            None => prop_assert!(
                service.name == "your service" || service.name.ends_with("” (named by the link)")
            ),
        }
        let endpoints = [
            match &config.source {
                SourceChoice::Endpoint(endpoint) => Some(endpoint),
                SourceChoice::PageOrigin => None,
            },
            config.cross_check.as_ref(),
        ];
        for endpoint in endpoints.into_iter().flatten() {
            match scheme_of(endpoint) {
                Some(scheme) => {
                    let https = scheme.eq_ignore_ascii_case("https");
                    let http = scheme.eq_ignore_ascii_case("http");
                    prop_assert!(https || (http && !page_is_https), "{}", endpoint);
                }
                None => prop_assert!(!endpoint.is_empty()),
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

        /// No query string, however hostile, panics the link parser.
        #[test]
        fn arbitrary_queries_never_panic(text in any::<String>(), https in any::<bool>()) {
            if let Ok(config) = parse_query(&text, https) {
                check(&config, https)?;
            }
        }

        /// Arbitrary bytes, read the way a browser hands over an undecodable query.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), https in any::<bool>()) {
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(config) = parse_query(&text, https) {
                check(&config, https)?;
            }
        }

        /// Near-valid links are parsed or refused, and what is accepted is safe to show.
        #[test]
        fn near_valid_queries_are_safe(query in near_valid_query(), https in any::<bool>()) {
            if let Ok(config) = parse_query(&query, https) {
                check(&config, https)?;
            }
        }
    }
}
