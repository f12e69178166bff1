//! The other clocks' words and steps: every kind has a hint, every tab steps.

use super::*;
use crate::lang::Lang;
use crate::words::catalogue::{Catalogue, in_language, key};
use crate::words::other_clock_steps;

#[test]
fn every_kind_has_a_hint_and_every_tab_has_steps() {
    for kind in OtherClock::ALL {
        assert!(!other_clock_hint(kind).text().is_empty(), "{kind:?}");
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
    let text = |kind| {
        other_clock_steps(kind)
            .iter()
            .map(|step| step.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
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

/// The commands inside the steps, which every language must keep exactly.
const COMMANDS: [&str; 14] = [
    "sudo hwclock -s",
    "wsl --shutdown",
    "docker run --rm alpine date -u",
    "timedatectl status",
    "sudo timedatectl set-ntp true",
    "sudo chronyc makestep",
    "chronyc tracking",
    "w32tm /resync /force",
    "sudo systemctl enable systemd-time-wait-sync.service",
    "After=time-sync.target",
    "fake-hwclock",
    "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation /v RealTimeIsUniversal /t REG_DWORD /d 1 /f",
    "sudo timedatectl set-local-rtc 0",
    "VMware Tools",
];

/// `lang`'s catalogue of the other clocks' words, as the page's language file carries it.
fn catalogue(lang: Lang) -> Catalogue {
    let mut file = serde_json::Map::new();
    for source in [
        include_str!("../../../i18n/steps_other.json"),
        include_str!("../../../i18n/other_clocks.json"),
    ] {
        let entries: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(source).expect("JSON");
        for (english, entry) in entries {
            if let Some(said) = entry.get(lang.tag()).filter(|said| said.is_string()) {
                file.insert(format!("{:05x}", key(&english)), said.clone());
            }
        }
    }
    Catalogue::parse(lang, &serde_json::Value::Object(file).to_string()).expect("a catalogue")
}

#[test]
fn every_language_keeps_the_commands_of_the_steps_exactly() {
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let catalogue = std::rc::Rc::new(catalogue(lang));
        for kind in OtherClock::ALL {
            for step in other_clock_steps(kind) {
                let said = in_language(&catalogue, || step.text());
                for command in COMMANDS.iter().filter(|command| step.0.contains(*command)) {
                    assert!(said.contains(command), "{lang:?} lost {command:?}: {said}");
                }
            }
        }
    }
    let german = std::rc::Rc::new(catalogue(Lang::De));
    assert_eq!(
        in_language(&german, || other_clock_steps_label(OtherClock::Wsl)),
        "Schritte: WSL 2"
    );
    assert_eq!(
        in_language(&german, || fix_topic_heading(FixTopic::Other(
            OtherClock::Vm
        ))),
        "Die Uhr richtig halten: Virtuelle Maschine"
    );
}
