//! The report's one table engine, and the terminal's text: cells, the grid laid out to
//! the width (boxed, or stacked when narrow) or as a Markdown table, headings and
//! paragraphs wrapped without breaking a word. Every table of every command, in the
//! terminal and in Markdown, is a [`Grid`].

use std::borrow::Cow;
use std::fmt::Write;

use anstyle::{AnsiColor as Color, Style as Ansi};
use textwrap::core::display_width;

use super::Style;
use crate::assessment::Truth;

/// Below this width tables are stacked: a boxed table of five columns leaves too little
/// room per column for a sentence.
pub const WIDE: u16 = 80;

/// A table cell: its text, the colour it is painted in when colour is on, and whether
/// it is marked out (bold in Markdown) as the part of its row that changed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    text: String,
    color: Option<Color>,
    strong: bool,
}

impl Cell {
    pub(crate) fn new(text: impl ToString) -> Self {
        Cell {
            text: cut(&text.to_string()).into_owned(),
            ..Cell::default()
        }
    }

    /// The cell marked out: bold in Markdown and, with colour, in the terminal.
    pub(crate) fn strong(self) -> Self {
        Cell {
            strong: true,
            ..self
        }
    }
}

pub(crate) fn paint(text: &str, color: Color) -> Cell {
    Cell {
        color: Some(color),
        ..Cell::new(text)
    }
}

/// Where a column's text sits: figures line up on the right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Align {
    #[default]
    Left,
    Right,
}

/// The most characters of one value the report shows: more than a screen. A longer value
/// (a name pasted with a whole document) is cut and says so, which keeps the report's
/// size in proportion to the screen; `--format json` keeps it whole.
const MAX_SHOWN_CHARS: usize = 4_000;

/// `text`, cut after [`MAX_SHOWN_CHARS`] characters with a note saying how much was left out.
pub(crate) fn cut(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let left = text[cut..].chars().count();
            Cow::Owned(format!(
                "{} … ({left} more characters not shown; `--format json` has the whole text)",
                &text[..cut]
            ))
        }
    }
}

