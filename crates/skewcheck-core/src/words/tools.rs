//! The page's tools in words: the link maker for support staff, the server check, the paste
//! box, and the notes for the page's owner.

use crate::words::catalogue::Words;
use crate::words::catalogue::translated;

/// The summary of the link maker.
pub const LINK_MAKER: Words = Words("For support staff: make a link");

/// The link maker's ticket field.
pub const LINK_TICKET: Words = Words("Ticket reference");

/// The link maker's service menu.
pub const LINK_SERVICE: Words = Words("Service");

/// The service menu's last choice: a service of one's own, with its limit.
pub const LINK_OWN_SERVICE: Words = Words("Your own (set a limit)");

/// The link maker's limit field.
pub const LINK_LIMIT: Words = Words("Limit in seconds (optional)");

/// The link maker's field for the name of one's own service.
pub const LINK_SERVICE_NAME: Words = Words("Name of your service (optional)");

/// The link maker's field for a time endpoint.
pub const LINK_ENDPOINT: Words = Words("Time endpoint (optional)");

/// The button that copies the link.
pub const COPY_LINK: Words = Words("Copy link");

/// The summary of the server check.
pub const SERVER_CHECK: Words = Words("Checking a server?");

/// Why check a server, and what the commands do.
pub const SERVER_CHECK_INTRO: Words = Words(
    "In the incident behind skewcheck the wrong clock was on a server. Run one of these on the server: it compares the server's clock with the same reference this page used and prints the offset (1 s resolution).",
);

/// The heading of the command that checks a Linux server.
pub const SERVER_LINUX: &str = "Linux";

/// The heading of the command that checks a Mac.
pub const SERVER_MACOS: &str = "macOS";

/// The heading of the command that checks a Windows server.
pub const SERVER_POWERSHELL: &str = "Windows PowerShell";

/// Before the commands that turn on network time.
pub const NETWORK_TIME_INTRO: Words = Words("Then turn on network time so it stays right:");

/// The heading of the command that turns on network time on Linux.
pub const NTP_LINUX: &str = "Linux (systemd)";

/// The heading of the command that turns on network time on a Mac.
pub const NTP_MACOS: &str = "macOS";

/// The heading of the command that turns on network time on Windows.
pub const NTP_WINDOWS: Words = Words("Windows (PowerShell as Administrator)");

/// The heading of the paste box.
pub const PASTE_HEADING: Words = Words("Have an error message? Paste it");

/// What happens to a paste: nothing leaves the page.
pub const PASTE_PRIVACY: Words = Words(
    "It is read here, in this page, as you type: nothing you paste is sent anywhere or kept.",
);

/// The paste box's accessible name.
pub const PASTE_BOX_LABEL: Words = Words("Error message to decode");

/// The paste box's example, shown while it is empty.
pub const PASTE_PLACEHOLDER: Words =
    Words("e.g. <Code>RequestTimeTooSkewed</Code> … <RequestTime>… <ServerTime>…");

/// Before the list of what the decoder looks for, when a paste held no usable times.
pub const NO_TIMES_FOUND: Words = Words("No usable times found. The decoder looks for:");

/// What a decoded paste is, and for which service (a built-in service's name, said in the
/// page's language): `S3 RequestTimeTooSkewed — Amazon S3`.
pub fn paste_form_line(form: &str, service: &str) -> String {
    say!("{form} — {service}", form, service = translated(service))
}

/// Where a JWT diagnosis's uncertainty comes from.
pub fn jwt_uncertainty_note(uncertainty_ms: i64) -> String {
    say!(
        "± {uncertainty} ms: the claims' 1 s resolution plus how well this page knows the correct time.",
        uncertainty = uncertainty_ms
    )
}

/// Where a signed request's uncertainty comes from: the timestamps' resolution and up to
/// `transit_allowance_ms` between signing and the server's check.
pub fn signed_request_uncertainty_note(uncertainty_ms: i64, transit_allowance_ms: i64) -> String {
    say!(
        "± {uncertainty} ms: the timestamps' resolution plus up to {transit} ms between signing and the server's check (a signed request is checked as it arrives).",
        uncertainty = uncertainty_ms,
        transit = transit_allowance_ms
    )
}

/// The summary of the notes for whoever deployed the page.
pub const SITE_OWNER_NOTES: Words = Words("Notes for this page's owner");
