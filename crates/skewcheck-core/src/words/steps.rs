//! How to turn on automatic time, and set the time zone, on each platform: a data table of
//! the settings' own names, one numbered list per platform.
//!
//! Translations: `crates/skewcheck-core/i18n/steps.json`; its `_sources` lists, per language,
//! the vendors' localized help pages each menu name was taken from. A label no such page
//! confirmed is written as a translation followed by the English label in parentheses, e.g.
//! „Bildschirmzeit“ (Screen Time). Only the German iPad/iPhone path („Einstellungen“ →
//! „Allgemein“ → „Datum & Uhrzeit“ → „Automatisch einstellen“, Apple's German iPad User
//! Guide) is written bare.

use crate::platform::Platform;
use crate::words::catalogue::Words;

/// Steps, ready for a numbered list, that turn on automatic date, time and time zone on
/// `platform`.
pub fn automatic_time_steps(platform: Platform) -> &'static [Words] {
    match platform {
        Platform::IPadOs | Platform::Ios => &[
            Words("Open the Settings app."),
            Words("Tap General, then Date & Time."),
            Words("Turn on Set Automatically."),
            Words(
                "If Set Automatically is greyed out, Screen Time may be locking it: go to Settings → Screen Time → Content & Privacy Restrictions and allow changes (or turn Screen Time off), or ask whoever manages this device.",
            ),
            Words(
                "For the right time zone, also turn on Settings → Privacy & Security → Location Services → System Services → Setting Time Zone.",
            ),
        ],
        Platform::Android => &[
            Words("Open the Settings app."),
            Words(
                "Tap System, then Date & time (on Samsung: General management, then Date and time).",
            ),
            Words(
                "Turn on “Set time automatically” (older versions: “Use network-provided time”; Samsung: “Automatic date and time”).",
            ),
            Words(
                "Turn on “Set time zone automatically” (older versions: “Use network-provided time zone”).",
            ),
        ],
        Platform::Windows => &[
            Words("Open Settings (press the Windows key and I together)."),
            Words("Choose Time & language, then Date & time."),
            Words("Turn on “Set time automatically”."),
            Words("Turn on “Set time zone automatically”, or choose your time zone from the list."),
            Words("Under “Additional settings”, click “Sync now”."),
            Words(
                "If these switches are greyed out, your organisation manages this PC: ask its IT support.",
            ),
        ],
        Platform::MacOs => &[
            Words("Open the Apple menu → System Settings."),
            Words("Click General in the sidebar, then Date & Time."),
            Words(
                "Turn on “Set time and date automatically” (the source can stay time.apple.com).",
            ),
            Words(
                "Turn on “Set time zone automatically using your current location”, or pick the closest city.",
            ),
            Words("If asked, enter the Mac's administrator password."),
        ],
        Platform::ChromeOs => &[
            Words(
                "ChromeOS sets its clock by itself whenever it is online; there is no switch for it.",
            ),
            Words(
                "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
            ),
            Words("Under Time zone, choose “Set automatically”."),
            Words(
                "If the clock is still wrong, restart the Chromebook while it is connected to the internet.",
            ),
        ],
        Platform::Linux => &[
            Words("In a terminal, run: sudo timedatectl set-ntp true"),
            Words(
                "Or, on GNOME: Settings → Date & Time (newer versions: Settings → System → Date & Time), then turn on “Automatic Date & Time”.",
            ),
            Words("Turn on “Automatic Time Zone” too, or pick your city."),
            Words(
                "Check with: timedatectl status — it should say “System clock synchronized: yes”.",
            ),
        ],
        Platform::CommandLine | Platform::Unknown => &[
            Words("Open this device's settings and look for “Date & time”."),
            Words(
                "Turn on automatic date and time (it may be called “Set automatically” or “Use network time”).",
            ),
            Words(
                "Turn on automatic time zone too, or choose the time zone of the city you are in.",
            ),
        ],
    }
}

/// Steps that set the correct time zone on `platform`: for a clock whose hours were
/// corrected by hand because its time zone is wrong, which leaves it hours off in UTC.
pub fn time_zone_steps(platform: Platform) -> &'static [Words] {
    match platform {
        Platform::IPadOs | Platform::Ios => &[
            Words(
                "Open Settings → Privacy & Security → Location Services → System Services and turn on Setting Time Zone.",
            ),
            Words("Open Settings → General → Date & Time and turn on Set Automatically."),
            Words(
                "Check that Time Zone shows your city. If it still does not, turn Set Automatically off, tap Time Zone, type the nearest city and choose it, then set the date and time exactly.",
            ),
        ],
        Platform::Android => &[
            Words(
                "Open Settings → System → Date & time (on Samsung: General management → Date and time).",
            ),
            Words("Turn off “Set time zone automatically”."),
            Words("Tap “Time zone” (or “Select time zone”) and choose your region and city."),
            Words("Make sure “Set time automatically” is on."),
        ],
        Platform::Windows => &[
            Words("Open Settings → Time & language → Date & time."),
            Words("Turn off “Set time zone automatically”."),
            Words("Choose your time zone from the “Time zone” list."),
            Words("Make sure “Set time automatically” is on, then click “Sync now”."),
        ],
        Platform::MacOs => &[
            Words("Open the Apple menu → System Settings → General → Date & Time."),
            Words("Turn off “Set time zone automatically using your current location”."),
            Words("Under “Closest city”, type your city and choose it."),
            Words("Make sure “Set time and date automatically” is on."),
        ],
        Platform::ChromeOs => &[
            Words(
                "Open Settings → System preferences → Date and time (older versions: Settings → Advanced → Date and time).",
            ),
            Words("Under Time zone, choose “Choose from list” and pick your time zone."),
            Words("Restart the Chromebook while it is connected to the internet."),
        ],
        Platform::Linux => &[
            Words("Find your zone's name with: timedatectl list-timezones"),
            Words("Set it with, for example: sudo timedatectl set-timezone Europe/Berlin"),
            Words(
                "Or, on GNOME: Settings → Date & Time, turn off “Automatic Time Zone” and pick your city.",
            ),
            Words("Make sure automatic time is on: sudo timedatectl set-ntp true"),
        ],
        Platform::CommandLine | Platform::Unknown => &[
            Words("Open this device's settings and look for “Date & time”."),
            Words("Turn off automatic time zone and choose the time zone of the city you are in."),
            Words("Turn on automatic date and time."),
        ],
    }
}
