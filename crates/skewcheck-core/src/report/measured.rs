//! The report of a measurement the page just made.

use crate::measure::Measurement;
use crate::platform::Platform;
use crate::report::model::{Report, ReportSource, ServiceVerdict};
use crate::words::service_result_line;

/// The report a client sends back to support: `device` in words, `platform` its id, and
/// the `ticket` the link carried.
pub fn report_of(
    measurement: &Measurement,
    device: String,
    platform: &str,
    ticket: Option<String>,
) -> Report {
    Report {
        measured_at_ms: measurement.reference_time_ms(),
        device_time_ms: measurement.device_time_ms,
        offset_ms: measurement.offset_ms_rounded(),
        uncertainty_ms: measurement.uncertainty_ms_rounded(),
        source: ReportSource::Measured(measurement.source.clone()),
        device,
        platform: Platform::from_id(platform).unwrap_or(Platform::Unknown),
        ticket,
        label: None,
        verdicts: measurement
            .services
            .iter()
            .map(|result| ServiceVerdict {
                service: result.service.name.to_string(),
                service_id: result.id.clone(),
                verdict: result.verdict.into(),
                detail: service_result_line(result),
            })
            .collect(),
    }
}
