//! The page around the runs: the link, `skewcheck.json`, the verdict that waits for it, and
//! what is on screen — every decision the live page used to take in its component.

use super::*;
use crate::address::PageAddress;
use crate::estimate::Estimate;
use crate::measure::{Failure, Measurement, Phase, SourceFacts, setup_from};
use crate::outcomes::service_results;
use crate::sample::OffsetInterval;
use crate::site_config::{SiteFile, parse};
use crate::verdict::{AMAZON_S3, assess, service_by_id};

const PAGE: &str = "https://support.example/clock/";
const MONOTONIC_MS: f64 = 5_000.0;

/// The browser's URL resolver, as far as these tests need it.
fn resolve(reference: &str, base: &str) -> Option<String> {
    if reference.contains("://") {
        Some(reference.to_owned())
    } else {
        Some(format!("{base}{}", reference.trim_start_matches('/')))
    }
}

fn page(search: &str) -> PageAddress {
    PageAddress {
        href: PAGE.to_owned(),
        search: search.to_owned(),
        is_https: true,
    }
}

fn monitor_for(search: &str) -> LiveMonitor {
    let page = page(search);
    let early_start = !crate::site::link_names_endpoint(&page);
    LiveMonitor::for_page(
        setup_from(&page, &resolve),
        early_start,
        OPENED_MS,
        MONOTONIC_MS,
    )
}

/// The file `text`, merged with the link `search`.
fn file(search: &str, text: &str) -> (SiteFile, Result<crate::measure::Setup, Failure>) {
    let file = parse(text, true);
    let merged = crate::site::setup_with(&page(search), &file.config, &resolve);
    (file, merged)
}

/// A verdict for `monitor`'s service at `offset_ms`.
fn verdict(monitor: &LiveMonitor, offset_ms: f64) -> Phase {
    let interval = OffsetInterval::around(offset_ms, 20.0);
    let service = monitor.service().clone();
    Phase::Provisional(Box::new(Measurement {
        estimate: Estimate {
            interval,
            samples_agreeing: 1,
            samples_usable: 1,
            best_round_trip_ms: 40.0,
            consistent: true,
        },
        assessment: assess(&service, Some(interval)),
        services: service_results(&service, interval),
        service,
        source: SourceFacts {
            origin: None,
            url: PAGE.to_owned(),
        },
        compared_with: "support.example".to_owned(),
        requests: 1,
        cross_check: None,
        notice: None,
        zone_hint: None,
        cache: None,
        device_time_ms: OPENED_MS,
    }))
}

#[test]
fn a_verdict_before_the_file_waits_for_it_then_shows() {
    let mut monitor = monitor_for("");
    let start = monitor
        .begin(Reason::Fresh)
        .expect("the page's own origin starts at once");
    assert!(monitor.phase().is_measuring());
    let version = monitor.phase_version();
    let early = verdict(&monitor, 3_000.0);
    monitor.report(start.ticket, early.clone(), MONOTONIC_MS + 100.0);
    assert!(
        monitor.phase().is_measuring(),
        "held until the file is read"
    );
    assert_eq!(monitor.phase_version(), version, "nothing new on screen");
    assert_eq!(monitor.first_verdict_ms(), None);
    let (file, merged) = file("", "{}");
    assert_eq!(monitor.apply_site(file, merged, MONOTONIC_MS + 300.0), None);
    assert_eq!(monitor.phase(), &early);
    assert_eq!(
        monitor.phase_version(),
        version + 1,
        "the held verdict is new on screen"
    );
    assert_eq!(monitor.first_verdict_ms(), Some(300.0));
    assert!(monitor.lower_ready() && monitor.can_retry());
}

