//! Which device this is, and how to turn on automatic time there.
//!
//! Detection reads only what the browser volunteers (`navigator.userAgent`,
//! `navigator.maxTouchPoints`, `navigator.platform`), so it is a best guess: the page
//! always offers the other platforms' steps too.

/// A family of devices whose settings look alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// Anything else.
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

/// Browsers that exist only on iOS and iPadOS.
const IOS_ONLY_BROWSERS: [&str; 4] = ["CriOS/", "FxiOS/", "EdgiOS/", "OPiOS/"];

/// Guesses the platform. Never panics, whatever the strings hold.
pub fn detect(hints: &DeviceHints) -> Platform {
    let ua = hints.user_agent;
    // iPadOS 13+ presents itself as a Mac; touch points give it away (a Mac reports 0).
    let touch = hints.max_touch_points > 1;
    if ua.contains("iPad") {
        Platform::IPadOs
    } else if ua.contains("iPhone") || ua.contains("iPod") {
        Platform::Ios
    } else if IOS_ONLY_BROWSERS.iter().any(|token| ua.contains(token)) {
        // An iOS-only browser without "iPhone" in its UA is an iPad asking for desktop sites.
        Platform::IPadOs
    } else if ua.contains("Android") {
        // Before Linux and CrOS: Android UAs also say "Linux".
        Platform::Android
    } else if ua.contains("CrOS") {
        Platform::ChromeOs
    } else if ua.contains("Windows") {
        Platform::Windows
    } else if ua.contains("Macintosh") || ua.contains("Mac OS X") {
        if touch {
            Platform::IPadOs
        } else {
            Platform::MacOs
        }
    } else if ua.contains("Linux") || ua.contains("Ubuntu") || ua.contains("Fedora") {
        // Android tablets asking for desktop sites claim "X11; Linux x86_64", but Samsung
        // Internet exists only on Android and `navigator.platform` still says ARM.
        let android = ua.contains("SamsungBrowser/")
            || from_navigator_platform(hints.platform, hints.max_touch_points) == Platform::Android;
        if android {
            Platform::Android
        } else {
            Platform::Linux
        }
    } else {
        from_navigator_platform(hints.platform, hints.max_touch_points)
    }
}

