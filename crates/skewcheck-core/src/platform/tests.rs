//! Platform detection, summaries and steps, checked against real user agents.

use super::*;
use crate::words::{Words, automatic_time_steps, time_zone_steps, user_agent_summary};

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
        for steps in [automatic_time_steps(platform), time_zone_steps(platform)] {
            assert!(!steps.is_empty(), "{platform:?}");
            assert!(steps.iter().all(|step| !step.text().trim().is_empty()));
        }
    }
    assert_eq!(Platform::from_id("beos"), None);
    assert!(!Platform::ALL.contains(&Platform::Unknown));
}

fn joined(steps: &[Words]) -> String {
    steps
        .iter()
        .map(|step| step.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn steps_name_the_exact_settings() {
    let ipad = joined(automatic_time_steps(Platform::IPadOs));
    assert!(ipad.contains("Date & Time") && ipad.contains("Set Automatically"));
    assert!(ipad.contains("Screen Time"));
    let windows = joined(automatic_time_steps(Platform::Windows));
    assert!(windows.contains("Set time automatically") && windows.contains("Sync now"));
    let linux = joined(automatic_time_steps(Platform::Linux));
    assert!(linux.contains("timedatectl set-ntp true"));
}

#[cfg(not(target_arch = "wasm32"))]
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

#[test]
fn serde_names_are_the_ids_and_unknown_ids_read_as_unknown() {
    for platform in Platform::ALL.into_iter().chain([Platform::Unknown]) {
        let json = serde_json::to_value(platform).unwrap();
        assert_eq!(json, serde_json::json!(platform.id()));
        assert_eq!(serde_json::from_value::<Platform>(json).unwrap(), platform);
    }
    let amiga: Platform = serde_json::from_str("\"amiga\"").unwrap();
    assert_eq!(amiga, Platform::Unknown);
}
