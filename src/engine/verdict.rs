//! Would a signed request be accepted, given the measured offset? The service catalogue.
//!
//! Facts come from `shared/reference/clock-facts.md`. A limit that no vendor documents is
//! marked `documented: false` and the page says "typically" for it, never states it as fact.

use super::sample::OffsetInterval;
use std::borrow::Cow;

/// The most room we ask for before calling a clock fine: network delays, a clock drifting
/// for a few more days, and the signer's own rounding all eat into the tolerance. Tight
/// tolerances use a fifth of the limit instead (see [`Limit::margin_ms`]).
pub const SAFETY_MARGIN_MS: f64 = 60_000.0;

/// How far a clock may be off in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Largest accepted offset in this direction, in ms.
    pub ms: u64,
    /// Whether the vendor documents it (otherwise the page says "typically").
    pub documented: bool,
}

impl Limit {
    /// A documented limit.
    pub const fn documented(ms: u64) -> Self {
        Self {
            ms,
            documented: true,
        }
    }

    /// A limit seen in practice but not documented.
    pub const fn typical(ms: u64) -> Self {
        Self {
            ms,
            documented: false,
        }
    }

    /// Room required before "ok": [`SAFETY_MARGIN_MS`], or a fifth of a tighter limit (so a
    /// ±30 s TOTP window can still be "ok" for a clock 5 s off).
    pub fn margin_ms(&self) -> f64 {
        SAFETY_MARGIN_MS.min(self.ms as f64 / 5.0)
    }
}

/// How far a device clock may be off before a service rejects its requests. `None` means
/// that direction does not matter to this service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance {
    /// Limit with the device ahead (fast).
    pub ahead: Option<Limit>,
    /// Limit with the device behind (slow).
    pub behind: Option<Limit>,
}

impl Tolerance {
    /// The same documented limit in both directions.
    pub const fn symmetric(ms: u64) -> Self {
        Self {
            ahead: Some(Limit::documented(ms)),
            behind: Some(Limit::documented(ms)),
        }
    }

    /// The same undocumented limit in both directions.
    pub const fn typically(ms: u64) -> Self {
        Self {
            ahead: Some(Limit::typical(ms)),
            behind: Some(Limit::typical(ms)),
        }
    }

    /// The larger limit, for `data-limit-ms`.
    pub fn widest_ms(&self) -> u64 {
        [self.ahead, self.behind]
            .iter()
            .flatten()
            .map(|limit| limit.ms)
            .max()
            .unwrap_or(0)
    }
}

/// What the client sees when a request is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symptom {
    /// Error code or short name.
    pub code: &'static str,
    /// The message, verbatim where the vendor's text is known.
    pub message: &'static str,
}

impl Symptom {
    /// `CODE: “message”`, or just the code when there is no message.
    pub fn text(&self) -> String {
        if self.message.is_empty() {
            self.code.to_owned()
        } else {
            format!("{}: “{}”", self.code, self.message)
        }
    }
}

/// A system that checks request times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Stable identifier, used in links (`?service=`) and the DOM contract.
    pub id: Cow<'static, str>,
    /// Name people know it by.
    pub name: Cow<'static, str>,
    /// What it accepts.
    pub tolerance: Tolerance,
    /// What the client sees when the device is too fast.
    pub when_fast: Symptom,
    /// What the client sees when the device is too slow.
    pub when_slow: Symptom,
    /// One sentence on why time matters there.
    pub note: &'static str,
}

const S3_SKEW: Symptom = Symptom {
    code: "RequestTimeTooSkewed",
    message: "The difference between the request time and the current time is too large.",
};
const KRB_SKEW: Symptom = Symptom {
    code: "KRB_AP_ERR_SKEW",
    message: "Clock skew too great",
};
const GOOGLE_JWT: Symptom = Symptom {
    code: "invalid_grant",
    message: "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe",
};
const AZURE_TIME_FRAME: Symptom = Symptom {
    code: "403 AuthenticationFailed",
    message: "Signature not valid in the specified time frame",
};
const GENERIC_REFUSAL: Symptom = Symptom {
    code: "refused",
    message: "the request time is too far from the server's time",
};

