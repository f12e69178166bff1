//! Comparing a measurement with the witnesses heard after it: the endpoint's own `Date`
//! header or a second endpoint, and the page's own origin when the time source is elsewhere.

use crate::estimate::Estimate;
use crate::measure::phase::{CrossCheck, Witness, WitnessCheck, WitnessFailure};

/// One witness heard after the measurement, before it is compared.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Heard {
    /// Who the witness was.
    pub(crate) who: Witness,
    /// Its estimate, or why there is none.
    pub(crate) estimate: Result<Estimate, WitnessFailure>,
    /// Whether it runs on the same host (or site) as the time source it checks, so its
    /// agreement confirms nothing.
    pub(crate) same_site: bool,
}

/// Compares `estimate` (from the host `source_host`) with every witness. Witnesses that
/// disagree cannot all be right: the result is the range all of them allow, instead of
/// picking one. The cross-check names the most telling witness — one that disagrees, else
/// one that could not be measured, else one that agrees (an independent one first).
pub(crate) fn compare_with_witnesses(
    estimate: Estimate,
    heard: Vec<Heard>,
    source_host: &str,
) -> (Estimate, Option<CrossCheck>) {
    let mut combined = estimate;
    let witnesses: Vec<WitnessCheck> = heard
        .into_iter()
        .map(|heard| WitnessCheck {
            gap_ms: heard.estimate.map(|other| {
                let gap_ms = estimate.interval.gap_to(&other.interval);
                if gap_ms > 0.0 {
                    combined = Estimate {
                        interval: combined.interval.hull(&other.interval),
                        consistent: false,
                        ..combined
                    };
                }
                gap_ms
            }),
            who: heard.who,
            same_site: heard.same_site,
        })
        .collect();
    let position = |test: &dyn Fn(&WitnessCheck) -> bool| witnesses.iter().position(test);
    let telling = position(&|c| c.gap_ms.as_ref().is_ok_and(|gap| *gap > 0.0))
        .or_else(|| position(&|c| c.gap_ms.is_err()))
        .or_else(|| position(&|c| !c.same_site))
        .or_else(|| (!witnesses.is_empty()).then_some(0));
    let check = telling.map(|telling| CrossCheck {
        witnesses,
        telling,
        source_host: source_host.to_owned(),
    });
    (combined, check)
}
