//! Text as markdown shows it: plain text escaped so that no character of it starts
//! emphasis, code, a link, a list or a heading, names kept as data ([`crate::shown`]),
//! for a paragraph, a heading or a table cell. The markdown report, the diff and the
//! program section write their text through here.

use crate::shown;

/// Characters that could start emphasis, code, a link, HTML, an entity or a table cell.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '~', '|', '&'];

/// Plain text inside a line: shown as [`shown::line`] shows input, its specials
/// backslash-escaped, and each word a forge would make a mention or a link shown as
/// code, where it stays text.
fn escape(out: &mut String, line: &str) {
    let line = shown::line(line);
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if shown::is_live_word(word) {
            out.push_str(&shown::code_span(word));
            continue;
        }
        for c in word.chars() {
            if SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

/// Plain text as it starts a line: also escapes what would open a list, a heading
/// underline or a thematic break there.
fn escape_line_start(out: &mut String, line: &str) {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &line[digits..];
    if digits > 0 && (after.starts_with('.') || after.starts_with(')')) {
        out.push_str(&line[..digits]);
        out.push('\\');
        escape(out, after);
    } else if line.starts_with(['-', '+', '=']) {
        out.push('\\');
        escape(out, line);
    } else {
        escape(out, line);
    }
}

/// Plain text for a paragraph or a list item: each of its lines is a hard line break
/// followed by `indent`, so it stays in the block it was put in; blank lines, which would
/// end that block, are left out.
pub(crate) fn text(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        escape_line_start(&mut out, line);
    }
    out
}

/// Plain text for a heading, which is one line: its line breaks become spaces.
pub(crate) fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        escape(&mut out, line);
    }
    out
}

/// Plain text for a table cell, which cannot hold a line break: lines are joined by
/// `<br>`.
pub(crate) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        escape(&mut out, line);
    }
    out
}
