//! Short device and browser descriptions for reports, from the user agent.

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
