//! Would a signed request be accepted, given the measured offset?
//!
//! The services themselves, with their limits and where those limits are documented, live
//! in [`catalogue`]. A limit that no vendor documents is marked `documented: false` and the
//! page says "typically" for it, never states it as fact.

pub mod catalogue;
mod judgement;
mod link;
mod service;

pub use catalogue::{AMAZON_S3, SERVICES, service_by_id};
pub use judgement::{Assessment, Direction, Verdict, assess};
#[cfg(test)]
pub(crate) use link::LIMIT_INFIX;
pub use link::{CUSTOM_ID, service_for_report_id};
pub use service::{Citation, Limit, SAFETY_MARGIN_MS, Service, Symptom, Tolerance};

#[cfg(test)]
mod tests;
