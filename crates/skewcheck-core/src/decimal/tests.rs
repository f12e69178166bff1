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
        123_456_789.987_654_33,
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
        #[expect(clippy::cast_precision_loss, reason = "below 2^53")]
        let value = (whole as f64 + 0.5) / 10f64.powi(i32::from(places));
        prop_assert_eq!(fixed_point(value, places), core_fixed(value, places));
        prop_assert_eq!(fixed_point(-value, places), core_fixed(-value, places));
    }
}

mod parsing {
    use super::super::parse_decimal;
    use proptest::prelude::*;

    fn core_parse(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|value| value.is_finite())
    }

    /// Same value and same sign (so `-0` stays `-0`), or both refused; from 2^127 up ours
    /// may refuse what core reads (documented).
    fn same(text: &str) -> Result<(), TestCaseError> {
        let ours = parse_decimal(text);
        let core = core_parse(text);
        if ours.is_none() && core.is_some_and(|value| value.abs() >= 2f64.powi(127)) {
            return Ok(());
        }
        prop_assert_eq!(ours.map(f64::to_bits), core.map(f64::to_bits), "{:?}", text);
        Ok(())
    }

    /// The exact decimal text of the midpoint between `value` and the next `f64` up, for
    /// `value` in [2^22, 2^74): `(2m + 1) × 2^(e − 1)`.
    fn midpoint_text(value: f64) -> String {
        let bits = value.to_bits();
        let mantissa = u128::from((bits & ((1 << 52) - 1)) | (1 << 52));
        let exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0) - 1075 - 1;
        let odd = 2 * mantissa + 1;
        if exponent >= 0 {
            return (odd << exponent).to_string();
        }
        let places = exponent.unsigned_abs();
        let digits = (odd * 5u128.pow(places)).to_string();
        let (whole, fraction) = digits.split_at(digits.len() - places as usize);
        format!("{whole}.{fraction}")
    }

    #[test]
    fn the_forms_core_accepts_are_read_the_same() {
        for text in [
            "0",
            "-0",
            "+0",
            "12",
            "12.",
            ".5",
            "+.5",
            "-.5",
            "12.50",
            "007",
            "0.000123",
            "1e3",
            "1E3",
            "2.5e-2",
            "1.e5",
            "1e+5",
            "900",
            "1.5",
            "31536000",
            "1700000000.123",
            "1700000000123",
            "1700000000123456789",
            "17000000001234567890.123456789",
            "0e999999999",
            "1e-400",
            "123456789012345678901234567890123456789012345",
            "0.1234567890123456789012345678901234567890123",
            "9007199254740993",
            "1.0005",
            "0.0005",
        ] {
            same(text).unwrap();
        }
    }

    #[test]
    fn what_core_refuses_or_is_not_finite_is_refused() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1_000",
            "inf",
            "-infinity",
            "NaN",
            "1e400",
            "١٢",
            "1e39",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn any_f64_written_by_core_reads_back_the_same(
            bits in any::<u64>(),
            power in -30i32..30,
        ) {
            // Any significand, at every scale of the exact domain (10^±30 here).
            let significand = f64::from_bits((bits & 0x800f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
            let value = significand * 10f64.powi(power);
            same(&format!("{value}"))?;
            same(&format!("{value:e}"))?;
            same(&format!("{value:.3}"))?;
        }

        #[test]
        fn digit_strings_read_the_same(whole in "[0-9]{1,20}", fraction in "[0-9]{0,25}", point in any::<bool>()) {
            if point {
                same(&format!("{whole}.{fraction}"))?;
            } else {
                same(&whole)?;
            }
        }

        #[test]
        fn numbers_with_exponents_read_the_same(
            digits in "[0-9]{1,30}",
            at in 0usize..30,
            // Within the exact domain: at most 54 places, below 2^128.
            exponent in -24i32..8,
            negative in any::<bool>(),
        ) {
            let at = at.min(digits.len());
            let sign = if negative { "-" } else { "" };
            same(&format!("{sign}{}.{}e{exponent}", &digits[..at], &digits[at..]))?;
        }

        #[test]
        fn midpoints_round_half_to_even_like_core(value in 4_194_304f64..1.8e22) {
            let midpoint = midpoint_text(value);
            same(&midpoint)?;
            // Just above the midpoint.
            same(&format!("{midpoint}{}", if midpoint.contains('.') { "0000001" } else { ".0000001" }))?;
        }
    }
}
