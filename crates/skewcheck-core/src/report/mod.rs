//! The result a client sends back to support, as facts ([`Report`]; the words layer writes
//! it as plain text, [`crate::words::report_text`]), and a permalink fragment that reopens
//! it: compact (`#R1/…`, [`encode_compact`]), or as older pages wrote it
//! (`#report=<base64url(json)>`, [`encode_fragment`]).
//!
//! A permalink arrives from anywhere, so [`decode_fragment`] treats it as hostile: bounded
//! length, checked numbers that agree with each other, bounded and cleaned strings, known
//! verdict words only. Even then it is a claim: [`Report::with_recomputed_details`] works
//! its verdicts out again from its numbers, and [`Report::finding`] tells a recomputed
//! verdict from a word only the sender's page vouches for.

mod compact;
pub(crate) mod error;
mod measured;
pub(crate) mod model;
mod payload;
mod recompute;
#[cfg(test)]
pub(crate) mod tests;

pub use compact::{COMPACT_PREFIX, PERMALINK_BUDGET_CHARS, encode_compact};
pub use error::{Damage, Flaw, MAX_PARSER_MESSAGE_CHARS, NumberField, ReportError};
pub use measured::report_of;
pub use model::{
    Finding, MAX_LABEL_CHARS, MAX_SOURCE_CHARS, Report, ReportSource, ReportedVerdict,
    ServiceVerdict, SourceKind,
};
pub use payload::{
    FRAGMENT_KEY, MAX_FRAGMENT_CHARS, MAX_VERDICTS, VERSION, decode_fragment, encode_fragment,
    is_report_fragment,
};
