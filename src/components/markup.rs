//! Sections written as one string of markup, for their bytes: a Leptos view compiles build
//! and mount code for every element it has, a string costs its text. Used where a section is
//! static once drawn and its buttons can share one click handler (the field sheet, the other
//! clocks). Every text goes through [`escaped`], and the page's Content-Security-Policy would
//! not run a script a text smuggled in either.

pub use skewcheck_core::text::markup_escaped as escaped;
use wasm_bindgen::JsCast;

/// The button a click inside `event`'s element hit, if any.
pub fn clicked_button(event: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("button").ok().flatten())
}

/// A button: its test id, class and words (and extra attributes, already escaped).
pub fn button(out: &mut String, testid: &str, class: &str, extra: &str, words: &str) {
    out.push_str(&format!(
        "<button type=\"button\" class=\"{class}\" data-testid=\"{testid}\"{extra}>{}</button>",
        escaped(words)
    ));
}

/// A paragraph: its class, role and test id, and its text.
pub fn paragraph(out: &mut String, class: &str, role: &str, testid: &str, text: &str) {
    out.push_str(&format!(
        "<p class=\"{class}\" role=\"{role}\" data-testid=\"{testid}\">{}</p>",
        escaped(text)
    ));
}
