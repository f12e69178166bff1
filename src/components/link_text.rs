//! Words that come from the link, shown as the link's and not as the page's own.

use leptos::prelude::*;
use skewcheck_core::words::ticket_label;

/// The support ticket from `?ref=` (or a permalink): `Ticket (from the link): “T-1234”`.
/// The ticket is cleaned when the link is read ([`skewcheck_core::config::parse_query`]).
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn TicketTag(
    /// The ticket, as the link gave it.
    ticket: String,
) -> impl IntoView {
    view! { <p class="reference-tag" data-testid="ref">{ticket_label(&ticket)}</p> }
}
