//! [`SimulatedNetwork`]: the device's side of the simulation, a [`Transport`] whose requests
//! reach [`TimeServer`]s by address and take time on the device's [`ManualClock`].

use super::{Exchange, TimeServer};
use crate::engine::clock::ManualClock;
use crate::engine::sample::Observation;
use crate::measure::Transport;
use crate::net::{
    Ask, FetchError, REQUEST_TIMEOUT_MS, check_redirect, check_status, declares_too_large,
    read_answer,
};
use std::cell::{Cell, RefCell};

/// The network between the device and some time servers, each at its own address.
pub(crate) struct SimulatedNetwork<'a> {
    clock: &'a ManualClock,
    servers: Vec<(&'static str, &'a TimeServer)>,
    issued: Cell<u64>,
    nonces: RefCell<Vec<u64>>,
}

impl<'a> SimulatedNetwork<'a> {
    /// A network on `clock` where `servers` answer at their addresses.
    pub(crate) fn new(clock: &'a ManualClock, servers: &[(&'static str, &'a TimeServer)]) -> Self {
        Self {
            clock,
            servers: servers.to_vec(),
            issued: Cell::new(0),
            nonces: RefCell::new(Vec::new()),
        }
    }

    /// The cache-busting nonce of every request so far.
    pub(crate) fn nonces(&self) -> Vec<u64> {
        self.nonces.borrow().clone()
    }

    fn ask(&self, url: &str, ask: Ask) -> Result<Observation, FetchError> {
        let server = self
            .servers
            .iter()
            .find(|(address, _)| *address == url)
            .map(|(_, server)| *server);
        let exchange = server.map_or(Exchange::Refused, |server| {
            server.exchange(self.clock, ask == Ask::Body)
        });
        let url = url.to_owned();
        match exchange {
            Exchange::Hung => {
                // The browser gives up (aborts) after its timeout.
                self.clock.advance(f64::from(REQUEST_TIMEOUT_MS));
                Err(FetchError::TimedOut { url })
            }
            Exchange::Offline => Err(FetchError::Offline),
            Exchange::Redirected(to) => {
                // The browser follows it; the page then sees where it ended.
                let answer = self.ask(to, ask);
                check_redirect(&url, to)?;
                answer
            }
            Exchange::CorsBlocked => Err(FetchError::CorsBlocked { url }),
            Exchange::Refused => Err(FetchError::Unreachable {
                url,
                detail: "connection refused".to_owned(),
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
                if ask == Ask::Body && declares_too_large(declared) {
                    return Err(FetchError::TooLarge { url });
                }
                let body = match ask {
                    Ask::DateHeader => None,
                    Ask::Body => Some(body.ok_or_else(|| FetchError::UnreadableBody {
                        url: url.clone(),
                        detail: "connection reset".to_owned(),
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
        self.ask(url, ask)
    }

    async fn sleep(&self, ms: u32) {
        self.clock.advance(f64::from(ms));
    }

    fn nonce(&self) -> u64 {
        self.issued.set(self.issued.get() + 1);
        self.issued.get()
    }
}
