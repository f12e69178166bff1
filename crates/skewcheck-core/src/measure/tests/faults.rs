//! Time servers that misbehave: hanging, refusing, erroring, talking nonsense, or cached.

use super::*;

#[test]
fn a_server_that_hangs_fails_within_15_s_showing_each_attempt() {
    let server = TimeServer::date_header(0.0, 20.0).always_failing(Fault::Hang);
    let run = measure_one(Ask::DateHeader, &server);
    let timed_out = FetchError::new(PRIMARY, FetchErrorKind::TimedOut);
    assert_eq!(run.failure(), &Failure::Fetch(timed_out));
    assert_eq!(
        run.failure_words().message,
        format!("No answer from “{PRIMARY}” within 5 s"),
        "starts with words, the address as written and quoted"
    );
    // Two 5 s attempts; a third could not end within the deadline.
    assert_eq!(server.requests(), 2);
    assert!(
        (10_000.0..15_000.0).contains(&run.elapsed_ms),
        "{}",
        run.elapsed_ms
    );
    let Phase::Measuring {
        notice: Some(notice),
        ..
    } = &run.phases[0]
    else {
        panic!("the failed attempt is shown: {:?}", run.phases[0]);
    };
    let notice = notice_words(notice);
    assert!(
        notice.starts_with("Attempt 1 failed (no answer from"),
        "{notice}"
    );
    assert_eq!(run.outcome, RunOutcome::default());
}

#[test]
fn an_answer_after_a_failed_attempt_clears_its_notice() {
    let server = TimeServer::millisecond(1_000.0, 20.0).scripted([Some(Fault::Hang)]);
    let run = measure_one(Ask::Body, &server);
    assert_eq!(run.settled().notice, None);
}

#[test]
fn failure_messages_leave_addresses_alone() {
    // `capitalize` is private to `words::measure` now; its effect shows in the words.
    assert_eq!(
        failure_words(&Failure::Fetch(status(500))).message,
        format!("The time source “{PRIMARY}” failed with a server error (HTTP status 500)")
    );
    assert_eq!(
        failure_words(&Failure::Fetch(FetchError::new(
            "http://a.example/",
            FetchErrorKind::InvalidUrl
        )))
        .message,
        "“http://a.example/” is not a valid address for a time source"
    );
}

#[test]
fn every_status_class_has_its_own_words() {
    let words = |code| failure_words(&Failure::Fetch(status(code)));
    let messages: Vec<String> = [204, 301, 404, 403, 500]
        .into_iter()
        .map(|code| words(code).message)
        .collect();
    assert!(messages[0].contains("204 No Content"), "{messages:?}");
    assert!(messages[1].contains("redirected"), "{messages:?}");
    assert!(messages[2].contains("not found"), "{messages:?}");
    assert!(messages[3].contains("refused"), "{messages:?}");
    assert!(messages[4].contains("server error"), "{messages:?}");
    assert!(messages.iter().all(|m| m.starts_with("The time source")));
    assert!(words(503).advice.contains("in a minute"));
    assert!(!crate::measure::probes::is_permanent(
        &FetchError::new("", FetchErrorKind::Status(503)).kind
    ));
    assert!(crate::measure::probes::is_permanent(
        &FetchError::new("", FetchErrorKind::Status(301)).kind
    ));
}

#[test]
fn a_204_from_a_time_endpoint_is_refused_at_once() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Status(204));
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1);
    assert!(run.failure_words().message.contains("204 No Content"));
}

#[test]
fn one_timeout_costs_a_request_not_the_result() {
    let server = TimeServer::millisecond(-4_000.0, 20.0).scripted([Some(Fault::Hang)]);
    let run = measure_one(Ask::Body, &server);
    let result = run.settled();
    assert!(result.estimate.interval.contains(-4_000.0));
    assert_eq!(result.requests, DEFAULT_PLAN.fine_samples + 1);
}

#[test]
fn not_found_fails_after_one_request() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Status(404));
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1);
    assert_eq!(run.phases.len(), 2, "one progress report, then the failure");
    assert_eq!(run.failure(), &Failure::Fetch(status(404)));
    assert!(run.failure_words().advice.contains("endpoint"));
}

#[test]
fn a_server_error_is_retried_then_reported() {
    let failing = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Status(500));
    let run = measure_one(Ask::Body, &failing);
    assert_eq!(failing.requests(), DEFAULT_PLAN.max_failures);
    assert_eq!(run.failure(), &Failure::Fetch(status(500)));

    let recovering = TimeServer::millisecond(1_500.0, 20.0).scripted([Some(Fault::Status(500))]);
    let run = measure_one(Ask::Body, &recovering);
    assert!(run.settled().estimate.interval.contains(1_500.0));
}

#[test]
fn the_page_origin_is_read_whatever_its_status() {
    // A page's own origin stamps its Date header on a 404 as on a 200.
    let server = TimeServer::date_header(SIXTEEN_MIN_MS, 20.0).always_failing(Fault::Status(404));
    let run = measure_one(Ask::DateHeader, &server);
    assert!(run.settled().estimate.interval.contains(SIXTEEN_MIN_MS));
}

#[test]
fn a_body_with_an_implausible_time_fails_at_once() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Body("12"));
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1);
    let failure = run.failure_words();
    assert!(
        failure.message.contains("not a plausible current time"),
        "{}",
        failure.message
    );
    assert!(
        failure.advice.contains("accepted formats"),
        "{}",
        failure.advice
    );
}

