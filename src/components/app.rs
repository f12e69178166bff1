use crate::browser::{
    device_facts, focus_language_switcher, language_switcher_focused, page_address, page_fragment,
    reload_on_fragment_change, resolve_url, shell_mounted, shell_shows_first_verdict,
};
use crate::components::clocks::LiveClocks;
use crate::components::details::MeasurementDetails;
use crate::components::fix::FixSteps;
use crate::components::language::LanguageSwitcher;
use crate::components::link_text::TicketTag;
use crate::components::live::{LiveView, use_hand_over, use_live_check};
use crate::components::other_clocks::OtherClocks;
use crate::components::paste::{PasteError, PastedDiagnosis};
use crate::components::report::{PastReport, ReportShare};
use crate::components::services::ServiceList;
use crate::components::sheet::{SheetAdd, SheetPage};
use crate::components::site_extras::SiteExtras;
use crate::components::support::{LinkMaker, ServerCheck};
use crate::components::verdict_panel::VerdictPanel;
use crate::language::PageLanguage;
use leptos::prelude::*;
use leptos::reactive::effect::RenderEffect;
use leptos::tachys::view::{Mountable, Render};
use skewcheck_core::address::page_base;
use skewcheck_core::config::device_label;
use skewcheck_core::lang::Lang;
use skewcheck_core::live::Reason;
use skewcheck_core::measure::{Measurement, Phase};
use skewcheck_core::other_clock::FixTopic;
use skewcheck_core::platform::{DeviceHints, detect};
use skewcheck_core::report::{Report, decode_fragment, is_report_fragment, report_of};
use skewcheck_core::sheet::{accepts, is_sheet_fragment};
use skewcheck_core::support::{check_command, script_base};
use skewcheck_core::words;
use skewcheck_core::words::user_agent_summary;

/// The whole page, drawn once its language is loaded (a moment at most: `early-probe.js`
/// fetched the file in parallel with the wasm), when it replaces the shell in the same task.
#[component]
pub fn App() -> impl IntoView {
    let ready = RwSignal::new(false);
    reload_on_fragment_change();
    leptos::task::spawn_local(async move {
        crate::language::start().await;
        ready.set(true);
    });
    move || {
        ready.get().then(|| {
            // Over the first module's card, the live page takes the shell's place itself,
            // once it has the same first verdict (`use_hand_over`).
            if !shell_shows_first_verdict() {
                shell_mounted();
            }
            view! { <Page /> }
        })
    }
}

/// Opened from a result permalink, the page shows that past result and measures nothing;
/// at `#sheet` it shows the field sheet and measures nothing; otherwise it checks this
/// device's clock. Its words are drawn again when the reader switches language; what was
/// measured stays.
#[component]
fn Page() -> impl IntoView {
    let language = PageLanguage::provide();
    let page_url = page_address().map(|page| page.href).unwrap_or_default();
    if page_fragment().is_some_and(|fragment| is_sheet_fragment(&fragment)) {
        drawn_per_language(language.lang, move || {
            view! { <SheetPage page_url=page_url.clone() /> }
        });
        return ().into_any();
    }
    let Some(fragment) = page_fragment().filter(|fragment| is_report_fragment(fragment)) else {
        return view! { <LiveCheck page_url=page_url language=language /> }.into_any();
    };
    drawn_per_language(language.lang, move || past_page(&fragment, &page_url));
    ().into_any()
}

/// Draws `draw()` at the end of `<body>`, and draws it from scratch whenever the language
/// changes: the new page is built, put where the old one is, and the old one removed, in one
/// task (the reader's focus on the switcher stays there). Whatever `draw` reads from above it
/// (the measurement, the fix-steps tab) stays as it is.
///
/// Not a reactive view (`move || { lang.track(); view }`): tachys would *rebuild* the old
/// tree in place, which compiles a `rebuild` for every element of the page besides its
/// `build` (≈ 11 KiB gzip of wasm, bench/size-ledger.md); everything inside the page's own
/// reactive parts was drawn afresh on a switch anyway.
fn drawn_per_language<V: Render + 'static>(lang: RwSignal<Lang>, draw: impl Fn() -> V + 'static) {
    let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    else {
        return;
    };
    let effect = RenderEffect::new(move |old: Option<V::State>| {
        lang.track();
        let mut new = untrack(&draw).build();
        match old {
            Some(mut old) => {
                let refocus = language_switcher_focused();
                old.insert_before_this(&mut new);
                old.unmount();
                if refocus {
                    focus_language_switcher();
                }
            }
            None => new.mount(&body, None),
        }
        new
    });
    // Kept as long as the page: dropped, the effect would stop following the language.
    StoredValue::new_local(effect);
}

