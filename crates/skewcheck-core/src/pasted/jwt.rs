//! JWTs: the claims `iat`, `nbf` and `exp`, read (never verified, stored or sent) and held
//! against this device's measured time.

use super::scan::{Haystack, Stamp};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// The longest JWT part decoded: real payloads are a few hundred bytes.
const MAX_PART_BYTES: usize = 8 * 1024;

/// The time claims of the first JWT in a paste, as [`Stamp`]s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claims {
    /// Issued at.
    pub iat: Option<Stamp>,
    /// Not before.
    pub nbf: Option<Stamp>,
    /// Expires.
    pub exp: Option<Stamp>,
}

/// The time claims of the first JWT (`eyJ…` header, payload and signature, base64url) in
/// the paste that has at least one of them.
pub fn find_claims(paste: &Haystack) -> Option<Claims> {
    paste
        .text
        .match_indices("eyJ")
        .filter(|(at, _)| {
            *at == 0
                || !paste.text.as_bytes()[at - 1].is_ascii_alphanumeric()
                    && paste.text.as_bytes()[at - 1] != b'.'
        })
        .take(16)
        .find_map(|(at, _)| claims_of(token_at(&paste.text[at..])))
}

/// The base64url-and-dots run at the start of `text`.
fn token_at(text: &str) -> &str {
    let end = text
        .bytes()
        .take(3 * MAX_PART_BYTES)
        .position(|byte| !(byte.is_ascii_alphanumeric() || b"-_.".contains(&byte)))
        .unwrap_or_else(|| text.len().min(3 * MAX_PART_BYTES));
    &text[..end]
}

fn claims_of(token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if payload.len() > MAX_PART_BYTES {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Value = serde_json::from_slice(&json).ok()?;
    let stamp = |name: &'static str| {
        // As a Number, not a Value: a Value's text would pull its JSON writer into the bundle.
        let number = claims.get(name)?.as_number()?;
        let seconds = number.as_f64()?;
        // Beyond ±10^12 s (some 30 000 years) a number is not a time.
        if !seconds.is_finite() || seconds.abs() > 1e12 {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "|seconds · 1000| ≤ 10^15, well inside i64"
        )]
        let epoch_ms = (seconds * 1_000.0).floor() as i64;
        Some(Stamp {
            label: name,
            text: number.to_string(),
            epoch_ms,
            resolution_ms: 1_000,
        })
    };
    let found = Claims {
        iat: stamp("iat"),
        nbf: stamp("nbf"),
        exp: stamp("exp"),
    };
    (found != Claims::default()).then_some(found)
}