/// The fallback when the user agent says nothing useful.
fn from_navigator_platform(platform: &str, max_touch_points: u32) -> Platform {
    if platform.starts_with("iPad") {
        Platform::IPadOs
    } else if platform.starts_with("iPhone") || platform.starts_with("iPod") {
        Platform::Ios
    } else if platform.starts_with("Mac") {
        if max_touch_points > 1 {
            Platform::IPadOs
        } else {
            Platform::MacOs
        }
    } else if platform.starts_with("Win") {
        Platform::Windows
    } else if platform.contains("CrOS") {
        Platform::ChromeOs
    } else if platform.contains("Android") {
        Platform::Android
    } else if platform.starts_with("Linux") {
        // Android browsers report "Linux armv8l" or "Linux aarch64" and have a touch screen.
        let arm = platform.contains("arm") || platform.contains("aarch64");
        if arm && max_touch_points > 0 {
            Platform::Android
        } else {
            Platform::Linux
        }
    } else {
        Platform::Unknown
    }
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
            Self::Unknown => "this device",
        }
    }

    /// The platform with this [`id`](Self::id), including `unknown`.
    pub fn from_id(id: &str) -> Option<Platform> {
        Self::ALL
            .into_iter()
            .chain([Self::Unknown])
            .find(|platform| platform.id() == id)
    }

    /// Steps, ready for a numbered list, that turn on automatic date, time and time zone.
    pub fn automatic_time_steps(self) -> &'static [&'static str] {
        match self {
            Self::IPadOs | Self::Ios => &[
                "Open the Settings app.",
                "Tap General, then Date & Time.",
                "Turn on Set Automatically.",
                "If Set Automatically is greyed out, Screen Time may be locking it: go to Settings → Screen Time → Content & Privacy Restrictions and allow changes (or turn Screen Time off), or ask whoever manages this device.",
                "For the right time zone, also turn on Settings → Privacy & Security → Location Services → System Services → Setting Time Zone.",
            ],
            Self::Android => &[
                "Open the Settings app.",
                "Tap System, then Date & time (on Samsung: General management, then Date and time).",
                "Turn on “Set time automatically” (older versions: “Use network-provided time”; Samsung: “Automatic date and time”).",
                "Turn on “Set time zone automatically” (older versions: “Use network-provided time zone”).",
            ],
            Self::Windows => &[
                "Open Settings (press the Windows key and I together).",
                "Choose Time & language, then Date & time.",
                "Turn on “Set time automatically”.",
                "Turn on “Set time zone automatically”, or choose your time zone from the list.",
                "Under “Additional settings”, click “Sync now”.",
                "If these switches are greyed out, your organisation manages this PC: ask its IT support.",
            ],
            Self::MacOs => &[
                "Open the Apple menu → System Settings.",
                "Click General in the sidebar, then Date & Time.",
                "Turn on “Set time and date automatically” (the source can stay time.apple.com).",
                "Turn on “Set time zone automatically using your current location”, or pick the closest city.",
                "If asked, enter the Mac's administrator password.",
            ],
            Self::ChromeOs => &[
                "ChromeOS sets its clock by itself whenever it is online; there is no switch for it.",
                "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
                "Under Time zone, choose “Set automatically”.",
                "If the clock is still wrong, restart the Chromebook while it is connected to the internet.",
            ],
            Self::Linux => &[
                "In a terminal, run: sudo timedatectl set-ntp true",
                "Or, on GNOME: Settings → Date & Time (newer versions: Settings → System → Date & Time), then turn on “Automatic Date & Time”.",
                "Turn on “Automatic Time Zone” too, or pick your city.",
                "Check with: timedatectl status — it should say “System clock synchronized: yes”.",
            ],
            Self::Unknown => &[
                "Open this device's settings and look for “Date & time”.",
                "Turn on automatic date and time (it may be called “Set automatically” or “Use network time”).",
                "Turn on automatic time zone too, or choose the time zone of the city you are in.",
            ],
        }
    }

    /// Steps that set the correct time zone: for a clock whose hours were corrected by hand
    /// because its time zone is wrong, which leaves it hours off in UTC.
    pub fn time_zone_steps(self) -> &'static [&'static str] {
        match self {
            Self::IPadOs | Self::Ios => &[
                "Open Settings → Privacy & Security → Location Services → System Services and turn on Setting Time Zone.",
                "Open Settings → General → Date & Time and turn on Set Automatically.",
                "Check that Time Zone shows your city. If it still does not, turn Set Automatically off, tap Time Zone, type the nearest city and choose it, then set the date and time exactly.",
            ],
            Self::Android => &[
                "Open Settings → System → Date & time (on Samsung: General management → Date and time).",
                "Turn off “Set time zone automatically”.",
                "Tap “Time zone” (or “Select time zone”) and choose your region and city.",
                "Make sure “Set time automatically” is on.",
            ],
            Self::Windows => &[
                "Open Settings → Time & language → Date & time.",
                "Turn off “Set time zone automatically”.",
                "Choose your time zone from the “Time zone” list.",
                "Make sure “Set time automatically” is on, then click “Sync now”.",
            ],
            Self::MacOs => &[
                "Open the Apple menu → System Settings → General → Date & Time.",
                "Turn off “Set time zone automatically using your current location”.",
                "Under “Closest city”, type your city and choose it.",
                "Make sure “Set time and date automatically” is on.",
            ],
            Self::ChromeOs => &[
                "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
                "Under Time zone, choose “Choose from list” and pick your time zone.",
                "Restart the Chromebook while it is connected to the internet.",
            ],
            Self::Linux => &[
                "Find your zone's name with: timedatectl list-timezones",
                "Set it with, for example: sudo timedatectl set-timezone Europe/Berlin",
                "Or, on GNOME: Settings → Date & Time, turn off “Automatic Time Zone” and pick your city.",
                "Make sure automatic time is on: sudo timedatectl set-ntp true",
            ],
            Self::Unknown => &[
                "Open this device's settings and look for “Date & time”.",
                "Turn off automatic time zone and choose the time zone of the city you are in.",
                "Turn on automatic date and time.",
            ],
        }
    }
}

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

/// Short description for reports, e.g. `iPad (iPadOS 17.4), Safari 17.4`: the device with
/// its OS version and the browser with its version, as far as the user agent tells them.
pub fn user_agent_summary(hints: &DeviceHints) -> String {
    let ua = hints.user_agent;
    let device = device_words(detect(hints), ua);
    let browser = BROWSERS
        .iter()
        .find(|(token, _)| ua.contains(token))
        .map(|&(token, name)| (name, version_after(ua, token)))
        .or_else(|| {
            ua.contains("Safari/")
                .then(|| ("Safari", version_after(ua, "Version/")))
        });
    match browser {
        Some((name, Some(version))) => format!("{device}, {name} {version}"),
        Some((name, None)) => format!("{device}, {name}"),
        None => device,
    }
}

