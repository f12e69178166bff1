//! The language switcher (`[data-testid="language"]`): a `<select>` of the languages the
//! deployment offers, each in its own name, its value the tag; and the notice when a
//! language's file could not be loaded.

use crate::language::PageLanguage;
use leptos::prelude::*;
use skewcheck_core::lang::Lang;
use skewcheck_core::words::{LANGUAGE_LABEL, language_not_loaded};

/// The switcher, and the notice when the chosen language could not be loaded.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let language = expect_context::<PageLanguage>();
    let current = language.lang.get_untracked();
    let options = move || {
        language
            .offered
            .get()
            .into_iter()
            .map(|lang| {
                view! {
                    <option value=lang.tag() lang=lang.tag() selected=lang == current>{lang.own_name()}</option>
                }
            })
            .collect_view()
    };
    let failed = move || {
        language.failed.get().map(|lang| {
            view! { <p class="language-notice" role="status" data-testid="language-notice">{language_not_loaded(lang)}</p> }
        })
    };
    view! {
        <div class="language-bar">
            <select
                class="language"
                data-testid="language"
                aria-label=LANGUAGE_LABEL.text()
                prop:value=current.tag()
                on:change=move |event| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&event)) {
                        language.switch(lang);
                    }
                }
            >
                {options}
            </select>
        </div>
        {failed}
    }
}
