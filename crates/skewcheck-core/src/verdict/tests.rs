//! Verdicts at every service's limits, in both directions, and the catalogue's lookups.

use super::*;
use crate::sample::OffsetInterval;
use crate::words::citation_words;

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
    assert_eq!(custom.name, "“Backup NAS” (named by the link)");
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

/// Every catalogue limit says where it comes from, and a limit no vendor documents is
/// never cited as if it were documented.
#[test]
fn every_service_cites_its_source() {
    for service in &SERVICES {
        let limits = [service.tolerance.ahead, service.tolerance.behind];
        let typical = limits.iter().flatten().any(|limit| !limit.documented);
        let documented = limits.iter().flatten().any(|limit| limit.documented);
        let cited = citation_words(&service.citation);
        assert_eq!(
            cited.contains("typical, not documented"),
            typical,
            "{}: {cited}",
            service.id
        );
        if documented {
            let cited = cited.contains("https://") || cited.contains("sources");
            assert!(cited, "{}: {:?}", service.id, service.citation);
        }
        // The citation's kind says the same: typical only when nothing is documented.
        assert_eq!(
            matches!(service.citation, Citation::Typical(_)),
            !documented,
            "{}",
            service.id
        );
    }
    assert_eq!(
        service_by_id("kerberos")
            .unwrap()
            .with_limit(600_000)
            .citation,
        Citation::Link
    );
    assert_eq!(
        citation_words(&Citation::Link),
        "the link you were sent (?limit=)"
    );
}

/// A limit the link sets is never presented as the vendor's: the name says so, and the
/// catalogue service stays reachable with its own limits.
#[test]
fn a_link_limit_is_named_as_the_links() {
    let kerberos = service_by_id("kerberos").unwrap();
    let relaxed = kerberos.with_limit(600_000);
    assert_eq!(relaxed.id, "kerberos");
    assert_eq!(
        relaxed.name,
        "Kerberos (Active Directory sign-in) (limit set by this link)"
    );
    assert_eq!(relaxed.link_limited_original(), Some(kerberos));
    let again = relaxed.with_limit(120_000);
    assert_eq!(again.name, relaxed.name, "named once");
    assert_eq!(again.tolerance.widest_ms(), 120_000);
    assert_eq!(kerberos.link_limited_original(), None);
    assert_eq!(Service::custom(None, 1_000).link_limited_original(), None);
    // A one-sided service keeps its sides.
    let tls = service_by_id("tls").unwrap().with_limit(60_000);
    assert_eq!(tls.tolerance.ahead, None);
}

#[test]
fn report_ids_rebuild_the_service() {
    let kerberos = service_by_id("kerberos").unwrap();
    for service in [
        kerberos.clone(),
        kerberos.with_limit(600_000),
        AMAZON_S3.with_limit(0),
        Service::custom(None, 90_000),
    ] {
        let id = service.report_id();
        assert_eq!(service_for_report_id(&id).as_ref(), Some(&service), "{id}");
    }
    assert_eq!(
        kerberos.with_limit(600_000).report_id(),
        "kerberos-limit-600000"
    );
    assert_eq!(
        Service::custom(Some("NAS"), 90_000).report_id(),
        "custom-limit-90000"
    );
    for unknown in [
        "custom",
        "nas",
        "ftp-limit-5",
        "s3-limit-",
        "s3-limit-+5",
        "s3-limit-99999999999999999999",
        "s3-limit-31536000001",
        "-limit-5",
    ] {
        assert_eq!(service_for_report_id(unknown), None, "{unknown}");
    }
}
