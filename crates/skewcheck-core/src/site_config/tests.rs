use super::*;
use crate::config::{SourceChoice, parse_query};
use crate::words::{site_notice_words, support_label, support_mailto};

/// The notices in words, as the page shows them.
fn notice_words(file: &SiteFile) -> Vec<String> {
    file.notices.iter().map(site_notice_words).collect()
}

const ACME: &str = r#"{
    "title": "Acme Sync — clock check",
    "service": "kerberos",
    "endpoint": "/time",
    "allowed_endpoints": ["https://time.acme.example", "https://acme.example/clock/"],
    "support": { "email": "help@acme.example", "name": "Acme" }
}"#;

#[test]
fn a_full_file_is_read_without_notices() {
    let file = parse(ACME, true);
    assert_eq!(notice_words(&file), Vec::<String>::new());
    let config = file.config;
    assert_eq!(config.title.as_deref(), Some("Acme Sync — clock check"));
    assert_eq!(config.service.as_deref(), Some("kerberos"));
    assert_eq!(config.endpoint.as_deref(), Some("/time"));
    assert_eq!(
        config.allowed_endpoints,
        LinkEndpoints::Listed(vec![
            "https://time.acme.example".to_owned(),
            "https://acme.example/clock/".to_owned()
        ])
    );
    assert_eq!(
        config.support,
        Some(Support {
            email: "help@acme.example".to_owned(),
            name: "Acme".to_owned()
        })
    );
}

#[test]
fn malformed_json_gives_defaults_and_one_notice() {
    for text in [
        "{ \"title\": ",
        "not json",
        "",
        "[1, 2]",
        "\"title\"",
        "null",
    ] {
        let file = parse(text, true);
        // The defaults — and, as the owner's list is unknown, no endpoint a link names.
        let unread = SiteConfig {
            allowed_endpoints: LinkEndpoints::Unknown,
            ..SiteConfig::default()
        };
        assert_eq!(file.config, unread, "{text}");
        assert_eq!(file.notices.len(), 1, "{text}");
        assert!(
            notice_words(&file)[0].starts_with("skewcheck.json is not"),
            "{text}"
        );
    }
}

#[test]
fn wrong_keys_fall_back_one_by_one() {
    let file = parse(
        r#"{ "title": 42, "service": "ntp", "limit_s": -5, "endpoint": "javascript:alert(1)",
             "endpont2": "/x", "support": { "email": "not an address", "name": "Acme" },
             "service_name": "Backup NAS" }"#,
        true,
    );
    assert_eq!(
        file.config,
        SiteConfig {
            service_name: Some("Backup NAS".to_owned()),
            ..SiteConfig::default()
        }
    );
    assert_eq!(file.notices.len(), 6, "{:?}", file.notices);
    let notices = notice_words(&file);
    for (key, words) in [
        ("title", "is not a string"),
        ("service", "does not know (“ntp”)"),
        ("limit_s", "between 0 and 31536000"),
        ("endpoint", "not an http:// or https://"),
        ("endpont2", "not a key skewcheck knows"),
        ("support", "no plausible “email”"),
    ] {
        assert!(
            notices
                .iter()
                .any(|notice| notice.contains(&format!("“{key}”")) && notice.contains(words)),
            "{key}: {notices:?}"
        );
    }
}

#[test]
fn an_http_endpoint_is_refused_only_on_an_https_page() {
    let text = r#"{ "endpoint": "http://time.example/now" }"#;
    assert_eq!(parse(text, true).config.endpoint, None);
    assert_eq!(
        parse(text, false).config.endpoint.as_deref(),
        Some("http://time.example/now")
    );
}

