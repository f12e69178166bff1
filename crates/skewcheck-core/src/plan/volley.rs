//! Several `Date`-header probes at once, each aimed at a different phase of the server's
//! second.
//!
//! One aimed probe (the sequential bisection of the parent module) halves the uncertainty
//! per server tick, so a second-wide first interval needs 6–10 ticks: as many seconds. A
//! volley of `K` probes, each aimed so that its stamp would fall exactly on a tick if the
//! offset were `a_j`, cuts the interval `[L, U]` into `K + 1` pieces in one tick. A probe
//! aimed at `a` bounds the offset by `a + rtt/2` from above when the truth is below `a` (the
//! server stamped after its tick) and by `a − rtt/2` from below otherwise (derivation in
//! the parent module). With the truth between `a_j` and `a_{j+1}` the new interval is
//! `[a_j − rtt/2, a_{j+1} + rtt/2]`; at the ends it is `[L, a_1 + rtt/2]` and
//! `[a_K − rtt/2, U]`. Equal worst-case pieces give, with `W = U − L` and excess
//! `E = W − rtt` (what no probe can remove: the physical limit of one round trip, as in
//! NTP's `θ ± δ/2`, RFC 5905 §8):
//!
//! ```text
//! g   = E / (K + 1)                 gap between neighbouring aims
//! a_j = L + rtt/2 + j·g             j = 1 … K
//! E'  = E / (K + 1)                 excess after the volley
//! ```
//!
//! So volleys of 4, 3, 2 and 2 probes divide the excess by 5·4·3·3 = 180 in four ticks
//! (about 4 s) — and by 20 in two — where the bisection needs eight ticks for 2⁸. Each
//! probe goes on the first tick that leaves it a short pause, so a volley's probes are in
//! flight together; every probe is still timed by its own round trip, and only those real
//! timestamps enter the estimate (the schedule is a hint, never a premise).

use crate::estimate::Estimate;

/// Most probes a volley holds.
pub const MAX_VOLLEY: usize = 8;

/// How a `Date`-header source is probed after its first answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// One request at a time, each aimed at the current midpoint (the parent module's
    /// bisection): fewest requests, one server tick each.
    Bisection,
    /// Rounds of concurrent probes of these sizes, each probe aimed at its own phase of the
    /// server's second (module docs); then the measurement ends.
    Volleys(&'static [usize]),
}

/// Probes to send together: each after its own delay from now, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Volley {
    delays_ms: [u32; MAX_VOLLEY],
    len: usize,
    late_ms: u32,
}

/// A probe may leave this late and still be worth its request (see [`Volley::late_ms`]).
const MIN_LATE_MS: f64 = 10.0;

impl Volley {
    /// The delays, shortest first.
    pub fn delays_ms(&self) -> &[u32] {
        &self.delays_ms[..self.len]
    }

    /// How late a probe may leave: a timer that fires later than this (a busy page) would
    /// put the probe's stamp on another probe's phase — still honest, but a wasted request —
    /// so the shell sends it at the same phase a second later instead. Half the gap between
    /// neighbouring aims, and at least 10 ms.
    pub fn late_ms(&self) -> u32 {
        self.late_ms
    }

    /// Probes aimed across `estimate` (module docs), sent no sooner than `min_gap_ms` from
    /// `now_ms` on the device's wall clock. `half_trip_ms` is half the best round trip.
    pub(super) fn aimed(
        estimate: &Estimate,
        probes: usize,
        half_trip_ms: f64,
        now_ms: f64,
        min_gap_ms: f64,
    ) -> Self {
        let probes = probes.clamp(1, MAX_VOLLEY);
        let lower = estimate.interval.lower_ms;
        let excess = (estimate.interval.upper_ms - lower - 2.0 * half_trip_ms).max(0.0);
        let pieces = u32::try_from(probes + 1).map_or(1.0, f64::from);
        let gap = excess / pieces;
        let mut delays_ms = [0; MAX_VOLLEY];
        let mut aim = lower + half_trip_ms;
        for delay in delays_ms.iter_mut().take(probes) {
            aim += gap;
            *delay = delay_to_tick(aim, half_trip_ms, now_ms, min_gap_ms);
        }
        delays_ms[..probes].sort_unstable();
        Self {
            delays_ms,
            len: probes,
            late_ms: timer_ms((gap / 2.0).max(MIN_LATE_MS)),
        }
    }
}

/// Delay until the first send time, at least `min_gap_ms` away, that puts the server's
/// stamp on a tick if the offset is `aim_ms` (the parent module's formula:
/// `t0 = k·1000 + θ − rtt/2`).
pub(super) fn delay_to_tick(aim_ms: f64, half_trip_ms: f64, now_ms: f64, min_gap_ms: f64) -> u32 {
    let earliest = now_ms + min_gap_ms;
    let tick = ((earliest - aim_ms + half_trip_ms) / 1000.0).ceil();
    let send_at = tick * 1000.0 + aim_ms - half_trip_ms;
    timer_ms((send_at - now_ms).clamp(0.0, 2_000.0))
}

/// The size of the next volley of `rounds` after `requests` requests (the first one
/// included), or `None` once every round has been sent. A round cut short (by a restart)
/// sends only what is left of it.
pub(super) fn next_volley_size(rounds: &[usize], requests: usize) -> Option<usize> {
    let mut sent_by_round_end = 1;
    rounds.iter().find_map(|&size| {
        sent_by_round_end += size;
        (requests < sent_by_round_end).then(|| (sent_by_round_end - requests).min(size))
    })
}

/// A pause for a timer, in whole milliseconds (negative and NaN become 0).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped into u32's range first (and `as` saturates, NaN becomes 0)"
)]
pub fn timer_ms(ms: f64) -> u32 {
    ms.clamp(0.0, f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests;
