use super::*;

#[test]
fn english_says_the_template_with_its_placeholders_filled() {
    let answers = 3;
    assert_eq!(
        say_template(
            "Comparing ({answers} answers so far) {{literal}}",
            &[("answers", &answers)]
        ),
        "Comparing (3 answers so far) {literal}"
    );
    assert_eq!(say_template("{missing} stays", &[]), "{missing} stays");
    assert_eq!(say_template("a } and { alone", &[]), "a } and { alone");
}

#[test]
fn a_catalogue_says_its_own_template_and_english_comes_back() {
    let english = "Check again";
    let file = format!(
        r#"{{"{:05x}": "Erneut prüfen", "{:05x}": "{{n}} Antworten"}}"#,
        key(english),
        key("{n} answers")
    );
    let german = Catalogue::parse(Lang::De, &file).expect("a good file");
    assert_eq!(german.len(), 2);
    let german = Rc::new(german);
    let said = in_language(&german, || {
        (
            Words(english).text(),
            say_template("{n} answers", &[("n", &4)]),
            spoken(),
            local_decimal(3.25, 1),
        )
    });
    assert_eq!(
        said,
        (
            "Erneut prüfen".to_owned(),
            "4 Antworten".to_owned(),
            Lang::De,
            "3,2".to_owned()
        )
    );
    assert_eq!(
        Words(english).text(),
        english,
        "the page's language is back"
    );
    assert_eq!(spoken(), Lang::En);
}

#[test]
fn a_damaged_file_is_an_error_not_a_panic() {
    assert!(matches!(
        Catalogue::parse(Lang::Fr, "[1, 2]"),
        Err(CatalogueError::NotStrings)
    ));
    assert!(matches!(
        Catalogue::parse(Lang::Fr, r#"{"xyz": "a"}"#),
        Err(CatalogueError::BadKey(_))
    ));
    assert!(matches!(
        Catalogue::parse(Lang::Fr, r#"{"0000g": "a"}"#),
        Err(CatalogueError::BadKey(_))
    ));
}

#[test]
fn the_key_is_fnv_1a() {
    // The published FNV-1a 32-bit test vectors, xor-folded to 20 bits.
    let fold = |hash: u32| (hash >> 20) ^ (hash & 0x000f_ffff);
    assert_eq!(key(""), fold(0x811c_9dc5));
    assert_eq!(key("a"), fold(0xe40c_292c));
    assert_eq!(key("foobar"), fold(0xbf9c_f968));
}

#[test]
fn a_part_adds_its_templates_to_its_own_language_only() {
    let main = format!(r#"{{"{:05x}": "Erneut prüfen"}}"#, key("Check again"));
    let part = format!(r#"{{"{:05x}": "CSV herunterladen"}}"#, key("Download CSV"));
    let german = Catalogue::parse(Lang::De, &main).expect("a good file");
    let with_part = german
        .clone()
        .with_part(Catalogue::parse(Lang::De, &part).expect("a good part"));
    assert_eq!(with_part.len(), 2);
    let said = in_language(&Rc::new(with_part), || {
        (Words("Check again").text(), Words("Download CSV").text())
    });
    assert_eq!(
        said,
        ("Erneut prüfen".to_owned(), "CSV herunterladen".to_owned())
    );
    let french_part = Catalogue::parse(Lang::Fr, &part).expect("a good part");
    assert_eq!(german.clone().with_part(french_part), german);
}
