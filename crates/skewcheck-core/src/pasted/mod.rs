//! Pasted error messages: the clock offset that support already holds in the client's error
//! text ("Have an error message? Paste it").
//!
//! [`decode`] finds, in whatever wrapping (XML, JSON, Perl Data::Dumper, a Python dict, log
//! lines, a raw HTTP exchange), a timestamp from the machine that signed a request and one
//! from the server that refused it, and turns their difference into an offset and a verdict
//! for the service that refused it: facts, which the words layer says
//! ([`crate::words::pasted_sentence`]). Nothing here verifies, stores or sends anything: it
//! reads text.

use crate::pasted::diagnosis::catalogue_service;
use crate::sample::OffsetInterval;
use crate::verdict::assess;

mod diagnosis;
mod forms;
pub mod jwt;
mod kind;
mod reconcile;
pub mod scan;
mod vendor_texts;

pub use diagnosis::{Diagnosis, ReferenceNow, TRANSIT_ALLOWANCE_MS, Undecoded};
pub use kind::{Bound, Caveat, Form, TokenState};
pub use reconcile::{Conclusion, reconcile};
pub use scan::{MAX_EXAMINED_BYTES, Stamp, StampLabel};

/// Decodes a pasted error message. `now` (the page's idea of the correct time) is needed
/// only for JWTs. Reads at most [`MAX_EXAMINED_BYTES`] of the paste, in linear time.
pub fn decode(text: &str, now: Option<ReferenceNow>) -> Result<Diagnosis, Undecoded> {
    if text.trim().is_empty() {
        return Err(Undecoded::Empty);
    }
    let paste = scan::Haystack::new(text);
    let found = forms::s3_skew(&paste)
        .or_else(|| forms::sigv4(&paste))
        .or_else(|| forms::azure_too_old(&paste))
        .or_else(|| forms::presigned(&paste))
        .or_else(|| forms::exchange(&paste));
    if let Some(found) = found {
        return Ok(diagnose(found));
    }
    let claims = jwt::find_claims(&paste).ok_or(Undecoded::NoTimes)?;
    now.and_then(|now| jwt::jwt_diagnosis(&claims, now))
        .ok_or(Undecoded::NoTimes)
}

fn diagnose(found: forms::Found) -> Diagnosis {
    let offset_ms = found.signer.epoch_ms.saturating_sub(found.server.epoch_ms);
    let uncertainty_ms = found
        .signer
        .resolution_ms
        .max(found.server.resolution_ms)
        .saturating_add(TRANSIT_ALLOWANCE_MS);
    let service = catalogue_service(found.service_id);
    let interval = interval(offset_ms, uncertainty_ms, found.bound);
    let verdict = assess(&service, Some(interval)).verdict;
    Diagnosis {
        form: found.form,
        offset_ms,
        uncertainty_ms,
        bound: found.bound,
        service,
        verdict,
        signer: found.signer,
        server: found.server,
        caveat: Some(match found.bound {
            Bound::Both => Caveat::Retried,
            Bound::AtLeast => Caveat::Waited,
        }),
        token: None,
    }
}

/// The offsets consistent with the evidence: `offset ± uncertainty`, or everything from
/// `offset − uncertainty` up for a lower bound.
#[expect(
    clippy::cast_precision_loss,
    reason = "offsets are ms within ±10^15: exact in f64"
)]
fn interval(offset_ms: i64, uncertainty_ms: i64, bound: Bound) -> OffsetInterval {
    let around = OffsetInterval::around(offset_ms as f64, uncertainty_ms as f64);
    match bound {
        Bound::Both => around,
        Bound::AtLeast => OffsetInterval {
            upper_ms: f64::INFINITY,
            ..around
        },
    }
}

#[cfg(test)]
mod tests;
