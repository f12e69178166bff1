//! Comparing a measurement with the witnesses heard after it: the endpoint's own `Date`
//! header or a second endpoint, and the page's own origin when the time source is elsewhere.

use super::{CrossCheck, Heard};
use crate::estimate::Estimate;
use crate::words::{cross_check_sentence, disagreement_sentence};

/// One witness, compared.
struct Compared {
    who: String,
    /// Distance to the measurement; `None` when the witness could not be measured.
    gap_ms: Option<f64>,
    same_site: bool,
    sentence: String,
}

/// Compares `estimate` (from `source`, a host in words) with every witness. Witnesses that
/// disagree cannot all be right: the result is the range all of them allow, instead of
/// picking one. The cross-check names the most telling witness — one that disagrees, else
/// one that could not be measured, else one that agrees (an independent one first) — and
/// carries every witness's sentence.
pub(super) fn compare_with_witnesses(
    estimate: Estimate,
    heard: Vec<Heard>,
    source: &str,
) -> (Estimate, Option<CrossCheck>) {
    let mut combined = estimate;
    let compared: Vec<Compared> = heard
        .into_iter()
        .map(|heard| match heard.estimate {
            Ok(other) => {
                let gap_ms = estimate.interval.gap_to(&other.interval);
                if gap_ms > 0.0 {
                    combined = Estimate {
                        interval: combined.interval.hull(&other.interval),
                        consistent: false,
                        ..combined
                    };
                }
                let sentence = match (gap_ms > 0.0, heard.same_site) {
                    (true, _) => disagreement_sentence(&heard.who, source, gap_ms),
                    (false, false) => cross_check_sentence(&heard.who, gap_ms),
                    (false, true) => format!(
                        "Cross-check: {} agrees, but it runs on the same site as the time source ({source}), so it is not an independent witness and confirms nothing.",
                        heard.who
                    ),
                };
                Compared {
                    sentence,
                    gap_ms: Some(gap_ms),
                    same_site: heard.same_site,
                    who: heard.who,
                }
            }
            Err(why) => Compared {
                sentence: format!("Cross-check with {} was not possible: {why}.", heard.who),
                gap_ms: None,
                same_site: heard.same_site,
                who: heard.who,
            },
        })
        .collect();
    let telling = compared
        .iter()
        .find(|c| c.gap_ms.is_some_and(|gap| gap > 0.0))
        .or_else(|| compared.iter().find(|c| c.gap_ms.is_none()))
        .or_else(|| compared.iter().find(|c| !c.same_site))
        .or_else(|| compared.first());
    let check = telling.map(|telling| CrossCheck {
        witness: telling.who.clone(),
        gap_ms: telling.gap_ms,
        sentence: compared
            .iter()
            .map(|c| c.sentence.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    });
    (combined, check)
}
