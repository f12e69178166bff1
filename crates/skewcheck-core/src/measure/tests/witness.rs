//! A link must not make a stranger's clock the judge: the page's own origin witnesses any
//! time source elsewhere, a second source on the same site confirms nothing, and no
//! redirect is followed, so no address the link does not name is ever asked.

use super::*;

/// The page's own address: its `Date` header is the witness.
const PAGE: &str = "https://support.example/clock/?endpoint=x";
/// Three hours: a stranger's clock far behind.
const THREE_HOURS_MS: f64 = 10_800_000.0;

fn with_origin_witness(cross_check: Option<&str>) -> Setup {
    Setup {
        origin_witness_url: Some(PAGE.to_owned()),
        ..setup(Ask::Body, cross_check)
    }
}

#[test]
fn a_page_origin_that_agrees_leaves_the_verdict_alone() {
    let stranger = TimeServer::millisecond(3_000.0, 20.0);
    let page = TimeServer::date_header(3_000.0, 20.0);
    let run = measure(
        &with_origin_witness(None),
        &[(PRIMARY, &stranger), (PAGE, &page)],
    );
    // Until the page's own origin has spoken, no verdict is shown.
    assert!(run.on_the_way().iter().all(Phase::is_measuring));
    let result = run.settled();
    assert_eq!(result.assessment.verdict, Verdict::Ok);
    assert!(result.estimate.consistent && result.estimate.interval.contains(3_000.0));
    assert!(
        result.estimate.uncertainty_ms() <= 13.0,
        "{:?}",
        result.estimate
    );
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Agree);
    assert!(
        cross_check_words(check)
            .sentence
            .contains("this page's own server (support.example) agrees")
    );
    assert_eq!(result.compared_with, "time.example");
    assert!((1..=4).contains(&page.requests()), "{}", page.requests());
}

#[test]
fn a_stranger_hours_off_is_a_disagreement_never_a_rejection() {
    // The device is right; the stranger's clock (body and Date header) is 3 h behind.
    let stranger = TimeServer::millisecond(THREE_HOURS_MS, 20.0);
    let page = TimeServer::date_header(0.0, 20.0);
    let run = measure(
        &with_origin_witness(None),
        &[(PRIMARY, &stranger), (PAGE, &page)],
    );
    assert!(run.phases.iter().all(|p| p.verdict() != Verdict::Rejected));
    assert!(run.on_the_way().iter().all(Phase::is_measuring));
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Disagree);
    let words = cross_check_words(check);
    assert_eq!(
        words.witness,
        "the Date header of this page's own server (support.example)"
    );
    assert!(
        words
            .sentence
            .contains("disagrees by at least 3 h with time.example"),
        "{}",
        words.sentence
    );
    assert_eq!(result.assessment.verdict, Verdict::Warning);
    assert!(
        result.estimate.interval.contains(0.0) && result.estimate.interval.contains(THREE_HOURS_MS)
    );
    assert_eq!(
        result.zone_hint, None,
        "no time-zone advice on a stranger's word"
    );
    let explanation = measurement_explanation(result);
    assert_eq!(explanation.error_seen, None);
    assert_eq!(explanation.headline, "The time sources disagree");
    let fix = explanation.fix.as_deref().unwrap_or_default();
    assert!(
        fix.starts_with("Do not change this device's clock or time zone"),
        "{fix}"
    );
    assert!(fix.contains("whoever sent the link"), "{fix}");
}

#[test]
fn a_disagreement_is_a_warning_even_when_both_sources_see_a_clock_far_off() {
    // The device is 20 min fast; the stranger, 3 h behind, makes it look 3 h 20 min fast.
    let stranger = TimeServer::millisecond(1_200_000.0 + THREE_HOURS_MS, 20.0);
    let page = TimeServer::date_header(1_200_000.0, 20.0);
    let run = measure(
        &with_origin_witness(None),
        &[(PRIMARY, &stranger), (PAGE, &page)],
    );
    let result = run.settled();
    assert_eq!(
        result.cross_check.as_ref().map(CrossCheck::outcome),
        Some(CrossCheckOutcome::Disagree)
    );
    assert_eq!(result.assessment.verdict, Verdict::Warning);
    // Every service's verdict in the list (and so in the report) follows suit.
    assert!(
        result
            .services
            .iter()
            .all(|service| service.verdict == Verdict::Warning),
        "{:?}",
        result.services
    );
}

