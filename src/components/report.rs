use crate::browser::{can_share, share};
use crate::components::link_text::TicketTag;
use crate::components::qr::PermalinkQr;
use crate::components::services::verdict_badge;
use crate::components::sheet::SheetAdd;
use crate::components::support::copy_to_clipboard;
use crate::language::PageLanguage;
use leptos::prelude::*;
use skewcheck_core::report::{Finding, MAX_LABEL_CHARS, Report, ServiceVerdict, encode_compact};
use skewcheck_core::sheet::accepts;
use skewcheck_core::verdict::Verdict;
use skewcheck_core::words::{
    CHECK_THIS_DEVICE, COPY_RESULT, DEVICE_NAME, LINK_TO_RESULT, NOT_CHECKED, PAST_CLAIM,
    PAST_HEADING, RESULT_TITLE, SEND_TO_SUPPORT, SHARE_RESULT, SHARED, past_age, past_claimed_line,
    past_result_line,
};
use skewcheck_core::words::{report_text, report_text_with_paste, spoken};

/// The permalink of a report: the page without query or fragment, plus the report fragment.
pub fn permalink(page_url: &str, report: &Report) -> String {
    let base = skewcheck_core::address::page_base(page_url);
    format!("{base}#{}", encode_compact(report))
}

/// "Send result to support": the device's name, copy as text, the share sheet, a permalink
/// and its QR code, and "Add to field sheet".
#[component]
pub fn ReportShare(
    /// The report of the current measurement, once final, with the device's name.
    #[prop(into)]
    report: Signal<Option<Report>>,
    /// The device's name as typed (the report carries it cleaned).
    label: RwSignal<String>,
    /// The page's own address, the base of the permalink.
    page_url: String,
) -> impl IntoView {
    // The section and its name field are drawn once there is a report, not with every
    // report or keystroke, so the field keeps its focus while the rest follows.
    let shown = Memo::new(move |_| report.with(Option::is_some));
    move || {
        let page_url = page_url.clone();
        shown.get().then(|| {
            view! {
                <section class="card report" data-testid="report">
                    <h3>{SEND_TO_SUPPORT.text()}</h3>
                    <p><label class="device-label">{DEVICE_NAME.text()}" "
                        <input type="text" maxlength=MAX_LABEL_CHARS.to_string() autocomplete="off" data-testid="device-label" bind:value=label />
                    </label></p>
                    <ReportBody report=report page_url=page_url />
                </section>
            }
        })
    }
}

/// The report's buttons, permalink, QR code and text, drawn again with every report.
#[component]
fn ReportBody(
    /// The report of the current measurement.
    report: Signal<Option<Report>>,
    /// The page's own address, the base of the permalink.
    page_url: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let shareable = can_share();
    let pasted = expect_context::<crate::components::paste::PastedDiagnosis>();
    let language = expect_context::<PageLanguage>();
    move || {
        let page_url = page_url.clone();
        let pasted = pasted.decoded.get().ok();
        report.get().map(|report| {
            let link = permalink(&page_url, &report);
            // In the deployment's report language, with the language the client read.
            let seen = language.lang.get_untracked();
            let (text, share_text) = language.in_report_language(|| {
                (
                    format!("{}\n\n{link}", report_text_with_paste(&report, pasted.as_ref(), seen)),
                    report_text(&report, seen),
                )
            });
            let qr_link = link.clone();
            let copy_text = text.clone();
            let share_link = link.clone();
            let fragment = encode_compact(&report);
            view! {
                    <div class="report-actions">
                        <button type="button" class="secondary" data-testid="copy-report" on:click=move |_| copy_to_clipboard(copy_text.clone(), status)>
                            {COPY_RESULT.text()}
                        </button>
                        {shareable.then(|| view! {
                            <button
                                type="button"
                                class="secondary"
                                data-testid="share-report"
                                on:click=move |_| {
                                    let (text, link) = (share_text.clone(), share_link.clone());
                                    leptos::task::spawn_local(async move {
                                        let shared = share(&RESULT_TITLE.text(), &text, &link).await;
                                        status.set(if shared { SHARED.text() } else { String::new() });
                                    });
                                }
                            >
                                {SHARE_RESULT.text()}
                            </button>
                        })}
                        <a href=link.clone() data-testid="permalink" target="_blank" rel="noopener">{LINK_TO_RESULT.text()}</a>
                        <span class="status" role="status" data-testid="copy-status">{move || status.get()}</span>
                    </div>
                    {accepts(&fragment).then(|| view! { <SheetAdd fragment=fragment /> })}
                    <PermalinkQr link=qr_link />
                    <pre class="report-text" data-testid="report-text">{text}</pre>
            }
        })
    }
}

/// A result opened from a permalink: what the sender's page produced, if the link is
/// genuine. Its verdicts are the ones its numbers imply (worked out again by
/// [`Report::with_recomputed_details`], which the caller applies); a verdict this page
/// cannot rebuild is shown as the sender's claim, never as a badge. Nothing is measured.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn PastReport(
    /// The decoded report, with its verdicts recomputed.
    report: Report,
    /// The page's own address, for "check this device instead".
    page_url: String,
) -> impl IntoView {
    let primary = report.verdicts.first().cloned();
    let finding = primary.as_ref().map(|line| report.finding(line));
    let verdict = finding.map_or(Verdict::Unknown, Finding::verdict);
    let (glyph, word) = match finding {
        Some(Finding::Claimed(_)) => ("?", NOT_CHECKED.text()),
        _ => verdict_badge(verdict),
    };
    let summary = primary.map(|line| past_line(&line, finding));
    let check_here = skewcheck_core::address::page_base(&page_url).to_owned();
    let age = skewcheck_core::clock::DeviceClock::wall_ms(&crate::browser::BrowserClock)
        - report.measured_at_ms;
    let text = report_text(&report, spoken());
    let Report {
        offset_ms,
        uncertainty_ms,
        ticket,
        ..
    } = report;
    let ticket_tag = ticket
        .clone()
        .map(|ticket| view! { <TicketTag ticket=ticket /> });
    view! {
        <section class="past-banner" data-testid="past-report" data-verdict=verdict.as_str() data-offset-ms=offset_ms.to_string() data-uncertainty-ms=uncertainty_ms.to_string() data-reference=ticket.clone()>
            <h2>{PAST_HEADING.text()}</h2>
            <p data-testid="past-claim">{PAST_CLAIM.text()}</p>
            {ticket_tag}
            <p data-testid="past-age">{past_age(age)}</p>
            <p class="past-verdict"><span class="badge">{glyph}" "{word}</span>" "{summary}</p>
        </section>
        <pre class="report-text card" data-testid="past-report-text">{text}</pre>
        <p><a href=check_here data-testid="check-this-device">{CHECK_THIS_DEVICE.text()}</a></p>
    }
}

/// The primary service's line under the badge: recomputed words, or the sender's claim.
fn past_line(line: &ServiceVerdict, finding: Option<Finding>) -> String {
    match finding {
        Some(Finding::Claimed(claim)) => past_claimed_line(&line.service, claim),
        _ => past_result_line(&line.service, &line.detail),
    }
}
