//! The files of a crate and which files each one imports from, read from the source text:
//! enough of Rust's module rules (outline `mod` files, `#[path]`, inline modules, `use`
//! trees, `crate::`/`super::`/`self::` and child-module paths) to find import cycles
//! between files — the check `cargo modules dependencies --acyclic` makes per module, here
//! without installing a rust-analyzer build.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A crate's source folder and its root file.
pub struct CrateSource {
    dir: PathBuf,
    root: String,
}

impl CrateSource {
    /// The crate whose root is `dir/root` (e.g. `src/lib.rs`).
    pub fn new(dir: PathBuf, root: &str) -> Self {
        Self {
            dir,
            root: root.to_owned(),
        }
    }
}

/// One source file: its module path and its code with comments and literals blanked.
struct File {
    module: Vec<String>,
    code: String,
    children: Vec<String>,
}

/// Every loop of imports between files, each as the files walked (first repeated at the
/// end), relative to the crate's folder.
pub fn import_cycles(source: &CrateSource) -> Vec<Vec<String>> {
    cycles(&import_graph(source))
}

/// Every file of the crate and the files it imports from.
fn import_graph(source: &CrateSource) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    load(
        source,
        &source.dir.join(&source.root),
        Vec::new(),
        &mut files,
    );
    let by_module: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|(name, file)| (file.module.clone(), name.clone()))
        .collect();
    files
        .iter()
        .map(|(name, file)| (name.clone(), imports(file, &by_module, name)))
        .collect()
}

/// Reads `path` as module `module` and every outline module it declares.
fn load(
    source: &CrateSource,
    path: &Path,
    module: Vec<String>,
    files: &mut BTreeMap<String, File>,
) {
    let Ok(text) = fs::read_to_string(path) else {
        return;
    };
    let code = blank_comments_and_literals(&text);
    let is_dir_owner = module.is_empty()
        || path
            .file_name()
            .is_some_and(|name| name == "mod.rs" || name == "lib.rs" || name == "main.rs");
    let here = path.parent().expect("a file has a folder").to_path_buf();
    let child_dir = if is_dir_owner {
        here.clone()
    } else {
        here.join(path.file_stem().expect("a file has a name"))
    };
    let mut children = Vec::new();
    for (name, explicit) in outline_modules(&text, &code) {
        let child_path = match explicit {
            Some(relative) => here.join(relative),
            None if child_dir.join(format!("{name}.rs")).exists() => {
                child_dir.join(format!("{name}.rs"))
            }
            None => child_dir.join(&name).join("mod.rs"),
        };
        let mut child_module = module.clone();
        child_module.push(name.clone());
        children.push(name);
        load(source, &child_path, child_module, files);
    }
    let name = path
        .strip_prefix(&source.dir)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    files.insert(
        name,
        File {
            module,
            code,
            children,
        },
    );
}

/// Comments become spaces and string/char literals empty, so braces and `::` inside them
/// are not read as code; line structure is kept.
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        if c == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && next == Some('*') {
            at += 2;
            while at + 1 < chars.len() && !(chars[at] == '*' && chars[at + 1] == '/') {
                if chars[at] == '\n' {
                    out.push('\n');
                }
                at += 1;
            }
            at += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, at)
        {
            let mut hashes = 0;
            let mut end = at + 1;
            while chars.get(end) == Some(&'#') {
                hashes += 1;
                end += 1;
            }
            if chars.get(end) != Some(&'"') {
                out.push(c);
                at += 1;
                continue;
            }
            end += 1;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let closing: Vec<char> = closing.chars().collect();
            while end < chars.len() && !chars[end..].starts_with(&closing) {
                if chars[end] == '\n' {
                    out.push('\n');
                }
                end += 1;
            }
            out.push_str("\"\"");
            at = end + closing.len();
        } else if c == '"' {
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                if chars[at] == '\\' {
                    at += 1;
                }
                if chars.get(at) == Some(&'\n') {
                    out.push('\n');
                }
                at += 1;
            }
            out.push_str("\"\"");
            at += 1;
        } else if c == '\'' && chars.get(at + 2) == Some(&'\'') {
            out.push_str("' '");
            at += 3;
        } else if c == '\'' && next == Some('\\') {
            let mut end = at + 2;
            while end < chars.len() && chars[end] != '\'' {
                end += 1;
            }
            out.push_str("' '");
            at = end + 1;
        } else {
            out.push(c);
            at += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], at: usize) -> bool {
    at > 0 && (chars[at - 1].is_alphanumeric() || chars[at - 1] == '_')
}

