use crate::browser::local_time_text;
use leptos::prelude::*;
use skewcheck_core::words::{CLOCKS_LABEL, THIS_DEVICE};

/// The device's time and the reference time side by side, ticking.
#[component]
pub fn LiveClocks(
    /// The device's wall clock, refreshed by a ticker.
    #[prop(into)]
    now: Signal<f64>,
    /// The measured offset (device − reference), once known.
    #[prop(into)]
    offset_ms: Signal<Option<f64>>,
    /// What the reference clock is called ("Correct time", unless its source is disputed).
    #[prop(into)]
    reference_label: Signal<String>,
) -> impl IntoView {
    let reference = move || match offset_ms.get() {
        Some(offset) => local_time_text(now.get() - offset),
        None => "—".to_owned(),
    };
    // The labels are not headings: the clocks come before the verdict's heading (h2), and one
    // line each whatever the language (style.css), so the card below them never moves.
    view! {
        <section class="clocks" aria-label=CLOCKS_LABEL.text()>
            <div class="clock">
                <p class="clock-label">{THIS_DEVICE.text()}</p>
                <p class="clock-time" data-testid="device-time">{move || local_time_text(now.get())}</p>
            </div>
            <div class="clock">
                <p class="clock-label">{reference_label}</p>
                <p class="clock-time" data-testid="reference-time">{reference}</p>
            </div>
        </section>
    }
}
