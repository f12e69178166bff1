//! The measurement driver against simulated time servers, on an injected clock.

use super::*;
use crate::clock::{DeviceClock, ManualClock};
use crate::config::parse_query;
use crate::fetch::{Ask, FetchError, FetchErrorKind};
use crate::plan::{DEFAULT_PLAN, PAGE_PLAN, Progress};
use crate::simulation::{Fault, START_MS, SimulatedNetwork, TimeServer};
use crate::verdict::Verdict;
use crate::words::{
    FailureWords, cache_sentence, cross_check_words, failure_words, measurement_explanation,
    notice_words, source_sentence,
};
use futures::executor::block_on;
use std::cell::RefCell;

mod caches;
mod early;
mod faults;
mod shared_origin;
mod sources;
mod timers;
mod volleys;
mod witness;

const PRIMARY: &str = "https://time.example/now";
const WITNESS: &str = "https://witness.example/now";
/// Sixteen minutes: beyond Amazon S3's fifteen.
const SIXTEEN_MIN_MS: f64 = 960_000.0;

fn setup(ask: Ask, witness: Option<&str>) -> Setup {
    Setup {
        config: parse_query("", false).expect("the default configuration"),
        source_url: PRIMARY.to_owned(),
        ask,
        cross_check_url: witness.map(str::to_owned),
        origin_witness_url: None,
    }
}

/// Everything one measurement reported.
struct Run {
    phases: Vec<Phase>,
    outcome: RunOutcome,
    nonces: Vec<u64>,
    elapsed_ms: f64,
}

impl Run {
    fn last(&self) -> &Phase {
        self.phases.last().expect("at least one phase")
    }

    /// The final measurement (fails the test if there is none).
    fn settled(&self) -> &Measurement {
        match self.last() {
            Phase::Settled(measurement) => measurement,
            other => panic!("expected a settled result, got {other:?}"),
        }
    }

