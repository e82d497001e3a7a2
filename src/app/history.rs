//! Changing the board: applying a change and keeping the columns, the search and the focus in
//! step with it; undo and redo.

use super::{App, Effect};
use crate::board::{CardId, Change};

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
            other => other.card_id(),
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
        self.unwritten = self.stored.unwritten();
        crate::board::conflicts::after_change(
            &mut self.stored.conflicts,
            &self.stored.board,
            applied,
        );
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
            if let Some(id) = applied.card_id()
                && !matches!(applied, Change::Remove { .. })
                && !search.pinned.contains(&id)
            {
                search.pinned.push(id);
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
                    other => other.card_id(),
                };
                self.after_change(follow, &applied);
                self.say(self.stored.board.travelled(&applied, back));
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
}