#[test]
fn a_second_source_on_the_same_site_is_not_independent() {
    // The stranger's second endpoint agrees with it: that proves nothing.
    let stranger = TimeServer::millisecond(THREE_HOURS_MS, 20.0);
    let same_site = TimeServer::millisecond(THREE_HOURS_MS, 20.0);
    let page = TimeServer::date_header(0.0, 20.0);
    const SAME_SITE: &str = "https://api.time.example/now";
    let run = measure(
        &with_origin_witness(Some(SAME_SITE)),
        &[(PRIMARY, &stranger), (SAME_SITE, &same_site), (PAGE, &page)],
    );
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Disagree, "{check:?}");
    let sentence = cross_check_words(check).sentence;
    assert!(sentence.contains(&format!("Cross-check: “{SAME_SITE}” agrees, but it runs on the same site as the time source (time.example), so it is not an independent witness")), "{sentence}");
    assert_eq!(result.assessment.verdict, Verdict::Warning);

    // Without another witness, the same-site agreement is reported, with its caveat.
    let run = measure(
        &setup(Ask::Body, Some(SAME_SITE)),
        &[(PRIMARY, &stranger), (SAME_SITE, &same_site)],
    );
    let check = run.settled().cross_check.clone().expect("a cross-check");
    let sentence = cross_check_words(&check).sentence;
    assert!(
        sentence.contains("not an independent witness"),
        "{sentence}"
    );
}

#[test]
fn a_witness_on_another_site_is_independent() {
    let primary = TimeServer::millisecond(2_000.0, 20.0);
    let other = TimeServer::millisecond(2_000.0, 20.0);
    let run = measure(
        &setup(Ask::Body, Some(WITNESS)),
        &[(PRIMARY, &primary), (WITNESS, &other)],
    );
    let check = run.settled().cross_check.clone().expect("a cross-check");
    assert_eq!(
        cross_check_words(&check).sentence,
        format!(
            "Cross-check: “{WITNESS}” agrees. Cross-check: the endpoint's own Date header agrees."
        )
    );
}

/// The words for a redirect of `PRIMARY`, the same wherever it leads.
const REDIRECT_MESSAGE: &str = "answered with a redirect; this page does not follow a time source's redirects, so it never asks an address the link does not name";

/// `to` redirects `PRIMARY` there: the measurement fails after one request, with the redirect
/// message, and `to` is never asked.
fn assert_redirect_refused(ask: Ask, to: &'static str) {
    let redirecting = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::RedirectTo(to));
    let target = TimeServer::millisecond(THREE_HOURS_MS, 20.0);
    let run = measure(&setup(ask, None), &[(PRIMARY, &redirecting), (to, &target)]);
    let failure = run.failure_words();
    assert_eq!(
        failure.message,
        format!("The time source “{PRIMARY}” {REDIRECT_MESSAGE}")
    );
    assert!(
        failure.advice.contains("final address"),
        "{}",
        failure.advice
    );
    assert_eq!(redirecting.requests(), 1, "a redirect is not retried");
    assert_eq!(target.requests(), 0, "the redirect is never followed");
    assert!(run.phases.iter().all(|p| p.verdict() == Verdict::Unknown));
}

#[test]
fn a_redirect_to_another_site_is_refused_and_never_followed() {
    assert_redirect_refused(Ask::Body, "https://elsewhere.example/now");
    assert_redirect_refused(Ask::Timesync, "https://elsewhere.example/timesync");
}

#[test]
fn a_redirect_within_the_origin_is_refused_too() {
    assert_redirect_refused(Ask::Body, "https://time.example/moved");
    // The page's own origin too: its `HEAD` reads any status, but not a redirect's.
    assert_redirect_refused(Ask::DateHeader, "https://time.example/moved");
}
