use super::*;
use crate::lang::Lang;
use crate::report::ReportSource;
use crate::verdict::Verdict;
use crate::words::{
    pasted_fix_steps, pasted_report_lines, pasted_sentence, report_text, report_text_with_paste,
    stamp_label_words,
};
use samples::*;
use std::time::{Duration, Instant};

#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod reconcile;
mod samples;

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

fn decoded(text: &str) -> Diagnosis {
    decode(text, None).unwrap_or_else(|why| panic!("{why:?} for {text}"))
}

/// Checks offset, uncertainty, service and verdict of a decoded sample.
fn assert_decodes(
    text: &str,
    offset_ms: i64,
    uncertainty_ms: i64,
    service: &str,
    verdict: Verdict,
) {
    let diagnosis = decoded(text);
    assert_eq!(diagnosis.offset_ms, offset_ms, "{diagnosis:#?}");
    assert_eq!(diagnosis.uncertainty_ms, uncertainty_ms, "{diagnosis:#?}");
    assert_eq!(diagnosis.service.id, service, "{diagnosis:#?}");
    assert_eq!(diagnosis.verdict, verdict, "{diagnosis:#?}");
}

#[test]
fn the_incident_dump_is_15_min_35_s_fast_and_rejected_by_s3() {
    let diagnosis = decoded(INCIDENT_DUMPER);
    assert_eq!(diagnosis.form, Form::S3Skew);
    assert_eq!(diagnosis.offset_ms, 15 * MIN + 35_000);
    assert_eq!(diagnosis.uncertainty_ms, 2_000);
    assert_eq!(diagnosis.service.id, "s3");
    assert_eq!(diagnosis.verdict, Verdict::Rejected);
    assert_eq!(
        pasted_sentence(&diagnosis),
        "The machine that signed this request was 15 min 35 s fast — beyond Amazon S3's 15 min."
    );
    assert_eq!(diagnosis.signer.text, "Mon, 08 Jun 2015 06:41:00 GMT");
    assert_eq!(diagnosis.server.text, "2015-06-08T06:25:25Z");
    assert!(
        pasted_fix_steps(&diagnosis)
            .iter()
            .any(|step| step.text().contains("timedatectl set-ntp true"))
    );
}

#[test]
fn s3_xml_with_an_amz_date_request_time() {
    // 23:25:59 against 22:26:16: 59 min 43 s fast.
    assert_decodes(
        S3_XML_PHP,
        59 * MIN + 43_000,
        2_000,
        "s3",
        Verdict::Rejected,
    );
    assert_eq!(decoded(S3_XML_PHP).signer.text, "20150604T232559Z");
}

#[test]
fn escaped_xml_of_a_retried_request() {
    // 12:02:29 against 12:18:12: 15 min 43 s slow (a retry kept its old signature).
    assert_decodes(
        S3_XML_ELIXIR,
        -(15 * MIN + 43_000),
        2_000,
        "s3",
        Verdict::Rejected,
    );
    assert_eq!(decoded(S3_XML_ELIXIR).caveat, Some(Caveat::Retried));
}

#[test]
fn a_python_traceback_and_a_botocore_dict() {
    // 02:17:06 against 17:36:03: 15 h 18 min 57 s slow.
    let offset = -(15 * HOUR + 18 * MIN + 57_000);
    assert_decodes(S3_PYTHON_TRACEBACK, offset, 2_000, "s3", Verdict::Rejected);
    assert_decodes(S3_BOTOCORE_DICT, offset, 2_000, "s3", Verdict::Rejected);
}

#[test]
fn millisecond_times_narrow_the_uncertainty() {
    let request_ms = 12 * HOUR + 52 * MIN + 35_000; // 1970-01-01T12:52:35Z
    let server_ms = 1_553_951_933_000; // 2019-03-30T13:18:53Z
    assert_decodes(
        OSS_XML_MILLIS,
        request_ms - server_ms,
        1_001,
        "s3",
        Verdict::Rejected,
    );
}

#[test]
fn sigv4_signature_expired_is_x_minus_z() {
    // 01:53:30 against 01:58:32.
    let diagnosis = decoded(SIGV4_EXPIRED);
    assert_eq!(diagnosis.form, Form::SigV4);
    assert_eq!(diagnosis.offset_ms, -(5 * MIN + 2_000));
    assert_eq!(diagnosis.service.id, "aws");
    assert_ne!(diagnosis.verdict, Verdict::Ok);
    assert_eq!(diagnosis.server.text, "20160117T015832Z");
    // 19:55:22 against 20:04:40.
    assert_decodes(
        SIGV4_EXPIRED_JSON,
        -(9 * MIN + 18_000),
        2_000,
        "aws",
        Verdict::Rejected,
    );
}

