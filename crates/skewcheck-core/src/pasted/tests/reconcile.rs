//! The pasted error against this device's measured clock.

use super::samples::{INCIDENT_DUMPER, SIGV4_EXPIRED};
use crate::pasted::{Conclusion, decode, reconcile};
use crate::words::paste_vs_device_words;

/// The origin story: the Perth server 15 min 35 s fast.
const PERTH_FAST_MS: f64 = 935_000.0;

#[test]
fn the_origin_story_on_a_device_measured_right_is_another_clock() {
    let pasted = decode(INCIDENT_DUMPER, None).expect("decodes");
    assert_eq!(pasted.offset_ms, 935_000, "{pasted:?}");
    let device = Some((10.0, 25.0));
    assert_eq!(reconcile(&pasted, device), Conclusion::AnotherClock);
    let words = paste_vs_device_words(Conclusion::AnotherClock, &pasted, device).join(" ");
    assert!(words.contains("15 min 35 s fast"), "{words}");
    assert!(words.contains("right to within"), "{words}");
    assert!(words.contains("Another clock signed it"), "{words}");
}

#[test]
fn the_origin_story_on_a_device_15_min_35_s_fast_is_this_device() {
    let pasted = decode(INCIDENT_DUMPER, None).expect("decodes");
    for device_ms in [
        PERTH_FAST_MS,
        PERTH_FAST_MS - 900.0,
        PERTH_FAST_MS + 1_900.0,
    ] {
        assert_eq!(
            reconcile(&pasted, Some((device_ms, 120.0))),
            Conclusion::ThisDevice,
            "{device_ms}"
        );
    }
    // Beyond both uncertainties (1 s of the paste, 120 ms of the device), it is not.
    assert_eq!(
        reconcile(&pasted, Some((PERTH_FAST_MS - 5_000.0, 120.0))),
        Conclusion::AnotherClock
    );
    assert_eq!(
        reconcile(&pasted, Some((PERTH_FAST_MS + 5_000.0, 120.0))),
        Conclusion::WaitedOrAnotherClock
    );
}

#[test]
fn a_signature_expired_on_a_right_device_waited_or_came_from_another_clock() {
    let pasted = decode(SIGV4_EXPIRED, None).expect("decodes");
    assert!(
        pasted.offset_ms < -290_000,
        "the signer was behind: {pasted:?}"
    );
    let device = Some((-15.0, 30.0));
    let conclusion = reconcile(&pasted, device);
    assert_eq!(conclusion, Conclusion::WaitedOrAnotherClock);
    assert_eq!(conclusion.as_str(), "waited-or-another-clock");
    let words = paste_vs_device_words(conclusion, &pasted, device).join(" ");
    assert!(words.contains("a retry with its old signature"), "{words}");
    assert!(words.contains("To tell them apart"), "{words}");
}

#[test]
fn without_a_result_for_this_device_nothing_is_concluded() {
    let pasted = decode(INCIDENT_DUMPER, None).expect("decodes");
    assert_eq!(reconcile(&pasted, None), Conclusion::Undecided);
    assert_eq!(Conclusion::Undecided.as_str(), "undecided");
}

#[test]
fn a_paste_without_a_refused_difference_is_not_the_clock() {
    let pasted = decode(
        "<RequestTime>20240101T000010Z</RequestTime><ServerTime>2024-01-01T00:00:00Z</ServerTime><Code>RequestTimeTooSkewed</Code>",
        None,
    )
    .expect("decodes");
    assert_eq!(
        reconcile(&pasted, Some((10_000.0, 20.0))),
        Conclusion::NotTheClock
    );
}
