//! Every service's verdict for one measured interval: the link's service first, then the
//! rest of the catalogue. Facts only; [`crate::words::service_result_line`] says them.

use crate::sample::OffsetInterval;
use crate::verdict::{Assessment, SERVICES, Service, Verdict, assess};

/// The services listed under `primary`: every catalogue service but `primary` itself —
/// and when the link replaced `primary`'s limit, the catalogue one too, with its own.
pub fn listed_services(primary: &Service) -> impl Iterator<Item = &Service> {
    let link_limited = primary.link_limited_original().is_some();
    let catalogue: &[Service] = &SERVICES;
    catalogue
        .iter()
        .filter(move |service| link_limited || service.id != primary.id)
}

/// One service's verdict, for the list under the main one and for reports.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceResult {
    /// [`Service::id`]; for the primary service its [`Service::report_id`].
    pub id: String,
    /// The service judged.
    pub service: Service,
    /// Its assessment of the interval.
    pub assessment: Assessment,
    /// The verdict shown: the assessment's, except `Warning` when the time sources
    /// disagree (then neither `ok` nor `rejected` rests on one source).
    pub verdict: Verdict,
    /// Whether the time sources disagreed, so the verdict was not decided.
    pub undecided: bool,
}

impl ServiceResult {
    /// This result when the time sources disagree: like the main verdict, neither `ok` nor
    /// `rejected` on the strength of one source.
    #[must_use]
    pub fn undecided(self) -> Self {
        match self.verdict {
            Verdict::Ok | Verdict::Rejected => Self {
                verdict: Verdict::Warning,
                undecided: true,
                ..self
            },
            Verdict::Warning | Verdict::Unknown => self,
        }
    }
}

/// Verdicts for `primary` first, then the [`listed_services`]. The primary's id is its
/// [`Service::report_id`], so a report rebuilds the very service it was judged by.
pub fn service_results(primary: &Service, interval: OffsetInterval) -> Vec<ServiceResult> {
    std::iter::once(primary)
        .chain(listed_services(primary))
        .enumerate()
        .map(|(position, service)| {
            let assessment = assess(service, Some(interval));
            ServiceResult {
                id: if position == 0 {
                    service.report_id()
                } else {
                    service.id.to_string()
                },
                service: service.clone(),
                verdict: assessment.verdict,
                assessment,
                undecided: false,
            }
        })
        .collect()
}
