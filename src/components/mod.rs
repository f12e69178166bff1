//! Small components that only render state; all decisions are made in [`crate::engine`]
//! and [`crate::measure`].

mod app;
mod clocks;
mod details;
mod verdict_panel;

pub use app::App;
pub use clocks::LiveClocks;
pub use details::MeasurementDetails;
pub use verdict_panel::VerdictPanel;
