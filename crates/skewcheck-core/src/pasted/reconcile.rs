//! A decoded paste held against this device's measured clock: did this clock sign the
//! request that failed, or another one? The words layer says the conclusion
//! ([`crate::words::paste_vs_device_words`]).

use crate::pasted::diagnosis::Diagnosis;
use crate::verdict::Verdict;

/// What comparing a pasted error with this device's clock concludes (`data-conclusion`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conclusion {
    /// The pasted offset agrees with this device's within both uncertainties: this clock
    /// caused it.
    ThisDevice,
    /// The signer was faster than this device by more than both uncertainties: waiting can
    /// only make a signature look older, never newer, so another clock signed it.
    AnotherClock,
    /// The signer looked slower than this device: another clock signed it, or the request
    /// was signed here and sent much later (a retry with its old signature, a long
    /// multipart upload, a queue).
    WaitedOrAnotherClock,
    /// The pasted timestamps show no difference the service would refuse: no clock caused
    /// that error.
    NotTheClock,
    /// No result for this device yet, or its measurement failed.
    Undecided,
}

impl Conclusion {
    /// `data-conclusion` of the DOM contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ThisDevice => "this-device",
            Self::AnotherClock => "another-clock",
            Self::WaitedOrAnotherClock => "waited-or-another-clock",
            Self::NotTheClock => "not-the-clock",
            Self::Undecided => "undecided",
        }
    }
}

/// Compares the signer's offset in `pasted` (signer − server) with this device's measured
/// `device` offset and uncertainty (device − reference), both in ms.
///
/// Two offsets agree when their intervals `offset ± uncertainty` meet, i.e. when
/// `|pasted − device| ≤ u_pasted + u_device`. The comparison is with this device's clock
/// as it is now; the paste may be older (the words say so).
#[expect(
    clippy::cast_precision_loss,
    reason = "offsets are ms within ±10^15: exact in f64"
)]
pub fn reconcile(pasted: &Diagnosis, device: Option<(f64, f64)>) -> Conclusion {
    let Some((device_ms, device_uncertainty_ms)) = device else {
        return Conclusion::Undecided;
    };
    if pasted.verdict == Verdict::Ok {
        return Conclusion::NotTheClock;
    }
    let pasted_ms = pasted.offset_ms as f64;
    let tolerance_ms = pasted.uncertainty_ms as f64 + device_uncertainty_ms;
    if (pasted_ms - device_ms).abs() <= tolerance_ms {
        Conclusion::ThisDevice
    } else if pasted_ms > device_ms {
        Conclusion::AnotherClock
    } else {
        Conclusion::WaitedOrAnotherClock
    }
}
