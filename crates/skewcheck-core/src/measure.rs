//! One measurement, from the link's parameters to a verdict: the [`Phase`]s the page
//! renders, and the driver ([`run`]) that walks the engine's [`Collector`] through them
//! with real (or, in tests, simulated) requests.
//!
//! A verdict is shown as soon as the evidence decides it (often after the very first
//! answer), then the number keeps refining until the collector stops; a second source, when
//! the link names one, is measured afterwards and compared.
//!
//! Everything here is a fact — numbers, enums, addresses. The words for them are
//! [`crate::words`]'.
//!
//! [`Collector`]: crate::plan::Collector

mod driver;
mod early;
mod first;
mod phase;
mod probes;
mod setup;
#[cfg(test)]
mod tests;
mod transport;
mod witness;

pub use driver::run;
pub use first::first_measurement;
pub use phase::{
    ChangeSeen, CrossCheck, CrossCheckOutcome, Failure, Measurement, Notice, Phase, RunOutcome,
    SourceFacts, Witness, WitnessCheck, WitnessFailure,
};
pub(crate) use setup::setup_for_query;
pub use setup::{Setup, link_names_endpoint, setup_from};
pub use transport::Transport;
