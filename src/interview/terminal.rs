//! The terminal [`Prompter`] and the interview's other prompts, drawn in place with
//! crossterm: lists (pick one, with type-to-find), tick lists and typed answers. Every
//! prompt takes the same keys, listed in its footer: Enter keeps or picks, Left or
//! Shift-Tab goes back one question, Esc or Ctrl-C stops. Everything shown is wrapped
//! between words to the terminal's width, so nothing breaks mid-word at 40 columns.
//!
//! inquire has no way to hand a "back" key to the caller, so the prompts are drawn here;
//! they are small, and what they draw is what a consultant reads aloud.

use std::io::{self, Write};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, queue, terminal};

use super::answer::{self, DONT_KNOW};
use super::typed_layout::lay_out;

/// The key that answers "don't know" at once in a yes/no list: what is typed for it in a
/// typed answer, so one key means one thing everywhere.
const DONT_KNOW_KEY: char = DONT_KNOW.as_bytes()[0] as char;
use super::{Ask, Prompter, Reply, Stop};
use crate::condition::Fact;
use crate::profile::catalog::FieldKind;

/// What "don't know" is called in lists, with what it means next to a real "unsure".
pub const DONT_KNOW_LABEL: &str = "Don't know (not found out yet; stays an open question)";

/// The keys every prompt takes, for footers.
const BACK_KEYS: &str = "← / Shift-Tab back";
const STOP_KEYS: &str = "Esc stops";

/// What a prompt gives back: a result, or "go back one question".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick<T> {
    Done(T),
    Back,
}

/// Asks on the process's terminal.
pub struct Terminal {
    paint: Paint,
}

impl Terminal {
    /// Prompts for this terminal; without colour, they are drawn plain.
    pub fn new(color: bool) -> Self {
        Terminal {
            paint: Paint { color },
        }
    }
}

/// Colours, only when asked for.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn with(self, style: anstyle::Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
    fn bold(self, text: &str) -> String {
        self.with(anstyle::Style::new().bold(), text)
    }
    fn dim(self, text: &str) -> String {
        self.with(anstyle::Style::new().dimmed(), text)
    }
    fn accent(self, text: &str) -> String {
        self.with(
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Cyan.into())),
            text,
        )
    }
    fn error(self, text: &str) -> String {
        self.with(
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Red.into())),
            text,
        )
    }
}

/// The terminal's width in columns (80 without a terminal), never below 20.
pub fn width() -> usize {
    terminal::size().map_or(80, |(w, _)| usize::from(w)).max(20)
}

fn height() -> usize {
    terminal::size().map_or(24, |(_, h)| usize::from(h)).max(10)
}

/// `text` broken between words into lines of at most `width` columns, the first line
/// starting with `first`, the others with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    crate::render::wrap::lines(text, width.max(first.len() + 8), first, rest)
}

/// Turns a terminal failure into a [`Stop`].
fn gone(err: io::Error) -> Stop {
    Stop::Terminal(err.to_string())
}

/// Prints a paragraph, wrapped between words to the terminal's width, turning a vanished
/// terminal into a [`Stop`] instead of a panic. Lines starting with spaces keep their
/// indent on every wrapped line.
pub fn say(text: &str) -> Result<(), Stop> {
    let columns = width().saturating_sub(1);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let rest = format!("{indent}  ");
        let rest = if indent.is_empty() { "" } else { rest.as_str() };
        lines.extend(wrap(line.trim_start(), columns, indent, rest));
    }
    let mut out = io::stdout().lock();
    writeln!(out, "{}", lines.join("\n"))
        .and_then(|_| out.flush())
        .map_err(gone)
}

/// Prints text that is already laid out for this terminal (a report rendered at its
/// width) as it is: wrapping it again would break every full-width line.
pub fn show(text: &str) -> Result<(), Stop> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(gone)
}

/// One prompt on screen: raw mode while it is up, redrawn in place on every key.
struct Screen {
    /// Rows between the first row of the frame and the cursor.
    cursor_row: usize,
}

