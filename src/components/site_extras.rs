//! What the deployment's `skewcheck.json` adds to the page: the support e-mail link, and
//! notices for the page's owner when the file has problems.

use crate::language::PageLanguage;
use leptos::prelude::*;
use skewcheck_core::report::Report;
use skewcheck_core::site_config::SiteFile;
use skewcheck_core::words::SITE_OWNER_NOTES;
use skewcheck_core::words::{site_notice_words, support_label, support_mailto};

/// "Email this result to Acme support", once there is a result, when the file names support;
/// and the file's problems, for whoever deployed the page.
#[component]
pub fn SiteExtras(
    /// The file as read (`None` while it is still on its way).
    #[prop(into)]
    site: Signal<Option<SiteFile>>,
    /// The result to send.
    #[prop(into)]
    report: Signal<Option<Report>>,
) -> impl IntoView {
    let language = expect_context::<PageLanguage>();
    let email = move || {
        let support =
            site.with(|site| site.as_ref().and_then(|site| site.config.support.clone()))?;
        let report = report.get()?;
        // In the deployment's report language, with the language the client read.
        let seen = language.lang.get_untracked();
        let href = language.in_report_language(|| {
            let text = skewcheck_core::words::report_text(&report, seen);
            support_mailto(&support, report.ticket.as_deref(), &text)
        });
        Some(view! {
            <p class="support-email">
                <a href=href data-testid="support-email">{support_label(&support)}</a>
            </p>
        })
    };
    let notices = move || {
        let notices = site.with(|site| site.as_ref().map(|site| site.notices.clone()))?;
        (!notices.is_empty()).then(|| {
            view! {
                <details class="details" data-testid="site-config-notices">
                    <summary>{SITE_OWNER_NOTES.text()}</summary>
                    <ul>
                        {notices
                            .into_iter()
                            .map(|notice| view! { <li data-testid="site-config-notice">{site_notice_words(&notice)}</li> })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    };
    view! { {email} {notices} }
}
