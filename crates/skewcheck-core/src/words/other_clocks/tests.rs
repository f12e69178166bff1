//! The other clocks' words and steps: every kind has a hint, every tab steps.

use super::*;
use crate::words::other_clock_steps;

#[test]
fn every_kind_has_a_hint_and_every_tab_has_steps() {
    for kind in OtherClock::ALL {
        assert!(!other_clock_hint(kind).is_empty(), "{kind:?}");
        if kind.has_steps() {
            assert!(other_clock_steps(kind).len() >= 3, "{kind:?}");
        }
    }
    for topic in FixTopic::tabs() {
        assert!(!fix_topic_name(topic).is_empty(), "{topic:?}");
    }
}

#[test]
fn the_steps_name_the_tools_people_need() {
    let text = |kind| other_clock_steps(kind).join("\n");
    assert!(text(OtherClock::Wsl).contains("wsl --shutdown"));
    assert!(text(OtherClock::Wsl).contains("hwclock -s"));
    assert!(text(OtherClock::Server).contains("timedatectl set-ntp true"));
    assert!(text(OtherClock::Server).contains("chronyc makestep"));
    for tool in [
        "VMware Tools",
        "Time Synchronization",
        "Guest Additions",
        "snapshot",
    ] {
        assert!(text(OtherClock::Vm).contains(tool), "{tool}");
    }
    assert!(text(OtherClock::Board).contains("systemd-time-wait-sync"));
    assert!(text(OtherClock::Board).contains("fake-hwclock"));
    assert!(text(OtherClock::DualBoot).contains("RealTimeIsUniversal"));
    assert!(text(OtherClock::DualBoot).contains("timedatectl set-local-rtc 0"));
}
