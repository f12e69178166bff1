//! Words for durations, offsets, tolerances and verdicts.

use super::*;

use crate::drift::Drift;
use crate::estimate::Estimate;
use crate::outcomes::{listed_services, service_results};
use crate::sample::OffsetInterval;
use crate::verdict::{AMAZON_S3, Limit, SERVICES, Service, Tolerance, Verdict, assess};

fn estimate(offset_ms: f64, uncertainty_ms: f64) -> Estimate {
    Estimate {
        interval: OffsetInterval::around(offset_ms, uncertainty_ms),
        samples_agreeing: 1,
        samples_usable: 1,
        best_round_trip_ms: 2.0 * uncertainty_ms,
        consistent: true,
    }
}

#[test]
fn durations_read_naturally() {
    let cases = [
        (0.0, "0 ms"),
        (450.4, "450 ms"),
        (-999.4, "999 ms"),
        (999.6, "1.0 s"),
        (3_210.0, "3.2 s"),
        (9_960.0, "10 s"),
        (42_000.0, "42 s"),
        (59_600.0, "1 min"),
        (900_000.0, "15 min"),
        (972_000.0, "16 min 12 s"),
        (-935_000.0, "15 min 35 s"),
        (3_600_000.0, "1 h"),
        (7_500_000.0, "2 h 5 min"),
        (90_000_000.0, "1 d 1 h"),
        (f64::NAN, "an unknown time"),
    ];
    for (ms, words) in cases {
        assert_eq!(duration_words(ms), words, "{ms}");
    }
}

#[test]
fn offset_phrase_says_fast_slow_or_within() {
    assert_eq!(
        offset_phrase(&estimate(972_000.0, 400.0)),
        "16 min 12 s fast"
    );
    assert_eq!(offset_phrase(&estimate(-3_000.0, 400.0)), "3.0 s slow");
    assert_eq!(
        offset_phrase(&estimate(-300.0, 400.0)),
        "right to within 400 ms"
    );
}

#[test]
fn tolerance_words_cover_both_shapes() {
    assert_eq!(tolerance_words(&AMAZON_S3.tolerance), "15 min either way");
    let lopsided = Tolerance {
        ahead: Some(Limit::documented(300_000)),
        behind: Some(Limit::documented(900_000)),
    };
    assert_eq!(tolerance_words(&lopsided), "5 min fast or 15 min slow");
    let tls = crate::verdict::service_by_id("tls").unwrap();
    assert_eq!(
        tolerance_words(&tls.tolerance),
        "typically 1 h slow (being fast does not matter)"
    );
    let google = crate::verdict::service_by_id("google-oauth").unwrap();
    assert_eq!(
        tolerance_words(&google.tolerance),
        "typically 5 min fast or 1 h slow"
    );
}

#[test]
fn rejected_explanation_quotes_the_exact_s3_error() {
    let measured = estimate(972_000.0, 400.0);
    let assessment = assess(&AMAZON_S3, Some(measured.interval));
    let text = explain(&AMAZON_S3, &measured, &assessment);
    assert_eq!(text.headline, "Amazon S3 will refuse this device");
    assert!(text.sentences[0].contains("16 min 12 s fast"));
    assert!(text.sentences[1].contains("15 min either way"));
    assert!(text.sentences[2].contains("1 min 12 s beyond"));
    let error = text.error_seen.unwrap();
    assert!(error.contains("RequestTimeTooSkewed"));
    assert!(
        error
            .contains("The difference between the request time and the current time is too large.")
    );
    assert!(text.fix.is_some());
}

#[test]
fn ok_explanation_states_room_left_and_no_error() {
    let measured = estimate(3_000.0, 300.0);
    let assessment = assess(&AMAZON_S3, Some(measured.interval));
    let text = explain(&AMAZON_S3, &measured, &assessment);
    assert_eq!(text.headline, "Clock OK for Amazon S3");
    assert!(
        text.sentences[2].contains("14 min 57 s"),
        "{:?}",
        text.sentences
    );
    assert_eq!(text.error_seen, None);
    assert_eq!(text.fix, None);
}

