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

#[test]
fn the_script_sits_in_the_pages_directory() {
    assert_eq!(
        script_base("https://h.example/tools/clock/index.html?ref=1#R1/x"),
        "https://h.example/tools/clock/"
    );
    assert_eq!(
        script_base("https://h.example/tools/clock/?ref=a/b"),
        "https://h.example/tools/clock/"
    );
    assert_eq!(script_base("https://h.example"), "https://h.example/");
    assert_eq!(
        script_base("http://127.0.0.1:8080/"),
        "http://127.0.0.1:8080/"
    );
}

#[test]
fn the_check_command_pipes_the_script_with_its_base_as_first_argument() {
    let command = check_command("https://h.example/tools/clock/");
    assert_eq!(
        command.piped,
        "curl -fsS https://h.example/tools/clock/check.sh | sh -s -- https://h.example/tools/clock/"
    );
    assert_eq!(
        command.download,
        "curl -fsS -o check.sh https://h.example/tools/clock/check.sh\nless check.sh\nsh check.sh https://h.example/tools/clock/"
    );
}

#[test]
fn the_check_command_cannot_be_broken_out_of() {
    let command = check_command("https://h.example/a b;rm -rf ~/$(x)'/");
    // Still eight words: nothing in the address split it or started an expansion.
    assert_eq!(command.piped.split(' ').count(), 8, "{}", command.piped);
    for bad in [";", "$", "(", "'/"] {
        assert!(!command.piped.contains(bad), "{bad} in {}", command.piped);
    }
    // An IPv6 host's brackets would be a glob: quoted.
    assert_eq!(
        check_command("http://[::1]:8080/").piped,
        "curl -fsS 'http://[::1]:8080/check.sh' | sh -s -- 'http://[::1]:8080/'"
    );
}
