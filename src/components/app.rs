use super::{
    FixSteps, LinkMaker, LiveClocks, MeasurementDetails, PastReport, PasteError, PastedDiagnosis,
    ReportShare, ServerCheck, ServiceList, SiteExtras, TicketTag, VerdictPanel,
};
use crate::browser::{
    BrowserClock, device_facts, on_becoming_visible, page_address, page_fragment, page_is_visible,
    resolve_url, set_document_title,
};
use crate::net::BrowserNetwork;
use crate::site;
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use skewcheck_core::address::page_base;
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::drift::Drift;
use skewcheck_core::live::{LiveMonitor, Reason, RunTicket};
use skewcheck_core::measure::{self, CrossCheckOutcome, Failure, Phase, Setup};
use skewcheck_core::platform::{DeviceHints, detect, user_agent_summary};
use skewcheck_core::report::{decode_fragment, is_report_fragment, report_of};
use skewcheck_core::site_config::SiteFile;
use skewcheck_core::verdict::{AMAZON_S3, Service};
use skewcheck_core::words;
use std::time::Duration;

/// The sections below the verdict appear with the first result, or after this long.
const LOWER_SECTIONS_AT_LATEST: Duration = Duration::from_millis(1_500);
/// How often the live clocks redraw and the page looks for clock changes.
const TICK: Duration = Duration::from_millis(200);

/// The whole page. Opened from a result permalink it shows that past result and measures
/// nothing; otherwise it checks this device's clock.
#[component]
pub fn App() -> impl IntoView {
    let page_url = page_address().map(|page| page.href).unwrap_or_default();
    let Some(fragment) = page_fragment().filter(|fragment| is_report_fragment(fragment)) else {
        return view! { <LiveCheck page_url=page_url /> }.into_any();
    };
    let check_here = page_base(&page_url).to_owned();
    let body = match decode_fragment(&fragment) {
        Ok(report) => {
            view! { <PastReport report=report.with_recomputed_details() page_url=page_url /> }
                .into_any()
        }
        Err(error) => view! {
            <section class="past-banner" data-testid="report-error" role="alert">
                <h2>{words::RESULT_LINK_UNUSABLE}</h2>
                <p>{error.to_string()}</p>
                <p><a href=check_here data-testid="check-this-device">{words::CHECK_THIS_DEVICE}</a></p>
            </section>
        }
        .into_any(),
    };
    view! {
        <main class="page">
            <header class="masthead"><h1>{words::RESULT_TITLE}</h1></header>
            {body}
        </main>
    }
    .into_any()
}

/// The live page's reactive state; every decision about it is the [`LiveMonitor`]'s.
#[derive(Clone, Copy)]
struct LiveState {
    setup: StoredValue<Option<Setup>>,
    monitor: StoredValue<LiveMonitor>,
    phase: RwSignal<Phase>,
    drift: RwSignal<Option<Drift>>,
    first_verdict_ms: RwSignal<Option<f64>>,
    lower_ready: RwSignal<bool>,
    /// The device's wall clock, refreshed every tick.
    now: RwSignal<f64>,
    /// The deployment's `skewcheck.json` (`None` while it is on its way).
    site: RwSignal<Option<SiteFile>>,
    /// A verdict that came before the file: it waits, since the file may change the service.
    held: StoredValue<Option<(RunTicket, Phase)>>,
    /// Whether measuring may start before the file arrives: not when the link names an
    /// endpoint, which the file's `allowed_endpoints` may refuse.
    early_start: bool,
}

impl LiveState {
    /// The state of a page opened when the device clocks read `wall` and `monotonic`.
    fn new(setup: Result<Setup, Failure>, early_start: bool, wall: f64, monotonic: f64) -> Self {
        let phase = match &setup {
            Ok(_) => Phase::starting(),
            Err(failure) => Phase::Failed(failure.clone()),
        };
        let lower_ready = RwSignal::new(!phase.is_measuring());
        // Only a change redraws: setting it again would rebuild the lower sections and drop
        // what was typed into them (the paste box, the link maker).
        set_timeout(
            move || {
                if !lower_ready.get_untracked() {
                    lower_ready.set(true);
                }
            },
            LOWER_SECTIONS_AT_LATEST,
        );
        Self {
            setup: StoredValue::new(setup.ok()),
            monitor: StoredValue::new(LiveMonitor::new(wall, monotonic)),
            phase: RwSignal::new(phase),
            drift: RwSignal::new(None),
            first_verdict_ms: RwSignal::new(None),
            lower_ready,
            now: RwSignal::new(wall),
            site: RwSignal::new(None),
            held: StoredValue::new(None),
            early_start,
        }
    }

