//! The error forms the decoder knows, each a function from the paste to the two
//! timestamps it compares. Tried in order by [`super::decode`]; the first that finds both
//! timestamps wins.

use super::kind::{Bound, Form};
use super::scan::{Haystack, Stamp, StampLabel, amz_dates};
use crate::pasted::vendor_texts::{
    AZURE_TOO_OLD, PRESIGNED_EXPIRED, PRESIGNED_NOT_YET_VALID, SIGV4_EXPIRED, SIGV4_NOT_YET_CURRENT,
};

/// What a form found: the signer's timestamp, the server's, and what their difference means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Which form it was.
    pub form: Form,
    /// The time on the signer's clock.
    pub signer: Stamp,
    /// The time on the server's clock.
    pub server: Stamp,
    /// The catalogue id of the service that refused the request.
    pub service_id: &'static str,
    /// Whether `signer − server` is the offset or only a lower bound on it.
    pub bound: Bound,
}

/// S3 `RequestTimeTooSkewed`: `RequestTime` against `ServerTime`.
pub fn s3_skew(paste: &Haystack) -> Option<Found> {
    let signer = paste.stamp_after_key("requesttime", StampLabel::Field("RequestTime"))?;
    let server = paste.stamp_after_key("servertime", StampLabel::Field("ServerTime"))?;
    Some(Found {
        form: Form::S3Skew,
        signer,
        server,
        service_id: "s3",
        bound: Bound::Both,
    })
}

/// SigV4 services: `Signature expired: X is now earlier than Y (Z - 5 min.)` or
/// `Signature not yet current: X is still later than Y (Z + 5 min.)`. X is the request's
/// time, Z the server's (Y is Z ∓ 5 min).
pub fn sigv4(paste: &Haystack) -> Option<Found> {
    [SIGV4_EXPIRED, SIGV4_NOT_YET_CURRENT]
        .iter()
        .filter_map(|phrase| paste.find(phrase).map(|at| at + phrase.len()))
        .find_map(|after| {
            // The three dates follow within a line; 120 bytes hold them with room to spare.
            let sentence = paste.slice(after, after + 120);
            let mut dates = amz_dates(sentence.text, StampLabel::SigV4RequestTime);
            let signer = dates.next()?;
            let server = dates.nth(1)?;
            Some(Found {
                form: Form::SigV4,
                signer,
                server: Stamp {
                    label: StampLabel::SigV4ServerTime,
                    ..server
                },
                // S3 says RequestTimeTooSkewed instead; these are the other SigV4 APIs.
                service_id: "aws",
                bound: Bound::Both,
            })
        })
}

/// Azure Storage Shared Key: `Request date header too old: '<date>'` against the server's
/// time: the `Time:` line of its message (100 ns resolution), else the response `Date`.
pub fn azure_too_old(paste: &Haystack) -> Option<Found> {
    const PHRASE: &str = AZURE_TOO_OLD;
    let at = paste.find(PHRASE)? + PHRASE.len();
    let signer = paste
        .stamp_at(at, StampLabel::AzureRequestDate)
        .or_else(|| paste.stamp_after_key("x-ms-date", StampLabel::Field("x-ms-date")))?;
    let server = paste
        .stamp_after_key("time", StampLabel::AzureMessageTime)
        .or_else(|| response_date(paste))?;
    Some(Found {
        form: Form::AzureTooOld,
        signer,
        server,
        service_id: "azure-sharedkey",
        bound: Bound::Both,
    })
}

/// Presigned URLs: `Request has expired` / `Request is not yet valid`. The URL's
/// `X-Amz-Date` (or `Expires` − `X-Amz-Expires`) against `ServerTime` (or the response
/// `Date`). The URL may have waited before it was used, so the difference is only a lower
/// bound on the signer's offset.
pub fn presigned(paste: &Haystack) -> Option<Found> {
    if !paste.contains(PRESIGNED_EXPIRED) && !paste.contains(PRESIGNED_NOT_YET_VALID) {
        return None;
    }
    let server = paste
        .stamp_after_key("servertime", StampLabel::Field("ServerTime"))
        .or_else(|| response_date(paste))?;
    let signer = paste
        .stamp_after_key("x-amz-date", StampLabel::Field("X-Amz-Date"))
        .or_else(|| {
            let expires = paste.stamp_after_key("expires", StampLabel::Field("Expires"))?;
            let valid_for_s = paste.seconds_after_key("x-amz-expires")?;
            Some(Stamp {
                label: StampLabel::DateFromExpiry,
                text: format!("{} − {valid_for_s} s", expires.text),
                epoch_ms: expires
                    .epoch_ms
                    .checked_sub(valid_for_s.checked_mul(1_000)?)?,
                ..expires
            })
        })?;
    Some(Found {
        form: Form::Presigned,
        signer,
        server,
        service_id: "s3",
        bound: Bound::AtLeast,
    })
}

/// A raw request/response pair: the request's `X-Amz-Date`, `x-ms-date` or `Date` against
/// the response's `Date`. The response starts at its status line (`HTTP/1.1 403`, curl's
/// `< HTTP/2 403`) or at a logger's "Response headers".
pub fn exchange(paste: &Haystack) -> Option<Found> {
    const RESPONSE_STARTS: [&str; 4] = ["\nhttp/1.", "\nhttp/2", "< http/", "response headers"];
    let split = RESPONSE_STARTS
        .iter()
        .filter_map(|marker| paste.find(marker))
        .min()?;
    let request = paste.slice(0, split);
    let response = paste.slice(split, paste.text.len());
    let (signer, service_id) =
        if let Some(stamp) = request.stamp_after_key("x-ms-date", StampLabel::Field("x-ms-date")) {
            (stamp, "azure-sharedkey")
        } else if let Some(stamp) =
            request.stamp_after_key("x-amz-date", StampLabel::Field("X-Amz-Date"))
        {
            (stamp, if looks_like_s3(paste) { "s3" } else { "aws" })
        } else {
            (
                request.stamp_after_key("date", StampLabel::RequestDate)?,
                "s3",
            )
        };
    let server = response_date(&response)?;
    Some(Found {
        form: Form::Exchange,
        signer,
        server,
        service_id,
        bound: Bound::Both,
    })
}

/// The last `Date` header in `paste` that parses: in a log the response comes last.
fn response_date(paste: &Haystack) -> Option<Stamp> {
    paste.last_stamp_after_key("date", StampLabel::ResponseDate)
}

/// Whether the paste names S3 (a host, the payload-hash header S3 requires, or its errors).
fn looks_like_s3(paste: &Haystack) -> bool {
    [
        "s3.",
        "s3-",
        "//s3",
        "x-amz-content-sha256",
        "amazons3",
        "nosuchbucket",
    ]
    .iter()
    .any(|hint| paste.contains(hint))
}
