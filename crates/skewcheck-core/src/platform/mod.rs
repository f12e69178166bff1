//! Which device this is, and how to turn on automatic time there.
//!
//! Detection reads only what the browser volunteers (`navigator.userAgent`,
//! `navigator.maxTouchPoints`, `navigator.platform`), so it is a best guess: the page
//! always offers the other platforms' steps too.

mod detect;
mod device;
mod steps;
mod user_agent;

pub use detect::detect;
pub use device::{DeviceHints, Platform};
pub use user_agent::{
    BrowserFacts, DeviceFacts, OsFacts, UserAgentFacts, WindowsRelease, user_agent_facts,
};

#[cfg(test)]
mod tests;
