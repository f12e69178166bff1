//! A decoded paste in words: the sentence about the signer's clock (or a token's claims),
//! the timestamps' labels, the caveat, the fix and the lines the report gains.

use crate::pasted::{Bound, Caveat, Diagnosis, Form, StampLabel, TokenState};
use crate::platform::Platform;
use crate::verdict::{Limit, Service, Verdict};
use crate::words::numbers::duration_words;

/// The platform whose steps set a signing server's clock right.
const SERVER_PLATFORM: Platform = Platform::Linux;

/// What the decoder looks for, for a paste it could not use.
pub fn paste_looks_for() -> [&'static str; 6] {
    [
        "S3 RequestTimeTooSkewed: RequestTime and ServerTime",
        "“Signature expired: … is now earlier than …” or “Signature not yet current: … is still later than …” (AWS STS, EC2, API Gateway, …)",
        "“Request has expired” or “Request is not yet valid” with X-Amz-Date (or Expires and X-Amz-Expires) and ServerTime",
        "Azure “Request date header too old” with the Time: line of the message or the response Date",
        "a raw request and response: the request's X-Amz-Date, x-ms-date or Date and the response's Date",
        "a JWT (eyJ….….…): its iat, nbf and exp against this device's time",
    ]
}

/// Where the fix steps ([`pasted_fix_steps`]) apply: "On the machine that signed the
/// request — for a Linux server:".
pub fn paste_fix_intro() -> String {
    format!(
        "On the machine that signed the request — for a {} server:",
        SERVER_PLATFORM.name()
    )
}

/// The steps that set the signer's clock right (the page's steps for a Linux server),
/// unless it is fine.
pub fn pasted_fix_steps(diagnosis: &Diagnosis) -> &'static [crate::words::Words] {
    if diagnosis.verdict == Verdict::Ok {
        &[]
    } else {
        crate::words::steps::automatic_time_steps(SERVER_PLATFORM)
    }
}

/// The error form in words, as the page and the report name it.
pub fn form_name(form: Form) -> &'static str {
    match form {
        Form::S3Skew => "S3 RequestTimeTooSkewed",
        Form::SigV4 => "AWS Signature Version 4 time check",
        Form::AzureTooOld => "Azure Storage “Request date header too old”",
        Form::Presigned => "presigned URL time check",
        Form::Exchange => "HTTP request and response",
        Form::Jwt => "JWT time claims",
    }
}

/// A timestamp's label: a field by its own name, or where the decoder found it.
pub fn stamp_label_words(label: StampLabel) -> &'static str {
    match label {
        StampLabel::Field(name) => name,
        StampLabel::SigV4RequestTime => "request time (X-Amz-Date)",
        StampLabel::SigV4ServerTime => "server time",
        StampLabel::AzureRequestDate => "request date (x-ms-date)",
        StampLabel::AzureMessageTime => "server time (Time: in the message)",
        StampLabel::RequestDate => "request Date",
        StampLabel::ResponseDate => "response Date",
        StampLabel::DateFromExpiry => "X-Amz-Date (Expires − X-Amz-Expires)",
        StampLabel::DeviceMeasured => "this device's measured time",
        StampLabel::DeviceUnmeasured => "this device's clock (not measured yet)",
    }
}

/// What else could explain the difference, in words.
pub fn caveat_words(caveat: Caveat) -> &'static str {
    match caveat {
        Caveat::Retried => {
            "A request retried with its old signature (after a slow upload, say) looks slow by the time it waited; otherwise this is the signer's clock."
        }
        Caveat::Waited => {
            "A presigned URL can be used any time after it is signed: the time it waited makes the signer look slower, so this is only the least the signer's clock can be off."
        }
        Caveat::DeviceNotMeasured => {
            "This device's clock has not been measured yet: the comparison trusts it as it stands."
        }
    }
}

/// One sentence: "The machine that signed this request was 15 min 35 s fast — beyond Amazon
/// S3's 15 min.", or for a JWT what its claims say against this device's time.
pub fn pasted_sentence(diagnosis: &Diagnosis) -> String {
    match diagnosis.token {
        Some(token) => token_sentence(diagnosis, token),
        None => signer_sentence(
            &diagnosis.service,
            diagnosis.verdict,
            diagnosis.offset_ms,
            diagnosis.uncertainty_ms,
            diagnosis.bound,
        ),
    }
}

/// The lines the report text gains when a paste was decoded.
pub fn pasted_report_lines(diagnosis: &Diagnosis) -> Vec<String> {
    vec![
        format!(
            "Pasted error ({}): {}",
            form_name(diagnosis.form),
            pasted_sentence(diagnosis)
        ),
        format!(
            "  {} {} − {} {} = {:+} ms ± {} ms{} ({}: {})",
            stamp_label_words(diagnosis.signer.label),
            diagnosis.signer.text,
            stamp_label_words(diagnosis.server.label),
            diagnosis.server.text,
            diagnosis.offset_ms,
            diagnosis.uncertainty_ms,
            if diagnosis.bound == Bound::AtLeast {
                " at least"
            } else {
                ""
            },
            diagnosis.service.name,
            diagnosis.verdict.as_str().to_ascii_uppercase()
        ),
    ]
}

/// A JWT's claims against this device's time; the deciding claim is the signer's stamp and
/// the offset is claim − now.
fn token_sentence(diagnosis: &Diagnosis, token: TokenState) -> String {
    #[expect(clippy::cast_precision_loss, reason = "ms within ±10^15: exact in f64")]
    let offset = diagnosis.offset_ms as f64;
    match token {
        TokenState::NotYetValid => format!(
            "This token was issued {} in the future ({}) by this device's time: the machine that issued it is at least that fast, and validators refuse it until then.",
            duration_words(offset),
            stamp_label_words(diagnosis.signer.label)
        ),
        TokenState::Expired => format!(
            "This token expired {} ago (exp) by this device's time: it is old, or the machine that issued it is that slow.",
            duration_words(offset)
        ),
        TokenState::Valid => {
            "This token is valid now by this device's time: its clock claims are not the problem."
                .to_owned()
        }
    }
}

/// "The machine that signed this request was 15 min 35 s fast — beyond Amazon S3's 15 min."
fn signer_sentence(
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
