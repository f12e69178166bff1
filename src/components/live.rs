//! The live page's reactive glue: one signal holds the core's [`LiveMonitor`], which takes
//! every decision; this module only feeds it the browser's events (ticks, visibility, the
//! site file, each run's reports) and derives what the components render.

use crate::browser::{
    BrowserClock, on_becoming_visible, page_is_visible, shell_mounted, shell_shows_first_verdict,
};
use crate::language::{PageLanguage, keep_deployment_title};
use crate::net::BrowserNetwork;
use crate::site;
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use skewcheck_core::address::{PageAddress, Resolve};
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::drift::Drift;
use skewcheck_core::live::{LiveMonitor, Reason};
use skewcheck_core::measure::{self, Failure, Phase, Setup};
use skewcheck_core::site_config::SiteFile;
use skewcheck_core::verdict::Service;
use std::time::Duration;

/// The sections below the verdict appear with the first result (in the same frame, so the
/// card's growth moves nothing on screen), or after this long: only a measurement slower than
/// this draws them below a card that is still measuring, which the result then pushes down.
/// Near a limit the first verdict waits for precision and can take seconds on a fast network.
const LOWER_SECTIONS_AT_LATEST: Duration = Duration::from_secs(10);
/// Over the first module's card, the longest the live page stays hidden waiting for its
/// own first verdict: by construction that is the card's (`measure::first_measurement`), so
/// it comes within a moment; anything else, the page shows what it has.
const HAND_OVER_AT_LATEST: Duration = Duration::from_secs(3);
/// How often the live clocks redraw and the page looks for clock changes.
const TICK: Duration = Duration::from_millis(200);

/// What the live page renders, derived from the monitor. The phase is a memo, so a change
/// elsewhere in the monitor (a tick, the drift) never rebuilds the verdict card; the rest
/// are small values whose readers are attributes and text (a memo each would cost the page
/// its compare code per type for nothing).
#[derive(Clone, Copy)]
pub struct LiveView {
    monitor: RwSignal<LiveMonitor>,
    /// What the verdict card shows: read again only when the monitor's phase changed (its
    /// version is the memo), so a tick or the drift never rebuilds the card, and no code
    /// compares two phases.
    pub phase: Signal<Phase>,
    /// The clock's drift, once live mode measured it.
    pub drift: Signal<Option<Drift>>,
    /// Milliseconds from the page's opening to its first verdict.
    pub first_verdict_ms: Signal<Option<f64>>,
    /// Whether the sections below the verdict are drawn (after the first result or a
    /// moment, and once the file is read). A memo: only a change redraws them, so what was
    /// typed into them stays.
    pub lower_ready: Memo<bool>,
    /// The deployment's `skewcheck.json`, once read.
    pub site: Signal<Option<SiteFile>>,
    /// The service the verdict is about.
    pub service: Signal<Service>,
    /// What the page measures, when it can.
    pub setup: Signal<Option<Setup>>,
    /// Whether "Check again" can do anything.
    pub can_retry: Signal<bool>,
    /// The device's wall clock, refreshed every tick.
    pub now: RwSignal<f64>,
}

impl LiveView {
    /// Measures again for `reason`, if the monitor agrees.
    pub fn check(self, reason: Reason) {
        let Some(start) = self
            .monitor
            .try_update(|monitor| monitor.begin(reason))
            .flatten()
        else {
            return;
        };
        let monitor = self.monitor;
        spawn_local(async move {
            let report = move |next: Phase| {
                let now = BrowserClock.monotonic_ms();
                monitor.update(|monitor| monitor.report(start.ticket, next, now));
            };
            let outcome = measure::run(
                &start.setup,
                start.notice.clone(),
                &BrowserClock,
                &BrowserNetwork,
                report,
            )
            .await;
            let now = BrowserClock.monotonic_ms();
            monitor.update(|monitor| {
                monitor.on_finished(start.ticket, now, outcome);
            });
        });
    }
}

