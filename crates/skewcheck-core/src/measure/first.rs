//! The first verdict from the early request alone, for a page that wants to show it before
//! the whole app has arrived (issue 22's small first module).
//!
//! Not a second engine: [`first_measurement`] runs the measurement driver itself
//! ([`run`]) on the early readings, over a transport that has nothing more to give, and
//! keeps the first phase that carries a measurement. The numbers, the verdict, the zone hint
//! and the services' lines are therefore the app's own first ones by construction, and the
//! tests (`measure/tests/early.rs`) hold them to the app's run on the same readings.

use crate::clock::DeviceClock;
use crate::fetch::{Ask, FetchError};
use crate::measure::driver::run;
use crate::measure::phase::Phase;
use crate::measure::setup::Setup;
use crate::measure::transport::Transport;
use crate::sample::{EarlyReadings, Observation};
use std::cell::RefCell;
use std::future::{Future, pending, ready};
use std::pin::pin;
use std::task::{Context, Waker};

/// The early answer, and then silence: every later request and wait never ends.
struct EarlyOnly(RefCell<Option<EarlyReadings>>);

impl Transport for EarlyOnly {
    fn sample(
        &self,
        _url: &str,
        _ask: Ask,
        _nonce: u64,
    ) -> impl Future<Output = Result<Observation, FetchError>> {
        pending()
    }

    fn sleep(&self, _ms: u32) -> impl Future<Output = ()> {
        pending()
    }

    fn nonce(&self) -> u64 {
        0
    }

    fn early_readings(&self) -> impl Future<Output = Option<EarlyReadings>> {
        ready(self.0.borrow_mut().take())
    }
}

/// The page's first verdict from the early request's `readings` alone, on `clock` (read now:
/// the readings must lie on its monotonic timeline): the driver's first phase that carries a
/// measurement (provisional while it would go on refining, or already settled), or `None`
/// when the driver would not use the readings (refused readings; a link or a deployment
/// whose time source is not the page's own origin) or needs more answers before a verdict.
pub fn first_measurement(
    setup: &Setup,
    readings: EarlyReadings,
    clock: &impl DeviceClock,
) -> Option<Phase> {
    let transport = EarlyOnly(RefCell::new(Some(readings)));
    let first = RefCell::new(None);
    {
        let running = pin!(run(setup, None, clock, &transport, |phase| {
            if first.borrow().is_none() && phase.measurement().is_some() {
                *first.borrow_mut() = Some(phase);
            }
        }));
        // Everything after the early answer waits on the transport, which never answers:
        // one poll plays the early answer out, and the run is dropped unfinished.
        let _pending = running.poll(&mut Context::from_waker(Waker::noop()));
    }
    first.into_inner()
}
