use crate::browser::scroll_to;
use crate::components::markup::{button, clicked_button, escaped};
use leptos::prelude::*;
use skewcheck_core::other_clock::{FixTopic, OtherClock, other_clocks};
use skewcheck_core::platform::Platform;
use skewcheck_core::support::CheckCommand;
use skewcheck_core::words::{
    CHECK_COMMAND_INTRO, CHECK_DOWNLOAD_INTRO, OTHER_CLOCKS_INTRO, OTHER_CLOCKS_SUMMARY,
    other_clock_hint, other_clock_steps_label,
};

/// Selects `topic` in the fix-steps card and brings the card into view.
fn show_steps(selected: RwSignal<FixTopic>, topic: FixTopic) {
    selected.set(topic);
    scroll_to("fix-steps");
}

/// Where else the failing request may have been signed, for the platform in hand (the
/// core's choice and order), with the command that checks any machine with a terminal and a
/// button to each clock's fix steps. Closed by default, and says nothing about this device.
/// Hidden until there is a first measurement, and while the sources disagree.
///
/// Written as markup ([`crate::components::markup`]) with one click handler for its
/// buttons: static once drawn, and as a view it cost 1.4 KiB gzip more of the first load.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn OtherClocks(
    /// The platform detected from the browser.
    detected: Platform,
    /// The fix-steps card's tab, which the hints select.
    selected: RwSignal<FixTopic>,
    /// The commands that check a machine with `check.sh` from this page's directory.
    command: CheckCommand,
    /// Whether the section shows: with the first measurement, and not when the time sources
    /// disagree. Hidden, not left out: an element drawn once costs less than a view that
    /// comes and goes.
    shown: Memo<bool>,
) -> impl IntoView {
    let click = move |event: leptos::ev::MouseEvent| {
        let kind = clicked_button(&event)
            .and_then(|button| button.get_attribute("data-kind"))
            .and_then(|id| OtherClock::ALL.into_iter().find(|kind| kind.id() == id));
        if let Some(kind) = kind {
            show_steps(selected, FixTopic::Other(kind));
        }
    };
    view! {
        <details class="card other-clocks" data-testid="other-clocks" data-platform=detected.id()
            hidden=move || !shown.get() on:click=click inner_html=other_clocks_markup(detected, &command)></details>
    }
}

/// The section's inside (the DOM contract's hooks, docs/dom-contract.md): the summary, the
/// hints likeliest first, each but another device's with the button to its steps, and the
/// two commands.
fn other_clocks_markup(detected: Platform, command: &CheckCommand) -> String {
    let mut out = format!(
        "<summary>{}</summary><p>{}</p><ul class=\"other-clock-hints\">",
        escaped(&OTHER_CLOCKS_SUMMARY.text()),
        escaped(&OTHER_CLOCKS_INTRO.text())
    );
    for kind in other_clocks(detected) {
        out.push_str(&format!(
            "<li data-testid=\"other-clock-hint\" data-kind=\"{}\">{}",
            kind.id(),
            escaped(&other_clock_hint(kind).text())
        ));
        if kind.has_steps() {
            out.push(' ');
            let extra = format!(" data-kind=\"{}\"", kind.id());
            button(
                &mut out,
                "other-clock-steps",
                "secondary",
                &extra,
                &other_clock_steps_label(kind),
            );
        }
        out.push_str("</li>");
    }
    out.push_str(&format!(
        "</ul><p>{}</p><pre class=\"command\"><code data-testid=\"check-command\">{}</code></pre>\
         <p>{}</p><pre class=\"command\"><code data-testid=\"check-command-download\">{}</code></pre>",
        escaped(&CHECK_COMMAND_INTRO.text()),
        escaped(&command.piped),
        escaped(&CHECK_DOWNLOAD_INTRO.text()),
        escaped(&command.download)
    ));
    out
}
