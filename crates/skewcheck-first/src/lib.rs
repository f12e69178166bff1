//! skewcheck's first module: the first verdict card from the early request, computed by the
//! core's own functions before the app has arrived (issue 22).
//!
//! The shell's script hands over, as JSON, what it already has — the early `HEAD`'s raw
//! readings, the early `skewcheck.json` answer, the page's address, its language's file and
//! the clocks read just now — and gets back the card's facts and words, or `null` when the
//! app alone can say it (the readings refused, another time source, a broken link). Nothing
//! here decides anything the core does not: [`card`] sets up the measurement as the app does
//! (`site::setup_with`), runs the driver on the early answer alone
//! (`measure::first_measurement`) and says it with the words layer (`words::explain`).
//!
//! [`wasm`] is the module's edge (raw exports over linear memory); everything else is plain
//! Rust, tested natively.

mod input;
#[cfg(test)]
mod tests;
pub mod wasm;

pub use input::{FirstInput, read_input};

use serde_json::{Value, json};
use skewcheck_core::clock::DeviceClock;
use skewcheck_core::fetch::MAX_BODY_BYTES;
use skewcheck_core::lang::{Lang, LangChoice, choose, link_tag};
use skewcheck_core::measure::first_measurement;
use skewcheck_core::other_clock::dual_boot_likely;
use skewcheck_core::platform::{DeviceHints, detect};
use skewcheck_core::site::setup_with;
use skewcheck_core::site_config::{EarlyFileAnswer, FILE_NAME, SiteConfig, read};
use skewcheck_core::words::{self, Catalogue};

/// The clocks as the script read them just before the call.
struct ReadClocks {
    wall_ms: f64,
    monotonic_ms: f64,
    granularity_ms: f64,
}

impl DeviceClock for ReadClocks {
    fn wall_ms(&self) -> f64 {
        self.wall_ms
    }

    fn monotonic_ms(&self) -> f64 {
        self.monotonic_ms
    }

    fn timer_granularity_ms(&self) -> f64 {
        self.granularity_ms
    }
}

/// Only absolute addresses, as they are: the early request asked the page's own address,
/// and a source the link names by a relative path is the app's to resolve (with the
/// browser's parser), so its setup fails here and the card waits for the app.
fn absolute_only(reference: &str, _base: &str) -> Option<String> {
    (reference.starts_with("https://") || reference.starts_with("http://"))
        .then(|| reference.to_owned())
}

/// The first card for `input`: its facts (the `data-*` the app's card carries) and its
/// words in the page's language, each part of the app's first card (`VerdictPanel`, the
/// masthead, the refining status) under its own name, or `Value::Null` when there is none.
/// When the page will speak another language than the one handed over, only
/// `{"needLang": <tag>}`: the script asks again with that language and its file.
pub fn card(input: FirstInput) -> Value {
    let FirstInput {
        page,
        readings,
        site,
        lang,
        lang_text,
        browser_languages,
        clocks,
        device,
    } = input;
    // As the app: the deployment's settings fill in what the link leaves out.
    let site_answer = site.and_then(|site| site.answer(MAX_BODY_BYTES));
    // The app asks once more for a file the early request gave up on, and its answer may
    // set up another service or time source: the card waits for the app then.
    if site_answer == Some(EarlyFileAnswer::TimedOut) {
        return Value::Null;
    }
    let site_config = site_answer
        .map(|answer| read(answer.into_file_text(FILE_NAME), page.is_https).config)
        .unwrap_or_else(SiteConfig::default);
    // The language the app will speak (src/language.rs asks the core the same way): the
    // shell chose from the link and the browser alone, and a deployment's `language` or
    // `languages` may choose another. Then the script fetches that one's file and asks again.
    let link = link_tag(&page.search);
    let wanted = choose(&LangChoice {
        link: link.as_deref(),
        deployment: site_config.language.map(Lang::tag),
        browser: &browser_languages,
        offered: site_config.languages.as_deref(),
    });
    if wanted != lang.unwrap_or_default() {
        return json!({ "needLang": wanted.tag() });
    }
    let Ok(setup) = setup_with(&page, &site_config, &absolute_only) else {
        return Value::Null;
    };
    let clock = ReadClocks {
        wall_ms: clocks.0,
        monotonic_ms: clocks.1,
        granularity_ms: clocks.2,
    };
    let Some(phase) = first_measurement(&setup, readings, &clock) else {
        return Value::Null;
    };
    let Some(measurement) = phase.measurement() else {
        return Value::Null;
    };
    // The page's language, if its file reads; English otherwise (the app says why).
    let catalogue = lang
        .filter(|lang| *lang != Lang::En)
        .and_then(|lang| Catalogue::parse(lang, lang_text.as_deref()?).ok())
        .unwrap_or_else(Catalogue::english);
    let spoken = catalogue.lang();
    words::speak(catalogue);
    let explanation = words::measurement_explanation(measurement);
    let hints = DeviceHints {
        user_agent: &device.0,
        max_touch_points: device.1,
        platform: &device.2,
    };
    // As the app's card: a zone-sized mistake gets its own advice (and, on a PC, dual boot).
    let (fix, dual_boot) = match (&measurement.zone_hint, &explanation.fix) {
        (Some(hint), _) => (
            Some(json!({ "zone": true, "text": words::zone_hint_sentence(hint) })),
            (dual_boot_likely(detect(&hints), hint) && !measurement.sources_disagree())
                .then(|| words::DUAL_BOOT_HINT.text()),
        ),
        (None, Some(fix)) => (Some(json!({ "zone": false, "text": fix })), None),
        (None, None) => (None, None),
    };
    let verdict = measurement.assessment.verdict;
    json!({
        "lang": spoken.tag(),
        "dir": spoken.dir(),
        "state": phase.state_name(),
        "verdict": verdict.as_str(),
        "offsetMs": measurement.offset_ms_rounded(),
        "uncertaintyMs": measurement.uncertainty_ms_rounded(),
        "service": measurement.service.id,
        "limitMs": measurement.service.tolerance.widest_ms(),
        "refining": phase.is_refining(),
        "requests": measurement.requests,
        "title": site_config.title.unwrap_or_else(|| words::DEFAULT_TITLE.text()),
        "lede": words::lede(&words::service_name(&measurement.service)),
        "glyph": words::verdict_glyph(verdict),
        "headline": explanation.headline,
        "comparedWith": words::compared_with(&measurement.compared_with),
        "clockChecked": words::CLOCK_CHECKED.text(),
        "notice": measurement.notice.as_ref().map(words::notice_words),
        "sentences": explanation.sentences,
        "errorSeen": explanation.error_seen.map(|code| json!({ "intro": words::ERROR_SEEN_INTRO.text(), "code": code })),
        "howToFix": words::HOW_TO_FIX.text(),
        "fix": fix,
        "dualBoot": dual_boot,
        "refiningText": phase.is_refining().then(|| words::refining_text(&measurement.estimate)),
        "gaugeDirection": spoken.is_rtl().then(|| words::GAUGE_DIRECTION.text()),
    })
}
