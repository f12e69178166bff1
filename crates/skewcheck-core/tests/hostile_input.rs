//! Property tests of the time-response parser ([`skewcheck_core::source`]) with hostile
//! and near-valid input: 10 000 cases each, no panic, and whatever is accepted is a
//! plausible time interval.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use skewcheck_core::plausible::{EARLIEST_MS, LATEST_MS};
use skewcheck_core::source::{
    JSON_TIME_KEYS, KEY_VALUE_TIME_KEYS, MARKUP_TIME_KEYS, ReferenceReading, TIMESYNC_RESULT_KEY,
};

/// A reading is an ordered interval around a plausible time.
fn check(reading: &ReferenceReading) -> Result<(), TestCaseError> {
    prop_assert!(reading.earliest_ms <= reading.latest_ms, "{:?}", reading);
    let midpoint = reading.midpoint_ms();
    // A body's interval is its value ± one resolution step; the value itself is plausible.
    prop_assert!(
        (EARLIEST_MS..LATEST_MS).contains(&midpoint),
        "{:?}",
        reading
    );
    prop_assert!(
        reading.latest_ms - reading.earliest_ms <= 2_000.0,
        "{:?}",
        reading
    );
    Ok(())
}

/// Numbers as servers write them, in range and out of it.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (946_684_800u64..7_258_118_400u64, 0u32..1_000_000_000u32)
            .prop_map(|(s, frac)| format!("{s}.{frac}")),
        (946_684_800_000u64..7_258_118_400_000u64).prop_map(|ms| ms.to_string()),
        "[0-9]{1,25}(\\.[0-9]{0,12})?([eE][+-]?[0-9]{1,3})?",
        "-?[0-9.eE+-]{1,20}",
    ]
}

/// RFC 3339 look-alikes: valid ones, and ones with impossible fields.
fn timestamp_text() -> impl Strategy<Value = String> {
    (
        0u32..10_000,
        0u32..14,
        0u32..33,
        0u32..25,
        0u32..61,
        0u32..62,
        "(\\.[0-9]{0,12})?",
        "(Z|z|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{4}|)",
        prop::sample::select(vec!["T", "t", " ", "_"]),
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, zone, sep)| {
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}")
        })
}

/// Bodies that are nearly what a time endpoint sends.
fn near_valid_body() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        number_text(),
        timestamp_text().prop_map(|t| format!("\"{t}\"")),
        number_text().prop_map(|n| format!("\"{n}\"")),
        Just("null".to_owned()),
        Just("{}".to_owned()),
        Just("[]".to_owned()),
        any::<String>().prop_map(|s| serde_json::Value::String(s).to_string()),
    ];
    let key = prop_oneof![
        prop::sample::select(JSON_TIME_KEYS.to_vec()).prop_map(str::to_owned),
        "[a-zA-Z_]{0,12}",
    ];
    let object = prop::collection::vec((key, value.clone()), 0..5).prop_map(|fields| {
        let inner: Vec<String> = fields
            .iter()
            .map(|(key, value)| format!("\"{key}\":{value}"))
            .collect();
        format!("{{{}}}", inner.join(","))
    });
    prop_oneof![
        number_text(),
        timestamp_text(),
        value,
        object,
        (number_text(), "[ \t\r\n]{0,3}").prop_map(|(n, ws)| format!("{ws}{n}{ws}")),
    ]
}

