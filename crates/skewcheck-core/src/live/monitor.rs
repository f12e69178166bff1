//! The live page's state and every decision about it.

use crate::clock::ClockSkew;
use crate::drift::{Drift, DriftPoint, estimate_drift};
use crate::live::reason::{Reason, RunTicket};
use crate::measure::{Failure, Notice, Phase, RunOutcome, Setup};
use crate::site_config::SiteFile;
use crate::verdict::{AMAZON_S3, Service};

/// While the page stays open and visible, measure again this often (live mode).
pub const LIVE_RECHECK_MS: f64 = 120_000.0;

/// A change of wall-minus-monotonic time beyond this while idle means the clock was set or
/// the device slept. Generous, so coarse timers (Firefox's fingerprinting protection rounds
/// to 100 ms) never trigger it.
pub const IDLE_JUMP_THRESHOLD_MS: f64 = 1_000.0;

/// The live page's state: the current measurement, the clock watch and the drift history.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveMonitor {
    opened_ms: f64,
    runs_started: u64,
    running: Option<RunTicket>,
    last_skew: ClockSkew,
    last_finished_ms: f64,
    first_verdict_ms: Option<f64>,
    history: Vec<DriftPoint>,
    drift: Option<Drift>,
    /// What the page measures (`None` when the link or the file is unusable).
    setup: Option<Setup>,
    /// The service the page's verdict is about (set before its first verdict shows).
    service: Service,
    /// Whether measuring may start before `skewcheck.json` arrives: not when the link names
    /// an endpoint, which the file's `allowed_endpoints` may refuse.
    early_start: bool,
    /// The deployment's `skewcheck.json` (`None` while it is on its way).
    site: Option<SiteFile>,
    /// A verdict that came before the file: it waits, since the file may change the service.
    held: Option<(RunTicket, Phase)>,
    /// What the page shows.
    phase: Phase,
    /// Counts every change of [`Self::phase`], so the page can tell a new phase from the
    /// same one without comparing them.
    phase_version: u64,
    /// Whether the sections below the verdict are drawn.
    lower_ready: bool,
}

/// A measurement to run: the monitor has started it; the page runs it and reports back.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// Names the run in its reports.
    pub ticket: RunTicket,
    /// What to measure.
    pub setup: Setup,
    /// What to tell the user from the start.
    pub notice: Option<Notice>,
}

impl LiveMonitor {
    /// A monitor for a page opened when the device clocks read `wall_ms` and `monotonic_ms`,
    /// before it knows what to measure.
    pub fn new(wall_ms: f64, monotonic_ms: f64) -> Self {
        Self::for_page(Err(Failure::NoPageAddress), true, wall_ms, monotonic_ms)
    }

    /// A monitor for a page whose link reads as `setup`; `early_start` when it may measure
    /// before `skewcheck.json` arrives (see [`crate::site::link_names_endpoint`]).
    pub fn for_page(
        setup: Result<Setup, Failure>,
        early_start: bool,
        wall_ms: f64,
        monotonic_ms: f64,
    ) -> Self {
        let phase = match &setup {
            Ok(_) => Phase::starting(),
            Err(failure) => Phase::Failed(failure.clone()),
        };
        Self {
            service: setup
                .as_ref()
                .map_or(AMAZON_S3, |setup| setup.config.service.clone()),
            setup: setup.ok(),
            early_start,
            site: None,
            held: None,
            lower_ready: !phase.is_measuring(),
            phase,
            phase_version: 0,
            opened_ms: monotonic_ms,
            runs_started: 0,
            running: None,
            last_skew: ClockSkew::of(wall_ms, monotonic_ms),
            last_finished_ms: monotonic_ms,
            first_verdict_ms: None,
            history: Vec::new(),
            drift: None,
        }
    }

    /// A tick of the page's timer: whether to measure now. A clock change is noticed even
    /// during a measurement (the new one supersedes it); live mode waits until nothing runs
    /// and the page is on screen.
    pub fn on_tick(&mut self, wall_ms: f64, monotonic_ms: f64, visible: bool) -> Option<Reason> {
        let skew = ClockSkew::of(wall_ms, monotonic_ms);
        let jump = skew.jump_since(self.last_skew, IDLE_JUMP_THRESHOLD_MS);
        self.last_skew = skew;
        if let Some(jump_ms) = jump {
            return Some(Reason::ClockChanged { jump_ms });
        }
        let due = monotonic_ms - self.last_finished_ms >= LIVE_RECHECK_MS;
        (due && visible && !self.is_running()).then_some(Reason::Live)
    }

    /// The page became visible again: the clock may have changed while nobody watched.
    pub fn on_visible(&self) -> Option<Reason> {
        (!self.is_running()).then_some(Reason::Fresh)
    }

    /// A measurement starts for `reason`; it supersedes any that is still running.
    pub fn start(&mut self, reason: Reason) -> RunTicket {
        self.runs_started += 1;
        let ticket = RunTicket {
            number: self.runs_started,
            shows_progress: reason.shows_progress(),
        };
        self.running = Some(ticket);
        if matches!(reason, Reason::ClockChanged { .. }) {
            // Results from before the change describe another clock.
            self.history.clear();
            self.drift = None;
        }
        ticket
    }

    /// Whether `ticket` is the measurement running now.
    pub fn is_current(&self, ticket: RunTicket) -> bool {
        self.running == Some(ticket)
    }

