//! The page's language in the browser. The choice is the core's ([`choose`]: the link's
//! `lang`, else the deployment's `language`, else `navigator.languages`, else English); this
//! module loads the chosen language's file (`lang/<tag>.json`, which `early-probe.js` has
//! usually fetched already, in parallel with the wasm), speaks it ([`words::speak`]), keeps
//! `<html lang dir>` in step, and switches on the spot when the reader picks another.
//!
//! A file that cannot be loaded in time is never an error of the page: it speaks English and
//! says so ([`words::language_not_loaded`]).

use crate::browser::{
    browser_languages, page_address, page_fragment, replace_link_lang, resolve_url,
    set_document_language, set_document_title,
};
use crate::net::{fetch_language, peek_early_site_config, take_early_language};
use futures_util::future::{Either, select};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use skewcheck_core::fetch::MAX_BODY_BYTES;
use skewcheck_core::lang::{Lang, LangChoice, choose, link_tag};
use skewcheck_core::report::is_report_fragment;
use skewcheck_core::sheet::{SHEET_FRAGMENT, is_sheet_fragment};
use skewcheck_core::site_config::{FILE_NAME, SiteConfig, read};
use skewcheck_core::words::{self, Catalogue};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

/// How long the page waits for its language's file before it is drawn in English instead.
const LANGUAGE_WAIT_MS: u32 = 3_000;
/// How long the page waits for the early `skewcheck.json` (which may name the language)
/// before it is drawn with the link's and the browser's choice; a later file still counts.
const SITE_FILE_WAIT_MS: u32 = 1_000;

thread_local! {
    /// Every language file loaded so far, so a switch back is instant.
    /// (A list: eight languages at most, looked up by a scan; no `HashMap` in the wasm.)
    static LOADED: RefCell<Vec<Rc<Catalogue>>> = const { RefCell::new(Vec::new()) };
    /// What [`start`] found, for the page's [`PageLanguage`].
    static STARTED: RefCell<Option<Started>> = const { RefCell::new(None) };
    /// The deployment's `title`, once its file is read: its own words, the same in every
    /// language.
    static DEPLOYMENT_TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The language the page starts in.
#[derive(Clone, Debug, Default)]
struct Started {
    /// The language spoken.
    lang: Lang,
    /// The deployment's `languages`, when the early file named them.
    offered: Option<Vec<Lang>>,
    /// The language whose file could not be loaded, if any.
    failed: Option<Lang>,
}

/// `future`'s output, or `None` after `ms`.
async fn within<T>(ms: u32, future: impl Future<Output = T>) -> Option<T> {
    match select(Box::pin(future), TimeoutFuture::new(ms)).await {
        Either::Left((value, _)) => Some(value),
        Either::Right(((), _)) => None,
    }
}

/// The deployment's settings from the early `skewcheck.json` answer, if it comes soon.
async fn early_site_config() -> Option<SiteConfig> {
    let readings = within(SITE_FILE_WAIT_MS, peek_early_site_config()).await??;
    let answer = readings.answer(MAX_BODY_BYTES)?;
    let is_https = page_address().is_some_and(|page| page.is_https);
    Some(read(answer.into_file_text(FILE_NAME), is_https).config)
}

/// The language to speak: the core's choice from the address bar's `lang`, the
/// deployment's settings (if read) and the browser's languages.
fn chosen(config: Option<&SiteConfig>) -> Lang {
    let link = page_address().and_then(|page| link_tag(&page.search));
    let browser = browser_languages();
    choose(&LangChoice {
        link: link.as_deref(),
        deployment: config.and_then(|config| config.language).map(Lang::tag),
        browser: &browser,
        offered: config.and_then(|config| config.languages.as_deref()),
    })
}

/// `lang`'s catalogue if it has been loaded.
fn loaded(lang: Lang) -> Option<Rc<Catalogue>> {
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .iter()
            .find(|catalogue| catalogue.lang() == lang)
            .cloned()
    })
}

/// `lang`'s catalogue: loaded before, or the early script's file, or asked for now.
async fn load(lang: Lang) -> Option<Rc<Catalogue>> {
    if lang == Lang::En {
        return Some(Rc::new(Catalogue::english()));
    }
    if let Some(loaded) = loaded(lang) {
        return Some(loaded);
    }
    let text = match take_early_language(lang.tag()).await {
        Some(text) => text,
        None => {
            let base = page_address()?.href;
            let url = resolve_url(&["lang/", lang.tag(), ".json"].concat(), &base)?;
            fetch_language(&url).await.ok()
        }
    };
    let mut catalogue = Catalogue::parse(lang, &text?).ok()?;
    if on_sheet_page()
        && let Some(part) = load_part(lang, SHEET_FRAGMENT).await
    {
        catalogue = catalogue.with_part(part);
    }
    let catalogue = Rc::new(catalogue);
    LOADED.with(|loaded| loaded.borrow_mut().push(Rc::clone(&catalogue)));
    Some(catalogue)
}

/// Whether the page is the field sheet (`#sheet`), whose words are a part of their own.
fn on_sheet_page() -> bool {
    page_fragment().is_some_and(|fragment| is_sheet_fragment(&fragment))
}

/// A part of `lang`'s words (`lang/<part>/<tag>.json`: a page that not every client sees),
/// asked for as the language's file is; `None` if it cannot be had (those words are then
/// said in English).
async fn load_part(lang: Lang, part: &str) -> Option<Catalogue> {
    let base = page_address()?.href;
    let url = resolve_url(&["lang/", part, "/", lang.tag(), ".json"].concat(), &base)?;
    Catalogue::parse(lang, &fetch_language(&url).await.ok()?).ok()
}

