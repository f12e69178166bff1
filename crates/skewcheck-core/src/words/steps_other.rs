//! How to set right the clocks beside this device's: WSL 2, Docker Desktop, a Linux server,
//! a virtual machine, a board without a battery clock and a dual-boot PC. A data table, each
//! list with the vendor's or upstream's source it follows.

use crate::other_clock::OtherClock;
use crate::words::catalogue::Words;

/// Steps, ready for a numbered list, that set `kind`'s clock right and keep it right (none
/// for another device: it has the device platforms' steps).
pub fn other_clock_steps(kind: OtherClock) -> &'static [Words] {
    match kind {
        // WSL 2's VM clock stops while Windows sleeps; `hwclock -s` sets it from the host's,
        // `wsl --shutdown` restarts the VM: https://github.com/microsoft/WSL/issues/10006
        // (Microsoft's clock-skew megathread), https://github.com/microsoft/WSL/issues/8204
        OtherClock::Wsl => &[
            Words(
                "First make sure the PC's own clock is right (this page checks it): WSL takes its time from Windows.",
            ),
            Words("In the WSL terminal: sudo hwclock -s"),
            Words("Still off? In Windows run: wsl --shutdown — then open WSL again."),
            Words("Check again with the command above."),
        ],
        // The VM resumes at the time the computer went to sleep:
        // https://github.com/docker/for-mac/issues/17, https://github.com/docker/for-win/issues/4526
        // (restarting Docker Desktop; Hyper-V's Time Synchronization); the Troubleshoot menu:
        // https://github.com/docker/docs/pull/21113 (content/manuals/desktop/troubleshoot/_index.md);
        // fixed in later versions: https://github.com/arunvelsriram/docker-time-sync-agent
        OtherClock::Docker => &[
            Words("Compare with this page: docker run --rm alpine date -u"),
            Words("Restart Docker Desktop (Docker menu → Troubleshoot → Restart Docker Desktop)."),
            Words("On Windows (WSL 2 back end), wsl --shutdown also resets Docker's VM."),
            Words("Update Docker Desktop: newer versions reset the VM's clock after sleep."),
        ],
        // timedatectl and systemd-timesyncd:
        // https://manpages.ubuntu.com/manpages/bionic/man1/timedatectl.1.html; chrony's
        // `makestep` and `tracking`: https://manpages.ubuntu.com/manpages/lunar/man1/chronyc.1.html;
        // NTP needs UDP port 123 open: https://knowledge.broadcom.com/external/article/310053/timekeeping-best-practices-for-linux-gue.html
        OtherClock::Server => &[
            Words("Check: timedatectl status — “System clock synchronized: yes”."),
            Words("systemd-timesyncd: sudo timedatectl set-ntp true"),
            Words("chrony: sudo chronyc makestep (chronyc tracking shows the offset)."),
            Words("Never synchronized? Open UDP port 123 (NTP) in the firewall."),
            Words("Windows Server: w32tm /resync /force"),
        ],
        // VMware Tools syncs after a resume or a snapshot revert; NTP in the guest is preferred:
        // https://docs.vmware.com/en/VMware-Tools/12.4.0/com.vmware.vsphere.vmwaretools.doc/GUID-C0D8326A-B6E7-4E61-8470-6C173FDDF656.html
        // Hyper-V's integration services:
        // https://github.com/MicrosoftDocs/windowsserverdocs/blob/main/WindowsServerDocs/virtualization/hyper-v/best-practices-analyzer/Offer-all-available-integration-services-to-virtual-machines.md,
        // https://github.com/MicrosoftDocs/windows-powershell-docs/blob/main/docset/winserver2019-ps/hyper-v/Enable-VMIntegrationService.md
        // VirtualBox Guest Additions set the time at once after a restore:
        // https://sources.debian.org/src/virtualbox/7.1.12-dfsg-2/doc/manual/en_US/dita/topics/changetimesync.dita
        OtherClock::Vm => &[
            Words(
                "After a snapshot restore the guest has the saved time: set it at once (sudo chronyc makestep, or w32tm /resync /force).",
            ),
            Words(
                "VMware: install VMware Tools (it sets the time after a resume or revert); keep one periodic sync, NTP or Tools', not both.",
            ),
            Words(
                "Hyper-V: turn on the Time Synchronization integration service (VM Settings → Integration Services).",
            ),
            Words("VirtualBox: install the Guest Additions (they set the time after a restore)."),
            Words("Keep the host's own clock right."),
        ],
        // Boards boot at 1970 or at the image's time: https://github.com/hypriot/image-builder-rpi/issues/191;
        // waiting for network time: https://man7.org/linux/man-pages/man8/systemd-time-wait-sync.8.html;
        // fake-hwclock: https://manpages.ubuntu.com/manpages/noble/man8/fake-hwclock.8.html
        OtherClock::Board => &[
            Words(
                "Without a battery clock the board starts at 1970 or its last shutdown until network time arrives.",
            ),
            Words("Turn on network time: sudo timedatectl set-ntp true"),
            Words(
                "Make signing wait for it: sudo systemctl enable systemd-time-wait-sync.service, and order the service After=time-sync.target.",
            ),
            Words("Keep fake-hwclock: it restores the last saved time at boot."),
        ],
        // Windows keeps the RTC in local time unless RealTimeIsUniversal is set:
        // https://www.cl.cam.ac.uk/~mgk25/mswish/ut-rtc.html, https://www.bloovis.com/2020/03/16/windows-utc.html;
        // timedatectl set-local-rtc: https://manpages.ubuntu.com/manpages/bionic/man1/timedatectl.1.html;
        // https://github.com/linuxmint/linuxmint/issues/426
        OtherClock::DualBoot => &[
            Words(
                "Windows keeps the hardware clock in local time, Linux in UTC: one of them comes up hours off.",
            ),
            Words(
                "Windows, as administrator: reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation /v RealTimeIsUniversal /t REG_DWORD /d 1 /f — then restart.",
            ),
            Words("Linux: sudo timedatectl set-local-rtc 0"),
            Words("Turn on automatic time in both."),
        ],
        OtherClock::OtherDevice => &[],
    }
}
