//! Tests of `address`.

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