/// Amazon S3 with Signature Version 4: 15 minutes either way (`MaxAllowedSkewMilliseconds`
/// 900000 in its error response).
pub const AMAZON_S3: Service = Service {
    id: Cow::Borrowed("s3"),
    name: Cow::Borrowed("Amazon S3"),
    tolerance: Tolerance::symmetric(900_000),
    when_fast: S3_SKEW,
    when_slow: S3_SKEW,
    note: "Every signed request carries the device's time; S3 refuses it when that time is more than 15 min from its own.",
};

/// Every service skewcheck knows, the default first.
pub const SERVICES: [Service; 10] = [
    AMAZON_S3,
    Service {
        id: Cow::Borrowed("aws"),
        name: Cow::Borrowed("Other AWS services (STS, EC2, API Gateway, …)"),
        tolerance: Tolerance::typically(300_000),
        when_fast: Symptom {
            code: "InvalidSignatureException",
            message: "Signature not yet current: … is still later than … (… + 5 min.)",
        },
        when_slow: Symptom {
            code: "InvalidSignatureException",
            message: "Signature expired: … is now earlier than … (… - 5 min.)",
        },
        note: "Most AWS APIs allow 5 min; a few allow 15.",
    },
    Service {
        id: Cow::Borrowed("azure-sharedkey"),
        name: Cow::Borrowed("Azure Storage (Shared Key)"),
        tolerance: Tolerance {
            ahead: Some(Limit::typical(900_000)),
            behind: Some(Limit::documented(900_000)),
        },
        when_fast: Symptom {
            code: "403 AuthenticationFailed",
            message: "",
        },
        when_slow: Symptom {
            code: "403 AuthenticationFailed",
            message: "Request date header too old",
        },
        note: "A request's date may be at most 15 min old; Microsoft does not document the future side.",
    },
    Service {
        id: Cow::Borrowed("azure-sas"),
        name: Cow::Borrowed("Azure Storage SAS with a start time"),
        tolerance: Tolerance {
            ahead: Some(Limit::documented(0)),
            behind: None,
        },
        when_fast: AZURE_TIME_FRAME,
        when_slow: AZURE_TIME_FRAME,
        note: "A SAS start time (st) gets no grace: from a fast device it lies in the future. Microsoft advises omitting st or backdating it 15 min.",
    },
    Service {
        id: Cow::Borrowed("gcs"),
        name: Cow::Borrowed("Google Cloud Storage signed URLs"),
        tolerance: Tolerance::typically(900_000),
        when_fast: Symptom {
            code: "400 ExpiredToken",
            message: "",
        },
        when_slow: Symptom {
            code: "400 ExpiredToken",
            message: "",
        },
        note: "Google does not document a skew allowance; a slow signer's URLs also expire early.",
    },
    Service {
        id: Cow::Borrowed("google-oauth"),
        name: Cow::Borrowed("Google OAuth service accounts (JWT bearer)"),
        tolerance: Tolerance {
            ahead: Some(Limit::typical(300_000)),
            behind: Some(Limit::documented(3_600_000)),
        },
        when_fast: GOOGLE_JWT,
        when_slow: GOOGLE_JWT,
        note: "The signed token is valid for at most 60 min from the device's idea of now.",
    },
    Service {
        id: Cow::Borrowed("kerberos"),
        name: Cow::Borrowed("Kerberos (Active Directory sign-in)"),
        tolerance: Tolerance::symmetric(300_000),
        when_fast: KRB_SKEW,
        when_slow: KRB_SKEW,
        note: "Kerberos refuses tickets from clocks more than 5 min off (the default clockskew).",
    },
    Service {
        id: Cow::Borrowed("totp"),
        name: Cow::Borrowed("Authenticator codes (TOTP)"),
        tolerance: Tolerance::typically(30_000),
        when_fast: Symptom {
            code: "invalid code",
            message: "",
        },
        when_slow: Symptom {
            code: "invalid code",
            message: "",
        },
        note: "Codes change every 30 s; servers usually accept one step either side.",
    },
    Service {
        id: Cow::Borrowed("jwt"),
        name: Cow::Borrowed("JWT validation (no leeway)"),
        tolerance: Tolerance::symmetric(0),
        when_fast: Symptom {
            code: "jwt expired",
            message: "",
        },
        when_slow: Symptom {
            code: "jwt not active",
            message: "",
        },
        note: "jsonwebtoken and PyJWT allow 0 s by default, Microsoft IdentityModel 300 s; set ?leeway= to your library's value.",
    },
    Service {
        id: Cow::Borrowed("tls"),
        name: Cow::Borrowed("Secure websites (TLS certificates)"),
        tolerance: Tolerance {
            ahead: None,
            behind: Some(Limit::typical(3_600_000)),
        },
        when_fast: Symptom {
            code: "NET::ERR_CERT_DATE_INVALID",
            message: "",
        },
        when_slow: Symptom {
            code: "NET::ERR_CERT_DATE_INVALID",
            message: "Your connection is not private (MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE in Firefox)",
        },
        note: "A freshly issued certificate is typically valid from about 1 h before issue: a device further behind sees it as not yet valid.",
    },
];