    fn failure(&self) -> &Failure {
        match self.last() {
            Phase::Failed(failure) => failure,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    /// The failure in the page's words (fails the test if there is none).
    fn failure_words(&self) -> FailureWords {
        failure_words(self.failure())
    }

    /// Every phase before the last.
    fn on_the_way(&self) -> &[Phase] {
        &self.phases[..self.phases.len() - 1]
    }
}

fn measure(setup: &Setup, servers: &[(&'static str, &TimeServer)]) -> Run {
    measure_on(&ManualClock::starting_at(START_MS + 123.0), setup, servers)
}

/// One measurement on a clock the test prepared (e.g. with coarse timers).
fn measure_on(clock: &ManualClock, setup: &Setup, servers: &[(&'static str, &TimeServer)]) -> Run {
    measure_over(clock, setup, &SimulatedNetwork::new(clock, servers))
}

/// One measurement over a network the test prepared (e.g. with an early answer).
fn measure_over(clock: &ManualClock, setup: &Setup, network: &SimulatedNetwork) -> Run {
    let phases = RefCell::new(Vec::new());
    let outcome = block_on(run(setup, None, clock, network, |phase| {
        phases.borrow_mut().push(phase);
    }));
    Run {
        phases: phases.into_inner(),
        outcome,
        nonces: network.nonces(),
        elapsed_ms: clock.monotonic_ms(),
    }
}

fn status(status: u16) -> FetchError {
    FetchError::new(PRIMARY, FetchErrorKind::Status(status))
}

fn measure_one(ask: Ask, server: &TimeServer) -> Run {
    measure(&setup(ask, None), &[(PRIMARY, server)])
}

#[test]
fn a_millisecond_endpoint_shows_its_verdict_at_once_then_refines() {
    let server = TimeServer::millisecond(3_000.0, 20.0).with_legs(8.0, 12.0);
    let run = measure_one(Ask::Body, &server);
    let Phase::Provisional(first) = &run.phases[0] else {
        panic!("3 s against 15 min needs one answer: {:?}", run.phases[0]);
    };
    assert_eq!((first.assessment.verdict, first.requests), (Verdict::Ok, 1));
    assert!(run.on_the_way().iter().all(Phase::is_refining));
    let result = run.settled();
    assert!(
        result.estimate.interval.contains(3_000.0),
        "{:?}",
        result.estimate
    );
    assert!(result.estimate.uncertainty_ms() <= 10.0 + 2.0 + 1.0);
    assert_eq!(result.requests, DEFAULT_PLAN.fine_samples);
    assert_eq!(server.requests(), DEFAULT_PLAN.fine_samples);
    assert_eq!(
        source_sentence(&result.source),
        format!("epoch milliseconds in the body of {PRIMARY}")
    );
    // The endpoint's own Date header is a second witness, and it agrees.
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Agree);
    assert_eq!(
        cross_check_words(check).witness,
        "the endpoint's own Date header"
    );
    assert_eq!(run.outcome.interval, Some(result.estimate.interval));
    assert!(!run.outcome.clock_changed);
}

#[test]
fn a_date_header_source_shows_the_verdict_at_once_then_bisects() {
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 20.0);
    let run = measure_one(Ask::DateHeader, &server);
    let Phase::Provisional(first) = &run.phases[0] else {
        panic!("16 min fast needs one answer: {:?}", run.phases[0]);
    };
    assert_eq!(first.assessment.verdict, Verdict::Rejected);
    assert!(
        first.estimate.uncertainty_ms() > 500.0,
        "one Date header: about a second"
    );
    let result = run.settled();
    assert_eq!(result.assessment.verdict, Verdict::Rejected);
    assert!(result.estimate.interval.contains(SIXTEEN_MIN_MS));
    assert!(result.estimate.uncertainty_ms() <= 10.0 + DEFAULT_PLAN.convergence_slack_ms);
    assert!(result.requests <= DEFAULT_PLAN.max_requests);
    assert_eq!(
        result.cross_check, None,
        "a Date header has no second witness"
    );
}

#[test]
fn a_verdict_near_the_limit_waits_for_the_final_number() {
    // 14.5 minutes fast: "warning" could still change as the interval narrows.
    let server = TimeServer::date_header(870_000.0, 20.0);
    let run = measure_one(Ask::DateHeader, &server);
    assert!(
        run.on_the_way().iter().all(Phase::is_measuring),
        "{:?}",
        run.phases
    );
    let progress: Vec<usize> = run
        .on_the_way()
        .iter()
        .filter_map(|phase| match phase {
            Phase::Measuring { progress, .. } => Some(progress.requests),
            _ => None,
        })
        .collect();
    assert_eq!(progress, (1..=progress.len()).collect::<Vec<_>>());
    assert_eq!(run.settled().assessment.verdict, Verdict::Warning);
}

#[test]
fn every_request_carries_its_own_nonce() {
    let server = TimeServer::date_header(1_234.0, 30.0);
    let run = measure_one(Ask::DateHeader, &server);
    let mut nonces = run.nonces.clone();
    nonces.sort_unstable();
    nonces.dedup();
    assert_eq!(nonces.len(), server.requests());
    assert_eq!(run.nonces.len(), run.settled().requests);
}

#[test]
fn a_second_endpoint_that_agrees_confirms_the_result() {
    let primary = TimeServer::millisecond(2_000.0, 20.0);
    let witness = TimeServer::millisecond(2_000.0, 60.0);
    let run = measure(
        &setup(Ask::Body, Some(WITNESS)),
        &[(PRIMARY, &primary), (WITNESS, &witness)],
    );
    // Until the witness has spoken, no verdict is shown.
    assert!(run.on_the_way().iter().all(Phase::is_measuring));
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    let words = cross_check_words(check);
    assert_eq!(
        (check.outcome(), words.witness.as_str()),
        (CrossCheckOutcome::Agree, format!("“{WITNESS}”").as_str())
    );
    assert_eq!(check.outcome_name(), "agree");
    assert!(result.estimate.consistent && result.estimate.interval.contains(2_000.0));
    assert_eq!(result.assessment.verdict, Verdict::Ok);
    assert_eq!(witness.requests(), DEFAULT_PLAN.fine_samples);
    // The cross-check's sentence is shown beside the explanation (it used to be appended
    // to it as its last sentence): it is no longer part of the explanation's own words.
    let explanation = measurement_explanation(result);
    assert_eq!(
        explanation,
        crate::words::explain(&result.service, &result.estimate, &result.assessment)
    );
    assert!(
        !explanation.sentences.contains(&words.sentence),
        "{explanation:?}"
    );
    // The primary's own Date header stays a witness beside the second endpoint.
    assert_eq!(
        words.sentence,
        format!(
            "Cross-check: “{WITNESS}” agrees. Cross-check: the endpoint's own Date header agrees."
        )
    );
}

#[test]
fn a_second_endpoint_that_disagrees_widens_the_result_to_both() {
    let primary = TimeServer::millisecond(2_000.0, 20.0);
    let witness = TimeServer::millisecond(2_000.0 + 3_600_000.0, 20.0);
    let run = measure(
        &setup(Ask::Body, Some(WITNESS)),
        &[(PRIMARY, &primary), (WITNESS, &witness)],
    );
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Disagree);
    assert!(
        check.gap_ms().is_some_and(|gap| gap > 3_500_000.0),
        "{check:?}"
    );
    let interval = result.estimate.interval;
    assert!(interval.contains(2_000.0) && interval.contains(3_602_000.0));
    assert!(!result.estimate.consistent);
    assert_ne!(result.assessment.verdict, Verdict::Ok);
}

#[test]
fn a_second_endpoint_that_fails_is_reported_unavailable() {
    let primary = TimeServer::millisecond(2_000.0, 20.0);
    let witness = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Status(404));
    let run = measure(
        &setup(Ask::Body, Some(WITNESS)),
        &[(PRIMARY, &primary), (WITNESS, &witness)],
    );
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(
        (check.outcome(), check.gap_ms()),
        (CrossCheckOutcome::Unavailable, None)
    );
    assert_eq!(
        cross_check_words(check).sentence,
        format!(
            "Cross-check with “{WITNESS}” was not possible: the time source “{WITNESS}” does not exist (HTTP status 404, not found). Cross-check: the endpoint's own Date header agrees."
        )
    );
    assert_eq!(witness.requests(), 1, "a 404 is not retried");
    assert!(result.estimate.consistent && result.estimate.interval.contains(2_000.0));
    assert_eq!(result.assessment.verdict, Verdict::Ok);
}

#[test]
fn a_hanging_second_endpoint_is_unavailable_after_its_timeouts() {
    let primary = TimeServer::millisecond(2_000.0, 20.0);
    let witness = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Hang);
    let run = measure(
        &setup(Ask::Body, Some(WITNESS)),
        &[(PRIMARY, &primary), (WITNESS, &witness)],
    );
    let check = run.settled().cross_check.clone().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Unavailable);
    let sentence = cross_check_words(&check).sentence;
    assert!(
        sentence.contains("no answer from “https://witness.example/now” within 5 s"),
        "{sentence}"
    );
    assert_eq!(witness.requests(), DEFAULT_PLAN.max_failures);
}

