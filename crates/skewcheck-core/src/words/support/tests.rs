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

#[test]
fn the_check_command_names_the_page_directory_and_its_script() {
    for (page, base) in [
        (
            "https://example.com/tools/clock/",
            "https://example.com/tools/clock/",
        ),
        (
            "https://example.com/tools/clock/index.html?ref=T-1#R1/X",
            "https://example.com/tools/clock/",
        ),
        ("https://example.com", "https://example.com/"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
    ] {
        let command = check_command(page);
        assert_eq!(
            command.piped,
            format!("curl -fsS '{base}check.sh' | sh -s -- '{base}'"),
            "{page}"
        );
        assert_eq!(
            command.download_then_run,
            format!(
                "curl -fsSo check.sh '{base}check.sh' && less check.sh && sh check.sh '{base}'"
            ),
            "{page}"
        );
    }
}

#[test]
fn the_check_command_cannot_be_broken_out_of() {
    let command = check_command("https://example.com/a'$(rm -rf ~);b`x`/");
    for text in [&command.piped, &command.download_then_run] {
        let quoted: Vec<&str> = text.split('\'').collect();
        // Only the quotes the command itself writes: the URLs stay inside them.
        assert_eq!(quoted.len() % 2, 1, "{text}");
        assert!(!text.contains("$("), "{text}");
        assert!(!text.contains('`'), "{text}");
    }
}
