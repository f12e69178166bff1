//! Tests of `support`.

use super::*;

#[test]
fn server_commands_carry_the_address_safely() {
    let commands = server_commands("https://example.com/tools/clock/");
    assert!(
        commands
            .linux
            .contains("curl -sI 'https://example.com/tools/clock/'")
    );
    assert!(commands.linux.contains("date -u -d"));
    assert!(commands.macos.contains("date -j -u -f"));
    assert!(
        commands
            .powershell
            .contains("Invoke-WebRequest -Uri 'https://example.com/tools/clock/'")
    );
    assert!(commands.linux_ntp.contains("timedatectl set-ntp true"));
    assert!(commands.windows_ntp.contains("w32tm /resync"));

    let hostile = server_commands("https://h/x'; rm -rf / #$(id)`whoami`\"");
    for command in [&hostile.linux, &hostile.macos, &hostile.powershell] {
        let url_part = command
            .split("-sI '")
            .nth(1)
            .or_else(|| command.split("-Uri '").nth(1))
            .unwrap();
        let quoted = url_part.split('\'').next().unwrap();
        for forbidden in ['\'', '"', '`', '$', ';', ' '] {
            assert!(!quoted.contains(forbidden), "{forbidden} in {quoted}");
        }
    }
    assert!(hostile.linux.contains("%27%3B%20rm"));
}
