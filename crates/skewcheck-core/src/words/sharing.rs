//! Sending a result on, and reading one that was sent: the report's buttons, the QR code,
//! and the page a result link opens.

use crate::verdict::Verdict;
use crate::words::catalogue::Words;
use crate::words::catalogue::translated;
use crate::words::numbers::duration_words;

/// The heading over the report and its buttons.
pub const SEND_TO_SUPPORT: Words = Words("Send this result to support");

/// The button that copies the report.
pub const COPY_RESULT: Words = Words("Copy result");

/// The button that opens the device's share sheet.
pub const SHARE_RESULT: Words = Words("Share…");

/// The permalink's text.
pub const LINK_TO_RESULT: Words = Words("Link to this result");

/// What a shared or opened result is called: the share sheet's title and the heading of a
/// page opened from a result link.
pub const RESULT_TITLE: Words = Words("skewcheck result");

/// After the share sheet took the result.
pub const SHARED: Words = Words("Shared.");

/// After text was copied to the clipboard.
pub const COPIED: Words = Words("Copied.");

/// When the clipboard refused the text.
pub const COPY_FAILED: Words = Words("Could not copy: select the text and copy it by hand.");

/// The QR code's accessible name.
pub const QR_LABEL: Words = Words("QR code of the link to this result");

/// The full-screen QR code's accessible name.
pub const QR_LARGE_LABEL: Words = Words("QR code of the link to this result, large");

/// Under the QR code, before its "show large" button (the space separates them).
pub const QR_CAPTION: Words =
    Words("A link to this result; scanning it does not measure the scanning phone. ");

/// The button that shows the QR code full screen.
pub const SHOW_LARGE: Words = Words("Show large");

/// How to close the full-screen QR code.
pub const QR_CLOSE: Words = Words("Tap anywhere or press Escape to close.");

/// The heading of a page opened from a result link whose report cannot be read.
pub const RESULT_LINK_UNUSABLE: Words = Words("This result link cannot be used");

/// The link from a sent result to measuring this device.
pub const CHECK_THIS_DEVICE: Words = Words("Check this device's clock instead");

/// The heading of a result opened from a link.
pub const PAST_HEADING: Words = Words("A result sent to you as a link");

/// What a result opened from a link is, and is not.
pub const PAST_CLAIM: Words = Words(
    "This is the result the sender's page produced, if the link is genuine: anyone can make such a link, so treat what it says as the sender's claim. The verdicts are worked out again here from the offset in the link. Nothing was measured on this device.",
);

/// How long ago a sent result was measured, `age_ms` by this device's clock: `Measured
/// about 2 h 5 min ago (by this device's clock).`
pub fn past_age(age_ms: f64) -> String {
    say!(
        "Measured about {age} ago (by this device's clock).",
        age = duration_words(age_ms)
    )
}

/// The primary service's line on a sent result, its verdict worked out again: `Amazon S3:
/// 14 min 57 s to spare`.
pub fn past_result_line(service: &str, detail: &str) -> String {
    // A built-in service's name is stored in English (it is data); say it in the page's.
    say!("{service}: {detail}", service = translated(service), detail)
}

/// The primary service's line on a sent result whose verdict this page cannot work out
/// again: what the sender's page `claimed`, marked as its claim.
pub fn past_claimed_line(service: &str, claimed: Option<Verdict>) -> String {
    say!(
        "{service}: the sender's page said “{claimed}”; this page cannot check that (the link does not say which limit applies).",
        service = translated(service),
        claimed = claimed_word(claimed.unwrap_or(Verdict::Unknown))
    )
}

/// The verdict a sender's page claimed, as it named it (`rejected`), in the page's words.
fn claimed_word(verdict: Verdict) -> String {
    match verdict {
        Verdict::Ok => Words("ok"),
        Verdict::Warning => Words("warning"),
        Verdict::Rejected => Words("rejected"),
        Verdict::Unknown => Words("unknown"),
    }
    .text()
}

/// The label of the device's name field, beside the report (`Reception iPad`).
pub const DEVICE_NAME: Words = Words("Device name");

/// The button that adds a result to this browser's field sheet.
pub const SHEET_ADD: Words = Words("Add to field sheet");

/// The same button once the result is on the sheet.
pub const SHEET_ADDED: Words = Words("Added");

/// The link to the field sheet, and the sheet page's heading.
pub const FIELD_SHEET: Words = Words("Field sheet");

/// When a result could not be added: the sheet is full.
pub const SHEET_FULL: Words = Words("The sheet is full.");

/// When a result could not be added: the browser refused to store it.
pub const SHEET_NOT_STORED: Words = Words("This browser did not store it.");
