//! How to set right the clocks beside this device's: WSL 2, Docker Desktop, a Linux server,
//! a virtual machine, a board without a battery clock and a dual-boot PC. A data table, each
//! list with the vendor's or upstream's source it follows.

use crate::other_clock::OtherClock;

/// Steps, ready for a numbered list, that set `kind`'s clock right and keep it right (none
/// for another device: it has the device platforms' steps).
pub fn other_clock_steps(kind: OtherClock) -> &'static [&'static str] {
    match kind {
        // WSL 2's VM clock stops while Windows sleeps; `hwclock -s` sets it from the host's,
        // `wsl --shutdown` restarts the VM: https://github.com/microsoft/WSL/issues/10006
        // (Microsoft's clock-skew megathread), https://github.com/microsoft/WSL/issues/8204
        OtherClock::Wsl => &[
            "Make sure the PC's own clock is right first: this page checks it, and WSL takes its time from Windows.",
            "In the WSL terminal, set the Linux clock from the PC's: sudo hwclock -s",
            "If it is still off, run in Windows (PowerShell or Command Prompt): wsl --shutdown — then open WSL again; it starts with the PC's time.",
            "Check again in WSL with the command above, or with: date -u",
        ],
        // The VM resumes at the time the computer went to sleep:
        // https://github.com/docker/for-mac/issues/17, https://github.com/docker/for-win/issues/4526
        // (restarting Docker Desktop; Hyper-V's Time Synchronization); the Troubleshoot menu:
        // https://github.com/docker/docs/pull/21113 (content/manuals/desktop/troubleshoot/_index.md);
        // fixed in later versions: https://github.com/arunvelsriram/docker-time-sync-agent
        OtherClock::Docker => &[
            "Compare a container's clock with the correct time on this page: docker run --rm alpine date -u",
            "Restart Docker Desktop: the Docker menu (the whale icon) → Troubleshoot → Restart Docker Desktop, or quit it and start it again.",
            "On Windows with the WSL 2 back end, wsl --shutdown also restarts Docker's VM with the PC's time; then start Docker Desktop again.",
            "Update Docker Desktop: newer versions set the VM's clock again when the computer wakes.",
        ],
        // timedatectl and systemd-timesyncd:
        // https://manpages.ubuntu.com/manpages/bionic/man1/timedatectl.1.html; chrony's
        // `makestep` and `tracking`: https://manpages.ubuntu.com/manpages/lunar/man1/chronyc.1.html;
        // NTP needs UDP port 123 open: https://knowledge.broadcom.com/external/article/310053/timekeeping-best-practices-for-linux-gue.html
        OtherClock::Server => &[
            "Check the time service: timedatectl status — it should say “System clock synchronized: yes”.",
            "With systemd-timesyncd, turn network time on: sudo timedatectl set-ntp true",
            "With chrony, set the clock at once: sudo chronyc makestep — then chronyc tracking shows how far off it is.",
            "If it never synchronizes, let NTP out through the firewall (UDP port 123).",
            "On Windows Server, as Administrator: w32tm /resync /force",
        ],
        // VMware Tools syncs after a resume or a snapshot revert; NTP in the guest is preferred:
        // https://docs.vmware.com/en/VMware-Tools/12.4.0/com.vmware.vsphere.vmwaretools.doc/GUID-C0D8326A-B6E7-4E61-8470-6C173FDDF656.html
        // Hyper-V's integration services:
        // https://github.com/MicrosoftDocs/windowsserverdocs/blob/main/WindowsServerDocs/virtualization/hyper-v/best-practices-analyzer/Offer-all-available-integration-services-to-virtual-machines.md,
        // https://github.com/MicrosoftDocs/windows-powershell-docs/blob/main/docset/winserver2019-ps/hyper-v/Enable-VMIntegrationService.md
        // VirtualBox Guest Additions set the time at once after a restore:
        // https://sources.debian.org/src/virtualbox/7.1.12-dfsg-2/doc/manual/en_US/dita/topics/changetimesync.dita
        OtherClock::Vm => &[
            "After a snapshot restore or a long pause the guest starts at the time it was saved: set it right at once (Linux with chrony: sudo chronyc makestep; Windows: w32tm /resync /force).",
            "VMware: install VMware Tools; it sets the guest's time after a resume or a snapshot revert. Keep one periodic sync: NTP in the guest, or Tools' “Synchronize guest time with host”, not both.",
            "Hyper-V: turn on the Time Synchronization integration service (the VM's Settings → Integration Services, or on the host: Enable-VMIntegrationService -VMName <name> -Name \"Time Synchronization\").",
            "VirtualBox: install the Guest Additions; they set the guest's clock when it is far off or restored from a saved state.",
            "Make sure the host's own clock is right: the guest takes its time from it.",
        ],
        // Boards boot at 1970 or at the image's time: https://github.com/hypriot/image-builder-rpi/issues/191;
        // waiting for network time: https://man7.org/linux/man-pages/man8/systemd-time-wait-sync.8.html;
        // fake-hwclock: https://manpages.ubuntu.com/manpages/noble/man8/fake-hwclock.8.html
        OtherClock::Board => &[
            "Without a battery clock, the board starts at 1970 or at the time saved at its last shutdown, until network time arrives: anything signed before that is refused.",
            "Turn network time on: sudo timedatectl set-ntp true (check with timedatectl status).",
            "Make what signs wait for network time: sudo systemctl enable systemd-time-wait-sync.service, and order that service After=time-sync.target with Wants=time-sync.target.",
            "Keep fake-hwclock installed: it saves the time hourly and at shutdown and loads it at boot, so the clock never starts at 1970.",
        ],
        // Windows keeps the RTC in local time unless RealTimeIsUniversal is set:
        // https://www.cl.cam.ac.uk/~mgk25/mswish/ut-rtc.html, https://www.bloovis.com/2020/03/16/windows-utc.html;
        // timedatectl set-local-rtc: https://manpages.ubuntu.com/manpages/bionic/man1/timedatectl.1.html;
        // https://github.com/linuxmint/linuxmint/issues/426
        OtherClock::DualBoot => &[
            "Windows keeps the PC's hardware clock in local time, Linux in UTC: on a PC that starts both, one of them comes up off by the time zone until it synchronizes.",
            "Let Windows keep UTC too: in a Command Prompt run as administrator, reg add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation\" /v RealTimeIsUniversal /t REG_DWORD /d 1 /f — then restart.",
            "In Linux, keep the hardware clock in UTC: sudo timedatectl set-local-rtc 0 (timedatectl status then says “RTC in local TZ: no”).",
            "Turn on automatic time in both systems, then start each and check this page.",
        ],
        OtherClock::OtherDevice => &[],
    }
}
