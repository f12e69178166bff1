use super::{MAX_PLACES, fixed_point, signed_fixed_point};
use proptest::prelude::*;

/// What core writes, the reference these functions must match character for character.
fn core_fixed(value: f64, places: u8) -> String {
    format!("{value:.prec$}", prec = usize::from(places))
}

fn core_signed(value: f64, places: u8) -> String {
    format!("{value:+.prec$}", prec = usize::from(places))
}

#[test]
fn ties_round_to_even_on_the_exact_binary_value() {
    assert_eq!(fixed_point(2.25, 1), "2.2");
    assert_eq!(fixed_point(2.35, 1), "2.4"); // 2.35 is stored as 2.35000000000000008882
    assert_eq!(fixed_point(0.5, 0), "0");
    assert_eq!(fixed_point(1.5, 0), "2");
    assert_eq!(fixed_point(999.5, 0), "1000");
    assert_eq!(fixed_point(0.05, 1), "0.1"); // stored as 0.05000000000000000277
}

#[test]
fn signs_zeros_and_specials_match_core() {
    assert_eq!(fixed_point(-0.04, 1), "-0.0");
    assert_eq!(fixed_point(-0.0, 0), "-0");
    assert_eq!(signed_fixed_point(0.0, 1), "+0.0");
    assert_eq!(signed_fixed_point(-3.25, 1), "-3.2");
    assert_eq!(signed_fixed_point(40.0, 0), "+40");
    assert_eq!(fixed_point(f64::NAN, 1), "NaN");
    assert_eq!(signed_fixed_point(f64::INFINITY, 1), "+inf");
    assert_eq!(fixed_point(f64::NEG_INFINITY, 0), "-inf");
    for value in [
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
    ] {
        for places in [0, 1, 3] {
            assert_eq!(fixed_point(value, places), core_fixed(value, places));
            assert_eq!(
                signed_fixed_point(value, places),
                core_signed(value, places)
            );
        }
    }
}

#[test]
fn extremes_match_core() {
    let extremes = [
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        5e-324,
        -5e-324,
        2f64.powi(52) + 0.5,
        2f64.powi(53),
        2f64.powi(64),
        2f64.powi(127) * 3.0,
        1e300,
        123_456_789.987_654_321,
    ];
    for value in extremes {
        for places in [0, 1, 2, 6, MAX_PLACES] {
            assert_eq!(
                fixed_point(value, places),
                core_fixed(value, places),
                "{value:e} .{places}"
            );
            assert_eq!(
                signed_fixed_point(value, places),
                core_signed(value, places)
            );
        }
    }
}

#[test]
fn more_places_than_the_maximum_are_capped() {
    assert_eq!(
        fixed_point(0.1, MAX_PLACES + 5),
        core_fixed(0.1, MAX_PLACES)
    );
}

proptest! {
    #[test]
    fn any_f64_is_written_exactly_as_core_writes_it(value in any::<f64>(), places in 0..=MAX_PLACES) {
        prop_assert_eq!(fixed_point(value, places), core_fixed(value, places));
        prop_assert_eq!(signed_fixed_point(value, places), core_signed(value, places));
    }

    #[test]
    fn everyday_values_are_written_exactly_as_core_writes_them(
        value in -1e7f64..1e7,
        places in 0u8..=3,
    ) {
        prop_assert_eq!(fixed_point(value, places), core_fixed(value, places));
        prop_assert_eq!(signed_fixed_point(value, places), core_signed(value, places));
    }

    #[test]
    fn ties_at_every_scale_match_core(whole in 0i64..2_000_000, places in 0u8..=3) {
        // k + 0.5 units of the last place: exact ties whenever representable.
        #[allow(clippy::cast_precision_loss)] // below 2^53
        let value = (whole as f64 + 0.5) / 10f64.powi(i32::from(places));
        prop_assert_eq!(fixed_point(value, places), core_fixed(value, places));
        prop_assert_eq!(fixed_point(-value, places), core_fixed(-value, places));
    }
}
