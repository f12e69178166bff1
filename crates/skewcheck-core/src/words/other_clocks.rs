//! The other clocks in words: that the page checked this device's clock, where else the
//! failing request may have been signed, how to check that clock, and the dual-boot cause of
//! a zone-sized offset.

use crate::other_clock::{FixTopic, OtherClock};

/// The line on every live result: which clock the verdict is about.
pub const CLOCK_CHECKED: &str = "This is this device's clock, the one this browser runs on: not a server's, WSL's, Docker's or a virtual machine's.";

/// The closed section's summary.
pub const OTHER_CLOCKS_SUMMARY: &str = "Did the error come from another clock?";

/// The section's first paragraph.
pub const OTHER_CLOCKS_INTRO: &str = "Did the error come from somewhere else — a server, a terminal, WSL, Docker, a virtual machine, another device? That clock is separate.";

/// Over the check command.
pub const CHECK_COMMAND_INTRO: &str = "To check a machine that has a terminal, run this in it: it compares that clock with the same reference as this page, and says the same verdict.";

/// Over the download-then-run variant.
pub const CHECK_DOWNLOAD_INTRO: &str = "Or download the script, read it, then run it:";

/// The copy button of the check command.
pub const COPY_COMMAND: &str = "Copy command";

/// The label of the other-clock steps in the dual-boot hint.
pub const DUAL_BOOT_STEPS: &str = "Dual-boot steps";

/// Beside the time-zone hint on a Windows or Linux PC: dual boot is the other likely cause.
pub const DUAL_BOOT_HINT: &str = "Or this PC also starts another system (dual boot): Windows keeps the hardware clock in local time and Linux in UTC, so one of them comes up hours off.";

/// The short name of an other clock, on its fix-steps tab.
pub fn other_clock_tab(kind: OtherClock) -> &'static str {
    match kind {
        OtherClock::Server => "Linux server",
        OtherClock::Wsl => "WSL 2",
        OtherClock::Docker => "Docker Desktop",
        OtherClock::Vm => "Virtual machine",
        OtherClock::Board => "Board without clock",
        OtherClock::DualBoot => "Dual boot",
        OtherClock::OtherDevice => "Another device",
    }
}

/// Why `kind`'s clock may be the one that failed, and where to check it.
pub fn other_clock_hint(kind: OtherClock) -> &'static str {
    match kind {
        OtherClock::Server => {
            "A server that signs the upload — the app's own backend, a sync service — has its own clock: whoever runs it can run the command below on it."
        }
        OtherClock::Wsl => {
            "WSL 2: its Linux clock stops while the PC sleeps and can come back minutes or hours behind. Run the command below in the WSL terminal."
        }
        OtherClock::Docker => {
            "Docker: containers use the clock of Docker Desktop's Linux VM, which can fall behind after sleep. Run the command below inside a container (docker exec -it <container> sh)."
        }
        OtherClock::Vm => {
            "A virtual machine keeps its own clock; restored from a snapshot or resumed, it starts at the time it was saved. Run the command below in it."
        }
        OtherClock::Board => {
            "A Raspberry Pi or another board without a battery clock starts at 1970, or at its last shutdown, until network time arrives. Run the command below on it."
        }
        OtherClock::DualBoot => {
            "Dual boot: on a PC that starts both Windows and Linux, one of them can come up hours off. Open this page in the other system too."
        }
        OtherClock::OtherDevice => {
            "Another phone, tablet or computer sent the upload? Open this page on that device."
        }
    }
}

/// The button that opens `kind`'s fix steps.
pub fn other_clock_steps_label(kind: OtherClock) -> String {
    format!("Steps: {}", other_clock_tab(kind))
}

/// A fix-steps tab's name.
pub fn fix_topic_name(topic: FixTopic) -> &'static str {
    match topic {
        FixTopic::Device(platform) => platform.name(),
        FixTopic::Other(kind) => other_clock_tab(kind),
    }
}

/// The fix-steps card's heading for `topic`.
pub fn fix_topic_heading(topic: FixTopic) -> String {
    match topic {
        FixTopic::Device(platform) => super::fix_steps_heading(platform),
        FixTopic::Other(kind) => format!("Keep the clock right: {}", other_clock_tab(kind)),
    }
}

#[cfg(test)]
mod tests;
