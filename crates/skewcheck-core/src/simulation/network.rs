//! [`SimulatedNetwork`]: the device's side of the simulation, a [`Transport`] whose requests
//! reach [`TimeServer`]s by address and take time on the device's [`ManualClock`].
//!
//! Requests and sleeps may overlap (a volley of probes): each one plays out at once on a copy
//! of the clock, then waits on the shared clock for the moment it ends. Whatever waits with
//! the earliest deadline moves the clock there when it is polled again — a discrete-event
//! simulation that runs inside any executor (`futures::executor::block_on` in the tests).

use super::server::{Exchange, TimeServer};
use crate::clock::ManualClock;
use crate::fetch::{
    Ask, FetchError, FetchErrorKind, REQUEST_TIMEOUT_MS, check_status, declares_too_large,
    read_answer,
};
use crate::measure::Transport;
use crate::sample::{EarlyReadings, Observation};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The network between the device and some time servers, each at its own address.
pub(crate) struct SimulatedNetwork<'a> {
    clock: &'a ManualClock,
    servers: Vec<(&'static str, &'a TimeServer)>,
    issued: Cell<u64>,
    nonces: RefCell<Vec<u64>>,
    /// Everything waiting for a moment on the clock: (waiter, monotonic deadline).
    waiting: RefCell<Vec<(u64, f64)>>,
    waiters: Cell<u64>,
    /// The page's early time request, until the measurement takes it.
    early: RefCell<Option<EarlyReadings>>,
}

impl<'a> SimulatedNetwork<'a> {
    /// A network on `clock` where `servers` answer at their addresses.
    pub(crate) fn new(clock: &'a ManualClock, servers: &[(&'static str, &'a TimeServer)]) -> Self {
        Self {
            clock,
            servers: servers.to_vec(),
            issued: Cell::new(0),
            nonces: RefCell::new(Vec::new()),
            waiting: RefCell::new(Vec::new()),
            waiters: Cell::new(0),
            early: RefCell::new(None),
        }
    }

    /// The page sent an early time request with these readings.
    pub(crate) fn set_early(&self, readings: EarlyReadings) {
        self.early.replace(Some(readings));
    }

    /// Waits until the clock's monotonic time reaches `deadline_ms`.
    fn until(&self, deadline_ms: f64) -> Until<'_, 'a> {
        Until {
            network: self,
            deadline_ms,
            waiter: None,
        }
    }

    /// Whether `waiter` has the earliest deadline of all (the first registered on a tie).
    fn is_earliest(&self, waiter: u64) -> bool {
        self.waiting
            .borrow()
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .is_some_and(|(first, _)| *first == waiter)
    }

    /// The cache-busting nonce of every request so far.
    pub(crate) fn nonces(&self) -> Vec<u64> {
        self.nonces.borrow().clone()
    }

    fn ask(&self, clock: &ManualClock, url: &str, ask: Ask) -> Result<Observation, FetchError> {
        let server = self
            .servers
            .iter()
            .find(|(address, _)| *address == url)
            .map(|(_, server)| *server);
        let exchange = server.map_or(Exchange::Refused, |server| {
            server.exchange(clock, ask != Ask::DateHeader)
        });
        let url = url.to_owned();
        match exchange {
            Exchange::Hung => {
                // The browser gives up (aborts) after its timeout.
                clock.advance(f64::from(REQUEST_TIMEOUT_MS));
                Err(FetchError {
                    url,
                    kind: FetchErrorKind::TimedOut,
                })
            }
            Exchange::Offline => Err(FetchError::new(&url, FetchErrorKind::Offline)),
            Exchange::Redirected(_) => {
                // `redirect: "manual"`: the browser does not follow it, and the page sees only
                // that there was one (an `opaqueredirect` answer), never where it leads.
                Err(FetchError::new(&url, FetchErrorKind::Redirected))
            }
            Exchange::CorsBlocked => Err(FetchError {
                url,
                kind: FetchErrorKind::CorsBlocked,
            }),
            Exchange::Refused => Err(FetchError {
                url,
                kind: FetchErrorKind::Unreachable {
                    detail: "connection refused".to_owned(),
                },
            }),
            Exchange::Answered {
                timing,
                status,
                headers,
                body,
            } => {
                check_status(&url, ask, status)?;
                let declared = headers
                    .iter()
                    .find(|(key, _)| *key == "content-length")
                    .map(|(_, value)| value.as_str());
                if ask != Ask::DateHeader && declares_too_large(declared) {
                    return Err(FetchError {
                        url,
                        kind: FetchErrorKind::TooLarge,
                    });
                }
                let body = match ask {
                    Ask::DateHeader => None,
                    Ask::Body | Ask::Timesync => Some(body.ok_or_else(|| FetchError {
                        url: url.clone(),
                        kind: FetchErrorKind::UnreadableBody {
                            detail: "connection reset".to_owned(),
                        },
                    })?),
                };
                let header = |name: &str| {
                    headers
                        .iter()
                        .find(|(key, _)| *key == name)
                        .map(|(_, value)| value.clone())
                };
                read_answer(&url, timing, body.as_deref(), header)
            }
        }
    }
}

impl Transport for SimulatedNetwork<'_> {
    async fn sample(&self, url: &str, ask: Ask, nonce: u64) -> Result<Observation, FetchError> {
        self.nonces.borrow_mut().push(nonce);
        // The exchange plays out on a copy of the clock; the answer arrives when the shared
        // clock gets there, with any step of the device clock made on the way.
        let during = self.clock.clone();
        let skew_before = during.exact_skew_ms();
        let answer = self.ask(&during, url, ask);
        self.until(during.exact_monotonic_ms()).await;
        self.clock.step_wall(during.exact_skew_ms() - skew_before);
        answer
    }

    async fn sleep(&self, ms: u32) {
        self.until(self.clock.exact_monotonic_ms() + f64::from(ms))
            .await;
    }

    fn nonce(&self) -> u64 {
        self.issued.set(self.issued.get() + 1);
        self.issued.get()
    }

    async fn early_readings(&self) -> Option<EarlyReadings> {
        self.early.take()
    }
}

/// A wait for a moment on the simulated clock (module docs).
struct Until<'n, 'a> {
    network: &'n SimulatedNetwork<'a>,
    deadline_ms: f64,
    /// Set once registered among the waiting.
    waiter: Option<u64>,
}

impl Until<'_, '_> {
    fn forget(&mut self) {
        if let Some(waiter) = self.waiter.take() {
            self.network
                .waiting
                .borrow_mut()
                .retain(|(other, _)| *other != waiter);
        }
    }
}

impl Future for Until<'_, '_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let clock = this.network.clock;
        let now = clock.exact_monotonic_ms();
        let ready = match this.waiter {
            _ if now >= this.deadline_ms => true,
            // First poll: register, so that every waiter created together is known before
            // any of them moves the clock.
            None => {
                let waiter = this.network.waiters.get() + 1;
                this.network.waiters.set(waiter);
                this.network
                    .waiting
                    .borrow_mut()
                    .push((waiter, this.deadline_ms));
                this.waiter = Some(waiter);
                false
            }
            Some(waiter) if this.network.is_earliest(waiter) => {
                clock.advance(this.deadline_ms - now);
                true
            }
            Some(_) => false,
        };
        if ready {
            this.forget();
            Poll::Ready(())
        } else {
            context.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Drop for Until<'_, '_> {
    fn drop(&mut self) {
        self.forget();
    }
}
