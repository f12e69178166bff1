//! The page's own words: labels and the short texts with numbers, exactly as the page
//! shows them.

use super::super::*;

use crate::drift::{Drift, MIN_SPAN_MS};
use crate::estimate::Estimate;
use crate::fetch::{FetchError, FetchErrorKind};
use crate::live::LIVE_RECHECK_MS;
use crate::plan::Progress;
use crate::platform::Platform;
use crate::sample::OffsetInterval;
use crate::verdict::{AMAZON_S3, Verdict};

#[test]
fn whole_durations_are_spelled_out() {
    let cases = [
        (120_000.0, "2 minutes"),
        (300_000.0, "5 minutes"),
        (60_000.0, "1 minute"),
        (-30_000.0, "30 seconds"),
        (1_000.0, "1 second"),
        (3_600_000.0, "1 hour"),
        (7_200_000.0, "2 hours"),
        (90_000.0, "90 seconds"),
        (1_500.0, "1.5 s"),
        (450.0, "450 ms"),
        (0.0, "0 ms"),
        (f64::NAN, "an unknown time"),
    ];
    for (ms, words) in cases {
        assert_eq!(duration_in_full(ms), words, "{ms}");
    }
}

#[test]
fn the_footer_names_the_recheck_interval() {
    assert_eq!(LIVE_RECHECK_MS, 120_000.0);
    assert_eq!(
        how_it_works(),
        "skewcheck measures over HTTP like NTP does (RFC 5905): it times each request and keeps only what the round trips allow. While this page stays open it checks again every 2 minutes."
    );
}

#[test]
fn the_masthead_and_the_clocks_read_as_before() {
    assert_eq!(
        lede("Amazon S3"),
        "skewcheck compares this device's clock with a time server and tells you whether uploads to Amazon S3 will be accepted."
    );
    assert_eq!(DEFAULT_TITLE.text(), "Is this device's clock right?");
    assert_eq!(
        disputed_time_label("time.example"),
        "Time at time.example (disputed)"
    );
    assert_eq!(CORRECT_TIME.text(), "Correct time");
}

#[test]
fn the_verdict_card_texts_carry_their_numbers() {
    assert_eq!(
        progress_text(&Progress {
            requests: 3,
            budget: 12
        }),
        "Comparing with the time server (3 answers so far)"
    );
    let estimate = Estimate {
        interval: OffsetInterval::around(972_000.0, 400.0),
        samples_agreeing: 5,
        samples_usable: 6,
        best_round_trip_ms: 800.0,
        consistent: true,
    };
    assert_eq!(
        refining_text(&estimate),
        "Refining the measurement: ± 400 ms so far…"
    );
    assert_eq!(compared_with("time.example"), "Compared with time.example");
    assert_eq!(samples_detail(&estimate), "5 of 6 agree");
    assert_eq!(offset_detail(970_312, 412), "+970312 ms ± 412 ms");
    assert_eq!(offset_detail(-3, 1), "-3 ms ± 1 ms");
}

#[test]
fn badges_have_a_word_for_every_verdict() {
    let words = [
        Verdict::Ok,
        Verdict::Warning,
        Verdict::Rejected,
        Verdict::Unknown,
    ]
    .map(verdict_word);
    assert_eq!(words, ["OK", "At risk", "Fails", "Unknown"]);
    assert_eq!(NOT_CHECKED.text(), "Not checked");
}

#[test]
fn fix_steps_are_headed_with_the_platform() {
    assert_eq!(
        fix_steps_heading(Platform::IPadOs),
        "Keep the clock right on iPad"
    );
    assert_eq!(
        fix_steps_heading(Platform::Unknown),
        "Keep the clock right on this device"
    );
}

#[test]
fn drift_details_say_when_the_drift_will_be_known() {
    assert_eq!(MIN_SPAN_MS, 300_000.0);
    assert_eq!(
        drift_detail(None),
        "measured after 5 minutes with this page open"
    );
    let drift = Drift {
        lower_ppm: 38.2,
        upper_ppm: 41.8,
        span_ms: 360_000.0,
    };
    assert_eq!(
        drift_detail(Some(drift)),
        "+40.0 ppm (between +38.2 and +41.8, over 6 min)"
    );
}

#[test]
fn the_gauge_is_described_in_a_sentence() {
    let interval = OffsetInterval::around(972_000.0, 400.0);
    assert_eq!(
        gauge_description(&interval, &AMAZON_S3, false),
        "Offset: 16 min 12 s fast (± 400 ms). Amazon S3 accepts 15 min either way. The clock is outside the accepted range."
    );
    let slow = OffsetInterval::around(-3_000.0, 500.0);
    assert_eq!(
        gauge_description(&slow, &AMAZON_S3, true),
        "Offset: 3.0 s slow (± 500 ms). Amazon S3 accepts 15 min either way. The clock is inside the accepted range."
    );
    assert_eq!(gauge_both_limits(900_000.0), "±15 min");
    assert_eq!(gauge_slow_limit(900_000.0), "−15 min");
    assert_eq!(gauge_fast_limit(300_000.0), "+5 min");
}

#[test]
fn a_sent_result_is_the_senders_claim() {
    assert_eq!(
        past_age(7_500_000.0),
        "Measured about 2 h 5 min ago (by this device's clock)."
    );
    assert_eq!(
        past_result_line("Amazon S3", "14 min 57 s to spare"),
        "Amazon S3: 14 min 57 s to spare"
    );
    assert_eq!(
        past_claimed_line("Backup NAS", Some(Verdict::Rejected)),
        "Backup NAS: the sender's page said “rejected”; this page cannot check that (the link does not say which limit applies)."
    );
    assert!(past_claimed_line("Backup NAS", None).contains("said “unknown”"));
}

#[test]
fn paste_notes_name_where_the_uncertainty_comes_from() {
    assert_eq!(
        jwt_uncertainty_note(1_250),
        "± 1250 ms: the claims' 1 s resolution plus how well this page knows the correct time."
    );
    assert_eq!(
        signed_request_uncertainty_note(2_000, 1_000),
        "± 2000 ms: the timestamps' resolution plus up to 1000 ms between signing and the server's check (a signed request is checked as it arrives)."
    );
    assert_eq!(
        paste_form_line("S3 RequestTimeTooSkewed", "Amazon S3"),
        "S3 RequestTimeTooSkewed — Amazon S3"
    );
}

#[test]
fn an_unreadable_site_file_is_a_note_for_the_owner() {
    let error = FetchError::new(
        "https://a.example/skewcheck.json",
        FetchErrorKind::Status(500),
    );
    let notice = crate::site_config::SiteNotice::Unreadable { error };
    assert_eq!(
        crate::words::site_notice_words(&notice),
        "skewcheck.json could not be read (the time source “https://a.example/skewcheck.json” failed with a server error (HTTP status 500)), so the defaults are used and no link may name its own time source."
    );
}
