//! A simulated time server and network for native tests.
//!
//! The server's clock is the truth; the device (a
//! [`ManualClock`](crate::clock::ManualClock)) is `offset_ms` ahead of it. Each request
//! takes `outbound_ms` to reach the server and `inbound_ms` to come back, and the server can
//! be scripted to fail ([`Fault`]). Engine tests take [`Sample`](crate::sample::Sample)s and
//! [`Observation`](crate::sample::Observation)s from it directly; the measurement driver
//! talks to it through [`SimulatedNetwork`], which serves real response text (a `Date`
//! header, a millisecond body) read by the same code as the browser's answers.

mod network;
mod server;

pub(crate) use network::SimulatedNetwork;
pub(crate) use server::{Exchange, Fault, START_MS, Stamp, TimeServer};
