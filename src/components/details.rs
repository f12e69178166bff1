use leptos::prelude::*;
use skewcheck_core::decimal::signed_fixed_point;
use skewcheck_core::drift::Drift;
use skewcheck_core::measure::Phase;
use skewcheck_core::words::{cache_sentence, duration_words, source_sentence};

/// The numbers behind the verdict, for the support person.
#[component]
pub fn MeasurementDetails(
    /// The measurement to show.
    #[prop(into)]
    phase: Signal<Phase>,
    /// The clock's drift, once live mode has measured it.
    #[prop(into)]
    drift: Signal<Option<Drift>>,
) -> impl IntoView {
    let rows = move || {
        phase.with(|phase| {
            phase.measurement().map(|measurement| {
                let estimate = &measurement.estimate;
                view! {
                    <dl class="details-list">
                        <dt>"Offset (device − reference)"</dt>
                        <dd data-testid="detail-offset">
                            {format!("{:+} ms ± {} ms", measurement.offset_ms_rounded(), measurement.uncertainty_ms_rounded())}
                        </dd>
                        <dt>"Time source"</dt>
                        <dd data-testid="detail-source">{source_sentence(&measurement.source)}</dd>
                        <dt>"Samples"</dt>
                        <dd>{format!("{} of {} agree", estimate.samples_agreeing, estimate.samples_usable)}</dd>
                        <dt>"Requests"</dt>
                        <dd>{measurement.requests}</dd>
                        <dt>"Fastest round trip"</dt>
                        <dd>{duration_words(estimate.best_round_trip_ms)}</dd>
                        {measurement.cache.as_ref().map(cache_sentence).map(|sentence| view! {
                            <dt>"Web host's cache"</dt>
                            <dd data-testid="detail-cache">{sentence}</dd>
                        })}
                        <dt>"Drift"</dt>
                        <dd data-testid="detail-drift">
                            {match drift.get() {
                                Some(drift) => format!(
                                    "{} ppm (between {} and {}, over {})",
                                    signed_fixed_point(drift.ppm(), 1),
                                    signed_fixed_point(drift.lower_ppm, 1),
                                    signed_fixed_point(drift.upper_ppm, 1),
                                    duration_words(drift.span_ms)
                                ),
                                None => "measured after 5 minutes with this page open".to_owned(),
                            }}
                        </dd>
                    </dl>
                }
            })
        })
    };
    view! {
        <details class="details">
            <summary>"Measurement details"</summary>
            {rows}
        </details>
    }
}
