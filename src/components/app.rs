use super::{
    FixSteps, LinkMaker, LiveClocks, MeasurementDetails, PastReport, ReportShare, ServerCheck,
    ServiceList, VerdictPanel,
};
use crate::browser::{
    BrowserClock, device_facts, on_becoming_visible, page_address, page_fragment, page_is_visible,
};
use crate::engine::clock::DeviceClock;
use crate::engine::drift::{Drift, DriftPoint, estimate_drift};
use crate::engine::humanize::duration_words;
use crate::engine::platform::{DeviceHints, detect, user_agent_summary};
use crate::engine::report::decode_fragment;
use crate::engine::verdict::{AMAZON_S3, Service};
use crate::measure::{self, Failure, Phase, Setup};
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The sections below the verdict appear with the first result, or after this long.
const LOWER_SECTIONS_AT_LATEST: Duration = Duration::from_millis(1_500);
/// How often the live clocks redraw and the page looks for clock changes.
const TICK: Duration = Duration::from_millis(200);
/// While the page stays open and visible, measure again this often (live mode).
const LIVE_RECHECK_MS: f64 = 120_000.0;
/// A change of wall-minus-monotonic time beyond this while idle means the clock was set or
/// the device slept. Generous, so coarse timers (Firefox's fingerprinting protection rounds
/// to 100 ms) never trigger it.
const IDLE_JUMP_THRESHOLD_MS: f64 = 1_000.0;

/// Why a measurement starts.
#[derive(Clone, Debug, PartialEq)]
enum Reason {
    /// Page load, "Check again", or the page becoming visible: show progress.
    Fresh,
    /// The clock changed: show progress with this notice.
    ClockChanged(String),
    /// Live mode: keep the last result on screen until the new one is in.
    Live,
}

