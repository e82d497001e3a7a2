//! The board: the cards of a document's projects table, their columns, and every change made to
//! them, with undo and redo.
//!
//! A board is a *snapshot* document (the markdown it was last read from or compacted into) plus
//! the list of changes applied since. Cards keep their raw cell text, so exporting a card that did
//! not change copies its row byte for byte. No terminal, no files.

pub mod change;
pub mod layout;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use change::{CellEdit, Change};

use crate::markdown::{self, Document, cell};

/// The heading of the column of cards with an empty State.
pub const NO_STATE: &str = "No state";

/// A card id, stable for the life of the board.
pub type CardId = u64;

/// One project: one row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    /// The raw text of each cell (trimmed, escapes kept), one per header column.
    pub cells: Vec<String>,
}

/// A column of the board and the cards in it, in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The heading: the state as the states table spells it, or as first used, or "No state".
    pub name: String,
    /// The state written into a card moved here ("" for the "No state" column).
    pub state: String,
    /// Whether the states table lists this state ("No state" counts as known).
    pub known: bool,
    /// Indices into `Board::cards`.
    pub cards: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BoardError {
    #[error("no card with id {0}")]
    NoCard(CardId),
    #[error("change {index} does not apply: {why}")]
    Conflict { index: usize, why: String },
    #[error("a card has {got} cells, the table has {want} columns")]
    Width { got: usize, want: usize },
}

/// What undo and redo have to work with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Changes applied since the snapshot, oldest first: undo takes the last.
    pub done: Vec<Change>,
    /// Changes undone, the next to redo last.
    pub undone: Vec<Change>,
}

/// The board in memory.
#[derive(Debug, Clone)]
pub struct Board {
    /// The snapshot the cards started from.
    pub doc: Document,
    /// The ids of the snapshot's rows, in order.
    pub snapshot_ids: Vec<CardId>,
    /// Row of the snapshot each id comes from.
    origin: HashMap<CardId, usize>,
    pub cards: Vec<Card>,
    pub next_id: CardId,
    pub history: History,
}

impl Board {
    /// A fresh board of a document, ids counting from 1.
    pub fn new(doc: Document) -> Self {
        let ids = (1..=doc.table().rows.len() as CardId).collect();
        Self::with_ids(doc, ids)
    }

    /// A board of a document whose rows carry the given ids (one per row).
    ///
    /// # Panics
    /// When `ids` does not have one id per row; callers check (`store` does).
    pub fn with_ids(doc: Document, ids: Vec<CardId>) -> Self {
        assert_eq!(ids.len(), doc.table().rows.len(), "one id per row");
        let cards = ids
            .iter()
            .enumerate()
            .map(|(row, &id)| Card {
                id,
                cells: doc.raw_cells(row),
            })
            .collect();
        let origin = ids.iter().enumerate().map(|(row, &id)| (id, row)).collect();
        let next_id = ids.iter().max().map_or(1, |m| m + 1);
        Self {
            doc,
            snapshot_ids: ids,
            origin,
            cards,
            next_id,
            history: History::default(),
        }
    }

    /// A board of `doc` keeping the ids of `old` for cards of the same title (first come, first
    /// served), so that following an outside change keeps ids where it can.
    pub fn follow(doc: Document, old: &Board) -> Self {
        let mut by_title: HashMap<String, Vec<CardId>> = HashMap::new();
        for card in old.cards.iter().rev() {
            by_title.entry(title_key(card)).or_default().push(card.id);
        }
        let mut next = old.next_id;
        let ids = (0..doc.table().rows.len())
            .map(|row| {
                let key = markdown::plain(doc.raw_cell(row, 0)).to_lowercase();
                by_title
                    .get_mut(&key)
                    .and_then(Vec::pop)
                    .unwrap_or_else(|| {
                        next += 1;
                        next - 1
                    })
            })
            .collect();
        let mut board = Self::with_ids(doc, ids);
        board.next_id = board.next_id.max(next);
        board
    }

    /// The header names.
    pub fn headers(&self) -> &[String] {
        &self.doc.table().columns
    }

    pub fn state_col(&self) -> usize {
        self.doc.state_col
    }

