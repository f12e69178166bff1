//! What kind of evidence a paste is: the error form it was recognised as, whether its
//! offset is the signer's or only a bound on it, what else could explain it, and what a
//! token's claims say.

/// The error form a paste was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// S3 `RequestTimeTooSkewed` (`RequestTime` against `ServerTime`).
    S3Skew,
    /// SigV4 `Signature expired` / `Signature not yet current`.
    SigV4,
    /// Azure Storage `Request date header too old`.
    AzureTooOld,
    /// Presigned URL `Request has expired` / `Request is not yet valid`.
    Presigned,
    /// A raw request/response pair.
    Exchange,
    /// A JWT's `iat`/`nbf`/`exp` against this device's measured time.
    Jwt,
}

impl Form {
    /// The form's id, the page's `data-form`: the same in every language.
    pub const fn id(self) -> &'static str {
        match self {
            Self::S3Skew => "s3-skew",
            Self::SigV4 => "sigv4",
            Self::AzureTooOld => "azure-too-old",
            Self::Presigned => "presigned",
            Self::Exchange => "exchange",
            Self::Jwt => "jwt",
        }
    }
}

/// What `offset_ms` says about the signer's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The offset, within `± uncertainty_ms`.
    Both,
    /// Only a lower bound: the signed thing may have waited before it was used (a
    /// presigned URL, a token), which hides a fast clock and fakes a slow one.
    AtLeast,
}

/// What else could explain a difference between the two timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caveat {
    /// A request retried with its old signature looks slow by the time it waited.
    Retried,
    /// A presigned URL may have waited before it was used: the offset is only a bound.
    Waited,
    /// A token was held against this device's clock, which the page has not measured.
    DeviceNotMeasured,
}

/// What a JWT's time claims say against the page's idea of now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenState {
    /// `nbf` or `iat` lies after now: the issuer's clock is at least that fast.
    NotYetValid,
    /// `exp` lies before now: the token is old, or the issuer's clock is that slow.
    Expired,
    /// Valid now: its clock claims are not the problem.
    Valid,
}
