//! What a service accepts (its [`Tolerance`]: a [`Limit`] each way) and what its clients
//! see when refused.

use std::borrow::Cow;

/// The most room we ask for before calling a clock fine: network delays, a clock drifting
/// for a few more days, and the signer's own rounding all eat into the tolerance. Tight
/// tolerances use a fifth of the limit instead (see [`Limit::margin_ms`]).
pub const SAFETY_MARGIN_MS: f64 = 60_000.0;

/// How far a clock may be off in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Largest accepted offset in this direction, in ms.
    pub ms: u64,
    /// Whether the vendor documents it (otherwise the page says "typically").
    pub documented: bool,
}

impl Limit {
    /// A documented limit.
    pub const fn documented(ms: u64) -> Self {
        Self {
            ms,
            documented: true,
        }
    }

    /// A limit seen in practice but not documented.
    pub const fn typical(ms: u64) -> Self {
        Self {
            ms,
            documented: false,
        }
    }

    /// Room required before "ok": [`SAFETY_MARGIN_MS`], or a fifth of a tighter limit (so a
    /// ±30 s TOTP window can still be "ok" for a clock 5 s off).
    pub fn margin_ms(&self) -> f64 {
        SAFETY_MARGIN_MS.min(self.ms as f64 / 5.0)
    }
}

/// How far a device clock may be off before a service rejects its requests. `None` means
/// that direction does not matter to this service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance {
    /// Limit with the device ahead (fast).
    pub ahead: Option<Limit>,
    /// Limit with the device behind (slow).
    pub behind: Option<Limit>,
}

impl Tolerance {
    /// The same documented limit in both directions.
    pub const fn symmetric(ms: u64) -> Self {
        Self {
            ahead: Some(Limit::documented(ms)),
            behind: Some(Limit::documented(ms)),
        }
    }

    /// The same undocumented limit in both directions.
    pub const fn typically(ms: u64) -> Self {
        Self {
            ahead: Some(Limit::typical(ms)),
            behind: Some(Limit::typical(ms)),
        }
    }

    /// The larger limit, for `data-limit-ms`.
    pub fn widest_ms(&self) -> u64 {
        [self.ahead, self.behind]
            .iter()
            .flatten()
            .map(|limit| limit.ms)
            .max()
            .unwrap_or(0)
    }
}

/// What the client sees when a request is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symptom {
    /// Error code or short name.
    pub code: &'static str,
    /// The message, verbatim where the vendor's text is known.
    pub message: &'static str,
}

impl Symptom {
    /// `CODE: “message”`, or just the code when there is no message.
    pub fn text(&self) -> String {
        if self.message.is_empty() {
            self.code.to_owned()
        } else {
            format!("{}: “{}”", self.code, self.message)
        }
    }
}

/// A system that checks request times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Stable identifier, used in links (`?service=`) and the DOM contract.
    pub id: Cow<'static, str>,
    /// Name people know it by.
    pub name: Cow<'static, str>,
    /// What it accepts.
    pub tolerance: Tolerance,
    /// What the client sees when the device is too fast.
    pub when_fast: Symptom,
    /// What the client sees when the device is too slow.
    pub when_slow: Symptom,
    /// One sentence on why time matters there.
    pub note: &'static str,
    /// Where the limits come from.
    pub citation: Citation,
}

/// Where a service's limits come from ([`Service::citation`]); the page's words for it are
/// [`crate::words::citation_words`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Citation {
    /// Documentation that states a limit (the vendor's, a manual page, a library's sources):
    /// its address and what it says, as the catalogue cites it (which also names a side
    /// that no one documents, when there is one).
    Vendor(&'static str),
    /// No documentation states the limits: why they are typical, as the catalogue cites it.
    Typical(&'static str),
    /// The link sets the limit (`?limit=`).
    Link,
}
