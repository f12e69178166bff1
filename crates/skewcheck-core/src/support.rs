//! Tools for the support person: links that configure the page, and commands that check a
//! server's clock the same way the page checks a device.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a support person can put in a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// The support ticket (`ref`).
    pub ticket: String,
    /// Service id (`service`); empty for the default.
    pub service: String,
    /// Tolerance in seconds (`limit`); empty for the service's own.
    pub limit_seconds: String,
    /// Name of the user's own service (`service_name`).
    pub service_name: String,
    /// Time endpoint (`endpoint`); empty for the page's own `Date` header.
    pub endpoint: String,
}

/// The link for `options`, on the page at `page_url` (its query and fragment are dropped).
/// Empty options are left out, so the default link is just the page.
pub fn build_link(page_url: &str, options: &LinkOptions) -> String {
    let base = super::address::page_base(page_url);
    let mut query = form_urlencoded::Serializer::new(String::new());
    let service = if options.service == "s3" {
        ""
    } else {
        options.service.as_str()
    };
    for (key, value) in [
        ("ref", options.ticket.as_str()),
        ("service", service),
        ("limit", options.limit_seconds.as_str()),
        ("service_name", options.service_name.as_str()),
        ("endpoint", options.endpoint.as_str()),
    ] {
        let value = value.trim();
        if !value.is_empty() {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// Copy-paste commands that compare a server's clock with a reference address's `Date`
/// header and switch on network time there. They print words for the person who runs them,
/// so the words layer writes them ([`crate::words::server_commands`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerCommands {
    /// Linux shell (GNU date).
    pub linux: String,
    /// macOS shell (BSD date).
    pub macos: String,
    /// Windows PowerShell.
    pub powershell: String,
    /// Linux: turn on NTP sync (systemd).
    pub linux_ntp: String,
    /// macOS: turn on network time.
    pub macos_ntp: String,
    /// Windows: turn on and force a sync (as Administrator).
    pub windows_ntp: String,
}

/// What could end a quoted string or start an expansion in sh or PowerShell, and the ASCII
/// controls; everything beyond ASCII is always encoded too.
const SHELL_SPECIAL: &AsciiSet = &CONTROLS
    .add(b'\'')
    .add(b'"')
    .add(b'`')
    .add(b'$')
    .add(b'\\')
    .add(b' ')
    .add(b';')
    .add(b'&')
    .add(b'|')
    .add(b'<')
    .add(b'>')
    .add(b'(')
    .add(b')')
    .add(b'{')
    .add(b'}');

/// Percent-encodes what could end a quoted string or start an expansion in sh or PowerShell,
/// so `url` is safe inside single quotes in [`ServerCommands`].
pub fn quote_safe(url: &str) -> String {
    utf8_percent_encode(url, SHELL_SPECIAL).to_string()
}

/// The script's file name, served beside `index.html` (`check.sh` at the repository root).
pub const CHECK_SCRIPT: &str = "check.sh";

/// The address `check.sh` is served from, beside `index.html`: the page's address without
/// its query and fragment, cut after the last `/` of its path
/// (`https://h.example/tools/clock/index.html?ref=1` → `https://h.example/tools/clock/`).
pub fn script_base(page_url: &str) -> String {
    let base = super::address::page_base(page_url);
    let path_start = base.find("://").map_or(0, |at| at + 3);
    match base[path_start..].rfind('/') {
        Some(slash) => base[..=path_start + slash].to_owned(),
        None => format!("{base}/"),
    }
}

/// The commands that check any machine's clock from its command line with `check.sh`, the
/// page's reference and verdict: piped, and the same downloaded, read, then run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckCommand {
    /// `curl -fsS <base>check.sh | sh -s -- <base>`: a piped script cannot know where it
    /// came from, so the base is its first argument.
    pub piped: String,
    /// Three lines: download `check.sh`, read it, run it with the base.
    pub download: String,
}

/// The [`CheckCommand`] for the page whose directory is `base` (see [`script_base`]). The
/// address is percent-encoded where a shell would read it ([`quote_safe`]) and put in single
/// quotes when anything beyond plain address characters is left (an IPv6 host's brackets).
pub fn check_command(base: &str) -> CheckCommand {
    let safe = quote_safe(base);
    let plain = safe
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ":/._~%@+=,-".contains(c));
    let word = |text: String| if plain { text } else { format!("'{text}'") };
    let (script_url, base_url) = (word(format!("{safe}{CHECK_SCRIPT}")), word(safe));
    CheckCommand {
        piped: format!("curl -fsS {script_url} | sh -s -- {base_url}"),
        download: format!(
            "curl -fsS -o {CHECK_SCRIPT} {script_url}\nless {CHECK_SCRIPT}\nsh {CHECK_SCRIPT} {base_url}"
        ),
    }
}

#[cfg(test)]
mod tests;
