use super::*;

fn browser(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|tag| (*tag).to_owned()).collect()
}

#[test]
fn tags_round_trip_and_regional_variants_map_as_the_issue_says() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
    assert_eq!(Lang::from_tag("pt"), Some(Lang::PtBr));
    assert_eq!(Lang::from_tag("pt-PT"), Some(Lang::PtBr));
    assert_eq!(Lang::from_tag("zh"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_tag("zh-Hans"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_tag("zh_hans_CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_tag("zh-TW"), None);
    assert_eq!(Lang::from_tag("zh-Hant-HK"), None);
    assert_eq!(Lang::from_tag("DE-at"), Some(Lang::De));
    assert_eq!(Lang::from_tag("xx"), None);
    assert_eq!(Lang::from_tag(""), None);
}

#[test]
fn the_link_wins_then_the_deployment_then_the_browser_then_english() {
    let nav = browser(&["fr-CA", "de"]);
    let mut choice = LangChoice {
        link: Some("ja"),
        deployment: Some("es"),
        browser: &nav,
        offered: None,
    };
    assert_eq!(choose(&choice), Lang::Ja);
    choice.link = Some("xx");
    assert_eq!(choose(&choice), Lang::Es, "an unknown lang is skipped");
    choice.deployment = None;
    assert_eq!(choose(&choice), Lang::Fr);
    choice.browser = &[];
    assert_eq!(choose(&choice), Lang::En);
}

#[test]
fn a_deployment_limits_the_languages_but_english_stays() {
    let nav = browser(&["ar", "de"]);
    let offered = offered_languages(&["de", "xx", "de"]);
    assert_eq!(offered, [Lang::De]);
    let choice = LangChoice {
        link: Some("ja"),
        deployment: None,
        browser: &nav,
        offered: Some(&offered),
    };
    assert_eq!(choose(&choice), Lang::De, "ja and ar are not offered");
    let english = LangChoice {
        link: Some("en"),
        ..choice
    };
    assert_eq!(choose(&english), Lang::En);
}

#[test]
fn arabic_alone_is_right_to_left_and_commas_follow_cldr() {
    for lang in Lang::ALL {
        assert_eq!(lang.dir() == "rtl", lang == Lang::Ar);
    }
    assert_eq!(Lang::De.decimal_mark(), ',');
    assert_eq!(Lang::Ja.decimal_mark(), '.');
}

#[test]
fn the_link_tag_is_read_from_the_query_as_written() {
    assert_eq!(link_tag("?lang=de"), Some("de".to_owned()));
    assert_eq!(link_tag("service=s3&lang=pt-BR"), Some("pt-BR".to_owned()));
    assert_eq!(link_tag("?lang=fr&lang=ja"), Some("ja".to_owned()));
    assert_eq!(link_tag("?lang=xx"), Some("xx".to_owned()));
    assert_eq!(link_tag("?language=de"), None);
    assert_eq!(link_tag(""), None);
}
