//! The live page's own words: the masthead, the verdict card around the measurement's
//! sentences (those are [`crate::words::measure`]'s), the clocks, the badges, the other
//! systems, the fix steps' headings and the footer.

use crate::estimate::Estimate;
use crate::live::LIVE_RECHECK_MS;
use crate::plan::Progress;
use crate::platform::Platform;
use crate::verdict::Verdict;
use crate::words::catalogue::Words;
use crate::words::numbers::{duration_in_full, duration_words};

/// The page's heading when the deployment's `skewcheck.json` names no title.
pub const DEFAULT_TITLE: Words = Words("Is this device's clock right?");

/// The document's title (the browser's tab) when the deployment names no title: index.html's
/// `<title>`, and the shell's in every language (`early-probe.js`).
pub const DOCUMENT_TITLE: Words = Words("skewcheck — is this device's clock right?");

/// What the page does, under its heading: uploads to `service` (its name) are the point.
pub fn lede(service: &str) -> String {
    say!(
        "skewcheck compares this device's clock with a time server and tells you whether uploads to {service} will be accepted.",
        service
    )
}

/// The button that measures again.
pub const CHECK_AGAIN: Words = Words("Check again");

/// How skewcheck measures, and how often it checks again while open (every
/// [`LIVE_RECHECK_MS`]), for the footer.
pub fn how_it_works() -> String {
    say!(
        "skewcheck measures over HTTP like NTP does (RFC 5905): it times each request and keeps only what the round trips allow. While this page stays open it checks again every {every}.",
        every = duration_in_full(LIVE_RECHECK_MS)
    )
}

/// The accessible name of the two clocks side by side.
pub const CLOCKS_LABEL: Words = Words("Clocks");

/// The heading over the device's own clock.
pub const THIS_DEVICE: Words = Words("This device");

/// The heading over the reference clock, unless its time source is disputed.
pub const CORRECT_TIME: Words = Words("Correct time");

/// The heading over the reference clock when another witness contradicts its source,
/// `host`: `Time at time.example (disputed)`.
pub fn disputed_time_label(host: &str) -> String {
    say!("Time at {host} (disputed)", host)
}

/// The verdict card's headline while the first answers come in.
pub const CHECKING: Words = Words("Checking the clock…");

/// The verdict card's headline when there is no result.
pub const COULD_NOT_CHECK: Words = Words("Could not check the clock");

/// How far the measurement has got: `Comparing with the time server (3 answers so far)`.
pub fn progress_text(progress: &Progress) -> String {
    say!(
        "Comparing with the time server ({answers} answers so far)",
        answers = progress.requests
    )
}

/// While a shown result is still being refined: `Refining the measurement: ± 400 ms so
/// far…`.
pub fn refining_text(estimate: &Estimate) -> String {
    say!(
        "Refining the measurement: ± {uncertainty} so far…",
        uncertainty = duration_words(estimate.uncertainty_ms())
    )
}

/// Whose clock is the judge, `host`: `Compared with time.example`.
pub fn compared_with(host: &str) -> String {
    say!("Compared with {host}", host)
}

/// The words before the error code uploads would get (the code follows, as code).
pub const ERROR_SEEN_INTRO: Words = Words("Uploads get the error ");

/// The label before the advice on the verdict card.
pub const HOW_TO_FIX: Words = Words("How to fix it: ");

/// A verdict's badge word (a glyph goes with it: colour is never the only signal).
pub fn verdict_word(verdict: Verdict) -> String {
    match verdict {
        Verdict::Ok => Words("OK"),
        Verdict::Warning => Words("At risk"),
        Verdict::Rejected => Words("Fails"),
        Verdict::Unknown => Words("Unknown"),
    }
    .text()
}

/// A verdict's glyph, beside its word or its headline: colour is never the only signal.
pub fn verdict_glyph(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "✓",
        Verdict::Warning => "!",
        Verdict::Rejected => "✕",
        Verdict::Unknown => "?",
    }
}

/// The badge word of a verdict a link only claims, which this page could not work out again.
pub const NOT_CHECKED: Words = Words("Not checked");

/// The heading over every other system's verdict.
pub const OTHER_SYSTEMS: Words = Words("Other systems on this device");

/// The heading over the fix steps for `platform`: `Keep the clock right on iPad`.
pub fn fix_steps_heading(platform: Platform) -> String {
    say!(
        "Keep the clock right on {platform}",
        platform = platform_name(platform)
    )
}

/// A platform as the page names it: the product's own name (iPad, Windows, Mac…), or words
/// for the two that have none (a command line, a device the page could not tell).
pub fn platform_name(platform: Platform) -> String {
    match platform {
        Platform::CommandLine => Words("Command line").text(),
        Platform::Unknown => Words("this device").text(),
        known => known.name().to_owned(),
    }
}

/// The accessible name of the platform tabs.
pub const DEVICE_TYPE: Words = Words("Device type");

/// The heading over the time-zone steps, when the offset looks like a wrong time zone.
pub const TIME_ZONE_FIRST: Words = Words("The time zone is probably wrong: set it first");
