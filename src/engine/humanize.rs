//! Turning numbers into the words a client reads.

use super::drift::Drift;
use super::estimate::Estimate;
use super::sample::OffsetInterval;
use super::verdict::{Assessment, Direction, Limit, SERVICES, Service, Tolerance, Verdict, assess};

/// A duration in compact words: `450 ms`, `3.2 s`, `42 s`, `16 min 12 s`, `2 h 5 min`.
/// The sign is ignored.
pub fn duration_words(ms: f64) -> String {
    let ms = ms.abs();
    if !ms.is_finite() {
        return "an unknown time".to_owned();
    }
    if ms < 999.5 {
        return format!("{ms:.0} ms");
    }
    if ms < 9_950.0 {
        return format!("{:.1} s", ms / 1000.0);
    }
    let seconds = (ms / 1000.0).round() as u64;
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3_600 => with_remainder(seconds / 60, "min", seconds % 60, "s"),
        3_600..86_400 => with_remainder(seconds / 3_600, "h", seconds % 3_600 / 60, "min"),
        _ => with_remainder(seconds / 86_400, "d", seconds % 86_400 / 3_600, "h"),
    }
}

fn with_remainder(major: u64, major_unit: &str, minor: u64, minor_unit: &str) -> String {
    if minor == 0 {
        format!("{major} {major_unit}")
    } else {
        format!("{major} {major_unit} {minor} {minor_unit}")
    }
}

/// How far off the clock is, in words: `16 min 12 s fast`, `3.0 s slow`, or
/// `right to within 0.4 s` when the measurement cannot tell fast from slow.
pub fn offset_phrase(estimate: &Estimate) -> String {
    let offset = estimate.offset_ms();
    let uncertainty = estimate.uncertainty_ms();
    if offset.abs() <= uncertainty {
        return format!("right to within {}", duration_words(uncertainty));
    }
    let direction = if offset > 0.0 { "fast" } else { "slow" };
    format!("{} {direction}", duration_words(offset))
}

/// The tolerance in words: `15 min either way`, `5 min fast or 15 min slow`,
/// `typically 1 h slow (being fast does not matter)`. Undocumented limits say "typically".
pub fn tolerance_words(tolerance: &Tolerance) -> String {
    let limits = [tolerance.ahead, tolerance.behind];
    let typical = limits.iter().flatten().any(|limit| !limit.documented);
    let words = |limit: Limit| duration_words(limit.ms as f64);
    let range = match (tolerance.ahead, tolerance.behind) {
        (Some(ahead), Some(behind)) if ahead.ms == behind.ms => {
            format!("{} either way", words(ahead))
        }
        (Some(ahead), Some(behind)) => format!("{} fast or {} slow", words(ahead), words(behind)),
        (Some(ahead), None) => format!("{} fast (being slow does not matter)", words(ahead)),
        (None, Some(behind)) => format!("{} slow (being fast does not matter)", words(behind)),
        (None, None) => "any amount".to_owned(),
    };
    if typical {
        format!("typically {range}")
    } else {
        range
    }
}

/// Everything the page says about one verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// One short line, readable at arm's length.
    pub headline: String,
    /// Plain sentences with the numbers.
    pub sentences: Vec<String>,
    /// The exact error the client would see, when uploads fail.
    pub error_seen: Option<String>,
    /// What to do about it, when something should be done.
    pub fix: Option<String>,
}

/// The advice for any clock that is off; the exact steps for the device follow on the page.
const TURN_ON_AUTOMATIC_TIME: &str = "Turn on automatic date and time (the steps for this device are below), then press “Check again”.";

