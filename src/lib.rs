//! skewcheck: is this device's clock right enough for signed uploads?
//!
//! The app crate: a thin browser shell around the pure core ([`skewcheck_core`]). [`net`] is
//! the only module that does network I/O, [`browser`] reads the device's clocks and address,
//! [`site`] fetches the deployment's file, [`storage`] keeps the field sheet in the browser,
//! and [`components`] only render state.

pub mod browser;
pub mod components;
pub mod language;
pub mod net;
pub mod site;
pub mod storage;

pub use components::App;
