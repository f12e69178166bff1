//! Why a permalink is not a usable report, as facts: what was damaged or which value no
//! measurement produces. The page's words for them are
//! [`crate::words::report_error_words`].

/// The longest parser message a [`Damage`] keeps, in chars: parser messages can quote the
/// input, so they are cleaned and cut.
pub const MAX_PARSER_MESSAGE_CHARS: usize = 120;

/// Why a fragment is not a usable report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The fragment holds no `report=`.
    #[error("no report in the fragment")]
    NotAReport,
    /// Longer than any genuine report.
    #[error("report fragment too long")]
    TooLong,
    /// Not base64 or not JSON of the right shape: typically cut off while copying.
    #[error("malformed report: {0:?}")]
    Malformed(Damage),
    /// Well-formed, but with values no measurement produces.
    #[error("invalid report: {0:?}")]
    Invalid(Flaw),
}

/// How a fragment is damaged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Not base64: the decoder's message, cleaned (at most [`MAX_PARSER_MESSAGE_CHARS`]).
    NotBase64(String),
    /// Not JSON of a report's shape: the parser's message, cleaned (at most
    /// [`MAX_PARSER_MESSAGE_CHARS`]).
    NotAReportJson(String),
    /// A compact fragment with more fields than the format has.
    TooManyFields,
    /// A compact field that should hold a number does not.
    NotANumber(NumberField),
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// An escaped text that is not UTF-8.
    NotUtf8,
    /// The time source's field is not a host name
    /// ([`is_host_name`](crate::address::is_host_name)).
    NotAHost,
}

/// The numbers a compact fragment carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberField {
    /// When the measurement was made.
    MeasurementTime,
    /// What the device clock showed then.
    DeviceTime,
    /// Device − reference.
    Offset,
    /// The offset's uncertainty.
    Uncertainty,
}

/// A value no measurement produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flaw {
    /// A format version other than the one this page reads.
    OtherVersion {
        /// The link's version.
        found: u64,
        /// The version this page reads.
        read: u64,
    },
    /// No format version at all.
    NoVersion,
    /// The measurement time lies outside the plausible years
    /// ([`crate::plausible::is_plausible`]).
    ImplausibleMeasurementTime,
    /// The device time is not a number.
    DeviceTimeNotANumber,
    /// The offset is beyond the largest a report may carry.
    OffsetBeyond {
        /// That largest offset, in ms.
        max_ms: u64,
    },
    /// The uncertainty is beyond the largest a report may carry.
    UncertaintyBeyond {
        /// That largest uncertainty, in ms.
        max_ms: u64,
    },
    /// Device time − measurement time is not the offset: an edited link.
    TimesDisagree,
    /// More services than a report lists.
    TooManyServices,
    /// The source, device or reference is longer than its cap.
    TextTooLong,
    /// A service's name or line is longer than its cap.
    ServiceTextTooLong,
    /// A service id with characters other than letters, digits, `-` and `_`.
    ServiceIdNotPlain,
    /// A verdict word no version writes.
    UnknownVerdict,
    /// A negative uncertainty.
    NegativeUncertainty,
    /// A platform id this page does not know.
    UnknownPlatform,
    /// A service id this page cannot rebuild.
    UnknownService,
    /// A time-source kind code no version writes.
    UnknownSourceKind,
}