#[test]
fn sigv4_signature_not_yet_current_is_x_minus_z() {
    // 21:15:43 against 21:10:29.
    assert_decodes(
        SIGV4_NOT_YET,
        5 * MIN + 14_000,
        2_000,
        "aws",
        Verdict::Rejected,
    );
    assert!(pasted_sentence(&decoded(SIGV4_NOT_YET)).contains("5 min 14 s fast"));
}

#[test]
fn azure_too_old_against_the_time_in_the_message() {
    // Fri 18:02:12 against Mon 19:46:36.6469406.
    let offset = -(3 * DAY + HOUR + 44 * MIN + 24_646);
    assert_decodes(
        AZURE_XML,
        offset,
        2_000,
        "azure-sharedkey",
        Verdict::Rejected,
    );
    // Thu 31 Dec 19:41:27 against Wed 6 Jan 14:13:33.6901314.
    let offset = -(5 * DAY + 18 * HOUR + 32 * MIN + 6_690);
    assert_decodes(
        AZURE_NODE,
        offset,
        2_000,
        "azure-sharedkey",
        Verdict::Rejected,
    );
}

#[test]
fn azure_falls_back_to_the_response_date() {
    let text = "AuthenticationErrorDetail: Request date header too old: 'Tue, 05 Dec 2023 21:31:10 GMT'\n\"date\": \"Wed, 06 Dec 2023 07:03:46 GMT\"";
    let diagnosis = decoded(text);
    assert_eq!(diagnosis.offset_ms, -(9 * HOUR + 32 * MIN + 36_000));
    assert_eq!(stamp_label_words(diagnosis.server.label), "response Date");
}

#[test]
fn an_expired_presigned_url_is_only_a_bound() {
    // Signed 11:16:34 (11:17:34 − 60 s), used 11:27:42.
    let diagnosis = decoded(PRESIGNED_EXPIRED);
    assert_eq!(diagnosis.form, Form::Presigned);
    assert_eq!(diagnosis.bound, Bound::AtLeast);
    assert_eq!(diagnosis.offset_ms, -(11 * MIN + 8_000));
    // It may simply have waited: the verdict cannot be "rejected".
    assert_eq!(diagnosis.verdict, Verdict::Warning);
    let sentence = pasted_sentence(&diagnosis);
    assert!(sentence.contains("up to 11 min 8 s slow"), "{sentence}");
}

#[test]
fn a_presigned_url_not_yet_valid_shows_a_fast_signer() {
    let text = "<Code>AccessDenied</Code><Message>Request is not yet valid</Message>\nGET /key?X-Amz-Date=20240610T103411Z&X-Amz-Expires=604800\n<ServerTime>2024-06-10T10:04:11Z</ServerTime>";
    let diagnosis = decoded(text);
    assert_eq!(diagnosis.offset_ms, 30 * MIN);
    assert_eq!(diagnosis.verdict, Verdict::Rejected);
    assert!(pasted_sentence(&diagnosis).contains("at least 30 min fast"));
}

#[test]
fn a_raw_exchange_compares_the_request_date_with_the_response_date() {
    // 12:30:21 +0800 is 04:30:21 GMT; the response says 04:30:23.
    let diagnosis = decoded(RAW_EXCHANGE);
    assert_eq!(diagnosis.form, Form::Exchange);
    assert_eq!(diagnosis.offset_ms, -2_000);
    assert_eq!(diagnosis.service.id, "s3");
    assert_eq!(diagnosis.verdict, Verdict::Ok);
    assert!(pasted_fix_steps(&diagnosis).is_empty());
}

#[test]
fn a_curl_exchange_with_x_amz_date() {
    let text = "> PUT /photo.jpg HTTP/1.1\n> Host: bucket.s3.amazonaws.com\n> x-amz-date: 20250301T101500Z\n> \n< HTTP/1.1 403 Forbidden\n< Date: Sat, 01 Mar 2025 10:00:00 GMT\n";
    assert_decodes(text, 15 * MIN, 2_000, "s3", Verdict::Warning);
    let text = "x-ms-date: Sat, 01 Mar 2025 10:00:00 GMT\nHTTP/1.1 403 Server failed\nDate: Sat, 01 Mar 2025 10:20:00 GMT";
    assert_decodes(text, -20 * MIN, 2_000, "azure-sharedkey", Verdict::Rejected);
}

fn now(epoch_ms: f64) -> Option<ReferenceNow> {
    Some(ReferenceNow {
        epoch_ms,
        uncertainty_ms: 50.0,
        measured: true,
    })
}

