//! skewcheck: is this device's clock right enough for signed uploads?
//!
//! The crate is a pure core ([`engine`]) and a thin browser shell around it: [`net`] is the
//! only module that does network I/O, [`browser`] reads the device's clocks and address,
//! [`measure`] drives a measurement, and [`components`] only render state.

pub mod browser;
pub mod components;
pub mod engine;
pub mod measure;
pub mod net;
#[cfg(test)]
pub(crate) mod simulation;
pub mod site;

pub use components::App;
