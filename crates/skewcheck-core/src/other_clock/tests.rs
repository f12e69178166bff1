//! Which other clocks the page names, in which order, and when dual boot is a likely cause.

use super::*;

fn ids(platform: Platform) -> Vec<&'static str> {
    other_clocks(platform)
        .into_iter()
        .map(OtherClock::id)
        .collect()
}

#[test]
fn windows_names_wsl_and_docker_first() {
    assert_eq!(ids(Platform::Windows)[..2], ["wsl", "docker"]);
    assert!(ids(Platform::Windows).contains(&"dual-boot"));
}

#[test]
fn a_mac_names_docker_and_vms_first_and_no_wsl() {
    assert_eq!(ids(Platform::MacOs)[..2], ["docker", "vm"]);
    assert!(!ids(Platform::MacOs).contains(&"wsl"));
    assert!(!ids(Platform::MacOs).contains(&"dual-boot"));
}

#[test]
fn linux_names_containers_and_vms_first() {
    assert_eq!(ids(Platform::Linux)[..2], ["docker", "vm"]);
    assert!(ids(Platform::Linux).contains(&"board"));
}

#[test]
fn phones_and_tablets_name_the_apps_server_and_other_devices() {
    for platform in [Platform::IPadOs, Platform::Ios, Platform::Android] {
        assert_eq!(ids(platform), ["server", "other-device"], "{platform:?}");
    }
}

#[test]
fn every_platform_names_a_server_and_no_kind_twice() {
    for platform in Platform::ALL.into_iter().chain([Platform::Unknown]) {
        let kinds = ids(platform);
        assert!(kinds.contains(&"server"), "{platform:?}");
        let mut unique = kinds.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), kinds.len(), "{platform:?}");
    }
}

#[test]
fn the_tabs_keep_the_device_ids_and_add_six_others() {
    let tabs: Vec<&str> = FixTopic::tabs().map(FixTopic::id).collect();
    assert_eq!(
        tabs,
        [
            "ipados",
            "ios",
            "android",
            "windows",
            "macos",
            "chromeos",
            "linux",
            "wsl",
            "docker",
            "server",
            "vm",
            "board",
            "dual-boot"
        ]
    );
}

fn hint(hours: f64) -> ZoneHint {
    ZoneHint {
        zone_offset_ms: hours * 3_600_000.0,
    }
}

#[test]
fn an_hour_off_on_a_windows_or_linux_pc_may_be_dual_boot() {
    for platform in [Platform::Windows, Platform::Linux] {
        assert!(dual_boot_likely(platform, &hint(1.0)), "{platform:?}");
        assert!(dual_boot_likely(platform, &hint(-5.5)), "{platform:?}");
        assert!(dual_boot_likely(platform, &hint(14.0)), "{platform:?}");
    }
}

#[test]
fn dual_boot_is_not_named_off_a_pc_or_beyond_any_zone() {
    for platform in [
        Platform::MacOs,
        Platform::IPadOs,
        Platform::Ios,
        Platform::Android,
        Platform::ChromeOs,
        Platform::Unknown,
    ] {
        assert!(!dual_boot_likely(platform, &hint(1.0)), "{platform:?}");
    }
    assert!(!dual_boot_likely(Platform::Windows, &hint(20.0)));
}
