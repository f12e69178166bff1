use crate::wasm::answer;
use serde_json::{Value, json};
use std::time::{Duration, UNIX_EPOCH};

/// When the device thinks the early request was answered (a Tuesday in 2026).
const WALL_MS: f64 = 1_796_000_000_123.0;
const MIN: f64 = 60_000.0;

fn http_date(ms: f64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs_f64(ms / 1_000.0))
}

/// What the shell's script hands over for a device `offset_ms` ahead of the page's host,
/// its request answered in 40 ms, 300 ms before the call.
fn script_input(offset_ms: f64, search: &str, site: &Value, lang: Option<&str>) -> String {
    let server_ms = WALL_MS - offset_ms;
    let lang_text = lang.map(|tag| {
        std::fs::read_to_string(format!(
            "{}/../../lang/{tag}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the page's language file")
    });
    json!({
        "href": format!("https://clock.example/{search}"),
        "search": search,
        "readings": {
            "monotonicSentMs": 1_000.0, "monotonicReceivedMs": 1_040.0,
            "wallSentMs": WALL_MS - 40.0, "wallReceivedMs": WALL_MS,
            "status": 200, "headers": [["Date", http_date(server_ms)]],
        },
        "site": site,
        "lang": lang,
        "langText": lang_text,
        // The browser prefers the language the shell chose.
        "languages": [lang.unwrap_or("en-GB")],
        "wallMs": WALL_MS + 300.0, "monotonicMs": 1_340.0, "granularityMs": 1.0,
    })
    .to_string()
}

fn card(input: &str) -> Value {
    serde_json::from_str(&answer(input)).expect("the answer is JSON")
}

#[test]
fn sixteen_minutes_fast_is_refused_by_s3_in_the_pages_language() {
    let english = card(&script_input(16.0 * MIN, "", &Value::Null, None));
    assert_eq!(english["verdict"], "rejected", "{english}");
    assert_eq!(english["service"], "s3");
    assert_eq!(english["lang"], "en");
    let offset = english["offsetMs"].as_f64().expect("a number");
    let uncertainty = english["uncertaintyMs"].as_f64().expect("a number");
    // A `Date` header counts whole seconds: the truth is inside, within a second and the trip.
    assert!((offset - 16.0 * MIN).abs() <= uncertainty, "{english}");
    assert!(uncertainty <= 1_100.0, "{english}");
    assert!(
        english["headline"]
            .as_str()
            .is_some_and(|h| h.contains("Amazon S3")),
        "{english}"
    );

    let german = card(&script_input(16.0 * MIN, "", &Value::Null, Some("de")));
    assert_eq!(german["lang"], "de");
    // The facts are the same in every language; only the words differ.
    for fact in ["verdict", "offsetMs", "uncertaintyMs", "service", "limitMs"] {
        assert_eq!(german[fact], english[fact], "{fact}");
    }
    assert_ne!(german["headline"], english["headline"]);
}

#[test]
fn a_right_clock_is_ok_and_says_no_fix() {
    let ok = card(&script_input(3_000.0, "", &Value::Null, None));
    assert_eq!(ok["verdict"], "ok", "{ok}");
    assert_eq!(ok["fix"], Value::Null, "{ok}");
}

#[test]
fn the_link_and_the_deployment_choose_the_service() {
    let kerberos = card(&script_input(
        6.0 * MIN,
        "?service=kerberos",
        &Value::Null,
        None,
    ));
    assert_eq!(
        (kerberos["service"].as_str(), kerberos["verdict"].as_str()),
        (Some("kerberos"), Some("rejected"))
    );
    // The deployment's file names the service the link leaves out.
    let site = json!({ "status": 200, "text": r#"{"service": "kerberos"}"# });
    let from_file = card(&script_input(6.0 * MIN, "", &site, None));
    assert_eq!(from_file["service"], "kerberos", "{from_file}");
}

#[test]
fn the_card_speaks_what_the_app_will_the_deployment_included() {
    let with = |search: &str, site: &str, lang: Option<&str>| {
        card(&script_input(
            16.0 * MIN,
            search,
            &json!({ "status": 200, "text": site }),
            lang,
        ))
    };
    // The deployment's language over the browser's: the script is asked for its file.
    let asked = with("", r#"{"language": "de"}"#, None);
    assert_eq!(asked, json!({ "needLang": "de" }));
    let german = with("", r#"{"language": "de"}"#, Some("de"));
    assert_eq!(
        (german["lang"].as_str(), german["verdict"].as_str()),
        (Some("de"), Some("rejected")),
        "{german}"
    );
    // The link's language over the deployment's.
    assert_eq!(
        with("?lang=de", r#"{"language": "fr"}"#, Some("de"))["lang"],
        "de"
    );
    // A language the deployment does not offer: the next choice, here English.
    assert_eq!(
        with("?lang=de", r#"{"languages": ["fr"]}"#, Some("de")),
        json!({ "needLang": "en" })
    );
    // No language in the file: the shell's choice stands.
    assert_eq!(with("", r#"{"service": "s3"}"#, None)["lang"], "en");
}

#[test]
fn no_card_when_the_app_alone_can_say_it() {
    // Another time source: the early request asked the page, not it.
    let elsewhere = script_input(
        16.0 * MIN,
        "?endpoint=https%3A%2F%2Ftime.example%2Fnow",
        &Value::Null,
        None,
    );
    assert_eq!(answer(&elsewhere), "null");
    // The deployment's file given up on early: the app asks once more, and what it reads
    // may set up another service; a file that answered, even with an error, is a card.
    let gave_up = json!({ "status": 0, "timedOut": true });
    assert_eq!(
        answer(&script_input(16.0 * MIN, "", &gave_up, None)),
        "null"
    );
    let busy = json!({ "status": 503 });
    assert_eq!(
        card(&script_input(16.0 * MIN, "", &busy, None))["verdict"],
        "rejected"
    );
    // Not what the script sends.
    for garbage in ["", "null", "[]", "{\"href\": 5}", "{not json"] {
        assert_eq!(answer(garbage), "null", "{garbage:?}");
    }
    // Readings that do not lie on the page's timeline.
    let mut input: Value =
        serde_json::from_str(&script_input(16.0 * MIN, "", &Value::Null, None)).expect("JSON");
    input["monotonicMs"] = json!(900.0);
    assert_eq!(answer(&input.to_string()), "null");
    // A language file that does not read: English, never no card.
    let mut input: Value =
        serde_json::from_str(&script_input(16.0 * MIN, "", &Value::Null, Some("fr")))
            .expect("JSON");
    input["langText"] = json!("<html>not found</html>");
    assert_eq!(card(&input.to_string())["lang"], "en");
}

#[test]
fn a_whole_hour_off_gets_the_zone_advice_and_on_a_pc_dual_boot() {
    let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
    let ipad = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    let on = |user_agent: &str, touch: u32| {
        let mut input: Value =
            serde_json::from_str(&script_input(60.0 * MIN, "", &Value::Null, None)).expect("JSON");
        input["userAgent"] = json!(user_agent);
        input["maxTouchPoints"] = json!(touch);
        card(&input.to_string())
    };
    let pc = on(windows, 0);
    assert_eq!(pc["fix"]["zone"], true, "{pc}");
    assert!(pc["dualBoot"].is_string(), "{pc}");
    let tablet = on(ipad, 5);
    assert_eq!(tablet["fix"]["zone"], true, "{tablet}");
    assert_eq!(tablet["dualBoot"], Value::Null, "{tablet}");
    // The card's parts are the app's: a provisional verdict refines, and says so beside it.
    assert_eq!(
        (tablet["state"].as_str(), tablet["refining"].as_bool()),
        (Some("done"), Some(true))
    );
    assert!(tablet["refiningText"].is_string(), "{tablet}");
    assert_eq!(tablet["glyph"], "✕");
}
