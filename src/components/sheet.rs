//! The field sheet (`#sheet`): the results this browser collected, worst first, and "Add
//! to field sheet" on a result. The sheet is the core's ([`Sheet`]: what is kept, in which
//! order, what the stored value says); this module reads and writes it through
//! [`crate::storage`] and draws it. Nothing of it is ever sent.

use crate::browser::{BrowserClock, can_share, download_text, share};
use crate::components::language::LanguageSwitcher;
use crate::components::support::copy_to_clipboard;
use crate::storage::{self, StorageError};
use leptos::prelude::*;
use skewcheck_core::address::page_base;
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::sheet::{
    AddRefusal, MAX_ROWS, STORAGE_KEY, Sheet, SheetNotice, csv_of, summary,
};
use skewcheck_core::words::{
    CHECK_THIS_DEVICE, FIELD_SHEET, SHARE_RESULT, SHEET_ADD, SHEET_ADDED, SHEET_CLEAR,
    SHEET_CLEAR_NO, SHEET_CLEAR_YES, SHEET_COLUMNS, SHEET_COPY, SHEET_CSV, SHEET_EMPTY, SHEET_FULL,
    SHEET_INTRO, SHEET_NOT_STORED, SHEET_REMOVE, STORAGE_UNAVAILABLE, Words, clear_question,
    row_cells, sheet_full_words, sheet_notice_words, sheet_summary, sheet_text,
};

/// The stored sheet, what reading it found wrong, and whether storage could be read at all.
fn load() -> (Sheet, Option<SheetNotice>, Option<StorageError>) {
    match storage::read(STORAGE_KEY) {
        Ok(stored) => {
            let (sheet, notice) = Sheet::parse(stored.as_deref());
            (sheet, notice, None)
        }
        Err(error) => (Sheet::default(), None, Some(error)),
    }
}

/// Stores `sheet`.
fn save(sheet: &Sheet) -> Result<(), StorageError> {
    storage::write(STORAGE_KEY, &sheet.to_stored())
}

/// Now by this device's clock, epoch ms.
#[expect(
    clippy::cast_possible_truncation,
    reason = "`as` saturates; a wall clock is far within i64 ms"
)]
fn now_ms() -> i64 {
    BrowserClock.wall_ms() as i64
}

/// "Add to field sheet" for the result of the permalink `fragment` (which the sheet
/// accepts: the caller checks [`skewcheck_core::sheet::accepts`]); once added, a link to
/// the sheet.
#[component]
pub fn SheetAdd(
    /// The result's permalink fragment.
    fragment: String,
) -> impl IntoView {
    let added = RwSignal::new(load().0.has(&fragment));
    let refusal = RwSignal::new(None::<Words>);
    let add = move |_| {
        let (mut sheet, _, _) = load();
        let outcome = match sheet.add(&fragment, now_ms()) {
            Ok(_) => save(&sheet).map_err(|_| SHEET_NOT_STORED),
            Err(AddRefusal::Full) => Err(SHEET_FULL),
            Err(AddRefusal::Refused(_)) => Err(SHEET_NOT_STORED),
        };
        added.set(outcome.is_ok());
        refusal.set(outcome.err());
    };
    view! {
        <p class="sheet-add">
            <button type="button" class="secondary" data-testid="sheet-add" data-added=move || added.get().to_string() disabled=move || added.get() on:click=add>
                {move || if added.get() { SHEET_ADDED } else { SHEET_ADD }.text()}
            </button>
            {move || added.get().then(|| view! { " " <a href="#sheet" data-testid="sheet-open">{FIELD_SHEET.text()}</a> })}
            <span class="status" role="status" data-testid="sheet-add-status">{move || refusal.get().map(Words::text)}</span>
        </p>
    }
}