impl Screen {
    fn open() -> Result<Self, Stop> {
        terminal::enable_raw_mode().map_err(gone)?;
        Ok(Screen { cursor_row: 0 })
    }

    /// Replaces the frame with `lines`; `cursor` is (row, column) of the text cursor.
    fn draw(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> Result<(), Stop> {
        let mut out = io::stdout().lock();
        let result = (|| -> io::Result<()> {
            if self.cursor_row > 0 {
                queue!(out, cursor::MoveUp(self.cursor_row as u16))?;
            }
            queue!(
                out,
                cursor::MoveToColumn(0),
                terminal::Clear(terminal::ClearType::FromCursorDown)
            )?;
            out.write_all(lines.join("\r\n").as_bytes())?;
            let last = lines.len().saturating_sub(1);
            match cursor {
                Some((row, column)) => {
                    if last > row {
                        queue!(out, cursor::MoveUp((last - row) as u16))?;
                    }
                    queue!(out, cursor::MoveToColumn(column as u16), cursor::Show)?;
                    self.cursor_row = row;
                }
                None => {
                    queue!(out, cursor::Hide)?;
                    self.cursor_row = last;
                }
            }
            out.flush()
        })();
        result.map_err(gone)
    }

    /// Leaves `lines` on screen for good and ends raw mode.
    fn close(mut self, lines: &[String]) -> Result<(), Stop> {
        self.draw(lines, None)?;
        let mut out = io::stdout().lock();
        let _ = write!(out, "\r\n");
        let _ = queue!(out, cursor::Show);
        let _ = out.flush();
        Ok(())
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
        let mut out = io::stdout();
        let _ = queue!(out, cursor::Show);
        let _ = out.flush();
    }
}

/// A key that means something to every prompt.
enum Common {
    Back,
    Other(KeyEvent),
    /// The terminal was resized: draw again.
    Redraw,
}

/// The next key press; Ctrl-C and Esc stop.
fn key() -> Result<Common, Stop> {
    loop {
        match event::read().map_err(gone)? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                return match (k.code, k.modifiers) {
                    (KeyCode::Char('c'), m) if m.contains(KeyModifiers::CONTROL) => {
                        Err(Stop::Interrupted)
                    }
                    (KeyCode::Esc, _) => Err(Stop::Canceled),
                    (KeyCode::BackTab, _) => Ok(Common::Back),
                    (KeyCode::Tab, m) if m.contains(KeyModifiers::SHIFT) => Ok(Common::Back),
                    _ => Ok(Common::Other(k)),
                };
            }
            Event::Resize(..) => return Ok(Common::Redraw),
            _ => {}
        }
    }
}

/// One entry of a list: what is shown, what else type-to-find matches, and the key that
/// picks it at once.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: String,
    pub search: String,
    /// Picks this entry without moving to it (`y` for Yes); only in lists without
    /// type-to-find, where letters are not typed.
    pub key: Option<char>,
}

impl Entry {
    pub fn new(label: impl Into<String>) -> Self {
        Entry {
            label: label.into(),
            search: String::new(),
            key: None,
        }
    }

    /// The entry, picked at once by `key`.
    pub fn keyed(label: impl Into<String>, key: char) -> Self {
        Entry {
            key: Some(key),
            ..Entry::new(label)
        }
    }
}

/// An entry's label as an answer left on screen: "Don't know" without its explanation.
fn short_label(label: &str) -> &str {
    if label == DONT_KNOW_LABEL {
        "Don't know"
    } else {
        label
    }
}

/// The footer words for the entries picked by a key: `y Yes · n No`.
fn quick_keys(entries: &[Entry]) -> Option<String> {
    let keys: Vec<String> = entries
        .iter()
        .filter_map(|e| e.key.map(|k| format!("{k} {}", short_label(&e.label))))
        .collect();
    (!keys.is_empty()).then(|| keys.join(" · "))
}