/// The device and its OS version, e.g. `iPhone (iOS 17.4.1)` or `Windows 10 or 11`.
fn device_words(platform: Platform, ua: &str) -> String {
    let with = |os: Option<String>| match os {
        Some(os) => format!("{} ({os})", platform.name()),
        None => platform.name().to_owned(),
    };
    let ios_version = || {
        version_after(ua, "CPU OS ")
            .or_else(|| version_after(ua, "CPU iPhone OS "))
            // The desktop-class iPad UA freezes its OS at 10.15.7; Safari's version tracks iPadOS.
            .or_else(|| version_after(ua, "Version/"))
    };
    match platform {
        Platform::IPadOs => with(ios_version().map(|v| format!("iPadOS {v}"))),
        Platform::Ios if ua.contains("iPod") => match ios_version() {
            Some(v) => format!("iPod touch (iOS {v})"),
            None => "iPod touch".to_owned(),
        },
        Platform::Ios => with(ios_version().map(|v| format!("iOS {v}"))),
        Platform::Android => {
            let version = version_after(ua, "Android ");
            let mut words =
                version.map_or_else(|| "Android".to_owned(), |v| format!("Android {v}"));
            if let Some(model) = android_model(ua) {
                words.push_str(&format!(" ({model})"));
            }
            words
        }
        Platform::Windows => match version_after(ua, "Windows NT ").as_deref() {
            // Windows 11 still says "NT 10.0".
            Some("10") => "Windows 10 or 11".to_owned(),
            Some("6.3") => "Windows 8.1".to_owned(),
            Some("6.2") => "Windows 8".to_owned(),
            Some("6.1") => "Windows 7".to_owned(),
            _ => "Windows".to_owned(),
        },
        Platform::MacOs => with(version_after(ua, "Mac OS X ").map(|v| {
            // Browsers froze the Mac version at 10.15(.7) in 2020.
            if v.starts_with("10.15") {
                "macOS 10.15 or later".to_owned()
            } else {
                format!("macOS {v}")
            }
        })),
        Platform::Linux => with(
            ["Ubuntu", "Fedora", "Debian"]
                .into_iter()
                .find(|distro| ua.contains(distro))
                .map(str::to_owned),
        ),
        Platform::ChromeOs => platform.name().to_owned(),
        Platform::Unknown => "Unknown device".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

    const IPADOS_17_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const OLD_IPAD: &str = "Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1";
    const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    const SAMSUNG_TABLET: &str = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Safari/537.36";
    const WINDOWS_EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51";
    const WINDOWS_FIREFOX: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0";
    const MAC_CHROME: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    const CHROMEOS: &str = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    const UBUNTU_FIREFOX: &str =
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    fn hints(user_agent: &str, max_touch_points: u32) -> DeviceHints<'_> {
        DeviceHints {
            user_agent,
            max_touch_points,
            platform: "",
        }
    }

    #[test]
    fn real_user_agents_are_recognised() {
        let cases = [
            (IPADOS_17_SAFARI, 5, Platform::IPadOs),
            (IPADOS_17_SAFARI, 0, Platform::MacOs),
            (OLD_IPAD, 5, Platform::IPadOs),
            (IPHONE_SAFARI, 5, Platform::Ios),
            (IPHONE_CHROME, 5, Platform::Ios),
            (ANDROID_CHROME, 5, Platform::Android),
            (SAMSUNG_TABLET, 10, Platform::Android),
            (WINDOWS_EDGE, 0, Platform::Windows),
            (WINDOWS_EDGE, 10, Platform::Windows),
            (WINDOWS_FIREFOX, 0, Platform::Windows),
            (MAC_CHROME, 0, Platform::MacOs),
            (CHROMEOS, 0, Platform::ChromeOs),
            (UBUNTU_FIREFOX, 0, Platform::Linux),
            ("", 0, Platform::Unknown),
        ];
        for (ua, touch, expected) in cases {
            assert_eq!(detect(&hints(ua, touch)), expected, "{ua} / {touch}");
        }
    }

    #[test]
    fn ios_only_browsers_in_desktop_mode_are_ipads() {
        let chrome_desktop_mode = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Safari/604.1";
        assert_eq!(detect(&hints(chrome_desktop_mode, 0)), Platform::IPadOs);
    }

    #[test]
    fn android_tablets_in_desktop_mode_are_android() {
        let samsung = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Safari/537.36";
        assert_eq!(detect(&hints(samsung, 10)), Platform::Android);
        let chrome = DeviceHints {
            user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            max_touch_points: 5,
            platform: "Linux aarch64",
        };
        assert_eq!(detect(&chrome), Platform::Android);
        let desktop = DeviceHints {
            platform: "Linux x86_64",
            ..chrome
        };
        assert_eq!(detect(&desktop), Platform::Linux);
    }

    #[test]
    fn navigator_platform_is_the_fallback() {
        let cases = [
            ("iPhone", 5, Platform::Ios),
            ("iPad", 5, Platform::IPadOs),
            ("MacIntel", 5, Platform::IPadOs),
            ("MacIntel", 0, Platform::MacOs),
            ("Win32", 0, Platform::Windows),
            ("Linux armv8l", 5, Platform::Android),
            ("Linux x86_64", 0, Platform::Linux),
            ("", 0, Platform::Unknown),
        ];
        for (platform, max_touch_points, expected) in cases {
            let hints = DeviceHints {
                user_agent: "Mozilla/5.0",
                max_touch_points,
                platform,
            };
            assert_eq!(detect(&hints), expected, "{platform}");
        }
    }

    #[test]
    fn summaries_name_os_and_browser_versions() {
        let cases = [
            (IPADOS_17_SAFARI, 5, "iPad (iPadOS 17.4), Safari 17.4"),
            (OLD_IPAD, 5, "iPad (iPadOS 12.5.7), Safari 12.1.2"),
            (IPHONE_SAFARI, 5, "iPhone (iOS 17.4.1), Safari 17.4.1"),
            (IPHONE_CHROME, 5, "iPhone (iOS 17.4), Chrome 123.0.6312.52"),
            (ANDROID_CHROME, 5, "Android 10, Chrome 124"),
            (
                SAMSUNG_TABLET,
                10,
                "Android 14 (SM-X710), Samsung Internet 24",
            ),
            (WINDOWS_EDGE, 0, "Windows 10 or 11, Edge 124.0.2478.51"),
            (WINDOWS_FIREFOX, 0, "Windows 10 or 11, Firefox 125"),
            (MAC_CHROME, 0, "Mac (macOS 10.15 or later), Chrome 124"),
            (CHROMEOS, 0, "Chromebook, Chrome 124"),
            (UBUNTU_FIREFOX, 0, "Linux (Ubuntu), Firefox 125"),
            ("", 0, "Unknown device"),
        ];
        for (ua, touch, expected) in cases {
            assert_eq!(user_agent_summary(&hints(ua, touch)), expected, "{ua}");
        }
    }

    #[test]
    fn every_platform_has_steps_and_a_stable_id() {
        for platform in Platform::ALL.into_iter().chain([Platform::Unknown]) {
            assert_eq!(Platform::from_id(platform.id()), Some(platform));
            assert!(!platform.name().is_empty());
            for steps in [platform.automatic_time_steps(), platform.time_zone_steps()] {
                assert!(!steps.is_empty(), "{platform:?}");
                assert!(steps.iter().all(|step| !step.trim().is_empty()));
            }
        }
        assert_eq!(Platform::from_id("beos"), None);
        assert!(!Platform::ALL.contains(&Platform::Unknown));
    }

    #[test]
    fn steps_name_the_exact_settings() {
        let ipad = Platform::IPadOs.automatic_time_steps().join(" ");
        assert!(ipad.contains("Date & Time") && ipad.contains("Set Automatically"));
        assert!(ipad.contains("Screen Time"));
        let windows = Platform::Windows.automatic_time_steps().join(" ");
        assert!(windows.contains("Set time automatically") && windows.contains("Sync now"));
        let linux = Platform::Linux.automatic_time_steps().join(" ");
        assert!(linux.contains("timedatectl set-ntp true"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// No user agent, however hostile, panics or yields an unbounded summary.
        #[test]
        fn arbitrary_strings_never_panic(
            user_agent in any::<String>(),
            platform in any::<String>(),
            max_touch_points in any::<u32>(),
        ) {
            let hints = DeviceHints { user_agent: &user_agent, max_touch_points, platform: &platform };
            let _ = detect(&hints);
            prop_assert!(user_agent_summary(&hints).chars().count() < 200);
        }

        /// Real tokens embedded in noise are still handled.
        #[test]
        fn tokens_in_noise_never_panic(
            prefix in "\\PC{0,40}",
            token in prop::sample::select(vec!["Android", "CPU OS ", "Version/", "Mac OS X ", "Windows NT ", "Chrome/", "Android 1;"]),
            suffix in "[0-9._;) ]{0,30}",
        ) {
            let user_agent = format!("{prefix}{token}{suffix}");
            let _ = user_agent_summary(&hints_for(&user_agent));
        }
    }

    fn hints_for(user_agent: &str) -> DeviceHints<'_> {
        DeviceHints {
            user_agent,
            max_touch_points: 5,
            platform: "",
        }
    }
}