#[test]
fn a_file_that_changes_the_service_measures_again_for_it() {
    let mut monitor = monitor_for("");
    let start = monitor.begin(Reason::Fresh).expect("starts at once");
    let early = verdict(&monitor, 3_000.0);
    monitor.report(start.ticket, early, MONOTONIC_MS + 100.0);
    let (file, merged) = file("", r#"{"service": "kerberos"}"#);
    assert_eq!(
        monitor.apply_site(file, merged, MONOTONIC_MS + 300.0),
        Some(Reason::Fresh)
    );
    let kerberos = service_by_id("kerberos").expect("in the catalogue");
    assert_eq!(monitor.service(), kerberos);
    assert!(monitor.phase().is_measuring(), "the S3 verdict never shows");
    let again = monitor.begin(Reason::Fresh).expect("measures for Kerberos");
    assert_eq!(&again.setup.config.service, kerberos);
    assert!(!monitor.is_current(start.ticket));
}

#[test]
fn a_link_endpoint_waits_for_the_file_before_any_request() {
    let search = "?endpoint=https://time.example/now";
    let mut monitor = monitor_for(search);
    assert_eq!(
        monitor.begin(Reason::Fresh),
        None,
        "no request before allowed_endpoints"
    );
    assert!(!monitor.can_retry());
    let (file, merged) = file(search, "{}");
    assert_eq!(
        monitor.apply_site(file, merged, MONOTONIC_MS),
        Some(Reason::Fresh)
    );
    let start = monitor.begin(Reason::Fresh).expect("allowed: no list");
    assert_eq!(start.setup.source_url, "https://time.example/now");
}

#[test]
fn a_file_that_refuses_the_link_shows_why_and_measures_nothing() {
    let search = "?endpoint=https://evil.example/now";
    let mut monitor = monitor_for(search);
    let (file, merged) = file(
        search,
        r#"{"allowed_endpoints": ["https://time.example/"]}"#,
    );
    assert_eq!(monitor.apply_site(file, merged, MONOTONIC_MS), None);
    assert!(matches!(
        monitor.phase(),
        Phase::Failed(Failure::EndpointNotAllowed {
            parameter: "endpoint",
            ..
        })
    ));
    assert_eq!(monitor.begin(Reason::Fresh), None);
    assert!(!monitor.can_retry());
}

#[test]
fn a_bad_link_fails_at_once_and_draws_the_lower_sections() {
    let monitor = monitor_for("?endpoint=javascript:alert(1)");
    assert!(matches!(
        monitor.phase(),
        Phase::Failed(Failure::BadLink(_))
    ));
    assert!(monitor.lower_ready());
    assert_eq!(monitor.service(), &AMAZON_S3);
}

#[test]
fn live_mode_keeps_the_last_result_until_the_new_one_is_in() {
    let mut monitor = monitor_for("");
    let (file, merged) = file("", "{}");
    monitor.apply_site(file, merged, MONOTONIC_MS);
    let first = monitor.begin(Reason::Fresh).expect("starts");
    let shown = verdict(&monitor, 1_000.0);
    monitor.report(first.ticket, shown.clone(), MONOTONIC_MS + 50.0);
    let live = monitor
        .begin(Reason::Live)
        .expect("live mode measures again");
    assert_eq!(monitor.phase(), &shown, "no progress screen in live mode");
    monitor.report(live.ticket, Phase::starting(), MONOTONIC_MS + 60.0);
    assert_eq!(
        monitor.phase(),
        &shown,
        "plain progress is not shown in live mode"
    );
    monitor.report(
        first.ticket,
        verdict(&monitor, 9_000.0),
        MONOTONIC_MS + 70.0,
    );
    assert_eq!(
        monitor.phase(),
        &shown,
        "a superseded run's report is ignored"
    );
    let newer = verdict(&monitor, 1_200.0);
    monitor.report(live.ticket, newer.clone(), MONOTONIC_MS + 80.0);
    assert_eq!(monitor.phase(), &newer);
    assert_eq!(
        monitor.first_verdict_ms(),
        Some(50.0),
        "the first verdict only"
    );
}

/// Every way `skewcheck.json` can fail to be read, as the page's request for it ends.
fn unreadable_files() -> Vec<(&'static str, SiteFile)> {
    use crate::fetch::{FetchError, FetchErrorKind};
    let failed = |kind| {
        crate::site_config::read(
            Err(FetchError::new(
                "https://support.example/clock/skewcheck.json",
                kind,
            )),
            true,
        )
    };
    vec![
        ("a 503", failed(FetchErrorKind::Status(503))),
        ("the give-up time", failed(FetchErrorKind::TimedOut)),
        ("a body over the limit", failed(FetchErrorKind::TooLarge)),
        (
            "a network error",
            failed(FetchErrorKind::Unreachable {
                detail: "connection reset".to_owned(),
            }),
        ),
        ("malformed JSON", parse("{ \"allowed_endpoints\": [", true)),
        ("not an object", parse("[\"https://time.example/\"]", true)),
        (
            "an allowed_endpoints that is not a list",
            parse(r#"{"allowed_endpoints": "https://time.example/"}"#, true),
        ),
    ]
}

#[test]
fn an_unreadable_file_refuses_every_endpoint_a_link_names() {
    for search in [
        "?endpoint=https://time.example/now",
        "?endpoint2=https://time.example/now",
        "?endpoint=/time&endpoint2=/time2",
    ] {
        for (how, file) in unreadable_files() {
            let merged = crate::site::setup_with(&page(search), &file.config, &resolve);
            assert!(
                matches!(merged, Err(Failure::SettingsUnread { .. })),
                "{search}, file unreadable by {how}: {merged:?}"
            );
            let mut monitor = monitor_for(search);
            assert_eq!(
                monitor.apply_site(file, merged, MONOTONIC_MS),
                None,
                "{how}"
            );
            assert_eq!(monitor.begin(Reason::Fresh), None, "no request: {how}");
            let Phase::Failed(failure) = monitor.phase() else {
                panic!("{how}: {:?}", monitor.phase());
            };
            let words = crate::words::failure_words(failure);
            assert!(
                words
                    .message
                    .contains("could not read its owner's settings"),
                "{how}: {}",
                words.message
            );
        }
    }
}

#[test]
fn an_unreadable_file_still_measures_the_page_origin() {
    for (how, file) in unreadable_files() {
        let merged = crate::site::setup_with(&page(""), &file.config, &resolve);
        let setup = merged.unwrap_or_else(|failure| panic!("{how}: {failure:?}"));
        assert_eq!(setup.source_url, PAGE, "{how}");
    }
}

#[test]
fn no_file_still_means_no_list() {
    let search = "?endpoint=https://time.example/now";
    for (how, answer) in [
        ("a 404", Ok(None)),
        (
            "a host that answers every path with its page",
            Ok(Some("<!doctype html><title>app</title>".to_owned())),
        ),
    ] {
        let file = crate::site_config::read(answer, true);
        assert_eq!(file.notices, vec![], "{how}");
        let setup = crate::site::setup_with(&page(search), &file.config, &resolve)
            .unwrap_or_else(|failure| panic!("{how}: {failure:?}"));
        assert_eq!(setup.source_url, "https://time.example/now", "{how}");
    }
}
