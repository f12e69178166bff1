use super::{LiveClocks, MeasurementDetails, VerdictPanel};
use crate::browser::page_address;
use crate::engine::verdict::{AMAZON_S3, Service};
use crate::measure::{self, Failure, Phase, Setup};
use leptos::leptos_dom::helpers::set_interval_with_handle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How often the live clocks redraw: often enough that seconds never look stuck.
const CLOCK_TICK: Duration = Duration::from_millis(200);

/// The whole page: measures on load and on "Check again".
#[component]
pub fn App() -> impl IntoView {
    let setup: Result<Setup, Failure> = page_address()
        .ok_or_else(|| Failure {
            message: "This page cannot read its own address.".to_owned(),
            advice: "Open the link in a normal browser tab.".to_owned(),
        })
        .and_then(|page| measure::setup_from(&page));
    let service: &'static Service = setup
        .as_ref()
        .map_or(&AMAZON_S3, |setup| setup.config.service);
    let phase = RwSignal::new(match &setup {
        Ok(_) => Phase::starting(),
        Err(failure) => Phase::Failed(failure.clone()),
    });
    let setup = StoredValue::new(setup.ok());
    // Each run gets a number; reports from a superseded run are ignored.
    let current_run = StoredValue::new(0u64);

    let check = move || {
        let Some(setup) = setup.get_value() else {
            return;
        };
        let run_number = current_run.get_value() + 1;
        current_run.set_value(run_number);
        phase.set(Phase::starting());
        spawn_local(async move {
            measure::run(&setup, move |next| {
                if current_run.get_value() == run_number {
                    phase.set(next);
                }
            })
            .await;
        });
    };
    check();

    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(ticker) = set_interval_with_handle(move || now.set(js_sys::Date::now()), CLOCK_TICK) {
        on_cleanup(move || ticker.clear());
    }
    let offset_ms = Signal::derive(move || {
        phase.with(|phase| phase.measurement().map(|m| m.estimate.offset_ms()))
    });
    let measuring = move || matches!(phase.get(), Phase::Measuring { .. });
    let can_retry = setup.with_value(Option::is_some);

    view! {
        <main class="page">
            <header class="masthead">
                <h1>"Is this device's clock right?"</h1>
                <p class="lede">
                    "skewcheck compares this device's clock with a time server and tells you whether uploads to "
                    {service.name} " will be accepted."
                </p>
            </header>
            <VerdictPanel phase=phase service=service />
            <LiveClocks now=now offset_ms=offset_ms />
            <div class="actions">
                <button
                    type="button"
                    class="check-again"
                    data-testid="check-again"
                    disabled=move || measuring() || !can_retry
                    on:click=move |_| check()
                >
                    "Check again"
                </button>
            </div>
            <MeasurementDetails phase=phase />
            <footer class="footer">
                <p>
                    "skewcheck measures over HTTP like NTP does (RFC 5905): it times several requests and keeps only what their round trips allow."
                </p>
            </footer>
        </main>
    }
}
