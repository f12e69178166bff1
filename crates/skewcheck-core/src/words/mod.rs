//! The words layer: the only place the page's sentences are made. Every other module
//! returns facts (numbers, enums, addresses); these functions turn them into the text a
//! client reads, so a language is added here and nowhere else.

mod config;
mod device;
mod fetch;
pub(crate) mod link_service;
mod measure;
mod numbers;
mod pasted;
#[cfg(test)]
mod pasted_tests;
pub(crate) mod quote;
mod report;
mod report_error;
#[cfg(test)]
mod report_tests;
pub(crate) mod source;
mod support;
#[cfg(test)]
mod tests;
mod verdict;
mod zone;

pub use config::{
    config_error_words, site_notice_words, support_label, support_mail_subject, support_mailto,
};
pub use device::{user_agent_summary, user_agent_words};
pub use fetch::{FailureWords, fetch_error_words};
pub use measure::{
    CrossCheckWords, cache_sentence, clock_change_notice, cross_check_words, failure_words,
    measurement_explanation, notice_words, source_sentence,
};
pub use numbers::{
    duration_words, offset_phrase, offset_words, offset_words_with_uncertainty, tolerance_words,
};
pub use pasted::{
    caveat_words, form_name, paste_fix_intro, paste_looks_for, pasted_fix_steps,
    pasted_report_lines, pasted_sentence, stamp_label_words,
};
pub use quote::{named_by_link, quoted};
pub use report::{report_text, report_text_with_paste, time_source_words};
pub use report_error::{damage_words, flaw_words, report_error_words};
pub use source::{cache_evidence_words, reading_origin_words, source_error_words};
pub use support::server_commands;
pub use verdict::{
    Explanation, citation_words, cross_check_sentence, disagreement_explanation,
    disagreement_sentence, drift_sentence, explain, limit_sentence, service_line,
    service_result_line, ticket_label,
};
pub use zone::{zone_hint_sentence, zone_offset_words};
