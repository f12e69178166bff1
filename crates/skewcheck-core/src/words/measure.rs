//! A measurement's facts in words: notices, failures, where the time came from, what the
//! witnesses said, what a cache did.

use crate::measure::{
    ChangeSeen, CrossCheck, Failure, Measurement, Notice, SourceFacts, Witness, WitnessCheck,
    WitnessFailure,
};
use crate::plan::{CacheSeen, CollectError};
use crate::site_config::FILE_NAME;
use crate::text::{MAX_QUOTED_CHARS, clean};
use crate::words::catalogue::Words;
use crate::words::config::config_error_words;
use crate::words::fetch::{FailureWords, fetch_error_words};
use crate::words::numbers::duration_words;
use crate::words::quote::quoted;
use crate::words::source::{cache_evidence_words, reading_origin_words};
use crate::words::verdict::{
    Explanation, cross_check_sentence, disagreement_explanation, disagreement_sentence, explain,
};

/// The verdict card's words for `measurement`: the explanation of its service's verdict,
/// or, when its time sources disagree, why there is none.
pub fn measurement_explanation(measurement: &Measurement) -> Explanation {
    if measurement.sources_disagree() {
        disagreement_explanation(&measurement.service, &measurement.estimate)
    } else {
        explain(
            &measurement.service,
            &measurement.estimate,
            &measurement.assessment,
        )
    }
}

/// A notice in words.
pub fn notice_words(notice: &Notice) -> String {
    match notice {
        Notice::ClockChanged { jump_ms, seen } => clock_change_notice(*jump_ms, *seen),
        Notice::StaleAnswersIgnored { evidence } => {
            say!(
                "Ignored answers from a frozen copy in the web host's cache ({evidence}).",
                evidence = cache_evidence_words(evidence)
            )
        }
        Notice::AttemptFailed { attempt, error } => say!(
            "Attempt {attempt} failed ({why}); trying again…",
            attempt,
            why = fetch_error_words(error).message
        ),
    }
}

/// The notice for a clock change of `jump_ms`, e.g. "Your clock just changed by 16 min —
/// checking again."
pub fn clock_change_notice(jump_ms: f64, seen: ChangeSeen) -> String {
    let jump = duration_words(jump_ms);
    match seen {
        ChangeSeen::DuringMeasurement => {
            say!("Your clock just changed by {jump} — checking again.", jump)
        }
        ChangeSeen::WhileIdle => say!(
            "Your clock just changed by {jump} (it was set, or the device slept) — checking again.",
            jump
        ),
    }
}

/// Why there is no result, and what to try.
pub fn failure_words(failure: &Failure) -> FailureWords {
    match failure {
        Failure::Fetch(error) => {
            let words = fetch_error_words(error);
            FailureWords {
                message: capitalize(&words.message),
                ..words
            }
        }
        Failure::ClockUnstable => FailureWords {
            message: Words("This device's clock kept changing while skewcheck measured it.").text(),
            advice: Words(
                "Leave the date and time settings alone for a moment, then press “Check again”.",
            )
            .text(),
        },
        Failure::OnlyCached { evidence } => FailureWords {
            message: say!(
                "Every answer came from a frozen copy in the web host's cache ({evidence}), so none shows the current time.",
                evidence = cache_evidence_words(evidence)
            ),
            advice: Words("Whoever runs this page: exclude this page (or the time endpoint) from caching, or include the query string in the cache key; “Cache-Control: no-store” on it also works.")
                .text(),
        },
        Failure::BadLink(error) => FailureWords {
            message: capitalize(&config_error_words(error)),
            advice: Words(
                "Ask whoever sent the link for a corrected one, or open the page without parameters.",
            )
            .text(),
        },
        Failure::EndpointNotAllowed {
            parameter,
            endpoint,
            allowed,
        } => {
            let list = if allowed.is_empty() {
                Words("none").text()
            } else {
                // The owner's own sources, as the URL parser resolved them: cleaned and cut
                // like any text from a file.
                allowed
                    .iter()
                    .map(|source| clean(source, MAX_QUOTED_CHARS))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            FailureWords {
                message: say!(
                    "This page does not measure against {endpoint} (the link's “{parameter}”): its owner allows only these time sources: {list}.",
                    endpoint = quoted(endpoint),
                    parameter,
                    list
                ),
                advice: Words("Ask whoever sent the link for one that uses an allowed time source, or open the page without the endpoint.")
                    .text(),
            }
        }
        Failure::SettingsUnread { parameter } => FailureWords {
            message: say!(
                "This page could not read its owner's settings ({file}), so it does not measure against the time source this link names (its “{parameter}”).",
                file = FILE_NAME,
                parameter
            ),
            advice: Words("Reload the page in a moment. If this stays, open the page without the endpoint, or tell whoever sent the link.").text(),
        },
        Failure::NoPageAddress => FailureWords {
            message: Words("This page cannot read its own address.").text(),
            advice: Words("Open the link in a normal browser tab.").text(),
        },
    }
}

/// Where the reference time came from: "the HTTP Date header (1 s resolution) of
/// https://time.example/".
pub fn source_sentence(source: &SourceFacts) -> String {
    let how = source.origin.map_or_else(
        || Words("the time source").text(),
        |origin| reading_origin_words(&origin),
    );
    say!("{how} of {url}", how, url = source.url)
}

/// A cross-check in words: who the most telling witness was, and every witness's sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossCheckWords {
    /// The most telling witness, in words.
    pub witness: String,
    /// Every witness's sentence, in the order heard.
    pub sentence: String,
}

