//! A change in a few words, as the board says it after an undo, and as the command line says
//! what it wrote.

use super::{Board, Card, Change, NO_STATE};
use crate::markdown;

/// What a change was, in a few words, for the message after an undo or a redo. `applied` is
/// what the board just did (an undone change's inverse, or the redone change), so a move
/// reads the way the card just went: "GPU Support design → spec-definition".
pub fn describe(board: &Board, applied: &Change, back: bool) -> String {
    let quoted = |card: &Card| format!("“{}”", short(&board.title(card)));
    match applied {
        Change::Edit { id, cells } => {
            let card = board.card(*id);
            let title = card.map_or_else(String::new, |c| short(&board.title(c)));
            let headers = card.map_or(&[][..], |c| board.headers_of(c));
            let header = |col: usize| headers.get(col).map_or("?", String::as_str);
            match cells.as_slice() {
                [one] if card.is_some_and(|c| one.col == board.state_col_of(c)) => {
                    format!("{title} {} → {}", state(&one.before), state(&one.after))
                }
                [one] => format!(
                    "{title}: {} {} → {}",
                    header(one.col),
                    value(&one.before),
                    value(&one.after)
                ),
                many => {
                    let mut cols: Vec<usize> = many.iter().map(|e| e.col).collect();
                    cols.sort_unstable();
                    let fields: Vec<&str> = cols.iter().map(|&c| header(c)).collect();
                    format!("edit of {title} ({})", fields.join(", "))
                }
            }
        }
        Change::Reorder { id, from, to } => {
            let title = board
                .card(*id)
                .map_or_else(String::new, |c| short(&board.title(c)));
            let column = board
                .card(*id)
                .map(|c| state(board.state_raw(c)))
                .unwrap_or_default();
            let way = if to < from { "up" } else { "down" };
            format!("{title} {way} in {column}")
        }
        // An undo brings back what a delete took, or takes away what an add made.
        Change::Insert { card, .. } if back => format!("delete of {}", quoted(card)),
        Change::Insert { card, .. } => format!("add of {}", quoted(card)),
        Change::Remove { card, .. } if back => format!("add of {}", quoted(card)),
        Change::Remove { card, .. } => format!("delete of {}", quoted(card)),
        Change::Batch(parts) => {
            let n = parts.len();
            let moves = parts.iter().all(|p| match p {
                Change::Edit { id, cells } => board
                    .card(*id)
                    .is_some_and(|c| cells.iter().all(|e| e.col == board.state_col_of(c))),
                _ => false,
            });
            let all = |f: fn(&Change) -> bool| parts.iter().all(f);
            if moves {
                format!("move of {n} cards")
            } else if all(|p| matches!(p, Change::Edit { .. })) {
                format!("edit of {n} cards")
            } else if all(|p| matches!(p, Change::Remove { .. })) {
                format!("{} of {n} cards", if back { "add" } else { "delete" })
            } else if all(|p| matches!(p, Change::Insert { .. })) {
                format!("{} of {n} cards", if back { "delete" } else { "add" })
            } else {
                format!("{n} changes")
            }
        }
    }
}

/// A state cell as the board names its column.
fn state(raw: &str) -> String {
    let name = markdown::plain(raw);
    if name.is_empty() {
        NO_STATE.to_owned()
    } else {
        short(&name)
    }
}

/// A cell's value, quoted and cut short, for a message.
fn value(raw: &str) -> String {
    let text = markdown::cell::decode(raw);
    if text.is_empty() {
        "(empty)".to_owned()
    } else {
        format!("“{}”", short(&text))
    }
}

/// At most 40 characters of `text`, on one line.
fn short(text: &str) -> String {
    let line = text.replace('\n', " ");
    if line.chars().count() <= 40 {
        return line;
    }
    let mut cut: String = line.chars().take(39).collect();
    cut.push('…');
    cut
}
