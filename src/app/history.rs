//! Changing the board: applying a change and keeping the columns, the search and the focus in
//! step with it; undo and redo.

use super::{App, Effect};
use crate::board::{Card, CardId, Change, NO_STATE};
use crate::markdown;

impl App {
    /// Applies a change to the board, refreshes the columns and focuses `follow` (else keeps the
    /// focus where it was, clamped).
    pub(super) fn commit(
        &mut self,
        change: Option<Change>,
        follow: Option<CardId>,
    ) -> Option<Effect> {
        let change = change?;
        if self.refuse_read_only() {
            return None;
        }
        let follow = follow.or_else(|| match &change {
            Change::Remove { .. } => None,
            other => Some(other.card_id()),
        });
        if let Err(e) = self.stored.board.apply(change.clone()) {
            self.fail(format!("not done: {e}"));
            return None;
        }
        self.stored.note_change();
        self.after_change(follow, &change);
        Some(Effect::Save)
    }

    /// Brings the columns, the search and the focus in step with a change just applied (for an
    /// undo, the inverse of the undone change).
    pub(super) fn after_change(&mut self, follow: Option<CardId>, applied: &Change) {
        self.stored.board.update_columns(&mut self.columns, applied);
        debug_assert_eq!(self.columns, self.stored.board.columns());
        self.groups = self.stored.board.groups();
        self.grouped = self.stored.board.grouped(&self.groups);
        self.lanes_after(applied);
        if let Some(index) = &mut self.index {
            index.apply(&self.stored.board, applied);
        }
        if let Some(search) = &mut self.search {
            search.ranked = None;
            if !matches!(applied, Change::Remove { .. })
                && !search.pinned.contains(&applied.card_id())
            {
                search.pinned.push(applied.card_id());
            }
            if let (Some(query), Some(index)) = (&search.query, &self.index) {
                // An edit changes one card's text: only its match can have changed. Anything
                // else moves cards to other indices, and the board is filtered again.
                let one = match (applied, &mut search.filtered) {
                    (Change::Edit { id, .. }, Some(filtered)) => self
                        .stored
                        .board
                        .index_of(*id)
                        .map(|i| index.refilter(filtered, i)),
                    _ => None,
                };
                if one.is_none() {
                    search.filtered = Some(index.filter(query, None));
                }
            }
        }
        self.refresh_view();
        self.focus.col = self.focus.col.min(self.columns.len().saturating_sub(1));
        if !follow.is_some_and(|id| self.focus_card(id)) {
            let rows = self.shown(self.focus.col).len();
            self.focus.row = self.focus.row.min(rows.saturating_sub(1));
        }
    }

    pub(super) fn undo(&mut self) -> Option<Effect> {
        self.travel(true)
    }

    pub(super) fn redo(&mut self) -> Option<Effect> {
        self.travel(false)
    }

    /// Undoes (`back`) or redoes the last change; the focus follows the card it was about.
    pub(super) fn travel(&mut self, back: bool) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        let board = &mut self.stored.board;
        let (word, result) = if back {
            ("undo", board.undo())
        } else {
            ("redo", board.redo())
        };
        match result {
            Ok(Some(change)) => {
                // What the board just did: an undone change's inverse, or the redone change.
                let applied = if back {
                    change.inverse()
                } else {
                    change.clone()
                };
                let follow = match &applied {
                    Change::Remove { .. } => None,
                    other => Some(other.card_id()),
                };
                self.after_change(follow, &applied);
                let done = self.describe(&applied, back);
                let history = &self.stored.board.history;
                let (left, what) = if back {
                    (history.done.len(), "undone")
                } else {
                    (history.undone.len(), "redone")
                };
                self.say(format!("{what}: {done} ({left} more to {word})"));
                Some(Effect::Save)
            }
            Ok(None) => {
                self.say(format!("nothing to {word}"));
                None
            }
            Err(e) => {
                self.fail(format!("cannot {word}: {e}"));
                None
            }
        }
    }

    /// What a change was, in a few words, for the message after an undo or a redo. `applied` is
    /// what the board just did (an undone change's inverse, or the redone change), so a move
    /// reads the way the card just went: "GPU Support design → spec-definition".
    fn describe(&self, applied: &Change, back: bool) -> String {
        let board = &self.stored.board;
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
