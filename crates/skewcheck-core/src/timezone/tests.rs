//! Tests of `timezone`.

use super::*;

const MIN: f64 = 60_000.0;
const HOUR: f64 = 3_600_000.0;

fn hint(offset_ms: f64) -> Option<ZoneHint> {
    zone_hint(&OffsetInterval::around(offset_ms, 200.0))
}

#[test]
fn whole_hours_either_way_are_zone_mistakes() {
    for hours in [1.0, 2.0, 9.0, -1.0, -5.0, 12.0, -12.0, 14.0] {
        assert_eq!(
            hint(hours * HOUR + 23_000.0).map(|h| h.zone_offset_ms),
            Some(hours * HOUR),
            "{hours}"
        );
    }
}

#[test]
fn edges_of_the_hand_set_tolerance() {
    assert!(hint(HOUR + 2.0 * MIN - 1_000.0).is_some(), "1 h 1 min 59 s");
    assert!(hint(HOUR - 2.0 * MIN + 1_000.0).is_some(), "58 min 1 s");
    assert!(hint(HOUR + 2.0 * MIN + 1_000.0).is_none(), "1 h 2 min 1 s");
    assert!(hint(HOUR - 2.0 * MIN - 1_000.0).is_none(), "57 min 59 s");
    // A wide measurement stretches the tolerance by its uncertainty.
    assert!(zone_hint(&OffsetInterval::around(HOUR + 2.5 * MIN, 40_000.0)).is_some());
}

#[test]
fn small_or_absurd_offsets_are_not_zone_mistakes() {
    for offset in [
        0.0,
        3_000.0,
        14.0 * MIN,
        15.0 * MIN,
        15.5 * MIN,
        16.0 * MIN,
        -15.0 * MIN,
        27.0 * HOUR,
        400.0 * HOUR,
    ] {
        assert!(hint(offset).is_none(), "{offset}");
    }
    assert!(hint(20.0 * MIN).is_none(), "20 min is between quarters");
}
