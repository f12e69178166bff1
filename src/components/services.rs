use leptos::prelude::*;
use skewcheck_core::outcomes::{ServiceResult, listed_services};
use skewcheck_core::verdict::{Service, Verdict};
use skewcheck_core::words::{
    OTHER_SYSTEMS, service_name, service_result_line, verdict_glyph, verdict_word,
};

/// Short word and glyph for a verdict: colour is never the only signal.
pub fn verdict_badge(verdict: Verdict) -> (&'static str, String) {
    (verdict_glyph(verdict), verdict_word(verdict))
}

/// Every other system's verdict for the same measurement. Until there is one, the same
/// rows wait with "…", so nothing below moves when the result arrives.
#[component]
pub fn ServiceList(
    /// Results, the link's own service first (it is shown above, so skipped here).
    #[prop(into)]
    results: Signal<Option<Vec<ServiceResult>>>,
    /// The link's own service.
    #[prop(into)]
    primary: Signal<Service>,
) -> impl IntoView {
    // Every other listed service, waiting with "…".
    let waiting = move || {
        primary.with(|primary| {
            listed_services(primary)
                .map(|service| Row {
                    id: service.id.to_string(),
                    name: service_name(service),
                    verdict: Verdict::Unknown,
                    line: "…".to_owned(),
                })
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        results.get().map_or_else(waiting, |results| {
            results.iter().skip(1).map(Row::of).collect()
        })
    };
    move || {
        Some(rows()).map(|rows| {
            view! {
                <section class="card services" data-testid="service-list">
                    <h3>{OTHER_SYSTEMS.text()}</h3>
                    <ul>
                        {rows
                            .into_iter()
                            .map(|result| {
                                let (glyph, word) = verdict_badge(result.verdict);
                                view! {
                                    <li class=format!("service verdict-{}", result.verdict.as_str()) data-service=result.id data-verdict=result.verdict.as_str()>
                                        <span class="badge"><span aria-hidden="true">{glyph}</span>" "{word}</span>
                                        <span class="service-name">{result.name}</span>
                                        <span class="service-line">{result.line}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// One row of the list, in words.
#[derive(Clone)]
struct Row {
    id: String,
    name: String,
    verdict: Verdict,
    line: String,
}

impl Row {
    fn of(result: &ServiceResult) -> Self {
        Self {
            id: result.id.clone(),
            name: service_name(&result.service),
            verdict: result.verdict,
            line: service_result_line(result),
        }
    }
}
