//! How a measurement reaches its time sources: the browser's network in the page (the app's
//! `net::BrowserNetwork`), a simulated one in tests.

use crate::fetch::{Ask, FetchError};
use crate::sample::{EarlyReadings, Observation};
use std::future::Future;

/// How a measurement reaches its time sources.
pub trait Transport {
    /// Asks `url` for the time once, timing the request on the device clock. `nonce` makes
    /// the address unique so no cache can answer.
    fn sample(
        &self,
        url: &str,
        ask: Ask,
        nonce: u64,
    ) -> impl Future<Output = Result<Observation, FetchError>>;

    /// Waits `ms` milliseconds.
    fn sleep(&self, ms: u32) -> impl Future<Output = ()>;

    /// A number that differs on every call, for cache-busting queries.
    fn nonce(&self) -> u64;

    /// The raw readings of the page's early time request, once per page: `None` when there
    /// was none or it was already handed out.
    fn early_readings(&self) -> impl Future<Output = Option<EarlyReadings>> {
        std::future::ready(None)
    }
}
