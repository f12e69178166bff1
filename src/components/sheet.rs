//! The field sheet (`#sheet`): the results this browser collected, worst first, and "Add
//! to field sheet" on a result. The sheet is the core's ([`Sheet`]: what is kept, in which
//! order, what the stored value says); this module reads and writes it through
//! [`crate::storage`] and draws it. Nothing of it is ever sent.

use crate::browser::{BrowserClock, can_share, download_text, share};
use crate::components::language::LanguageSwitcher;
use crate::components::markup::{button, clicked_button, escaped, paragraph};
use crate::components::support::copy_to_clipboard;
use crate::storage::{self, StorageError};
use leptos::prelude::*;
use skewcheck_core::address::page_base;
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::sheet::{
    AddRefusal, MAX_ROWS, Row, STORAGE_KEY, Sheet, SheetNotice, csv_of, summary,
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

/// An epoch time as whole ms (a report's times are whole ms), without the float formatting
/// code `format!("{:.0}")` would bring into the wasm.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a report's times are whole ms within ±1e15"
)]
fn whole_ms(ms: f64) -> String {
    (ms as i64).to_string()
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
/// the sheet. Written as markup, as the sheet's section is ([`SheetPage`]).
#[component]
pub fn SheetAdd(
    /// The result's permalink fragment.
    fragment: String,
) -> impl IntoView {
    // The markup in a signal of a type the page has anyway (no reactive code of its own).
    let added = load().0.has(&fragment);
    let markup = RwSignal::new(add_markup(added, None));
    let done = std::cell::Cell::new(added);
    let add = move |event: leptos::ev::MouseEvent| {
        if clicked_button(&event).is_none() || done.get() {
            return;
        }
        let (mut sheet, notice, _) = load();
        let outcome = match sheet.add(&fragment, now_ms()) {
            _ if notice.is_some_and(SheetNotice::keeps_stored_value) => Err(SHEET_NOT_STORED),
            Ok(_) => save(&sheet).map_err(|_| SHEET_NOT_STORED),
            Err(AddRefusal::Full) => Err(SHEET_FULL),
            Err(AddRefusal::Refused(_)) => Err(SHEET_NOT_STORED),
        };
        done.set(outcome.is_ok());
        markup.set(add_markup(outcome.is_ok(), outcome.err()));
    };
    view! { <p class="sheet-add" on:click=add inner_html=markup></p> }
}

/// "Add to field sheet" (or "Added" and the link to the sheet), and why it was not added.
fn add_markup(added: bool, refusal: Option<Words>) -> String {
    let mut out = String::new();
    let (extra, words) = if added {
        (" data-added=\"true\" disabled", SHEET_ADDED)
    } else {
        (" data-added=\"false\"", SHEET_ADD)
    };
    button(&mut out, "sheet-add", "secondary", extra, &words.text());
    if added {
        out.push_str(&format!(
            " <a href=\"#sheet\" data-testid=\"sheet-open\">{}</a>",
            escaped(&FIELD_SHEET.text())
        ));
    }
    out.push_str(&format!(
        " <span class=\"status\" role=\"status\" data-testid=\"sheet-add-status\">{}</span>",
        escaped(&refusal.map(Words::text).unwrap_or_default())
    ));
    out
}

/// What the sheet page shows: the sheet and its passing states.
struct State {
    sheet: Sheet,
    /// What reading the stored value found wrong.
    notice: Option<SheetNotice>,
    /// Whether the browser refused the last read or write.
    not_stored: bool,
    /// Whether "Clear the sheet" is asking.
    asking: bool,
}

/// The sheet page: every result this browser collected, worst first, with its summary,
/// the ways out (CSV, text, the share sheet) and removing. Measures nothing.
///
/// The sheet's section is written as markup ([`sheet_markup`], every text escaped) with one
/// click handler for all its buttons, and its state kept beside the page: with the section
/// as a Leptos view (every element's build code, a signal of its own state) the field sheet
/// grew the first load by ≈ 34 KiB gzip, as markup by ≈ 15 KiB (the issue allows 6). The
/// page's Content-Security-Policy would not run a script a text smuggled in either.
#[component]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Leptos hands every prop over by value"
)]
pub fn SheetPage(
    /// The page's own address, the base of each row's permalink.
    page_url: String,
) -> impl IntoView {
    let (sheet, notice, unreadable) = load();
    // The state beside the page, its markup in a signal of a type the page has anyway: a
    // signal of the state would compile reactive code of its own.
    let state = std::rc::Rc::new(std::cell::RefCell::new(State {
        sheet,
        notice,
        not_stored: unreadable.is_some(),
        asking: false,
    }));
    let status = RwSignal::new(String::new());
    let base = page_base(&page_url).to_owned();
    let shareable = can_share();
    let markup = RwSignal::new(sheet_markup(&state.borrow(), &base, shareable));
    let click = move |event: leptos::ev::MouseEvent| {
        let Some(button) = clicked_button(&event) else {
            return;
        };
        let action = button.get_attribute("data-testid").unwrap_or_default();
        let rows = state.borrow().sheet.rows();
        let change = |edit: &dyn Fn(&mut State)| {
            let mut state = state.borrow_mut();
            edit(&mut state);
            state.not_stored = save(&state.sheet).is_err();
        };
        match action.as_str() {
            "sheet-remove" => {
                let fragment = button.get_attribute("data-fragment").unwrap_or_default();
                change(&|state| {
                    state.sheet.remove(&fragment);
                });
            }
            "sheet-clear" => state.borrow_mut().asking = true,
            "sheet-clear-cancel" => state.borrow_mut().asking = false,
            "sheet-clear-confirm" => change(&|state| {
                state.sheet.clear();
                state.asking = false;
            }),
            "sheet-csv" => {
                download_text(
                    "field-sheet.csv",
                    "text/csv;charset=utf-8",
                    &csv_of(&rows, &base),
                );
            }
            "sheet-copy" => copy_to_clipboard(sheet_text(&rows), status),
            "sheet-share" => spawn_share(sheet_text(&rows)),
            _ => return,
        }
        markup.set(sheet_markup(&state.borrow(), &base, shareable));
    };
    view! {
        <main class="page">
            <LanguageSwitcher />
            <header class="masthead">
                <h1>{FIELD_SHEET.text()}</h1>
                <p class="lede">{SHEET_INTRO.text()}</p>
            </header>
            <section class="card sheet" data-testid="sheet" on:click=click inner_html=markup></section>
            <p class="status" role="status" data-testid="sheet-status">{status}</p>
            <p><a href=page_base(&page_url).to_owned() data-testid="check-this-device">{CHECK_THIS_DEVICE.text()}</a></p>
        </main>
    }
}

