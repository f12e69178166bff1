//! The support person's server commands: they print words (the server's time, the offset
//! and which way it points) for whoever runs them.

use crate::support::{CHECK_SCRIPT, CheckCommand, ServerCommands, page_directory, quote_safe};

/// The commands for a reference address, with what they print. The address is made safe
/// inside quotes by percent-encoding every character a shell or PowerShell would interpret
/// ([`quote_safe`]).
pub fn server_commands(reference_url: &str) -> ServerCommands {
    let url = quote_safe(reference_url);
    let report = "(positive = this machine is fast)";
    let header = format!(
        "d=$(curl -sI '{url}' | tr -d '\\r' | sed -n 's/^[Dd]ate: //p'); echo \"server: $d\""
    );
    ServerCommands {
        linux: format!("{header}; echo \"offset: $(( $(date -u +%s) - $(date -u -d \"$d\" +%s) )) s {report}\""),
        macos: format!(
            "{header}; echo \"offset: $(( $(date -u +%s) - $(date -j -u -f '%a, %d %b %Y %T GMT' \"$d\" +%s) )) s {report}\""
        ),
        powershell: format!(
            "$r = Invoke-WebRequest -Uri '{url}' -Method Head -UseBasicParsing; $server = [DateTimeOffset]::Parse(\"$($r.Headers['Date'])\"); \"offset: {{0:N1}} s {report}\" -f ([DateTimeOffset]::UtcNow - $server).TotalSeconds"
        ),
        linux_ntp: "sudo timedatectl set-ntp true && timedatectl status".to_owned(),
        macos_ntp: "sudo systemsetup -setusingnetworktime on && sudo sntp -sS time.apple.com".to_owned(),
        windows_ntp: "Set-Service w32time -StartupType Automatic; Start-Service w32time; w32tm /config /syncfromflags:manual /manualpeerlist:\"time.windows.com,0x8\" /update; w32tm /resync /force".to_owned(),
    }
}

/// The commands that run `check.sh` for the page at `page_url`: its directory
/// ([`page_directory`]) is the script's first argument, made safe inside single quotes with
/// [`quote_safe`].
pub fn check_command(page_url: &str) -> CheckCommand {
    let base = quote_safe(&page_directory(page_url));
    let script = format!("{base}{CHECK_SCRIPT}");
    CheckCommand {
        piped: format!("curl -fsS '{script}' | sh -s -- '{base}'"),
        download_then_run: format!(
            "curl -fsSo {CHECK_SCRIPT} '{script}' && less {CHECK_SCRIPT} && sh {CHECK_SCRIPT} '{base}'"
        ),
    }
}

#[cfg(test)]
mod tests;
