//! The support person's server commands: they print words (the server's time, the offset
//! and which way it points) for whoever runs them. They are commands, run as written, so
//! they stay English in every language, like `check.sh` (`NOT_TEXT` in `tests/languages.rs`).

use crate::support::{ServerCommands, quote_safe};

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

#[cfg(test)]
mod tests;
