//! Reads what `early-probe.js` left in `window.__skewcheckEarlyProbe`: a Promise of the raw
//! readings of one `HEAD` sent before the WebAssembly loaded. Only types are checked here;
//! whether the readings make sense is the engine's decision ([`EarlyReadings::timing`]).
//! Likewise `window.__skewcheckSiteConfig`: what the script read of `skewcheck.json`, and
//! `window.__skewcheckLanguage`: the page's language file, when the link or the browser named one.

use js_sys::{Array, Promise, Reflect};
use skewcheck_core::sample::{EARLY_MAX_HEADERS, EarlyReadings};
use skewcheck_core::site_config::EarlyFileReadings;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The global the script sets.
const EARLY_PROBE_GLOBAL: &str = "__skewcheckEarlyProbe";

/// Takes the early readings (once per page: the global is cleared), waiting for the request
/// if it is still under way (the script aborts it after
/// [`REQUEST_TIMEOUT_MS`](skewcheck_core::limits::REQUEST_TIMEOUT_MS)).
pub(super) async fn take_early_readings() -> Option<EarlyReadings> {
    let readings = take_global_promise(EARLY_PROBE_GLOBAL).await?;
    let number = |name: &str| {
        Reflect::get(&readings, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_f64())
    };
    let headers = Reflect::get(&readings, &JsValue::from_str("headers"))
        .ok()?
        .dyn_into::<Array>()
        .ok()?;
    let headers = headers
        .iter()
        .take(EARLY_MAX_HEADERS + 1)
        .filter_map(|pair| {
            let pair = pair.dyn_into::<Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    Some(EarlyReadings {
        monotonic_sent_ms: number("monotonicSentMs")?,
        monotonic_received_ms: number("monotonicReceivedMs")?,
        wall_sent_ms: number("wallSentMs")?,
        wall_received_ms: number("wallReceivedMs")?,
        status: number("status")?,
        headers,
    })
}

/// The global the script sets for `skewcheck.json`.
const EARLY_SITE_CONFIG_GLOBAL: &str = "__skewcheckSiteConfig";

/// Takes what the script read of `skewcheck.json` (once per page: the global is cleared),
/// waiting for it if still under way (the script gives up after the same 3 s as the page).
/// `None` when there is none or it failed: the page then asks itself.
pub(super) async fn take_early_site_config() -> Option<EarlyFileReadings> {
    early_file_readings(&take_global_promise(EARLY_SITE_CONFIG_GLOBAL).await?)
}

/// The script's result for `skewcheck.json`, its types checked.
fn early_file_readings(readings: &JsValue) -> Option<EarlyFileReadings> {
    let field = |name: &str| Reflect::get(readings, &JsValue::from_str(name)).ok();
    Some(EarlyFileReadings {
        status: field("status")?.as_f64()?,
        text: field("text").and_then(|text| text.as_string()),
        too_large: field("tooLarge").is_some_and(|flag| flag.is_truthy()),
        timed_out: field("timedOut").is_some_and(|flag| flag.is_truthy()),
    })
}

/// What the script read of `skewcheck.json`, left in place for [`take_early_site_config`]:
/// the page's language is chosen with the deployment's before the page is drawn.
pub async fn peek_early_site_config() -> Option<EarlyFileReadings> {
    let window: JsValue = web_sys::window()?.into();
    let value = Reflect::get(&window, &JsValue::from_str(EARLY_SITE_CONFIG_GLOBAL)).ok()?;
    let readings = JsFuture::from(value.dyn_into::<Promise>().ok()?)
        .await
        .ok()?;
    early_file_readings(&readings)
}

/// The global the script sets for the language file: `{ tag, text }`, `text` a Promise of
/// the file's text or of `null`.
const EARLY_LANGUAGE_GLOBAL: &str = "__skewcheckLanguage";

/// The text of `lang/<tag>.json` as the script fetched it (once: the global is cleared):
/// `Some(Some(text))`, `Some(None)` when its request failed, `None` when the script asked
/// for no file or for another language's.
pub async fn take_early_language(tag: &str) -> Option<Option<String>> {
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str(EARLY_LANGUAGE_GLOBAL);
    let early = Reflect::get(&window, &key).ok()?;
    let asked = Reflect::get(&early, &JsValue::from_str("tag"))
        .ok()?
        .as_string()?;
    if asked != tag {
        return None;
    }
    let _ = Reflect::set(&window, &key, &JsValue::UNDEFINED);
    let promise = Reflect::get(&early, &JsValue::from_str("text"))
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    Some(
        JsFuture::from(promise)
            .await
            .ok()
            .and_then(|text| text.as_string()),
    )
}

/// What the Promise in the global `name` resolves to, the global cleared so it is used once.
async fn take_global_promise(name: &str) -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str(name);
    let value = Reflect::get(&window, &key).ok()?;
    let _ = Reflect::set(&window, &key, &JsValue::UNDEFINED);
    let promise = value.dyn_into::<Promise>().ok()?;
    JsFuture::from(promise).await.ok()
}
