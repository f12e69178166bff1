//! Behind a web host's cache (CloudFront's default policy leaves the query string out of
//! the cache key, so every cache-busted request is a hit): cached answers are evidence.

use super::*;

const TWENTY_MIN_MS: f64 = 1_200_000.0;

fn behind(fault: Fault, offset_ms: f64) -> Run {
    let server = TimeServer::date_header(offset_ms, 20.0).always_failing(fault);
    measure_one(Ask::DateHeader, &server)
}

/// The settled result behind `fault` for a device `offset_ms` off: `expected`, with the
/// truth inside and the cache named.
fn assert_verdict_behind(fault: &Fault, offset_ms: f64, expected: Verdict) -> Run {
    let run = behind(fault.clone(), offset_ms);
    let result = run.settled();
    assert_eq!(result.assessment.verdict, expected, "{offset_ms}");
    assert!(
        result.estimate.interval.contains(offset_ms),
        "{:?}",
        result.estimate
    );
    assert!(result.cache.is_some(), "the details name the cache");
    run
}

fn verdicts(run: &Run) -> Vec<Verdict> {
    run.phases.iter().map(Phase::verdict).collect()
}

#[test]
fn cloudfront_with_age_30_s_still_decides_clear_cases() {
    for (offset_ms, expected) in [(TWENTY_MIN_MS, Verdict::Rejected), (3_000.0, Verdict::Ok)] {
        let run = assert_verdict_behind(&Fault::Cached(30), offset_ms, expected);
        let result = run.settled();
        // Served within [Date, Date + 31 s]: the interval spans about half a minute.
        assert!(
            result.estimate.uncertainty_ms() < 17_000.0,
            "{:?}",
            result.estimate
        );
        let cache = cache_sentence(result.cache.as_ref().expect("the details name the cache"));
        assert!(cache.contains("Age: 30"), "{cache}");
    }
}

#[test]
fn a_cache_that_rewrites_date_with_age_gives_the_right_verdict() {
    for (offset_ms, expected) in [
        (-TWENTY_MIN_MS, Verdict::Rejected),
        (-3_000.0, Verdict::Ok),
        (14.5 * 60_000.0, Verdict::Warning),
    ] {
        assert_verdict_behind(&Fault::CachedRewritten(30), offset_ms, expected);
    }
}

#[test]
fn a_copy_two_hours_old_is_never_ok_or_rejected() {
    // Served within [Date, Date + 2 h]: for a clock 3 s fast or 3 s slow the interval runs
    // from about right to two hours fast, across S3's 15 min limit: it cannot tell.
    for offset_ms in [3_000.0, 0.0, -3_000.0] {
        let run = behind(Fault::Cached(7_200), offset_ms);
        let seen = verdicts(&run);
        assert!(
            seen.iter()
                .all(|v| !matches!(v, Verdict::Ok | Verdict::Rejected)),
            "{offset_ms}: {seen:?}"
        );
        let result = run.settled();
        assert_eq!(result.assessment.verdict, Verdict::Warning);
        assert!(result.estimate.interval.contains(offset_ms));
        assert_eq!(
            result.zone_hint, None,
            "two hours of doubt is no time-zone mistake"
        );
        assert!(
            result
                .cache
                .as_ref()
                .map(cache_sentence)
                .is_some_and(|c| c.contains("Age: 7200"))
        );
    }
}

#[test]
fn a_frozen_copy_without_age_is_an_error_naming_the_cache() {
    let run = behind(Fault::Frozen, 3_000.0);
    let failure = run.failure_words();
    assert!(failure.message.contains("web host's cache"), "{failure:?}");
    assert!(failure.advice.contains("cache key"), "{failure:?}");
    assert!(
        !run.phases
            .iter()
            .any(|phase| phase.verdict() == Verdict::Rejected),
        "a frozen copy of the right time never condemns the clock"
    );
}

#[test]
fn a_frozen_copy_hours_old_is_never_ok() {
    // Without Age, the first copy looks fresh; once time moves on it is caught and dropped.
    let server = TimeServer::date_header(3_000.0, 20.0).always_failing(Fault::Frozen);
    server.freeze_copy_aged(2.0 * 3_600_000.0);
    let run = measure_one(Ask::DateHeader, &server);
    assert!(matches!(run.last(), Phase::Failed(_)), "{:?}", run.last());
}
