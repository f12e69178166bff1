//! A decoded paste in words: the sentence about the signer's clock (or a token's claims),
//! the timestamps' labels, the caveat, the fix and the lines the report gains. The field
//! names a vendor's error carries (`RequestTime`, `x-amz-date`) are its own, not text.

use crate::pasted::{Bound, Caveat, Diagnosis, Form, StampLabel, TokenState};
use crate::platform::Platform;
use crate::verdict::{Limit, Service, Verdict};
use crate::words::catalogue::Words;
use crate::words::catalogue::translated;
use crate::words::numbers::duration_words;

/// The platform whose steps set a signing server's clock right.
const SERVER_PLATFORM: Platform = Platform::Linux;

/// What the decoder looks for, for a paste it could not use.
pub fn paste_looks_for() -> [Words; 6] {
    [
        Words("S3 RequestTimeTooSkewed: RequestTime and ServerTime"),
        Words(
            "“Signature expired: … is now earlier than …” or “Signature not yet current: … is still later than …” (AWS STS, EC2, API Gateway, …)",
        ),
        Words(
            "“Request has expired” or “Request is not yet valid” with X-Amz-Date (or Expires and X-Amz-Expires) and ServerTime",
        ),
        Words(
            "Azure “Request date header too old” with the Time: line of the message or the response Date",
        ),
        Words(
            "a raw request and response: the request's X-Amz-Date, x-ms-date or Date and the response's Date",
        ),
        Words("a JWT (eyJ….….…): its iat, nbf and exp against this device's time"),
    ]
}

/// Where the fix steps ([`pasted_fix_steps`]) apply: "On the machine that signed the
/// request — for a Linux server:".
pub fn paste_fix_intro() -> String {
    say!(
        "On the machine that signed the request — for a {platform} server:",
        platform = SERVER_PLATFORM.name()
    )
}

/// The steps that set the signer's clock right (the page's steps for a Linux server),
/// unless it is fine.
pub fn pasted_fix_steps(diagnosis: &Diagnosis) -> &'static [Words] {
    if diagnosis.verdict == Verdict::Ok {
        &[]
    } else {
        crate::words::steps::automatic_time_steps(SERVER_PLATFORM)
    }
}

/// The error form in words, as the page and the report name it (the page's `data-form` is
/// [`Form::id`], the same in every language).
pub fn form_name(form: Form) -> String {
    match form {
        // The vendor's error code, as it is in every language.
        Form::S3Skew => return S3_SKEW.to_owned(),
        Form::SigV4 => Words("AWS Signature Version 4 time check"),
        Form::AzureTooOld => Words("Azure Storage “Request date header too old”"),
        Form::Presigned => Words("presigned URL time check"),
        Form::Exchange => Words("HTTP request and response"),
        Form::Jwt => Words("JWT time claims"),
    }
    .text()
}

/// S3's error, by its code.
const S3_SKEW: &str = "S3 RequestTimeTooSkewed";

/// A timestamp's label: a field by its own name (the vendor's, not text), or where the
/// decoder found it.
pub fn stamp_label_words(label: StampLabel) -> String {
    match label {
        StampLabel::Field(name) => return name.to_owned(),
        StampLabel::SigV4RequestTime => Words("request time (X-Amz-Date)"),
        StampLabel::SigV4ServerTime => Words("server time"),
        StampLabel::AzureRequestDate => Words("request date (x-ms-date)"),
        StampLabel::AzureMessageTime => Words("server time (Time: in the message)"),
        StampLabel::RequestDate => Words("request Date"),
        StampLabel::ResponseDate => Words("response Date"),
        StampLabel::DateFromExpiry => Words("X-Amz-Date (Expires − X-Amz-Expires)"),
        StampLabel::DeviceMeasured => Words("this device's measured time"),
        StampLabel::DeviceUnmeasured => Words("this device's clock (not measured yet)"),
    }
    .text()
}