    /// Whether a report from `ticket` goes on screen: only the current measurement's, and in
    /// live mode not its plain progress (`is_plain_progress`: no verdict and no notice yet).
    pub fn shows(&self, ticket: RunTicket, is_plain_progress: bool) -> bool {
        self.is_current(ticket) && (ticket.shows_progress || !is_plain_progress)
    }

    /// A verdict is on screen at `monotonic_ms`: milliseconds since the page opened, the
    /// first time only.
    pub fn first_verdict(&mut self, monotonic_ms: f64) -> Option<f64> {
        if self.first_verdict_ms.is_some() {
            return None;
        }
        self.first_verdict_ms = Some(monotonic_ms - self.opened_ms);
        self.first_verdict_ms
    }

    /// The measurement `ticket` ended at `monotonic_ms`. Returns whether it was current
    /// (a superseded one changes nothing); a result joins the drift history.
    pub fn on_finished(
        &mut self,
        ticket: RunTicket,
        monotonic_ms: f64,
        outcome: RunOutcome,
    ) -> bool {
        if !self.is_current(ticket) {
            return false;
        }
        self.running = None;
        self.last_finished_ms = monotonic_ms;
        if outcome.clock_changed {
            self.history.clear();
        }
        if let Some(interval) = outcome.interval {
            self.history.push(DriftPoint {
                at_ms: monotonic_ms,
                interval,
            });
            self.drift = estimate_drift(&self.history);
        }
        true
    }

    /// Whether a measurement is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The clock's drift, once the history allows one.
    pub fn drift(&self) -> Option<Drift> {
        self.drift
    }
}

/// The page around the runs: what it measures, `skewcheck.json`, the held verdict and what
/// is on screen.
impl LiveMonitor {
    /// What the page shows now.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// How many times [`Self::phase`] has changed: equal numbers, the same phase.
    pub fn phase_version(&self) -> u64 {
        self.phase_version
    }

    fn show(&mut self, phase: Phase) {
        self.phase = phase;
        self.phase_version += 1;
    }

    /// The service the verdict is about.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// What the page measures, when the link and the file allow it.
    pub fn setup(&self) -> Option<&Setup> {
        self.setup.as_ref()
    }

    /// The deployment's file, once read (or found missing).
    pub fn site(&self) -> Option<&SiteFile> {
        self.site.as_ref()
    }

    /// Milliseconds from the page's opening to its first verdict, once there was one.
    pub fn first_verdict_ms(&self) -> Option<f64> {
        self.first_verdict_ms
    }

    /// Whether the sections below the verdict are drawn: after the first result, or once
    /// [`Self::lower_sections_due`] said so.
    pub fn lower_ready(&self) -> bool {
        self.lower_ready
    }

    /// The moment to draw the lower sections even without a result has come.
    pub fn lower_sections_due(&mut self) {
        self.lower_ready = true;
    }

    /// Whether "Check again" can do anything: the file is read and there is something to
    /// measure.
    pub fn can_retry(&self) -> bool {
        self.site.is_some() && self.setup.is_some()
    }

    /// Starts a measurement for `reason`, unless there is nothing to measure or it must
    /// wait for the file; it supersedes any that is still running.
    pub fn begin(&mut self, reason: Reason) -> Option<Start> {
        let setup = self.setup.clone()?;
        if !self.early_start && self.site.is_none() {
            return None;
        }
        let ticket = self.start(reason);
        if reason.shows_progress() {
            self.show(Phase::starting_with(reason.notice()));
        }
        Some(Start {
            ticket,
            setup,
            notice: reason.notice(),
        })
    }

    /// The run `ticket` reports `next` at `monotonic_ms`: shown if it belongs on screen,
    /// held while a verdict waits for the file.
    pub fn report(&mut self, ticket: RunTicket, next: Phase, monotonic_ms: f64) {
        if !self.shows(ticket, next.is_plain_progress()) {
            return;
        }
        if next.measurement().is_some() && self.site.is_none() {
            self.held = Some((ticket, next));
            return;
        }
        if !next.is_measuring() {
            self.lower_ready = true;
        }
        if next.measurement().is_some() {
            self.first_verdict(monotonic_ms);
        }
        self.show(next);
    }

    /// `skewcheck.json` arrived as `file`, and the link merged with it reads as `setup`.
    /// Returns the reason to measure (again) when it changes what is measured, or for which
    /// service; otherwise a verdict that waited for the file is released (at `monotonic_ms`).
    pub fn apply_site(
        &mut self,
        file: SiteFile,
        setup: Result<Setup, Failure>,
        monotonic_ms: f64,
    ) -> Option<Reason> {
        let unchanged = self.setup.as_ref() == setup.as_ref().ok();
        if let Ok(setup) = &setup {
            self.service = setup.config.service.clone();
        }
        self.site = Some(file);
        match setup {
            Err(failure) => {
                self.setup = None;
                self.held = None;
                self.show(Phase::Failed(failure));
                None
            }
            Ok(_) if unchanged && self.early_start => {
                if let Some((ticket, phase)) = self.held.take() {
                    self.report(ticket, phase, monotonic_ms);
                }
                None
            }
            Ok(setup) => {
                self.held = None;
                self.setup = Some(setup);
                Some(Reason::Fresh)
            }
        }
    }
}
