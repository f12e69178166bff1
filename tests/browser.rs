//! Tier 2: the library in a real (headless) browser, through wasm-bindgen-test.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`
//! (scripts/test does this).
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::Owner;
use skewcheck::browser::{
    BrowserClock, local_time_text, on_becoming_visible, page_address, page_is_visible, resolve_url,
};
use skewcheck_core::clock::DeviceClock;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn verdict_attribute(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    document
        .query_selector("[data-testid=verdict]")
        .ok()??
        .get_attribute(name)
}

/// Waits until the page has drawn its verdict card: it draws once its language is loaded
/// (at once for English, but after a turn of the event loop).
async fn verdict_drawn() {
    for _ in 0..250 {
        if verdict_attribute("data-testid").is_some() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("the verdict card was not drawn within 5 s");
}

#[wasm_bindgen_test]
async fn app_mounts_shows_the_verdict_element_and_settles() {
    leptos::mount::mount_to_body(skewcheck::App);
    verdict_drawn().await;
    assert_eq!(verdict_attribute("data-service").as_deref(), Some("s3"));
    assert_eq!(
        verdict_attribute("data-limit-ms").as_deref(),
        Some("900000")
    );
    // The measurement starts with the page, the card once its language is loaded: on a fast
    // machine the first answers may already be in when the card is first drawn.
    let first_state = verdict_attribute("data-state").unwrap_or_default();
    if first_state == "measuring" {
        assert_eq!(
            verdict_attribute("data-verdict").as_deref(),
            Some("unknown")
        );
        assert_eq!(
            verdict_attribute("data-offset-ms"),
            None,
            "no number before a measurement"
        );
    } else {
        assert!(
            ["done", "error"].contains(&first_state.as_str()),
            "first drawn state {first_state:?}"
        );
    }

    // The test runner's own server is the time source; wait for the measurement to end.
    let mut state = String::new();
    for _ in 0..150 {
        TimeoutFuture::new(100).await;
        state = verdict_attribute("data-state").unwrap_or_default();
        if state != "measuring" {
            break;
        }
    }
    match state.as_str() {
        // Browser and runner share this machine's clock: the device cannot be off by minutes.
        "done" => {
            assert_eq!(verdict_attribute("data-verdict").as_deref(), Some("ok"));
            let offset: i64 = verdict_attribute("data-offset-ms")
                .unwrap()
                .parse()
                .unwrap();
            let uncertainty: u64 = verdict_attribute("data-uncertainty-ms")
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                offset.unsigned_abs() <= uncertainty + 50,
                "{offset} ± {uncertainty}"
            );
        }
        // A runner server without a Date header must give a clear error, never "ok".
        "error" => {
            assert_eq!(
                verdict_attribute("data-verdict").as_deref(),
                Some("unknown")
            );
            let document = web_sys::window().unwrap().document().unwrap();
            let error = document
                .query_selector("[data-testid=error]")
                .unwrap()
                .expect("error element");
            assert!(!error.text_content().unwrap_or_default().trim().is_empty());
        }
        other => panic!("measurement never finished: state {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn browser_clocks_advance_together() {
    let clock = BrowserClock;
    let (wall, monotonic) = (clock.wall_ms(), clock.monotonic_ms());
    TimeoutFuture::new(200).await;
    let wall_elapsed = clock.wall_ms() - wall;
    let monotonic_elapsed = clock.monotonic_ms() - monotonic;
    assert!(wall_elapsed >= 150.0, "{wall_elapsed}");
    assert!(
        (wall_elapsed - monotonic_elapsed).abs() < 20.0,
        "{wall_elapsed} vs {monotonic_elapsed}"
    );
}

#[wasm_bindgen_test]
fn page_address_and_url_resolution() {
    let page = page_address().expect("a page address");
    assert!(page.href.starts_with("http://"), "{}", page.href);
    assert!(!page.is_https);
    let base = "https://example.com/tools/clock/?ref=1";
    assert_eq!(
        resolve_url("time/ms", base).as_deref(),
        Some("https://example.com/tools/clock/time/ms")
    );
    assert_eq!(
        resolve_url("/time", base).as_deref(),
        Some("https://example.com/time")
    );
    assert_eq!(
        resolve_url("//t.example.org/now", base).as_deref(),
        Some("https://t.example.org/now")
    );
}

#[wasm_bindgen_test]
fn local_time_text_shows_a_time() {
    let text = local_time_text(js_sys::Date::now());
    assert!(text.chars().any(|c| c.is_ascii_digit()), "{text}");
    let far = local_time_text(js_sys::Date::now() - 3.0 * 86_400_000.0);
    assert!(far.len() > text.len(), "another day shows its date: {far}");
}

#[wasm_bindgen_test]
fn the_visibility_listener_goes_with_its_component() {
    assert!(page_is_visible(), "the test page should be on screen");
    let calls = Rc::new(Cell::new(0));
    let owner = Owner::new();
    owner.with(|| {
        let calls = calls.clone();
        on_becoming_visible(move || calls.set(calls.get() + 1));
    });
    let window = web_sys::window().unwrap();
    let became_visible = web_sys::Event::new("visibilitychange").unwrap();
    window.dispatch_event(&became_visible).unwrap();
    assert_eq!(calls.get(), 1);
    owner.cleanup();
    window.dispatch_event(&became_visible).unwrap();
    assert_eq!(calls.get(), 1, "the listener was removed with its owner");
}

/// The `allowed_endpoints` gate behind the browser's own URL parser, as the page uses it
/// (`skewcheck_core::site::setup_with` with `resolve_url`): whatever the parser rewrites a
/// link's endpoint to, the gate judges the address a request would go to.
#[wasm_bindgen_test]
fn the_endpoint_gate_behind_the_real_url_parser() {
    use skewcheck_core::address::PageAddress;
    use skewcheck_core::measure::Failure;
    use skewcheck_core::site::setup_with;
    use skewcheck_core::site_config::parse;

    let file = parse(
        r#"{"allowed_endpoints": ["https://acme.example/clock/", "/time/"]}"#,
        true,
    );
    let gate = |endpoint: &str| {
        let search = format!("?endpoint={}", js_sys::encode_uri_component(endpoint));
        let page = PageAddress {
            href: format!("https://support.acme.example/check/{search}"),
            search,
            is_https: true,
        };
        match setup_with(&page, &file.config, &resolve_url) {
            Ok(setup) => Ok(setup.source_url),
            Err(Failure::EndpointNotAllowed { .. }) => Err("refused"),
            Err(other) => panic!("{endpoint}: {other:?}"),
        }
    };
    for allowed in [
        "https://acme.example/clock/now",
        "https://ACME.example/clock/now",
        "https://acme.example:443/clock/now",
        "https://acme.example/clock/./now",
        // A trailing dot names the same host (as the native test has it).
        "https://acme.example./clock/now",
        "/time/ms",
    ] {
        assert!(gate(allowed).is_ok(), "{allowed}: {:?}", gate(allowed));
    }
    for refused in [
        "https://acme.example/clock/../admin",
        "https://acme.example/clock/%2e%2e/admin",
        "https://acme.example/clock/%2E%2E/admin",
        "https://acme.example/clock/.%2e/admin",
        "https://acme.example\\clock\\..\\admin",
        "https://acme.example/clock\\..\\admin",
        "https://acme.example@evil.example/clock/now",
        "https://user:pw@acme.example/clock/now",
        "https://acme.example.evil.example/clock/now",
        "https://acme.example:8443/clock/now",
        "https://xn--acme-9qa.example/clock/now",
        "https://acmé.example/clock/now",
        "//evil.example/clock/now",
        "/time/../admin",
        "/timeline",
    ] {
        assert_eq!(gate(refused), Err("refused"), "{refused}");
    }
}
