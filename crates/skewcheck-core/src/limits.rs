//! The limits the page's JavaScript shares with Rust (`early-probe.js` asks the same
//! questions before the WebAssembly has loaded). This file is their one source: the build
//! hook `scripts/limits.mjs` writes them into the script, so a change here changes both.

/// A request that has not answered after this long is abandoned: two attempts and the
/// pause between them end within the measurement's deadline.
pub const REQUEST_TIMEOUT_MS: u32 = 5_000;

/// The largest body read from a time endpoint or `skewcheck.json`: a time is a few dozen
/// bytes, a configuration file a few hundred.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How long the page waits for its `skewcheck.json` before going on without it.
pub const SITE_CONFIG_TIMEOUT_MS: u32 = 3_000;
