//! The clocks beside this device's. The page judges the clock of the device it runs on, but
//! the request that failed was often signed by another: a server, WSL 2 or Docker Desktop
//! on this very laptop (their Linux VM's clock stops while the laptop sleeps), a virtual
//! machine restored from a snapshot, a board without a battery clock, or the other system of
//! a dual-boot PC. Which of them to name first depends on the device in hand; their words and
//! fix steps are the words layer's ([`crate::words::other_clock_hint`],
//! [`crate::words::other_clock_steps`]).

use crate::platform::Platform;
use crate::timezone::ZoneHint;

/// A clock other than this device's that may have signed the failing request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OtherClock {
    /// A server or backend that signs (the app's own server, a sync service).
    Server,
    /// WSL 2 on this Windows PC.
    Wsl,
    /// Docker Desktop's Linux VM (macOS, Windows) or containers.
    Docker,
    /// A virtual machine (VMware, Hyper-V, VirtualBox), perhaps restored from a snapshot.
    Vm,
    /// A board without a battery clock (Raspberry Pi and the like).
    Board,
    /// The other system of a dual-boot PC.
    DualBoot,
    /// Another phone, tablet or computer.
    OtherDevice,
}

impl OtherClock {
    /// Every kind, in the order their fix-steps tabs follow the device platforms'.
    pub const ALL: [OtherClock; 7] = [
        Self::Wsl,
        Self::Docker,
        Self::Server,
        Self::Vm,
        Self::Board,
        Self::DualBoot,
        Self::OtherDevice,
    ];

    /// A stable identifier, used in `data-kind`, `data-platform` and tab test ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::Wsl => "wsl",
            Self::Docker => "docker",
            Self::Vm => "vm",
            Self::Board => "board",
            Self::DualBoot => "dual-boot",
            Self::OtherDevice => "other-device",
        }
    }

    /// Whether it has a fix-steps tab of its own (another device has the device tabs).
    pub fn has_steps(self) -> bool {
        self != Self::OtherDevice
    }
}

/// The other clocks worth naming on `platform`, the likeliest first: on Windows WSL 2 and
/// Docker Desktop, on a Mac Docker Desktop and VMs, on Linux containers and VMs, on a phone
/// or tablet (which runs no terminal) the app's own server and other devices.
pub fn other_clocks(platform: Platform) -> Vec<OtherClock> {
    use OtherClock::{Board, Docker, DualBoot, OtherDevice, Server, Vm, Wsl};
    let kinds: &[OtherClock] = match platform {
        Platform::Windows => &[Wsl, Docker, Vm, Server, DualBoot, OtherDevice],
        Platform::MacOs => &[Docker, Vm, Server, OtherDevice],
        Platform::Linux => &[Docker, Vm, Server, Board, DualBoot, OtherDevice],
        // The Linux development environment of a Chromebook is a virtual machine.
        Platform::ChromeOs => &[Server, Vm, OtherDevice],
        Platform::IPadOs | Platform::Ios | Platform::Android => &[Server, OtherDevice],
        Platform::Unknown => &[Server, OtherDevice, Docker, Vm, Board],
        // check.sh measured a machine from its command line: a server, a VM or a container.
        Platform::CommandLine => &[Server, Vm, Docker, Wsl, Board, DualBoot],
    };
    kinds.to_vec()
}

/// One tab of the fix-steps card: a device platform, or another clock's steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixTopic {
    /// Automatic time on a device platform.
    Device(Platform),
    /// The clock of WSL, Docker, a server, a VM, a board or a dual-boot PC.
    Other(OtherClock),
}

impl FixTopic {
    /// The tab's id: the platform's [`Platform::id`] (unchanged, as permalinks carry it) or
    /// the other clock's [`OtherClock::id`].
    pub fn id(self) -> &'static str {
        match self {
            Self::Device(platform) => platform.id(),
            Self::Other(kind) => kind.id(),
        }
    }

    /// Every tab: the seven device platforms, then every other clock that has steps.
    pub fn tabs() -> impl Iterator<Item = FixTopic> {
        Platform::ALL.into_iter().map(Self::Device).chain(
            OtherClock::ALL
                .into_iter()
                .filter(|kind| kind.has_steps())
                .map(Self::Other),
        )
    }
}

/// The widest zone offsets are UTC−12 and UTC+14: a hardware clock kept in local time is at
/// most that far from UTC.
const WIDEST_ZONE_MS: f64 = 14.0 * 3_600_000.0;

/// Whether a zone-sized offset on `platform` may come from dual boot: Windows keeps the
/// hardware clock in local time by default and Linux in UTC, so on a PC that starts both,
/// one of them reads the other's clock off by the local zone offset (whole hours, or the
/// half and quarter hours some zones use) until it syncs. Only PCs dual boot.
pub fn dual_boot_likely(platform: Platform, hint: &ZoneHint) -> bool {
    matches!(platform, Platform::Windows | Platform::Linux)
        && hint.zone_offset_ms.abs() <= WIDEST_ZONE_MS
}

#[cfg(test)]
mod tests;
