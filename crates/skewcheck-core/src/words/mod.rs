//! The words layer: the only place the page's sentences are made. Every other module
//! returns facts (numbers, enums, addresses); these functions turn them into the text a
//! client reads, so a language is added here and nowhere else.

/// Says `template` (English, with `{name}` placeholders as `format!` writes them) in the
/// language spoken now: `say!("{count} answers", count = progress.requests)`, or
/// `say!("uploads to {service}", service)` for a variable of that name. Every sentence of
/// the words layer goes through here or through a [`Words`] constant.
#[macro_export]
macro_rules! say {
    (@value $name:ident = $value:expr) => { $value };
    (@value $name:ident) => { $name };
    ($template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::words::catalogue::say_template(
            $template,
            &[$((stringify!($name), &$crate::say!(@value $name $(= $value)?) as &dyn ::core::fmt::Display)),*],
        )
    };
}

pub mod catalogue;
mod config;
mod details;
mod device;
mod fetch;
mod language;
pub(crate) mod link_service;
mod measure;
mod numbers;
mod other_clocks;
mod page;
mod paste_vs_device;
mod pasted;
pub(crate) mod quote;
mod report;
mod report_error;
mod sharing;
mod sheet;
pub(crate) mod source;
mod steps;
mod steps_other;
mod support;
#[cfg(test)]
mod tests;
mod tools;
mod verdict;
mod zone;

pub use catalogue::{
    Catalogue, CatalogueError, Words, in_language, local_decimal, speak, spoken, translated,
};
pub use config::{
    config_error_words, site_notice_words, support_label, support_mail_subject, support_mailto,
};
pub use details::{
    DETAIL_CACHE, DETAIL_DRIFT, DETAIL_OFFSET, DETAIL_REQUESTS, DETAIL_ROUND_TRIP, DETAIL_SAMPLES,
    DETAIL_SOURCE, GAUGE_FAST, GAUGE_SLOW, MEASUREMENT_DETAILS, drift_detail, gauge_both_limits,
    gauge_description, gauge_fast_limit, gauge_slow_limit, offset_detail, samples_detail,
};
pub use device::{user_agent_summary, user_agent_words};
pub use fetch::{FailureWords, fetch_error_words};
pub use language::{GAUGE_DIRECTION, LANGUAGE_LABEL, language_not_loaded};
pub use measure::{
    CrossCheckWords, cache_sentence, clock_change_notice, cross_check_words, failure_words,
    measurement_explanation, notice_words, source_sentence,
};
pub use numbers::{
    duration_in_full, duration_words, offset_phrase, offset_words, offset_words_with_uncertainty,
    tolerance_words,
};
pub use other_clocks::{
    CHECK_COMMAND_INTRO, CHECK_DOWNLOAD_INTRO, CLOCK_CHECKED, DUAL_BOOT_HINT, OTHER_CLOCKS_INTRO,
    OTHER_CLOCKS_SUMMARY, fix_topic_heading, fix_topic_name, other_clock_hint,
    other_clock_steps_label, other_clock_tab,
};
pub use page::{
    CHECK_AGAIN, CHECKING, CLOCKS_LABEL, CORRECT_TIME, COULD_NOT_CHECK, DEFAULT_TITLE, DEVICE_TYPE,
    DOCUMENT_TITLE, ERROR_SEEN_INTRO, HOW_TO_FIX, NOT_CHECKED, OTHER_SYSTEMS, THIS_DEVICE,
    TIME_ZONE_FIRST, compared_with, disputed_time_label, fix_steps_heading, how_it_works, lede,
    platform_name, progress_text, refining_text, verdict_glyph, verdict_word,
};
pub use paste_vs_device::{COMPARED_AS_IT_IS_NOW, PASTE_VS_DEVICE_HEADING, paste_vs_device_words};
pub use pasted::{
    caveat_words, form_name, paste_fix_intro, paste_looks_for, pasted_fix_steps,
    pasted_report_lines, pasted_sentence, stamp_label_words,
};
pub use quote::{named_by_link, quoted};
pub use report::{
    client_language_line, device_words, report_text, report_text_with_paste,
    time_source_wire_words, time_source_words,
};
pub use report_error::{damage_words, flaw_words, report_error_words};
pub use sharing::{
    CHECK_THIS_DEVICE, COPIED, COPY_FAILED, COPY_RESULT, DEVICE_NAME, FIELD_SHEET, LINK_TO_RESULT,
    PAST_CLAIM, PAST_HEADING, QR_CAPTION, QR_CLOSE, QR_LABEL, QR_LARGE_LABEL, RESULT_LINK_UNUSABLE,
    RESULT_TITLE, SEND_TO_SUPPORT, SHARE_RESULT, SHARED, SHEET_ADD, SHEET_ADDED, SHEET_FULL,
    SHEET_NOT_STORED, SHOW_LARGE, past_age, past_claimed_line, past_result_line,
};
pub use sheet::{
    NO_NAME, SHEET_CLEAR, SHEET_CLEAR_NO, SHEET_CLEAR_YES, SHEET_COLUMNS, SHEET_COPY, SHEET_CSV,
    SHEET_EMPTY, SHEET_INTRO, SHEET_REMOVE, STORAGE_UNAVAILABLE, clear_question, row_cells,
    sheet_full_words, sheet_notice_words, sheet_summary, sheet_text,
};
pub use source::{cache_evidence_words, reading_origin_words, source_error_words};
pub use steps::{automatic_time_steps, time_zone_steps};
pub use steps_other::other_clock_steps;
pub use support::server_commands;
pub use tools::{
    COPY_LINK, LINK_ENDPOINT, LINK_LIMIT, LINK_MAKER, LINK_OWN_SERVICE, LINK_SERVICE,
    LINK_SERVICE_NAME, LINK_TICKET, NETWORK_TIME_INTRO, NO_TIMES_FOUND, NTP_LINUX, NTP_MACOS,
    NTP_WINDOWS, PASTE_BOX_LABEL, PASTE_HEADING, PASTE_PLACEHOLDER, PASTE_PRIVACY, SERVER_CHECK,
    SERVER_CHECK_INTRO, SERVER_LINUX, SERVER_MACOS, SERVER_POWERSHELL, SITE_OWNER_NOTES,
    jwt_uncertainty_note, paste_form_line, signed_request_uncertainty_note,
};
pub use verdict::{
    Explanation, citation_words, cross_check_sentence, disagreement_explanation,
    disagreement_sentence, drift_sentence, explain, limit_sentence, service_line, service_name,
    service_result_line, ticket_label,
};
pub use zone::{zone_hint_sentence, zone_offset_words};
