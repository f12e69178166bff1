//! Which device this is (the steps that turn on automatic time there are the words
//! layer's: [`crate::words::automatic_time_steps`]).
//!
//! Detection reads only what the browser volunteers (`navigator.userAgent`,
//! `navigator.maxTouchPoints`, `navigator.platform`), so it is a best guess: the page
//! always offers the other platforms' steps too.

mod detect;
mod device;
mod user_agent;

pub use detect::detect;
pub use device::{DeviceHints, Platform};
pub use user_agent::{
    BrowserFacts, DeviceFacts, OsFacts, UserAgentFacts, WindowsRelease, user_agent_facts,
};

#[cfg(test)]
mod tests;
