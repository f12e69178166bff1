use crate::engine::verdict::{Service, Verdict};
use crate::measure::Phase;
use leptos::prelude::*;

/// The big answer, carrying the DOM contract that tests and support tools read.
#[component]
pub fn VerdictPanel(
    #[prop(into)] phase: Signal<Phase>,
    service: &'static Service,
) -> impl IntoView {
    let measurement = move || phase.with(|phase| phase.measurement().cloned());
    let verdict = move || phase.with(Phase::verdict);
    let limit_ms = service
        .tolerance
        .ahead_ms
        .max(service.tolerance.behind_ms)
        .to_string();
    view! {
        <section
            class=move || format!("verdict verdict-{} state-{}", verdict().as_str(), phase.with(Phase::state_name))
            data-testid="verdict"
            data-state=move || phase.with(Phase::state_name)
            data-verdict=move || verdict().as_str()
            data-offset-ms=move || measurement().map(|m| m.offset_ms_rounded().to_string())
            data-uncertainty-ms=move || measurement().map(|m| m.uncertainty_ms_rounded().to_string())
            data-service=service.id
            data-limit-ms=limit_ms
            aria-live="polite"
            aria-busy=move || (phase.with(Phase::state_name) == "measuring").to_string()
        >
            <div class="verdict-icon" aria-hidden="true">{move || icon(verdict(), phase.with(Phase::state_name))}</div>
            <div class="verdict-body">{move || body(phase.get())}</div>
        </section>
    }
}

fn icon(verdict: Verdict, state: &str) -> &'static str {
    match (verdict, state) {
        (_, "measuring") => "…",
        (Verdict::Ok, _) => "✓",
        (Verdict::Warning, _) => "!",
        (Verdict::Rejected, _) => "✕",
        (Verdict::Unknown, _) => "?",
    }
}

fn body(phase: Phase) -> AnyView {
    match phase {
        Phase::Measuring { progress, notice } => view! {
            <h2 class="headline" data-testid="verdict-headline">"Checking the clock…"</h2>
            <p class="progress-text">
                {format!("Comparing with the time server: {} of {} answers", progress.collected, progress.wanted)}
            </p>
            <progress max=progress.wanted value=progress.collected></progress>
            {notice.map(|text| view! { <p class="notice" data-testid="notice" role="status">{text}</p> })}
        }
        .into_any(),
        Phase::Done(measurement) => {
            let explanation = measurement.explanation;
            view! {
                <h2 class="headline" data-testid="verdict-headline">{explanation.headline}</h2>
                <div data-testid="verdict-explanation">
                    {explanation.sentences.into_iter().map(|sentence| view! { <p>{sentence}</p> }).collect_view()}
                </div>
                {explanation.error_seen.map(|error| view! {
                    <p class="error-seen" data-testid="error-seen">"Uploads get the error " <code>{error}</code></p>
                })}
                {explanation.fix.map(|fix| view! { <p class="fix" data-testid="fix"><strong>"How to fix it: "</strong>{fix}</p> })}
            }
            .into_any()
        }
        Phase::Failed(failure) => view! {
            <h2 class="headline" data-testid="verdict-headline">"Could not check the clock"</h2>
            <p class="error-message" data-testid="error" role="alert">{failure.message}</p>
            <p class="advice">{failure.advice}</p>
        }
        .into_any(),
    }
}