/// Explains an assessment of `estimate` against `service`.
pub fn explain(service: &Service, estimate: &Estimate, assessment: &Assessment) -> Explanation {
    let how_far = format!(
        "This device's clock is {} (measured to ± {}).",
        offset_phrase(estimate),
        duration_words(estimate.uncertainty_ms())
    );
    let limit = format!(
        "{} accepts clocks up to {}.",
        service.name,
        tolerance_words(&service.tolerance)
    );
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let symptom = match assessment.binding {
        Some(Direction::Slow) => service.when_slow,
        _ => service.when_fast,
    };
    let error_seen = Some(symptom.text());
    let fix = Some(TURN_ON_AUTOMATIC_TIME.to_owned());
    match assessment.verdict {
        Verdict::Ok => Explanation {
            headline: format!("Clock OK for {}", service.name),
            sentences: vec![
                how_far,
                limit,
                format!("Room left: {}.", duration_words(room)),
            ],
            error_seen: None,
            fix: None,
        },
        Verdict::Warning => {
            let closeness = if room >= 0.0 {
                format!(
                    "Only {} left before the limit: a little more drift and requests will fail.",
                    duration_words(room)
                )
            } else {
                "The clock is so close to the limit that the measurement cannot tell which side of it the clock is on.".to_owned()
            };
            Explanation {
                headline: format!("{} may refuse this device soon", service.name),
                sentences: vec![how_far, limit, closeness],
                error_seen,
                fix,
            }
        }
        Verdict::Rejected => Explanation {
            headline: format!("{} will refuse this device", service.name),
            sentences: vec![
                how_far,
                limit,
                format!("That is {} beyond the limit.", duration_words(room)),
            ],
            error_seen,
            fix,
        },
        Verdict::Unknown => Explanation {
            headline: "Could not check the clock".to_owned(),
            sentences: vec![],
            error_seen: None,
            fix: None,
        },
    }
}

/// One service's verdict, for the list under the main one and for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceResult {
    /// [`Service::id`].
    pub id: String,
    /// [`Service::name`].
    pub name: String,
    /// The verdict.
    pub verdict: Verdict,
    /// [`service_line`].
    pub line: String,
}

/// Verdicts for `primary` first, then every other catalogue service.
pub fn service_results(primary: &Service, interval: OffsetInterval) -> Vec<ServiceResult> {
    std::iter::once(primary)
        .chain(SERVICES.iter().filter(|service| service.id != primary.id))
        .map(|service| {
            let assessment = assess(service, Some(interval));
            ServiceResult {
                id: service.id.to_string(),
                name: service.name.to_string(),
                verdict: assessment.verdict,
                line: service_line(service, &assessment),
            }
        })
        .collect()
}

/// One line per service for the list under the main verdict: `14 min 57 s to spare`,
/// `2 min beyond the limit — KRB_AP_ERR_SKEW: “Clock skew too great”`.
pub fn service_line(service: &Service, assessment: &Assessment) -> String {
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let symptom = match assessment.binding {
        Some(Direction::Slow) => service.when_slow,
        _ => service.when_fast,
    };
    match assessment.verdict {
        Verdict::Ok => format!("{} to spare", duration_words(room)),
        Verdict::Warning if room >= 0.0 => format!("only {} to spare", duration_words(room)),
        Verdict::Warning => format!(
            "too close to the limit to tell — may see {}",
            symptom.text()
        ),
        Verdict::Rejected => format!(
            "{} beyond the limit — {}",
            duration_words(room),
            symptom.text()
        ),
        Verdict::Unknown => "not measured".to_owned(),
    }
}

/// What a cross-check found, in words. `gap_ms` is the distance between the two measured
/// intervals (zero when they overlap).
pub fn cross_check_sentence(other: &str, gap_ms: f64) -> String {
    if gap_ms <= 0.0 {
        format!("Cross-check: {other} agrees.")
    } else {
        format!(
            "Cross-check failed: {other} disagrees by at least {}. One of the two time sources is wrong, so skewcheck reports the range both allow.",
            duration_words(gap_ms)
        )
    }
}

/// The drift in words, with when it will matter: "This clock gains about 3.5 s a day
/// (+40 ppm). At this rate it will be too far off for Amazon S3 in about 87 d."
pub fn drift_sentence(drift: &Drift, time_to_limit_ms: Option<f64>, service: &Service) -> String {
    let verb = if drift.ppm() >= 0.0 { "gains" } else { "loses" };
    let mut sentence = format!(
        "This clock {verb} about {} a day ({:+.0} ppm).",
        duration_words(drift.ms_per_day()),
        drift.ppm()
    );
    if let Some(remaining) = time_to_limit_ms {
        sentence.push_str(&format!(
            " At this rate it will be too far off for {} in about {}.",
            service.name,
            duration_words(remaining)
        ));
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sample::OffsetInterval;
    use crate::engine::verdict::{AMAZON_S3, assess};

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
        let tls = crate::engine::verdict::service_by_id("tls").unwrap();
        assert_eq!(
            tolerance_words(&tls.tolerance),
            "typically 1 h slow (being fast does not matter)"
        );
        let google = crate::engine::verdict::service_by_id("google-oauth").unwrap();
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
        assert!(error.contains(
            "The difference between the request time and the current time is too large."
        ));
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
        use crate::engine::verdict::service_by_id;
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
        let kerberos = crate::engine::verdict::service_by_id("kerberos").unwrap();
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
}
