//! The words a link's own service is made of: its name, the refusal its clients see and
//! its note. [`Service`](crate::verdict::Service) holds them as text, so the service
//! constructors in `verdict::link` take them from here. They are facts as well as words
//! (a report and a permalink carry the name), so they are made in English whatever the
//! page speaks; the page says them in its language with
//! [`service_name`](crate::words::service_name).

use crate::words::catalogue::{Catalogue, Words, in_language};
use crate::words::quote::named_by_link;
use std::rc::Rc;

/// The short name of a link's own service's refusal (its vendor's error code is unknown).
pub const LINK_REFUSAL_CODE: Words = Words("refused");

/// What a client of a link's own service sees when refused (its vendor's text is unknown).
pub const LINK_REFUSAL_MESSAGE: Words = Words("the request time is too far from the server's time");

/// The note on a link's own service: where its tolerance comes from.
pub const LINK_TOLERANCE_NOTE: Words = Words("The tolerance comes from the link you were sent.");

/// The name of a link's own service that the link did not name.
const YOUR_SERVICE: Words = Words("your service");

/// `say` in English, whatever the page speaks: a service's name is stored as a fact.
pub(crate) fn in_english<T>(say: impl FnOnce() -> T) -> T {
    in_language(&Rc::new(Catalogue::english()), say)
}

/// The name of a link's own service: the name the link gave, quoted and marked as the
/// link's ([`named_by_link`]), or `your service`. In English (see the module).
pub fn link_service_name(name: Option<&str>) -> String {
    in_english(|| name.map_or_else(|| YOUR_SERVICE.text(), named_by_link))
}

/// The name of a catalogue service whose limit the link replaced, which says so: `Kerberos
/// (Active Directory sign-in) (limit set by this link)`. In English (see the module).
pub fn link_limited_name(original: &str) -> String {
    in_english(|| limited_name(original))
}

/// [`link_limited_name`] in the language spoken now.
pub(crate) fn limited_name(original: &str) -> String {
    say!("{service} (limit set by this link)", service = original)
}
