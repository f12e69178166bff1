//! The verdict: an offset interval judged against a service's tolerance.

use super::service::Service;
use crate::sample::OffsetInterval;

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
