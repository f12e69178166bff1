//! What kind of evidence a paste is: the error form it was recognised as, and whether its
//! offset is the signer's or only a bound on it.

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
    /// The form in words, as the page and the report name it.
    pub fn name(self) -> &'static str {
        match self {
            Self::S3Skew => "S3 RequestTimeTooSkewed",
            Self::SigV4 => "AWS Signature Version 4 time check",
            Self::AzureTooOld => "Azure Storage “Request date header too old”",
            Self::Presigned => "presigned URL time check",
            Self::Exchange => "HTTP request and response",
            Self::Jwt => "JWT time claims",
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
