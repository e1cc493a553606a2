//! Text from input (names, file names, answers) as an output may show it. Input is data:
//! nothing in it may move the cursor, recolour a terminal, reverse the text after it,
//! start a CI runner's workflow command or notify someone in a forge comment. Every
//! output turns input text into display text here, one function per kind of output, so
//! a new output has one place to call and nothing to re-invent.
//!
//! - [`line()`]: plain text (table, diff, stderr). Control characters, line breaks, bidi
//!   controls and invisible characters are replaced by a visible escape (`\n`,
//!   `\u{202e}`); a `::` that starts a word (a runner's `::error ...`) and `##[` are
//!   backslash-escaped, wherever the text ends up on a line. [`block`] does the same
//!   line by line for text whose line breaks are the output's own (a table cell, an
//!   error with its frame); [`path`] shows a file name.
//! - [`html`]: [`line()`], escaped for HTML and, when it holds right-to-left letters,
//!   isolated in `<bdi>`, so it keeps its direction without turning the text around it.
//! - Markdown: `render::markdown`'s escaping starts from [`line()`] and puts the words a
//!   forge would turn into a mention or a link into code spans ([`is_live_word`]).
//! - JSON keeps every string whole: `render::json` writes the characters [`is_hidden`]
//!   finds, and the `#` of `##[`, as `\u` escapes.
//!
//! Joiners (U+200C, U+200D) are escaped too, at the cost of an emoji sequence or a
//! Persian name showing them: a name that reads like another one is worse.

use std::borrow::Cow;

/// Whether `c` must not reach an output as itself: C0 and C1 controls (line breaks and
/// tabs included), the bidi controls (embeddings, overrides, isolates, marks) and the
/// characters that are invisible but change how text reads or matches (zero-width
/// space, joiners, word joiner, byte order mark).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Input text as one line of plain text: see the module documentation.
pub fn line(s: &str) -> Cow<'_, str> {
    if !needs_care(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut word_start = true;
    for (at, c) in s.char_indices() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            ':' if word_start && s[at..].starts_with("::") => out.push_str("\\:"),
            '#' if s[at..].starts_with("##[") => out.push_str("#\\"),
            c => out.push(c),
        }
        // A hidden character is shown as an escape, so what follows it is joined to
        // that escape and cannot be wrapped to the start of a line.
        word_start = c.is_whitespace() && !is_hidden(c);
    }
    Cow::Owned(out)
}

/// Text that may hold line breaks on purpose (a cell of several lines, a paragraph that
/// quotes an answer): each of its lines as [`line()`] shows it, the line breaks kept.
pub fn block(s: &str) -> Cow<'_, str> {
    if !needs_care(s) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<str>> = s
        .split('\n')
        .map(|l| line(l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    Cow::Owned(lines.join("\n"))
}

/// A file name as [`line()`] shows it.
pub fn path(p: &std::path::Path) -> String {
    line(&p.display().to_string()).into_owned()
}

fn needs_care(s: &str) -> bool {
    s.chars().any(is_hidden) || s.contains("::") || s.contains("##[")
}

/// Input text for HTML: [`line()`], escaped, and in `<bdi>` when it holds right-to-left
/// letters, so that it keeps its direction without turning the text around it. Its bidi
/// controls are already escaped by [`line()`], so text with no right-to-left letter has
/// nothing to isolate and is left as it is.
pub fn html(s: &str) -> String {
    let text = html_text(s);
    match text.chars().any(is_right_to_left) {
        true => format!("<bdi>{text}</bdi>"),
        false => text,
    }
}

/// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
/// Mandaic and their presentation forms and supplements).
fn is_right_to_left(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// Input text for where HTML cannot hold an element (a `<title>`, an attribute): [`line()`],
/// escaped.
pub fn html_text(s: &str) -> String {
    escape_html(&line(s))
}

/// `&`, `<`, `>` and both quotes as HTML writes them in text and in attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a forge would turn `word` into a live mention or link in Markdown: it holds an
/// `@` (`@team`, `@org/team`, an e-mail address), a scheme (`https://`) or starts with
/// `www.`. Markdown shows such a word as code, where nothing is live.
pub fn is_live_word(word: &str) -> bool {
    word.contains('@')
        || word.contains("://")
        || word
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
}

/// `word` as a Markdown code span, fenced with more backticks than it holds and with its
/// `|` escaped, which GitHub's tables require even inside code.
pub fn code_span(word: &str) -> String {
    let longest = word.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if word.starts_with('`') || word.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", word.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_passed_as_it_is() {
        for s in ["Acme × Northwind", "examples/ready.toml", "Ærø Ltd", "a#b"] {
            assert!(matches!(line(s), Cow::Borrowed(_)), "{s}");
        }
        assert_eq!(line("Foo::Bar"), "Foo::Bar");
        // Right-to-left text needs no control to be shown.
        assert_eq!(line("شركة"), "شركة");
    }

    #[test]
    fn controls_and_bidi_are_shown_as_escapes() {
        assert_eq!(line("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(line("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(line("x\u{202e}cod.exe"), "x\\u{202e}cod.exe");
        assert_eq!(line("\u{2066}a\u{2069}"), "\\u{2066}a\\u{2069}");
        assert_eq!(
            line("zero\u{200b}width\u{feff}"),
            "zero\\u{200b}width\\u{feff}"
        );
        assert_eq!(line("c1\u{9b}2J"), "c1\\u{9b}2J");
    }

    #[test]
    fn no_word_can_start_a_workflow_command() {
        assert_eq!(line("::error file=a::x"), "\\::error file=a::x");
        assert_eq!(line("Ledgerly ::warning::x"), "Ledgerly \\::warning::x");
        assert_eq!(line("Ledgerly\n::error::x"), "Ledgerly\\n::error::x");
        assert_eq!(line("a ##[error]x"), "a #\\#[error]x");
        // Shown text is shown again unchanged.
        for s in ["::error", "\u{1b}x", "##[group]"] {
            assert_eq!(line(&line(s)), line(s));
        }
    }

    #[test]
    fn a_block_keeps_its_line_breaks() {
        assert_eq!(block("a\r\n::error\nb\u{1b}"), "a\n\\::error\nb\\u{1b}");
    }

    #[test]
    fn html_isolates_and_escapes() {
        assert_eq!(html("a\u{202e}<b>"), "a\\u{202e}&lt;b&gt;");
        assert_eq!(html("שלום (x)"), "<bdi>שלום (x)</bdi>");
    }

    #[test]
    fn live_words_are_found_and_fenced() {
        for w in ["@team", "x@y.test", "https://x.test", "WWW.x.test"] {
            assert!(is_live_word(w), "{w}");
        }
        for w in ["Acme", "www", "a:b"] {
            assert!(!is_live_word(w), "{w}");
        }
        assert_eq!(code_span("@team"), "`@team`");
        assert_eq!(code_span("@a`b"), "``@a`b``");
        assert_eq!(code_span("`@x"), "`` `@x ``");
        assert_eq!(code_span("@a|b"), "`@a\\|b`");
    }
}