#[test]
fn a_jwt_needs_the_device_time() {
    assert_eq!(decode(RFC7519_JWT, None), Err(Undecoded::NoTimes));
    let exp_ms = 1_300_819_380_000.0;
    let valid = decode(RFC7519_JWT, now(exp_ms - 60_000.0)).expect("decoded");
    assert_eq!(valid.form, Form::Jwt);
    assert_eq!(valid.verdict, Verdict::Ok);
    assert_eq!(valid.service.id, "jwt");
    let expired = decode(RFC7519_JWT, now(exp_ms + 2.0 * 3_600_000.0)).expect("decoded");
    assert_eq!(expired.offset_ms, -2 * HOUR);
    assert_eq!(expired.verdict, Verdict::Rejected);
    let sentence = pasted_sentence(&expired);
    assert!(sentence.contains("expired 2 h ago"), "{sentence}");
}

#[test]
fn a_jwt_issued_in_the_future() {
    // {"iat":1700000720,"exp":1700004320}, issued 12 min after "now".
    let payload = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        br#"{"iat":1700000720,"exp":1700004320}"#,
    );
    let token = format!("id_token=eyJhbGciOiJSUzI1NiJ9.{payload}.c2ln");
    let diagnosis = decode(&token, now(1_700_000_000_000.0)).expect("decoded");
    assert_eq!(diagnosis.offset_ms, 12 * MIN);
    assert_eq!(diagnosis.verdict, Verdict::Rejected);
    assert!(pasted_sentence(&diagnosis).contains("issued 12 min in the future"));
}

#[test]
fn text_without_times_says_so() {
    assert_eq!(decode("  \n", None), Err(Undecoded::Empty));
    for text in [
        "Access Denied",
        "RequestTimeTooSkewed: The difference between the request time and the current time is too large.",
        "<RequestTime>yesterday</RequestTime><ServerTime>now</ServerTime>",
        "Signature expired: soon",
        "Request has expired",
    ] {
        assert_eq!(decode(text, None), Err(Undecoded::NoTimes), "{text}");
    }
}

#[test]
fn report_lines_carry_both_timestamps() {
    let lines = pasted_report_lines(&decoded(INCIDENT_DUMPER));
    assert!(lines[0].contains("15 min 35 s fast"), "{lines:?}");
    assert!(
        lines[1].contains("Mon, 08 Jun 2015 06:41:00 GMT"),
        "{lines:?}"
    );
    assert!(lines[1].contains("+935000 ms ± 2000 ms"), "{lines:?}");
    assert!(lines[1].ends_with("REJECTED)"), "{lines:?}");
}

#[test]
fn a_megabyte_of_keys_decodes_in_bounded_time() {
    let started = Instant::now();
    for unit in ["RequestTime ", "eyJ.", "date: ", "Signature expired: 2"] {
        let text = unit.repeat(1_000_000 / unit.len());
        assert_eq!(decode(&text, now(0.0)), Err(Undecoded::NoTimes));
    }
    // The error at the end of a long log is beyond what is read.
    let long = format!("{}{INCIDENT_DUMPER}", "x".repeat(MAX_EXAMINED_BYTES));
    assert_eq!(decode(&long, None), Err(Undecoded::NoTimes));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_report_text_gains_the_decoded_paste() {
    let diagnosis = decoded(INCIDENT_DUMPER);
    let report = crate::report::Report {
        measured_at_ms: 1_433_745_000_000.0,
        device_time_ms: 1_433_745_000_000.0,
        offset_ms: 0,
        uncertainty_ms: 100,
        source: ReportSource::Claimed("worldtimeapi.org".to_owned()),
        device: "Linux".to_owned(),
        platform: crate::platform::Platform::Linux,
        ticket: None,
        label: None,
        verdicts: Vec::new(),
    };
    let text = report_text_with_paste(&report, Some(&diagnosis), Lang::En);
    assert!(text.starts_with(&report_text(&report, Lang::En)));
    assert!(text.ends_with(&pasted_report_lines(&diagnosis).join("\n")));
    assert_eq!(
        report_text_with_paste(&report, None, Lang::En),
        report_text(&report, Lang::En)
    );
}

#[test]
fn the_reference_now_is_the_device_clock_minus_the_measured_offset() {
    let measured = ReferenceNow::at(1_000_000.0, Some((960_000.0, 25.0)));
    assert_eq!(
        measured,
        ReferenceNow {
            epoch_ms: 40_000.0,
            uncertainty_ms: 25.0,
            measured: true
        }
    );
    let unmeasured = ReferenceNow::at(1_000_000.0, None);
    assert_eq!(
        unmeasured,
        ReferenceNow {
            epoch_ms: 1_000_000.0,
            uncertainty_ms: 0.0,
            measured: false
        }
    );
}
