use crate::components::gauge::Gauge;
use leptos::prelude::*;
use skewcheck_core::decimal::fixed_point;
use skewcheck_core::drift::Drift;
use skewcheck_core::measure::Phase;
use skewcheck_core::other_clock::dual_boot_likely;
use skewcheck_core::platform::Platform;
use skewcheck_core::verdict::Service;
use skewcheck_core::words::{
    CHECKING, CLOCK_CHECKED, COULD_NOT_CHECK, DUAL_BOOT_HINT, ERROR_SEEN_INTRO, HOW_TO_FIX,
    compared_with, cross_check_words, drift_sentence, failure_words, measurement_explanation,
    notice_words, progress_text, verdict_glyph, zone_hint_sentence,
};

/// The big answer, carrying the DOM contract that tests and support tools read.
#[component]
pub fn VerdictPanel(
    /// The measurement to show.
    #[prop(into)]
    phase: Signal<Phase>,
    /// The service the verdict is for.
    #[prop(into)]
    service: Signal<Service>,
    /// Milliseconds from app start to the first verdict, once there was one.
    #[prop(into)]
    first_verdict_ms: Signal<Option<f64>>,
    /// The clock's drift, once live mode has measured it.
    #[prop(into)]
    drift: Signal<Option<Drift>>,
    /// The platform detected from the browser (a zone-sized offset on a PC may be dual boot).
    platform: Platform,
) -> impl IntoView {
    let measurement = move || phase.with(|phase| phase.measurement().cloned());
    let verdict = move || phase.with(Phase::verdict);
    let drift_text = move || {
        let drift = drift.get()?;
        let measurement = measurement()?;
        service.with(|service| {
            let remaining =
                drift.time_to_limit_ms(&measurement.estimate.interval, &service.tolerance);
            drift
                .is_meaningful()
                .then(|| drift_sentence(&drift, remaining, service))
        })
    };
    let service_id = move || service.with(|service| service.id.to_string());
    let limit_ms = move || service.with(|service| service.tolerance.widest_ms().to_string());
    view! {
        <section
            class=move || {
                let (verdict, state) = (verdict().as_str(), phase.with(Phase::state_name));
                format!("verdict verdict-{verdict} state-{state}")
            }
            data-testid="verdict"
            data-state=move || phase.with(Phase::state_name)
            data-verdict=move || verdict().as_str()
            data-offset-ms=move || measurement().map(|m| m.offset_ms_rounded().to_string())
            data-uncertainty-ms=move || measurement().map(|m| m.uncertainty_ms_rounded().to_string())
            data-service=service_id
            data-limit-ms=limit_ms
            data-refining=move || phase.with(|phase| phase.measurement().map(|_| phase.is_refining().to_string()))
            data-requests=move || measurement().map(|m| m.requests.to_string())
            data-first-verdict-ms=move || first_verdict_ms.get().map(|ms| fixed_point(ms, 0))
            data-cross-check=move || measurement().and_then(|m| m.cross_check).map(|c| c.outcome().as_str())
            data-drift-ppm=move || drift.get().map(|d| fixed_point(d.ppm(), 1))
            aria-live="polite"
            aria-busy=move || phase.with(Phase::is_measuring).to_string()
        >
            <div class="verdict-icon" aria-hidden="true">{move || phase.with(icon)}</div>
            <div class="verdict-body">
                {move || body(phase.get(), platform)}
                {move || drift_text().map(|text| view! { <p class="drift" data-testid="drift">{text}</p> })}
            </div>
            <Gauge
                measured=Signal::derive(move || phase.with(|phase| phase.measurement().map(|m| (m.estimate.interval, m.assessment))))
                service=service
            />
        </section>
    }
}

fn icon(phase: &Phase) -> &'static str {
    if phase.is_measuring() {
        return "…";
    }
    verdict_glyph(phase.verdict())
}

fn body(phase: Phase, platform: Platform) -> AnyView {
    match phase {
        Phase::Measuring { progress, notice } => view! {
            <h2 class="headline" data-testid="verdict-headline">{CHECKING.text()}</h2>
            <p class="progress-text">{progress_text(&progress)}</p>
            <progress max=progress.budget value=progress.requests></progress>
            {notice.map(|notice| view! { <p class="notice" data-testid="notice" role="status">{notice_words(&notice)}</p> })}
        }
        .into_any(),
        Phase::Provisional(measurement) | Phase::Settled(measurement) => {
            // The cross-check gets its own, styled paragraph.
            let cross_check = measurement.cross_check.as_ref().map(|check| {
                let outcome = check.outcome().as_str();
                view! { <p class=format!("cross-check cross-check-{outcome}") data-testid="cross-check" data-outcome=outcome>{cross_check_words(check).sentence}</p> }
            });
            let notice = measurement
                .notice
                .as_ref()
                .map(|notice| view! { <p class="notice" data-testid="notice" role="status">{notice_words(notice)}</p> });
            let explanation = measurement_explanation(&measurement);
            // Dual boot is named only where the steps are shown (not when sources disagree).
            let dual_boot = measurement.zone_hint.is_some_and(|hint| {
                dual_boot_likely(platform, &hint) && !measurement.sources_disagree()
            });
            view! {
                <h2 class="headline" data-testid="verdict-headline">{explanation.headline}</h2>
                // Whose clock is the judge belongs on the card, not only in the details.
                <p class="compared-with" data-testid="compared-with">{compared_with(&measurement.compared_with)}</p>
                // Which clock this is: the other clocks have a section of their own below.
                <p class="clock-checked" data-testid="clock-checked">{CLOCK_CHECKED.text()}</p>
                {notice}
                <div data-testid="verdict-explanation">
                    {explanation.sentences.into_iter().map(|sentence| view! { <p>{sentence}</p> }).collect_view()}
                </div>
                {explanation.error_seen.map(|error| view! {
                    <p class="error-seen" data-testid="error-seen">{ERROR_SEEN_INTRO.text()} <code>{error}</code></p>
                })}
                {cross_check}
                {match (measurement.zone_hint, explanation.fix) {
                    // A time-zone mistake needs different advice from "turn on automatic time".
                    (Some(hint), _) => Some(view! {
                        <p class="fix zone-hint" data-testid="timezone-hint"><strong>{HOW_TO_FIX.text()}</strong>{zone_hint_sentence(&hint)}</p>
                        {dual_boot.then(|| view! { <p class="fix" data-testid="dual-boot-hint">{DUAL_BOOT_HINT.text()}</p> })}
                    }.into_any()),
                    (None, Some(fix)) => Some(view! { <p class="fix" data-testid="fix"><strong>{HOW_TO_FIX.text()}</strong>{fix}</p> }.into_any()),
                    (None, None) => None,
                }}
            }
            .into_any()
        }
        Phase::Failed(failure) => {
            let words = failure_words(&failure);
            view! {
                <h2 class="headline" data-testid="verdict-headline">{COULD_NOT_CHECK.text()}</h2>
                <p class="error-message" data-testid="error" role="alert">{words.message}</p>
                <p class="advice">{words.advice}</p>
            }
            .into_any()
        }
    }
}
