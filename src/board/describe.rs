//! A change in a few words, as the board and the command line say what undo and redo did.

use super::{Board, Card, CardId, Change, NO_STATE};
use crate::markdown;

impl Board {
    /// What an undo (`back`) or a redo just did, with how many more there are to do:
    /// "undone: GPU Support design → spec-definition (3 more to undo)". `applied` is what the
    /// board just did (an undone change's inverse, or the redone change).
    pub fn travelled(&self, applied: &Change, back: bool) -> String {
        let (left, what, word) = if back {
            (self.history.done.len(), "undone", "undo")
        } else {
            (self.history.undone.len(), "redone", "redo")
        };
        format!(
            "{what}: {} ({left} more to {word})",
            self.describe(applied, back)
        )
    }

    /// What a change was, in a few words. `applied` is what the board just did (an undone
    /// change's inverse, or the redone change), so a move reads the way the card just went:
    /// "GPU Support design → spec-definition".
    pub fn describe(&self, applied: &Change, back: bool) -> String {
        let quoted = |card: &Card| format!("“{}”", short(&self.title(card)));
        match applied {
            Change::Edit { id, cells } => {
                let card = self.card(*id);
                let title = card.map_or_else(String::new, |c| short(&self.title(c)));
                let headers = card.map_or(&[][..], |c| self.headers_of(c));
                let header = |col: usize| headers.get(col).map_or("?", String::as_str);
                match cells.as_slice() {
                    [one] if card.is_some_and(|c| one.col == self.state_col_of(c)) => {
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
                let title = self
                    .card(*id)
                    .map_or_else(String::new, |c| short(&self.title(c)));
                let column = self
                    .card(*id)
                    .map(|c| state(self.state_raw(c)))
                    .unwrap_or_default();
                let way = if to < from { "up" } else { "down" };
                format!("{title} {way} in {column}")
            }
            // An undo brings back what a delete took, or takes away what an add made.
            Change::Insert { card, .. } if back => format!("delete of {}", quoted(card)),
            Change::Insert { card, .. } => format!("add of {}", quoted(card)),
            Change::Remove { card, .. } if back => format!("add of {}", quoted(card)),
            Change::Remove { card, .. } => format!("delete of {}", quoted(card)),
            Change::TableCell {
                table,
                col,
                before,
                after,
                ..
            } => {
                let what = if Some(*table) == self.layout.states_table && *col == 0 {
                    "the states table"
                } else {
                    "a table"
                };
                format!("{what}: {} → {}", value(before), value(after))
            }
            Change::Batch(changes) => self.describe_batch(changes, back),
        }
    }

    /// A batch: a state renamed (a state cell of the states table and of cards, named as the
    /// states table spells it), else several cards moved, edited, added or deleted at once.
    fn describe_batch(&self, changes: &[Change], back: bool) -> String {
        // The cards found once, not per part: a batch may move a thousand cards.
        let ids: Vec<CardId> = changes.iter().filter_map(Change::card_id).collect();
        let at = self.indices_of(&ids);
        let card = |id: &CardId| at.get(id).map(|&i| &self.cards[i]);
        if let Some(renamed) = self.describe_rename(changes, &card) {
            return renamed;
        }
        let n = changes.len();
        let cards = super::cards(n);
        let moves = changes.iter().all(|p| match p {
            Change::Edit { id, cells } => {
                card(id).is_some_and(|c| cells.iter().all(|e| e.col == self.state_col_of(c)))
            }
            _ => false,
        });
        let all = |f: fn(&Change) -> bool| changes.iter().all(f);
        if moves {
            format!("move of {cards}")
        } else if all(|p| matches!(p, Change::Edit { .. })) {
            format!("edit of {cards}")
        } else if all(|p| matches!(p, Change::Remove { .. })) {
            format!("{} of {cards}", if back { "add" } else { "delete" })
        } else if all(|p| matches!(p, Change::Insert { .. })) {
            format!("{} of {cards}", if back { "delete" } else { "add" })
        } else {
            format!("{n} changes")
        }
    }

    /// A state renamed: the states table's cell and every card's state cell, as one batch.
    fn describe_rename<'a>(
        &self,
        changes: &[Change],
        card: &dyn Fn(&CardId) -> Option<&'a Card>,
    ) -> Option<String> {
        let mut listed = None;
        let mut cards = 0;
        for change in changes {
            match change {
                Change::TableCell {
                    table,
                    col: 0,
                    before,
                    after,
                    ..
                } if Some(*table) == self.layout.states_table => {
                    listed.get_or_insert((before, after));
                }
                Change::Edit { id, cells } => match (card(id), cells.as_slice()) {
                    (Some(card), [one]) if one.col == self.state_col_of(card) => {
                        cards += 1;
                    }
                    _ => return None,
                },
                _ => return None,
            }
        }
        // Cards moved together without the states table are a move, not a rename.
        let (before, after) = listed?;
        let n = if cards == 1 { "card" } else { "cards" };
        Some(format!(
            "rename of state {} → {} ({cards} {n})",
            state(before),
            state(after)
        ))
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