/// `mod name;` declarations, each with its `#[path = "…"]` if it has one.
fn outline_modules(text: &str, code: &str) -> Vec<(String, Option<String>)> {
    let raw: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == ';')
            .filter(|word| !word.is_empty())
            .collect();
        let Some(position) = words.iter().position(|word| *word == "mod") else {
            continue;
        };
        let Some(name) = words.get(position + 1) else {
            continue;
        };
        if !line.trim_end().ends_with(';') || words.get(position + 2).is_some() {
            continue;
        }
        let explicit = raw[..number]
            .iter()
            .rev()
            .take_while(|previous| previous.trim_start().starts_with("#["))
            .find_map(|attribute| {
                let rest = attribute.split("#[path").nth(1)?;
                let start = rest.find('"')? + 1;
                let end = start + rest[start..].find('"')?;
                Some(rest[start..end].to_owned())
            });
        found.push(((*name).to_owned(), explicit));
    }
    found
}

/// The files `file` imports from: every path it names, resolved to the deepest module that
/// is a file, except its own.
fn imports(
    file: &File,
    by_module: &BTreeMap<Vec<String>, String>,
    own_name: &str,
) -> BTreeSet<String> {
    let mut targets = BTreeSet::new();
    for (inline, path) in paths(&file.code) {
        let Some(absolute) = absolute(file, &inline, &path) else {
            continue;
        };
        let target = (0..=absolute.len())
            .rev()
            .find_map(|length| by_module.get(&absolute[..length]));
        if let Some(target) = target
            && target != own_name
        {
            targets.insert(target.clone());
        }
    }
    targets
}

/// A path as an absolute module path, or `None` for a path into another crate or a local
/// name. `inline` is the stack of inline modules the path was written in.
fn absolute(file: &File, inline: &[String], path: &[String]) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut base: Vec<String> = file.module.iter().chain(inline).cloned().collect();
    let mut rest = path;
    match first.as_str() {
        "crate" => {
            base.clear();
            rest = &path[1..];
        }
        "super" | "self" => {
            while let Some(step) = rest.first() {
                match step.as_str() {
                    "super" => {
                        base.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        name if inline.is_empty() && file.children.iter().any(|child| child == name) => {}
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// Every path written in `code` (use trees expanded), with the inline modules around it.
fn paths(code: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut at = 0;
    while at < tokens.len() {
        let token = tokens[at].as_str();
        let stack = || {
            inline
                .iter()
                .map(|(name, _)| name.clone())
                .collect::<Vec<_>>()
        };
        match token {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, opened)| *opened == depth) {
                    inline.pop();
                }
            }
            "mod" if tokens.get(at + 2).is_some_and(|next| next == "{") => {
                inline.push((tokens[at + 1].clone(), depth));
            }
            "use" => {
                let end = (at..tokens.len())
                    .find(|&index| tokens[index] == ";")
                    .unwrap_or(tokens.len());
                let mut trees = Vec::new();
                expand(&tokens[at + 1..end], &mut Vec::new(), &mut trees);
                let here = stack();
                found.extend(trees.into_iter().map(|tree| (here.clone(), tree)));
                at = end;
            }
            _ if is_ident(token) && tokens.get(at + 1).is_some_and(|next| next == "::") => {
                let mut path = vec![token.to_owned()];
                let mut next = at + 1;
                while tokens.get(next).is_some_and(|sep| sep == "::")
                    && tokens.get(next + 1).is_some_and(|part| is_ident(part))
                {
                    path.push(tokens[next + 1].clone());
                    next += 2;
                }
                found.push((stack(), path));
                at = next;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    found
}

/// The paths of one use tree (`a::{b, c::{self, d}}` → `a::b`, `a::c`, `a::c::d`).
fn expand(tokens: &[String], prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut at = 0;
    let start = prefix.len();
    while at < tokens.len() {
        match tokens[at].as_str() {
            "{" => {
                let mut depth = 0;
                let mut item_start = at + 1;
                for index in at..tokens.len() {
                    match tokens[index].as_str() {
                        "{" => depth += 1,
                        "}" => {
                            depth -= 1;
                            if depth == 0 {
                                expand(&tokens[item_start..index], prefix, out);
                                break;
                            }
                        }
                        "," if depth == 1 => {
                            expand(&tokens[item_start..index], prefix, out);
                            item_start = index + 1;
                        }
                        _ => {}
                    }
                }
                prefix.truncate(start);
                return;
            }
            "::" => {}
            "as" => break,
            "self" if !prefix.is_empty() => {}
            word if is_ident(word) => prefix.push(word.to_owned()),
            _ => {}
        }
        at += 1;
    }
    if prefix.len() > start || !prefix.is_empty() {
        out.push(prefix.clone());
    }
    prefix.truncate(start);
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Identifiers, `::`, braces, commas and semicolons; everything else is dropped.
fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_alphanumeric() || c == '_' {
            let start = at;
            while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                at += 1;
            }
            // `$crate` in a macro is the macro's crate, not this file's path root.
            if start > 0 && chars[start - 1] == '$' {
                continue;
            }
            tokens.push(chars[start..at].iter().collect());
            continue;
        }
        if c == ':' && chars.get(at + 1) == Some(&':') {
            tokens.push("::".to_owned());
            at += 2;
            continue;
        }
        if matches!(c, '{' | '}' | ',' | ';' | '*') {
            tokens.push(c.to_string());
        }
        at += 1;
    }
    tokens
}

/// One loop through every strongly connected group of files (Tarjan), smallest file first.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let names: Vec<&String> = edges.keys().collect();
    let index_of: BTreeMap<&String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i))
        .collect();
    let mut groups = Vec::new();
    let mut state = Tarjan {
        index: vec![None; names.len()],
        low: vec![0; names.len()],
        on_stack: vec![false; names.len()],
        stack: Vec::new(),
        next: 0,
    };
    for start in 0..names.len() {
        if state.index[start].is_none() {
            state.visit(start, &names, edges, &index_of, &mut groups);
        }
    }
    groups
        .into_iter()
        .filter(|group: &Vec<usize>| group.len() > 1)
        .map(|group| {
            let members: BTreeSet<&String> = group.iter().map(|&i| names[i]).collect();
            walk_loop(&members, edges)
        })
        .collect()
}

