//! The families of devices skewcheck tells apart, and what the browser says about one.

use serde::{Deserialize, Serialize};

/// A family of devices whose settings look alike. In a report it is stored as its
/// [`id`](Self::id); an id this version does not know reads as [`Platform::Unknown`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// iPad (iPadOS).
    IPadOs,
    /// iPhone or iPod touch.
    Ios,
    /// Android phones and tablets.
    Android,
    /// Windows PCs.
    Windows,
    /// Macs.
    MacOs,
    /// Chromebooks.
    ChromeOs,
    /// Desktop Linux.
    Linux,
    /// Not a browser: a command line that ran `check.sh` (any operating system). Never
    /// detected from a user agent, never offered as "other devices"; only a permalink the
    /// script wrote carries it.
    #[serde(rename = "cli")]
    CommandLine,
    /// Anything else.
    #[serde(other)]
    Unknown,
}

/// What the browser says about the device.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceHints<'a> {
    /// `navigator.userAgent`.
    pub user_agent: &'a str,
    /// `navigator.maxTouchPoints`: a Mac reports 0, an iPad 5.
    pub max_touch_points: u32,
    /// `navigator.platform`, possibly empty.
    pub platform: &'a str,
}

impl Platform {
    /// Every real platform, in the order the page offers them as "other devices".
    pub const ALL: [Platform; 7] = [
        Self::IPadOs,
        Self::Ios,
        Self::Android,
        Self::Windows,
        Self::MacOs,
        Self::ChromeOs,
        Self::Linux,
    ];

    /// A stable identifier, used in `data-platform` attributes and links.
    pub fn id(self) -> &'static str {
        match self {
            Self::IPadOs => "ipados",
            Self::Ios => "ios",
            Self::Android => "android",
            Self::Windows => "windows",
            Self::MacOs => "macos",
            Self::ChromeOs => "chromeos",
            Self::Linux => "linux",
            Self::CommandLine => "cli",
            Self::Unknown => "unknown",
        }
    }

    /// What a client calls the device.
    pub fn name(self) -> &'static str {
        match self {
            Self::IPadOs => "iPad",
            Self::Ios => "iPhone",
            Self::Android => "Android",
            Self::Windows => "Windows",
            Self::MacOs => "Mac",
            Self::ChromeOs => "Chromebook",
            Self::Linux => "Linux",
            Self::CommandLine => "Command line",
            Self::Unknown => "this device",
        }
    }

    /// The platform with this [`id`](Self::id), including `cli` and `unknown`.
    pub fn from_id(id: &str) -> Option<Platform> {
        Self::ALL
            .into_iter()
            .chain([Self::CommandLine, Self::Unknown])
            .find(|platform| platform.id() == id)
    }
}
