//! Property tests: any plausible report round-trips, and no input panics the decoder.

use super::super::payload::{MAX_OFFSET_MS, TEN_YEARS_MS};
use super::super::*;
use crate::lang::Lang;
use crate::platform::Platform;
use crate::plausible::{EARLIEST_MS, LATEST_MS};
use crate::words::report_text;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;

const KNOWN_VERDICTS: [ReportedVerdict; 4] = [
    ReportedVerdict::Ok,
    ReportedVerdict::Warning,
    ReportedVerdict::Rejected,
    ReportedVerdict::Unknown,
];

const ALL_PLATFORMS: [Platform; 8] = [
    Platform::IPadOs,
    Platform::Ios,
    Platform::Android,
    Platform::Windows,
    Platform::MacOs,
    Platform::ChromeOs,
    Platform::Linux,
    Platform::Unknown,
];

fn verdict(text: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = ServiceVerdict> {
    (
        text.clone(),
        prop_oneof![
            "[a-z0-9_-]{1,40}",
            prop::sample::select(vec![
                "s3",
                "kerberos",
                "totp",
                "custom",
                "s3-limit-600000",
                "custom-limit-90000"
            ])
            .prop_map(str::to_owned),
        ],
        prop::sample::select(KNOWN_VERDICTS.to_vec()),
        text,
    )
        .prop_map(|(service, service_id, verdict, detail)| ServiceVerdict {
            service,
            service_id,
            verdict,
            detail,
        })
}

/// A report with up to 24 services and arbitrary texts.
fn report() -> impl Strategy<Value = Report> {
    report_of(any::<String>(), 0..25)
}

/// A report with up to 3 services and short arbitrary texts.
fn small_report() -> impl Strategy<Value = Report> {
    let short_text = prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter);
    report_of(short_text, 0..4)
}

fn report_of(
    text: impl Strategy<Value = String> + Clone,
    services: std::ops::Range<usize>,
) -> impl Strategy<Value = Report> {
    let max_offset = i64::try_from(MAX_OFFSET_MS).expect("the largest offset fits in i64");
    let numbers = (
        946_684_800_000u64..7_258_118_400_000u64,
        prop_oneof![
            -max_offset..=max_offset,
            // Clocks reset to 1970 or 2000, and everything near the truth.
            Just(-1_795_708_325_002i64),
            Just(-848_000_000_000i64),
            -1_000_000i64..1_000_000,
        ],
        0..=TEN_YEARS_MS,
    );
    let texts = (
        text.clone(),
        text.clone(),
        prop::sample::select(ALL_PLATFORMS.to_vec()),
        prop::option::of(text.clone()),
    );
    (
        numbers,
        texts,
        prop::collection::vec(verdict(text), services),
    )
        .prop_map(
            |((measured, offset, uncertainty), (source, device, platform, reference), verdicts)| {
                let measured = measured as f64;
                Report {
                    measured_at_ms: measured,
                    // Whatever the device showed, even 1970: what the page writes.
                    device_time_ms: measured + offset as f64,
                    offset_ms: offset,
                    uncertainty_ms: uncertainty,
                    source: ReportSource::Claimed(source),
                    device,
                    platform,
                    ticket: reference,
                    label: None,
                    verdicts,
                }
            },
        )
}

proptest! {
    /// Every plausible report survives encoding, cleaned and capped but otherwise intact;
    /// only verdicts that would not fit are dropped, from the end.
    #[test]
    fn encoding_round_trips(report in report()) {
        let fragment = encode_fragment(&report);
        prop_assert!(fragment.len() <= MAX_FRAGMENT_CHARS);
        let decoded = decode_fragment(&fragment).unwrap();
        let mut expected = report.normalized();
        prop_assert!(decoded.verdicts.len() <= expected.verdicts.len());
        expected.verdicts.truncate(decoded.verdicts.len());
        prop_assert_eq!(&decoded, &expected);
        prop_assert_eq!(decode_fragment(&encode_fragment(&decoded)), Ok(decoded.clone()));
        let _ = report_text(&decoded, Lang::En);
    }
}

