//! The words layer: the only place the page's sentences are made. Every other module
//! returns facts (numbers, enums, addresses); these functions turn them into the text a
//! client reads, so a language is added here and nowhere else.

mod fetch;
mod measure;
mod numbers;
mod steps;
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
pub use steps::{automatic_time_steps, time_zone_steps};
pub use verdict::{
    Explanation, cross_check_sentence, disagreement_explanation, disagreement_sentence,
    drift_sentence, explain, limit_sentence, service_line, service_result_line, ticket_label,
};
