//! Two bodies a link chose on the page's own (shared) origin never decide alone: the
//! page origin's `Date` header and each body's own `Date` header stay witnesses.

use super::*;
use crate::address::PageAddress;
use crate::site_config::parse;

/// The page, on an origin others can serve paths of.
const PAGE: &str = "https://shared.example/team/clock/";
const BODY: &str = "https://shared.example/users/mallory/time";
const BODY2: &str = "https://shared.example/users/mallory/time2";
/// The link, and the page's address with it.
const LINK: &str = "?endpoint=/users/mallory/time&endpoint2=/users/mallory/time2";
const PAGE_WITH_LINK: &str = "https://shared.example/team/clock/?endpoint=/users/mallory/time&endpoint2=/users/mallory/time2";
/// Twenty minutes: far beyond Amazon S3's fifteen.
const TWENTY_MIN_MS: f64 = 1_200_000.0;

fn resolve(reference: &str, base: &str) -> Option<String> {
    let origin = "https://shared.example";
    match reference {
        r if r.starts_with("https://") => Some(r.to_owned()),
        r if r.starts_with('/') => Some(format!("{origin}{r}")),
        r => Some(format!("{base}{r}")),
    }
}

fn setup_for(search: &str, file: &str) -> Setup {
    let page = PageAddress {
        href: format!("{PAGE}{search}"),
        search: search.to_owned(),
        is_https: true,
    };
    crate::site::setup_with(&page, &parse(file, true).config, &resolve).expect("a setup")
}

/// A body 20 minutes ahead of the truth, under a true `Date` header.
fn lying_body() -> TimeServer {
    TimeServer::millisecond(-TWENTY_MIN_MS, 20.0).with_header_ahead(TWENTY_MIN_MS)
}

#[test]
fn two_same_origin_bodies_twenty_minutes_off_under_a_true_date_are_a_warning() {
    assert_eq!(format!("{PAGE}{LINK}"), PAGE_WITH_LINK);
    let setup = setup_for(LINK, "{}");
    assert_eq!(setup.source_url, BODY);
    assert_eq!(setup.cross_check_url.as_deref(), Some(BODY2));
    assert_eq!(
        setup.origin_witness_url.as_deref(),
        Some(PAGE_WITH_LINK),
        "a body the link chose is witnessed by the page's origin, same origin or not"
    );
    let (first, second) = (lying_body(), lying_body());
    let page = TimeServer::date_header(0.0, 20.0);
    let run = measure(
        &setup,
        &[(BODY, &first), (BODY2, &second), (PAGE_WITH_LINK, &page)],
    );
    for phase in &run.phases {
        assert!(
            !matches!(phase.verdict(), Verdict::Ok | Verdict::Rejected),
            "{phase:?}"
        );
    }
    let result = run.settled();
    assert_eq!(result.assessment.verdict, Verdict::Warning);
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Disagree);
    assert!(page.requests() >= 1, "the page origin was asked");
}

#[test]
fn the_deployments_own_same_origin_endpoint_needs_no_page_witness() {
    // The owner chose it in skewcheck.json: no stranger shaped it.
    let setup = setup_for("", r#"{"endpoint": "/time"}"#);
    assert_eq!(setup.source_url, "https://shared.example/time");
    assert_eq!(setup.origin_witness_url, None);
    // The same endpoint named by a link is witnessed.
    let setup = setup_for("?endpoint=/time", "{}");
    assert!(setup.origin_witness_url.is_some());
}

#[test]
fn the_page_origin_is_heard_while_the_source_is_measured_not_after() {
    let source = TimeServer::millisecond(2_000.0, 40.0);
    let page = TimeServer::date_header(2_000.0, 40.0);
    let alone = measure(&setup(Ask::Body, None), &[(PRIMARY, &source)]);
    let witnessed = Setup {
        origin_witness_url: Some(PAGE_WITH_LINK.to_owned()),
        ..setup(Ask::Body, None)
    };
    let source = TimeServer::millisecond(2_000.0, 40.0);
    let run = measure(&witnessed, &[(PRIMARY, &source), (PAGE_WITH_LINK, &page)]);
    assert_eq!(run.settled().assessment.verdict, Verdict::Ok);
    assert!(page.requests() >= 2, "{}", page.requests());
    // Heard one after the other, the witness's Date-header probes (about a second each, to
    // catch its tick) would add seconds; heard alongside, at most one round trip or so.
    assert!(
        run.elapsed_ms <= alone.elapsed_ms.max(witness_alone_ms()) + 100.0,
        "witnessed {} ms, source alone {} ms, witness alone {} ms",
        run.elapsed_ms,
        alone.elapsed_ms,
        witness_alone_ms()
    );
}

/// How long the page origin takes to be heard on its own.
fn witness_alone_ms() -> f64 {
    let page = TimeServer::date_header(2_000.0, 40.0);
    let clock = crate::clock::ManualClock::starting_at(START_MS + 123.0);
    let network = SimulatedNetwork::new(&clock, &[(PAGE_WITH_LINK, &page)]);
    block_on(crate::measure::probes::measure_quietly(
        &clock,
        &network,
        PAGE_WITH_LINK,
        Ask::DateHeader,
        crate::measure::probes::WITNESS_PLAN,
    ))
    .expect("the page origin answers");
    clock.monotonic_ms()
}
