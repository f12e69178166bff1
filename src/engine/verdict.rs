//! Would a signed request be accepted, given the measured offset?

use super::sample::OffsetInterval;

/// How much room must be left before we call a clock fine: network delays, a clock drifting
/// for a few more days, and the signer's own rounding all eat into the tolerance.
pub const SAFETY_MARGIN_MS: f64 = 60_000.0;

/// How far a device clock may be off before a service rejects its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance {
    /// Largest accepted offset with the device ahead (fast), in ms.
    pub ahead_ms: u64,
    /// Largest accepted offset with the device behind (slow), in ms.
    pub behind_ms: u64,
}

impl Tolerance {
    /// The same tolerance in both directions.
    pub const fn symmetric(ms: u64) -> Self {
        Self {
            ahead_ms: ms,
            behind_ms: ms,
        }
    }
}

/// A system that checks request times, and what its clients see when the clock is off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    /// Stable identifier, used in links (`?service=`) and the DOM contract.
    pub id: &'static str,
    /// Name people know it by.
    pub name: &'static str,
    /// What it accepts.
    pub tolerance: Tolerance,
    /// Error code the client gets on rejection.
    pub error_code: &'static str,
    /// Error message the client gets on rejection, verbatim.
    pub error_message: &'static str,
}

/// Amazon S3 with Signature Version 4 in the `Authorization` header: 15 minutes either way
/// (`MaxAllowedSkewMilliseconds` 900000 in its error response).
pub const AMAZON_S3: Service = Service {
    id: "s3",
    name: "Amazon S3",
    tolerance: Tolerance::symmetric(900_000),
    error_code: "RequestTimeTooSkewed",
    error_message: "The difference between the request time and the current time is too large.",
};

/// Every service skewcheck knows, the default first.
pub const SERVICES: [Service; 1] = [AMAZON_S3];

/// Looks a service up by its [`Service::id`].
pub fn service_by_id(id: &str) -> Option<&'static Service> {
    SERVICES
        .iter()
        .find(|service| service.id.eq_ignore_ascii_case(id))
}

/// The answer to "would my uploads work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted, with at least [`SAFETY_MARGIN_MS`] to spare wherever the truth lies.
    Ok,
    /// Close to the limit, or the measurement cannot tell which side of it the clock is.
    Warning,
    /// Rejected wherever in the measured interval the truth lies.
    Rejected,
    /// No measurement.
    Unknown,
}

impl Verdict {
    /// The value used in the DOM contract (`data-verdict`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Rejected => "rejected",
            Self::Unknown => "unknown",
        }
    }
}

/// A verdict with the numbers behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// The verdict.
    pub verdict: Verdict,
    /// Worst-case distance from the measured interval to the nearer limit, in ms; negative
    /// when (part of) the interval is beyond it. `None` without a measurement.
    pub room_left_ms: Option<f64>,
}

/// Judges an offset interval (device − reference) against a service's tolerance.
///
/// A service accepts `−behind ≤ offset ≤ ahead`. The verdict is `Rejected` only when the
/// whole interval is beyond a limit, `Ok` only when the whole interval is inside with the
/// safety margin to spare, and `Warning` for everything in between.
pub fn assess(service: &Service, interval: Option<OffsetInterval>) -> Assessment {
    let Some(interval) = interval else {
        return Assessment {
            verdict: Verdict::Unknown,
            room_left_ms: None,
        };
    };
    let ahead = service.tolerance.ahead_ms as f64;
    let behind = service.tolerance.behind_ms as f64;
    let room_left_ms = (ahead - interval.upper_ms).min(interval.lower_ms + behind);
    let verdict = if interval.lower_ms > ahead || interval.upper_ms < -behind {
        Verdict::Rejected
    } else if room_left_ms >= SAFETY_MARGIN_MS {
        Verdict::Ok
    } else {
        Verdict::Warning
    };
    Assessment {
        verdict,
        room_left_ms: Some(room_left_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict_at(offset_ms: f64, uncertainty_ms: f64) -> Verdict {
        assess(
            &AMAZON_S3,
            Some(OffsetInterval::around(offset_ms, uncertainty_ms)),
        )
        .verdict
    }

    #[test]
    fn s3_limit_boundaries_exact_measurement_both_signs() {
        for sign in [1.0, -1.0] {
            assert_eq!(
                verdict_at(sign * 899_999.0, 0.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 900_000.0, 0.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 900_001.0, 0.0),
                Verdict::Rejected,
                "{sign}"
            );
        }
    }

    #[test]
    fn s3_limit_boundaries_with_uncertainty_both_signs() {
        for sign in [1.0, -1.0] {
            // The interval must lie wholly beyond the limit to reject.
            assert_eq!(
                verdict_at(sign * 900_001.0, 2.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 900_500.0, 499.0),
                Verdict::Rejected,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 900_500.0, 500.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 899_999.0, 500.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(
                verdict_at(sign * 900_000.0, 500.0),
                Verdict::Warning,
                "{sign}"
            );
        }
    }

    #[test]
    fn safety_margin_boundaries() {
        for sign in [1.0, -1.0] {
            assert_eq!(verdict_at(sign * 840_000.0, 0.0), Verdict::Ok, "{sign}");
            assert_eq!(
                verdict_at(sign * 840_001.0, 0.0),
                Verdict::Warning,
                "{sign}"
            );
            assert_eq!(verdict_at(sign * 839_500.0, 500.0), Verdict::Ok, "{sign}");
            assert_eq!(
                verdict_at(sign * 839_500.0, 501.0),
                Verdict::Warning,
                "{sign}"
            );
        }
    }

    #[test]
    fn incident_and_everyday_cases() {
        // The incident behind this project: 15 min 35 s fast.
        assert_eq!(verdict_at(935_000.0, 500.0), Verdict::Rejected);
        assert_eq!(verdict_at(960_000.0, 500.0), Verdict::Rejected);
        assert_eq!(verdict_at(-960_000.0, 500.0), Verdict::Rejected);
        assert_eq!(verdict_at(840_000.0, 300.0), Verdict::Warning);
        assert_eq!(verdict_at(3_000.0, 500.0), Verdict::Ok);
        assert_eq!(verdict_at(0.0, 0.0), Verdict::Ok);
    }

    #[test]
    fn an_interval_too_wide_to_decide_is_a_warning() {
        assert_eq!(verdict_at(0.0, 2_000_000.0), Verdict::Warning);
    }

    #[test]
    fn room_left_is_worst_case() {
        let assessment = assess(&AMAZON_S3, Some(OffsetInterval::around(300_000.0, 1_000.0)));
        assert_eq!(assessment.room_left_ms, Some(599_000.0));
        let beyond = assess(&AMAZON_S3, Some(OffsetInterval::around(-960_000.0, 0.0)));
        assert_eq!(beyond.room_left_ms, Some(-60_000.0));
    }

    #[test]
    fn no_measurement_is_unknown_never_ok() {
        assert_eq!(
            assess(&AMAZON_S3, None),
            Assessment {
                verdict: Verdict::Unknown,
                room_left_ms: None
            }
        );
    }

    #[test]
    fn services_are_found_by_id_case_insensitively() {
        assert_eq!(service_by_id("s3"), Some(&AMAZON_S3));
        assert_eq!(service_by_id("S3"), Some(&AMAZON_S3));
        assert_eq!(service_by_id("ftp"), None);
    }
}
