//! A verdict in words: the headline, the sentences with the numbers, the error the client
//! would see and what to do; one line per service; the cross-check and the drift.

use crate::decimal::signed_fixed_point;
use crate::drift::Drift;
use crate::estimate::Estimate;
use crate::outcomes::ServiceResult;
use crate::verdict::{Assessment, CUSTOM_ID, Citation, Direction, Service, Symptom, Verdict};
use crate::words::catalogue::Words;
use crate::words::catalogue::translated;
use crate::words::link_service::{
    LINK_REFUSAL_CODE, LINK_REFUSAL_MESSAGE, in_english, limited_name,
};
use crate::words::numbers::{Reading, duration_words, offset_words, tolerance_words};
use crate::words::page::COULD_NOT_CHECK;
use crate::words::quote::{named_by_link, quoted};

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
const TURN_ON_AUTOMATIC_TIME: Words = Words(
    "Turn on automatic date and time (the steps for this device are below), then press “Check again”.",
);

/// Explains an assessment of `estimate` against `service`.
pub fn explain(service: &Service, estimate: &Estimate, assessment: &Assessment) -> Explanation {
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let name = service_name(service);
    let left = duration_words(room);
    let (headline, last_sentence) = match assessment.verdict {
        Verdict::Ok => (
            say!("Clock OK for {service}", service = name),
            say!("Room left: {left}.", left),
        ),
        Verdict::Warning if room >= 0.0 => (
            say!("{service} may refuse this device soon", service = name),
            say!(
                "Only {left} left before the limit: a little more drift and requests will fail.",
                left
            ),
        ),
        Verdict::Warning => (
            say!("{service} may refuse this device soon", service = name),
            Words("The clock is so close to the limit that the measurement cannot tell which side of it the clock is on.").text(),
        ),
        Verdict::Rejected => (
            say!("{service} will refuse this device", service = name),
            say!("That is {beyond} beyond the limit.", beyond = left),
        ),
        Verdict::Unknown => {
            return Explanation {
                headline: COULD_NOT_CHECK.text(),
                sentences: vec![],
                error_seen: None,
                fix: None,
            };
        }
    };
    let how_far = how_far_sentence(estimate);
    let limit = limit_sentence(service);
    // Only a clock that fails, or may soon, needs the error and the fix.
    let failing = assessment.verdict != Verdict::Ok;
    Explanation {
        headline,
        sentences: vec![how_far, limit, last_sentence],
        error_seen: failing.then(|| symptom_words(symptom_seen(service, assessment))),
        fix: failing.then(|| TURN_ON_AUTOMATIC_TIME.text()),
    }
}

/// How far off this device's clock is, in a sentence: `This device's clock is 16 min 12 s
/// fast (measured to ± 400 ms).`
fn how_far_sentence(estimate: &Estimate) -> String {
    let (offset_ms, uncertainty_ms) = (estimate.offset_ms(), estimate.uncertainty_ms());
    let offset = duration_words(offset_ms);
    let uncertainty = duration_words(uncertainty_ms);
    match Reading::of(offset_ms, uncertainty_ms) {
        Reading::Fast => say!(
            "This device's clock is {offset} fast (measured to ± {uncertainty}).",
            offset,
            uncertainty
        ),
        Reading::Slow => say!(
            "This device's clock is {offset} slow (measured to ± {uncertainty}).",
            offset,
            uncertainty
        ),
        Reading::Within => say!(
            "This device's clock is right to within {uncertainty} (measured to ± {uncertainty}).",
            uncertainty
        ),
    }
}

/// A service's name in the language spoken now: a built-in service's own, one whose limit
/// the link replaced saying so, a link's own service's as the link gave it (quoted and
/// marked again in this language), or `your service`. [`Service::name`] stays in English:
/// reports and permalinks carry it.
pub fn service_name(service: &Service) -> String {
    if let Some(original) = service.link_limited_original() {
        return limited_name(&translated(&original.name));
    }
    if service.id == CUSTOM_ID {
        // The stored name is `named_by_link` of the link's words, said in English: find
        // those words again, to mark them in the language spoken now.
        let marked = in_english(|| named_by_link("0"));
        if let Some((before, after)) = marked.split_once('0')
            && let Some(bare) = service
                .name
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
        {
            return named_by_link(bare);
        }
    }
    translated(&service.name)
}

/// What a client sees when refused: the vendor's code and text as its clients get them (in
/// English, whatever the page speaks), or a link's own service's refusal in the page's words.
fn symptom_words(symptom: Symptom) -> String {
    let own = symptom.code == LINK_REFUSAL_CODE.0 && symptom.message == LINK_REFUSAL_MESSAGE.0;
    if own {
        return say!(
            "{code}: “{message}”",
            code = LINK_REFUSAL_CODE.text(),
            message = LINK_REFUSAL_MESSAGE.text()
        );
    }
    if symptom.message.is_empty() {
        symptom.code.to_owned()
    } else {
        say!(
            "{code}: “{message}”",
            code = symptom.code,
            message = symptom.message
        )
    }
}