// The decoder's hostile-input properties: 10 000 cases each, over smaller reports so that
// `cargo test` stays quick in a debug build.
proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Cutting a fragment anywhere yields a report or an error, never a panic.
    #[test]
    fn truncated_fragments_never_panic(report in small_report(), cut in any::<prop::sample::Index>()) {
        let fragment = encode_fragment(&report);
        let _ = decode_fragment(&fragment[..cut.index(fragment.len() + 1)]);
    }

    /// Garbage, raw or dressed as a report, never panics.
    #[test]
    fn garbage_never_panics(text in any::<String>(), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode_fragment(&text);
        let _ = decode_fragment(&format!("#report={text}"));
        let _ = decode_fragment(&format!("#report={}", URL_SAFE_NO_PAD.encode(&bytes)));
    }

    /// Arbitrary numbers in otherwise valid JSON are accepted only when plausible and when
    /// device time − measurement time is the offset.
    #[test]
    fn arbitrary_numbers_are_checked(t in any::<f64>(), d in number(), o in any::<i64>(), u in any::<u64>()) {
        for d in [t, d] {
            let json = format!(r#"{{"v":1,"t":{t},"d":{d},"o":{o},"u":{u},"s":"","dv":"","p":"ios","vs":[]}}"#);
            let fragment = format!("report={}", URL_SAFE_NO_PAD.encode(json));
            if let Ok(report) = decode_fragment(&fragment) {
                assert_accepted_numbers_agree(&report)?;
            }
        }
    }

    /// Near-valid payloads — a genuine one with one field edited to anything — decode or
    /// are refused, never panic; what decodes is consistent, and its recomputed verdicts
    /// never repeat a stored word the numbers do not support.
    #[test]
    fn edited_payloads_are_checked(report in small_report(), field in prop::sample::select(FIELDS.to_vec()), value in json_value()) {
        let mut json = serde_json::to_value(&report).unwrap();
        json["v"] = serde_json::json!(VERSION);
        match field.split_once('.') {
            Some((_, inner)) => {
                if let Some(first) = json["vs"].get_mut(0) {
                    first[inner] = value;
                }
            }
            None => json[field] = value,
        }
        let fragment = format!("#report={}", URL_SAFE_NO_PAD.encode(json.to_string()));
        if let Ok(decoded) = decode_fragment(&fragment) {
            assert_accepted_numbers_agree(&decoded)?;
            let restored = decoded.clone().with_recomputed_details();
            for line in &restored.verdicts {
                if let Some(service) = line.checked_service() {
                    let expected = crate::verdict::assess(&service, Some(restored.interval())).verdict;
                    prop_assert_eq!(line.verdict.verdict(), Some(expected));
                    prop_assert_eq!(restored.finding(line), Finding::Recomputed(expected));
                } else {
                    prop_assert_eq!(restored.finding(line).verdict(), crate::verdict::Verdict::Unknown);
                }
            }
            let _ = report_text(&restored, Lang::En);
        }
    }
}

/// The fields an edited payload changes (`vs.*` within the first verdict).
const FIELDS: [&str; 14] = [
    "t", "d", "o", "u", "s", "dv", "p", "r", "vs", "v", "vs.n", "vs.id", "vs.v", "vs.x",
];

/// Numbers near and far from anything a measurement writes.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("JSON has no NaN or infinity", |n| n.is_finite()),
        (-1e13f64..1e13),
        Just(0.0),
        Just(EARLIEST_MS),
        Just(LATEST_MS),
    ]
}

/// Any JSON value a hand-edited payload might hold.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        number().prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(|s| json!(s)),
        prop::sample::select(vec![
            "ok",
            "warning",
            "rejected",
            "unknown",
            "OK",
            "s3",
            "kerberos-limit-600000",
            "custom-limit-1"
        ])
        .prop_map(|s| json!(s)),
        Just(json!(null)),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
    ]
}

