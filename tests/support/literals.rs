//! The string literals of a Rust source file, with their line numbers: enough of Rust's
//! lexical rules (comments, escapes, raw strings, char literals) to find sentences in code.

/// Every string literal in `text`: (1-based line, contents).
pub fn string_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        match c {
            '\n' => {
                line += 1;
                at += 1;
            }
            '/' if next == Some('/') => {
                while at < chars.len() && chars[at] != '\n' {
                    at += 1;
                }
            }
            '/' if next == Some('*') => {
                at += 2;
                while at + 1 < chars.len() && !(chars[at] == '*' && chars[at + 1] == '/') {
                    if chars[at] == '\n' {
                        line += 1;
                    }
                    at += 1;
                }
                at += 2;
            }
            'r' if (next == Some('"') || next == Some('#'))
                && !(at > 0 && (chars[at - 1].is_alphanumeric() || chars[at - 1] == '_')) =>
            {
                let mut end = at + 1;
                let mut hashes = 0;
                while chars.get(end) == Some(&'#') {
                    hashes += 1;
                    end += 1;
                }
                if chars.get(end) != Some(&'"') {
                    at += 1;
                    continue;
                }
                let start_line = line;
                let mut content = String::new();
                end += 1;
                loop {
                    if end >= chars.len() {
                        break;
                    }
                    if chars[end] == '"'
                        && (0..hashes).all(|k| chars.get(end + 1 + k) == Some(&'#'))
                    {
                        end += 1 + hashes;
                        break;
                    }
                    if chars[end] == '\n' {
                        line += 1;
                    }
                    content.push(chars[end]);
                    end += 1;
                }
                found.push((start_line, content));
                at = end;
            }
            '"' => {
                let start_line = line;
                let mut content = String::new();
                at += 1;
                while at < chars.len() && chars[at] != '"' {
                    if chars[at] == '\\' {
                        at += 1;
                        if chars.get(at) == Some(&'\n') {
                            line += 1;
                        }
                        at += 1;
                        continue;
                    }
                    if chars[at] == '\n' {
                        line += 1;
                    }
                    content.push(chars[at]);
                    at += 1;
                }
                at += 1;
                found.push((start_line, content));
            }
            '\'' if chars.get(at + 2) == Some(&'\'') => at += 3,
            '\'' if next == Some('\\') => {
                at += 2;
                while at < chars.len() && chars[at] != '\'' {
                    at += 1;
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    found
}

/// Whether `literal` reads as a phrase of words (three or more words of letters), not a
/// name, a key, a format code or a single word.
pub fn is_prose(literal: &str) -> bool {
    let mut run = 0;
    for word in literal.split(|c: char| c.is_whitespace()) {
        let letters = word.trim_matches(|c: char| !c.is_alphabetic());
        let is_word = letters.chars().count() >= 2 && letters.chars().all(char::is_alphabetic);
        run = if is_word { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}
