//! Sending a result on, and reading one that was sent: the report's buttons, the QR code,
//! and the page a result link opens.

use crate::verdict::Verdict;
use crate::words::numbers::duration_words;

/// The heading over the report and its buttons.
pub const SEND_TO_SUPPORT: &str = "Send this result to support";

/// The button that copies the report.
pub const COPY_RESULT: &str = "Copy result";

/// The button that opens the device's share sheet.
pub const SHARE_RESULT: &str = "Share…";

/// The permalink's text.
pub const LINK_TO_RESULT: &str = "Link to this result";

/// What a shared or opened result is called: the share sheet's title and the heading of a
/// page opened from a result link.
pub const RESULT_TITLE: &str = "skewcheck result";

/// After the share sheet took the result.
pub const SHARED: &str = "Shared.";

/// After text was copied to the clipboard.
pub const COPIED: &str = "Copied.";

/// When the clipboard refused the text.
pub const COPY_FAILED: &str = "Could not copy: select the text and copy it by hand.";

/// The QR code's accessible name.
pub const QR_LABEL: &str = "QR code of the link to this result";

/// The full-screen QR code's accessible name.
pub const QR_LARGE_LABEL: &str = "QR code of the link to this result, large";

/// Under the QR code, before its "show large" button (the space separates them).
pub const QR_CAPTION: &str =
    "A link to this result; scanning it does not measure the scanning phone. ";

/// The button that shows the QR code full screen.
pub const SHOW_LARGE: &str = "Show large";

/// How to close the full-screen QR code.
pub const QR_CLOSE: &str = "Tap anywhere or press Escape to close.";

/// The heading of a page opened from a result link whose report cannot be read.
pub const RESULT_LINK_UNUSABLE: &str = "This result link cannot be used";

/// The link from a sent result to measuring this device.
pub const CHECK_THIS_DEVICE: &str = "Check this device's clock instead";

/// The heading of a result opened from a link.
pub const PAST_HEADING: &str = "A result sent to you as a link";

/// What a result opened from a link is, and is not.
pub const PAST_CLAIM: &str = "This is the result the sender's page produced, if the link is genuine: anyone can make such a link, so treat what it says as the sender's claim. The verdicts are worked out again here from the offset in the link. Nothing was measured on this device.";

/// How long ago a sent result was measured, `age_ms` by this device's clock: `Measured
/// about 2 h 5 min ago (by this device's clock).`
pub fn past_age(age_ms: f64) -> String {
    format!(
        "Measured about {} ago (by this device's clock).",
        duration_words(age_ms)
    )
}

/// The primary service's line on a sent result, its verdict worked out again: `Amazon S3:
/// 14 min 57 s to spare`.
pub fn past_result_line(service: &str, detail: &str) -> String {
    format!("{service}: {detail}")
}

/// The primary service's line on a sent result whose verdict this page cannot work out
/// again: what the sender's page `claimed`, marked as its claim.
pub fn past_claimed_line(service: &str, claimed: Option<Verdict>) -> String {
    format!(
        "{service}: the sender's page said “{}”; this page cannot check that (the link does not say which limit applies).",
        claimed.unwrap_or(Verdict::Unknown).as_str()
    )
}