/// Looks a service up by its [`Service::id`], case-insensitively.
pub fn service_by_id(id: &str) -> Option<&'static Service> {
    SERVICES
        .iter()
        .find(|service| service.id.eq_ignore_ascii_case(id))
}

impl Service {
    /// A service of the link's own: `limit_ms` either way (documented, since the sender
    /// knows it), named `name`.
    pub fn custom(name: Option<&str>, limit_ms: u64) -> Self {
        Self {
            id: Cow::Borrowed("custom"),
            name: Cow::Owned(name.unwrap_or("your service").to_owned()),
            tolerance: Tolerance::symmetric(limit_ms),
            when_fast: GENERIC_REFUSAL,
            when_slow: GENERIC_REFUSAL,
            note: "The tolerance comes from the link you were sent.",
        }
    }

    /// This service with both limits replaced by `limit_ms` (e.g. a krb5.conf `clockskew`,
    /// or a JWT library's leeway), as the link says.
    pub fn with_limit(&self, limit_ms: u64) -> Self {
        Self {
            tolerance: Tolerance {
                ahead: self.tolerance.ahead.map(|_| Limit::documented(limit_ms)),
                behind: self.tolerance.behind.map(|_| Limit::documented(limit_ms)),
            },
            ..self.clone()
        }
    }
}

/// The answer to "would my requests work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted, with room to spare wherever the truth lies.
    Ok,
    /// Close to a limit, or the measurement cannot tell which side of it the clock is.
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

    /// Parses [`as_str`](Self::as_str)'s output.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Ok, Self::Warning, Self::Rejected, Self::Unknown]
            .into_iter()
            .find(|verdict| verdict.as_str() == name)
    }
}

/// Which way the clock is off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Device ahead of the correct time.
    Fast,
    /// Device behind the correct time.
    Slow,
}

/// A verdict with the numbers behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// The verdict.
    pub verdict: Verdict,
    /// Worst-case distance from the measured interval to the nearer limit, in ms; negative
    /// when (part of) the interval is beyond it. `None` without a measurement.
    pub room_left_ms: Option<f64>,
    /// The limit that decides the verdict (the nearer one).
    pub binding: Option<Direction>,
}

