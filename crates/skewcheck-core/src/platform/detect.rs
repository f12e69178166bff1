//! Guessing the platform from what the browser volunteers.

use super::device::{DeviceHints, Platform};

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