    /// Whether `skewcheck.json` has been read (or found missing).
    fn site_ready(self) -> bool {
        self.site.with_untracked(Option::is_some)
    }

    /// Applies `skewcheck.json`: measures again if it changes what is measured (or for which
    /// service), starts the deferred measurement, or releases the verdict that waited for it.
    fn apply_site(
        self,
        file: SiteFile,
        setup: Result<Setup, Failure>,
        service: StoredValue<Service>,
    ) {
        let unchanged = self
            .setup
            .with_value(|current| current.as_ref() == setup.as_ref().ok());
        if let Ok(setup) = &setup {
            service.set_value(setup.config.service.clone());
        }
        self.site.set(Some(file));
        match setup {
            Err(failure) => {
                self.setup.set_value(None);
                self.held.set_value(None);
                self.phase.set(Phase::Failed(failure));
            }
            Ok(_) if unchanged && self.early_start => {
                if let Some((ticket, phase)) = self.held.try_update_value(Option::take).flatten() {
                    self.show(ticket, phase);
                }
            }
            Ok(setup) => {
                self.held.set_value(None);
                self.setup.set_value(Some(setup));
                self.start(Reason::Fresh);
            }
        }
    }

    /// Starts a measurement for `reason` (nothing without a usable link).
    fn start(self, reason: Reason) {
        let Some(setup) = self.setup.get_value() else {
            return;
        };
        if !self.early_start && !self.site_ready() {
            return;
        }
        let Some(ticket) = self
            .monitor
            .try_update_value(|monitor| monitor.start(reason))
        else {
            return;
        };
        self.show_drift();
        if reason.shows_progress() {
            self.phase.set(Phase::starting_with(reason.notice()));
        }
        spawn_local(async move {
            let report = move |next: Phase| self.show(ticket, next);
            let outcome = measure::run(
                &setup,
                reason.notice(),
                &BrowserClock,
                &BrowserNetwork,
                report,
            )
            .await;
            let now = BrowserClock.monotonic_ms();
            let current = self
                .monitor
                .try_update_value(|monitor| monitor.on_finished(ticket, now, outcome));
            if current == Some(true) {
                self.show_drift();
            }
        });
    }

    /// Puts a report from the measurement `ticket` on screen, if it belongs there.
    fn show(self, ticket: RunTicket, next: Phase) {
        let shown = self
            .monitor
            .with_value(|monitor| monitor.shows(ticket, next.is_plain_progress()));
        if !shown {
            return;
        }
        if next.measurement().is_some() && !self.site_ready() {
            self.held.set_value(Some((ticket, next)));
            return;
        }
        if !next.is_measuring() && !self.lower_ready.get_untracked() {
            self.lower_ready.set(true);
        }
        if next.measurement().is_some() {
            let now = BrowserClock.monotonic_ms();
            if let Some(Some(ms)) = self
                .monitor
                .try_update_value(|monitor| monitor.first_verdict(now))
            {
                self.first_verdict_ms.set(Some(ms));
            }
        }
        self.phase.set(next);
    }

    fn show_drift(self) {
        let drift = self.monitor.with_value(LiveMonitor::drift);
        if self.drift.get_untracked() != drift {
            self.drift.set(drift);
        }
    }

    /// Drives the live clocks, the idle clock-change watch and live mode; measures again
    /// when the page becomes visible.
    fn watch(self) {
        let tick = move || {
            let (wall, monotonic) = (BrowserClock.wall_ms(), BrowserClock.monotonic_ms());
            self.now.set(wall);
            let visible = page_is_visible();
            let reason = self
                .monitor
                .try_update_value(|monitor| monitor.on_tick(wall, monotonic, visible))
                .flatten();
            if let Some(reason) = reason {
                self.start(reason);
            }
        };
        if let Ok(ticker) = set_interval_with_handle(tick, TICK) {
            on_cleanup(move || ticker.clear());
        }
        on_becoming_visible(move || {
            if let Some(reason) = self.monitor.with_value(LiveMonitor::on_visible) {
                self.start(reason);
            }
        });
    }
}

