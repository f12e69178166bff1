//! Fixed-point decimal text for `f64`, written exactly as `format!("{value:.N}")` and
//! `format!("{value:+.N}")` write it, without core's float formatting: its Grisu/Dragon code and
//! tables weigh about 30 KB in the wasm, while the page only ever needs a few fixed places.
//!
//! The value is read exactly (`mantissa × 2^exponent`) and rounded half to even, as core does,
//! so the text is identical for every `f64` (a property test compares the two).

/// `value` with `places` digits after the point, as `format!("{value:.places$}")`:
/// `fixed_point(2.25, 1)` is `"2.2"`, `fixed_point(-0.04, 1)` is `"-0.0"`. At most
/// [`MAX_PLACES`] places; more are written as that many.
pub fn fixed_point(value: f64, places: u8) -> String {
    write_fixed(value, places, false)
}

/// [`fixed_point`] with a sign always shown, as `format!("{value:+.places$}")`: `"+3.5"`.
pub fn signed_fixed_point(value: f64, places: u8) -> String {
    write_fixed(value, places, true)
}

/// The most places [`fixed_point`] writes: `2^53 × 10^places` must fit in a `u128`.
pub const MAX_PLACES: u8 = 20;

fn write_fixed(value: f64, places: u8, plus: bool) -> String {
    let places = places.min(MAX_PLACES);
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let sign = match (value.is_sign_negative(), plus) {
        (true, _) => "-",
        (false, true) => "+",
        (false, false) => "",
    };
    if value.is_infinite() {
        return format!("{sign}inf");
    }
    let digits = scaled_digits(value.abs(), places);
    // `digits` holds the value × 10^places, rounded; put the point `places` from the right.
    let places = usize::from(places);
    let padded = if digits.len() <= places {
        format!("{}{digits}", "0".repeat(places + 1 - digits.len()))
    } else {
        digits
    };
    let (whole, fraction) = padded.split_at(padded.len() - places);
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// The decimal digits of `magnitude × 10^places` rounded half to even; `magnitude` is finite
/// and not negative.
fn scaled_digits(magnitude: f64, places: u8) -> String {
    let (mantissa, exponent) = decompose(magnitude);
    let scaled = u128::from(mantissa) * 10u128.pow(u32::from(places));
    if exponent >= 0 {
        // A whole number: exact, no rounding.
        return shifted_left(scaled, exponent.unsigned_abs());
    }
    let shift = exponent.unsigned_abs();
    if shift >= 128 {
        // Below 2^-74 of a unit in the last place: rounds to zero, never a tie.
        return "0".to_owned();
    }
    let whole = scaled >> shift;
    let remainder = scaled - (whole << shift);
    let half = 1u128 << (shift - 1);
    let round_up = remainder > half || (remainder == half && whole % 2 == 1);
    (whole + u128::from(round_up)).to_string()
}

/// `(mantissa, exponent)` with `magnitude == mantissa × 2^exponent` exactly.
fn decompose(magnitude: f64) -> (u64, i32) {
    let bits = magnitude.to_bits();
    let stored_exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    if stored_exponent == 0 {
        // Subnormal (or zero).
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), stored_exponent - 1075)
    }
}

/// The decimal digits of `value × 2^shift`, beyond `u128` where needed (values up to 1.8e308).
fn shifted_left(value: u128, shift: u32) -> String {
    if value == 0 {
        return "0".to_owned();
    }
    if shift <= value.leading_zeros() {
        return (value << shift).to_string();
    }
    // Little-endian base-10^9 limbs, doubled `shift` times.
    const LIMB: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = Vec::new();
    let mut rest = value;
    while rest > 0 {
        limbs.push(u64::try_from(rest % u128::from(LIMB)).unwrap_or(0));
        rest /= u128::from(LIMB);
    }
    for _ in 0..shift {
        let mut carry = 0;
        for limb in &mut limbs {
            let doubled = *limb * 2 + carry;
            *limb = doubled % LIMB;
            carry = doubled / LIMB;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut text = limbs.last().map(u64::to_string).unwrap_or_default();
    for limb in limbs.iter().rev().skip(1) {
        text.push_str(&format!("{limb:09}"));
    }
    text
}

#[cfg(test)]
#[path = "decimal_tests.rs"]
mod tests;
