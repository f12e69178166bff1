//! The device and browser in words, for reports: `iPad (iPadOS 17.4), Safari 17.4`. The
//! product names stay as their makers write them; only the words between them are said in
//! the page's language.

use crate::platform::{
    BrowserFacts, DeviceFacts, DeviceHints, OsFacts, UserAgentFacts, WindowsRelease,
    user_agent_facts,
};
use crate::words::catalogue::Words;
use crate::words::page::platform_name;

/// Product names, the same in every language.
const IPOD_TOUCH: &str = "iPod touch";
const ANDROID: &str = "Android";
const WINDOWS: &str = "Windows";
const IPADOS: &str = "iPadOS";
const IOS: &str = "iOS";
const MACOS: &str = "macOS";

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
        }) => say!(
            "{device}, {browser}",
            device,
            browser = versioned(name, version)
        ),
        Some(BrowserFacts {
            name,
            version: None,
        }) => say!("{device}, {browser}", device, browser = name),
        None => device,
    }
}

/// A product and its version: `Safari 17.4`.
fn versioned(product: &str, version: &str) -> String {
    let mut words = String::with_capacity(product.len() + 1 + version.len());
    words.push_str(product);
    words.push(' ');
    words.push_str(version);
    words
}

/// The device and its OS version, e.g. `iPhone (iOS 17.4.1)` or `Windows 10 or 11`.
fn device_words(device: &DeviceFacts) -> String {
    match device {
        DeviceFacts::Platform(platform, Some(os)) => {
            say!(
                "{device} ({system})",
                device = platform_name(*platform),
                system = os_words(os)
            )
        }
        DeviceFacts::Platform(platform, None) => platform_name(*platform),
        DeviceFacts::IPodTouch(Some(version)) => say!(
            "{device} ({system})",
            device = IPOD_TOUCH,
            system = versioned(IOS, version)
        ),
        DeviceFacts::IPodTouch(None) => IPOD_TOUCH.to_owned(),
        DeviceFacts::Android { version, model } => {
            let system = version
                .as_ref()
                .map_or_else(|| ANDROID.to_owned(), |v| versioned(ANDROID, v));
            match model {
                Some(model) => say!("{system} ({model})", system, model),
                None => system,
            }
        }
        DeviceFacts::Windows(release) => match release {
            Some(WindowsRelease::TenOrEleven) => Words("Windows 10 or 11").text(),
            Some(WindowsRelease::EightPointOne) => versioned(WINDOWS, "8.1"),
            Some(WindowsRelease::Eight) => versioned(WINDOWS, "8"),
            Some(WindowsRelease::Seven) => versioned(WINDOWS, "7"),
            None => WINDOWS.to_owned(),
        },
        DeviceFacts::Unknown => Words("Unknown device").text(),
    }
}

/// An OS beside the platform's name: `iPadOS 17.4`, `macOS 10.15 or later`.
fn os_words(os: &OsFacts) -> String {
    match os {
        OsFacts::IPadOs(version) => versioned(IPADOS, version),
        OsFacts::Ios(version) => versioned(IOS, version),
        OsFacts::MacOs(version) => versioned(MACOS, version),
        OsFacts::MacOsFrozen => Words("macOS 10.15 or later").text(),
        OsFacts::Distribution(name) => (*name).to_owned(),
    }
}
