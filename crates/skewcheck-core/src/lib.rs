//! The pure core of skewcheck: time math, source parsing, verdicts, configuration and the
//! measurement driver, sans I/O (as ntpd-rs' `ntp-proto` is to its daemon).
//!
//! This crate depends on no `leptos`, `web-sys`, `js-sys`, `wasm-bindgen` or `gloo`: its
//! `Cargo.toml` is the wall, so the compiler refuses a browser call here. The device clock
//! is injected ([`clock::DeviceClock`]), the network too ([`measure::Transport`]), and the
//! browser's URL parser ([`address::Resolve`]), so everything runs in `cargo test`.

pub mod address;
pub mod clock;
pub mod config;
pub mod date_text;
pub mod decimal;
pub mod drift;
pub mod estimate;
pub mod fetch;
pub mod lang;
pub mod limits;
pub mod live;
pub mod measure;
pub mod other_clock;
pub mod outcomes;
pub mod pasted;
pub mod plan;
pub mod platform;
pub mod plausible;
pub mod report;
pub mod sample;
pub mod sheet;
#[cfg(test)]
pub(crate) mod simulation;
pub mod site;
pub mod site_config;
pub mod source;
pub mod support;
pub mod text;
pub mod timezone;
pub mod verdict;
pub mod words;
