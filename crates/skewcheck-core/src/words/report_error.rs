//! Why a result link cannot be used, in words: the message under "This result link cannot
//! be used".

use crate::plausible::{EARLIEST_MS, LATEST_MS, utc_year};
use crate::report::error::{Damage, Flaw, MAX_PARSER_MESSAGE_CHARS, NumberField, ReportError};
use crate::text::clean;
use crate::verdict::Verdict;
use crate::words::catalogue::Words;

/// A year of 365.25 days, in ms: the unit of the limits a report states.
const YEAR_MS: u64 = 31_557_600_000;

/// The page's message for a link that is not a usable report.
pub fn report_error_words(error: &ReportError) -> String {
    match error {
        ReportError::NotAReport => Words("this link does not contain a skewcheck result").text(),
        ReportError::TooLong => Words("the result in this link is too long to be genuine").text(),
        ReportError::Malformed(damage) => say!(
            "the result in this link is damaged (it may have been cut off when copied): {damage}",
            damage = damage_words(damage)
        ),
        ReportError::Invalid(flaw) => say!(
            "the result in this link is not valid: {flaw}",
            flaw = flaw_words(*flaw)
        ),
    }
}

/// What is damaged, in words: "not base64 (…)", "its offset is not a number", …
pub fn damage_words(damage: &Damage) -> String {
    match damage {
        Damage::NotBase64(message) => clean(
            &say!("not base64 ({message})", message),
            MAX_PARSER_MESSAGE_CHARS,
        ),
        // The JSON parser's own message, as it wrote it.
        Damage::NotAReportJson(message) => message.clone(),
        Damage::TooManyFields => Words("it has too many fields").text(),
        Damage::NotANumber(field) => not_a_number_words(*field).text(),
        Damage::BadEscape => Words("a % is not followed by two hex digits").text(),
        Damage::NotUtf8 => Words("a text is not UTF-8").text(),
        Damage::NotAHost => Words("its time source is not a host name").text(),
    }
}

/// A number field that is not a number, in words: one sentence per field (a field's name
/// takes its own article and gender in other languages).
fn not_a_number_words(field: NumberField) -> Words {
    match field {
        NumberField::MeasurementTime => Words("its measurement time is not a number"),
        NumberField::DeviceTime => Words("its device time is not a number"),
        NumberField::Offset => Words("its offset is not a number"),
        NumberField::Uncertainty => Words("its uncertainty is not a number"),
    }
}

/// Which value no measurement produces, in words.
pub fn flaw_words(flaw: Flaw) -> String {
    match flaw {
        Flaw::OtherVersion { found, read } => say!(
            "it was made by format version {found}, and this page reads version {read}",
            found,
            read
        ),
        Flaw::NoVersion => Words("it has no format version").text(),
        Flaw::ImplausibleMeasurementTime => say!(
            "the measurement time is not between {earliest} and {latest}",
            earliest = utc_year(EARLIEST_MS),
            latest = utc_year(LATEST_MS)
        ),
        Flaw::DeviceTimeNotANumber => Words("the device time is not a number").text(),
        Flaw::OffsetBeyond { max_ms } => say!(
            "the offset is more than {years}",
            years = years_words(max_ms)
        ),
        Flaw::UncertaintyBeyond { max_ms } => say!(
            "the uncertainty is more than {years}",
            years = years_words(max_ms)
        ),
        Flaw::TimesDisagree => Words("its device time, measurement time and offset do not agree (the device time minus the measurement time must be the offset), so it was changed after it was made").text(),
        Flaw::TooManyServices => Words("it lists too many services").text(),
        Flaw::TextTooLong => Words("a text field is too long").text(),
        Flaw::ServiceTextTooLong => Words("a service's text is too long").text(),
        Flaw::ServiceIdNotPlain => Words("a service id is not a plain identifier").text(),
        Flaw::UnknownVerdict => say!(
            "a verdict is not {choices}",
            choices = verdict_choices()
        ),
        Flaw::NegativeUncertainty => Words("the uncertainty is negative").text(),
        Flaw::UnknownPlatform => Words("it names no known platform").text(),
        Flaw::UnknownService => Words("it names no service this page knows").text(),
        Flaw::UnknownSourceKind => Words("its time source is not one this page knows").text(),
    }
}

/// The verdict words a report may carry (its own ids, never translated): "ok, warning,
/// rejected or unknown".
fn verdict_choices() -> String {
    let words = [
        Verdict::Ok,
        Verdict::Warning,
        Verdict::Rejected,
        Verdict::Unknown,
    ]
    .map(Verdict::as_str);
    let (last, rest) = words.split_last().unwrap_or((&"", &[]));
    say!("{others} or {last}", others = rest.join(", "), last)
}

/// A limit in years of 365.25 days, spelled: "ten years", "ten thousand years". Whole
/// thousands of years are their own sentence, so a language can say them its way (`10,000年`
/// where the small numbers are digits, `عشرة آلاف سنة` with its own noun form).
fn years_words(ms: u64) -> String {
    let years = ms / YEAR_MS;
    match thousands(years) {
        Some(thousands) => say!("{thousands} thousand years", thousands = spelled(thousands)),
        None => say!("{count} years", count = spelled(years)),
    }
}

/// How many thousands `count` is, when it is a whole number of thousands past the numbers
/// said by name ([`SMALL_NUMBERS`], up to twelve).
fn thousands(count: u64) -> Option<u64> {
    (count > 12 && count.is_multiple_of(1_000)).then_some(count / 1_000)
}

/// The numbers said by name, from zero: a language that writes digits there translates
/// them as digits (`10`).
const SMALL_NUMBERS: [Words; 13] = [
    Words("zero"),
    Words("one"),
    Words("two"),
    Words("three"),
    Words("four"),
    Words("five"),
    Words("six"),
    Words("seven"),
    Words("eight"),
    Words("nine"),
    Words("ten"),
    Words("eleven"),
    Words("twelve"),
];

/// A count in words: up to twelve by name, whole thousands as "… thousand", else digits.
fn spelled(count: u64) -> String {
    match usize::try_from(count)
        .ok()
        .and_then(|index| SMALL_NUMBERS.get(index))
    {
        Some(name) => name.text(),
        None => match thousands(count) {
            Some(thousands) => say!("{thousands} thousand", thousands = spelled(thousands)),
            None => count.to_string(),
        },
    }
}
