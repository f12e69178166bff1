//! Reading the browser: the device clocks, the page address, local time formatting.
//!
//! Thin wrappers over `web-sys`/`js-sys` so the rest of the shell stays readable.

use leptos::leptos_dom::helpers::window_event_listener_untyped;
use leptos::prelude::on_cleanup;
use skewcheck_core::address::{PageAddress, without_fragment};
use skewcheck_core::clock::{DeviceClock, TimerStep};
use skewcheck_core::lang::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::VisibilityState;

/// The device clocks as the browser exposes them: `Date.now()` and `performance.now()`.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

thread_local! {
    /// The step of this browser's timers, learnt from every reading (Tor Browser: 100 ms).
    static TIMER_STEP: std::cell::Cell<TimerStep> = std::cell::Cell::new(TimerStep::default());
}

/// Notes a reading for [`TimerStep`] and passes it on.
fn noted(reading_ms: f64) -> f64 {
    TIMER_STEP.with(|step| step.set(step.get().with(reading_ms)));
    reading_ms
}

impl DeviceClock for BrowserClock {
    fn wall_ms(&self) -> f64 {
        noted(js_sys::Date::now())
    }

    fn monotonic_ms(&self) -> f64 {
        // Without a Performance object (very old browsers) the wall clock is the best we have;
        // jump detection then simply never fires.
        noted(
            web_sys::window()
                .and_then(|window| window.performance())
                .map_or_else(js_sys::Date::now, |performance| performance.now()),
        )
    }

    fn timer_granularity_ms(&self) -> f64 {
        TIMER_STEP.with(|step| step.get().granularity_ms())
    }
}

/// Whether the browser says it has no network (`navigator.onLine` false). `true` online
/// says little (a captive portal is "online"), but `false` is reliable.
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// The page's address, if the page has a window (it always does outside workers).
pub fn page_address() -> Option<PageAddress> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let href = without_fragment(&href).to_owned();
    Some(PageAddress {
        search: location.search().unwrap_or_default(),
        is_https: location
            .protocol()
            .is_ok_and(|protocol| protocol == "https:"),
        href,
    })
}

/// Sets the document's title (text: the browser never parses it as markup).
pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// Resolves `reference` (absolute, protocol-relative or a path) against `base`.
pub fn resolve_url(reference: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(reference, base)
        .ok()
        .map(|url| url.href())
}

/// `epoch_ms` as this device shows local time in the page's language, e.g. "14:03:27" (with
/// the date when it is not today on the device): the browser's `Intl` writes it, with a
/// 24-hour clock where the language (and the reader's region, when the browser names one for
/// that language: `en-GB`) customarily uses one.
pub fn local_time_text(epoch_ms: f64) -> String {
    let locale = time_locale(skewcheck_core::words::spoken());
    let moment = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
    let today = js_sys::Date::new_0();
    let time = String::from(moment.to_locale_time_string(&locale));
    if moment.to_date_string() == today.to_date_string() {
        time
    } else {
        let date = moment.to_locale_date_string(&locale, &JsValue::UNDEFINED);
        [String::from(date), time].join(" ")
    }
}

/// The locale `Intl` writes times in for `lang`: the browser's own tag for that language when
/// it has one (its region), else the language's; Arabic with Latin digits, as the page's
/// numbers are written (so they match the report support reads).
fn time_locale(lang: Lang) -> String {
    let locale = browser_languages()
        .into_iter()
        .find(|tag| Lang::from_tag(tag) == Some(lang))
        .unwrap_or_else(|| lang.tag().to_owned());
    if lang == Lang::Ar {
        [locale.as_str(), "-u-nu-latn"].concat()
    } else {
        locale
    }
}

/// The browser's preferred languages (`navigator.languages`), most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window().map_or_else(Vec::new, |window| {
        window
            .navigator()
            .languages()
            .iter()
            .filter_map(|tag| tag.as_string())
            .collect()
    })
}

/// `<html lang dir>` for `lang` (the early script set them for the shell already).
pub fn set_document_language(lang: Lang) {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("lang", lang.tag());
    let _ = root.set_attribute("dir", lang.dir());
}

/// Whether the language switcher (`[data-testid="language"]`) has the keyboard focus.
pub fn language_switcher_focused() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .is_some_and(|element| element.get_attribute("data-testid").as_deref() == Some("language"))
}

/// Gives the language switcher the keyboard focus (the page drawn again after a switch has a
/// new one: the reader's focus stays where it was).
pub fn focus_language_switcher() {
    if let Some(select) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector("[data-testid=\"language\"]").ok())
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = select.focus();
    }
}