/// Bodies in the shapes of time services from the wild, mangled: nested JSON, `timesync`
/// answers, `key=value` lines, XML/HTML, and local times without an offset.
fn wild_body() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        prop::sample::select(JSON_TIME_KEYS.to_vec()),
        prop::sample::select(KEY_VALUE_TIME_KEYS.to_vec()),
        prop::sample::select(MARKUP_TIME_KEYS.to_vec()),
        Just(TIMESYNC_RESULT_KEY),
        Just("id"),
        Just("data"),
    ];
    let value = prop_oneof![
        number_text(),
        timestamp_text(),
        timestamp_text().prop_map(|t| t.trim_end_matches(['Z', 'z']).to_owned()),
        any::<String>(),
    ];
    let nested = (key.clone(), key.clone(), value.clone(), 0usize..4).prop_map(
        |(outer, inner, value, depth)| {
            let mut json = format!("{{\"{inner}\":\"{value}\",\"id\":{}}}", value.len());
            for _ in 0..depth {
                json = format!("{{\"{outer}\":{json}}}");
            }
            json
        },
    );
    let lines = prop::collection::vec((key.clone(), value.clone(), "[=: ]{0,2}"), 0..6).prop_map(
        |fields| {
            fields
                .iter()
                .map(|(key, value, eq)| format!("{key}{eq}{value}"))
                .collect::<Vec<_>>()
                .join("\n")
        },
    );
    let markup = (
        key,
        value,
        prop::sample::select(vec!["\"", "'", ""]),
        any::<bool>(),
    )
        .prop_map(|(key, value, quote, element)| {
            if element {
                format!("<{key}>{value}</{key}>")
            } else {
                format!("<x {key}={quote}{value}{quote} delay=\"1\"/>")
            }
        });
    prop_oneof![nested, lines, markup]
}

/// `Date` header look-alikes (IMF-fixdate, RFC 850, asctime) with fields in and out of range.
fn date_header_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["Mon", "Tue", "Sun", "Xyz", "Monday", ""]),
        0u32..40,
        prop::sample::select(vec!["Jan", "Feb", "Dec", "Foo", "jan"]),
        0u32..10_000,
        0u32..30,
        0u32..70,
        0u32..70,
        prop::sample::select(vec!["GMT", "UTC", "", "+0000", "PST"]),
    )
        .prop_map(|(day, d, mon, y, h, mi, s, zone)| {
            format!("{day}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} {zone}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Any text as a body: a plausible reading, no reading, or an error — never a panic.
    #[test]
    fn arbitrary_bodies(text in any::<String>()) {
        if let Ok(Some(reading)) = ReferenceReading::from_body(&text) {
            check(&reading)?;
        }
    }

    /// Arbitrary bytes, decoded the way a response's text is (lossily).
    #[test]
    fn arbitrary_byte_bodies(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(Some(reading)) = ReferenceReading::from_body(&text) {
            check(&reading)?;
        }
    }

    /// Near-valid bodies and headers together, as a response carries them.
    #[test]
    fn near_valid_responses(body in prop::option::of(near_valid_body()), header in prop::option::of(prop_oneof![date_header_text(), any::<String>()])) {
        if let Ok(Some(reading)) = body.as_deref().map_or(Ok(None), ReferenceReading::from_body) {
            check(&reading)?;
        }
        if let Some(header) = &header
            && let Ok(reading) = ReferenceReading::from_date_header(header)
        {
            check(&reading)?;
            prop_assert_eq!(reading.latest_ms - reading.earliest_ms, 1_000.0);
        }
        if let Ok(reading) = ReferenceReading::from_response(body.as_deref(), header.as_deref()) {
            check(&reading)?;
        }
    }

    /// Bodies shaped like the time services from the wild, beside a `Date` header: the
    /// header only ever narrows a body's reading.
    #[test]
    fn wild_bodies(body in wild_body(), header in prop::option::of(date_header_text())) {
        let from_body = ReferenceReading::from_body(&body);
        if let Ok(Some(reading)) = from_body {
            check(&reading)?;
        }
        if let Ok(reading) = ReferenceReading::from_response(Some(&body), header.as_deref()) {
            check(&reading)?;
            if let Ok(Some(alone)) = from_body {
                prop_assert!(reading.earliest_ms >= alone.earliest_ms && reading.latest_ms <= alone.latest_ms);
            }
        }
    }
}
