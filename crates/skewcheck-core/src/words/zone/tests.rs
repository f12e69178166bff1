//! Tests of `zone`.

use super::*;
use crate::sample::OffsetInterval;
use crate::timezone::zone_hint;

const MIN: f64 = 60_000.0;
const HOUR: f64 = 3_600_000.0;

fn hint(offset_ms: f64) -> Option<ZoneHint> {
    zone_hint(&OffsetInterval::around(offset_ms, 200.0))
}

#[test]
fn half_and_quarter_hour_zones() {
    let words = |offset_ms| zone_offset_words(&hint(offset_ms).unwrap());
    assert_eq!(words(5.5 * HOUR), "5 h 30 min");
    assert_eq!(words(5.75 * HOUR - 40_000.0), "5 h 45 min");
    assert_eq!(words(-45.0 * MIN), "45 min");
    assert_eq!(words(30.0 * MIN), "30 min");
}

#[test]
fn the_sentence_says_which_way_and_what_to_do() {
    let ahead = zone_hint_sentence(&hint(HOUR).unwrap());
    assert!(
        ahead.contains("almost exactly 1 h ahead") && ahead.contains("time zone"),
        "{ahead}"
    );
    assert!(zone_hint_sentence(&hint(-2.0 * HOUR).unwrap()).contains("2 h behind"));
}