#[test]
fn titles_are_text_cleaned_and_capped() {
    let file = parse(r#"{ "title": "<b>Acme</b>\u202e\u200b  clock" }"#, true);
    assert_eq!(file.config.title.as_deref(), Some("<b>Acme</b> clock"));
    let long = format!(r#"{{ "title": "{}" }}"#, "a".repeat(500));
    assert!(parse(&long, true).config.title.unwrap().chars().count() <= MAX_TITLE_CHARS);
}

#[test]
fn the_file_gives_defaults_and_the_link_overrides_them() {
    let config = parse(ACME, true).config;
    let query = config.effective_query("?ref=T-1");
    let link = parse_query(&query, true).unwrap();
    assert_eq!(link.service.id, "kerberos");
    assert_eq!(link.source, SourceChoice::Endpoint("/time".to_owned()));
    assert_eq!(link.ticket.as_deref(), Some("T-1"));

    let link = parse_query(
        &config.effective_query("service=s3&endpoint=https%3A%2F%2Fother.example%2Fnow"),
        true,
    )
    .unwrap();
    assert_eq!(link.service.id, "s3");
    assert_eq!(
        link.source,
        SourceChoice::Endpoint("https://other.example/now".to_owned())
    );
    assert_eq!(
        config.effective_query(""),
        "service=kerberos&endpoint=%2Ftime"
    );
    assert_eq!(SiteConfig::default().effective_query("?a=b"), "a=b");
}

#[test]
fn a_links_limit_replaces_the_files_whole_service_choice() {
    let config = parse(
        r#"{ "service": "kerberos", "limit_s": 600, "service_name": "Ignored" }"#,
        true,
    )
    .config;
    let own = parse_query(&config.effective_query("limit=120&service_name=NAS"), true).unwrap();
    assert_eq!(own.service.name, "“NAS” (named by the link)");
    assert_eq!(own.service.tolerance.widest_ms(), 120_000);
    let from_file = parse_query(&config.effective_query(""), true).unwrap();
    assert_eq!(from_file.service.id, "kerberos");
    assert_eq!(from_file.service.tolerance.widest_ms(), 600_000);
}

#[test]
fn allowed_endpoints_compare_origins_and_path_segments() {
    let allowed = vec![
        "https://good.example".to_owned(),
        "https://acme.example/clock/".to_owned(),
        "https://api.acme.example/time".to_owned(),
    ];
    for url in [
        "https://good.example/anything?x=1",
        "https://good.example:443/",
        "https://acme.example/clock/now",
        "https://api.acme.example/time",
        "https://api.acme.example/time/ms",
        "https://api.acme.example/time?x",
    ] {
        assert!(endpoint_allowed(url, &allowed), "{url}");
    }
    for url in [
        "https://good.example.evil.com/",
        "https://evil.com/https://good.example/",
        "https://good.example@evil.com/",
        "http://good.example/",
        "https://good.example:8443/",
        "https://acme.example/clockwork",
        "https://acme.example/",
        "https://api.acme.example/timer",
        "https://evil.com/?https://good.example",
        "/relative",
        "",
    ] {
        assert!(!endpoint_allowed(url, &allowed), "{url}");
    }
    assert!(!endpoint_allowed("https://good.example/", &[]));
}

#[test]
fn allowed_entries_must_be_origins_prefixes_or_paths() {
    let file = parse(
        r#"{ "allowed_endpoints": ["https://ok.example", "/time", "ftp://x.example", "good.example"] }"#,
        true,
    );
    // The owner wanted a list: until it reads well, a link names no time source.
    assert_eq!(file.config.allowed_endpoints, LinkEndpoints::Unknown);
    assert_eq!(file.notices.len(), 1);
    assert!(
        notice_words(&file)[0].contains("ftp://x.example"),
        "{:?}",
        file.notices
    );
    let file = parse(
        r#"{ "allowed_endpoints": ["https://ok.example", "/time"] }"#,
        true,
    );
    assert_eq!(notice_words(&file), Vec::<String>::new());
    assert!(
        matches!(&file.config.allowed_endpoints, LinkEndpoints::Listed(list) if list.len() == 2),
        "{:?}",
        file.config.allowed_endpoints
    );
}

#[test]
fn the_mailto_link_is_percent_encoded() {
    let support = Support {
        email: "help+clock@acme.example".to_owned(),
        name: "Acme".to_owned(),
    };
    assert_eq!(support_label(&support), "Email this result to Acme support");
    let link = support_mailto(&support, Some("T-1 & more?"), "line 1\nline 2 = 100%");
    assert_eq!(
        link,
        "mailto:help+clock@acme.example?subject=Clock%20check%20result%20%E2%80%94%20ref%20T-1%20%26%20more%3F&body=line%201%0D%0Aline%202%20%3D%20100%25"
    );
    assert!(support_mailto(&support, None, "").ends_with("?subject=Clock%20check%20result&body="));
}

#[test]
fn email_shapes() {
    for good in [
        "a@b.co",
        "first.last+tag@mail.example.com",
        "x_y-z@a-b.example",
    ] {
        assert!(plausible_email(good), "{good}");
    }
    for bad in [
        "",
        "a",
        "a@b",
        "@b.co",
        "a@",
        "a@@b.co",
        "a b@c.co",
        "a@b..co",
        ".a@b.co",
        "a@-b.co",
        "a@b.co\r\nBcc: x@y.z",
        "a@b.co?cc=x@y.z",
        "<a@b.co>",
    ] {
        assert!(!plausible_email(bad), "{bad}");
    }
    assert!(!plausible_email(&format!("{}@b.co", "a".repeat(65))));
}

#[test]
fn support_needs_both_fields_and_nothing_else() {
    for text in [
        r#"{ "support": { "email": "a@b.co" } }"#,
        r#"{ "support": { "name": "Acme" } }"#,
        r#"{ "support": "a@b.co" }"#,
        r#"{ "support": { "email": "a@b.co", "name": "Acme", "phone": "1" } }"#,
    ] {
        let file = parse(text, true);
        assert_eq!(file.config.support, None, "{text}");
        assert_eq!(file.notices.len(), 1, "{text}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
            any::<f64>().prop_map(|n| n.to_string()),
            Just("null".to_owned()),
            Just("[\"https://a.example\", 1]".to_owned()),
            Just("{\"email\": \"a@b.co\", \"name\": \"\\u202e\"}".to_owned()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>(), https in any::<bool>()) {
            let file = parse(&text, https);
            let _ = file.config.effective_query(&text);
        }

        #[test]
        fn near_valid_files_never_panic_and_stay_usable(
            key in prop_oneof![
                Just("title"), Just("service"), Just("limit_s"), Just("service_name"),
                Just("endpoint"), Just("endpoint2"), Just("allowed_endpoints"), Just("support"),
                Just("other"),
            ],
            value in json_value(),
            link in "[a-z_2]{0,12}=[ -~]{0,20}",
        ) {
            let text = format!("{{\"{key}\": {value}}}");
            let file = parse(&text, true);
            prop_assert!(file.notices.len() <= 1);
            // Whatever the file held, the merged query is one the link parser accepts
            // whenever the link's own part alone is accepted.
            if parse_query(&link, true).is_ok() {
                let merged = file.config.effective_query(&link);
                prop_assert!(parse_query(&merged, true).is_ok(), "{text} + {link} → {merged}");
            }
            if let Some(support) = &file.config.support {
                let _ = support_mailto(support, Some(&link), &value);
            }
        }

        #[test]
        fn allowed_checks_never_panic(url in any::<String>(), entry in any::<String>()) {
            let _ = endpoint_allowed(&url, &[entry]);
        }
    }
}

/// The gate on addresses as written, before any URL parser: whatever a parser would rewrite
/// is refused, so no raw spelling reaches a path outside the allowed one.
#[test]
fn the_gate_refuses_raw_spellings_a_parser_would_rewrite() {
    let allowed = vec!["https://acme.example/clock/".to_owned()];
    assert!(endpoint_allowed("https://acme.example/clock/now", &allowed));
    for raw in [
        "https://acme.example/clock/../admin",
        "https://acme.example/clock/%2e%2e/admin",
        "https://acme.example/clock/%2E%2E/admin",
        "https://acme.example/clock/.%2e/admin",
        "https://acme.example/clock/./now",
        "https://acme.example/clock\\..\\admin",
        "https://acme.example\\clock/now",
        "https://acme.example/clock/now\n",
        "https://acme.example/clock/\tnow",
        "https://acme.example/clock/ now",
        "//acme.example/clock/now",
        "https://evil.example@acme.example.evil.com/clock/now",
        "https://user:pw@acme.example/clock/now",
        "https://acme.example@acme.example/clock/now",
    ] {
        assert!(!endpoint_allowed(raw, &allowed), "{raw:?}");
    }
}

/// The gate on addresses as the browser resolves them (the WHATWG parser of the `url` crate
/// stands in for it natively; `tests/browser.rs` runs the real one): userinfo, ports, IDN,
/// dot segments, backslashes, protocol-relative links and trailing dots.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_gate_on_resolved_addresses() {
    const PAGE: &str = "https://support.example/clock/";
    let resolve = |reference: &str| {
        url::Url::parse(PAGE)
            .and_then(|base| base.join(reference))
            .map(String::from)
            .ok()
    };
    let allowed: Vec<String> = ["https://acme.example/clock/", "https://bücher.example/time"]
        .into_iter()
        .filter_map(resolve)
        .collect();
    let verdict =
        |reference: &str| resolve(reference).is_some_and(|url| endpoint_allowed(&url, &allowed));
    for yes in [
        "https://acme.example/clock/now",
        "https://acme.example:443/clock/now",
        "https://ACME.example/clock/now",
        "https://acme.example./clock/now",
        "https://acme.example/clock/x/../now",
        "https://bücher.example/time",
        "https://xn--bcher-kva.example/time/ms",
        "//acme.example/clock/now",
    ] {
        assert!(verdict(yes), "{yes} → {:?}", resolve(yes));
    }
    for no in [
        "https://acme.example/clock/../admin",
        "https://acme.example/clock/%2e%2e/admin",
        "https://acme.example/clock\\..\\admin",
        "https://acme.example:8443/clock/now",
        "http://acme.example/clock/now",
        "https://user:pass@evil.example/clock/now",
        "https://user:pass@acme.example/clock/now",
        "https://acme.example@evil.example/clock/now",
        "https://acme.example.evil.example/clock/now",
        "https://bucher.example/time",
        "//evil.example/clock/now",
        "/clock/now",
        "https://acme.example/clockwork",
    ] {
        assert!(!verdict(no), "{no} → {:?}", resolve(no));
    }
}

#[test]
fn the_language_keys_are_read_as_browsers_write_tags() {
    let file = parse(
        r#"{"language": "pt", "languages": ["de", "zh-Hans", "de", "en"], "report_language": "FR"}"#,
        true,
    );
    assert_eq!(notice_words(&file), Vec::<String>::new());
    assert_eq!(file.config.language, Some(Lang::PtBr));
    assert_eq!(
        file.config.languages,
        Some(vec![Lang::De, Lang::ZhCn, Lang::En])
    );
    assert_eq!(file.config.report_language, Some(Lang::Fr));
    let none = parse("{}", true).config;
    assert_eq!(
        (none.language, none.languages, none.report_language),
        (None, None, None)
    );
}

#[test]
fn a_bad_language_key_is_ignored_with_a_notice_and_the_rest_stands() {
    let file = parse(
        r#"{"title": "Acme", "language": "zh-TW", "languages": ["de", "xx"], "report_language": 3}"#,
        true,
    );
    assert_eq!(file.config.title.as_deref(), Some("Acme"));
    assert_eq!(
        (
            file.config.language,
            file.config.languages.clone(),
            file.config.report_language
        ),
        (None, None, None)
    );
    let problems: Vec<(String, FileProblem)> = file
        .notices
        .iter()
        .filter_map(|notice| match notice {
            SiteNotice::KeyIgnored { key, problem } => Some((key.clone(), problem.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                "language".to_owned(),
                FileProblem::UnknownLanguage("zh-TW".to_owned())
            ),
            (
                "languages".to_owned(),
                FileProblem::UnknownLanguage("xx".to_owned())
            ),
            ("report_language".to_owned(), FileProblem::NotText),
        ]
    );
    let words = notice_words(&file).join("\n");
    assert!(words.contains("zh-TW"), "{words}");
    assert!(
        words.contains("pt-BR"),
        "the tags it speaks are named: {words}"
    );
    for not_a_list in [r#""de""#, r#"["de", 7]"#, "{}"] {
        let file = parse(&format!(r#"{{"languages": {not_a_list}}}"#), true);
        assert_eq!(file.config.languages, None, "{not_a_list}");
        assert!(
            matches!(
                file.notices.as_slice(),
                [SiteNotice::KeyIgnored {
                    problem: FileProblem::NotALanguageList,
                    ..
                }]
            ),
            "{not_a_list}: {:?}",
            file.notices
        );
    }
}
