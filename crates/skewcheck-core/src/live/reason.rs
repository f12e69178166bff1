//! Why a measurement starts, and the ticket that names it.

use crate::measure::{ChangeSeen, Notice};

/// Why a measurement starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// Page load, "Check again", or the page becoming visible: show progress.
    Fresh,
    /// The clock changed while the page was idle: show progress with a notice.
    ClockChanged {
        /// How far the wall clock moved against the monotonic clock (ms).
        jump_ms: f64,
    },
    /// Live mode: keep the last result on screen until the new one is in.
    Live,
}

impl Reason {
    /// What to tell the user while this measurement runs.
    pub fn notice(&self) -> Option<Notice> {
        match *self {
            Self::ClockChanged { jump_ms } => Some(Notice::ClockChanged {
                jump_ms,
                seen: ChangeSeen::WhileIdle,
            }),
            Self::Fresh | Self::Live => None,
        }
    }

    /// Whether the page shows progress from the start (it does not in live mode, where the
    /// last result stays until the new one replaces it).
    pub fn shows_progress(&self) -> bool {
        !matches!(self, Self::Live)
    }
}

/// Names one started measurement; a superseded one's reports are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunTicket {
    pub(crate) number: u64,
    pub(crate) shows_progress: bool,
}
