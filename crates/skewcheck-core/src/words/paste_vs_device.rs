//! The pasted error held against this device's clock, in words
//! ([`crate::pasted::reconcile`] decides).

use crate::pasted::{Conclusion, Diagnosis};
use crate::words::catalogue::{Words, translated};
use crate::words::numbers::{duration_words, offset_words};

/// The comparison's heading.
pub const PASTE_VS_DEVICE_HEADING: Words = Words("The pasted error and this device");

/// Said with every comparison: the paste may be older than the measurement.
pub const COMPARED_AS_IT_IS_NOW: Words = Words(
    "This compares the error with this device's clock as it is now; the pasted error may be older.",
);

/// What the comparison concludes, in sentences: the finding, then what to do.
#[expect(
    clippy::cast_precision_loss,
    reason = "offsets are ms within ±10^15: exact in f64"
)]
pub fn paste_vs_device_words(
    conclusion: Conclusion,
    pasted: &Diagnosis,
    device: Option<(f64, f64)>,
) -> Vec<String> {
    let signer = signer_words(pasted.offset_ms as f64, pasted.uncertainty_ms as f64);
    let this_device = device.map_or_else(String::new, |(offset_ms, uncertainty_ms)| {
        offset_words(offset_ms, uncertainty_ms)
    });
    match conclusion {
        Conclusion::ThisDevice => vec![
            say!(
                "The pasted error agrees with this device's clock: the signer was {signer}, and this device's clock is {this_device}.",
                signer,
                this_device
            ),
            Words("This clock caused the error: fix it here, with the steps on this page.").text(),
        ],
        Conclusion::AnotherClock => vec![
            say!(
                "This device did not sign that request: the signer's clock was {signer}, but this device's clock is {this_device}. Waiting can only make a signature look older, never newer.",
                signer,
                this_device
            ),
            Words("Another clock signed it — a server, a terminal, WSL, Docker, a virtual machine or another device. Look there (see the other clocks below), and check that machine with the command-line check.").text(),
        ],
        Conclusion::WaitedOrAnotherClock => vec![
            say!(
                "The signer's clock looked {signer}, but this device's clock is {this_device}.",
                signer,
                this_device
            ),
            Words("Either another clock signed the request (a server, WSL, Docker, a virtual machine, another device), or it was signed here and sent much later: a retry with its old signature, a long multipart upload, a queue.").text(),
            Words("To tell them apart: if a fresh request made now fails the same way, another clock signs it; if only retries or long uploads fail, the request waited.").text(),
        ],
        Conclusion::NotTheClock => vec![say!(
            "The pasted timestamps differ by only {difference}, which {service} accepts: no clock caused that error.",
            difference = duration_words(pasted.offset_ms.unsigned_abs() as f64),
            service = translated(&pasted.service.name)
        )],
        Conclusion::Undecided => vec![
            Words("Once this device's clock has been measured, the page compares it with the pasted error.")
                .text(),
        ],
    }
}

/// The signer's offset: `15 min 35 s fast`, or `right to within 1 s`.
fn signer_words(offset_ms: f64, uncertainty_ms: f64) -> String {
    offset_words(offset_ms, uncertainty_ms)
}
