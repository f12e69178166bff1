use leptos::prelude::*;
use skewcheck_core::other_clock::FixTopic;
use skewcheck_core::platform::Platform;
use skewcheck_core::words::{
    DEVICE_TYPE, TIME_ZONE_FIRST, automatic_time_steps, fix_topic_heading, fix_topic_name,
    other_clock_steps, time_zone_steps,
};

/// Exact steps to turn on automatic date and time on the device in hand, with the other
/// platforms and the other clocks (WSL, Docker, a server, a VM, a board, dual boot) one tap
/// away. With a time-zone hint, the time-zone steps come first.
#[component]
pub fn FixSteps(
    /// The platform detected from the browser.
    detected: Platform,
    /// The tab shown: starts at the detected platform; the other-clock hints select theirs.
    selected: RwSignal<FixTopic>,
    /// Whether the offset looks like a wrong time zone.
    #[prop(into)]
    zone_mistake: Signal<bool>,
) -> impl IntoView {
    let steps = move || match selected.get() {
        FixTopic::Device(platform) => automatic_time_steps(platform)
            .iter()
            .map(|step| step.text())
            .collect::<Vec<_>>(),
        FixTopic::Other(kind) => other_clock_steps(kind)
            .iter()
            .map(|step| step.text())
            .collect(),
    };
    view! {
        <section class="card fix-steps" data-testid="fix-steps" data-platform=move || selected.get().id() data-detected=detected.id()>
            <h3>{move || fix_topic_heading(selected.get())}</h3>
            <div class="tabs" role="tablist" aria-label=DEVICE_TYPE.text()>
                {FixTopic::tabs()
                    .map(|topic| view! {
                        <button
                            type="button"
                            class="tab"
                            role="tab"
                            data-testid=format!("platform-{}", topic.id())
                            aria-selected=move || (selected.get() == topic).to_string()
                            on:click=move |_| selected.set(topic)
                        >
                            {fix_topic_name(topic)}
                        </button>
                    })
                    .collect_view()}
            </div>
            <ol class="steps" data-testid="automatic-time-steps">
                {move || steps().into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}
            </ol>
            // Appended, not prepended: the card keeps its top in place when the result arrives.
            {move || match (zone_mistake.get(), selected.get()) {
                (true, FixTopic::Device(platform)) => Some(view! {
                    <h4>{TIME_ZONE_FIRST.text()}</h4>
                    <ol class="steps" data-testid="time-zone-steps">
                        {time_zone_steps(platform).iter().map(|step| view! { <li>{step.text()}</li> }).collect_view()}
                    </ol>
                }),
                _ => None,
            }}
        </section>
    }
}