/// What the witnesses said, in words.
pub fn cross_check_words(check: &CrossCheck) -> CrossCheckWords {
    CrossCheckWords {
        witness: witness_words(&check.telling().who),
        sentence: check
            .witnesses
            .iter()
            .map(|witness| witness_sentence(witness, &check.source_host))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Who a witness was.
fn witness_words(witness: &Witness) -> String {
    match witness {
        Witness::SecondEndpoint(url) => quoted(url),
        Witness::EndpointDateHeader => Words("the endpoint's own Date header").text(),
        Witness::PageOrigin(host) => {
            say!("the Date header of this page's own server ({host})", host)
        }
    }
}

/// One witness's sentence, compared with `source` (a host).
fn witness_sentence(check: &WitnessCheck, source: &str) -> String {
    let who = witness_words(&check.who);
    match &check.gap_ms {
        Ok(gap_ms) if *gap_ms > 0.0 => disagreement_sentence(&who, source, *gap_ms),
        Ok(gap_ms) if !check.same_site => cross_check_sentence(&who, *gap_ms),
        Ok(_) => say!(
            "Cross-check: {who} agrees, but it runs on the same site as the time source ({source}), so it is not an independent witness and confirms nothing.",
            who,
            source
        ),
        Err(why) => say!(
            "Cross-check with {who} was not possible: {why}.",
            who,
            why = witness_failure_words(why)
        ),
    }
}

/// Why a witness could not be measured.
fn witness_failure_words(failure: &WitnessFailure) -> String {
    match failure {
        CollectError::Requests(error) => fetch_error_words(error).message,
        CollectError::ClockUnstable => Words("the device clock kept changing").text(),
        CollectError::OnlyCached(evidence) => say!(
            "every answer came from a frozen copy in its cache ({evidence})",
            evidence = cache_evidence_words(evidence)
        ),
    }
}

/// What the page's owner should change when a cache answered, for the details.
pub fn cache_sentence(seen: &CacheSeen) -> String {
    let evidence = cache_evidence_words(&seen.evidence);
    if seen.frozen {
        say!(
            "The web host's cache kept answering with the same stored time ({evidence}). Whoever runs this page can make the check exact: exclude this page (or the time endpoint) from caching, or include the query string in the cache key.",
            evidence
        )
    } else {
        say!(
            "The web host's cache answered instead of the server, so its time is only known within its age ({evidence}). Whoever runs this page can make the check exact: exclude this page (or the time endpoint) from caching, or include the query string in the cache key.",
            evidence
        )
    }
}

pub(crate) fn capitalize(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    if first_word.contains("://") || first_word.starts_with("//") {
        return text.to_owned();
    }
    // ASCII only: every message starts with our own English words, and `char::to_uppercase`
    // would pull Unicode's case tables (16 KB) into the wasm.
    let mut capitalized = text.to_owned();
    if let Some(first) = capitalized.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    capitalized
}
