//! How to turn on automatic time, and set the time zone, on each platform: a data table of
//! the settings' own names, one numbered list per platform.

use crate::platform::Platform;

/// Steps, ready for a numbered list, that turn on automatic date, time and time zone on
/// `platform`.
pub fn automatic_time_steps(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::IPadOs | Platform::Ios => &[
            "Open the Settings app.",
            "Tap General, then Date & Time.",
            "Turn on Set Automatically.",
            "If Set Automatically is greyed out, Screen Time may be locking it: go to Settings → Screen Time → Content & Privacy Restrictions and allow changes (or turn Screen Time off), or ask whoever manages this device.",
            "For the right time zone, also turn on Settings → Privacy & Security → Location Services → System Services → Setting Time Zone.",
        ],
        Platform::Android => &[
            "Open the Settings app.",
            "Tap System, then Date & time (on Samsung: General management, then Date and time).",
            "Turn on “Set time automatically” (older versions: “Use network-provided time”; Samsung: “Automatic date and time”).",
            "Turn on “Set time zone automatically” (older versions: “Use network-provided time zone”).",
        ],
        Platform::Windows => &[
            "Open Settings (press the Windows key and I together).",
            "Choose Time & language, then Date & time.",
            "Turn on “Set time automatically”.",
            "Turn on “Set time zone automatically”, or choose your time zone from the list.",
            "Under “Additional settings”, click “Sync now”.",
            "If these switches are greyed out, your organisation manages this PC: ask its IT support.",
        ],
        Platform::MacOs => &[
            "Open the Apple menu → System Settings.",
            "Click General in the sidebar, then Date & Time.",
            "Turn on “Set time and date automatically” (the source can stay time.apple.com).",
            "Turn on “Set time zone automatically using your current location”, or pick the closest city.",
            "If asked, enter the Mac's administrator password.",
        ],
        Platform::ChromeOs => &[
            "ChromeOS sets its clock by itself whenever it is online; there is no switch for it.",
            "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
            "Under Time zone, choose “Set automatically”.",
            "If the clock is still wrong, restart the Chromebook while it is connected to the internet.",
        ],
        Platform::Linux => &[
            "In a terminal, run: sudo timedatectl set-ntp true",
            "Or, on GNOME: Settings → Date & Time (newer versions: Settings → System → Date & Time), then turn on “Automatic Date & Time”.",
            "Turn on “Automatic Time Zone” too, or pick your city.",
            "Check with: timedatectl status — it should say “System clock synchronized: yes”.",
        ],
        Platform::CommandLine | Platform::Unknown => &[
            "Open this device's settings and look for “Date & time”.",
            "Turn on automatic date and time (it may be called “Set automatically” or “Use network time”).",
            "Turn on automatic time zone too, or choose the time zone of the city you are in.",
        ],
    }
}

/// Steps that set the correct time zone on `platform`: for a clock whose hours were
/// corrected by hand because its time zone is wrong, which leaves it hours off in UTC.
pub fn time_zone_steps(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::IPadOs | Platform::Ios => &[
            "Open Settings → Privacy & Security → Location Services → System Services and turn on Setting Time Zone.",
            "Open Settings → General → Date & Time and turn on Set Automatically.",
            "Check that Time Zone shows your city. If it still does not, turn Set Automatically off, tap Time Zone, type the nearest city and choose it, then set the date and time exactly.",
        ],
        Platform::Android => &[
            "Open Settings → System → Date & time (on Samsung: General management → Date and time).",
            "Turn off “Set time zone automatically”.",
            "Tap “Time zone” (or “Select time zone”) and choose your region and city.",
            "Make sure “Set time automatically” is on.",
        ],
        Platform::Windows => &[
            "Open Settings → Time & language → Date & time.",
            "Turn off “Set time zone automatically”.",
            "Choose your time zone from the “Time zone” list.",
            "Make sure “Set time automatically” is on, then click “Sync now”.",
        ],
        Platform::MacOs => &[
            "Open the Apple menu → System Settings → General → Date & Time.",
            "Turn off “Set time zone automatically using your current location”.",
            "Under “Closest city”, type your city and choose it.",
            "Make sure “Set time and date automatically” is on.",
        ],
        Platform::ChromeOs => &[
            "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
            "Under Time zone, choose “Choose from list” and pick your time zone.",
            "Restart the Chromebook while it is connected to the internet.",
        ],
        Platform::Linux => &[
            "Find your zone's name with: timedatectl list-timezones",
            "Set it with, for example: sudo timedatectl set-timezone Europe/Berlin",
            "Or, on GNOME: Settings → Date & Time, turn off “Automatic Time Zone” and pick your city.",
            "Make sure automatic time is on: sudo timedatectl set-ntp true",
        ],
        Platform::CommandLine | Platform::Unknown => &[
            "Open this device's settings and look for “Date & time”.",
            "Turn off automatic time zone and choose the time zone of the city you are in.",
            "Turn on automatic date and time.",
        ],
    }
}