/// The sheet's section as markup (the DOM contract's hooks, docs/dom-contract.md).
fn sheet_markup(state: &State, base: &str, shareable: bool) -> String {
    let rows = state.sheet.rows();
    let mut out = String::new();
    if let Some(notice) = state.notice {
        paragraph(
            &mut out,
            "notice",
            "alert",
            "sheet-notice",
            &sheet_notice_words(notice),
        );
    }
    if state.not_stored {
        paragraph(
            &mut out,
            "notice",
            "alert",
            "sheet-storage",
            &STORAGE_UNAVAILABLE.text(),
        );
    }
    if state.sheet.is_full() {
        paragraph(
            &mut out,
            "notice",
            "status",
            "sheet-full",
            &sheet_full_words(MAX_ROWS),
        );
    }
    paragraph(
        &mut out,
        "sheet-summary",
        "status",
        "sheet-summary",
        &sheet_summary(&summary(&rows)),
    );
    out.push_str("<div class=\"report-actions\">");
    button(&mut out, "sheet-csv", "secondary", "", &SHEET_CSV.text());
    button(&mut out, "sheet-copy", "secondary", "", &SHEET_COPY.text());
    if shareable {
        button(
            &mut out,
            "sheet-share",
            "secondary",
            "",
            &SHARE_RESULT.text(),
        );
    }
    button(
        &mut out,
        "sheet-clear",
        "secondary",
        "",
        &SHEET_CLEAR.text(),
    );
    out.push_str("</div>");
    if state.asking {
        out.push_str(&format!(
            "<p class=\"sheet-confirm\" role=\"alert\" data-testid=\"sheet-clear-question\">{} ",
            escaped(&clear_question(state.sheet.len()))
        ));
        button(
            &mut out,
            "sheet-clear-confirm",
            "",
            "",
            &SHEET_CLEAR_YES.text(),
        );
        out.push(' ');
        button(
            &mut out,
            "sheet-clear-cancel",
            "secondary",
            "",
            &SHEET_CLEAR_NO.text(),
        );
        out.push_str("</p>");
    }
    if rows.is_empty() {
        out.push_str(&format!(
            "<p data-testid=\"sheet-empty\">{}</p>",
            escaped(&SHEET_EMPTY.text())
        ));
    } else {
        table_markup(&mut out, &rows, base);
    }
    out
}

/// The rows as a table, each with its "Remove".
fn table_markup(out: &mut String, rows: &[Row], base: &str) {
    out.push_str("<div class=\"sheet-table\"><table><thead><tr>");
    for column in SHEET_COLUMNS {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            escaped(&column.text())
        ));
    }
    out.push_str("<th></th></tr></thead><tbody>");
    for row in rows {
        let report = &row.report;
        let [name, verdict, offset, platform, measured] = row_cells(row);
        out.push_str(&format!(
            "<tr data-testid=\"sheet-row\" data-label=\"{}\" data-platform=\"{}\" data-verdict=\"{}\" data-offset-ms=\"{}\" data-uncertainty-ms=\"{}\" data-measured-at=\"{}\" data-service=\"{}\"><td><a href=\"{}\">{}</a></td><td class=\"verdict-{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
            escaped(report.label.as_deref().unwrap_or_default()),
            report.platform.id(),
            row.verdict.as_str(),
            report.offset_ms,
            report.uncertainty_ms,
            whole_ms(report.measured_at_ms),
            escaped(row.service_id()),
            escaped(&format!("{base}#{}", row.fragment)),
            escaped(&name),
            row.verdict.as_str(),
            escaped(&verdict),
            escaped(&offset),
            escaped(&platform),
            escaped(&measured),
        ));
        let fragment = format!(" data-fragment=\"{}\"", escaped(&row.fragment));
        button(
            out,
            "sheet-remove",
            "secondary",
            &fragment,
            &SHEET_REMOVE.text(),
        );
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
}

/// Opens the share sheet with the sheet's text.
fn spawn_share(text: String) {
    leptos::task::spawn_local(async move {
        share(&FIELD_SHEET.text(), &text, "").await;
    });
}
