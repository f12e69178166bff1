//! Why a result link cannot be used, in words: the message under "This result link cannot
//! be used".

use time::OffsetDateTime;

use crate::plausible::{EARLIEST_MS, LATEST_MS};
use crate::report::error::{Damage, Flaw, MAX_PARSER_MESSAGE_CHARS, NumberField, ReportError};
use crate::text::clean;
use crate::verdict::Verdict;

/// A year of 365.25 days, in ms: the unit of the limits a report states.
const YEAR_MS: u64 = 31_557_600_000;

/// The page's message for a link that is not a usable report.
pub fn report_error_words(error: &ReportError) -> String {
    match error {
        ReportError::NotAReport => "this link does not contain a skewcheck result".to_owned(),
        ReportError::TooLong => "the result in this link is too long to be genuine".to_owned(),
        ReportError::Malformed(damage) => format!(
            "the result in this link is damaged (it may have been cut off when copied): {}",
            damage_words(damage)
        ),
        ReportError::Invalid(flaw) => {
            format!(
                "the result in this link is not valid: {}",
                flaw_words(*flaw)
            )
        }
    }
}

/// What is damaged, in words: "not base64 (…)", "its offset is not a number", …
pub fn damage_words(damage: &Damage) -> String {
    match damage {
        Damage::NotBase64(message) => {
            clean(&format!("not base64 ({message})"), MAX_PARSER_MESSAGE_CHARS)
        }
        Damage::NotAReportJson(message) => message.clone(),
        Damage::TooManyFields => "it has too many fields".to_owned(),
        Damage::NotANumber(field) => format!("its {} is not a number", field_words(*field)),
        Damage::BadEscape => "a % is not followed by two hex digits".to_owned(),
        Damage::NotUtf8 => "a text is not UTF-8".to_owned(),
        Damage::NotAHost => "its time source is not a host name".to_owned(),
    }
}

fn field_words(field: NumberField) -> &'static str {
    match field {
        NumberField::MeasurementTime => "measurement time",
        NumberField::DeviceTime => "device time",
        NumberField::Offset => "offset",
        NumberField::Uncertainty => "uncertainty",
    }
}

/// Which value no measurement produces, in words.
pub fn flaw_words(flaw: Flaw) -> String {
    match flaw {
        Flaw::OtherVersion { found, read } => format!(
            "it was made by format version {found}, and this page reads version {read}"
        ),
        Flaw::NoVersion => "it has no format version".to_owned(),
        Flaw::ImplausibleMeasurementTime => format!(
            "the measurement time is not between {} and {}",
            year_of(EARLIEST_MS),
            year_of(LATEST_MS)
        ),
        Flaw::DeviceTimeNotANumber => "the device time is not a number".to_owned(),
        Flaw::OffsetBeyond { max_ms } => {
            format!("the offset is more than {}", years_words(max_ms))
        }
        Flaw::UncertaintyBeyond { max_ms } => {
            format!("the uncertainty is more than {}", years_words(max_ms))
        }
        Flaw::TimesDisagree => "its device time, measurement time and offset do not agree (the device time minus the measurement time must be the offset), so it was changed after it was made".to_owned(),
        Flaw::TooManyServices => "it lists too many services".to_owned(),
        Flaw::TextTooLong => "a text field is too long".to_owned(),
        Flaw::ServiceTextTooLong => "a service's text is too long".to_owned(),
        Flaw::ServiceIdNotPlain => "a service id is not a plain identifier".to_owned(),
        Flaw::UnknownVerdict => format!("a verdict is not {}", verdict_choices()),
        Flaw::NegativeUncertainty => "the uncertainty is negative".to_owned(),
        Flaw::UnknownPlatform => "it names no known platform".to_owned(),
        Flaw::UnknownService => "it names no service this page knows".to_owned(),
        Flaw::UnknownSourceKind => "its time source is not one this page knows".to_owned(),
    }
}

/// The verdict words a report may carry: "ok, warning, rejected or unknown".
fn verdict_choices() -> String {
    let words = [
        Verdict::Ok,
        Verdict::Warning,
        Verdict::Rejected,
        Verdict::Unknown,
    ]
    .map(Verdict::as_str);
    let (last, rest) = words.split_last().unwrap_or((&"", &[]));
    format!("{} or {last}", rest.join(", "))
}

/// The UTC year of an epoch time in ms: `2000`.
#[expect(
    clippy::cast_possible_truncation,
    reason = "the plausible bounds are whole seconds within ±10^15"
)]
fn year_of(epoch_ms: f64) -> i32 {
    OffsetDateTime::from_unix_timestamp((epoch_ms / 1000.0) as i64).map_or(0, OffsetDateTime::year)
}

/// A limit in years of 365.25 days, spelled: "ten years", "ten thousand years".
fn years_words(ms: u64) -> String {
    format!("{} years", spelled(ms / YEAR_MS))
}

/// A count in words: up to twelve by name, whole thousands as "… thousand", else digits.
fn spelled(count: u64) -> String {
    const NAMES: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match usize::try_from(count)
        .ok()
        .and_then(|index| NAMES.get(index))
    {
        Some(name) => (*name).to_owned(),
        None if count.is_multiple_of(1_000) => format!("{} thousand", spelled(count / 1_000)),
        None => count.to_string(),
    }
}