/// Judges an offset interval (device − reference) against a service's tolerance.
///
/// A service accepts `−behind ≤ offset ≤ ahead`. The verdict is `Rejected` only when the
/// whole interval is beyond a limit, `Ok` only when the whole interval is inside with the
/// margin to spare on every limited side, and `Warning` for everything in between.
pub fn assess(service: &Service, interval: Option<OffsetInterval>) -> Assessment {
    let Some(interval) = interval else {
        return Assessment {
            verdict: Verdict::Unknown,
            room_left_ms: None,
            binding: None,
        };
    };
    let fast = service.tolerance.ahead.map(|limit| {
        (
            limit,
            limit.ms as f64 - interval.upper_ms,
            interval.lower_ms > limit.ms as f64,
        )
    });
    let slow = service.tolerance.behind.map(|limit| {
        (
            limit,
            interval.lower_ms + limit.ms as f64,
            interval.upper_ms < -(limit.ms as f64),
        )
    });
    let sides = [(Direction::Fast, fast), (Direction::Slow, slow)];
    let limited = sides
        .iter()
        .filter_map(|(direction, side)| side.map(|side| (*direction, side)));
    let rejected = limited.clone().any(|(_, (_, _, beyond))| beyond);
    let comfortable = limited
        .clone()
        .all(|(_, (limit, room, _))| room >= limit.margin_ms());
    let nearest = limited.min_by(|a, b| (a.1).1.total_cmp(&(b.1).1));
    let verdict = if rejected {
        Verdict::Rejected
    } else if comfortable {
        Verdict::Ok
    } else {
        Verdict::Warning
    };
    Assessment {
        verdict,
        room_left_ms: nearest.map(|(_, (_, room, _))| room),
        binding: nearest.map(|(direction, _)| direction),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict_for(service: &Service, offset_ms: f64, uncertainty_ms: f64) -> Verdict {
        assess(
            service,
            Some(OffsetInterval::around(offset_ms, uncertainty_ms)),
        )
        .verdict
    }

    fn verdict_at(offset_ms: f64, uncertainty_ms: f64) -> Verdict {
        verdict_for(&AMAZON_S3, offset_ms, uncertainty_ms)
    }

    /// S3's limit and margin, with and without uncertainty, in both directions: the interval
    /// must lie wholly beyond the limit to reject, and wholly inside with 60 s spare for ok.
    #[test]
    fn s3_boundaries_both_signs() {
        let cases = [
            (899_999.0, 0.0, Verdict::Warning),
            (900_000.0, 0.0, Verdict::Warning),
            (900_001.0, 0.0, Verdict::Rejected),
            (900_001.0, 2.0, Verdict::Warning),
            (900_500.0, 499.0, Verdict::Rejected),
            (900_500.0, 500.0, Verdict::Warning),
            (899_999.0, 500.0, Verdict::Warning),
            (900_000.0, 500.0, Verdict::Warning),
            (840_000.0, 0.0, Verdict::Ok),
            (840_001.0, 0.0, Verdict::Warning),
            (839_500.0, 500.0, Verdict::Ok),
            (839_500.0, 501.0, Verdict::Warning),
        ];
        for sign in [1.0, -1.0] {
            for (offset, uncertainty, expected) in cases {
                assert_eq!(
                    verdict_at(sign * offset, uncertainty),
                    expected,
                    "{} ± {uncertainty}",
                    sign * offset
                );
            }
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
    fn room_left_is_worst_case_and_names_the_nearer_limit() {
        let assessment = assess(&AMAZON_S3, Some(OffsetInterval::around(300_000.0, 1_000.0)));
        assert_eq!(assessment.room_left_ms, Some(599_000.0));
        assert_eq!(assessment.binding, Some(Direction::Fast));
        let beyond = assess(&AMAZON_S3, Some(OffsetInterval::around(-960_000.0, 0.0)));
        assert_eq!(beyond.room_left_ms, Some(-60_000.0));
        assert_eq!(beyond.binding, Some(Direction::Slow));
    }

    #[test]
    fn no_measurement_is_unknown_never_ok() {
        assert_eq!(assess(&AMAZON_S3, None).verdict, Verdict::Unknown);
        assert_eq!(assess(&AMAZON_S3, None).room_left_ms, None);
    }

    /// Every service, both directions: just inside with margin → ok; just inside the limit
    /// but within the margin → warning; beyond → rejected; unlimited directions never reject.
    #[test]
    fn every_service_thresholds_in_both_directions() {
        for service in &SERVICES {
            for (direction, limit) in [
                (1.0, service.tolerance.ahead),
                (-1.0, service.tolerance.behind),
            ] {
                let name = format!(
                    "{} {}",
                    service.id,
                    if direction > 0.0 { "fast" } else { "slow" }
                );
                match limit {
                    Some(limit) => {
                        let limit_ms = limit.ms as f64;
                        let comfortable = limit_ms - limit.margin_ms();
                        let other_side_ok = [service.tolerance.ahead, service.tolerance.behind]
                            .iter()
                            .flatten()
                            .all(|other| other.ms as f64 >= other.margin_ms());
                        if comfortable > 0.0 && other_side_ok {
                            assert_eq!(
                                verdict_for(service, direction * comfortable, 0.0),
                                Verdict::Ok,
                                "{name}"
                            );
                        }
                        if limit.ms > 0 {
                            assert_eq!(
                                verdict_for(
                                    service,
                                    direction * (limit_ms - limit.margin_ms() / 2.0),
                                    0.0
                                ),
                                Verdict::Warning,
                                "{name}"
                            );
                        }
                        if limit.ms > 0 {
                            assert_eq!(
                                verdict_for(service, direction * limit_ms, 0.0),
                                Verdict::Warning,
                                "{name}"
                            );
                        }
                        assert_eq!(
                            verdict_for(service, direction * (limit_ms + 1.0), 0.0),
                            Verdict::Rejected,
                            "{name}"
                        );
                        assert_eq!(
                            verdict_for(service, direction * (limit_ms + 10.0), 5.0),
                            Verdict::Rejected,
                            "{name}"
                        );
                        assert_eq!(
                            verdict_for(service, direction * (limit_ms + 10.0), 20.0),
                            Verdict::Warning,
                            "{name}"
                        );
                    }
                    None => {
                        assert_ne!(
                            verdict_for(service, direction * 1e10, 0.0),
                            Verdict::Rejected,
                            "{name}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn direction_matters_for_one_sided_services() {
        let sas = service_by_id("azure-sas").unwrap();
        assert_eq!(
            verdict_for(sas, 5_000.0, 100.0),
            Verdict::Rejected,
            "fast: start time in the future"
        );
        assert_eq!(
            verdict_for(sas, -5_000.0, 100.0),
            Verdict::Ok,
            "slow: no start-time problem"
        );
        let tls = service_by_id("tls").unwrap();
        assert_eq!(
            verdict_for(tls, -2.0 * 3_600_000.0, 1_000.0),
            Verdict::Rejected
        );
        assert_eq!(verdict_for(tls, 2.0 * 3_600_000.0, 1_000.0), Verdict::Ok);
        let google = service_by_id("google-oauth").unwrap();
        assert_eq!(verdict_for(google, 400_000.0, 1_000.0), Verdict::Rejected);
        assert_eq!(verdict_for(google, -400_000.0, 1_000.0), Verdict::Ok);
    }

    #[test]
    fn tight_tolerances_scale_their_margin() {
        let totp = service_by_id("totp").unwrap();
        assert_eq!(verdict_for(totp, 5_000.0, 100.0), Verdict::Ok);
        assert_eq!(verdict_for(totp, 25_000.0, 100.0), Verdict::Warning);
        assert_eq!(verdict_for(totp, -31_000.0, 100.0), Verdict::Rejected);
        let kerberos = service_by_id("kerberos").unwrap();
        assert_eq!(
            verdict_for(kerberos, 360_000.0, 500.0),
            Verdict::Rejected,
            "6 min fast"
        );
        assert_eq!(verdict_for(kerberos, 180_000.0, 500.0), Verdict::Ok);
    }

    #[test]
    fn custom_services_and_limits_from_the_link() {
        let custom = Service::custom(Some("Backup NAS"), 120_000);
        assert_eq!(custom.name, "Backup NAS");
        assert_eq!(verdict_for(&custom, 130_000.0, 100.0), Verdict::Rejected);
        assert_eq!(verdict_for(&custom, 10_000.0, 100.0), Verdict::Ok);
        let relaxed = service_by_id("kerberos").unwrap().with_limit(600_000);
        assert_eq!(verdict_for(&relaxed, 360_000.0, 500.0), Verdict::Ok);
        let lenient_jwt = service_by_id("jwt").unwrap().with_limit(300_000);
        assert_eq!(verdict_for(&lenient_jwt, -60_000.0, 500.0), Verdict::Ok);
    }

    #[test]
    fn services_are_found_by_id_case_insensitively_and_ids_are_unique() {
        assert_eq!(service_by_id("s3"), Some(&AMAZON_S3));
        assert_eq!(
            service_by_id("KERBEROS").map(|s| s.id.as_ref()),
            Some("kerberos")
        );
        assert_eq!(service_by_id("ftp"), None);
        let mut ids: Vec<&str> = SERVICES.iter().map(|s| s.id.as_ref()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SERVICES.len());
    }

    #[test]
    fn verdict_names_round_trip() {
        for verdict in [
            Verdict::Ok,
            Verdict::Warning,
            Verdict::Rejected,
            Verdict::Unknown,
        ] {
            assert_eq!(Verdict::from_name(verdict.as_str()), Some(verdict));
        }
        assert_eq!(Verdict::from_name("OK"), None);
    }
}
