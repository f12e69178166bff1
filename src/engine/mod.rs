//! The pure core of skewcheck: time math, source parsing, verdicts and configuration.
//!
//! Nothing in this module tree touches the browser: no `leptos`, `web-sys`, `js-sys` or
//! `gloo` imports (a native test, `tests/architecture.rs`, enforces it). The device clock is
//! injected through [`clock::DeviceClock`], so every estimator runs in `cargo test`.

pub mod address;
pub mod clock;
pub mod config;
pub mod drift;
pub mod estimate;
pub mod humanize;
pub mod live;
pub mod pasted;
pub mod plan;
pub mod platform;
pub mod plausible;
pub mod report;
pub mod sample;
pub mod site_config;
pub mod source;
pub mod support;
pub mod text;
pub mod timezone;
pub mod verdict;
