use leptos::prelude::*;
use skewcheck_core::decimal::fixed_point;
use skewcheck_core::sample::OffsetInterval;
use skewcheck_core::verdict::{Assessment, Service, Verdict};
use skewcheck_core::words::{
    self, GAUGE_DIRECTION, GAUGE_FAST, GAUGE_SLOW, gauge_both_limits, gauge_description,
    gauge_fast_limit, gauge_slow_limit,
};

/// Drawing width in SVG units; the picture scales to its container.
const WIDTH: f64 = 320.0;
const CENTRE: f64 = WIDTH / 2.0;
const HALF_SPAN: f64 = 140.0;

/// The offset and its uncertainty on a line, against the service's accepted window.
#[component]
pub fn Gauge(
    /// The measured interval and the engine's assessment of it, once there is one.
    #[prop(into)]
    measured: Signal<Option<(OffsetInterval, Assessment)>>,
    /// Whose window to draw.
    #[prop(into)]
    service: Signal<Service>,
) -> impl IntoView {
    // Until there is a measurement, an empty scale holds the picture's place.
    let placeholder = move || {
        view! {
            <figure class="gauge card" data-testid="gauge" data-empty="true">
                <svg viewBox="0 0 320 70" class="gauge-svg" aria-hidden="true">
                    <rect class="gauge-track" x="10" y="24" width="300" height="14" rx="7"></rect>
                </svg>
                {direction_note()}
            </figure>
        }
        .into_any()
    };
    move || {
        let Some((interval, assessment)) = measured.get() else {
            return placeholder();
        };
        service.with(|service| {
            let ahead = service.tolerance.ahead.map(|limit| limit.ms as f64);
            let behind = service.tolerance.behind.map(|limit| limit.ms as f64);
            // The scale shows both limits (or the offset, if further) with room around them.
            let widest = ahead.unwrap_or(0.0).max(behind.unwrap_or(0.0));
            let range = (widest.max(interval.midpoint_ms().abs()) * 1.25).max(1_000.0);
            let x = |value: f64| CENTRE + (value / range).clamp(-1.05, 1.05) * HALF_SPAN;
            let window_left = behind.map_or(x(-range * 2.0), |limit| x(-limit));
            let window_right = ahead.map_or(x(range * 2.0), x);
            let marker = x(interval.midpoint_ms());
            let (bar_left, bar_right) = (
                x(interval.lower_ms),
                x(interval.upper_ms).max(x(interval.lower_ms) + 2.0),
            );
            // Rejected means the whole interval is beyond a limit; anything else reaches in.
            let inside = assessment.verdict != Verdict::Rejected;
            let description = gauge_description(&interval, service, inside);
            view! {
                <figure class="gauge card" data-testid="gauge">
                    <svg viewBox="0 0 320 70" role="img" aria-label=description.clone() class="gauge-svg">
                        <title>{description.clone()}</title>
                        <rect class="gauge-track" x="10" y="24" width="300" height="14" rx="7"></rect>
                        <rect class="gauge-window" x=fixed_point(window_left, 1) y="24" width=fixed_point((window_right - window_left).max(1.0), 1) height="14"></rect>
                        <line class="gauge-zero" x1="160" x2="160" y1="18" y2="44"></line>
                        <rect class="gauge-bar" x=fixed_point(bar_left, 1) y="27" width=fixed_point(bar_right - bar_left, 1) height="8" rx="3"></rect>
                        <circle class="gauge-marker" cx=fixed_point(marker, 1) cy="31" r="7"></circle>
                        <text class="gauge-label" x="160" y="60" text-anchor="middle">"0"</text>
                        {limit_labels(behind, ahead, window_left, window_right)}
                        <text class="gauge-label" x="14" y="60">{GAUGE_SLOW.text()}</text>
                        <text class="gauge-label" x="306" y="60" text-anchor="end">{GAUGE_FAST.text()}</text>
                    </svg>
                    {direction_note()}
                    <figcaption class="visually-hidden" data-testid="gauge-text">{description}</figcaption>
                </figure>
            }
            .into_any()
        })
    }
}

/// In a right-to-left language, under the scale: it still reads left to right, slow on the
/// minus side (the SVG is drawn `direction: ltr`, style.css), as the numbers it shows do.
/// In both the placeholder and the drawn gauge, so its arrival moves nothing.
fn direction_note() -> Option<impl IntoView> {
    words::spoken().is_rtl().then(|| {
        view! { <p class="gauge-note" data-testid="gauge-direction">{GAUGE_DIRECTION.text()}</p> }
    })
}

/// Labels for the window's edges; one "±" label when the edges are too close for two.
fn limit_labels(behind: Option<f64>, ahead: Option<f64>, left: f64, right: f64) -> impl IntoView {
    let text = |x: f64, words: String| view! { <text class="gauge-label" x=fixed_point(x, 1) y="16" text-anchor="middle">{words}</text> };
    match (behind, ahead) {
        (Some(behind), Some(ahead)) if behind == ahead && right - left < 70.0 => {
            vec![text((left + right) / 2.0, gauge_both_limits(ahead))]
        }
        _ => [
            behind.map(|limit| text(left, gauge_slow_limit(limit))),
            ahead.map(|limit| text(right, gauge_fast_limit(limit))),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}