/// A result opened from a permalink (or why the link cannot be shown).
fn past_page(fragment: &str, page_url: &str) -> AnyView {
    let page_url = page_url.to_owned();
    let check_here = page_base(&page_url).to_owned();
    let body = match decode_fragment(fragment) {
        Ok(report) => {
            let fragment = fragment.to_owned();
            view! {
                <PastReport report=report.with_recomputed_details() page_url=page_url />
                {accepts(&fragment).then(|| view! { <SheetAdd fragment=fragment /> })}
            }
            .into_any()
        }
        Err(error) => view! {
            <section class="past-banner" data-testid="report-error" role="alert">
                <h2>{words::RESULT_LINK_UNUSABLE.text()}</h2>
                <p>{words::report_error_words(&error)}</p>
                <p><a href=check_here data-testid="check-this-device">{words::CHECK_THIS_DEVICE.text()}</a></p>
            </section>
        }
        .into_any(),
    };
    view! {
        <main class="page">
            <LanguageSwitcher />
            <header class="masthead"><h1>{words::RESULT_TITLE.text()}</h1></header>
            {body}
        </main>
    }
    .into_any()
}

/// Checks this device: measures on load, on "Check again", when the page becomes visible,
/// when the clock changes, and periodically while open.
#[component]
fn LiveCheck(
    /// The page's own address.
    page_url: String,
    /// The page's language: a switch draws [`LivePage`] again, with the same measurement.
    language: PageLanguage,
) -> impl IntoView {
    let live = use_live_check(page_address(), &resolve_url);
    let facts = device_facts();
    let hints = DeviceHints {
        user_agent: &facts.user_agent,
        max_touch_points: facts.max_touch_points,
        platform: &facts.platform,
    };
    // The fix-steps card's tab: the other-clock hints select theirs.
    let fix_tab = RwSignal::new(FixTopic::Device(detect(&hints)));
    let measured = Signal::derive(move || {
        live.phase.with(|phase| {
            phase
                .measurement()
                .map(|m| (m.estimate.offset_ms(), m.estimate.uncertainty_ms()))
        })
    });
    provide_context(PastedDiagnosis::new(live.now.into(), measured));
    // The device's name, pre-filled by the link's `label`: kept across a switch of language.
    let label = RwSignal::new(
        live.setup
            .with_untracked(|setup| setup.as_ref().and_then(|setup| setup.config.label.clone()))
            .unwrap_or_default(),
    );
    let hidden = use_hand_over(live);
    drawn_per_language(language.lang, move || {
        view! { <LivePage live=live page_url=page_url.clone() fix_tab=fix_tab label=label hidden=hidden /> }
    });
}