/// What every accepted report satisfies.
fn assert_accepted_numbers_agree(report: &Report) -> Result<(), TestCaseError> {
    prop_assert!((EARLIEST_MS..LATEST_MS).contains(&report.measured_at_ms));
    prop_assert!(report.device_time_ms.is_finite());
    prop_assert!(report.offset_ms.unsigned_abs() <= MAX_OFFSET_MS);
    prop_assert!(report.uncertainty_ms <= TEN_YEARS_MS);
    let gap = report.device_time_ms - report.measured_at_ms - report.offset_ms as f64;
    prop_assert!(gap.abs() <= report.uncertainty_ms as f64 + 2.0);
    Ok(())
}

/// Whether the page that opens `report`'s compact link can rebuild its primary service.
fn primary_is_known(report: &Report) -> bool {
    report
        .verdicts
        .first()
        .is_some_and(|line| line.checked_service().is_some())
}

proptest! {
    /// The compact link keeps what was measured: numbers, platform and reference of every
    /// plausible report whose primary service the page knows.
    #[test]
    fn compact_encoding_round_trips(report in report()) {
        let fragment = encode_compact(&report);
        prop_assert!(fragment.len() <= MAX_FRAGMENT_CHARS);
        let decoded = decode_fragment(&fragment);
        let expected = report.normalized();
        if primary_is_known(&expected) {
            let decoded = decoded.unwrap();
            prop_assert_eq!(decoded.measured_at_ms, expected.measured_at_ms);
            prop_assert_eq!(decoded.device_time_ms, expected.device_time_ms);
            prop_assert_eq!(decoded.offset_ms, expected.offset_ms);
            prop_assert_eq!(decoded.uncertainty_ms, expected.uncertainty_ms);
            prop_assert_eq!(decoded.platform, expected.platform);
            prop_assert_eq!(decoded.ticket.clone(), expected.ticket.filter(|r| !r.is_empty()));
            prop_assert_eq!(&decoded.verdicts[0].service_id, &expected.verdicts[0].service_id);
            let _ = report_text(&decoded.with_recomputed_details(), Lang::En);
        } else {
            prop_assert!(decoded.is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// A compact link cut anywhere yields a report or an error, never a panic.
    #[test]
    fn truncated_compact_fragments_never_panic(report in small_report(), cut in any::<prop::sample::Index>()) {
        let fragment = encode_compact(&report);
        prop_assert!(fragment.is_ascii());
        if let Ok(decoded) = decode_fragment(&fragment[..cut.index(fragment.len() + 1)]) {
            assert_accepted_numbers_agree(&decoded)?;
        }
    }

    /// Garbage dressed as a compact link never panics.
    #[test]
    fn compact_garbage_never_panics(text in any::<String>(), fields in prop::collection::vec("[-0-9A-Za-z%.:]{0,16}", 0..12)) {
        let _ = decode_fragment(&format!("#{COMPACT_PREFIX}{text}"));
        if let Ok(decoded) = decode_fragment(&format!("{COMPACT_PREFIX}{}", fields.join("/"))) {
            assert_accepted_numbers_agree(&decoded)?;
        }
    }

    /// A genuine compact link with one field edited to anything decodes or is refused,
    /// never panics; what decodes is consistent and its verdicts are the numbers' own.
    #[test]
    fn edited_compact_fields_are_checked(report in small_report(), index in 0..11usize, value in prop_oneof![any::<String>(), "-?[0-9A-Z]{1,14}", "%[0-9A-Fa-f]{2}"]) {
        let fragment = encode_compact(&report);
        let mut fields: Vec<&str> = fragment[COMPACT_PREFIX.len()..].split('/').collect();
        fields.resize(fields.len().max(index + 1), "");
        fields[index] = &value;
        if let Ok(decoded) = decode_fragment(&format!("{COMPACT_PREFIX}{}", fields.join("/"))) {
            assert_accepted_numbers_agree(&decoded)?;
            let restored = decoded.with_recomputed_details();
            prop_assert!(primary_is_known(&restored));
            for line in &restored.verdicts {
                let service = line.checked_service();
                prop_assert!(service.is_some());
                let expected = service.map(|s| crate::verdict::assess(&s, Some(restored.interval())).verdict);
                prop_assert_eq!(line.verdict.verdict(), expected);
            }
            let _ = report_text(&restored, Lang::En);
        }
    }
}
