//! The vendors' own error phrases the decoder looks for, lower-cased as the haystack is: data,
//! not the page's words (they reach the client in English, as the vendor's software prints
//! them). Cited where each form is decoded (`forms.rs`).

/// SigV4: the request's time is before the server's window.
pub const SIGV4_EXPIRED: &str = "signature expired";
/// SigV4: the request's time is after the server's window.
pub const SIGV4_NOT_YET_CURRENT: &str = "signature not yet current";
/// Azure Storage Shared Key: the request's `Date` is too old.
pub const AZURE_TOO_OLD: &str = "request date header too old";
/// S3 presigned URL used after its expiry.
pub const PRESIGNED_EXPIRED: &str = "request has expired";
/// S3 presigned URL used before its `X-Amz-Date`.
pub const PRESIGNED_NOT_YET_VALID: &str = "request is not yet valid";
