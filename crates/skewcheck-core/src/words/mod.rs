//! The words layer: the only place the page's sentences are made. Every other module
//! returns facts (numbers, enums, addresses); these functions turn them into the text a
//! client reads, so a language is added here and nowhere else.

mod fetch;
mod measure;
mod numbers;
mod pasted;
#[cfg(test)]
mod pasted_tests;
mod report;
mod report_error;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod tests;
mod verdict;

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
pub use report::{report_text, report_text_with_paste, time_source_words};
pub use report_error::{damage_words, flaw_words, report_error_words};
pub use verdict::{
    Explanation, cross_check_sentence, disagreement_explanation, disagreement_sentence,
    drift_sentence, explain, limit_sentence, service_line, service_result_line, ticket_label,
};
