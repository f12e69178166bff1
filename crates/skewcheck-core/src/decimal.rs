//! Decimal text for `f64` both ways, exactly as core writes and reads it, without core's float
//! code: its formatting (Grisu/Dragon) and parsing (Eisel–Lemire with a power-of-five table)
//! cost the page 6 and 13 KiB gzip, while it only needs a few fixed places and plain numbers.
//!
//! Writing reads the value exactly (`mantissa × 2^exponent`) and rounds half to even, as core
//! does, so the text is identical for every `f64`; reading divides exactly in integers. Property
//! tests compare both with core.

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

/// The most significant digits [`parse_decimal`] keeps exactly: `10^38 < 2^128`.
const MAX_EXACT_DIGITS: u32 = 38;
/// The most decimal places [`parse_decimal`] divides out exactly: `5^54 < 2^127`.
const MAX_EXACT_PLACES: u32 = 54;

/// Decimal text to `f64`, as `text.parse::<f64>()` reads it, without core's decimal parser
/// (its code and power-of-five table weigh about 15 KiB gzip in the wasm).
///
/// Accepts what core accepts for finite numbers: an optional sign, digits with an optional
/// point (`12`, `12.`, `.5`, `12.50`) and an optional exponent (`1e3`, `2.5E-2`). `inf` and
/// `nan` are `None`, as is anything else. The result is correctly rounded (half to even), so
/// identical to core's, for up to 38 significant digits and 54 decimal places (once the
/// exponent is applied), and for more digits whenever the value is at least 2^22; beyond that
/// (a tiny value spelled with over 38 digits or 54 places) it may differ in the last bit, and
/// values of 2^128 and more are refused. The page reads epoch times and limits of at most a
/// year, far inside.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = split_sign(text);
    let (number, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], parse_exponent(&unsigned[at + 1..])?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let is_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !is_digits(whole) || !is_digits(fraction) {
        return None;
    }
    let mut significand = Significand::default();
    for byte in whole.bytes() {
        significand.push(byte - b'0', false);
    }
    for byte in fraction.bytes() {
        significand.push(byte - b'0', true);
    }
    let magnitude = significand.value(exponent);
    // Beyond 2^128 the digits are not kept exactly; no caller reads such values.
    if !magnitude.is_finite() {
        return None;
    }
    Some(if negative { -magnitude } else { magnitude })
}

/// `(negative, the rest)` after an optional leading `+` or `-`.
fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// An exponent's digits (with their sign), saturated far beyond any finite `f64`.
fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = split_sign(text);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let value = digits.bytes().fold(0i64, |value, byte| {
        value
            .saturating_mul(10)
            .saturating_add(i64::from(byte - b'0'))
            .min(1_000_000)
    });
    Some(if negative { -value } else { value })
}

/// Up to [`MAX_EXACT_DIGITS`] significant digits and a decimal exponent; digits beyond those
/// only tell whether the value is a little above (`sticky`).
#[derive(Default)]
struct Significand {
    digits: u128,
    kept: u32,
    exponent: i64,
    sticky: bool,
}

impl Significand {
    fn push(&mut self, digit: u8, after_point: bool) {
        if self.kept == 0 && digit == 0 {
            // A leading zero: only its place counts.
            self.exponent -= i64::from(after_point);
        } else if self.kept < MAX_EXACT_DIGITS {
            self.digits = self.digits * 10 + u128::from(digit);
            self.kept += 1;
            self.exponent -= i64::from(after_point);
        } else {
            self.sticky |= digit != 0;
            self.exponent += i64::from(!after_point);
        }
    }

    /// `digits × 10^(exponent + extra)`, correctly rounded.
    fn value(&self, extra: i64) -> f64 {
        if self.digits == 0 {
            return 0.0;
        }
        let exponent = self.exponent.saturating_add(extra);
        if exponent >= 0 {
            let scaled = u32::try_from(exponent)
                .ok()
                .and_then(|power| 10u128.checked_pow(power))
                .and_then(|power| self.digits.checked_mul(power));
            // A value with dropped digits has 38 kept ones (≥ 2^122): room for the sticky bit.
            return scaled.map_or(f64::INFINITY, |scaled| {
                to_f64(scaled | u128::from(self.sticky), 0)
            });
        }
        // 10^-p = 5^-p × 2^-p: divide by 5^p exactly, scale by 2^-p exactly.
        match u32::try_from(-exponent) {
            Ok(places) if places <= MAX_EXACT_PLACES => {
                divided(self.digits, 5u128.pow(places), self.sticky, -exponent)
            }
            // A tiny value: scale down in two steps (within an ulp).
            _ => {
                let rest =
                    i32::try_from(-exponent - i64::from(MAX_EXACT_PLACES)).unwrap_or(i32::MAX);
                let places = i64::from(MAX_EXACT_PLACES);
                divided(
                    self.digits,
                    5u128.pow(MAX_EXACT_PLACES),
                    self.sticky,
                    places,
                ) / 10f64.powi(rest)
            }
        }
    }
}

/// `numerator / denominator / 2^halvings` correctly rounded; `sticky` says the numerator is a
/// little more. `denominator < 2^127`, `halvings ≤ 64`.
fn divided(numerator: u128, denominator: u128, sticky: bool, halvings: i64) -> f64 {
    let mut quotient = numerator / denominator;
    let mut remainder = numerator % denominator;
    let mut exponent = -i32::try_from(halvings).unwrap_or(0);
    // Binary digits of the quotient until there are 64: the rounding bit and more below it.
    while quotient < 1 << 63 {
        // remainder < denominator < 2^127: doubling cannot overflow.
        remainder *= 2;
        quotient = quotient * 2 + u128::from(remainder >= denominator);
        if remainder >= denominator {
            remainder -= denominator;
        }
        exponent -= 1;
    }
    to_f64(quotient | u128::from(remainder != 0 || sticky), exponent)
}

/// `value × 2^exponent`, where `value` has at least 55 significant bits (or none to round)
/// and its lowest bit is sticky: the conversion rounds half to even, the scaling is exact.
#[expect(
    clippy::cast_precision_loss,
    reason = "the one rounding, and the intended one"
)]
fn to_f64(value: u128, exponent: i32) -> f64 {
    let scale = f64::from_bits(u64::try_from(1023 + exponent).unwrap_or(1023) << 52);
    value as f64 * scale
}

// Compared with core through proptest, which runs natively only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
