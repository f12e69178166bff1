//! A decoded paste in words, and the JWT verdict (which compares with this device's time).

use super::jwt::Claims;
use super::scan::Stamp;
use super::{Bound, Diagnosis, Form, ReferenceNow, catalogue_service};
use crate::date_text::date_time_words;
use crate::platform::Platform;
use crate::verdict::{Limit, Service, Verdict};
use crate::words::duration_words;
use time::OffsetDateTime;

/// What the decoder looks for, for a paste it could not use.
pub const LOOKS_FOR: [&str; 6] = [
    "S3 RequestTimeTooSkewed: RequestTime and ServerTime",
    "“Signature expired: … is now earlier than …” or “Signature not yet current: … is still later than …” (AWS STS, EC2, API Gateway, …)",
    "“Request has expired” or “Request is not yet valid” with X-Amz-Date (or Expires and X-Amz-Expires) and ServerTime",
    "Azure “Request date header too old” with the Time: line of the message or the response Date",
    "a raw request and response: the request's X-Amz-Date, x-ms-date or Date and the response's Date",
    "a JWT (eyJ….….…): its iat, nbf and exp against this device's time",
];

/// Where the fix steps apply.
pub const FIX_INTRO: &str = "On the machine that signed the request — for a Linux server:";

/// Why a signer-vs-server difference might not be the clock.
pub const RETRY_CAVEAT: &str = "A request retried with its old signature (after a slow upload, say) looks slow by the time it waited; otherwise this is the signer's clock.";

/// Why a presigned URL's difference is only a bound.
pub const WAITED_CAVEAT: &str = "A presigned URL can be used any time after it is signed: the time it waited makes the signer look slower, so this is only the least the signer's clock can be off.";

/// "The machine that signed this request was 15 min 35 s fast — beyond Amazon S3's 15 min."
pub fn signer_sentence(
    service: &Service,
    verdict: Verdict,
    offset_ms: i64,
    uncertainty_ms: i64,
    bound: Bound,
) -> String {
    #[expect(clippy::cast_precision_loss, reason = "ms within ±10^15: exact in f64")]
    let (offset, uncertainty) = (offset_ms as f64, uncertainty_ms as f64);
    let off_by = duration_words(offset);
    match bound {
        Bound::Both if offset.abs() <= uncertainty => format!(
            "The machine that signed this request was right to within {} — fine for {}.",
            duration_words(uncertainty),
            service.name
        ),
        Bound::AtLeast if offset <= 0.0 => format!(
            "The server got this signed request {off_by} after it was signed: it waited that long before it was used, or the machine that signed it was up to {off_by} slow ({}).",
            limit_words(service, verdict, offset)
        ),
        Bound::Both | Bound::AtLeast => format!(
            "The machine that signed this request was {}{off_by} {} — {}.",
            if bound == Bound::AtLeast {
                "at least "
            } else {
                ""
            },
            if offset > 0.0 { "fast" } else { "slow" },
            limit_words(service, verdict, offset)
        ),
    }
}

/// "beyond Amazon S3's 15 min", "close to …", "within …", or that the side does not matter.
fn limit_words(service: &Service, verdict: Verdict, offset: f64) -> String {
    let (limit, side) = if offset > 0.0 {
        (service.tolerance.ahead, "fast")
    } else {
        (service.tolerance.behind, "slow")
    };
    let Some(Limit { ms, documented }) = limit else {
        return format!("{} does not mind a {side} clock", service.name);
    };
    let relation = match verdict {
        Verdict::Rejected => "beyond",
        Verdict::Warning => "close to",
        Verdict::Ok | Verdict::Unknown => "within",
    };
    #[expect(clippy::cast_precision_loss, reason = "limits are below 2^53 ms")]
    let limit = duration_words(ms as f64);
    let typically = if documented { "" } else { "typically " };
    format!("{relation} {}'s {typically}{limit}", service.name)
}

/// The steps that set a server's clock right (the page's Linux steps), unless it is fine.
pub fn fix_steps(verdict: Verdict) -> &'static [&'static str] {
    if verdict == Verdict::Ok {
        &[]
    } else {
        crate::words::automatic_time_steps(Platform::Linux)
    }
}

/// A JWT held against `now`: not valid yet (`nbf`/`iat` after now: the issuer's clock is at
/// least that fast), expired (`exp` before now), or valid.
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
    let (claim, sentence) = match (start.filter(|s| s.epoch_ms > now_ms), expired) {
        (Some(start), _) => (
            start,
            format!(
                "This token was issued {} in the future ({}) by this device's time: the machine that issued it is at least that fast, and validators refuse it until then.",
                duration_words(ms(start.epoch_ms - now_ms)),
                start.label
            ),
        ),
        (None, Some(exp)) => (
            exp,
            format!(
                "This token expired {} ago (exp) by this device's time: it is old, or the machine that issued it is that slow.",
                duration_words(ms(now_ms - exp.epoch_ms))
            ),
        ),
        (None, None) => (
            start.or(claims.exp.as_ref())?,
            "This token is valid now by this device's time: its clock claims are not the problem."
                .to_owned(),
        ),
    };
    let offset_ms = claim.epoch_ms.saturating_sub(now_ms);
    let verdict = match () {
        () if start.is_some_and(|s| s.epoch_ms > now_ms) || expired.is_some() => {
            if offset_ms.abs() > uncertainty_ms {
                Verdict::Rejected
            } else {
                Verdict::Warning
            }
        }
        () => Verdict::Ok,
    };
    Some(Diagnosis {
        form: Form::Jwt,
        offset_ms,
        uncertainty_ms,
        bound: Bound::AtLeast,
        service: catalogue_service("jwt"),
        verdict,
        sentence,
        signer: claim.clone(),
        server: now_stamp(now_ms, now.measured),
        caveat: (!now.measured).then(|| {
            "This device's clock has not been measured yet: the comparison trusts it as it stands.".to_owned()
        }),
        fix_steps: fix_steps(verdict),
    })
}

#[expect(clippy::cast_precision_loss, reason = "ms within ±10^15: exact in f64")]
fn ms(value: i64) -> f64 {
    value as f64
}

/// This device's time as a [`Stamp`].
fn now_stamp(now_ms: i64, measured: bool) -> Stamp {
    let text = OffsetDateTime::from_unix_timestamp_nanos(i128::from(now_ms) * 1_000_000)
        .ok()
        .map(|at| format!("{} UTC", date_time_words(at)))
        .unwrap_or_default();
    Stamp {
        label: if measured {
            "this device's measured time"
        } else {
            "this device's clock (not measured yet)"
        },
        text,
        epoch_ms: now_ms,
        resolution_ms: 1,
    }
}
