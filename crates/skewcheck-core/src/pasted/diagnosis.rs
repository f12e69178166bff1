//! What a decoded paste says, as facts: the offset, its bound and uncertainty, the service
//! and its verdict, the two timestamps, and what else could explain them. The words layer
//! ([`crate::words::pasted_sentence`] and its neighbours) says them.

use crate::pasted::kind::{Bound, Caveat, Form, TokenState};
use crate::pasted::scan::Stamp;
use crate::verdict::{AMAZON_S3, Service, Verdict, service_by_id};

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

impl ReferenceNow {
    /// The correct time as this page knows it, with the device clock reading `device_ms`:
    /// the device clock minus the measured offset (`measured`: offset and uncertainty), or
    /// the device clock as it stands before any measurement.
    pub fn at(device_ms: f64, measured: Option<(f64, f64)>) -> Self {
        match measured {
            Some((offset_ms, uncertainty_ms)) => Self {
                epoch_ms: device_ms - offset_ms,
                uncertainty_ms,
                measured: true,
            },
            None => Self {
                epoch_ms: device_ms,
                uncertainty_ms: 0.0,
                measured: false,
            },
        }
    }
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
    /// The signer's timestamp (for a JWT: the claim that decided).
    pub signer: Stamp,
    /// The server's timestamp (for a JWT: this device's time).
    pub server: Stamp,
    /// What else could explain the difference, when something could.
    pub caveat: Option<Caveat>,
    /// For a JWT ([`Form::Jwt`]): what its claims say against now.
    pub token: Option<TokenState>,
}

/// Why a paste could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecoded {
    /// Nothing was pasted.
    Empty,
    /// No pair of usable timestamps in a form the decoder knows
    /// ([`crate::words::paste_looks_for`] lists them).
    NoTimes,
}

/// The catalogue service with this id (S3 if the catalogue lacks it).
pub fn catalogue_service(id: &str) -> Service {
    service_by_id(id).map_or(AMAZON_S3, Clone::clone)
}
