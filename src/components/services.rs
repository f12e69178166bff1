use leptos::prelude::*;
use skewcheck_core::words::{ServiceResult, listed_services};
use skewcheck_core::verdict::{Service, Verdict};

/// Short word and glyph for a verdict: colour is never the only signal.
pub fn verdict_badge(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Ok => ("✓", "OK"),
        Verdict::Warning => ("!", "At risk"),
        Verdict::Rejected => ("✕", "Fails"),
        Verdict::Unknown => ("?", "Unknown"),
    }
}

/// Every other system's verdict for the same measurement. Until there is one, the same
/// rows wait with "…", so nothing below moves when the result arrives.
#[component]
pub fn ServiceList(
    /// Results, the link's own service first (it is shown above, so skipped here).
    #[prop(into)]
    results: Signal<Option<Vec<ServiceResult>>>,
    /// The link's own service.
    primary: StoredValue<Service>,
) -> impl IntoView {
    let (primary_id, primary_name) =
        primary.with_value(|primary| (primary.id.to_string(), primary.name.to_string()));
    // Every other listed service, waiting with "…".
    let others_waiting: Vec<ServiceResult> = primary.with_value(|primary| {
        listed_services(primary)
            .map(|s| ServiceResult {
                id: s.id.to_string(),
                name: s.name.to_string(),
                verdict: Verdict::Unknown,
                line: "…".to_owned(),
            })
            .collect()
    });
    let waiting = move || {
        std::iter::once(ServiceResult {
            id: primary_id.clone(),
            name: primary_name.clone(),
            verdict: Verdict::Unknown,
            line: String::new(),
        })
        .chain(others_waiting.iter().cloned())
        .collect::<Vec<_>>()
    };
    move || {
        Some(results.get().unwrap_or_else(&waiting)).map(|results| {
            view! {
                <section class="card services" data-testid="service-list">
                    <h3>"Other systems on this device"</h3>
                    <ul>
                        {results
                            .into_iter()
                            .skip(1)
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
