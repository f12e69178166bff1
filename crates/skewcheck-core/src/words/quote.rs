//! Words from elsewhere (a link, a server), marked as such so they cannot pass for the
//! page's own.

/// `text` in quotation marks, as words that come from elsewhere (a link) and not from this
/// page: `“T-1234”`. Quotation marks inside become plain apostrophes, so the text cannot
/// close the quotation and go on as if the page were speaking.
pub fn quoted(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '"' | '«' | '»' | '‹' | '›' | '〝' | '〞' | '＂' => {
                '\''
            }
            other => other,
        })
        .collect();
    format!("“{inner}”")
}

/// The name a link gave to a service of its own, marked as the link's words:
/// `“Backup NAS” (named by the link)`. Giving it this form again changes nothing.
pub fn named_by_link(name: &str) -> String {
    let bare = name
        .strip_suffix(NAMED_BY_LINK_SUFFIX)
        .and_then(|quoted| quoted.strip_prefix('“')?.strip_suffix('”'))
        .unwrap_or(name);
    format!("{}{NAMED_BY_LINK_SUFFIX}", quoted(bare))
}

const NAMED_BY_LINK_SUFFIX: &str = " (named by the link)";

#[cfg(test)]
mod tests;
