use crate::browser::scroll_to;
use leptos::prelude::*;
use skewcheck_core::other_clock::{FixTopic, other_clocks};
use skewcheck_core::platform::Platform;
use skewcheck_core::support::CheckCommand;
use skewcheck_core::words::{
    CHECK_COMMAND_INTRO, CHECK_DOWNLOAD_INTRO, OTHER_CLOCKS_INTRO, OTHER_CLOCKS_SUMMARY,
    other_clock_hint, other_clock_steps_label,
};

/// Selects `topic` in the fix-steps card and brings the card into view.
pub fn show_steps(selected: RwSignal<FixTopic>, topic: FixTopic) {
    selected.set(topic);
    scroll_to("fix-steps");
}

/// Where else the failing request may have been signed, for the platform in hand (the
/// core's choice and order), with the command that checks any machine with a terminal and a
/// button to each clock's fix steps. Closed by default, and says nothing about this device.
#[component]
pub fn OtherClocks(
    /// The platform detected from the browser.
    detected: Platform,
    /// The fix-steps card's tab, which the hints select.
    selected: RwSignal<FixTopic>,
    /// The commands that check a machine with `check.sh` from this page's directory.
    command: CheckCommand,
) -> impl IntoView {
    view! {
        <details class="card other-clocks" data-testid="other-clocks" data-platform=detected.id()>
            <summary>{OTHER_CLOCKS_SUMMARY.text()}</summary>
            <p>{OTHER_CLOCKS_INTRO.text()}</p>
            <ul class="other-clock-hints">
                {other_clocks(detected).into_iter().map(|kind| view! {
                    <li data-testid="other-clock-hint" data-kind=kind.id()>
                        {other_clock_hint(kind).text()}
                        {kind.has_steps().then(|| view! {
                            " "
                            <button type="button" class="secondary" data-testid="other-clock-steps" data-kind=kind.id()
                                on:click=move |_| show_steps(selected, FixTopic::Other(kind))>
                                {other_clock_steps_label(kind)}
                            </button>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            <p>{CHECK_COMMAND_INTRO.text()}</p>
            <pre class="command"><code data-testid="check-command">{command.piped}</code></pre>
            <p>{CHECK_DOWNLOAD_INTRO.text()}</p>
            <pre class="command"><code data-testid="check-command-download">{command.download}</code></pre>
        </details>
    }
}
