//! A verdict in words: the headline, the sentences with the numbers, the error the client
//! would see and what to do; one line per service; the cross-check and the drift.

use crate::decimal::signed_fixed_point;
use crate::drift::Drift;
use crate::estimate::Estimate;
use crate::outcomes::ServiceResult;
use crate::verdict::{Assessment, Citation, Direction, Service, Symptom, Verdict};
use crate::words::numbers::{duration_words, offset_phrase, offset_words, tolerance_words};
use crate::words::quote::quoted;

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
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let (headline, last_sentence) = match assessment.verdict {
        Verdict::Ok => (
            format!("Clock OK for {}", service.name),
            format!("Room left: {}.", duration_words(room)),
        ),
        Verdict::Warning if room >= 0.0 => (
            format!("{} may refuse this device soon", service.name),
            format!(
                "Only {} left before the limit: a little more drift and requests will fail.",
                duration_words(room)
            ),
        ),
        Verdict::Warning => (
            format!("{} may refuse this device soon", service.name),
            "The clock is so close to the limit that the measurement cannot tell which side of it the clock is on.".to_owned(),
        ),
        Verdict::Rejected => (
            format!("{} will refuse this device", service.name),
            format!("That is {} beyond the limit.", duration_words(room)),
        ),
        Verdict::Unknown => {
            return Explanation {
                headline: "Could not check the clock".to_owned(),
                sentences: vec![],
                error_seen: None,
                fix: None,
            };
        }
    };
    let how_far = format!(
        "This device's clock is {} (measured to ± {}).",
        offset_phrase(estimate),
        duration_words(estimate.uncertainty_ms())
    );
    let limit = limit_sentence(service);
    // Only a clock that fails, or may soon, needs the error and the fix.
    let failing = assessment.verdict != Verdict::Ok;
    Explanation {
        headline,
        sentences: vec![how_far, limit, last_sentence],
        error_seen: failing.then(|| symptom_seen(service, assessment).text()),
        fix: failing.then(|| TURN_ON_AUTOMATIC_TIME.to_owned()),
    }
}

/// What the service accepts, in a sentence: `Amazon S3 accepts clocks up to 15 min either
/// way.`, or for a limit the link replaced, `Limit set by this link (Amazon S3 itself
/// accepts 15 min either way): 10 min either way.`
pub fn limit_sentence(service: &Service) -> String {
    let limit = tolerance_words(&service.tolerance);
    match service.link_limited_original() {
        Some(original) => format!(
            "Limit set by this link ({} itself accepts {}): {limit}.",
            original.name,
            tolerance_words(&original.tolerance)
        ),
        None => format!("{} accepts clocks up to {limit}.", service.name),
    }
}

/// The ticket reference from a link, marked as the link's words: `Ticket (from the link):
/// “T-1234”`.
pub fn ticket_label(ticket: &str) -> String {
    format!("Ticket (from the link): {}", quoted(ticket))
}

/// One line per service for the list under the main verdict: `14 min 57 s to spare`,
/// `2 min beyond the limit — KRB_AP_ERR_SKEW: “Clock skew too great”`.
pub fn service_line(service: &Service, assessment: &Assessment) -> String {
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let symptom = symptom_seen(service, assessment);
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

/// A [`ServiceResult`]'s line: [`service_line`], or that the time sources left it
/// undecided.
pub fn service_result_line(result: &ServiceResult) -> String {
    if result.undecided {
        "not decided: the time sources disagree".to_owned()
    } else {
        service_line(&result.service, &result.assessment)
    }
}

/// What the client sees from `service` on the side whose limit decides `assessment` (the
/// fast side when none does).
fn symptom_seen(service: &Service, assessment: &Assessment) -> Symptom {
    match assessment.binding {
        Some(Direction::Slow) => service.when_slow,
        _ => service.when_fast,
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

/// Two time sources that cannot both be right, both named: `who` disagrees with `source`
/// by at least `gap_ms`.
pub fn disagreement_sentence(who: &str, source: &str, gap_ms: f64) -> String {
    format!(
        "Cross-check failed: {who} disagrees by at least {} with {source}. One of the two time sources is wrong, so skewcheck reports the range both allow.",
        duration_words(gap_ms)
    )
}

/// What the page says when its time sources disagree: no verdict on either alone, and no
/// advice to change this device's clock or time zone — the link's sender should check the
/// endpoint instead.
pub fn disagreement_explanation(service: &Service, estimate: &Estimate) -> Explanation {
    let interval = estimate.interval;
    Explanation {
        headline: "The time sources disagree".to_owned(),
        sentences: vec![
            format!(
                "The time sources this page compared with cannot both be right, so skewcheck cannot say whether {} accepts this clock: it is somewhere between {} and {}.",
                service.name,
                offset_words(interval.lower_ms, 0.0),
                offset_words(interval.upper_ms, 0.0)
            ),
            limit_sentence(service),
        ],
        error_seen: None,
        fix: Some(SOURCES_DISAGREE_ADVICE.to_owned()),
    }
}

/// The advice when the time sources disagree.
const SOURCES_DISAGREE_ADVICE: &str = "Do not change this device's clock or time zone because of this result. The two time sources disagree: tell whoever sent the link, so they can check the time endpoint it names.";

/// The drift in words, with when it will matter: "This clock gains about 3.5 s a day
/// (+40 ppm). At this rate it will be too far off for Amazon S3 in about 87 d."
pub fn drift_sentence(drift: &Drift, time_to_limit_ms: Option<f64>, service: &Service) -> String {
    let verb = if drift.ppm() >= 0.0 { "gains" } else { "loses" };
    let mut sentence = format!(
        "This clock {verb} about {} a day ({} ppm).",
        duration_words(drift.ms_per_day()),
        signed_fixed_point(drift.ppm(), 0)
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

/// Where a service's limits come from, in words: the catalogue's citation as it stands, or
/// for a limit the link set, `the link you were sent (?limit=)`.
pub fn citation_words(citation: &Citation) -> String {
    match citation {
        Citation::Vendor(cited) | Citation::Typical(cited) => (*cited).to_owned(),
        Citation::Link => "the link you were sent (?limit=)".to_owned(),
    }
}
