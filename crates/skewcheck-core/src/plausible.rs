//! Which times a reference source or a report may carry: 2000 to 2200. A server claiming a
//! time outside is not a time source, and a report claiming one was not measured. The
//! *device* clock may be anywhere; it is never checked against these bounds.

/// 2000-01-01T00:00:00Z, epoch ms: the earliest plausible time.
pub const EARLIEST_MS: f64 = 946_684_800_000.0;

/// 2200-01-01T00:00:00Z, epoch ms: the first time past the plausible range.
pub const LATEST_MS: f64 = 7_258_118_400_000.0;

/// Whether `epoch_ms` lies in `[EARLIEST_MS, LATEST_MS)`; never for NaN or infinities.
pub fn is_plausible(epoch_ms: f64) -> bool {
    (EARLIEST_MS..LATEST_MS).contains(&epoch_ms)
}

/// The UTC year of an epoch time in ms, for saying the bounds: `2000` for [`EARLIEST_MS`].
#[expect(
    clippy::cast_possible_truncation,
    reason = "the plausible bounds are whole seconds within ±10^15"
)]
pub fn utc_year(epoch_ms: f64) -> i32 {
    time::OffsetDateTime::from_unix_timestamp((epoch_ms / 1000.0) as i64)
        .map_or(0, time::OffsetDateTime::year)
}

#[cfg(test)]
mod tests;
