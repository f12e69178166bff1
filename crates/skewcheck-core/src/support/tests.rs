//! Tests of `support`.

use super::*;
use crate::config::parse_query;
mod check_sh;

#[test]
fn default_link_is_the_bare_page() {
    assert_eq!(
        build_link(
            "https://example.com/tools/clock/?old=1#report=x",
            &LinkOptions::default()
        ),
        "https://example.com/tools/clock/"
    );
}

#[test]
fn links_round_trip_through_the_page_parser() {
    let options = LinkOptions {
        ticket: "T-1234 / Müller".to_owned(),
        service: "kerberos".to_owned(),
        limit_seconds: "600".to_owned(),
        service_name: String::new(),
        endpoint: "https://time.example.com/now?fmt=ms&x=1".to_owned(),
    };
    let link = build_link("https://example.com/tools/clock/", &options);
    let query = link.split_once('?').unwrap().1;
    let config = parse_query(query, true).unwrap();
    assert_eq!(config.ticket.as_deref(), Some("T-1234 / Müller"));
    assert_eq!(config.service.id, "kerberos");
    assert_eq!(config.service.tolerance.widest_ms(), 600_000);
    assert_eq!(
        config.source,
        crate::config::SourceChoice::Endpoint("https://time.example.com/now?fmt=ms&x=1".to_owned())
    );
}

#[test]
fn s3_is_the_default_and_left_out() {
    let options = LinkOptions {
        service: "s3".to_owned(),
        ticket: "A1".to_owned(),
        ..LinkOptions::default()
    };
    assert_eq!(build_link("https://h/", &options), "https://h/?ref=A1");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use percent_encoding::percent_decode_str;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// The escape is undone by percent-decoding, for any address without a `%` of
        /// its own (which is kept as it is, like the hand-written escape kept it).
        #[test]
        fn the_shell_escape_decodes_back(url in "[^%]*") {
            let quoted = quote_safe(&url);
            prop_assert_eq!(percent_decode_str(&quoted).decode_utf8().unwrap(), url.as_str());
        }
    }
}
