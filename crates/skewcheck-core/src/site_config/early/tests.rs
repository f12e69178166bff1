use super::{EarlyFileAnswer, EarlyFileReadings};

const LIMIT: usize = 16;

fn readings(status: f64, text: Option<&str>) -> EarlyFileReadings {
    EarlyFileReadings {
        status,
        text: text.map(str::to_owned),
        ..EarlyFileReadings::default()
    }
}

#[test]
fn a_present_file_is_its_text() {
    assert_eq!(
        readings(200.0, Some("{\"title\":\"A\"}")).answer(LIMIT),
        Some(EarlyFileAnswer::Text("{\"title\":\"A\"}".to_owned()))
    );
}

#[test]
fn gone_or_missing_means_no_file() {
    assert_eq!(
        readings(404.0, None).answer(LIMIT),
        Some(EarlyFileAnswer::Missing)
    );
    assert_eq!(
        readings(410.0, None).answer(LIMIT),
        Some(EarlyFileAnswer::Missing)
    );
}

#[test]
fn other_statuses_are_kept_as_errors() {
    assert_eq!(
        readings(500.0, None).answer(LIMIT),
        Some(EarlyFileAnswer::Status(500))
    );
    assert_eq!(
        readings(204.0, None).answer(LIMIT),
        Some(EarlyFileAnswer::Status(204))
    );
}

#[test]
fn too_large_and_timed_out_are_answers() {
    let large = EarlyFileReadings {
        too_large: true,
        ..readings(200.0, None)
    };
    assert_eq!(large.answer(LIMIT), Some(EarlyFileAnswer::TooLarge));
    let late = EarlyFileReadings {
        timed_out: true,
        ..readings(0.0, None)
    };
    assert_eq!(late.answer(LIMIT), Some(EarlyFileAnswer::TimedOut));
}

#[test]
fn readings_that_do_not_hold_together_are_refused() {
    // No real status: a network error, or a spoiled value.
    for status in [0.0, 99.0, 600.0, 200.5, f64::NAN, f64::INFINITY] {
        assert_eq!(readings(status, Some("{}")).answer(LIMIT), None, "{status}");
    }
    // A 200 without its body, or with a body beyond the limit the script claims to keep.
    assert_eq!(readings(200.0, None).answer(LIMIT), None);
    assert_eq!(
        readings(200.0, Some(&"x".repeat(LIMIT + 1))).answer(LIMIT),
        None
    );
    assert_eq!(
        readings(200.0, Some(&"x".repeat(LIMIT))).answer(LIMIT),
        Some(EarlyFileAnswer::Text("x".repeat(LIMIT)))
    );
}
