//! Property tests: any plausible report round-trips, and no input panics the decoder.

use super::payload::TEN_YEARS_MS;
use super::*;
use crate::engine::platform::Platform;
use crate::engine::plausible::{EARLIEST_MS, LATEST_MS};
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

fn verdict() -> impl Strategy<Value = ServiceVerdict> {
    (
        any::<String>(),
        "[a-z0-9_-]{1,40}",
        prop::sample::select(KNOWN_VERDICTS.to_vec()),
        any::<String>(),
    )
        .prop_map(|(service, service_id, verdict, detail)| ServiceVerdict {
            service,
            service_id,
            verdict,
            detail,
        })
}

fn report() -> impl Strategy<Value = Report> {
    let ten_years = i64::try_from(TEN_YEARS_MS).expect("ten years of ms fit in i64");
    let numbers = (
        946_684_800_000u64..7_258_118_400_000u64,
        -ten_years..=ten_years,
        0..=TEN_YEARS_MS,
    );
    let texts = (
        any::<String>(),
        any::<String>(),
        prop::sample::select(ALL_PLATFORMS.to_vec()),
        prop::option::of(any::<String>()),
    );
    (numbers, texts, prop::collection::vec(verdict(), 0..25)).prop_map(
        |((measured, offset, uncertainty), (source, device, platform, reference), verdicts)| {
            let measured = measured as f64;
            Report {
                measured_at_ms: measured,
                // Kept plausible, as a real device time is.
                device_time_ms: (measured + offset as f64).clamp(EARLIEST_MS, LATEST_MS - 1.0),
                offset_ms: offset,
                uncertainty_ms: uncertainty,
                source,
                device,
                platform,
                reference,
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
        let _ = decoded.to_text();
    }

    /// Cutting a fragment anywhere yields a report or an error, never a panic.
    #[test]
    fn truncated_fragments_never_panic(report in report(), cut in any::<prop::sample::Index>()) {
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

    /// Arbitrary numbers in otherwise valid JSON are accepted only when plausible.
    #[test]
    fn arbitrary_numbers_are_checked(t in any::<f64>(), o in any::<i64>(), u in any::<u64>()) {
        let json = format!(r#"{{"v":1,"t":{t},"d":{t},"o":{o},"u":{u},"s":"","dv":"","p":"ios","vs":[]}}"#);
        let fragment = format!("report={}", URL_SAFE_NO_PAD.encode(json));
        if let Ok(report) = decode_fragment(&fragment) {
            prop_assert!((EARLIEST_MS..LATEST_MS).contains(&report.measured_at_ms));
            prop_assert!(report.offset_ms.unsigned_abs() <= TEN_YEARS_MS);
            prop_assert!(report.uncertainty_ms <= TEN_YEARS_MS);
        }
    }
}
