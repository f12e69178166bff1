//! The other clocks in words: that the page checked this device's clock, where else the
//! failing request may have been signed, how to check that clock, and the dual-boot cause of
//! a zone-sized offset.

use crate::other_clock::{FixTopic, OtherClock};
use crate::words::catalogue::Words;
use crate::words::page::platform_name;

/// The line on every live result: which clock the verdict is about.
pub const CLOCK_CHECKED: Words =
    Words("This is this device's clock, not a server's, WSL's, Docker's or a VM's.");

/// The closed section's summary.
pub const OTHER_CLOCKS_SUMMARY: Words = Words("Did the error come from another clock?");

/// The section's first paragraph.
pub const OTHER_CLOCKS_INTRO: Words = Words(
    "Did the error come from somewhere else — a server, a terminal, WSL, Docker, a virtual machine, another device? That clock is separate.",
);

/// Over the check command.
pub const CHECK_COMMAND_INTRO: Words = Words(
    "To check a machine with a terminal, run this in it (same reference and verdict as this page):",
);

/// Over the download-then-run variant.
pub const CHECK_DOWNLOAD_INTRO: Words = Words("Or download, read, then run:");

/// Beside the time-zone hint on a Windows or Linux PC: dual boot is the other likely cause.
pub const DUAL_BOOT_HINT: Words = Words(
    "Or this PC also starts Linux or Windows (dual boot): one of them keeps the hardware clock in local time. See the dual-boot steps below.",
);

/// The short name of an other clock, on its fix-steps tab.
pub fn other_clock_tab(kind: OtherClock) -> Words {
    match kind {
        OtherClock::Server => Words("Linux server"),
        OtherClock::Wsl => Words("WSL 2"),
        OtherClock::Docker => Words("Docker Desktop"),
        OtherClock::Vm => Words("Virtual machine"),
        OtherClock::Board => Words("Board without clock"),
        OtherClock::DualBoot => Words("Dual boot"),
        OtherClock::OtherDevice => Words("Another device"),
    }
}

/// Why `kind`'s clock may be the one that failed, and where to check it.
pub fn other_clock_hint(kind: OtherClock) -> Words {
    match kind {
        OtherClock::Server => Words(
            "A server that signs (the app's own backend): its admin can run the command below on it.",
        ),
        OtherClock::Wsl => Words("WSL 2 falls behind after sleep: run the command below in WSL."),
        OtherClock::Docker => Words(
            "Docker Desktop's VM falls behind after sleep: run the command below in a container.",
        ),
        OtherClock::Vm => Words(
            "A virtual machine restored from a snapshot keeps the saved time: run the command below in it.",
        ),
        OtherClock::Board => Words(
            "A board without a battery clock (Raspberry Pi) starts at 1970: run the command below on it.",
        ),
        OtherClock::DualBoot => {
            Words("Dual boot: the other system can be hours off; open this page there.")
        }
        OtherClock::OtherDevice => Words("Another device: open this page on it."),
    }
}

/// The button that opens `kind`'s fix steps.
pub fn other_clock_steps_label(kind: OtherClock) -> String {
    say!("Steps: {clock}", clock = other_clock_tab(kind).text())
}

/// A fix-steps tab's name.
pub fn fix_topic_name(topic: FixTopic) -> String {
    match topic {
        FixTopic::Device(platform) => platform_name(platform),
        FixTopic::Other(kind) => other_clock_tab(kind).text(),
    }
}

/// The fix-steps card's heading for `topic`.
pub fn fix_topic_heading(topic: FixTopic) -> String {
    match topic {
        FixTopic::Device(platform) => super::page::fix_steps_heading(platform),
        FixTopic::Other(kind) => say!(
            "Keep the clock right: {clock}",
            clock = other_clock_tab(kind).text()
        ),
    }
}

#[cfg(test)]
mod tests;
