//! The QR code of a result's permalink, sized for a phone camera across a table, with a
//! "show large" view that fills the screen.

use leptos::ev;
use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use skewcheck_core::words::{QR_CAPTION, QR_CLOSE, QR_LABEL, QR_LARGE_LABEL, SHOW_LARGE};

/// CSS pixels per module: a phone camera reads 4 px modules from across a table.
const MODULE_PX: u32 = 4;

/// The modules of quiet zone QR readers need on each side.
const QUIET_ZONE_MODULES: usize = 4;

/// A QR code of `text` as an SVG string at [`MODULE_PX`] per module with its quiet zone,
/// and its width in modules (quiet zone included); `None` if `text` does not fit.
fn qr_svg(text: &str) -> Option<(String, usize)> {
    // Level M repairs a glare spot or a smudge on the screen; the compact permalink keeps
    // the code small enough for it.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let modules = code.width() + 2 * QUIET_ZONE_MODULES;
    // Dark modules on white in every colour scheme: readers expect that.
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(MODULE_PX, MODULE_PX)
        .quiet_zone(true)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    Some((svg, modules))
}

/// The QR code of `link`, what it holds, and a button that shows it full screen (tap or
/// Escape closes that view). Nothing when the link does not fit in a QR code.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn PermalinkQr(
    /// The permalink the code holds.
    link: String,
) -> impl IntoView {
    let (svg, modules) = qr_svg(&link)?;
    let large = RwSignal::new(false);
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" {
            large.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let large_svg = svg.clone();
    Some(view! {
        <figure class="qr-figure">
            <div class="qr" data-testid="qr" data-modules=modules.to_string() role="img" aria-label=QR_LABEL.text() inner_html=svg></div>
            <figcaption class="status">
                {QR_CAPTION.text()}
                <button type="button" class="secondary" data-testid="qr-show-large" on:click=move |_| large.set(true)>
                    {SHOW_LARGE.text()}
                </button>
            </figcaption>
        </figure>
        <Show when=move || large.get()>
            <div class="qr-large" data-testid="qr-large" role="dialog" aria-modal="true" aria-label=QR_LARGE_LABEL.text() on:click=move |_| large.set(false)>
                <div class="qr-large-code" inner_html=large_svg.clone()></div>
                <p>{QR_CLOSE.text()}</p>
            </div>
        </Show>
    })
}
