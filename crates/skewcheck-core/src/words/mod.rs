//! Turning numbers into the words a client reads.

use super::drift::Drift;
use super::estimate::Estimate;
use super::sample::OffsetInterval;
use super::text::quoted;
use super::verdict::{
    Assessment, Direction, Limit, SERVICES, Service, Symptom, Tolerance, Verdict, assess,
};
use crate::decimal::{fixed_point, signed_fixed_point};

/// A duration in compact words: `450 ms`, `3.2 s`, `42 s`, `16 min 12 s`, `2 h 5 min`.
/// The sign is ignored.
pub fn duration_words(ms: f64) -> String {
    let ms = ms.abs();
    if !ms.is_finite() {
        return "an unknown time".to_owned();
    }
    if ms < 999.5 {
        return format!("{} ms", fixed_point(ms, 0));
    }
    if ms < 9_950.0 {
        return format!("{} s", fixed_point(ms / 1000.0, 1));
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "finite, ≥ 0; `as` saturates"
    )]
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

/// How far off the clock is, in words: [`offset_words`] for an estimate.
pub fn offset_phrase(estimate: &Estimate) -> String {
    offset_words(estimate.offset_ms(), estimate.uncertainty_ms())
}

/// How far off the clock is, in words: `16 min 12 s fast`, `3.0 s slow`, or
/// `right to within 400 ms` when the uncertainty covers zero, so the measurement cannot
/// tell fast from slow. `offset_ms` is device − reference.
pub fn offset_words(offset_ms: f64, uncertainty_ms: f64) -> String {
    if offset_ms.abs() <= uncertainty_ms {
        return format!("right to within {}", duration_words(uncertainty_ms));
    }
    let direction = if offset_ms > 0.0 { "fast" } else { "slow" };
    format!("{} {direction}", duration_words(offset_ms))
}

/// [`offset_words`] followed by the uncertainty when the direction is known:
/// `16 min 12 s fast (± 400 ms)`, but `right to within 400 ms`.
pub fn offset_words_with_uncertainty(offset_ms: f64, uncertainty_ms: f64) -> String {
    let words = offset_words(offset_ms, uncertainty_ms);
    if offset_ms.abs() <= uncertainty_ms {
        words
    } else {
        format!("{words} (± {})", duration_words(uncertainty_ms))
    }
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
pub fn ticket_label(reference: &str) -> String {
    format!("Ticket (from the link): {}", quoted(reference))
}

/// The services listed under `primary`: every catalogue service but `primary` itself —
/// and when the link replaced `primary`'s limit, the catalogue one too, with its own.
pub fn listed_services(primary: &Service) -> impl Iterator<Item = &Service> {
    let link_limited = primary.link_limited_original().is_some();
    let catalogue: &[Service] = &SERVICES;
    catalogue
        .iter()
        .filter(move |service| link_limited || service.id != primary.id)
}

/// One service's verdict, for the list under the main one and for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceResult {
    /// [`Service::id`]; for the primary service its [`Service::report_id`].
    pub id: String,
    /// [`Service::name`].
    pub name: String,
    /// The verdict.
    pub verdict: Verdict,
    /// [`service_line`].
    pub line: String,
}

/// Verdicts for `primary` first, then the [`listed_services`]. The primary's id is its
/// [`Service::report_id`], so a report rebuilds the very service it was judged by.
pub fn service_results(primary: &Service, interval: OffsetInterval) -> Vec<ServiceResult> {
    std::iter::once(primary)
        .chain(listed_services(primary))
        .enumerate()
        .map(|(position, service)| {
            let assessment = assess(service, Some(interval));
            ServiceResult {
                id: if position == 0 {
                    service.report_id()
                } else {
                    service.id.to_string()
                },
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

#[cfg(test)]
mod tests;
