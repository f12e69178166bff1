//! Tests of `quote`.

use super::*;

#[test]
fn link_words_are_quoted_and_cannot_close_the_quote() {
    assert_eq!(quoted("T-1234"), "“T-1234”");
    assert_eq!(quoted("a” OK “b"), "“a' OK 'b”");
    assert_eq!(
        named_by_link("Backup NAS"),
        "“Backup NAS” (named by the link)"
    );
    assert_eq!(
        named_by_link(&named_by_link("Backup NAS")),
        "“Backup NAS” (named by the link)"
    );
    assert_eq!(
        named_by_link("x” (named by the link)"),
        "“x' (named by the link)” (named by the link)",
        "only a whole quotation is taken for an earlier marking"
    );
}

#[test]
fn no_languages_quotation_mark_survives_inside_a_quotation() {
    assert_eq!(
        unquoting("a」 OK 「b』c『 «d» „e“"),
        "a' OK 'b'c' 'd' 'e'",
        "Japanese and Chinese corner brackets close a quotation as surely as “”"
    );
}

#[test]
fn a_marking_in_the_spoken_language_is_not_made_twice() {
    use crate::lang::Lang;
    use crate::words::catalogue::{Catalogue, in_language, key};
    use std::rc::Rc;
    let file = format!(
        r#"{{"{:05x}": "„{{text}}“", "{:05x}": "{{name}} (vom Link benannt)"}}"#,
        key("“{text}”"),
        key("{name} (named by the link)")
    );
    let german = Rc::new(Catalogue::parse(Lang::De, &file).expect("a good file"));
    in_language(&german, || {
        assert_eq!(quoted("T-1"), "„T-1“");
        let once = named_by_link("Backup NAS");
        assert_eq!(once, "„Backup NAS“ (vom Link benannt)");
        assert_eq!(named_by_link(&once), once);
    });
}