/// A table of rows under a header, laid out by [`Grid::render`] to the width.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// The column headings: the report's own words, from the rules or the renderer.
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub(crate) fn new(header: &[&str]) -> Self {
        Grid {
            header: header.iter().map(|h| h.to_string()).collect(),
            align: vec![Align::Left; header.len()],
            rows: Vec::new(),
        }
    }

    /// The grid with the columns at `columns` aligned to the right.
    pub(crate) fn right(mut self, columns: &[usize]) -> Self {
        for &i in columns {
            if let Some(a) = self.align.get_mut(i) {
                *a = Align::Right;
            }
        }
        self
    }

    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The table in Markdown, or laid out for the terminal in `style`.
    pub(crate) fn laid_out(&self, markdown: bool, style: Style) -> String {
        if markdown {
            self.markdown()
        } else {
            self.render(style)
        }
    }

    /// The table in Markdown: every cell's text escaped as a cell (see
    /// [`super::md_text::cell`]), so no answer can end a cell or start markup; the
    /// headings are written as they are, being the report's own words.
    pub(crate) fn markdown(&self) -> String {
        let mut out = String::new();
        out.push('|');
        for h in &self.header {
            out.push_str(&if h.is_empty() {
                " |".to_string()
            } else {
                format!(" {h} |")
            });
        }
        out.push('\n');
        let rule: Vec<&str> = self
            .align
            .iter()
            .map(|a| match a {
                Align::Left => "---",
                Align::Right => "---:",
            })
            .collect();
        let _ = writeln!(out, "|{}|", rule.join("|"));
        for row in &self.rows {
            let cells: Vec<String> = (0..self.header.len())
                .map(|i| {
                    let cell = row.get(i);
                    let text = super::md_text::cell(cell.map_or("", |c| c.text.as_str()));
                    match cell {
                        Some(c) if c.strong && !text.is_empty() => format!("**{text}**"),
                        _ => text,
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }

    /// The table as lines no wider than `style.width`: boxed when every column can hold
    /// its longest word at a width from [`WIDE`] up, stacked otherwise.
    pub(crate) fn render(&self, style: Style) -> String {
        let width = usize::from(style.width);
        match self.column_widths(width) {
            Some(widths) if style.width >= WIDE => self.boxed(&widths, style),
            _ => self.stacked(style),
        }
    }

    /// Column widths that fit `width` with the borders, each at least its longest word;
    /// `None` when the words do not fit side by side.
    fn column_widths(&self, width: usize) -> Option<Vec<usize>> {
        let n = self.header.len();
        let borders = 3 * n + 1;
        let budget = width.checked_sub(borders)?;
        let mut least = vec![1; n];
        let mut most = vec![1; n];
        let cells = std::iter::once(self.header.iter().map(String::as_str).collect::<Vec<_>>())
            .chain(
                self.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.as_str()).collect()),
            );
        for row in cells {
            for (i, text) in row.into_iter().enumerate().take(n) {
                for line in text.lines() {
                    most[i] = most[i].max(display_width(line));
                    let longest = line.split_whitespace().map(display_width).max();
                    least[i] = least[i].max(longest.unwrap_or(0));
                }
            }
        }
        let floor: usize = least.iter().sum();
        if floor > budget {
            return None;
        }
        let wanted: usize = most.iter().sum();
        if wanted <= budget {
            return Some(most);
        }
        // Each column gets its longest word, then a share of what is left in
        // proportion to how much more it would use.
        let spare = budget - floor;
        let need: Vec<usize> = most.iter().zip(&least).map(|(m, l)| m - l).collect();
        let total: usize = need.iter().sum();
        let mut widths: Vec<usize> = least
            .iter()
            .zip(&need)
            .map(|(l, n)| l + spare * n / total)
            .collect();
        let mut left = budget - widths.iter().sum::<usize>();
        for (w, (n, l)) in widths.iter_mut().zip(need.iter().zip(&least)) {
            if left == 0 {
                break;
            }
            if *w < l + n {
                *w += 1;
                left -= 1;
            }
        }
        Some(widths)
    }

    fn boxed(&self, widths: &[usize], style: Style) -> String {
        let mut out = String::new();
        let rule = |left: &str, fill: &str, join: &str, right: &str| {
            let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
            format!("{left}{}{right}\n", parts.join(join))
        };
        out.push_str(&rule("┌", "─", "┬", "┐"));
        let header: Vec<Cell> = self.header.iter().map(|h| Cell::new(h).strong()).collect();
        boxed_row(&mut out, &header, widths, &self.align, style);
        out.push_str(&rule("╞", "═", "╪", "╡"));
        for row in &self.rows {
            boxed_row(&mut out, row, widths, &self.align, style);
        }
        out.push_str(&rule("└", "─", "┴", "┘"));
        out
    }

    /// One block per row: the first cell as its heading, then each other cell as
    /// `Header: value`, wrapped with a hanging indent.
    fn stacked(&self, style: Style) -> String {
        let mut out = String::new();
        for (r, row) in self.rows.iter().enumerate() {
            if r > 0 {
                out.push('\n');
            }
            for (i, cell) in row.iter().enumerate() {
                let label = self.header.get(i).map(String::as_str).unwrap_or("");
                let (first, rest) = if i == 0 {
                    (String::new(), "    ".to_string())
                } else if label.is_empty() {
                    ("  ".to_string(), "    ".to_string())
                } else {
                    (format!("  {label}: "), "    ".to_string())
                };
                if i > 0 && cell.text.is_empty() {
                    continue;
                }
                let mut lines = Vec::new();
                for (n, para) in cell.text.lines().enumerate() {
                    let lead = if n == 0 {
                        first.as_str()
                    } else {
                        rest.as_str()
                    };
                    // A line of the cell (a reason, a fix) continues two columns
                    // further in, so each one is seen to start.
                    let hang = format!("{rest}  ");
                    lines.extend(wrap(para, style.width, lead, &hang));
                }
                if lines.is_empty() {
                    lines.push(first.trim_end().to_string());
                }
                for line in lines {
                    let line = match (cell.color, i) {
                        (Some(color), _) if style.color => {
                            colour_after_label(&line, color, first.len())
                        }
                        (None, 0) if style.color => {
                            let bold = Ansi::new().bold();
                            format!("{bold}{line}{bold:#}")
                        }
                        _ => line,
                    };
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// A stacked line with its value (after the label's `at` bytes) painted.
fn colour_after_label(line: &str, color: Color, at: usize) -> String {
    let at = at.min(line.len());
    let (label, value) = line.split_at(at);
    let paint = Ansi::new().fg_color(Some(color.into())).bold();
    format!("{label}{paint}{value}{paint:#}")
}

fn boxed_row(out: &mut String, row: &[Cell], widths: &[usize], align: &[Align], style: Style) {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = row.get(i).map_or("", |c| c.text.as_str());
            text.lines()
                .flat_map(|l| wrap(l, *w as u16, "", ""))
                .collect()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..height {
        out.push('│');
        for (i, w) in widths.iter().enumerate() {
            let text = wrapped[i].get(line).map_or("", String::as_str);
            let pad = " ".repeat(w.saturating_sub(display_width(text)));
            let right = align.get(i) == Some(&Align::Right);
            out.push(' ');
            if right {
                out.push_str(&pad);
            }
            match row.get(i).filter(|_| style.color && !text.is_empty()) {
                Some(Cell {
                    color: Some(color), ..
                }) => {
                    let paint = Ansi::new().fg_color(Some((*color).into())).bold();
                    let _ = write!(out, "{paint}{text}{paint:#}");
                }
                Some(Cell { strong: true, .. }) => {
                    let bold = Ansi::new().bold();
                    let _ = write!(out, "{bold}{text}{bold:#}");
                }
                _ => out.push_str(text),
            }
            if !right {
                out.push_str(&pad);
            }
            out.push(' ');
            out.push(if i + 1 == widths.len() { '│' } else { '┆' });
        }
        out.push('\n');
    }
}

/// `text` as shown, wrapped to `width` columns (see [`super::wrap`]), the first line led
/// by `first` and the others by `rest`.
pub(crate) fn wrap(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    // Every line of the table's text is wrapped here, so every line of it is shown as
    // input must be, whatever the text quotes.
    super::wrap::lines(
        &crate::shown::block(&cut(text)),
        usize::from(width),
        first,
        rest,
    )
}

/// A heading, wrapped to the width, bold when colour is on.
pub(crate) fn title(out: &mut String, text: &str, style: Style) {
    for line in wrap(text, style.width, "", "") {
        if style.color {
            let bold = Ansi::new().bold();
            let _ = writeln!(out, "{bold}{line}{bold:#}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// A paragraph wrapped to the width, every line indented by `indent`.
pub(crate) fn para(out: &mut String, text: &str, indent: &str, style: Style) {
    hanging(out, text, indent, indent, style);
}

/// A paragraph wrapped to the width, its first line indented by `first` and the others
/// by `rest`.
pub(crate) fn hanging(out: &mut String, text: &str, first: &str, rest: &str, style: Style) {
    for line in wrap(text, style.width, first, rest) {
        let _ = writeln!(out, "{line}");
    }
}

/// At most `lines` lines of `text` wrapped to the width; when it is longer, the last
/// line shown ends in "…" at a word boundary.
pub(crate) fn at_most(
    out: &mut String,
    text: &str,
    first: &str,
    rest: &str,
    lines: usize,
    style: Style,
) {
    let mut wrapped = wrap(text, style.width, first, rest);
    if wrapped.len() > lines {
        wrapped.truncate(lines);
        if let Some(last) = wrapped.last_mut() {
            while display_width(last) + 1 > usize::from(style.width) {
                match last.rfind(' ') {
                    Some(space) if space > rest.len() => last.truncate(space),
                    _ => break,
                }
            }
            last.push('…');
        }
    }
    for line in wrapped {
        let _ = writeln!(out, "{line}");
    }
}

/// The colour of a line in its state.
pub(crate) fn state_color(state: Truth) -> Color {
    match state {
        Truth::Met => Color::Green,
        Truth::Unmet => Color::Red,
        Truth::Unknown => Color::Yellow,
    }
}