#[test]
fn service_lines_name_the_error_of_the_direction_that_fails() {
    use crate::verdict::service_by_id;
    let kerberos = service_by_id("kerberos").unwrap();
    let fast = estimate(420_000.0, 500.0);
    let line = service_line(kerberos, &assess(kerberos, Some(fast.interval)));
    assert!(line.starts_with("2 min 1 s beyond the limit"), "{line}");
    assert!(line.contains("KRB_AP_ERR_SKEW"), "{line}");
    let aws = service_by_id("aws").unwrap();
    let slow = estimate(-420_000.0, 500.0);
    assert!(service_line(aws, &assess(aws, Some(slow.interval))).contains("Signature expired"));
    let fast_aws = service_line(aws, &assess(aws, Some(fast.interval)));
    assert!(fast_aws.contains("Signature not yet current"), "{fast_aws}");
    let fine = estimate(1_000.0, 100.0);
    assert_eq!(
        service_line(&AMAZON_S3, &assess(&AMAZON_S3, Some(fine.interval))),
        "14 min 59 s to spare"
    );
}

#[test]
fn every_service_is_listed_once_primary_first() {
    let kerberos = crate::verdict::service_by_id("kerberos").unwrap();
    let results = service_results(kerberos, OffsetInterval::around(360_000.0, 500.0));
    assert_eq!(results.len(), SERVICES.len());
    assert_eq!(results[0].id, "kerberos");
    assert_eq!(results[0].verdict, Verdict::Rejected);
    assert_eq!(results.iter().filter(|r| r.id == "kerberos").count(), 1);
    let s3 = results.iter().find(|r| r.id == "s3").unwrap();
    assert_eq!(s3.verdict, Verdict::Ok);
    let custom = Service::custom(Some("NAS"), 1_000);
    let with_custom = service_results(&custom, OffsetInterval::around(0.0, 10.0));
    assert_eq!(with_custom.len(), SERVICES.len() + 1);
}

#[test]
fn cross_check_and_drift_sentences() {
    assert_eq!(
        cross_check_sentence("the endpoint's Date header", 0.0),
        "Cross-check: the endpoint's Date header agrees."
    );
    let failed = cross_check_sentence("https://b.example/time", 3_600_000.0);
    assert!(failed.contains("disagrees by at least 1 h"), "{failed}");
    let drift = Drift {
        lower_ppm: 35.0,
        upper_ppm: 45.0,
        span_ms: 1_200_000.0,
    };
    let sentence = drift_sentence(&drift, Some(87.0 * 86_400_000.0), &AMAZON_S3);
    assert_eq!(
        sentence,
        "This clock gains about 3.5 s a day (+40 ppm). At this rate it will be too far off for Amazon S3 in about 87 d."
    );
    let losing = Drift {
        lower_ppm: -45.0,
        upper_ppm: -35.0,
        span_ms: 1_200_000.0,
    };
    assert!(
        drift_sentence(&losing, None, &AMAZON_S3)
            .starts_with("This clock loses about 3.5 s a day (-40 ppm).")
    );
}

#[test]
fn warning_explains_both_nearness_and_indecision() {
    let near = estimate(870_000.0, 300.0);
    let text = explain(&AMAZON_S3, &near, &assess(&AMAZON_S3, Some(near.interval)));
    assert!(
        text.sentences[2].contains("Only 30 s left"),
        "{:?}",
        text.sentences
    );
    let straddling = estimate(900_100.0, 500.0);
    let text = explain(
        &AMAZON_S3,
        &straddling,
        &assess(&AMAZON_S3, Some(straddling.interval)),
    );
    assert!(
        text.sentences[2].contains("cannot tell"),
        "{:?}",
        text.sentences
    );
    assert!(!text.headline.contains("OK"));
}

