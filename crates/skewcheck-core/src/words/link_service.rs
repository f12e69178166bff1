//! The words a link's own service is made of: its name, the refusal its clients see and
//! its note. [`Service`](crate::verdict::Service) holds them as text, so the service
//! constructors in `verdict::link` take them from here.

use crate::words::quote::named_by_link;

/// The short name of a link's own service's refusal (its vendor's error code is unknown).
pub const LINK_REFUSAL_CODE: &str = "refused";

/// What a client of a link's own service sees when refused (its vendor's text is unknown).
pub const LINK_REFUSAL_MESSAGE: &str = "the request time is too far from the server's time";

/// The note on a link's own service: where its tolerance comes from.
pub const LINK_TOLERANCE_NOTE: &str = "The tolerance comes from the link you were sent.";

/// The name of a link's own service: the name the link gave, quoted and marked as the
/// link's ([`named_by_link`]), or `your service`.
pub fn link_service_name(name: Option<&str>) -> String {
    name.map_or_else(|| "your service".to_owned(), named_by_link)
}

/// The name of a catalogue service whose limit the link replaced, which says so: `Kerberos
/// (Active Directory sign-in) (limit set by this link)`.
pub fn link_limited_name(original: &str) -> String {
    format!("{original} (limit set by this link)")
}
