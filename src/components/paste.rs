//! "Have an error message? Paste it": decodes a client's error text as it is typed, in the
//! page (the engine's [`decode`]); nothing is sent anywhere.

use crate::components::services::verdict_badge;
use leptos::prelude::*;
use skewcheck_core::pasted::{
    Bound, Diagnosis, Form, ReferenceNow, TRANSIT_ALLOWANCE_MS, Undecoded, decode, reconcile,
};
use skewcheck_core::words::{
    COMPARED_AS_IT_IS_NOW, PASTE_VS_DEVICE_HEADING, paste_vs_device_words,
};
use skewcheck_core::words::{
    NO_TIMES_FOUND, PASTE_BOX_LABEL, PASTE_HEADING, PASTE_PLACEHOLDER, PASTE_PRIVACY,
    jwt_uncertainty_note, paste_form_line, signed_request_uncertainty_note,
};
use skewcheck_core::words::{
    caveat_words, form_name, paste_fix_intro, paste_looks_for, pasted_fix_steps, pasted_sentence,
    stamp_label_words,
};

/// The paste and what it decoded to, owned by the page (provided as context) so both
/// outlive a redraw of the section, and shared with the report
/// ([`crate::components::report::ReportShare`] adds the diagnosis to its text).
#[derive(Clone, Copy)]
pub struct PastedDiagnosis {
    /// The text in the box.
    pub text: RwSignal<String>,
    /// What it decodes to: JWTs are held against the correct time as the page knows it
    /// (the device clock `now`, read when decoding, minus the `measured` offset).
    pub decoded: Memo<Result<Diagnosis, Undecoded>>,
    /// This device's measured (offset, uncertainty), once there is one: the paste is
    /// compared with it.
    pub measured: Signal<Option<(f64, f64)>>,
}

impl PastedDiagnosis {
    /// An empty paste, decoded against `now` and the `measured` (offset, uncertainty).
    pub fn new(now: Signal<f64>, measured: Signal<Option<(f64, f64)>>) -> Self {
        let text = RwSignal::new(String::new());
        let decoded = Memo::new(move |_| {
            let reference = ReferenceNow::at(now.get_untracked(), measured.get());
            text.with(|text| decode(text, Some(reference)))
        });
        Self {
            text,
            decoded,
            measured,
        }
    }
}

/// The paste box and what it decodes to (the page provides the [`PastedDiagnosis`]).
#[component]
pub fn PasteError() -> impl IntoView {
    let PastedDiagnosis {
        text,
        decoded: result,
        measured,
    } = expect_context::<PastedDiagnosis>();
    view! {
        <section class="card paste" data-testid="paste-section">
            <h3>{PASTE_HEADING.text()}</h3>
            <p class="status" data-testid="paste-privacy">{PASTE_PRIVACY.text()}</p>
            <textarea
                class="paste-box"
                data-testid="paste-error"
                rows="6"
                spellcheck="false"
                aria-label=PASTE_BOX_LABEL.text()
                placeholder=PASTE_PLACEHOLDER.text()
                prop:value=move || text.get()
                on:input=move |event| text.set(event_target_value(&event))
            ></textarea>
            {move || match result.get() {
                Ok(diagnosis) => view! {
                    {decoded_view(&diagnosis)}
                    {move || compared_view(&diagnosis, measured.get())}
                }
                .into_any(),
                Err(Undecoded::Empty) => ().into_any(),
                Err(Undecoded::NoTimes) => view! {
                    <div class="paste-message" data-testid="paste-message" role="status">
                        <p>{NO_TIMES_FOUND.text()}</p>
                        <ul>{paste_looks_for().iter().map(|item| view! { <li>{item.text()}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The diagnosis: badge and sentence, the two timestamps, the bound, the fix.
fn decoded_view(diagnosis: &Diagnosis) -> impl IntoView + use<> {
    let (glyph, word) = verdict_badge(diagnosis.verdict);
    let bound = match diagnosis.bound {
        Bound::Both => "both",
        Bound::AtLeast => "at-least",
    };
    let uncertainty_note = if diagnosis.form == Form::Jwt {
        jwt_uncertainty_note(diagnosis.uncertainty_ms)
    } else {
        signed_request_uncertainty_note(diagnosis.uncertainty_ms, TRANSIT_ALLOWANCE_MS)
    };
    let steps = pasted_fix_steps(diagnosis);
    view! {
        <div
            class="decoded"
            data-testid="decoded-error"
            data-offset-ms=diagnosis.offset_ms.to_string()
            data-uncertainty-ms=diagnosis.uncertainty_ms.to_string()
            data-service=diagnosis.service.id.to_string()
            data-verdict=diagnosis.verdict.as_str()
            data-form=diagnosis.form.id()
            data-bound=bound
        >
            <p class="paste-sentence">
                <span class="badge">{glyph}" "{word}</span>" "{pasted_sentence(diagnosis)}
            </p>
            <dl class="paste-times">
                <dt>{stamp_label_words(diagnosis.signer.label)}</dt>
                <dd data-testid="decoded-signer-time">{diagnosis.signer.text.clone()}</dd>
                <dt>{stamp_label_words(diagnosis.server.label)}</dt>
                <dd data-testid="decoded-server-time">{diagnosis.server.text.clone()}</dd>
            </dl>
            <p class="status">{paste_form_line(&form_name(diagnosis.form), &diagnosis.service.name)}</p>
            <p class="status">{uncertainty_note}</p>
            {diagnosis.caveat.map(|caveat| view! { <p class="status">{caveat_words(caveat)}</p> })}
            {(!steps.is_empty()).then(|| view! {
                <h4>{paste_fix_intro()}</h4>
                <ol class="steps" data-testid="decoded-fix">
                    {steps.iter().map(|step| view! { <li>{step.text()}</li> }).collect_view()}
                </ol>
            })}
        </div>
    }
}

/// The paste held against this device's clock: which clock signed the failing request.
fn compared_view(diagnosis: &Diagnosis, measured: Option<(f64, f64)>) -> impl IntoView + use<> {
    let conclusion = reconcile(diagnosis, measured);
    view! {
        <div class="paste-vs-device" data-testid="paste-vs-device" data-conclusion=conclusion.as_str()>
            <h4>{PASTE_VS_DEVICE_HEADING.text()}</h4>
            {paste_vs_device_words(conclusion, diagnosis, measured)
                .into_iter()
                .map(|sentence| view! { <p>{sentence}</p> })
                .collect_view()}
            <p class="status">{COMPARED_AS_IT_IS_NOW.text()}</p>
        </div>
    }
}