/// What else could explain the difference, in words.
pub fn caveat_words(caveat: Caveat) -> String {
    match caveat {
        Caveat::Retried => Words(
            "A request retried with its old signature (after a slow upload, say) looks slow by the time it waited; otherwise this is the signer's clock.",
        ),
        Caveat::Waited => Words(
            "A presigned URL can be used any time after it is signed: the time it waited makes the signer look slower, so this is only the least the signer's clock can be off.",
        ),
        Caveat::DeviceNotMeasured => Words(
            "This device's clock has not been measured yet: the comparison trusts it as it stands.",
        ),
    }
    .text()
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
    let signer = stamp_label_words(diagnosis.signer.label);
    let signer_time = &diagnosis.signer.text;
    let server = stamp_label_words(diagnosis.server.label);
    let server_time = &diagnosis.server.text;
    let offset = format!("{:+}", diagnosis.offset_ms);
    let uncertainty = diagnosis.uncertainty_ms;
    let service = translated(&diagnosis.service.name);
    // A machine's word for the verdict, as the report's other lines give it.
    let verdict = diagnosis.verdict.as_str().to_ascii_uppercase();
    let numbers = if diagnosis.bound == Bound::AtLeast {
        say!(
            "  {signer} {signer_time} − {server} {server_time} = {offset} ms ± {uncertainty} ms at least ({service}: {verdict})",
            signer,
            signer_time,
            server,
            server_time,
            offset,
            uncertainty,
            service,
            verdict
        )
    } else {
        say!(
            "  {signer} {signer_time} − {server} {server_time} = {offset} ms ± {uncertainty} ms ({service}: {verdict})",
            signer,
            signer_time,
            server,
            server_time,
            offset,
            uncertainty,
            service,
            verdict
        )
    };
    vec![
        say!(
            "Pasted error ({form}): {sentence}",
            form = form_name(diagnosis.form),
            sentence = pasted_sentence(diagnosis)
        ),
        numbers,
    ]
}

/// A JWT's claims against this device's time; the deciding claim is the signer's stamp and
/// the offset is claim − now.
fn token_sentence(diagnosis: &Diagnosis, token: TokenState) -> String {
    #[expect(clippy::cast_precision_loss, reason = "ms within ±10^15: exact in f64")]
    let offset = diagnosis.offset_ms as f64;
    match token {
        TokenState::NotYetValid => say!(
            "This token was issued {ahead} in the future ({claim}) by this device's time: the machine that issued it is at least that fast, and validators refuse it until then.",
            ahead = duration_words(offset),
            claim = stamp_label_words(diagnosis.signer.label)
        ),
        TokenState::Expired => say!(
            "This token expired {ago} ago (exp) by this device's time: it is old, or the machine that issued it is that slow.",
            ago = duration_words(offset)
        ),
        TokenState::Valid => Words(
            "This token is valid now by this device's time: its clock claims are not the problem.",
        )
        .text(),
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
        Bound::Both if offset.abs() <= uncertainty => say!(
            "The machine that signed this request was right to within {within} — fine for {service}.",
            within = duration_words(uncertainty),
            service = translated(&service.name)
        ),
        Bound::AtLeast if offset <= 0.0 => say!(
            "The server got this signed request {off_by} after it was signed: it waited that long before it was used, or the machine that signed it was up to {off_by} slow ({limit}).",
            off_by,
            limit = limit_words(service, verdict, offset)
        ),
        Bound::Both | Bound::AtLeast => {
            let limit = limit_words(service, verdict, offset);
            match (bound == Bound::AtLeast, offset > 0.0) {
                (true, true) => say!(
                    "The machine that signed this request was at least {off_by} fast — {limit}.",
                    off_by,
                    limit
                ),
                (true, false) => say!(
                    "The machine that signed this request was at least {off_by} slow — {limit}.",
                    off_by,
                    limit
                ),
                (false, true) => say!(
                    "The machine that signed this request was {off_by} fast — {limit}.",
                    off_by,
                    limit
                ),
                (false, false) => say!(
                    "The machine that signed this request was {off_by} slow — {limit}.",
                    off_by,
                    limit
                ),
            }
        }
    }
}

/// "beyond Amazon S3's 15 min", "close to …", "within …", or that the side does not matter.
fn limit_words(service: &Service, verdict: Verdict, offset: f64) -> String {
    let fast = offset > 0.0;
    let limit = if fast {
        service.tolerance.ahead
    } else {
        service.tolerance.behind
    };
    let name = translated(&service.name);
    let Some(Limit { ms, documented }) = limit else {
        return if fast {
            say!("{service} does not mind a fast clock", service = name)
        } else {
            say!("{service} does not mind a slow clock", service = name)
        };
    };
    #[expect(clippy::cast_precision_loss, reason = "limits are below 2^53 ms")]
    let limit = duration_words(ms as f64);
    match (verdict, documented) {
        (Verdict::Rejected, true) => say!("beyond {service}'s {limit}", service = name, limit),
        (Verdict::Rejected, false) => {
            say!(
                "beyond {service}'s typically {limit}",
                service = name,
                limit
            )
        }
        (Verdict::Warning, true) => say!("close to {service}'s {limit}", service = name, limit),
        (Verdict::Warning, false) => {
            say!(
                "close to {service}'s typically {limit}",
                service = name,
                limit
            )
        }
        (Verdict::Ok | Verdict::Unknown, true) => {
            say!("within {service}'s {limit}", service = name, limit)
        }
        (Verdict::Ok | Verdict::Unknown, false) => {
            say!(
                "within {service}'s typically {limit}",
                service = name,
                limit
            )
        }
    }
}
