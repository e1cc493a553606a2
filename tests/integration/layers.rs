//! The crate's modules form layers: no module reaches, through any chain of imports,
//! back to itself. A helper every layer needs (how input text is shown, digits grouped)
//! lives below all of them, not in a layer above one that calls it.
//!
//! Read from the source as written: every `crate::MODULE` path in code (not in comments,
//! strings or a file's unit tests) is an arrow from the file's top-level module to
//! `MODULE`.

use std::collections::BTreeMap;
use std::path::Path;

/// Arrows between the top-level modules of `src/`: for each pair, the first place that
/// draws it (`file:line`).
fn arrows() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut arrows: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in super::rust_files(Path::new("src")) {
        let relative = file.strip_prefix("src").unwrap();
        let from = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for to in modules_named(line) {
                if to != from {
                    arrows
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| format!("{}:{}", file.display(), n + 1));
                }
            }
        }
    }
    arrows
}

/// The lines of `text` that are code, numbered from 0: up to its unit tests, without
/// comment lines, and with string literals blanked.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n, without_strings(line)))
}

fn without_strings(line: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in line.chars() {
        match (quoted, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => quoted = !quoted,
            (false, _, c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The modules a line names after `crate::`, including each of a `crate::{a, b::c}`
/// group.
fn modules_named(line: String) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices("crate::") {
        let rest = &line[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group
                .split('}')
                .next()
                .unwrap_or_default()
                .split(',')
                .collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// A circle of arrows through `start`, if there is one: the modules in order.
fn circle_through(
    start: &str,
    arrows: &BTreeMap<String, BTreeMap<String, String>>,
) -> Option<Vec<String>> {
    let mut path = vec![start.to_string()];
    let mut seen = std::collections::BTreeSet::new();
    fn walk(
        at: &str,
        start: &str,
        arrows: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        seen: &mut std::collections::BTreeSet<String>,
    ) -> bool {
        for next in arrows.get(at).into_iter().flat_map(|a| a.keys()) {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, arrows, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(start, start, arrows, &mut path, &mut seen).then_some(path)
}

#[test]
fn no_module_reaches_back_to_itself() {
    let arrows = arrows();
    // The flow is read: the command layer imports the pipeline, which imports the
    // profile, so the scan found the arrows it is about.
    assert!(arrows["commands"].contains_key("assessment"), "{arrows:#?}");
    assert!(arrows["rules"].contains_key("profile"), "{arrows:#?}");
    let circles: Vec<String> = arrows
        .keys()
        .filter_map(|start| circle_through(start, &arrows))
        .map(|circle| {
            circle
                .iter()
                .zip(circle.iter().cycle().skip(1))
                .map(|(from, to)| format!("{from} -> {to} ({})", arrows[from][to]))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    assert!(
        circles.is_empty(),
        "modules that reach back to themselves:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_scan_sees_a_circle_when_there_is_one() {
    let mut arrows: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (from, line) in [
        ("diagnostic", "crate::render::shown::line(x)"),
        ("render", "use crate::{assessment, shown};"),
        (
            "assessment",
            "let d = crate::diagnostic::Diagnostic::new();",
        ),
    ] {
        for to in modules_named(without_strings(line)) {
            arrows
                .entry(from.to_string())
                .or_default()
                .insert(to, "here".into());
        }
    }
    assert_eq!(
        circle_through("diagnostic", &arrows),
        Some(vec![
            "diagnostic".to_string(),
            "render".to_string(),
            "assessment".to_string()
        ])
    );
    assert!(modules_named(without_strings(r#"say("crate::render")"#)).is_empty());
}
