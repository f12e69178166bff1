//! `check.sh` (the repository root) judges a clock from a command line with the page's own
//! catalogue, margins and permalink format: its generated block is rendered from the core
//! here, and its verdict function is run against `verdict::assess`.
//!
//! Update the script's block after a catalogue change with:
//! `SKEWCHECK_BLESS=1 cargo test -p skewcheck-core check_sh`

use crate::config::{MAX_LABEL_CHARS as MAX_TICKET_CHARS, MAX_LIMIT_S};
use crate::measure::SourceFacts;
use crate::platform::Platform;
use crate::report::{
    COMPACT_PREFIX, MAX_LABEL_CHARS, PERMALINK_BUDGET_CHARS, Report, ReportSource, encode_compact,
};
use crate::sample::OffsetInterval;
use crate::source::ReadingOrigin;
use crate::verdict::LIMIT_INFIX;
use crate::verdict::{AMAZON_S3, CUSTOM_ID, Limit, SAFETY_MARGIN_MS, SERVICES, Service, assess};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const BEGIN: &str = "# BEGIN GENERATED catalogue";
const END: &str = "# END GENERATED catalogue";
const BLESS: &str = "SKEWCHECK_BLESS=1 cargo test -p skewcheck-core check_sh";

fn script_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../check.sh")
}

/// `text` in single quotes for sh.
fn sh_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn limit_ms(limit: Option<Limit>) -> String {
    limit.map_or_else(String::new, |limit| limit.ms.to_string())
}

/// The compact format's code for the HTTP Date header, as the encoder writes it.
fn date_kind_code() -> String {
    let report = Report {
        measured_at_ms: 1_795_701_807_123.0,
        device_time_ms: 1_795_701_807_123.0,
        offset_ms: 0,
        uncertainty_ms: 0,
        source: ReportSource::Measured(SourceFacts {
            origin: Some(ReadingOrigin::DateHeader),
            url: "https://example.com/".to_owned(),
        }),
        device: String::new(),
        platform: Platform::CommandLine,
        ticket: None,
        label: None,
        verdicts: Vec::new(),
    };
    let fragment = encode_compact(&report);
    let fields: Vec<&str> = fragment.split('/').collect();
    assert_eq!(fields.get(5).copied(), Some("CLI"), "{fragment}");
    fields.get(7).copied().unwrap_or_default().to_owned()
}

/// The block `check.sh` carries between its markers, rendered from the core.
fn generated_block() -> String {
    let ids: Vec<&str> = SERVICES.iter().map(|s| s.id.as_ref()).collect();
    let mut block = format!(
        "{BEGIN}: from skewcheck-core (crates/skewcheck-core/src/verdict/).\n\
         # Do not edit by hand; update with: {BLESS}\n\
         default_service={}\n\
         service_ids={}\n\
         # Sets ahead_ms and behind_ms (empty: that side does not matter) and name for service $1.\n\
         service_tolerance() {{\n  case $1 in\n",
        sh_quoted(&AMAZON_S3.id),
        sh_quoted(&ids.join(" ")),
    );
    for service in &SERVICES {
        let _ = writeln!(
            block,
            "    {}) ahead_ms={} behind_ms={} name={} ;;",
            service.id,
            limit_ms(service.tolerance.ahead),
            limit_ms(service.tolerance.behind),
            sh_quoted(&service.name)
        );
    }
    let _ = write!(
        block,
        "    *) return 1 ;;\n  esac\n}}\n\
         # Room required before \"ok\" on a side with limit L: min(safety_margin_ms, L / margin_divisor).\n\
         safety_margin_ms={}\n\
         margin_divisor={MARGIN_DIVISOR}\n\
         custom_id={}\n\
         limit_infix={}\n\
         max_limit_s={}\n\
         max_ticket_chars={MAX_TICKET_CHARS}\n\
         max_label_chars={MAX_LABEL_CHARS}\n\
         compact_prefix={}\n\
         compact_platform={}\n\
         compact_date_kind={}\n\
         permalink_budget={PERMALINK_BUDGET_CHARS}\n\
         {END}",
        SAFETY_MARGIN_MS,
        sh_quoted(CUSTOM_ID),
        sh_quoted(LIMIT_INFIX),
        MAX_LIMIT_S,
        sh_quoted(COMPACT_PREFIX),
        sh_quoted(&Platform::CommandLine.id().to_ascii_uppercase()),
        sh_quoted(&date_kind_code()),
    );
    block
}

