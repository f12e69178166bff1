use leptos::prelude::*;
use skewcheck_core::platform::Platform;
use skewcheck_core::words::{
    DEVICE_TYPE, TIME_ZONE_FIRST, automatic_time_steps, fix_steps_heading, time_zone_steps,
};

/// Exact steps to turn on automatic date and time on the device in hand, with the other
/// platforms one tap away. With a time-zone hint, the time-zone steps come first.
#[component]
pub fn FixSteps(
    /// The platform detected from the browser.
    detected: Platform,
    /// Whether the offset looks like a wrong time zone.
    #[prop(into)]
    zone_mistake: Signal<bool>,
) -> impl IntoView {
    let selected = RwSignal::new(detected);
    view! {
        <section class="card fix-steps" data-testid="fix-steps" data-platform=move || selected.get().id() data-detected=detected.id()>
            <h3>{move || fix_steps_heading(selected.get())}</h3>
            <div class="tabs" role="tablist" aria-label=DEVICE_TYPE>
                {Platform::ALL
                    .into_iter()
                    .map(|platform| view! {
                        <button
                            type="button"
                            class="tab"
                            role="tab"
                            data-testid=format!("platform-{}", platform.id())
                            aria-selected=move || (selected.get() == platform).to_string()
                            on:click=move |_| selected.set(platform)
                        >
                            {platform.name()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <ol class="steps" data-testid="automatic-time-steps">
                {move || automatic_time_steps(selected.get()).iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
            </ol>
            // Appended, not prepended: the card keeps its top in place when the result arrives.
            {move || zone_mistake.get().then(|| view! {
                <h4>{TIME_ZONE_FIRST}</h4>
                <ol class="steps" data-testid="time-zone-steps">
                    {time_zone_steps(selected.get()).iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
            })}
        </section>
    }
}
