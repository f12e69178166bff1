//! The languages the page speaks, as facts: tags, writing direction, decimal mark, and which
//! one a client gets (the link's `lang`, else the deployment's `language`, else the
//! browser's `navigator.languages`, else English), limited to what the deployment offers.
//! The words themselves are [`crate::words`]'; a language's file only translates them.

/// A language the page can speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, compiled into the page (every other language is its own file).
    #[default]
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// German.
    De,
    /// Brazilian Portuguese.
    PtBr,
    /// Japanese.
    Ja,
    /// Simplified Chinese.
    ZhCn,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, English first (the order of the switcher).
    pub const ALL: [Self; 8] = [
        Self::En,
        Self::Es,
        Self::Fr,
        Self::De,
        Self::PtBr,
        Self::Ja,
        Self::ZhCn,
        Self::Ar,
    ];

    /// The BCP 47 tag: `<html lang>`, the `lang` link parameter, the file name.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::Fr => "fr",
            Self::De => "de",
            Self::PtBr => "pt-BR",
            Self::Ja => "ja",
            Self::ZhCn => "zh-CN",
            Self::Ar => "ar",
        }
    }

    /// The language's own name, as the switcher shows it (an endonym: every reader finds
    /// their own language whatever the page speaks now).
    pub const fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Es => "Español",
            Self::Fr => "Français",
            Self::De => "Deutsch",
            Self::PtBr => "Português (Brasil)",
            Self::Ja => "日本語",
            Self::ZhCn => "简体中文",
            Self::Ar => "العربية",
        }
    }

    /// Whether the language is written right to left (`dir="rtl"`).
    pub const fn is_rtl(self) -> bool {
        matches!(self, Self::Ar)
    }

    /// `<html dir>`.
    pub const fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The decimal mark in running text: a comma where the language writes one (CLDR's
    /// `decimal` symbol for es, fr, de, pt-BR). Arabic keeps Latin digits and a point, as
    /// the page's numbers must match the figures support reads in a report.
    pub const fn decimal_mark(self) -> char {
        match self {
            Self::Es | Self::Fr | Self::De | Self::PtBr => ',',
            Self::En | Self::Ja | Self::ZhCn | Self::Ar => '.',
        }
    }

    /// The language a tag names, as browsers and people write them: case-insensitive,
    /// `_` as `-`, a region or script after the language ignored except that `pt` is
    /// Brazilian Portuguese and `zh`, `zh-Hans`, `zh-CN`, `zh-SG` are Simplified Chinese
    /// (`zh-TW`, `zh-HK` and `zh-Hant` are Traditional, which the page does not speak).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        match language {
            "en" => Some(Self::En),
            "es" => Some(Self::Es),
            "fr" => Some(Self::Fr),
            "de" => Some(Self::De),
            "pt" => Some(Self::PtBr),
            "ja" => Some(Self::Ja),
            "ar" => Some(Self::Ar),
            "zh" if rest
                .iter()
                .all(|part| !matches!(*part, "hant" | "tw" | "hk" | "mo")) =>
            {
                Some(Self::ZhCn)
            }
            _ => None,
        }
    }
}

/// Where the choice of language comes from, in order of precedence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LangChoice<'a> {
    /// The link's `lang` parameter.
    pub link: Option<&'a str>,
    /// The deployment's `language` in `skewcheck.json`.
    pub deployment: Option<&'a str>,
    /// The browser's `navigator.languages`, most preferred first.
    pub browser: &'a [String],
    /// The deployment's `languages`: the set it offers (`None`: all of them). English is
    /// always offered: it is the fallback that needs no file.
    pub offered: Option<&'a [Lang]>,
}

/// The language to speak: the first of the link's, the deployment's and the browser's
/// choices that the page speaks and the deployment offers; else English. An unknown or
/// refused tag is skipped, never an error (`lang=xx` is English).
pub fn choose(choice: &LangChoice<'_>) -> Lang {
    let offered = |lang: &Lang| {
        *lang == Lang::En || choice.offered.is_none_or(|offered| offered.contains(lang))
    };
    choice
        .link
        .into_iter()
        .chain(choice.deployment)
        .chain(choice.browser.iter().map(String::as_str))
        .filter_map(Lang::from_tag)
        .find(offered)
        .unwrap_or_default()
}

/// The deployment's `languages` list read leniently: the tags the page speaks, in order,
/// each once; unknown tags dropped.
pub fn offered_languages(tags: &[&str]) -> Vec<Lang> {
    let mut offered = Vec::new();
    for lang in tags.iter().filter_map(|tag| Lang::from_tag(tag)) {
        if !offered.contains(&lang) {
            offered.push(lang);
        }
    }
    offered
}

/// The link's `lang` parameter (`?lang=de`), as written; the last one wins, as the page's
/// other parameters do. Whether the page speaks it is [`choose`]'s question.
pub fn link_tag(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| name == "lang")
        .last()
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests;
