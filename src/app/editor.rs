//! A card as a small text document for the user's editor, and reading it back.
//!
//! ```text
//! Project Name: GPU Support
//! Description: first line
//!   a second line, indented by two spaces
//! ```

use thiserror::Error;

use crate::board::{Board, Card};

const INTRO: &str = "\
# Edit the card, save and quit. Lines starting with # are ignored.
# One field per `Name: value` line; a line indented by two spaces continues the value above.
";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditorError {
    #[error("line {line}: unknown field {name:?} (the fields are: {fields})")]
    UnknownField {
        line: usize,
        name: String,
        fields: String,
    },
    #[error("line {line}: expected `Field: value` or a line indented by two spaces")]
    Expected { line: usize },
    #[error("line {line}: {name:?} is given twice")]
    Twice { line: usize, name: String },
}

/// The card's fields as text, one `Name: value` per field.
pub fn to_text(board: &Board, card: &Card) -> String {
    let mut out = String::from(INTRO);
    for (col, name) in board.headers_of(card).iter().enumerate() {
        let value = board.value(card, col);
        let mut lines = value.split('\n');
        out.push_str(name);
        out.push(':');
        if let Some(first) = lines.next().filter(|l| !l.is_empty()) {
            out.push(' ');
            out.push_str(first);
        }
        out.push('\n');
        for line in lines {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The field values read back from the text (the card's table has `headers`); a field left out
/// keeps the card's value.
pub fn from_text(headers: &[String], text: &str) -> Result<Vec<Option<String>>, EditorError> {
    let mut values: Vec<Option<String>> = vec![None; headers.len()];
    let mut current: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("  ")
            && let Some(col) = current
        {
            let v = values[col].get_or_insert_with(String::new);
            v.push('\n');
            v.push_str(rest);
            continue;
        }
        if line.trim().is_empty() {
            current = None;
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(EditorError::Expected { line: line_no });
        };
        let col = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| EditorError::UnknownField {
                line: line_no,
                name: name.trim().to_owned(),
                fields: headers.join(", "),
            })?;
        if values[col].is_some() {
            return Err(EditorError::Twice {
                line: line_no,
                name: headers[col].clone(),
            });
        }
        values[col] = Some(value.strip_prefix(' ').unwrap_or(value).to_owned());
        current = Some(col);
    }
    Ok(values)
}
