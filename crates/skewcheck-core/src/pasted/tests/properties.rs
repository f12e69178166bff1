//! Property tests of the decoder: 10 000 cases each, no panic on any text, and the real
//! samples decode to the same offset in any wrapping.

use super::samples::*;
use super::*;
use proptest::prelude::*;

const SAMPLES: [&str; 13] = [
    INCIDENT_DUMPER,
    S3_XML_PHP,
    S3_XML_ELIXIR,
    OSS_XML_MILLIS,
    SIGV4_EXPIRED,
    SIGV4_EXPIRED_JSON,
    SIGV4_NOT_YET,
    AZURE_XML,
    AZURE_NODE,
    PRESIGNED_EXPIRED,
    RAW_EXCHANGE,
    S3_PYTHON_TRACEBACK,
    S3_BOTOCORE_DICT,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Any text: no panic, and whatever decodes is consistent.
    #[test]
    fn any_text_decodes_without_panic(text in any::<String>(), now_ms in any::<f64>()) {
        let now = Some(ReferenceNow { epoch_ms: now_ms, uncertainty_ms: 50.0, measured: true });
        if let Ok(diagnosis) = decode(&text, now) {
            prop_assert!(diagnosis.uncertainty_ms > 0);
        }
    }

    /// Real samples cut, spliced and wrapped: no panic, and an intact sample inside any
    /// wrapping still gives its offset.
    #[test]
    fn samples_in_any_wrapping(
        index in 0..SAMPLES.len(),
        prefix in "[ -~\n]{0,40}",
        cut in any::<prop::sample::Index>(),
        noise in "[ -~\n]{0,40}",
    ) {
        let sample = SAMPLES[index];
        let at = cut.index(sample.len() + 1);
        let spliced = format!("{prefix}{}{noise}{}", sample.get(..at).unwrap_or(""), sample.get(at..).unwrap_or(""));
        let _ = decode(&spliced, None);
        let expected = decode(sample, None).map(|d| d.offset_ms);
        let wrapped = decode(&format!("{prefix}\n{sample}\n{noise}"), None);
        prop_assert_eq!(wrapped.map(|d| d.offset_ms), expected);
    }
}