struct Tarjan {
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
}

impl Tarjan {
    fn visit(
        &mut self,
        node: usize,
        names: &[&String],
        edges: &BTreeMap<String, BTreeSet<String>>,
        index_of: &BTreeMap<&String, usize>,
        groups: &mut Vec<Vec<usize>>,
    ) {
        self.index[node] = Some(self.next);
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for target in &edges[names[node]] {
            let Some(&next) = index_of.get(target) else {
                continue;
            };
            match self.index[next] {
                None => {
                    self.visit(next, names, edges, index_of, groups);
                    self.low[node] = self.low[node].min(self.low[next]);
                }
                Some(seen) if self.on_stack[next] => self.low[node] = self.low[node].min(seen),
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let mut group = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                group.push(member);
                if member == node {
                    break;
                }
            }
            groups.push(group);
        }
    }
}

/// A shortest loop from the group's first file back to itself (breadth first).
fn walk_loop(
    members: &BTreeSet<&String>,
    edges: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let start = *members.iter().next().expect("a group has members");
    let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for target in edges[node].iter().filter(|target| members.contains(target)) {
            if target == start {
                let mut walk = vec![start.clone()];
                let mut at = node;
                while at != start {
                    walk.push(at.clone());
                    at = came_from[at];
                }
                walk.push(start.clone());
                let last = walk.len() - 1;
                walk[1..last].reverse();
                return walk;
            }
            if !came_from.contains_key(target) {
                came_from.insert(target, node);
                queue.push_back(target);
            }
        }
    }
    vec![start.clone()]
}

/// Every import between two files of one cycle group: what to untangle.
pub fn cycle_edges(source: &CrateSource) -> Vec<(String, String)> {
    let edges = import_graph(source);
    let reaches = |from: &String, to: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node) {
                stack.extend(edges.get(node).into_iter().flatten());
            }
        }
        false
    };
    edges
        .iter()
        .flat_map(|(from, targets)| targets.iter().map(move |to| (from, to)))
        .filter(|(from, to)| reaches(to, from))
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect()
}