/// The whole page. Opened from a result permalink it shows that past result and measures
/// nothing; otherwise it checks this device's clock.
#[component]
pub fn App() -> impl IntoView {
    let page_url = page_address().map(|page| page.href).unwrap_or_default();
    let Some(fragment) = page_fragment().filter(|fragment| fragment.contains("report=")) else {
        return view! { <LiveCheck page_url=page_url /> }.into_any();
    };
    let check_here = page_url
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let body = match decode_fragment(&fragment) {
        Ok(report) => {
            view! { <PastReport report=report.with_recomputed_details() page_url=page_url /> }.into_any()
        }
        Err(error) => view! {
            <section class="past-banner" data-testid="report-error" role="alert">
                <h2>"This result link is damaged"</h2>
                <p>{error.to_string()}</p>
                <p><a href=check_here data-testid="check-this-device">"Check this device's clock instead"</a></p>
            </section>
        }
        .into_any(),
    };
    view! {
        <main class="page">
            <header class="masthead"><h1>"skewcheck result"</h1></header>
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
) -> impl IntoView {
    let started_ms = BrowserClock.monotonic_ms();
    let setup: Result<Setup, Failure> = page_address()
        .ok_or_else(|| Failure {
            message: "This page cannot read its own address.".to_owned(),
            advice: "Open the link in a normal browser tab.".to_owned(),
        })
        .and_then(|page| measure::setup_from(&page));
    // One page shows one service for its whole life; leaking this one small value gives
    // every component a `'static` reference without threading lifetimes through Leptos.
    let service: &'static Service = Box::leak(Box::new(
        setup
            .as_ref()
            .map_or(AMAZON_S3, |setup| setup.config.service.clone()),
    ));
    let phase = RwSignal::new(match &setup {
        Ok(_) => Phase::starting(),
        Err(failure) => Phase::Failed(failure.clone()),
    });
    let setup = StoredValue::new(setup.ok());
    let first_verdict_ms = RwSignal::new(None::<f64>);
    let lower_ready =
        RwSignal::new(phase.with_untracked(|phase| !matches!(phase, Phase::Measuring { .. })));
    set_timeout(move || lower_ready.set(true), LOWER_SECTIONS_AT_LATEST);
    let drift = RwSignal::new(None::<Drift>);
    let history = StoredValue::new(Vec::<DriftPoint>::new());
    let last_finished_ms = StoredValue::new(started_ms);
    // Each run gets a number; reports from a superseded run are ignored.
    let current_run = StoredValue::new(0u64);

    let start = move |reason: Reason| {
        let Some(setup) = setup.get_value() else {
            return;
        };
        let run_number = current_run.get_value() + 1;
        current_run.set_value(run_number);
        let live = reason == Reason::Live;
        let notice = match reason {
            Reason::Fresh => {
                phase.set(Phase::starting());
                None
            }
            Reason::ClockChanged(notice) => {
                history.update_value(Vec::clear);
                drift.set(None);
                phase.set(Phase::Measuring {
                    progress: measure::Phase::starting_progress(),
                    notice: Some(notice.clone()),
                });
                Some(notice)
            }
            Reason::Live => None,
        };
        spawn_local(async move {
            let summary = measure::run(&setup, notice, move |next| {
                if current_run.get_value() != run_number
                    || (live && matches!(next, Phase::Measuring { notice: None, .. }))
                {
                    return;
                }
                if !matches!(next, Phase::Measuring { .. }) && !lower_ready.get_untracked() {
                    lower_ready.set(true);
                }
                if first_verdict_ms.get_untracked().is_none() && matches!(next, Phase::Done(_)) {
                    first_verdict_ms.set(Some(BrowserClock.monotonic_ms() - started_ms));
                }
                phase.set(next);
            })
            .await;
            if current_run.get_value() != run_number {
                return;
            }
            let now = BrowserClock.monotonic_ms();
            last_finished_ms.set_value(now);
            if summary.clock_changed {
                history.update_value(Vec::clear);
            }
            if let Some(measurement) = phase.with_untracked(|phase| phase.measurement().cloned()) {
                history.update_value(|points| {
                    points.push(DriftPoint {
                        at_ms: now,
                        interval: measurement.estimate.interval,
                    });
                });
                drift.set(history.with_value(|points| estimate_drift(points)));
            }
        });
    };
    start(Reason::Fresh);

    // The ticker drives the live clocks, the idle clock-change watcher and live mode.
    let now = RwSignal::new(BrowserClock.wall_ms());
    let last_skew = StoredValue::new(BrowserClock.wall_ms() - BrowserClock.monotonic_ms());
    let tick = move || {
        let (wall, monotonic) = (BrowserClock.wall_ms(), BrowserClock.monotonic_ms());
        now.set(wall);
        let skew = wall - monotonic;
        let jump = skew - last_skew.get_value();
        last_skew.set_value(skew);
        let busy = phase.with_untracked(Phase::is_busy);
        if jump.abs() > IDLE_JUMP_THRESHOLD_MS && setup.with_value(Option::is_some) {
            start(Reason::ClockChanged(format!(
                "Your clock just changed by {} (it was set, or the device slept) — checking again.",
                duration_words(jump)
            )));
        } else if !busy
            && page_is_visible()
            && monotonic - last_finished_ms.get_value() >= LIVE_RECHECK_MS
        {
            start(Reason::Live);
        }
    };
    if let Ok(ticker) = set_interval_with_handle(tick, TICK) {
        on_cleanup(move || ticker.clear());
    }
    on_becoming_visible(move || {
        if !phase.with_untracked(Phase::is_busy) {
            start(Reason::Fresh);
        }
    });

    let facts = device_facts();
    let hints = DeviceHints {
        user_agent: &facts.user_agent,
        max_touch_points: facts.max_touch_points,
        platform: &facts.platform,
    };
    let platform = detect(&hints);
    let device = user_agent_summary(&hints);
    let reference = setup.with_value(|setup| {
        setup
            .as_ref()
            .and_then(|setup| setup.config.reference.clone())
    });
    let reference_url = setup.with_value(|setup| {
        setup
            .as_ref()
            .map_or_else(|| page_url.clone(), |setup| setup.source_url.clone())
    });
    let final_measurement =
        move || phase.with(|phase| phase.measurement().filter(|m| !m.refining).cloned());
    let results =
        Signal::derive(move || phase.with(|phase| phase.measurement().map(|m| m.services.clone())));
    let zone_mistake = Signal::derive(move || {
        phase.with(|phase| phase.measurement().is_some_and(|m| m.zone_hint.is_some()))
    });
    let report_reference = reference.clone();
    let report = Signal::derive(move || {
        final_measurement()
            .map(|m| m.to_report(device.clone(), platform.id(), report_reference.clone()))
    });
    // Everything below the actions renders once there is a first result (or after a moment),
    // so the first request and the verdict are not held up by drawing the whole page.
    // Static-height sections come first: whatever grows when the result arrives sits lower,
    // below the fold, so nothing on screen moves.
    let lower_sections = move || {
        view! {
            <FixSteps detected=platform zone_mistake=zone_mistake />
            <ServiceList results=results primary=service />
            <ReportShare report=report page_url=page_url.clone() />
            <MeasurementDetails phase=phase drift=drift />
            <ServerCheck reference_url=reference_url.clone() />
            <LinkMaker page_url=page_url.clone() />
            <footer class="footer">
                <p>
                    "skewcheck measures over HTTP like NTP does (RFC 5905): it times each request and keeps only what the round trips allow. While this page stays open it checks again every 2 minutes."
                </p>
            </footer>
        }
    };
    let offset_ms = Signal::derive(move || {
        phase.with(|phase| phase.measurement().map(|m| m.estimate.offset_ms()))
    });
    let busy = move || phase.with(Phase::is_busy);
    let can_retry = setup.with_value(Option::is_some);

    view! {
        <main class="page">
            <header class="masthead">
                <h1>"Is this device's clock right?"</h1>
                <p class="lede">
                    "skewcheck compares this device's clock with a time server and tells you whether uploads to "
                    {service.name.as_ref()} " will be accepted."
                </p>
            </header>
            {reference.clone().map(|reference| view! { <p class="reference-tag" data-testid="ref">"Ticket: "{reference}</p> })}
            <VerdictPanel phase=phase service=service first_verdict_ms=first_verdict_ms drift=drift />
            <LiveClocks now=now offset_ms=offset_ms />
            <div class="actions">
                <button
                    type="button"
                    class="check-again"
                    data-testid="check-again"
                    disabled=move || busy() || !can_retry
                    on:click=move |_| start(Reason::Fresh)
                >
                    "Check again"
                </button>
            </div>
            {move || lower_ready.get().then(&lower_sections)}
        </main>
    }
}
