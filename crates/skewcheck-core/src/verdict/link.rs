//! Services a link shapes: its own (`?limit=` alone), or a catalogue service whose limit
//! it replaces, and the report ids that rebuild either.

use super::catalogue::service_by_id;
use super::service::{Citation, Limit, Service, Symptom, Tolerance};
use crate::words::link_service::{
    LINK_REFUSAL_CODE, LINK_REFUSAL_MESSAGE, LINK_TOLERANCE_NOTE, link_limited_name,
    link_service_name,
};
use std::borrow::Cow;

const GENERIC_REFUSAL: Symptom = Symptom {
    code: LINK_REFUSAL_CODE.0,
    message: LINK_REFUSAL_MESSAGE.0,
};

impl Service {
    /// A service of the link's own: `limit_ms` either way (documented, since the sender
    /// knows it). A `name` is the link's words, so it is shown quoted and marked as such
    /// ([`named_by_link`](crate::words::named_by_link)) wherever the page names the service.
    pub fn custom(name: Option<&str>, limit_ms: u64) -> Self {
        Self {
            id: Cow::Borrowed(CUSTOM_ID),
            name: Cow::Owned(link_service_name(name)),
            tolerance: Tolerance::symmetric(limit_ms),
            when_fast: GENERIC_REFUSAL,
            when_slow: GENERIC_REFUSAL,
            note: LINK_TOLERANCE_NOTE.0,
            citation: Citation::Link,
        }
    }

    /// This service with both limits replaced by `limit_ms` (e.g. a krb5.conf `clockskew`,
    /// or a JWT library's leeway), as the link says. Its name says that the link set the
    /// limit, so the page never states the link's number as the vendor's.
    pub fn with_limit(&self, limit_ms: u64) -> Self {
        let original = self.link_limited_original().unwrap_or(self);
        Self {
            name: Cow::Owned(link_limited_name(&original.name)),
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
            citation: Citation::Link,
            ..original.clone()
        }
    }

    /// For a catalogue service whose limit the link replaced ([`with_limit`](Self::with_limit)):
    /// the catalogue service itself, with its own limits.
    pub fn link_limited_original(&self) -> Option<&'static Service> {
        (self.citation == Citation::Link)
            .then(|| service_by_id(&self.id))
            .flatten()
    }

    /// The id a report stores for this service, from which [`service_for_report_id`] rebuilds
    /// it: the catalogue id (`kerberos`), or with a limit set by the link
    /// `<id>-limit-<ms>` (`kerberos-limit-600000`, `custom-limit-90000`).
    pub fn report_id(&self) -> String {
        if self.citation == Citation::Link {
            format!("{}{LIMIT_INFIX}{}", self.id, self.tolerance.widest_ms())
        } else {
            self.id.to_string()
        }
    }
}

/// The [`Service::id`] of a service a link defines with `?limit=` alone.
pub const CUSTOM_ID: &str = "custom";

/// Between a service id and a link's limit in [`Service::report_id`].
pub(crate) const LIMIT_INFIX: &str = "-limit-";

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
