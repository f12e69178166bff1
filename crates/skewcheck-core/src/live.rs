//! The live page's decisions, apart from the browser: which measurement is current, when to
//! measure again, when the clock changed while the page sat idle, and the drift history.
//!
//! The page feeds a [`LiveMonitor`] its ticks, visibility changes and finished measurements,
//! and starts a measurement whenever the monitor gives a [`Reason`]; it renders and decides
//! nothing else. Every decision here runs in native tests with a
//! [`ManualClock`](super::clock::ManualClock).

mod monitor;
mod reason;
#[cfg(test)]
mod tests;

pub use crate::measure::{ChangeSeen, RunOutcome};
pub use monitor::{IDLE_JUMP_THRESHOLD_MS, LIVE_RECHECK_MS, LiveMonitor, Start};
pub use reason::{Reason, RunTicket};
