//! The page's early time request (`early-probe.js`, sent while the WebAssembly downloads) as
//! the measurement's first sample: only for the page's own origin, the source the script
//! asked, and only if the engine finds its readings consistent with this page's clocks.

use crate::clock::DeviceClock;
use crate::config::SourceChoice;
use crate::fetch::{Ask, check_status, read_header_answer};
use crate::measure::setup::Setup;
use crate::measure::transport::Transport;
use crate::sample::Observation;

/// The early answer as an observation of `setup`'s source, or `None` (none, already used,
/// refused: the measurement then asks as usual).
pub(super) async fn early_observation(
    setup: &Setup,
    clock: &impl DeviceClock,
    transport: &impl Transport,
) -> Option<Observation> {
    // The script asks the page's own address; a link naming another source is not answered.
    if setup.config.source != SourceChoice::PageOrigin || setup.ask != Ask::DateHeader {
        return None;
    }
    let readings = transport.early_readings().await?;
    let timing = readings
        .timing(clock.monotonic_ms(), clock.timer_granularity_ms())
        .ok()?;
    let status = readings.status().ok()?;
    let url = setup.source_url.as_str();
    check_status(url, Ask::DateHeader, status).ok()?;
    // Read as any answer is: a cache's `Age` or hit header widens or flags it.
    read_header_answer(url, timing, |name| readings.header(name).map(str::to_owned)).ok()
}
