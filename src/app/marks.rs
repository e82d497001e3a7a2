//! Marked cards, and acting on all of them at once: `v` or `Space` marks the focused card;
//! `H`/`L` move every marked card a state over, `m` moves them to a state picked, `d` deletes
//! them after one question, `e` sets one field on all. Each is one change (one undo step).
//! `Esc` clears the marks. Marks are card ids, so they survive filtering and changes.

use ratatui_textarea::TextArea;

use super::states::Back;
use super::{App, Effect, Mode, Pending, input};
use crate::action::Action;
use crate::board::{Board, CardId, Change};
use crate::markdown;

/// Setting one field on several cards.
#[derive(Debug, Clone)]
pub struct BulkEdit {
    /// The cards, in board order.
    pub ids: Vec<CardId>,
    /// The field (an index into `Board::field_names`).
    pub field: usize,
    pub input: TextArea<'static>,
}

impl App {
    /// Whether the card at index `index` of the board is marked.
    pub fn is_marked(&self, index: usize) -> bool {
        !self.marked.is_empty()
            && self
                .stored
                .board
                .cards
                .get(index)
                .is_some_and(|c| self.marked.contains(&c.id))
    }

    /// The marked cards that still exist, in board order.
    pub fn marked_ids(&self) -> Vec<CardId> {
        if self.marked.is_empty() {
            return Vec::new();
        }
        self.stored
            .board
            .cards
            .iter()
            .filter(|c| self.marked.contains(&c.id))
            .map(|c| c.id)
            .collect()
    }

    /// The cards an action applies to: the marked ones, else the focused one.
    pub(super) fn targets(&self) -> Vec<CardId> {
        let marked = self.marked_ids();
        if marked.is_empty() {
            self.focused_card_id().into_iter().collect()
        } else {
            marked
        }
    }

    /// How many of `ids` no column shows (a filter hides them).
    fn not_shown(&self, ids: &[CardId]) -> usize {
        let board = &self.stored.board;
        let shown: std::collections::HashSet<usize> = (0..self.columns.len())
            .flat_map(|c| self.shown(c).iter().copied())
            .collect();
        ids.iter()
            .filter(|&&id| board.index_of(id).is_none_or(|i| !shown.contains(&i)))
            .count()
    }

    /// ", 2 of them not shown" when a filter hides some of the cards.
    fn unseen(&self, ids: &[CardId]) -> String {
        match self.not_shown(ids) {
            0 => String::new(),
            n => format!(", {n} of them not shown"),
        }
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(id) = self.focused_card_id() else {
            return;
        };
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        let n = self.marked_ids().len();
        self.say(match n {
            0 => "no card marked".to_owned(),
            n => format!("{n} marked (Esc clears)"),
        });
    }

    /// Clears the marks; false when there were none.
    pub(super) fn clear_marks(&mut self) -> bool {
        if self.marked.is_empty() {
            return false;
        }
        self.marked.clear();
        self.say("marks cleared");
        true
    }

    /// Moves every marked card a state over (`-1` back, `1` on), hidden states passed over.
    pub(super) fn move_marked_step(&mut self, delta: isize) -> Option<Effect> {
        let ids = self.marked_ids();
        let board = &self.stored.board;
        let mut column_of = vec![usize::MAX; board.cards.len()];
        for (c, column) in self.columns.iter().enumerate() {
            for &i in &column.cards {
                column_of[i] = c;
            }
        }
        // Each card's next column; then the cards bound for one column moved together.
        let at = board.indices_of(&ids);
        let mut bound: Vec<Vec<CardId>> = vec![Vec::new(); self.columns.len()];
        for &id in &ids {
            let Some(from) = at.get(&id).map(|&i| column_of[i]) else {
                continue;
            };
            if let Some(to) = self.next_shown(from, delta) {
                bound[to].push(id);
            }
        }
        let changes: Vec<Change> = bound
            .iter()
            .enumerate()
            .filter(|(_, ids)| !ids.is_empty())
            .flat_map(|(to, ids)| board.move_all(ids, &self.columns[to]))
            .collect();
        let moved = changes.len();
        let stayed = ids.len() - moved;
        let effect = self.commit(Change::batch(changes), self.focused_card_id());
        if effect.is_some() {
            let stayed = match stayed {
                0 => String::new(),
                n => format!(" ({n} already in the {} column)", edge(delta)),
            };
            let over: String = (0..self.columns.len())
                .filter(|&c| self.over_limit(c))
                .map(|c| self.limit_note(c))
                .collect();
            self.say(format!("moved {moved} cards{stayed}{over}"));
        } else if moved == 0 {
            self.say(format!(
                "every marked card is in the {} column",
                edge(delta)
            ));
        }
        effect
    }

    /// Moves the cards `m` acts on into the state of column `to`.
    pub(super) fn move_targets_to(&mut self, id: CardId, to: usize) -> Option<Effect> {
        let ids = self.marked_ids();
        if ids.is_empty() {
            return self.move_card(id, to);
        }
        let column = self.columns.get(to)?;
        let name = column.name.clone();
        let board = &self.stored.board;
        let changes: Vec<Change> = ids
            .iter()
            .filter_map(|&id| board.move_to(id, column))
            .collect();
        let moved = changes.len();
        let effect = self.commit(Change::batch(changes), self.focused_card_id());
        if effect.is_some() {
            let note = self.limit_note(to);
            self.say(format!("moved {moved} cards to {name}{note}"));
        } else if moved == 0 {
            self.say(format!("every marked card is in {name} already"));
        }
        effect
    }