/// The entry `k` picks at once, if any.
fn picked_by(entries: &[Entry], k: &KeyEvent) -> Option<usize> {
    match k.code {
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => entries
            .iter()
            .position(|e| e.key.is_some_and(|key| key.eq_ignore_ascii_case(&c))),
        _ => None,
    }
}

/// A pick-one list.
pub struct List<'a> {
    pub prompt: &'a str,
    pub help: &'a str,
    pub entries: Vec<Entry>,
    pub cursor: usize,
    /// Whether the back key is offered.
    pub back: bool,
    /// What type-to-find is for, in the footer ("type to find a question").
    pub find: &'a str,
    /// Keys shown first in the footer.
    pub keys: &'a str,
}

/// Whether every word of `filter` is in the entry, ignoring case: how typing finds an
/// entry in a list.
pub fn matches(entry: &Entry, filter: &str) -> bool {
    let hay = format!("{} {}", entry.label, entry.search).to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

/// The heading of a prompt: `? question`, wrapped.
fn heading(paint: Paint, prompt: &str, columns: usize) -> Vec<String> {
    wrap(prompt, columns, "? ", "  ")
        .into_iter()
        .map(|l| paint.bold(&l))
        .collect()
}

/// The lines under a prompt: help, then the keys.
fn footer(paint: Paint, help: &str, keys: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if !help.is_empty() {
        lines.extend(wrap(help, columns, "  ", "  ").iter().map(|l| paint.dim(l)));
    }
    lines.extend(wrap(keys, columns, "  ", "  ").iter().map(|l| paint.dim(l)));
    lines
}

/// The prompt as left on screen when the back key was pressed.
fn went_back(paint: Paint, prompt: &str, columns: usize) -> Vec<String> {
    let mut lines = heading(paint, prompt, columns);
    lines.push(paint.dim("  ← back one question"));
    lines
}

/// The prompt and its answer, as left on screen once answered.
fn answered(paint: Paint, prompt: &str, answer: &str, columns: usize) -> Vec<String> {
    let mut lines = heading(paint, prompt, columns);
    lines.extend(
        wrap(answer, columns, "  → ", "    ")
            .iter()
            .map(|l| paint.accent(l)),
    );
    lines
}

impl Terminal {
    /// Asks to pick one entry; type-to-find narrows the list when `find` is not empty.
    pub fn choose(&mut self, list: List) -> Result<Pick<usize>, Stop> {
        let paint = self.paint;
        let mut screen = Screen::open()?;
        let mut filter = String::new();
        let mut visible: Vec<usize> = (0..list.entries.len()).collect();
        let mut at = list.cursor.min(list.entries.len().saturating_sub(1));
        let mut top = 0;
        loop {
            let columns = width().saturating_sub(1);
            let mut lines = heading(paint, list.prompt, columns);
            if !filter.is_empty() {
                lines.push(paint.accent(&format!("  find: {filter}")));
            }
            let mut keys = match quick_keys(&list.entries) {
                Some(quick) => format!("{quick} · {}", list.keys),
                None => list.keys.to_string(),
            };
            if !list.find.is_empty() {
                keys.push_str(&format!(" · {}", list.find));
            }
            if list.back {
                keys.push_str(&format!(" · {BACK_KEYS}"));
            }
            keys.push_str(&format!(" · {STOP_KEYS}"));
            let below = footer(paint, list.help, &keys, columns);
            // Each entry may take several rows; show a window around the cursor.
            let rows: Vec<Vec<String>> = visible
                .iter()
                .enumerate()
                .map(|(i, &e)| {
                    let mark = if i == at { "> " } else { "  " };
                    let wrapped = wrap(&list.entries[e].label, columns, mark, "    ");
                    if i == at {
                        wrapped.iter().map(|l| paint.accent(l)).collect()
                    } else {
                        wrapped
                    }
                })
                .collect();
            let room = height()
                .saturating_sub(lines.len() + below.len() + 2)
                .max(3);
            top = top.min(at);
            while top < at && rows[top..=at].iter().map(Vec::len).sum::<usize>() > room {
                top += 1;
            }
            let mut used = 0;
            let mut shown = 0;
            for r in rows.iter().skip(top) {
                if used + r.len() > room && shown > 0 {
                    break;
                }
                used += r.len();
                shown += 1;
                lines.extend(r.iter().cloned());
            }
            let hidden = rows.len().saturating_sub(shown);
            if visible.is_empty() {
                lines.push(paint.dim("  nothing matches; Backspace to widen"));
            } else if hidden > 0 {
                lines.push(paint.dim(&format!("  … {hidden} more (↑ ↓)")));
            }
            lines.extend(below);
            screen.draw(&lines, None)?;
            let k = match key()? {
                Common::Back if list.back => {
                    screen.close(&went_back(paint, list.prompt, columns))?;
                    return Ok(Pick::Back);
                }
                Common::Back | Common::Redraw => continue,
                Common::Other(k) => k,
            };
            if let Some(picked) = picked_by(&list.entries, &k).filter(|_| list.find.is_empty()) {
                let label = short_label(&list.entries[picked].label);
                screen.close(&answered(paint, list.prompt, label, columns))?;
                return Ok(Pick::Done(picked));
            }
            match k.code {
                KeyCode::Left if list.back => {
                    screen.close(&went_back(paint, list.prompt, columns))?;
                    return Ok(Pick::Back);
                }
                KeyCode::Up => at = at.checked_sub(1).unwrap_or(visible.len().saturating_sub(1)),
                KeyCode::Down => at = if at + 1 >= visible.len() { 0 } else { at + 1 },
                KeyCode::PageUp => at = at.saturating_sub(room),
                KeyCode::PageDown => at = (at + room).min(visible.len().saturating_sub(1)),
                KeyCode::Home => at = 0,
                KeyCode::End => at = visible.len().saturating_sub(1),
                KeyCode::Enter if !visible.is_empty() => {
                    let picked = visible[at];
                    let label = short_label(&list.entries[picked].label);
                    screen.close(&answered(paint, list.prompt, label, columns))?;
                    return Ok(Pick::Done(picked));
                }
                KeyCode::Backspace if !list.find.is_empty() => {
                    filter.pop();
                    visible = (0..list.entries.len())
                        .filter(|&e| matches(&list.entries[e], &filter))
                        .collect();
                    (at, top) = (0, 0);
                }
                KeyCode::Char(c)
                    if !list.find.is_empty() && !k.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    filter.push(c);
                    visible = (0..list.entries.len())
                        .filter(|&e| matches(&list.entries[e], &filter))
                        .collect();
                    (at, top) = (0, 0);
                }
                _ => {}
            }
        }
    }

    /// Asks to tick any of `entries`. `exclusive` is an entry that cannot be ticked with
    /// others ("Don't know"): ticking it unticks the rest, ticking another unticks it.
    pub fn tick(
        &mut self,
        prompt: &str,
        help: &str,
        entries: &[Entry],
        ticked: &[bool],
        exclusive: Option<usize>,
    ) -> Result<Pick<Vec<usize>>, Stop> {
        let paint = self.paint;
        let mut screen = Screen::open()?;
        let mut on = ticked.to_vec();
        on.resize(entries.len(), false);
        let mut at = 0;
        loop {
            let columns = width().saturating_sub(1);
            let mut lines = heading(paint, prompt, columns);
            for (i, e) in entries.iter().enumerate() {
                let mark = format!(
                    "{} [{}] ",
                    if i == at { ">" } else { " " },
                    if on[i] { "x" } else { " " }
                );
                let wrapped = wrap(&e.label, columns, &mark, "      ");
                lines.extend(wrapped.iter().map(
                    |l| {
                        if i == at {
                            paint.accent(l)
                        } else {
                            l.clone()
                        }
                    },
                ));
            }
            lines.extend(footer(
                paint,
                help,
                &format!("Space ticks · Enter confirms (nothing ticked = none of these) · {BACK_KEYS} · {STOP_KEYS}"),
                columns,
            ));
            screen.draw(&lines, None)?;
            let k = match key()? {
                Common::Back => {
                    screen.close(&went_back(paint, prompt, columns))?;
                    return Ok(Pick::Back);
                }
                Common::Redraw => continue,
                Common::Other(k) => k,
            };
            match k.code {
                KeyCode::Left => {
                    screen.close(&went_back(paint, prompt, columns))?;
                    return Ok(Pick::Back);
                }
                KeyCode::Up => at = at.checked_sub(1).unwrap_or(entries.len() - 1),
                KeyCode::Down => at = if at + 1 >= entries.len() { 0 } else { at + 1 },
                KeyCode::Char(' ') => {
                    on[at] = !on[at];
                    if on[at] {
                        match exclusive {
                            Some(x) if x == at => {
                                on.iter_mut().for_each(|t| *t = false);
                                on[at] = true;
                            }
                            Some(x) => on[x] = false,
                            None => {}
                        }
                    }
                }
                KeyCode::Enter => {
                    let picked: Vec<usize> = (0..entries.len()).filter(|&i| on[i]).collect();
                    let words = if picked.is_empty() {
                        "none of these".to_string()
                    } else {
                        picked
                            .iter()
                            .map(|&i| entries[i].label.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    screen.close(&answered(paint, prompt, &words, columns))?;
                    return Ok(Pick::Done(picked));
                }
                _ => {}
            }
        }
    }

    /// Asks for a typed answer. Enter on an empty line gives `default` (when there is one);
    /// `check` says what is wrong with an answer, which is then asked again; `doubt` asks
    /// about an answer that is valid but probably not meant, which a second Enter keeps.
    pub fn type_in(
        &mut self,
        prompt: &str,
        help: &str,
        default: Option<&str>,
        placeholder: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
        doubt: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Pick<String>, Stop> {
        let paint = self.paint;
        let mut screen = Screen::open()?;
        let mut input: Vec<char> = Vec::new();
        let mut at = 0;
        let mut problem: Option<String> = None;
        // The answer last questioned: Enter on it again takes it as typed.
        let mut doubted: Option<String> = None;
        loop {
            let columns = width().saturating_sub(1);
            let mut lines = heading(paint, prompt, columns);
            // The answer being typed, in rows of the width (it is not prose to wrap).
            let room = columns.saturating_sub(4).max(8);
            let row0 = lines.len();
            if input.is_empty() {
                let shown = match default {
                    Some(d) => format!("{d}  (Enter keeps it; type to replace)"),
                    None => placeholder.to_string(),
                };
                for (i, l) in wrap(&shown, columns.saturating_sub(4), "", "")
                    .iter()
                    .enumerate()
                {
                    let prefix = if i == 0 { "  › " } else { "    " };
                    lines.push(format!("{prefix}{}", paint.dim(l)));
                }
            }
            let typed = lay_out(&input, at, room);
            if !input.is_empty() {
                for (i, row) in typed.rows.iter().enumerate() {
                    let prefix = if i == 0 { "  › " } else { "    " };
                    lines.push(format!("{prefix}{row}"));
                }
            }
            let cursor = (row0 + typed.cursor.row, 4 + typed.cursor.column);
            if let Some(p) = &problem {
                lines.extend(
                    wrap(p, columns, "  ! ", "    ")
                        .iter()
                        .map(|l| paint.error(l)),
                );
            }
            let mut keys = String::from("Enter ");
            keys.push_str(if default.is_some() {
                "keeps or confirms"
            } else {
                "confirms"
            });
            keys.push_str(&format!(" · {BACK_KEYS} · {STOP_KEYS}"));
            lines.extend(footer(paint, help, &keys, columns));
            screen.draw(&lines, Some(cursor))?;
            let k = match key()? {
                Common::Back => {
                    screen.close(&went_back(paint, prompt, columns))?;
                    return Ok(Pick::Back);
                }
                Common::Redraw => continue,
                Common::Other(k) => k,
            };
            match k.code {
                KeyCode::Left if input.is_empty() => {
                    screen.close(&went_back(paint, prompt, columns))?;
                    return Ok(Pick::Back);
                }
                KeyCode::Left => at = at.saturating_sub(1),
                KeyCode::Right => at = (at + 1).min(input.len()),
                KeyCode::Home => at = 0,
                KeyCode::End => at = input.len(),
                KeyCode::Backspace if at > 0 => {
                    at -= 1;
                    input.remove(at);
                    problem = None;
                }
                KeyCode::Delete if at < input.len() => {
                    input.remove(at);
                    problem = None;
                }
                KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    input.clear();
                    at = 0;
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    input.insert(at, c);
                    at += 1;
                    problem = None;
                }
                KeyCode::Enter => {
                    let typed: String = input.iter().collect();
                    let kept = typed.trim().is_empty();
                    let given = match (kept, default) {
                        (true, Some(d)) => d.to_string(),
                        _ => typed,
                    };
                    // An answer kept with Enter was settled before: only what is typed now
                    // is questioned, and only once.
                    let question =
                        doubt(&given).filter(|_| !kept && doubted.as_ref() != Some(&given));
                    match check(&given) {
                        Ok(()) if question.is_some() => {
                            problem = question;
                            doubted = Some(given);
                        }
                        Ok(()) => {
                            let shown = if given.trim().is_empty() || given.trim() == DONT_KNOW {
                                "Don't know".to_string()
                            } else {
                                given.clone()
                            };
                            screen.close(&answered(paint, prompt, &shown, columns))?;
                            return Ok(Pick::Done(given));
                        }
                        Err(p) => problem = Some(p),
                    }
                }
                _ => {}
            }
        }
    }

    /// Asks yes or no, starting on `default`.
    pub fn confirm(&mut self, prompt: &str, help: &str, default: bool) -> Result<bool, Stop> {
        let picked = self.choose(List {
            prompt,
            help,
            entries: vec![Entry::keyed("Yes", 'y'), Entry::keyed("No", 'n')],
            cursor: usize::from(!default),
            back: false,
            find: "",
            keys: "Enter picks",
        })?;
        Ok(picked == Pick::Done(0))
    }
}

/// The question's allowed answers, with their labels, and their values.
fn choice_entries(ask: &Ask) -> (Vec<Entry>, Vec<Option<String>>) {
    let mut entries = Vec::new();
    let mut values = Vec::new();
    for v in &ask.choices {
        entries.push(Entry::new(ask.question.label(v)));
        values.push(Some(v.clone()));
    }
    entries.push(Entry::new(DONT_KNOW_LABEL));
    values.push(None);
    (entries, values)
}

impl Prompter for Terminal {
    fn choose(&mut self, list: List) -> Result<Pick<usize>, Stop> {
        Terminal::choose(self, list)
    }

    fn confirm(&mut self, prompt: &str, help: &str, default: bool) -> Result<bool, Stop> {
        Terminal::confirm(self, prompt, help, default)
    }

    fn ask(&mut self, ask: &Ask) -> Result<Reply, Stop> {
        let q = ask.question;
        let section = q.field.section();
        let title = format!("{}{}", section[..1].to_uppercase(), &section[1..]);
        if ask.opens_section {
            let banner = q
                .banner
                .as_deref()
                .unwrap_or(q.field.section_description.as_str());
            say(&format!(
                "\n── {title}: {} ──",
                banner.trim_end_matches('.')
            ))?;
        }
        if let Some((n, total)) = ask.progress {
            say(&format!("Question {n} of {total} · {title}"))?;
        }
        // A question the built-in rules do not ask in these words names its file.
        let marked = q.not_built_in.as_ref().map(|file| {
            format!(
                "{} (not a built-in question: {})",
                q.prompt,
                crate::shown::path(file)
            )
        });
        let prompt = marked.as_deref().unwrap_or(q.prompt.as_str());
        let pick_one = |this: &mut Self, entries: Vec<Entry>, current: usize| {
            this.choose(List {
                prompt,
                help: ask.help,
                entries,
                cursor: current,
                back: true,
                find: "",
                keys: "↑ ↓ · Enter picks",
            })
        };
        let reply = match &q.field.kind {
            FieldKind::Bool => {
                let entries = vec![
                    Entry::keyed("Yes", 'y'),
                    Entry::keyed("No", 'n'),
                    Entry::keyed(DONT_KNOW_LABEL, DONT_KNOW_KEY),
                ];
                // Never on "Don't know": Enter on a question not answered yet gives an
                // answer, and "don't know" is one keypress away.
                let current = match ask.current {
                    Some(Fact::Bool(false)) => 1,
                    _ => 0,
                };
                match pick_one(self, entries, current)? {
                    Pick::Back => Reply::Back,
                    Pick::Done(2) => Reply::Answer(None),
                    Pick::Done(i) => Reply::Answer(Some(Fact::Bool(i == 0))),
                }
            }
            FieldKind::Choice(_) => {
                let (entries, values) = choice_entries(ask);
                // The current answer, else the first choice, never "Don't know".
                let current = values
                    .iter()
                    .position(|v| match (v, ask.current) {
                        (Some(v), Some(Fact::Text(t))) => v == t,
                        _ => false,
                    })
                    .unwrap_or(0);
                match pick_one(self, entries, current)? {
                    Pick::Back => Reply::Back,
                    Pick::Done(i) => Reply::Answer(values[i].clone().map(Fact::Text)),
                }
            }
            FieldKind::List(_) => {
                let (entries, values) = choice_entries(ask);
                let ticked: Vec<bool> = values
                    .iter()
                    .map(|v| match (v, ask.current) {
                        (Some(v), Some(Fact::List(items))) => items.contains(v),
                        (None, None) => true,
                        _ => false,
                    })
                    .collect();
                match self.tick(prompt, ask.help, &entries, &ticked, Some(values.len() - 1))? {
                    Pick::Back => Reply::Back,
                    Pick::Done(picked) if picked.contains(&(values.len() - 1)) => {
                        Reply::Answer(None)
                    }
                    Pick::Done(picked) => Reply::Answer(Some(Fact::List(
                        picked.iter().filter_map(|&i| values[i].clone()).collect(),
                    ))),
                }
            }
            FieldKind::Number { .. } | FieldKind::Text => {
                let field = q.field;
                let required = q.required;
                let default = ask.current.map(|f| answer::describe(q, Some(f)));
                let mut help = ask.help.to_string();
                if let FieldKind::Number { .. } = field.kind {
                    help.push_str(&format!(" · {}", field.allowed()));
                }
                if !required {
                    help.push_str(&format!(" · type {DONT_KNOW} for don't know"));
                }
                let check = |input: &str| answer::parse_typed(field, required, input).map(|_| ());
                let placeholder = if required {
                    "type the answer"
                } else {
                    "type the answer, or ? for don't know"
                };
                let doubt = |input: &str| answer::doubt(field, input);
                match self.type_in(
                    prompt,
                    &help,
                    default.as_deref(),
                    placeholder,
                    &check,
                    &doubt,
                )? {
                    Pick::Back => Reply::Back,
                    Pick::Done(typed) => Reply::Answer(
                        answer::parse_typed(field, required, &typed).map_err(Stop::Terminal)?,
                    ),
                }
            }
        };
        Ok(reply)
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn hyphenated_words_are_not_broken() {
        let lines = wrap(
            "Is the partner's own product past product-market fit?",
            40,
            "? ",
            "  ",
        );
        assert!(
            lines.iter().any(|l| l.contains("product-market")),
            "{lines:?}"
        );
    }

    #[test]
    fn lines_break_between_words_within_the_width() {
        let help = "Matters for: You already win deals with your own sales team, so you can hold up your end of a joint deal (gate.direct-sales-motion)";
        for width in [40, 60, 80] {
            let lines = wrap(help, width, "  ", "  ");
            assert!(lines.len() > 1);
            assert!(
                lines.iter().all(|l| l.chars().count() <= width),
                "{lines:?}"
            );
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            assert_eq!(words, help.split_whitespace().collect::<Vec<_>>());
        }
    }
}