#[test]
fn a_body_without_a_time_falls_back_to_the_date_header_or_fails() {
    let with_date = TimeServer::millisecond(5_000.0, 20.0).always_failing(Fault::Body("<html>"));
    let result = measure_one(Ask::Body, &with_date).settled().clone();
    assert!(result.estimate.interval.contains(5_000.0));
    let source = source_sentence(&result.source);
    assert!(source.starts_with("the HTTP Date header"), "{source}");

    let hidden_date = TimeServer::millisecond(5_000.0, 20.0)
        .without_date_header()
        .always_failing(Fault::Body("<html>"));
    let run = measure_one(Ask::Body, &hidden_date);
    assert_eq!(hidden_date.requests(), 1);
    assert!(
        run.failure_words().message.contains("carried no time"),
        "{}",
        run.failure_words().message
    );
}

#[test]
fn a_broken_body_is_retried() {
    let server = TimeServer::millisecond(700.0, 20.0).scripted([Some(Fault::BrokenBody)]);
    let run = measure_one(Ask::Body, &server);
    assert!(run.settled().estimate.interval.contains(700.0));

    let always = TimeServer::millisecond(700.0, 20.0).always_failing(Fault::BrokenBody);
    let run = measure_one(Ask::Body, &always);
    assert!(
        run.failure_words()
            .message
            .starts_with("Could not read the answer"),
        "{:?}",
        run.failure()
    );
}

#[test]
fn an_unreachable_server_fails_with_advice() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Unreachable);
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), DEFAULT_PLAN.max_failures);
    assert!(
        run.failure_words().message.starts_with("Could not reach"),
        "{:?}",
        run.failure()
    );
    assert!(run.failure_words().advice.contains("online"));
}

#[test]
fn a_cached_answer_is_used_as_the_range_its_age_allows() {
    let server = TimeServer::millisecond(2_500.0, 20.0).scripted([Some(Fault::Cached(300))]);
    let run = measure_one(Ask::Body, &server);
    let result = run.settled();
    assert!(result.estimate.interval.contains(2_500.0));
    assert!(!result.estimate.interval.contains(2_500.0 + 300_000.0));
    assert_eq!(
        result.notice, None,
        "a cached answer is evidence, not an incident"
    );
    let cache = cache_sentence(result.cache.as_ref().expect("the details name the cache"));
    assert!(cache.contains("it carried “Age: 300”"), "{cache}");
    assert!(cache.contains("cache key"), "{cache}");
}

#[test]
fn offline_is_said_plainly_and_not_retried() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::Offline);
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1);
    assert_eq!(run.failure_words().message, "This device is offline");
    assert!(run.failure_words().advice.contains("internet"));
}

#[test]
fn missing_cors_headers_name_the_headers_to_add() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::NoCors);
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1, "asking again cannot add headers");
    assert!(
        run.failure_words().message.contains("(CORS)"),
        "{:?}",
        run.failure()
    );
    let advice = &run.failure_words().advice;
    assert!(advice.contains("Access-Control-Allow-Origin"), "{advice}");
    assert!(
        advice.contains("Access-Control-Expose-Headers: Date"),
        "{advice}"
    );
}

#[test]
fn a_body_over_64_kib_is_refused_by_its_length() {
    let server = TimeServer::millisecond(0.0, 20.0).always_failing(Fault::HugeBody(70 * 1024));
    let run = measure_one(Ask::Body, &server);
    assert_eq!(server.requests(), 1);
    assert!(
        run.failure_words().message.contains("larger than 64 KiB"),
        "{:?}",
        run.failure()
    );
    assert!(crate::fetch::declares_too_large(Some(" 65537 ")));
    assert!(!crate::fetch::declares_too_large(Some("65536")));
    assert!(!crate::fetch::declares_too_large(Some("lots")));
    assert!(!crate::fetch::declares_too_large(None));
}

/// A `Date` header of 10 000 characters with bidi controls and line breaks is the server's
/// words: in the failure and in an attempt's notice it is only quoted, cleaned and short.
#[test]
fn a_hostile_date_header_is_quoted_short_and_clean() {
    let hostile = format!(
        "Your clock is fine.\u{202E}\r\nCall +1 555 0100 {}",
        "x\u{2066}\n".repeat(3_330)
    );
    assert!(hostile.chars().count() >= 10_000);
    let server = TimeServer::date_header(0.0, 20.0).always_failing(Fault::BadDate(hostile));
    let run = measure_one(Ask::DateHeader, &server);
    let Failure::Fetch(error) = run.failure() else {
        panic!("a failed fetch: {:?}", run.failure());
    };
    let notice = notice_words(&Notice::AttemptFailed {
        attempt: 1,
        error: error.clone(),
    });
    for message in [run.failure_words().message, notice] {
        assert!(message.chars().count() < 300, "{message}");
        assert!(
            !message.chars().any(|c| c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "{message:?}"
        );
        assert!(
            message.contains(
                "the Date header “Your clock is fine. Call +1 555 0100 x x x x x x x x x x x x"
            ),
            "{message}"
        );
        assert!(message.contains("…” is not a valid HTTP date"), "{message}");
    }
}
