//! The device and browser in words, for reports: `iPad (iPadOS 17.4), Safari 17.4`.

use crate::platform::{
    BrowserFacts, DeviceFacts, DeviceHints, OsFacts, UserAgentFacts, WindowsRelease,
    user_agent_facts,
};

/// Short description for reports, e.g. `iPad (iPadOS 17.4), Safari 17.4`: the device with
/// its OS version and the browser with its version, as far as the user agent tells them.
pub fn user_agent_summary(hints: &DeviceHints) -> String {
    user_agent_words(&user_agent_facts(hints))
}

/// [`user_agent_summary`] of facts already read.
pub fn user_agent_words(facts: &UserAgentFacts) -> String {
    let device = device_words(&facts.device);
    match &facts.browser {
        Some(BrowserFacts {
            name,
            version: Some(version),
        }) => format!("{device}, {name} {version}"),
        Some(BrowserFacts {
            name,
            version: None,
        }) => format!("{device}, {name}"),
        None => device,
    }
}

/// The device and its OS version, e.g. `iPhone (iOS 17.4.1)` or `Windows 10 or 11`.
fn device_words(device: &DeviceFacts) -> String {
    match device {
        DeviceFacts::Platform(platform, Some(os)) => {
            format!("{} ({})", platform.name(), os_words(os))
        }
        DeviceFacts::Platform(platform, None) => platform.name().to_owned(),
        DeviceFacts::IPodTouch(Some(version)) => format!("iPod touch (iOS {version})"),
        DeviceFacts::IPodTouch(None) => "iPod touch".to_owned(),
        DeviceFacts::Android { version, model } => {
            let mut words = version
                .as_ref()
                .map_or_else(|| "Android".to_owned(), |v| format!("Android {v}"));
            if let Some(model) = model {
                words.push_str(&format!(" ({model})"));
            }
            words
        }
        DeviceFacts::Windows(release) => match release {
            Some(WindowsRelease::TenOrEleven) => "Windows 10 or 11".to_owned(),
            Some(WindowsRelease::EightPointOne) => "Windows 8.1".to_owned(),
            Some(WindowsRelease::Eight) => "Windows 8".to_owned(),
            Some(WindowsRelease::Seven) => "Windows 7".to_owned(),
            None => "Windows".to_owned(),
        },
        DeviceFacts::Unknown => "Unknown device".to_owned(),
    }
}

/// An OS beside the platform's name: `iPadOS 17.4`, `macOS 10.15 or later`.
fn os_words(os: &OsFacts) -> String {
    match os {
        OsFacts::IPadOs(version) => format!("iPadOS {version}"),
        OsFacts::Ios(version) => format!("iOS {version}"),
        OsFacts::MacOs(version) => format!("macOS {version}"),
        OsFacts::MacOsFrozen => "macOS 10.15 or later".to_owned(),
        OsFacts::Distribution(name) => (*name).to_owned(),
    }
}
