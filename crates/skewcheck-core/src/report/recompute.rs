//! A permalink is a claim: anyone can write one. What its numbers imply is worked out again
//! here; the verdict words it carries are shown only as what the sender's page said.

use crate::report::model::{Finding, Report, ReportedVerdict, ServiceVerdict};
use crate::sample::OffsetInterval;
use crate::verdict::{CUSTOM_ID, Service, assess, service_for_report_id};
use crate::words::quote::named_by_link;
use crate::words::service_line;

impl ServiceVerdict {
    /// The service this line was judged by, rebuilt from its id
    /// ([`Service::report_id`]); `None` when this page does not know it.
    pub fn checked_service(&self) -> Option<Service> {
        service_for_report_id(&self.service_id)
    }
}

impl Report {
    /// The offset interval the report's numbers allow.
    pub fn interval(&self) -> OffsetInterval {
        OffsetInterval::around(self.offset_ms as f64, self.uncertainty_ms as f64)
    }

    /// What `line` can be taken as: its verdict recomputed from this report's numbers, or
    /// only the sender's claim.
    pub fn finding(&self, line: &ServiceVerdict) -> Finding {
        match line.checked_service() {
            Some(service) => Finding::Recomputed(assess(&service, Some(self.interval())).verdict),
            None => Finding::Claimed(line.verdict.verdict()),
        }
    }

    /// The report as this page can vouch for it. For every service it can rebuild
    /// ([`ServiceVerdict::checked_service`]) the verdict and detail line are worked out
    /// again from the offset and uncertainty, with the same words the measuring page used,
    /// and the name is this page's own (a catalogue name, or a link's name marked as the
    /// link's). Other services keep their verdict word and line, which
    /// [`finding`](Self::finding) and [`crate::words::report_text`] show only as a claim;
    /// their names are marked as the link's.
    pub fn with_recomputed_details(mut self) -> Report {
        let interval = self.interval();
        for line in &mut self.verdicts {
            let Some(service) = line.checked_service() else {
                line.service = named_by_link(&line.service);
                continue;
            };
            let assessment = assess(&service, Some(interval));
            line.verdict = ReportedVerdict::from(assessment.verdict);
            line.detail = service_line(&service, &assessment);
            // A link's own service is rebuilt unnamed (its name travels apart): a line that
            // is unnamed or carries that same name keeps it; any other name is the link's.
            if service.id != CUSTOM_ID || line.service.is_empty() || line.service == service.name {
                line.service = service.name.into_owned();
            } else {
                line.service = named_by_link(&line.service);
            }
        }
        self
    }
}
