//! JWTs: the claims `iat`, `nbf` and `exp`, read (never verified, stored or sent) and held
//! against this device's measured time.

use crate::date_text::date_time_words;
use crate::pasted::diagnosis::{Diagnosis, ReferenceNow, catalogue_service};
use crate::pasted::kind::{Bound, Caveat, Form, TokenState};
use crate::pasted::scan::{Haystack, Stamp, StampLabel};
use crate::verdict::Verdict;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use time::OffsetDateTime;

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
            label: StampLabel::Field(name),
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

/// A JWT held against `now`: not valid yet (`nbf`/`iat` after now: the issuer's clock is at
/// least that fast), expired (`exp` before now), or valid. The claim that decided is the
/// signer's stamp.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`now` is a time in ms, well inside i64"
)]
pub fn jwt_diagnosis(claims: &Claims, now: ReferenceNow) -> Option<Diagnosis> {
    if !now.epoch_ms.is_finite() || now.epoch_ms.abs() > 1e15 {
        return None;
    }
    let now_ms = now.epoch_ms.round() as i64;
    let uncertainty_ms = 1_000 + now.uncertainty_ms.clamp(0.0, 1e15).ceil() as i64;
    let start = [&claims.nbf, &claims.iat]
        .into_iter()
        .flatten()
        .max_by_key(|stamp| stamp.epoch_ms);
    let expired = claims.exp.as_ref().filter(|exp| exp.epoch_ms < now_ms);
    let (claim, token) = match (start.filter(|s| s.epoch_ms > now_ms), expired) {
        (Some(start), _) => (start, TokenState::NotYetValid),
        (None, Some(exp)) => (exp, TokenState::Expired),
        (None, None) => (start.or(claims.exp.as_ref())?, TokenState::Valid),
    };
    let offset_ms = claim.epoch_ms.saturating_sub(now_ms);
    let verdict = match token {
        TokenState::NotYetValid | TokenState::Expired => {
            if offset_ms.abs() > uncertainty_ms {
                Verdict::Rejected
            } else {
                Verdict::Warning
            }
        }
        TokenState::Valid => Verdict::Ok,
    };
    Some(Diagnosis {
        form: Form::Jwt,
        offset_ms,
        uncertainty_ms,
        bound: Bound::AtLeast,
        service: catalogue_service("jwt"),
        verdict,
        signer: claim.clone(),
        server: now_stamp(now_ms, now.measured),
        caveat: (!now.measured).then_some(Caveat::DeviceNotMeasured),
        token: Some(token),
    })
}

/// This device's time as a [`Stamp`].
fn now_stamp(now_ms: i64, measured: bool) -> Stamp {
    let text = OffsetDateTime::from_unix_timestamp_nanos(i128::from(now_ms) * 1_000_000)
        .ok()
        .map(|at| format!("{} UTC", date_time_words(at)))
        .unwrap_or_default();
    Stamp {
        label: if measured {
            StampLabel::DeviceMeasured
        } else {
            StampLabel::DeviceUnmeasured
        },
        text,
        epoch_ms: now_ms,
        resolution_ms: 1,
    }
}