#[test]
fn a_date_header_that_disagrees_with_the_body_holds_the_verdict_back() {
    // The body is right, the Date header an hour ahead: a time-zone bug on the server.
    let server = TimeServer::millisecond(3_000.0, 20.0).with_header_ahead(3_600_000.0);
    let run = measure_one(Ask::Body, &server);
    assert!(
        run.on_the_way().iter().all(Phase::is_measuring),
        "{:?}",
        run.phases
    );
    let result = run.settled();
    let check = result.cross_check.as_ref().expect("a cross-check");
    assert_eq!(check.outcome(), CrossCheckOutcome::Disagree);
    assert_eq!(
        cross_check_words(check).witness,
        "the endpoint's own Date header"
    );
    assert!(result.estimate.interval.contains(3_000.0));
    assert!(result.estimate.interval.contains(3_000.0 - 3_600_000.0));
}

#[test]
fn a_clock_set_during_the_measurement_starts_it_over_and_says_so() {
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 20.0).scripted([
        None,
        None,
        Some(Fault::StepClock(-SIXTEEN_MIN_MS)),
    ]);
    let run = measure_one(Ask::DateHeader, &server);
    let notice = "Your clock just changed by 16 min — checking again.";
    assert!(
        matches!(&run.phases[0], Phase::Provisional(m) if m.assessment.verdict == Verdict::Rejected)
    );
    // The old verdict is withdrawn and the new clock measured from scratch.
    let Phase::Measuring {
        progress,
        notice: shown,
    } = &run.phases[2]
    else {
        panic!("measuring again: {:?}", run.phases[2]);
    };
    assert_eq!(
        (*progress, shown.as_ref().map(notice_words).as_deref()),
        (
            Progress {
                requests: 0,
                budget: DEFAULT_PLAN.max_requests
            },
            Some(notice)
        )
    );
    let result = run.settled();
    assert_eq!(
        result.notice.as_ref().map(notice_words).as_deref(),
        Some(notice)
    );
    assert!(
        result.estimate.interval.contains(0.0),
        "{:?}",
        result.estimate
    );
    assert_eq!(result.assessment.verdict, Verdict::Ok);
    assert!(result.requests > 3 && result.requests <= 3 * DEFAULT_PLAN.max_requests);
    assert!(run.outcome.clock_changed);
}

#[test]
fn the_result_carries_the_device_time_it_was_concluded_at() {
    let server = TimeServer::millisecond(3_000.0, 20.0);
    let run = measure_one(Ask::Body, &server);
    let result = run.settled();
    let device_now = START_MS + 123.0 + run.elapsed_ms;
    assert_eq!(result.device_time_ms, device_now);
    assert!((result.reference_time_ms() - (device_now - 3_000.0)).abs() <= 2.0);
}

#[test]
fn failure_messages_start_with_a_capital_but_addresses_and_quotes_stay_as_they_are() {
    // `capitalize` is private to `words::measure` now; what it does shows in the failures'
    // words. (No message starts with an address or is empty, so those cases cannot show.)
    let fetch =
        |url: &str, kind| failure_words(&Failure::Fetch(FetchError::new(url, kind))).message;
    assert_eq!(
        fetch(
            "https://time.example/",
            FetchErrorKind::Unreachable {
                detail: "connection refused".to_owned()
            }
        ),
        "Could not reach “https://time.example/” (connection refused)"
    );
    assert_eq!(
        fetch("x", FetchErrorKind::InvalidUrl),
        "“x” is not a valid address for a time source"
    );
    assert_eq!(
        failure_words(&Failure::BadLink(crate::config::ConfigError::EmptyEndpoint)).message,
        "The link's “endpoint” parameter is empty"
    );
}
