//! Small components that only render state: every decision is the core's
//! ([`skewcheck_core::live::LiveMonitor`], [`skewcheck_core::measure`]) and every sentence
//! the words layer's ([`skewcheck_core::words`]). Siblings import each other by path
//! (`crate::components::x::Y`), never through this file, so no two files import each other.

mod app;
mod clocks;
mod details;
mod fix;
mod gauge;
mod language;
mod link_text;
mod live;
mod markup;
mod other_clocks;
mod paste;
mod qr;
mod report;
mod services;
mod sheet;
mod site_extras;
mod support;
mod verdict_panel;

pub use app::App;
pub use clocks::LiveClocks;
pub use details::MeasurementDetails;
pub use fix::FixSteps;
pub use gauge::Gauge;
pub use language::LanguageSwitcher;
pub use link_text::TicketTag;
pub use other_clocks::OtherClocks;
pub use paste::{PasteError, PastedDiagnosis};
pub use report::{PastReport, ReportShare, permalink};
pub use services::{ServiceList, verdict_badge};
pub use sheet::{SheetAdd, SheetPage};
pub use site_extras::SiteExtras;
pub use support::{LinkMaker, ServerCheck, copy_to_clipboard};
pub use verdict_panel::VerdictPanel;