#[test]
fn offset_words_add_the_uncertainty_only_with_a_direction() {
    assert_eq!(offset_words(972_000.0, 400.0), "16 min 12 s fast");
    assert_eq!(
        offset_words_with_uncertainty(972_000.0, 400.0),
        "16 min 12 s fast (± 400 ms)"
    );
    assert_eq!(
        offset_words_with_uncertainty(-3_000.0, 400.0),
        "3.0 s slow (± 400 ms)"
    );
    assert_eq!(
        offset_words_with_uncertainty(400.0, 400.0),
        "right to within 400 ms"
    );
}

/// `?service=s3&limit=600`: the link's limit decides the main verdict and says it is the
/// link's, while Amazon S3's own verdict stays in the list.
#[test]
fn a_link_limit_keeps_the_real_service_in_the_list() {
    let limited = AMAZON_S3.with_limit(600_000);
    let results = service_results(&limited, OffsetInterval::around(870_000.0, 500.0));
    assert_eq!(results.len(), SERVICES.len() + 1);
    assert_eq!(results[0].id, "s3-limit-600000");
    assert_eq!(
        results[0].service.name,
        "Amazon S3 (limit set by this link)"
    );
    assert_eq!(results[0].verdict, Verdict::Rejected);
    let real: Vec<_> = results.iter().skip(1).filter(|r| r.id == "s3").collect();
    assert_eq!(real.len(), 1);
    assert_eq!(
        (real[0].service.name.as_ref(), real[0].verdict),
        ("Amazon S3", Verdict::Warning)
    );
    assert_eq!(
        limit_sentence(&limited),
        "Limit set by this link (Amazon S3 itself accepts 15 min either way): 10 min either way."
    );
    assert_eq!(
        limit_sentence(&AMAZON_S3),
        "Amazon S3 accepts clocks up to 15 min either way."
    );
    let explanation = explain(
        &limited,
        &estimate(870_000.0, 500.0),
        &assess(&limited, Some(OffsetInterval::around(870_000.0, 500.0))),
    );
    assert!(
        explanation.sentences.iter().any(|s| s
            .to_lowercase()
            .contains("limit set by this link (amazon s3 itself accepts 15 min")),
        "{explanation:?}"
    );
    assert_eq!(listed_services(&AMAZON_S3).count(), SERVICES.len() - 1);
    assert_eq!(listed_services(&limited).count(), SERVICES.len());
}

#[test]
fn words_from_a_link_are_quoted_as_the_links() {
    assert_eq!(ticket_label("T-1234"), "Ticket (from the link): “T-1234”");
    assert_eq!(
        ticket_label("1” — Clock OK “"),
        "Ticket (from the link): “1' — Clock OK '”"
    );
    let custom = Service::custom(Some("Amazon S3. Call +1 555 0100"), 120_000);
    let results = service_results(&custom, OffsetInterval::around(0.0, 10.0));
    assert_eq!(results[0].id, "custom-limit-120000");
    assert_eq!(
        results[0].service.name,
        "“Amazon S3. Call +1 555 0100” (named by the link)"
    );
    let explanation = explain(
        &custom,
        &estimate(0.0, 10.0),
        &assess(&custom, Some(OffsetInterval::around(0.0, 10.0))),
    );
    assert_eq!(
        explanation.headline,
        "Clock OK for “Amazon S3. Call +1 555 0100” (named by the link)"
    );
}

#[test]
fn messages_start_with_a_capital_but_addresses_and_quotes_stay_as_they_are() {
    use super::measure::capitalize;
    assert_eq!(
        capitalize("the server did not answer"),
        "The server did not answer"
    );
    assert_eq!(
        capitalize("https://time.example/ did not answer"),
        "https://time.example/ did not answer"
    );
    assert_eq!(capitalize("“x” is not a time"), "“x” is not a time");
    assert_eq!(capitalize(""), "");
}

#[test]
fn capitalize_leaves_addresses_alone() {
    use super::measure::capitalize;
    assert_eq!(capitalize("could not reach it"), "Could not reach it");
    assert_eq!(
        capitalize("http://a.example/ did not answer"),
        "http://a.example/ did not answer"
    );
    assert_eq!(capitalize("//a.example/x failed"), "//a.example/x failed");
    assert_eq!(capitalize(""), "");
}

mod page;
mod pasted;
mod report;
