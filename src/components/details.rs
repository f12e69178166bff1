use leptos::prelude::*;
use skewcheck_core::drift::Drift;
use skewcheck_core::measure::Phase;
use skewcheck_core::words::{
    DETAIL_CACHE, DETAIL_DRIFT, DETAIL_OFFSET, DETAIL_REQUESTS, DETAIL_ROUND_TRIP, DETAIL_SAMPLES,
    DETAIL_SOURCE, MEASUREMENT_DETAILS, cache_sentence, drift_detail, duration_words,
    offset_detail, samples_detail, source_sentence,
};

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
                        <dt>{DETAIL_OFFSET.text()}</dt>
                        <dd data-testid="detail-offset">
                            {offset_detail(measurement.offset_ms_rounded(), measurement.uncertainty_ms_rounded())}
                        </dd>
                        <dt>{DETAIL_SOURCE.text()}</dt>
                        <dd data-testid="detail-source">{source_sentence(&measurement.source)}</dd>
                        <dt>{DETAIL_SAMPLES.text()}</dt>
                        <dd>{samples_detail(estimate)}</dd>
                        <dt>{DETAIL_REQUESTS.text()}</dt>
                        <dd>{measurement.requests}</dd>
                        <dt>{DETAIL_ROUND_TRIP.text()}</dt>
                        <dd>{duration_words(estimate.best_round_trip_ms)}</dd>
                        {measurement.cache.as_ref().map(cache_sentence).map(|sentence| view! {
                            <dt>{DETAIL_CACHE.text()}</dt>
                            <dd data-testid="detail-cache">{sentence}</dd>
                        })}
                        <dt>{DETAIL_DRIFT.text()}</dt>
                        <dd data-testid="detail-drift">{drift_detail(drift.get())}</dd>
                    </dl>
                }
            })
        })
    };
    view! {
        <details class="details">
            <summary>{MEASUREMENT_DETAILS.text()}</summary>
            {rows}
        </details>
    }
}