/// `lang`'s catalogue, if it loads within [`LANGUAGE_WAIT_MS`]: one function for every
/// caller, so the wasm holds one copy of the wait around the loading (≈ 9 KB raw each).
async fn load_in_time(lang: Lang) -> Option<Rc<Catalogue>> {
    within(LANGUAGE_WAIT_MS, load(lang)).await.flatten()
}

/// Speaks `catalogue` and marks the document with its language and title.
fn install(catalogue: &Catalogue) {
    words::speak(catalogue.clone());
    set_document_language(catalogue.lang());
    write_title();
}

/// The document's title: the deployment's `title`, else the page's own in the language
/// spoken (the shell's script wrote it in the shell's language before the app ran).
fn write_title() {
    let title = DEPLOYMENT_TITLE
        .with(|title| title.borrow().clone())
        .unwrap_or_else(|| words::DOCUMENT_TITLE.text());
    set_document_title(&title);
}

/// The deployment's `title` from its `skewcheck.json`: the document's title from now on,
/// whatever language the page speaks.
pub fn keep_deployment_title(title: &str) {
    DEPLOYMENT_TITLE.with(|kept| *kept.borrow_mut() = Some(title.to_owned()));
    write_title();
}

/// Before the page is drawn: chooses its language (reading the early `skewcheck.json` for a
/// moment, unless the page is a permalink, which reads no file), loads its file (waiting at
/// most [`LANGUAGE_WAIT_MS`]) and speaks it, so the page is drawn once, in its language.
pub async fn start() {
    // A permalink and the field sheet read no file: neither measures.
    let permalink =
        page_fragment().is_some_and(|fragment| is_report_fragment(&fragment)) || on_sheet_page();
    let config = if !permalink {
        early_site_config().await
    } else {
        None
    };
    let lang = chosen(config.as_ref());
    let loaded = load_in_time(lang).await;
    let failed = loaded.is_none().then_some(lang);
    let catalogue = loaded.unwrap_or_else(|| Rc::new(Catalogue::english()));
    install(&catalogue);
    let started = Started {
        lang: catalogue.lang(),
        offered: config.and_then(|config| config.languages),
        failed,
    };
    STARTED.with(|slot| *slot.borrow_mut() = Some(started));
}

/// The page's language as the components see it: a switch redraws every word, never the
/// measurement (which lives above the keyed view).
#[derive(Clone, Copy, Debug)]
pub struct PageLanguage {
    /// The language spoken now.
    pub lang: RwSignal<Lang>,
    /// The languages the switcher offers, English first.
    pub offered: RwSignal<Vec<Lang>>,
    /// The language whose file could not be loaded (the page speaks English and says so).
    pub failed: RwSignal<Option<Lang>>,
    /// The report's language ("Copy result", share, the support e-mail), once its file is
    /// loaded (English until then).
    pub report: RwSignal<Lang>,
}

impl PageLanguage {
    /// The page's language as [`start`] left it (English when it did not run: a test
    /// mounting the app directly), provided to the page's components.
    pub fn provide() -> Self {
        let started = STARTED
            .with(|slot| slot.borrow().clone())
            .unwrap_or_default();
        let language = Self {
            lang: RwSignal::new(started.lang),
            offered: RwSignal::new(offered_list(started.offered.as_deref())),
            failed: RwSignal::new(started.failed),
            report: RwSignal::new(Lang::En),
        };
        provide_context(language);
        language
    }

    /// Speaks `lang` from now on: loads its file if needed, then redraws the page's words
    /// and writes `lang=<tag>` into the address bar. A file that will not load leaves the
    /// page in English, with the notice.
    pub fn switch(self, lang: Lang) {
        spawn_local(async move {
            let loaded = load_in_time(lang).await;
            let catalogue = loaded
                .clone()
                .unwrap_or_else(|| Rc::new(Catalogue::english()));
            install(&catalogue);
            replace_link_lang(lang.tag());
            self.failed.set(loaded.is_none().then_some(lang));
            self.lang.set(catalogue.lang());
        });
    }

    /// The deployment's file has been read: its `languages` limit the switcher, its
    /// `language` counts when the link names none (the page switches if it was drawn in
    /// another), and its `report_language`'s file is loaded for the report.
    pub fn apply_site(self, config: &SiteConfig) {
        self.offered.set(offered_list(config.languages.as_deref()));
        let lang = chosen(Some(config));
        if lang != self.lang.get_untracked() && self.failed.get_untracked().is_none() {
            self.switch(lang);
        }
        if let Some(report) = config.report_language.filter(|lang| *lang != Lang::En) {
            spawn_local(async move {
                if load_in_time(report).await.is_some() {
                    self.report.set(report);
                }
            });
        }
    }

    /// `say` in the report's language (English unless the deployment's `report_language`
    /// names another and its file is loaded).
    pub fn in_report_language<T>(self, say: impl FnOnce() -> T) -> T {
        let report = self.report.get();
        let catalogue = loaded(report).unwrap_or_else(|| Rc::new(Catalogue::english()));
        words::in_language(&catalogue, say)
    }
}

/// The switcher's options: every language the deployment offers (all without a list),
/// English always, in the page's order.
fn offered_list(offered: Option<&[Lang]>) -> Vec<Lang> {
    Lang::ALL
        .into_iter()
        .filter(|lang| *lang == Lang::En || offered.is_none_or(|offered| offered.contains(lang)))
        .collect()
}