    /// `d`: the question before deleting the cards it acts on.
    pub(super) fn ask_delete(&mut self) {
        let ids = self.targets();
        let board = &self.stored.board;
        let question = match ids.as_slice() {
            [] => return,
            [id] => {
                let title = board.card(*id).map(|c| board.title(c)).unwrap_or_default();
                format!("Delete “{title}”?")
            }
            many => format!("Delete {} marked cards{}?", many.len(), self.unseen(many)),
        };
        self.mode = Mode::Confirm {
            question,
            then: Pending::Delete(ids),
        };
    }

    /// Deletes cards, as one change.
    pub(super) fn delete(&mut self, ids: &[CardId]) -> Option<Effect> {
        let board = &self.stored.board;
        let change = board.remove_all(ids);
        let what = match ids {
            [id] => {
                let title = board.card(*id).map(|c| board.title(c)).unwrap_or_default();
                format!("“{title}”")
            }
            many => format!("{} cards", many.len()),
        };
        let effect = self.commit(change, None);
        if effect.is_some() {
            for id in ids {
                self.marked.remove(id);
            }
            self.say(format!("deleted {what} (u undoes)"));
        }
        effect
    }

    /// `e` with cards marked: one field for all of them.
    pub(super) fn open_bulk_edit(&mut self) {
        let ids = self.marked_ids();
        let board = &self.stored.board;
        // The first field that is neither the title nor the status: the likely one to set.
        let field = (0..board.field_names().len())
            .find(|&f| f != board.field_state() && !self.is_title_field(f))
            .unwrap_or(0);
        let unseen = self.unseen(&ids);
        self.mode = Mode::BulkEdit(Box::new(BulkEdit {
            ids,
            field,
            input: TextArea::default(),
        }));
        if !unseen.is_empty() {
            self.say(format!("setting a field on every marked card{unseen}"));
        }
    }

    /// Whether field `f` is the title of the first table (not a field set on many cards).
    fn is_title_field(&self, f: usize) -> bool {
        let board = &self.stored.board;
        board
            .layout
            .tables
            .first()
            .is_some_and(|t| board.fields.field(t.table, t.title) == Some(f))
    }

    pub(super) fn on_bulk_edit(
        &mut self,
        action: Action,
        mut bulk: Box<BulkEdit>,
    ) -> Option<Effect> {
        let fields = self.stored.board.field_names().len();
        match action {
            Action::NextField => bulk.field = (bulk.field + 1) % fields.max(1),
            Action::PrevField => bulk.field = (bulk.field + fields.max(1) - 1) % fields.max(1),
            Action::Submit => return self.set_field(bulk),
            Action::Cancel | Action::Close => {
                self.say("nothing set");
                return None;
            }
            _ => {}
        }
        self.mode = Mode::BulkEdit(bulk);
        None
    }

    /// Text typed into the value of a bulk edit.
    pub(super) fn type_bulk(bulk: &mut BulkEdit, event: ratatui::crossterm::event::KeyEvent) {
        input::type_key(&mut bulk.input, event);
    }

    /// Sets the typed value on every marked card that has the field, as one change; a state the
    /// document does not know is asked about first, a no going back to the value.
    fn set_field(&mut self, bulk: Box<BulkEdit>) -> Option<Effect> {
        let board = &self.stored.board;
        let value = bulk.input.lines().join("\n");
        let name = board
            .field_names()
            .get(bulk.field)
            .cloned()
            .unwrap_or_default();
        let is_state = bulk.field == board.field_state();
        let mut skipped = 0;
        let mut changes = Vec::new();
        let at = board.indices_of(&bulk.ids);
        let mut spellings: std::collections::HashMap<usize, String> =
            std::collections::HashMap::new();
        for id in &bulk.ids {
            let Some(card) = at.get(id).map(|&i| &board.cards[i]) else {
                continue;
            };
            let Some(col) = board.fields.column(card.table, bulk.field) else {
                skipped += 1;
                continue;
            };
            let raw = if is_state {
                // Worked out once a table: it reads every card of the state.
                spellings
                    .entry(card.table)
                    .or_insert_with(|| board.state_spelling_in(&self.columns, card.table, &value))
                    .clone()
            } else {
                markdown::encode(&value)
            };
            changes.extend(Board::edit_of(card, &[(col, raw)]));
        }
        let n = changes.len();
        let skipped = match skipped {
            0 => String::new(),
            k => format!(" ({k} without that column)"),
        };
        let (Some(change), Some(id)) = (
            Change::batch(changes),
            self.focused_card_id().or_else(|| bulk.ids.first().copied()),
        ) else {
            self.say(format!("{name} already so on every marked card{skipped}"));
            return None;
        };
        let question = if is_state {
            self.unknown_state(&value)
        } else {
            None
        };
        let done = format!("{name} set on {}{skipped}", crate::board::cards(n));
        self.commit_or_ask(question, Some(change), (id, Back::Bulk(bulk)), &done)
    }
}

fn edge(delta: isize) -> &'static str {
    if delta < 0 { "first" } else { "last" }
}