/// The live page's view of `live`, in the language spoken now.
#[component]
fn LivePage(
    /// The measurement and its state, which outlive a switch of language.
    live: LiveView,
    /// The page's own address.
    page_url: String,
    /// The fix-steps card's tab.
    fix_tab: RwSignal<FixTopic>,
    /// The device's name as typed.
    label: RwSignal<String>,
    /// Whether the page waits, hidden, behind the shell's first verdict.
    hidden: Signal<bool>,
) -> impl IntoView {
    let LiveView {
        phase,
        drift,
        first_verdict_ms,
        lower_ready,
        site: site_file,
        service,
        setup,
        can_retry,
        now,
        ..
    } = live;

    let facts = device_facts();
    let hints = DeviceHints {
        user_agent: &facts.user_agent,
        max_touch_points: facts.max_touch_points,
        platform: &facts.platform,
    };
    let platform = detect(&hints);
    // In English whatever the page speaks: it goes into the permalink, which is the same in
    // every language.
    let english = std::rc::Rc::new(words::Catalogue::english());
    let device = words::in_language(&english, || user_agent_summary(&hints));
    let ticket =
        setup.with_untracked(|setup| setup.as_ref().and_then(|setup| setup.config.ticket.clone()));
    let page_for_reference = page_url.clone();
    let reference_url = move || {
        setup.with_untracked(|setup| {
            setup.as_ref().map_or_else(
                || page_for_reference.clone(),
                |setup| setup.source_url.clone(),
            )
        })
    };
    let final_measurement = move || phase.with(|phase| phase.settled().cloned());
    let results =
        Signal::derive(move || phase.with(|phase| phase.measurement().map(|m| m.services.clone())));
    let zone_mistake = Signal::derive(move || {
        phase.with(|phase| phase.measurement().is_some_and(|m| m.zone_hint.is_some()))
    });
    // When the time sources disagree, no steps may suggest changing this device's clock.
    let sources_disagree = move || {
        phase.with(|phase| {
            phase
                .measurement()
                .is_some_and(Measurement::sources_disagree)
        })
    };
    let report_ticket = ticket.clone();
    let report = Signal::derive(move || {
        final_measurement().map(|m| Report {
            label: device_label(&label.get()),
            ..report_of(&m, device.clone(), platform.id(), report_ticket.clone())
        })
    });
    // Everything below the actions renders once there is a first result (or after a moment),
    // so the first request and the verdict are not held up by drawing the whole page.
    // Static-height sections come first: whatever grows when the result arrives sits lower,
    // below the fold, so nothing on screen moves.
    let command = check_command(&script_base(&page_url));
    // A memo: drawn once with the first measurement, not again with every report.
    let other_clocks_shown =
        Memo::new(move |_| first_verdict_ms.get().is_some() && !sources_disagree());
    let lower_sections = move || {
        view! {
            {move || (!sources_disagree()).then(|| view! { <FixSteps detected=platform selected=fix_tab zone_mistake=zone_mistake /> })}
            // Shown with the first measurement, never before: it is about the clocks this one is not.
            <OtherClocks detected=platform selected=fix_tab command=command.clone() shown=other_clocks_shown />
            <ServiceList results=results primary=service />
            <ReportShare report=report label=label page_url=page_url.clone() />
            <SiteExtras site=site_file report=report />
            <MeasurementDetails phase=phase drift=drift />
            <ServerCheck reference_url=reference_url() />
            <LinkMaker page_url=page_url.clone() />
            <PasteError />
            <footer class="footer">
                <p>{words::how_it_works()}</p>
            </footer>
        }
    };
    let offset_ms = Signal::derive(move || {
        phase.with(|phase| phase.measurement().map(|m| m.estimate.offset_ms()))
    });
    // A source another witness contradicts is not "correct time".
    let reference_label = Signal::derive(move || {
        let compared_with =
            phase.with(|phase| phase.measurement().map(|m| m.compared_with.clone()));
        match compared_with {
            Some(host) if sources_disagree() => words::disputed_time_label(&host),
            _ => words::CORRECT_TIME.text(),
        }
    });
    let busy = move || phase.with(Phase::is_busy);
    let refining = move || {
        phase.with(|phase| {
            phase
                .measurement()
                .filter(|_| phase.is_refining())
                .map(|m| words::refining_text(&m.estimate))
        })
    };

    view! {
        <main class="page" hidden=hidden>
            <LanguageSwitcher />
            <header class="masthead">
                <h1>{move || site_file.with(|file| file.as_ref().and_then(|file| file.config.title.clone()))
                    .unwrap_or_else(|| words::DEFAULT_TITLE.text())}</h1>
                <p class="lede">
                    {move || service.with(|service| words::lede(&words::service_name(service)))}
                </p>
            </header>
            {ticket.clone().map(|ticket| view! { <TicketTag ticket=ticket /> })}
            // The first screen: the parts of fixed height first (the clocks, "Check again" and
            // the refining status in a row of fixed height), then the card as tall as its text,
            // so nothing on screen follows what grows when the result arrives (style.css).
            <LiveClocks now=now offset_ms=offset_ms reference_label=reference_label />
            <div class="actions">
                <button
                    type="button"
                    class="check-again"
                    data-testid="check-again"
                    disabled=move || busy() || !can_retry.get()
                    on:click=move |_| live.check(Reason::Fresh)
                >
                    {words::CHECK_AGAIN.text()}
                </button>
                // Why the button waits: beside it, not in the card, so the card keeps its
                // height when refining ends.
                <p class="refining" role="status">
                    {move || refining().map(|text| view! { <span data-testid="refining">{text}</span> })}
                </p>
            </div>
            <VerdictPanel phase=phase service=service first_verdict_ms=first_verdict_ms drift=drift platform=platform />
            {move || lower_ready.get().then(&lower_sections)}
        </main>
    }
}
