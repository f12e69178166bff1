//! Pasted error messages: the clock offset that support already holds in the client's error
//! text ("Have an error message? Paste it").
//!
//! [`decode`] finds, in whatever wrapping (XML, JSON, Perl Data::Dumper, a Python dict, log
//! lines, a raw HTTP exchange), a timestamp from the machine that signed a request and one
//! from the server that refused it, and turns their difference into an offset, a verdict
//! for the service that refused it, and words. Nothing here verifies, stores or sends
//! anything: it reads text.

use super::sample::OffsetInterval;
use super::verdict::{AMAZON_S3, Service, Verdict, assess, service_by_id};

mod forms;
pub mod jwt;
mod kind;
pub mod scan;
mod words;

pub use kind::{Bound, Form};
pub use scan::{MAX_EXAMINED_BYTES, Stamp};
pub use words::{FIX_INTRO, LOOKS_FOR};

/// The time a signed request may take from being signed to being checked by the server: a
/// request is signed just before it is sent and the server checks the signature on the
/// first bytes it receives, which on any working network is well within a second. (A
/// request retried with its old signature waits longer; the page says so.) Transit makes
/// the signer look slower than it is, so with the timestamps' resolution this bounds the
/// offset's error: `uncertainty = resolution + transit`.
pub const TRANSIT_ALLOWANCE_MS: i64 = 1_000;

/// This device's idea of the correct time, for JWT claims.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReferenceNow {
    /// The correct time as far as this page knows, ms since the Unix epoch.
    pub epoch_ms: f64,
    /// How far that may be off, in ms.
    pub uncertainty_ms: f64,
    /// Whether the page has measured this device's clock (otherwise `epoch_ms` is the
    /// device clock as it stands).
    pub measured: bool,
}

/// A decoded paste.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// The error form it was recognised as.
    pub form: Form,
    /// Signer − server, in ms: positive when the signer's clock was fast.
    pub offset_ms: i64,
    /// How far the true offset may be from `offset_ms` (resolution + transit), in ms.
    pub uncertainty_ms: i64,
    /// Whether `offset_ms` is the offset or a lower bound on it.
    pub bound: Bound,
    /// The service that refused the request.
    pub service: Service,
    /// That service's verdict on the signer's clock.
    pub verdict: Verdict,
    /// One sentence: "The machine that signed this request was 15 min 35 s fast — beyond
    /// Amazon S3's 15 min."
    pub sentence: String,
    /// The signer's timestamp.
    pub signer: Stamp,
    /// The server's timestamp (for a JWT: this device's measured time).
    pub server: Stamp,
    /// What else could explain the difference, when something could.
    pub caveat: Option<String>,
    /// Steps that set the signer's clock right (empty when it is fine).
    pub fix_steps: &'static [&'static str],
}

/// Why a paste could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecoded {
    /// Nothing was pasted.
    Empty,
    /// No pair of usable timestamps in a form the decoder knows ([`LOOKS_FOR`]).
    NoTimes,
}

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
    now.and_then(|now| words::jwt_diagnosis(&claims, now))
        .ok_or(Undecoded::NoTimes)
}

/// The catalogue service with this id (S3 if the catalogue lacks it).
fn catalogue_service(id: &str) -> Service {
    service_by_id(id).map_or(AMAZON_S3, Clone::clone)
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
    let sentence =
        words::signer_sentence(&service, verdict, offset_ms, uncertainty_ms, found.bound);
    let caveat = Some(match found.bound {
        Bound::Both => words::RETRY_CAVEAT.to_owned(),
        Bound::AtLeast => words::WAITED_CAVEAT.to_owned(),
    });
    Diagnosis {
        form: found.form,
        offset_ms,
        uncertainty_ms,
        bound: found.bound,
        fix_steps: words::fix_steps(verdict),
        service,
        verdict,
        sentence,
        signer: found.signer,
        server: found.server,
        caveat,
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

impl Diagnosis {
    /// The lines the report text gains when a paste was decoded.
    pub fn report_lines(&self) -> Vec<String> {
        vec![
            format!("Pasted error ({}): {}", self.form.name(), self.sentence),
            format!(
                "  {} {} − {} {} = {:+} ms ± {} ms{} ({}: {})",
                self.signer.label,
                self.signer.text,
                self.server.label,
                self.server.text,
                self.offset_ms,
                self.uncertainty_ms,
                if self.bound == Bound::AtLeast {
                    " at least"
                } else {
                    ""
                },
                self.service.name,
                self.verdict.as_str().to_ascii_uppercase()
            ),
        ]
    }
}

#[cfg(test)]
mod tests;
