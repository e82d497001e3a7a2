//! The file followed and the conflicts it left: the board rebuilt after an outside change,
//! jumping between conflicting cards, and picking a side in the card view.

use super::{App, Effect, Mode};
use crate::board::conflicts::Side;
use crate::board::{CardConflict, CardId};
use crate::search::SearchIndex;
use crate::store::Absorbed;

impl App {
    /// Rebuilds what the screen derives from the board (columns, groups, lanes, the search and
    /// its filter, marks) after the board was replaced or changed outside `update`: the file
    /// followed, the board taken over. `focused` is the card focused before (see
    /// [`App::focused_card_id`], asked before the board changed: the columns still point into
    /// the old board until this): the focus stays on it when it is still there.
    pub fn rebuild(&mut self, focused: Option<CardId>) {
        self.unwritten = self.stored.unwritten();
        let board = &self.stored.board;
        self.groups = board.groups();
        self.grouped = board.grouped(&self.groups);
        self.columns = board.columns();
        self.marked.retain(|&id| board.card(id).is_some());
        self.index = None;
        if let Some(search) = &mut self.search {
            search.ranked = None;
            search.pinned.retain(|&id| board.card(id).is_some());
            if let Some(query) = &search.query {
                let index = SearchIndex::build(board);
                search.filtered = Some(index.filter(query, None));
                self.index = Some(index);
            }
        }
        // Sorted into lanes by the view `refresh_view` makes of the new columns, not the old.
        self.build_lanes_only();
        self.refresh_view();
        self.focus.col = self.focus.col.min(self.columns.len().saturating_sub(1));
        if !focused.is_some_and(|id| self.focus_card(id)) {
            let rows = self.shown(self.focus.col).len();
            self.focus.row = self.focus.row.min(rows.saturating_sub(1));
            if matches!(self.mode, Mode::Card { .. }) && focused.is_some() {
                // The card open in the view is gone.
                self.mode = Mode::Board;
            }
        }
        self.scroll_into_view();
    }

    /// The runtime followed the file, changed outside: the board is rebuilt (the focus kept on
    /// `focused`, see [`App::rebuild`]) and says so.
    pub fn followed(&mut self, what: &Absorbed, focused: Option<CardId>) {
        self.rebuild(focused);
        let text = format!("followed the file: {what}");
        if what.conflicts > 0 {
            self.warn(text);
        } else {
            self.say(text);
        }
    }

    /// Says why the board is not written: conflicts left.
    pub(super) fn refuse_conflicts(&mut self, count: usize) {
        let s = if count == 1 { "" } else { "s" };
        self.fail(format!(
            "not written: {count} conflict{s} to resolve first ([ ] go to them; in the card, < keeps \
             mine, > takes theirs)"
        ));
    }

    /// The conflicts of the card with this index among the board's cards.
    pub fn conflicts_at(&self, index: usize) -> Vec<&CardConflict> {
        let Some(card) = self.stored.board.cards.get(index) else {
            return Vec::new();
        };
        self.stored
            .conflicts
            .iter()
            .filter(|c| c.card == card.id)
            .collect()
    }

    /// Whether the card with this index has a conflict.
    pub fn has_conflict(&self, index: usize) -> bool {
        let conflicts = &self.stored.conflicts;
        !conflicts.is_empty()
            && self
                .stored
                .board
                .cards
                .get(index)
                .is_some_and(|card| conflicts.iter().any(|c| c.card == card.id))
    }

    /// `]` and `[`: the focus on the next (previous) card with a conflict, in board order,
    /// around the end.
    pub(super) fn jump_conflict(&mut self, delta: isize) {
        let board = &self.stored.board;
        let mut at: Vec<usize> = self
            .stored
            .conflicts
            .iter()
            .filter_map(|c| board.index_of(c.card))
            .collect();
        at.sort_unstable();
        at.dedup();
        if at.is_empty() {
            self.say("no conflicts");
            return;
        }
        let here = self.focused_index();
        let next = match (here, delta > 0) {
            (Some(h), true) => at.iter().find(|&&i| i > h).or(at.first()),
            (Some(h), false) => at.iter().rev().find(|&&i| i < h).or(at.last()),
            (None, true) => at.first(),
            (None, false) => at.last(),
        };
        let Some(&index) = next else { return };
        let id = board.cards[index].id;
        let count = at.len();
        if self.focus_card(id) {
            let k = at.iter().position(|&i| i == index).map_or(0, |k| k + 1);
            self.conflict_cursor = 0;
            self.say(format!("conflict {k} of {}", crate::board::cards(count)));
        } else {
            self.say("the next card with a conflict is not shown (a filter or a hidden column)");
        }
    }

    /// In the card view, the cursor to the card's next (previous) conflict; past its last, on
    /// to the next card with one.
    pub(super) fn step_conflict(&mut self, delta: isize) {
        let n = self
            .focused_index()
            .map_or(0, |i| self.conflicts_at(i).len());
        match self.conflict_cursor.checked_add_signed(delta) {
            Some(next) if next < n => self.conflict_cursor = next,
            _ => {
                let before = self.focused_card_id();
                self.jump_conflict(delta);
                if delta < 0 && self.focused_card_id() != before {
                    let n = self
                        .focused_index()
                        .map_or(0, |i| self.conflicts_at(i).len());
                    self.conflict_cursor = n.saturating_sub(1);
                }
            }
        }
    }

    /// `<` / `>` in the card view: the conflict under the cursor resolved with `side`.
    pub(super) fn take_side(&mut self, side: Side) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        let index = self.focused_index()?;
        let conflicts = self.conflicts_at(index);
        let Some(picked) = conflicts
            .get(self.conflict_cursor.min(conflicts.len().saturating_sub(1)))
            .map(|c| (*c).clone())
        else {
            self.say("no conflict on this card");
            return None;
        };
        let id = picked.card;
        match self.stored.resolve(|c| *c == picked, side) {
            Ok((_, change)) => {
                if let Some(change) = &change {
                    let follow =
                        (!matches!(change, crate::board::Change::Remove { .. })).then_some(id);
                    self.after_change(follow, change);
                    if self.stored.board.card(id).is_none() {
                        self.mode = Mode::Board;
                    }
                }
                let left = self.stored.conflicts.len();
                let word = match side {
                    Side::Mine => "kept mine",
                    Side::Theirs => "took theirs",
                };
                self.say(format!(
                    "{word} for {}; {left} conflict{} left",
                    picked.field_name(),
                    if left == 1 { "" } else { "s" }
                ));
                let n = self
                    .focused_index()
                    .map_or(0, |i| self.conflicts_at(i).len());
                self.conflict_cursor = self.conflict_cursor.min(n.saturating_sub(1));
                Some(Effect::Save)
            }
            Err(e) => {
                self.fail(format!("not done: {e}"));
                None
            }
        }
    }

    /// After `e` in the card view: the form's focus on the field under the conflict cursor.
    pub(super) fn focus_form_on_conflict(&mut self) {
        let Some(index) = self.focused_index() else {
            return;
        };
        let col = self
            .conflicts_at(index)
            .get(self.conflict_cursor)
            .and_then(|c| c.col());
        if let (Some(col), Mode::Form(form)) = (col, &mut self.mode)
            && col < form.fields.len()
        {
            form.focus = col;
        }
    }

    /// The board taken over from the process that held it: writable now.
    pub fn taken_over(&mut self, from: &str, focused: Option<CardId>) {
        self.read_only = None;
        self.rebuild(focused);
        self.say(format!("the board is yours now ({from} quit)"));
    }
}