    pub fn index_of(&self, id: CardId) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }

    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// A card's title: its first cell's value with link markup stripped.
    pub fn title(&self, card: &Card) -> String {
        markdown::strip_links(&self.value(card, 0)).text
    }

    /// The row of the snapshot a card was read from (`None` for a card added since).
    pub fn source_row(&self, id: CardId) -> Option<&markdown::Row> {
        self.origin.get(&id).map(|&r| &self.doc.table().rows[r])
    }

    /// A cell's value (unescaped).
    pub fn value(&self, card: &Card, col: usize) -> String {
        card.cells
            .get(col)
            .map_or_else(String::new, |c| cell::decode(c))
    }

    /// The state a card's State cell names, as a reader means it ("" for none).
    pub fn state_of(&self, card: &Card) -> String {
        markdown::plain(card.cells.get(self.state_col()).map_or("", String::as_str))
    }

    /// The board's columns: "No state", the states table's states, then states only cards use.
    pub fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column {
            name: NO_STATE.to_owned(),
            state: String::new(),
            known: true,
            cards: Vec::new(),
        }];
        let mut index: HashMap<String, usize> = HashMap::new();
        for s in &self.doc.states {
            index.entry(s.to_lowercase()).or_insert_with(|| {
                columns.push(Column {
                    name: s.clone(),
                    state: s.clone(),
                    known: true,
                    cards: Vec::new(),
                });
                columns.len() - 1
            });
        }
        // Cards share a handful of State cells: reading each spelling once spares the reading
        // (three allocations) and the lowercasing per card, a third of the time at 100,000 cards.
        let mut by_raw: HashMap<&str, usize> = HashMap::new();
        for (i, card) in self.cards.iter().enumerate() {
            let raw = card.cells.get(self.state_col()).map_or("", String::as_str);
            let col = if let Some(&col) = by_raw.get(raw) {
                col
            } else {
                let state = markdown::plain(raw);
                let col = if state.is_empty() {
                    0
                } else {
                    *index.entry(state.to_lowercase()).or_insert_with(|| {
                        columns.push(Column {
                            name: state.clone(),
                            state: state.clone(),
                            known: false,
                            cards: Vec::new(),
                        });
                        columns.len() - 1
                    })
                };
                by_raw.insert(raw, col);
                col
            };
            columns[col].cards.push(i);
        }
        columns
    }

    /// Brings `columns` (this board's columns before `applied`) in step with the board after it,
    /// as `columns()` would make them, without reading every card: an edit that moves a card
    /// between two columns of the states table (or "No state") moves one index, a reorder shifts
    /// indices. Anything else (an unknown state, a card added or removed) falls back to
    /// `columns()`.
    pub fn update_columns(&self, columns: &mut Vec<Column>, applied: &Change) {
        if !self.move_within_known(columns, applied) {
            *columns = self.columns();
        }
    }

    /// The cheap case of `update_columns`; false when it does not apply (nothing changed then).
    fn move_within_known(&self, columns: &mut [Column], applied: &Change) -> bool {
        if let &Change::Reorder { from, to, .. } = applied {
            // Every card keeps its state; those between `from` and `to` shift by one.
            let moved = |k: usize| match k {
                k if k == from => to,
                k if from < to && (from + 1..=to).contains(&k) => k - 1,
                k if to < from && (to..from).contains(&k) => k + 1,
                k => k,
            };
            for column in columns.iter_mut() {
                let touched = column.cards.binary_search(&from).is_ok();
                for k in &mut column.cards {
                    *k = moved(*k);
                }
                if touched {
                    column.cards.sort_unstable();
                }
            }
            return true;
        }
        let Change::Edit { id, cells } = applied else {
            return false;
        };
        if !cells.iter().any(|e| e.col == self.state_col()) {
            // Every card keeps its index and its state.
            return true;
        }
        let Some(i) = self.index_of(*id) else {
            return false;
        };
        let Some(from) = columns
            .iter()
            .position(|c| c.cards.binary_search(&i).is_ok())
        else {
            return false;
        };
        let state = self.state_of(&self.cards[i]);
        let to = if state.is_empty() {
            Some(0)
        } else {
            let wanted = state.to_lowercase();
            columns
                .iter()
                .skip(1)
                .position(|c| c.state.to_lowercase() == wanted)
                .map(|p| p + 1)
        };
        let Some(to) = to else { return false };
        if !columns[from].known || !columns[to].known {
            // Unknown columns come and go, in the order cards first use them.
            return false;
        }
        if from != to {
            if let Ok(at) = columns[from].cards.binary_search(&i) {
                columns[from].cards.remove(at);
            }
            let cards = &mut columns[to].cards;
            let at = cards.binary_search(&i).unwrap_or_else(|at| at);
            cards.insert(at, i);
        }
        true
    }

    /// Applies a change and records it for undo; a new change clears what could be redone.
    pub fn apply(&mut self, change: Change) -> Result<(), BoardError> {
        self.apply_raw(&change)?;
        self.history.done.push(change);
        self.history.undone.clear();
        Ok(())
    }

    /// Undoes the last change; returns it (as it was done), or `None` when there is nothing.
    pub fn undo(&mut self) -> Result<Option<&Change>, BoardError> {
        let Some(change) = self.history.done.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.apply_raw(&change.inverse()) {
            self.history.done.push(change);
            return Err(e);
        }
        self.history.undone.push(change);
        Ok(self.history.undone.last())
    }

    /// Redoes the last undone change; returns it, or `None` when there is nothing.
    pub fn redo(&mut self) -> Result<Option<&Change>, BoardError> {
        let Some(change) = self.history.undone.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.apply_raw(&change) {
            self.history.undone.push(change);
            return Err(e);
        }
        self.history.done.push(change);
        Ok(self.history.done.last())
    }

    /// Replays changes recorded earlier (a board file's history), checking each.
    pub fn replay(&mut self, history: History) -> Result<(), BoardError> {
        for (index, change) in history.done.iter().enumerate() {
            self.apply_raw(change).map_err(|e| BoardError::Conflict {
                index,
                why: e.to_string(),
            })?;
        }
        for card in &self.cards {
            self.next_id = self.next_id.max(card.id + 1);
        }
        for change in &history.undone {
            if let Change::Insert { card, .. } = change {
                self.next_id = self.next_id.max(card.id + 1);
            }
        }
        self.history = history;
        Ok(())
    }

    fn apply_raw(&mut self, change: &Change) -> Result<(), BoardError> {
        let width = self.headers().len();
        match change {
            Change::Edit { id, cells } => {
                let i = self.index_of(*id).ok_or(BoardError::NoCard(*id))?;
                let card = &mut self.cards[i];
                for e in cells {
                    let slot = card.cells.get_mut(e.col).ok_or(BoardError::Width {
                        got: e.col + 1,
                        want: width,
                    })?;
                    slot.clone_from(&e.after);
                }
            }
            Change::Reorder { id, from, to } => {
                if self.cards.get(*from).map(|c| c.id) != Some(*id) || *to >= self.cards.len() {
                    return Err(BoardError::NoCard(*id));
                }
                let card = self.cards.remove(*from);
                self.cards.insert(*to, card);
            }
            Change::Insert { at, card } => {
                if card.cells.len() != width {
                    return Err(BoardError::Width {
                        got: card.cells.len(),
                        want: width,
                    });
                }
                self.cards.insert((*at).min(self.cards.len()), card.clone());
                self.next_id = self.next_id.max(card.id + 1);
            }
            Change::Remove { at, card } => {
                if self.cards.get(*at).map(|c| c.id) != Some(card.id) {
                    return Err(BoardError::NoCard(card.id));
                }
                self.cards.remove(*at);
            }
        }
        Ok(())
    }

    /// A change that sets a card's cells (raw text), or `None` when nothing would change.
    pub fn edit(&self, id: CardId, cells: &[(usize, String)]) -> Option<Change> {
        let card = self.card(id)?;
        let edits: Vec<CellEdit> = cells
            .iter()
            .filter(|(col, after)| card.cells.get(*col).is_some_and(|b| b != after))
            .map(|(col, after)| CellEdit {
                col: *col,
                before: card.cells[*col].clone(),
                after: after.clone(),
            })
            .collect();
        (!edits.is_empty()).then_some(Change::Edit { id, cells: edits })
    }

    /// A change that moves a card into a column's state, or `None` when it is there already.
    pub fn move_to(&self, id: CardId, column: &Column) -> Option<Change> {
        let card = self.card(id)?;
        if same_state(&self.state_of(card), &column.state) {
            return None;
        }
        self.edit(id, &[(self.state_col(), cell::encode(&column.state))])
    }

    /// A change that moves a card up (`-1`) or down (`+1`) among the cards of its column: up puts
    /// its row just before the previous card's, down just after the next card's.
    pub fn reorder(&self, id: CardId, columns: &[Column], delta: isize) -> Option<Change> {
        let from = self.index_of(id)?;
        let column = columns.iter().find(|c| c.cards.contains(&from))?;
        let pos = column.cards.iter().position(|&i| i == from)?;
        let neighbour = *column.cards.get(pos.checked_add_signed(delta)?)?;
        Some(Change::Reorder {
            id,
            from,
            to: neighbour,
        })
    }

    /// A change that adds a card at `at` in table order, with a fresh id.
    pub fn insert(&self, at: usize, cells: Vec<String>) -> Change {
        Change::Insert {
            at: at.min(self.cards.len()),
            card: Card {
                id: self.next_id,
                cells,
            },
        }
    }

    /// Where a card of `state` is added: after the last card in that state, else at the end.
    pub fn insert_position(&self, column: &Column) -> usize {
        column.cards.last().map_or(self.cards.len(), |&i| i + 1)
    }

    /// A change that deletes a card.
    pub fn remove(&self, id: CardId) -> Option<Change> {
        let at = self.index_of(id)?;
        Some(Change::Remove {
            at,
            card: self.cards[at].clone(),
        })
    }

    /// The document with the board's cards in place of the table's rows.
    pub fn export(&self) -> String {
        let rows = self
            .cards
            .iter()
            .map(|c| (self.origin.get(&c.id).copied(), c.cells.as_slice()));
        self.doc.render(rows)
    }

    /// True when the cards are exactly the snapshot's rows: exporting gives the snapshot back.
    pub fn matches_snapshot(&self) -> bool {
        self.cards.len() == self.snapshot_ids.len()
            && self
                .cards
                .iter()
                .zip(&self.snapshot_ids)
                .enumerate()
                .all(|(row, (card, &id))| {
                    card.id == id
                        && card
                            .cells
                            .iter()
                            .enumerate()
                            .all(|(col, c)| *c == self.doc.raw_cell(row, col))
                })
    }

    /// Finds a card as a person names it: exact title (any case), then id, then a unique prefix
    /// of a title (any case).
    pub fn find(&self, name: &str) -> Result<CardId, FindError> {
        let wanted = name.trim().to_lowercase();
        let titled: Vec<(CardId, String)> =
            self.cards.iter().map(|c| (c.id, self.title(c))).collect();
        let exact: Vec<_> = titled
            .iter()
            .filter(|(_, t)| t.to_lowercase() == wanted)
            .collect();
        match exact.as_slice() {
            [(id, _)] => return Ok(*id),
            [] => {}
            many => return Err(FindError::Ambiguous(candidates(many))),
        }
        if let Ok(id) = wanted.trim_start_matches('#').parse::<CardId>()
            && self.card(id).is_some()
        {
            return Ok(id);
        }
        let prefixed: Vec<_> = titled
            .iter()
            .filter(|(_, t)| t.to_lowercase().starts_with(&wanted))
            .collect();
        match prefixed.as_slice() {
            [(id, _)] => Ok(*id),
            [] => Err(FindError::Unknown),
            many => Err(FindError::Ambiguous(candidates(many))),
        }
    }

    /// The column a state name (any case) or `none` stands for.
    pub fn find_column<'a>(&self, columns: &'a [Column], name: &str) -> Option<&'a Column> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("none") || name.eq_ignore_ascii_case(NO_STATE) {
            return columns.first();
        }
        columns.iter().find(|c| same_state(&c.state, name))
    }
}

/// Whether two spellings name one state: any case, as `columns` groups them (full Unicode
/// lowercase, so that `Étude` and `étude` are one column).
fn same_state(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// Why a card name did not pick one card.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FindError {
    #[error("no card is named like that")]
    Unknown,
    #[error("more than one card matches: {}", .0.join(", "))]
    Ambiguous(Vec<String>),
}

fn title_key(card: &Card) -> String {
    markdown::plain(card.cells.first().map_or("", String::as_str)).to_lowercase()
}

fn candidates(matches: &[&(CardId, String)]) -> Vec<String> {
    matches
        .iter()
        .map(|(id, t)| {
            let repeated = matches
                .iter()
                .filter(|(_, o)| o.eq_ignore_ascii_case(t))
                .count()
                > 1;
            if repeated {
                format!("\"{t}\" (id {id})")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect()
}

/// A stable fingerprint of a text: its length and FNV-1a hash, to tell whether a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Self {
            len: bytes.len() as u64,
            hash,
        }
    }
}

#[cfg(test)]
mod tests;