/// The margin rule the script writes in whole numbers: `Limit::margin_ms` is
/// `min(SAFETY_MARGIN_MS, ms / MARGIN_DIVISOR)`.
const MARGIN_DIVISOR: u64 = 5;

#[test]
fn check_sh_carries_the_generated_catalogue() {
    let path = script_path();
    let script = std::fs::read_to_string(&path).expect("check.sh at the repository root");
    let block = generated_block();
    let start = script.find(BEGIN).expect("check.sh has the BEGIN marker");
    let end = script[start..]
        .find(END)
        .expect("check.sh has the END marker")
        + start
        + END.len();
    let current = &script[start..end];
    if current == block {
        return;
    }
    if std::env::var("SKEWCHECK_BLESS").as_deref() == Ok("1") {
        let updated = format!("{}{block}{}", &script[..start], &script[end..]);
        std::fs::write(&path, updated).expect("check.sh is writable");
        return;
    }
    panic!(
        "check.sh's generated block is out of date with the core's catalogue.\n\
         Update it with: {BLESS}\nIt should read:\n{block}"
    );
}

#[test]
fn check_sh_margin_rule_is_the_cores() {
    for ms in [
        0,
        1,
        4,
        5,
        7,
        30_000,
        299_999,
        300_000,
        300_001,
        900_000,
        31_536_000_000,
    ] {
        for limit in [Limit::documented(ms), Limit::typical(ms)] {
            let rule = SAFETY_MARGIN_MS.min(ms as f64 / MARGIN_DIVISOR as f64);
            assert_eq!(limit.margin_ms(), rule, "{ms}");
        }
    }
}

/// Runs `check.sh --assess` on `lines` ("service limit lower upper"), one verdict a line.
fn script_verdicts(lines: &str) -> Vec<String> {
    let mut child = Command::new("sh")
        .arg(script_path())
        .arg("--assess")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(lines.as_bytes())
        .expect("writes");
    let output = child.wait_with_output().expect("check.sh --assess ends");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn check_sh_judges_every_interval_as_assess_does() {
    let mut cases: Vec<(String, String, Service)> = SERVICES
        .iter()
        .map(|s| (s.id.to_string(), "-".to_owned(), s.clone()))
        .collect();
    cases.push((
        "kerberos".to_owned(),
        "600".to_owned(),
        crate::verdict::service_by_id("kerberos")
            .cloned()
            .unwrap()
            .with_limit(600_000),
    ));
    cases.push((
        "tls".to_owned(),
        "7.5".to_owned(),
        SERVICES[9].with_limit(7_500),
    ));
    cases.push((
        "-".to_owned(),
        "90".to_owned(),
        Service::custom(None, 90_000),
    ));
    cases.push(("-".to_owned(), "0.004".to_owned(), Service::custom(None, 4)));
    let centres: [i64; 14] = [
        0, 1, -1, 4, 29_999, -30_001, 239_999, 240_000, -240_001, 300_000, 840_000, -840_001,
        900_001, -3_600_001,
    ];
    let mut input = String::new();
    let mut expected = Vec::new();
    for (id, limit, service) in &cases {
        for centre in centres {
            for half in [0_i64, 1, 50, 1_000, 60_000] {
                let (lower, upper) = (centre - half, centre + half);
                let _ = writeln!(input, "{id} {limit} {lower} {upper}");
                let interval = OffsetInterval {
                    lower_ms: lower as f64,
                    upper_ms: upper as f64,
                };
                expected.push(format!(
                    "{}: {}",
                    input.lines().last().unwrap_or_default(),
                    assess(service, Some(interval)).verdict.as_str()
                ));
            }
        }
    }
    let got: Vec<String> = input
        .lines()
        .zip(script_verdicts(&input))
        .map(|(line, verdict)| format!("{line}: {verdict}"))
        .collect();
    assert_eq!(got, expected);
}
