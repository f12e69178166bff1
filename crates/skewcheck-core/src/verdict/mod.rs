//! Would a signed request be accepted, given the measured offset?
//!
//! The services themselves, with their limits and where those limits are documented, live
//! in [`catalogue`]. A limit that no vendor documents is marked `documented: false` and the
//! page says "typically" for it, never states it as fact.

use super::sample::OffsetInterval;
use super::text::named_by_link;
use std::borrow::Cow;

pub mod catalogue;

pub use catalogue::{AMAZON_S3, SERVICES, service_by_id};

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
    /// Where the limits come from: the vendor's documentation (a URL) for a documented
    /// limit, `typical, not documented: <why>` for one seen in practice.
    pub source: &'static str,
}

/// The [`Service::source`] of limits that a link sets (`?limit=`).
pub const LINK_SOURCE: &str = "the link you were sent (?limit=)";

const GENERIC_REFUSAL: Symptom = Symptom {
    code: "refused",
    message: "the request time is too far from the server's time",
};

impl Service {
    /// A service of the link's own: `limit_ms` either way (documented, since the sender
    /// knows it). A `name` is the link's words, so it is shown quoted and marked as such
    /// ([`named_by_link`]) wherever the page names the service.
    pub fn custom(name: Option<&str>, limit_ms: u64) -> Self {
        Self {
            id: Cow::Borrowed(CUSTOM_ID),
            name: Cow::Owned(name.map_or_else(|| "your service".to_owned(), named_by_link)),
            tolerance: Tolerance::symmetric(limit_ms),
            when_fast: GENERIC_REFUSAL,
            when_slow: GENERIC_REFUSAL,
            note: "The tolerance comes from the link you were sent.",
            source: LINK_SOURCE,
        }
    }

    /// This service with both limits replaced by `limit_ms` (e.g. a krb5.conf `clockskew`,
    /// or a JWT library's leeway), as the link says. Its name says that the link set the
    /// limit, so the page never states the link's number as the vendor's.
    pub fn with_limit(&self, limit_ms: u64) -> Self {
        let original = self.link_limited_original().unwrap_or(self);
        Self {
            name: Cow::Owned(format!("{} (limit set by this link)", original.name)),
            tolerance: Tolerance {
                ahead: original
                    .tolerance
                    .ahead
                    .map(|_| Limit::documented(limit_ms)),
                behind: original
                    .tolerance
                    .behind
                    .map(|_| Limit::documented(limit_ms)),
            },
            source: LINK_SOURCE,
            ..original.clone()
        }
    }

    /// For a catalogue service whose limit the link replaced ([`with_limit`](Self::with_limit)):
    /// the catalogue service itself, with its own limits.
    pub fn link_limited_original(&self) -> Option<&'static Service> {
        (self.source == LINK_SOURCE)
            .then(|| service_by_id(&self.id))
            .flatten()
    }

    /// The id a report stores for this service, from which [`service_for_report_id`] rebuilds
    /// it: the catalogue id (`kerberos`), or with a limit set by the link
    /// `<id>-limit-<ms>` (`kerberos-limit-600000`, `custom-limit-90000`).
    pub fn report_id(&self) -> String {
        if self.source == LINK_SOURCE {
            format!("{}{LIMIT_INFIX}{}", self.id, self.tolerance.widest_ms())
        } else {
            self.id.to_string()
        }
    }
}

/// The [`Service::id`] of a service a link defines with `?limit=` alone.
pub const CUSTOM_ID: &str = "custom";

/// Between a service id and a link's limit in [`Service::report_id`].
const LIMIT_INFIX: &str = "-limit-";

/// The largest limit a report id may carry: a year, in ms (what `?limit=` accepts).
const MAX_REPORT_LIMIT_MS: u64 = 31_536_000_000;

/// The service a report's id names ([`Service::report_id`]): a catalogue service, one with
/// its limit replaced by the link's, or a link's own service (named `your service`; the
/// name it was given travels separately). `None` for anything else, whose verdict cannot
/// be worked out again.
pub fn service_for_report_id(id: &str) -> Option<Service> {
    if let Some(service) = service_by_id(id) {
        return Some(service.clone());
    }
    let (base, limit) = id.split_once(LIMIT_INFIX)?;
    let limit_ms: u64 = limit.parse().ok()?;
    if limit_ms > MAX_REPORT_LIMIT_MS || !limit.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if base == CUSTOM_ID {
        return Some(Service::custom(None, limit_ms));
    }
    service_by_id(base).map(|service| service.with_limit(limit_ms))
}

/// The answer to "would my requests work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted, with room to spare wherever the truth lies.
    Ok,
    /// Close to a limit, or the measurement cannot tell which side of it the clock is.
    Warning,
    /// Rejected wherever in the measured interval the truth lies.
    Rejected,
    /// No measurement.
    Unknown,
}

impl Verdict {
    /// The value used in the DOM contract (`data-verdict`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Rejected => "rejected",
            Self::Unknown => "unknown",
        }
    }

    /// Parses [`as_str`](Self::as_str)'s output.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Ok, Self::Warning, Self::Rejected, Self::Unknown]
            .into_iter()
            .find(|verdict| verdict.as_str() == name)
    }
}

/// Which way the clock is off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Device ahead of the correct time.
    Fast,
    /// Device behind the correct time.
    Slow,
}

/// A verdict with the numbers behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// The verdict.
    pub verdict: Verdict,
    /// Worst-case distance from the measured interval to the nearer limit, in ms; negative
    /// when (part of) the interval is beyond it. `None` without a measurement.
    pub room_left_ms: Option<f64>,
    /// The limit that decides the verdict (the nearer one).
    pub binding: Option<Direction>,
}

/// Judges an offset interval (device − reference) against a service's tolerance.
///
/// A service accepts `−behind ≤ offset ≤ ahead`. The verdict is `Rejected` only when the
/// whole interval is beyond a limit, `Ok` only when the whole interval is inside with the
/// margin to spare on every limited side, and `Warning` for everything in between.
pub fn assess(service: &Service, interval: Option<OffsetInterval>) -> Assessment {
    let Some(interval) = interval else {
        return Assessment {
            verdict: Verdict::Unknown,
            room_left_ms: None,
            binding: None,
        };
    };
    let fast = service.tolerance.ahead.map(|limit| {
        (
            limit,
            limit.ms as f64 - interval.upper_ms,
            interval.lower_ms > limit.ms as f64,
        )
    });
    let slow = service.tolerance.behind.map(|limit| {
        (
            limit,
            interval.lower_ms + limit.ms as f64,
            interval.upper_ms < -(limit.ms as f64),
        )
    });
    let sides = [(Direction::Fast, fast), (Direction::Slow, slow)];
    let limited = sides
        .iter()
        .filter_map(|(direction, side)| side.map(|side| (*direction, side)));
    let rejected = limited.clone().any(|(_, (_, _, beyond))| beyond);
    let comfortable = limited
        .clone()
        .all(|(_, (limit, room, _))| room >= limit.margin_ms());
    let nearest = limited.min_by(|a, b| (a.1).1.total_cmp(&(b.1).1));
    let verdict = if rejected {
        Verdict::Rejected
    } else if comfortable {
        Verdict::Ok
    } else {
        Verdict::Warning
    };
    Assessment {
        verdict,
        room_left_ms: nearest.map(|(_, (_, room, _))| room),
        binding: nearest.map(|(direction, _)| direction),
    }
}

#[cfg(test)]
mod tests;