/// Starts the live page for `page` (read by the browser, `None` when it cannot read its
/// address): measures at once when it may, reads `skewcheck.json`, and keeps watching the
/// clock, the page's visibility and the live-mode schedule until the page goes away.
pub fn use_live_check(page: Option<PageAddress>, resolve_url: Resolve<'static>) -> LiveView {
    let (wall, monotonic) = (BrowserClock.wall_ms(), BrowserClock.monotonic_ms());
    let setup: Result<Setup, Failure> = page
        .as_ref()
        .ok_or(Failure::NoPageAddress)
        .and_then(|page| measure::setup_from(page, resolve_url));
    // A time source named by the link waits for `allowed_endpoints`; the page's own origin
    // is measured at once, while `skewcheck.json` is on its way.
    let early_start = !page
        .as_ref()
        .is_some_and(skewcheck_core::site::link_names_endpoint);
    let monitor = RwSignal::new(LiveMonitor::for_page(setup, early_start, wall, monotonic));
    let live = LiveView {
        monitor,
        phase: {
            let version = Memo::new(move |_| monitor.with(LiveMonitor::phase_version));
            Signal::derive(move || {
                // `get`, not `track`: it brings the memo up to date, so a new version is seen.
                let _version = version.get();
                monitor.with_untracked(|m| m.phase().clone())
            })
        },
        drift: Signal::derive(move || monitor.with(LiveMonitor::drift)),
        first_verdict_ms: Signal::derive(move || monitor.with(LiveMonitor::first_verdict_ms)),
        lower_ready: Memo::new(move |_| monitor.with(|m| m.lower_ready() && m.site().is_some())),
        site: Signal::derive(move || monitor.with(|m| m.site().cloned())),
        service: Signal::derive(move || monitor.with(|m| m.service().clone())),
        setup: Signal::derive(move || monitor.with(|m| m.setup().cloned())),
        can_retry: Signal::derive(move || monitor.with(LiveMonitor::can_retry)),
        now: RwSignal::new(wall),
    };
    live.check(Reason::Fresh);
    watch(live);
    set_timeout(
        move || monitor.update(LiveMonitor::lower_sections_due),
        LOWER_SECTIONS_AT_LATEST,
    );
    let language = use_context::<PageLanguage>();
    match page {
        Some(page) => spawn_local(async move {
            let file = site::load(&page).await;
            if let Some(language) = language {
                language.apply_site(&file.config);
            }
            let merged = skewcheck_core::site::setup_with(&page, &file.config, resolve_url);
            if let Some(title) = &file.config.title {
                keep_deployment_title(title);
            }
            let now = BrowserClock.monotonic_ms();
            let again = monitor
                .try_update(|monitor| monitor.apply_site(file, merged, now))
                .flatten();
            if let Some(reason) = again {
                live.check(reason);
            }
        }),
        None => {
            let now = BrowserClock.monotonic_ms();
            monitor.update(|monitor| {
                monitor.apply_site(SiteFile::default(), Err(Failure::NoPageAddress), now);
            });
        }
    }
    live
}

/// Drives the live clocks, the idle clock-change watch and live mode; measures again when
/// the page becomes visible. Both stop with the component.
fn watch(live: LiveView) {
    let tick = move || {
        let (wall, monotonic) = (BrowserClock.wall_ms(), BrowserClock.monotonic_ms());
        live.now.set(wall);
        let visible = page_is_visible();
        // A tick changes nothing on screen by itself: no redraw unless it starts a run.
        let reason = live
            .monitor
            .try_update_untracked(|monitor| monitor.on_tick(wall, monotonic, visible))
            .flatten();
        if let Some(reason) = reason {
            live.check(reason);
        }
    };
    if let Ok(ticker) = set_interval_with_handle(tick, TICK) {
        on_cleanup(move || ticker.clear());
    }
    on_becoming_visible(move || {
        if let Some(reason) = live.monitor.with_untracked(LiveMonitor::on_visible) {
            live.check(reason);
        }
    });
}

/// Whether the live page waits, hidden, behind the shell's first verdict card: from the
/// page's start until its own first result (or failure) exists, when it takes the shell's
/// place in the same task (the card's numbers and words are the same: no flicker, no layout
/// shift), or [`HAND_OVER_AT_LATEST`].
pub fn use_hand_over(live: LiveView) -> Signal<bool> {
    let waiting = RwSignal::new(shell_shows_first_verdict());
    if !waiting.get_untracked() {
        return waiting.into();
    }
    let hand_over = move || {
        if waiting.get_untracked() {
            waiting.set(false);
            shell_mounted();
        }
    };
    Effect::new(move || {
        if !live.phase.with(Phase::is_measuring) {
            hand_over();
        }
    });
    set_timeout(hand_over, HAND_OVER_AT_LATEST);
    waiting.into()
}
