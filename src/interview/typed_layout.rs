//! Where a typed answer goes on screen: its characters in rows of the room left beside the
//! prompt's margin, and the cursor's row and column. Pure, so the terminal prompt only
//! draws what this gives.
//!
//! Positions are display columns, not characters: a CJK character or an emoji takes two
//! columns, a combining mark none, so a company name typed in Japanese keeps the cursor
//! after its last character instead of halfway along it.

use textwrap::core::display_width;

/// A typed answer laid out in rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedLayout {
    /// The rows, each at most the room wide; the last one is empty when the cursor is at
    /// the end of a full row.
    pub rows: Vec<String>,
    /// Where the cursor goes, in the rows.
    pub cursor: Cursor,
}

/// A cursor position: a row of the layout, and a display column in that row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub column: usize,
}

/// The columns `c` takes on a terminal (textwrap's measure, which is unicode-width's).
pub fn columns(c: char) -> usize {
    display_width(c.encode_utf8(&mut [0; 4]))
}

/// Lays `input` out in rows of at most `room` columns, with the cursor before the
/// character at `at` (after the last one when `at` is the length). A wide character that
/// does not fit at the end of a row starts the next one, as a terminal would wrap it.
pub fn lay_out(input: &[char], at: usize, room: usize) -> TypedLayout {
    // A row must hold at least one wide character.
    let room = room.max(2);
    let mut rows = vec![String::new()];
    let mut used = 0;
    let mut cursor = None;
    for (i, &c) in input.iter().enumerate() {
        let width = columns(c);
        if used + width > room {
            rows.push(String::new());
            used = 0;
        }
        if i == at {
            cursor = Some(Cursor {
                row: rows.len() - 1,
                column: used,
            });
        }
        rows.last_mut().expect("rows start with one").push(c);
        used += width;
    }
    let cursor = cursor.unwrap_or_else(|| {
        if used >= room {
            rows.push(String::new());
            used = 0;
        }
        Cursor {
            row: rows.len() - 1,
            column: used,
        }
    });
    TypedLayout { rows, cursor }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn a_cjk_name_takes_two_columns_per_character() {
        let name = chars("株式会社ノースウィンド");
        assert_eq!(name.len(), 11);
        let end = lay_out(&name, name.len(), 60);
        assert_eq!(end.rows, vec!["株式会社ノースウィンド".to_string()]);
        assert_eq!(end.cursor, Cursor { row: 0, column: 22 });
        // Moved back over two characters: four columns.
        assert_eq!(
            lay_out(&name, name.len() - 2, 60).cursor,
            Cursor { row: 0, column: 18 }
        );
    }

    #[test]
    fn ascii_is_one_column_per_character() {
        let typed = chars("Acme");
        assert_eq!(lay_out(&typed, 4, 60).cursor, Cursor { row: 0, column: 4 });
        assert_eq!(lay_out(&typed, 1, 60).cursor, Cursor { row: 0, column: 1 });
        assert_eq!(lay_out(&[], 0, 60).cursor, Cursor { row: 0, column: 0 });
    }

    #[test]
    fn rows_break_by_columns_and_a_wide_character_is_never_split() {
        // Nine columns of room: four wide characters fill eight, the fifth starts a row.
        let name = chars("株式会社ノ");
        let laid = lay_out(&name, name.len(), 9);
        assert_eq!(laid.rows, vec!["株式会社".to_string(), "ノ".to_string()]);
        assert_eq!(laid.cursor, Cursor { row: 1, column: 2 });
        // The cursor before the character that moved to the next row is on that row.
        assert_eq!(lay_out(&name, 4, 9).cursor, Cursor { row: 1, column: 0 });
    }

    #[test]
    fn the_cursor_after_a_full_row_starts_the_next() {
        let typed = chars("abcdefgh");
        let laid = lay_out(&typed, typed.len(), 8);
        assert_eq!(laid.rows, vec!["abcdefgh".to_string(), String::new()]);
        assert_eq!(laid.cursor, Cursor { row: 1, column: 0 });
    }
}