/// What the service accepts, in a sentence: `Amazon S3 accepts clocks up to 15 min either
/// way.`, or for a limit the link replaced, `Limit set by this link (Amazon S3 itself
/// accepts 15 min either way): 10 min either way.`
pub fn limit_sentence(service: &Service) -> String {
    let limit = tolerance_words(&service.tolerance);
    match service.link_limited_original() {
        Some(original) => say!(
            "Limit set by this link ({service} itself accepts {own}): {limit}.",
            service = translated(&original.name),
            own = tolerance_words(&original.tolerance),
            limit
        ),
        None => say!(
            "{service} accepts clocks up to {limit}.",
            service = service_name(service),
            limit
        ),
    }
}

/// The ticket reference from a link, marked as the link's words: `Ticket (from the link):
/// “T-1234”`.
pub fn ticket_label(ticket: &str) -> String {
    say!("Ticket (from the link): {ticket}", ticket = quoted(ticket))
}

/// One line per service for the list under the main verdict: `14 min 57 s to spare`,
/// `2 min beyond the limit — KRB_AP_ERR_SKEW: “Clock skew too great”`.
pub fn service_line(service: &Service, assessment: &Assessment) -> String {
    let room = assessment.room_left_ms.unwrap_or(f64::NAN);
    let error = || symptom_words(symptom_seen(service, assessment));
    match assessment.verdict {
        Verdict::Ok => say!("{left} to spare", left = duration_words(room)),
        Verdict::Warning if room >= 0.0 => {
            say!("only {left} to spare", left = duration_words(room))
        }
        Verdict::Warning => say!(
            "too close to the limit to tell — may see {error}",
            error = error()
        ),
        Verdict::Rejected => say!(
            "{beyond} beyond the limit — {error}",
            beyond = duration_words(room),
            error = error()
        ),
        Verdict::Unknown => Words("not measured").text(),
    }
}

/// A [`ServiceResult`]'s line: [`service_line`], or that the time sources left it
/// undecided.
pub fn service_result_line(result: &ServiceResult) -> String {
    if result.undecided {
        Words("not decided: the time sources disagree").text()
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
        say!("Cross-check: {other} agrees.", other)
    } else {
        say!(
            "Cross-check failed: {other} disagrees by at least {gap}. One of the two time sources is wrong, so skewcheck reports the range both allow.",
            other,
            gap = duration_words(gap_ms)
        )
    }
}

/// Two time sources that cannot both be right, both named: `who` disagrees with `source`
/// by at least `gap_ms`.
pub fn disagreement_sentence(who: &str, source: &str, gap_ms: f64) -> String {
    say!(
        "Cross-check failed: {who} disagrees by at least {gap} with {source}. One of the two time sources is wrong, so skewcheck reports the range both allow.",
        who,
        gap = duration_words(gap_ms),
        source
    )
}

/// What the page says when its time sources disagree: no verdict on either alone, and no
/// advice to change this device's clock or time zone — the link's sender should check the
/// endpoint instead.
pub fn disagreement_explanation(service: &Service, estimate: &Estimate) -> Explanation {
    let interval = estimate.interval;
    Explanation {
        headline: Words("The time sources disagree").text(),
        sentences: vec![
            say!(
                "The time sources this page compared with cannot both be right, so skewcheck cannot say whether {service} accepts this clock: it is somewhere between {lower} and {upper}.",
                service = service_name(service),
                lower = offset_words(interval.lower_ms, 0.0),
                upper = offset_words(interval.upper_ms, 0.0)
            ),
            limit_sentence(service),
        ],
        error_seen: None,
        fix: Some(SOURCES_DISAGREE_ADVICE.text()),
    }
}

/// The advice when the time sources disagree.
const SOURCES_DISAGREE_ADVICE: Words = Words(
    "Do not change this device's clock or time zone because of this result. The two time sources disagree: tell whoever sent the link, so they can check the time endpoint it names.",
);

/// The drift in words, with when it will matter: "This clock gains about 3.5 s a day
/// (+40 ppm). At this rate it will be too far off for Amazon S3 in about 87 d."
pub fn drift_sentence(drift: &Drift, time_to_limit_ms: Option<f64>, service: &Service) -> String {
    let per_day = duration_words(drift.ms_per_day());
    let ppm = signed_fixed_point(drift.ppm(), 0);
    let sentence = if drift.ppm() >= 0.0 {
        say!(
            "This clock gains about {per_day} a day ({ppm} ppm).",
            per_day,
            ppm
        )
    } else {
        say!(
            "This clock loses about {per_day} a day ({ppm} ppm).",
            per_day,
            ppm
        )
    };
    match time_to_limit_ms {
        Some(remaining) => say!(
            "{drift} At this rate it will be too far off for {service} in about {remaining}.",
            drift = sentence,
            service = service_name(service),
            remaining = duration_words(remaining)
        ),
        None => sentence,
    }
}

/// Where a service's limits come from, in words: the catalogue's citation as it stands, or
/// for a limit the link set, `the link you were sent (?limit=)`.
pub fn citation_words(citation: &Citation) -> String {
    match citation {
        Citation::Vendor(cited) | Citation::Typical(cited) => (*cited).to_owned(),
        Citation::Link => Words("the link you were sent (?limit=)").text(),
    }
}
