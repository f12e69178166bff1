//! What the user agent tells about the device and its browser, for reports.

use super::detect::detect;
use super::device::{DeviceHints, Platform};

/// Browsers by user-agent token, most specific first: Edge, Opera and Samsung Internet also
/// say "Chrome/", and almost everything says "Safari/".
const BROWSERS: [(&str, &str); 11] = [
    ("EdgiOS/", "Edge"),
    ("EdgA/", "Edge"),
    ("Edg/", "Edge"),
    ("Edge/", "Edge"),
    ("OPR/", "Opera"),
    ("OPiOS/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("CriOS/", "Chrome"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
];

/// What the user agent tells about the device and its browser; the report's words for it
/// (`iPad (iPadOS 17.4), Safari 17.4`) are [`crate::words::user_agent_summary`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserAgentFacts {
    /// The device, with its OS version as far as told.
    pub device: DeviceFacts,
    /// The browser, when known: its name and version.
    pub browser: Option<BrowserFacts>,
}

/// A browser, by name, with its version when the user agent gives one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserFacts {
    /// Its product name (`Safari`, `Samsung Internet`).
    pub name: &'static str,
    /// Its version, trailing `.0`s dropped.
    pub version: Option<String>,
}

/// The device and its OS, as far as the user agent tells them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceFacts {
    /// A platform by its name, with its OS when known.
    Platform(Platform, Option<OsFacts>),
    /// An iPod touch, with its iOS version when known.
    IPodTouch(Option<String>),
    /// An Android device: its Android version and model, as far as told.
    Android {
        /// The Android version.
        version: Option<String>,
        /// The model, unless the user agent hides it.
        model: Option<String>,
    },
    /// A Windows PC, with its release when told.
    Windows(Option<WindowsRelease>),
    /// A device the user agent does not reveal.
    Unknown,
}

/// An operating system beside the platform's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OsFacts {
    /// iPadOS, this version.
    IPadOs(String),
    /// iOS, this version.
    Ios(String),
    /// macOS, this version.
    MacOs(String),
    /// macOS 10.15 or a later one: browsers froze the Mac version at 10.15(.7) in 2020.
    MacOsFrozen,
    /// A Linux distribution, by name.
    Distribution(&'static str),
}

/// A Windows release as `Windows NT` tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowsRelease {
    /// NT 10.0: Windows 10, or 11, which still says 10.0.
    TenOrEleven,
    /// NT 6.3.
    EightPointOne,
    /// NT 6.2.
    Eight,
    /// NT 6.1.
    Seven,
}

/// The device with its OS version and the browser with its version, as far as the user
/// agent tells them.
pub fn user_agent_facts(hints: &DeviceHints) -> UserAgentFacts {
    let ua = hints.user_agent;
    let browser = BROWSERS
        .iter()
        .find(|(token, _)| ua.contains(token))
        .map(|&(token, name)| BrowserFacts {
            name,
            version: version_after(ua, token),
        })
        .or_else(|| {
            ua.contains("Safari/").then(|| BrowserFacts {
                name: "Safari",
                version: version_after(ua, "Version/"),
            })
        });
    UserAgentFacts {
        device: device_facts(detect(hints), ua),
        browser,
    }
}

/// The device and its OS version, e.g. iPhone with iOS 17.4.1, or Windows 10 or 11.
fn device_facts(platform: Platform, ua: &str) -> DeviceFacts {
    let with = |os: Option<OsFacts>| DeviceFacts::Platform(platform, os);
    let ios_version = || {
        version_after(ua, "CPU OS ")
            // `CPU iPhone OS `: the token's tail is enough, and names no other version.
            .or_else(|| version_after(ua, "iPhone OS "))
            // The desktop-class iPad UA freezes its OS at 10.15.7; Safari's version tracks iPadOS.
            .or_else(|| version_after(ua, "Version/"))
    };
    match platform {
        Platform::IPadOs => with(ios_version().map(OsFacts::IPadOs)),
        Platform::Ios if ua.contains("iPod") => DeviceFacts::IPodTouch(ios_version()),
        Platform::Ios => with(ios_version().map(OsFacts::Ios)),
        Platform::Android => DeviceFacts::Android {
            version: version_after(ua, "Android "),
            model: android_model(ua),
        },
        Platform::Windows => {
            DeviceFacts::Windows(match version_after(ua, "Windows NT ").as_deref() {
                // Windows 11 still says "NT 10.0".
                Some("10") => Some(WindowsRelease::TenOrEleven),
                Some("6.3") => Some(WindowsRelease::EightPointOne),
                Some("6.2") => Some(WindowsRelease::Eight),
                Some("6.1") => Some(WindowsRelease::Seven),
                _ => None,
            })
        }
        Platform::MacOs => with(version_after(ua, "Mac OS X ").map(|v| {
            if v.starts_with("10.15") {
                OsFacts::MacOsFrozen
            } else {
                OsFacts::MacOs(v)
            }
        })),
        Platform::Linux => with(
            ["Ubuntu", "Fedora", "Debian"]
                .into_iter()
                .find(|distro| ua.contains(distro))
                .map(OsFacts::Distribution),
        ),
        Platform::ChromeOs => with(None),
        Platform::CommandLine | Platform::Unknown => DeviceFacts::Unknown,
    }
}

/// The version right after `token`, e.g. `17.4` after `Version/`: underscores read as dots,
/// trailing `.0`s dropped (`124.0.0.0` → `124`).
fn version_after(ua: &str, token: &str) -> Option<String> {
    // `find` returns a char boundary and the tokens are ASCII, so the slice is safe.
    let rest = &ua[ua.find(token)? + token.len()..];
    let mut version: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '_')
        .take(24)
        .map(|c| if c == '_' { '.' } else { c })
        .collect();
    while version.ends_with('.') {
        version.pop();
    }
    while let Some(shorter) = version.strip_suffix(".0") {
        version.truncate(shorter.len());
    }
    version
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(version)
}

/// The model in `(Linux; Android 14; SM-X710 Build/…)`, unless the UA hides it (`K`).
fn android_model(ua: &str) -> Option<String> {
    let inside = &ua[ua.find("Android")?..];
    let inside = &inside[..inside.find(')').unwrap_or(inside.len())];
    let segment = inside.split(';').nth(1)?;
    let model = segment.split(" Build/").next().unwrap_or("").trim();
    let model: String = model
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        .take(40)
        .collect();
    let hidden = model.is_empty() || matches!(model.as_str(), "K" | "wv" | "Mobile" | "Tablet");
    (!hidden).then_some(model)
}