/// The sheet page: every result this browser collected, worst first, with its summary,
/// the ways out (CSV, text, the share sheet) and removing. Measures nothing.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn SheetPage(
    /// The page's own address, the base of each row's permalink.
    page_url: String,
) -> impl IntoView {
    let (stored, notice, unreadable) = load();
    let sheet = RwSignal::new(stored);
    let not_stored = RwSignal::new(unreadable.is_some());
    let asking = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let base = page_base(&page_url).to_owned();
    let change = move |edit: &dyn Fn(&mut Sheet)| {
        sheet.update(|sheet| edit(sheet));
        not_stored.set(sheet.with_untracked(save).is_err());
    };
    let rows = move || sheet.with(Sheet::rows);
    let csv_base = base.clone();
    let download = move |_| {
        let csv = csv_of(&rows(), &csv_base);
        download_text("field-sheet.csv", "text/csv;charset=utf-8", &csv);
    };
    let share_sheet = move |_| {
        let text = sheet_text(&rows());
        spawn_share(text);
    };
    let table_rows = move || {
        rows()
            .into_iter()
            .map(|row| {
                let [name, verdict, offset, platform, measured] = row_cells(&row);
                let report = &row.report;
                let link = format!("{base}#{}", row.fragment);
                let fragment = row.fragment.clone();
                view! {
                    <tr data-testid="sheet-row" data-label=report.label.clone().unwrap_or_default() data-platform=report.platform.id() data-verdict=row.verdict.as_str() data-offset-ms=report.offset_ms.to_string() data-uncertainty-ms=report.uncertainty_ms.to_string() data-measured-at=format!("{:.0}", report.measured_at_ms) data-service=row.service_id().to_owned()>
                        <td><a href=link>{name}</a></td>
                        <td class=format!("verdict-{}", row.verdict.as_str())>{verdict}</td>
                        <td>{offset}</td>
                        <td>{platform}</td>
                        <td>{measured}</td>
                        <td><button type="button" class="secondary" data-testid="sheet-remove" on:click=move |_| change(&|sheet| { sheet.remove(&fragment); })>{SHEET_REMOVE.text()}</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <main class="page">
            <LanguageSwitcher />
            <header class="masthead">
                <h1>{FIELD_SHEET.text()}</h1>
                <p class="lede">{SHEET_INTRO.text()}</p>
            </header>
            <section class="card sheet" data-testid="sheet">
                {notice.map(|notice| view! { <p class="notice" role="alert" data-testid="sheet-notice">{sheet_notice_words(notice)}</p> })}
                {move || not_stored.get().then(|| view! { <p class="notice" role="alert" data-testid="sheet-storage">{STORAGE_UNAVAILABLE.text()}</p> })}
                {move || sheet.with(Sheet::is_full).then(|| view! { <p class="notice" role="status" data-testid="sheet-full">{sheet_full_words(MAX_ROWS)}</p> })}
                <p class="sheet-summary" data-testid="sheet-summary">{move || sheet_summary(&summary(&rows()))}</p>
                <div class="report-actions">
                    <button type="button" data-testid="sheet-csv" on:click=download>{SHEET_CSV.text()}</button>
                    <button type="button" class="secondary" data-testid="sheet-copy" on:click=move |_| copy_to_clipboard(sheet_text(&rows()), status)>{SHEET_COPY.text()}</button>
                    {can_share().then(|| view! { <button type="button" class="secondary" data-testid="sheet-share" on:click=share_sheet>{SHARE_RESULT.text()}</button> })}
                    <button type="button" class="secondary" data-testid="sheet-clear" on:click=move |_| asking.set(true)>{SHEET_CLEAR.text()}</button>
                    <span class="status" role="status" data-testid="sheet-status">{move || status.get()}</span>
                </div>
                {move || asking.get().then(|| view! {
                    <p class="sheet-confirm" role="alert" data-testid="sheet-clear-question">
                        {clear_question(sheet.with(Sheet::len))}" "
                        <button type="button" data-testid="sheet-clear-confirm" on:click=move |_| { change(&Sheet::clear); asking.set(false); }>{SHEET_CLEAR_YES.text()}</button>" "
                        <button type="button" class="secondary" data-testid="sheet-clear-cancel" on:click=move |_| asking.set(false)>{SHEET_CLEAR_NO.text()}</button>
                    </p>
                })}
                {move || if sheet.with(Sheet::is_empty) {
                    view! { <p data-testid="sheet-empty">{SHEET_EMPTY.text()}</p> }.into_any()
                } else {
                    view! {
                        <div class="sheet-table">
                            <table>
                                <thead><tr>{SHEET_COLUMNS.map(|column| view! { <th scope="col">{column.text()}</th> }).to_vec()}<th></th></tr></thead>
                                <tbody>{table_rows.clone()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <p><a href=page_base(&page_url).to_owned() data-testid="check-this-device">{CHECK_THIS_DEVICE.text()}</a></p>
        </main>
    }
}

/// Opens the share sheet with the sheet's text.
fn spawn_share(text: String) {
    leptos::task::spawn_local(async move {
        share(&FIELD_SHEET.text(), &text, "").await;
    });
}
