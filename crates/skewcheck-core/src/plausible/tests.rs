//! Tests of `plausible`.

use super::*;

#[test]
fn bounds_are_2000_and_2200() {
    assert!(is_plausible(EARLIEST_MS));
    assert!(is_plausible(LATEST_MS - 1.0));
    assert!(!is_plausible(EARLIEST_MS - 1.0));
    assert!(!is_plausible(LATEST_MS));
    assert!(!is_plausible(f64::NAN));
    assert!(!is_plausible(f64::INFINITY));
}