/// Checks this device: measures on load, on "Check again", when the page becomes visible,
/// when the clock changes, and periodically while open.
#[component]
fn LiveCheck(
    /// The page's own address.
    page_url: String,
) -> impl IntoView {
    let (opened_wall, opened_monotonic) = (BrowserClock.wall_ms(), BrowserClock.monotonic_ms());
    let page = page_address();
    let setup: Result<Setup, Failure> = page
        .as_ref()
        .ok_or(Failure::NoPageAddress)
        .and_then(|page| measure::setup_from(page, &resolve_url));
    // A time source named by the link waits for `allowed_endpoints`; the page's own origin
    // is measured at once, while `skewcheck.json` is on its way.
    let early_start = !page
        .as_ref()
        .is_some_and(skewcheck_core::site::link_names_endpoint);
    // One page shows one service for its whole life (set before its first verdict shows).
    let service = StoredValue::new(
        setup
            .as_ref()
            .map_or(AMAZON_S3, |setup| setup.config.service.clone()),
    );
    let state = LiveState::new(setup, early_start, opened_wall, opened_monotonic);
    let LiveState {
        setup,
        phase,
        drift,
        first_verdict_ms,
        lower_ready,
        now,
        site: site_file,
        ..
    } = state;
    state.start(Reason::Fresh);
    state.watch();
    match page {
        Some(page) => spawn_local(async move {
            let file = site::load(&page).await;
            let merged = skewcheck_core::site::setup_with(&page, &file.config, &resolve_url);
            if let Some(title) = &file.config.title {
                set_document_title(title);
            }
            state.apply_site(file, merged, service);
        }),
        None => site_file.set(Some(SiteFile::default())),
    }
    let site_ready = move || site_file.with(Option::is_some);

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
    let page_for_reference = page_url.clone();
    let reference_url = move || {
        setup.with_value(|setup| {
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
                .and_then(|m| m.cross_check.as_ref())
                .is_some_and(|check| check.outcome() == CrossCheckOutcome::Disagree)
        })
    };
    provide_context(PastedDiagnosis::new());
    let measured = Signal::derive(move || {
        phase.with(|phase| {
            phase
                .measurement()
                .map(|m| (m.estimate.offset_ms(), m.estimate.uncertainty_ms()))
        })
    });
    let report_reference = reference.clone();
    let report = Signal::derive(move || {
        final_measurement()
            .map(|m| report_of(&m, device.clone(), platform.id(), report_reference.clone()))
    });
    // Everything below the actions renders once there is a first result (or after a moment),
    // so the first request and the verdict are not held up by drawing the whole page.
    // Static-height sections come first: whatever grows when the result arrives sits lower,
    // below the fold, so nothing on screen moves.
    let lower_sections = move || {
        view! {
            {move || (!sources_disagree()).then(|| view! { <FixSteps detected=platform zone_mistake=zone_mistake /> })}
            <ServiceList results=results primary=service />
            <ReportShare report=report page_url=page_url.clone() />
            <SiteExtras site=site_file report=report />
            <MeasurementDetails phase=phase drift=drift />
            <ServerCheck reference_url=reference_url() />
            <LinkMaker page_url=page_url.clone() />
            <PasteError now=now measured=measured />
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
            _ => words::CORRECT_TIME.to_owned(),
        }
    });
    let busy = move || phase.with(Phase::is_busy);
    let can_retry = move || site_ready() && setup.with_value(Option::is_some);

    view! {
        <main class="page">
            <header class="masthead">
                <h1>{move || site_file.with(|file| file.as_ref().and_then(|file| file.config.title.clone()))
                    .unwrap_or_else(|| words::DEFAULT_TITLE.to_owned())}</h1>
                <p class="lede">
                    {move || { site_file.track(); service.with_value(|service| words::lede(&service.name)) }}
                </p>
            </header>
            {reference.clone().map(|reference| view! { <TicketTag reference=reference /> })}
            {move || { site_file.track(); view! { <VerdictPanel phase=phase service=service first_verdict_ms=first_verdict_ms drift=drift /> } }}
            <LiveClocks now=now offset_ms=offset_ms reference_label=reference_label />
            <div class="actions">
                <button
                    type="button"
                    class="check-again"
                    data-testid="check-again"
                    disabled=move || busy() || !can_retry()
                    on:click=move |_| state.start(Reason::Fresh)
                >
                    {words::CHECK_AGAIN}
                </button>
            </div>
            {move || (lower_ready.get() && site_ready()).then(&lower_sections)}
        </main>
    }
}