/// Writes the reader's choice into the address bar (`lang=<tag>`, replacing the entry:
/// no new history step), so a reload keeps it. Permalinks never carry it.
pub fn replace_link_lang(tag: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    url.search_params().set("lang", tag);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// Tells the shell (`window.skewcheckShell.mounted()`, watchdog.js) the app is drawing
/// itself now: it removes itself in this task, so no frame shows both.
pub fn shell_mounted() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(shell) = js_sys::Reflect::get(&window, &JsValue::from_str("skewcheckShell")) else {
        return;
    };
    if let Ok(mounted) = js_sys::Reflect::get(&shell, &JsValue::from_str("mounted"))
        && let Ok(mounted) = mounted.dyn_into::<js_sys::Function>()
    {
        let _ = mounted.call0(&shell);
    }
}

/// Whether the shell shows the first module's verdict card (watchdog.js draws it as
/// `[data-testid="first-verdict"]`): the app then takes the shell's place only once it has
/// its own first verdict, so the card never goes back to "Checking…".
pub fn shell_shows_first_verdict() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("#shell [data-testid=\"first-verdict\"]")
                .ok()
                .flatten()
        })
        .is_some()
}

/// A number that differs on every call, for cache-busting queries.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "Math.random() * 1e9 lies in [0, 1e9): it fits a u64"
)]
pub fn fresh_nonce() -> u64 {
    // Random high bits plus a counter: unique within the page, unpredictable across pages.
    thread_local!(static COUNTER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) });
    let count = COUNTER.with(|counter| {
        counter.set(counter.get() + 1);
        counter.get()
    });
    ((js_sys::Math::random() * 1e9) as u64) * 1_000 + count % 1_000
}

/// Whether the page is on screen (hidden tabs should not poll).
pub fn page_is_visible() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_none_or(|document| document.visibility_state() == VisibilityState::Visible)
}

/// Calls `callback` whenever the page becomes visible again (tab switched back, device
/// woken): the clock may have changed while nobody watched. The listener is removed when
/// the calling component is cleaned up.
pub fn on_becoming_visible(callback: impl Fn() + 'static) {
    // `visibilitychange` fires at the document and bubbles up to the window.
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if page_is_visible() {
            callback();
        }
    });
    on_cleanup(move || listener.remove());
}

/// Writes `text` to the clipboard; `false` where the browser refuses (no permission, or an
/// insecure page where the Clipboard API does not exist).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined on insecure origins: check before calling.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("clipboard")).unwrap_or(false) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// Whether the native share sheet (`navigator.share`) exists here.
pub fn can_share() -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("share"))
            .is_ok_and(|share| share.is_function())
    })
}

/// Opens the native share sheet with a title, text and link (none when `url` is empty);
/// `false` if it failed or the user cancelled.
pub async fn share(title: &str, text: &str, url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_text(text);
    if !url.is_empty() {
        data.set_url(url);
    }
    wasm_bindgen_futures::JsFuture::from(window.navigator().share_with_data(&data))
        .await
        .is_ok()
}

/// What the browser says about the device, for platform detection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeviceFacts {
    /// `navigator.userAgent`.
    pub user_agent: String,
    /// `navigator.maxTouchPoints` (an iPad that presents itself as a Mac has several).
    pub max_touch_points: u32,
    /// `navigator.platform` (deprecated but still informative).
    pub platform: String,
}

/// Reads [`DeviceFacts`] from the browser.
pub fn device_facts() -> DeviceFacts {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return DeviceFacts::default();
    };
    DeviceFacts {
        user_agent: navigator.user_agent().unwrap_or_default(),
        max_touch_points: u32::try_from(navigator.max_touch_points()).unwrap_or(0),
        platform: navigator.platform().unwrap_or_default(),
    }
}

/// The fragment of the page address (without `#`), if any.
pub fn page_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    (!fragment.is_empty()).then(|| fragment.to_owned())
}

/// Scrolls the element marked `data-testid="<testid>"` into view, if the page has one.
pub fn scroll_to(testid: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector(&format!("[data-testid=\"{testid}\"]"))
                .ok()
                .flatten()
        });
    if let Some(element) = element {
        element.scroll_into_view();
    }
}

/// Downloads `text` as a file named `name` of type `mime`: a `Blob`'s object URL followed
/// by an `<a download>` (neither is a request, and the page's Content-Security-Policy
/// governs neither); `false` where the browser refuses.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return false;
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let clicked = document
        .create_element("a")
        .ok()
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|link| {
            let named = link.set_attribute("href", &url).is_ok()
                && link.set_attribute("download", name).is_ok();
            if named {
                link.click();
            }
            named
        });
    // The download has its own copy once it started; a moment later the URL may go.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

/// Draws the page again whenever its fragment changes (`#R1/…` to `#sheet`, a new
/// result link): what the page shows depends on it from the start. The listener lasts as
/// long as the page.
pub fn reload_on_fragment_change() {
    // The handle is not kept: dropping it leaves the listener in place for good.
    let _ = window_event_listener_untyped("hashchange", |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
}
