//! The board: the cards of a document's project tables, their columns, and every change made to
//! them, with undo and redo.
//!
//! A board is a *snapshot* document (the markdown it was last read from or compacted into), the
//! [`layout::Layout`] saying which of its tables hold projects and what their columns mean, plus
//! the list of changes applied since. Cards keep their table and their raw cell text, so
//! exporting a card that did not change copies its row byte for byte. No terminal, no files.

pub mod change;
mod columns;
pub mod conflicts;
mod describe;
pub mod diff;
mod fields;
mod find;
mod groups;
pub mod layout;
mod place;
mod rebase;
mod states;
mod summary;
mod tables;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use change::{CellEdit, Change};
pub use columns::{Column, NO_STATE};
pub use conflicts::CardConflict;
pub use fields::Fields;
pub use find::FindError;
pub use groups::Group;
pub use layout::{Choice, Layout, LayoutError, TableLayout};
pub use place::{Place, PlaceError};
pub use states::{StateError, in_case_of, respell};

use crate::markdown::{self, Document};

/// A card id, stable for the life of the board.
pub type CardId = u64;

/// The table of a card recorded before boards had several tables: the first projects table.
pub const FIRST_TABLE: usize = usize::MAX;

fn first_table() -> usize {
    FIRST_TABLE
}

/// One project: one row of a projects table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    /// Index of the document table the card is a row of.
    #[serde(default = "first_table")]
    pub table: usize,
    /// The raw text of each cell (trimmed, escapes kept), one per header column of its table.
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BoardError {
    #[error("no card with id {0}")]
    NoCard(CardId),
    #[error("change {index} does not apply: {why}")]
    Conflict { index: usize, why: String },
    #[error("a card has {got} cells, its table has {want} columns")]
    Width { got: usize, want: usize },
    #[error("table {0} of the document holds no projects")]
    NoTable(usize),
    #[error("table {0} of the document holds cards: its cells change through them")]
    CardTable(usize),
    #[error("cell {col} of row {row} of table {table} is not as the change expects")]
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
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
    /// What the snapshot's tables mean.
    pub layout: Layout,
    /// The columns of every projects table in one list, for search.
    pub fields: Fields,
    /// The ids of the snapshot's project rows, in order (table after table).
    pub snapshot_ids: Vec<CardId>,
    /// Table and row of the snapshot each id comes from.
    origin: HashMap<CardId, (usize, usize)>,
    /// Every card, table after table in the document's order, each table's in row order.
    pub cards: Vec<Card>,
    /// The tables without cards whose cells changes set (the states table), by document
    /// table: every row's raw cells. A table not here is as the snapshot has it.
    edited: BTreeMap<usize, Vec<Vec<String>>>,
    pub next_id: CardId,
    pub history: History,
}

impl Board {
    /// A fresh board of a document, its tables read as `layout` says, ids counting from 1.
    pub fn new(doc: Document, layout: Layout) -> Self {
        let ids = (1..=Self::rows(&doc, &layout) as CardId).collect();
        Self::with_ids(doc, layout, ids)
    }

    /// A fresh board of a document, its layout detected (see [`layout::layout`]).
    pub fn detect(doc: Document) -> Result<Self, LayoutError> {
        let layout = layout::layout(&doc, &Choice::default())?;
        Ok(Self::new(doc, layout))
    }

    /// How many project rows a layout of a document has: one id each.
    pub fn rows(doc: &Document, layout: &Layout) -> usize {
        layout
            .tables
            .iter()
            .map(|t| doc.tables[t.table].rows.len())
            .sum()
    }

    /// A board of a document whose project rows carry the given ids (one per row).
    ///
    /// # Panics
    /// When `ids` does not have one id per row; callers check (`store` does).
    pub fn with_ids(doc: Document, layout: Layout, ids: Vec<CardId>) -> Self {
        assert_eq!(ids.len(), Self::rows(&doc, &layout), "one id per row");
        let mut cards = Vec::with_capacity(ids.len());
        let mut origin = HashMap::with_capacity(ids.len());
        let mut next = ids.iter();
        for t in &layout.tables {
            for row in 0..doc.tables[t.table].rows.len() {
                let Some(&id) = next.next() else { break };
                cards.push(Card {
                    id,
                    table: t.table,
                    cells: doc.cells(t.table, row),
                });
                origin.insert(id, (t.table, row));
            }
        }
        let next_id = ids.iter().max().map_or(1, |m| m + 1);
        Self {
            fields: Fields::of(&doc, &layout),
            doc,
            layout,
            snapshot_ids: ids,
            origin,
            cards,
            edited: BTreeMap::new(),
            next_id,
            history: History::default(),
        }
    }

    /// Makes this board (read from a newer snapshot of the same document) hold what `other`
    /// holds: its cards, and the cells changes set in its other tables. History folded into a
    /// new snapshot leaves the board as it was.
    pub fn hold_as(&mut self, other: &Board) {
        self.cards.clone_from(&other.cards);
        self.edited = other
            .edited
            .iter()
            .filter(|&(&table, rows)| {
                rows.iter()
                    .enumerate()
                    .any(|(r, cells)| *cells != self.doc.cells(table, r))
            })
            .map(|(&table, rows)| (table, rows.clone()))
            .collect();
        self.layout.states.clone_from(&other.layout.states);
    }

    /// The layout of a card's table.
    pub fn table_of(&self, card: &Card) -> Option<&TableLayout> {
        self.layout.of_table(card.table)
    }

    /// The header names of a card's table.
    pub fn headers_of(&self, card: &Card) -> &[String] {
        self.doc
            .tables
            .get(card.table)
            .map_or(&[], |t| t.columns.as_slice())
    }

    /// The status column of a card's table.
    pub fn state_col_of(&self, card: &Card) -> usize {
        self.table_of(card).map_or(0, |t| t.state)
    }

    pub fn index_of(&self, id: CardId) -> Option<usize> {
        self.cards.iter().position(|c| c.id == id)
    }

    /// The index of each card of `ids` that exists, found in one pass over the cards: for
    /// acting on many cards at once, where `index_of` for each would cost cards x ids.
    pub fn indices_of(&self, ids: &[CardId]) -> HashMap<CardId, usize> {
        let wanted: std::collections::HashSet<CardId> = ids.iter().copied().collect();
        self.cards
            .iter()
            .enumerate()
            .filter(|(_, c)| wanted.contains(&c.id))
            .map(|(i, c)| (c.id, i))
            .collect()
    }

    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// A card's title: its title cell as a reader means it (markup and link stripped).
    pub fn title(&self, card: &Card) -> String {
        let col = self.table_of(card).map_or(0, |t| t.title);
        markdown::plain(card.cells.get(col).map_or("", String::as_str))
    }

    /// A card's document ID (its ID column, as a reader means it), when its table has one.
    pub fn doc_id(&self, card: &Card) -> Option<String> {
        let col = self.table_of(card)?.id?;
        let id = markdown::plain(card.cells.get(col)?);
        (!id.is_empty()).then_some(id)
    }

    /// A card's title as shown: its document ID before it, when it has one (`CAP-0001 · Title`).
    pub fn display_title(&self, card: &Card) -> String {
        display_name(self.doc_id(card).as_deref(), &self.title(card))
    }

    /// The row of the snapshot a card was read from (`None` for a card added since).
    pub fn source_row(&self, id: CardId) -> Option<&markdown::Row> {
        let &(table, row) = self.origin.get(&id)?;
        self.doc.tables.get(table)?.rows.get(row)
    }

    /// A cell's value (unescaped).
    pub fn value(&self, card: &Card, col: usize) -> String {
        card.cells
            .get(col)
            .map_or_else(String::new, |c| markdown::decode(c))
    }

    /// The raw text of a card's status cell.
    pub fn state_raw<'c>(&self, card: &'c Card) -> &'c str {
        card.cells
            .get(self.state_col_of(card))
            .map_or("", String::as_str)
    }

    /// The state a card's status cell names, as a reader means it ("" for none).
    pub fn state_of(&self, card: &Card) -> String {
        markdown::plain(self.state_raw(card))
    }

    /// Whether a card is a section label (a bold first cell alone), not a project.
    pub fn is_section(&self, card: &Card) -> bool {
        layout::is_section(&card.cells)
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

    /// Replays changes recorded earlier (a board file's history), checking each. Cards recorded
    /// before boards had several tables belong to the first projects table.
    pub fn replay(&mut self, mut history: History) -> Result<(), BoardError> {
        let first = self.layout.tables.first().map_or(0, |t| t.table);
        for change in history.done.iter_mut().chain(history.undone.iter_mut()) {
            if let Change::Insert { card, .. } | Change::Remove { card, .. } = change
                && card.table == FIRST_TABLE
            {
                card.table = first;
            }
        }
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
        match change {
            Change::Edit { id, cells } => {
                let i = self.index_of(*id).ok_or(BoardError::NoCard(*id))?;
                let width = self.headers_of(&self.cards[i]).len();
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
                let fits = self.cards.get(*from).map(|c| c.id) == Some(*id)
                    && self.cards.get(*to).map(|c| c.table) == Some(self.cards[*from].table);
                if !fits {
                    return Err(BoardError::NoCard(*id));
                }
                let card = self.cards.remove(*from);
                self.cards.insert(*to, card);
            }
            Change::Insert { at, card } => {
                if self.layout.of_table(card.table).is_none() {
                    return Err(BoardError::NoTable(card.table));
                }
                let want = self.headers_of(card).len();
                if card.cells.len() != want {
                    return Err(BoardError::Width {
                        got: card.cells.len(),
                        want,
                    });
                }
                // A card stands among its table's cards, whatever position it asks for.
                let (lo, hi) = self.table_span(card.table);
                self.cards.insert((*at).clamp(lo, hi), card.clone());
                self.next_id = self.next_id.max(card.id + 1);
            }
            Change::Remove { at, card } => {
                if self.cards.get(*at).map(|c| c.id) != Some(card.id) {
                    return Err(BoardError::NoCard(card.id));
                }
                self.cards.remove(*at);
            }
            Change::TableCell {
                table,
                row,
                col,
                before,
                after,
            } => self.apply_table_cell((*table, *row, *col), before, after)?,
            Change::Batch(changes) if changes.iter().all(|c| matches!(c, Change::Edit { .. })) => {
                // Edits leave every card where it is: the cards are found once, not per edit.
                let ids: Vec<CardId> = changes.iter().filter_map(Change::card_id).collect();
                let at = self.indices_of(&ids);
                let fits = changes.iter().all(|c| match c {
                    Change::Edit { id, cells } => at
                        .get(id)
                        .is_some_and(|&i| cells.iter().all(|e| e.col < self.cards[i].cells.len())),
                    _ => false,
                });
                if !fits {
                    let missing = ids.iter().find(|id| !at.contains_key(id)).copied();
                    return Err(BoardError::NoCard(missing.unwrap_or_default()));
                }
                for change in changes {
                    if let Change::Edit { id, cells } = change {
                        let card = &mut self.cards[at[id]];
                        for e in cells {
                            card.cells[e.col].clone_from(&e.after);
                        }
                    }
                }
            }
            Change::Batch(changes) => {
                // All or nothing: what was applied is undone when a later part fails.
                for (k, part) in changes.iter().enumerate() {
                    if let Err(e) = self.apply_raw(part) {
                        for done in changes[..k].iter().rev() {
                            self.apply_raw(&done.inverse())?;
                        }
                        return Err(e);
                    }
                }
            }
        }
        Ok(())
    }

    /// Where the cards of a document table stand in `cards`: `lo..hi` (empty, where they would
    /// go, when it has none).
    pub fn table_span(&self, table: usize) -> (usize, usize) {
        self.span_in(&self.cards, table)
    }

    /// A change that sets a card's cells (raw text), or `None` when nothing would change.
    pub fn edit(&self, id: CardId, cells: &[(usize, String)]) -> Option<Change> {
        Self::edit_of(self.card(id)?, cells)
    }

    /// The change that sets cells of `card` (`None` when they hold that already).
    pub fn edit_of(card: &Card, cells: &[(usize, String)]) -> Option<Change> {
        let id = card.id;
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

    /// A change that moves a card up (`-1`) or down (`+1`) among the cards of its column and its
    /// table: up puts its row just before the previous card's, down just after the next card's.
    pub fn reorder(&self, id: CardId, columns: &[Column], delta: isize) -> Option<Change> {
        let from = self.index_of(id)?;
        let table = self.cards[from].table;
        let column = columns.iter().find(|c| c.cards.contains(&from))?;
        let same: Vec<usize> = column
            .cards
            .iter()
            .copied()
            .filter(|&i| self.cards[i].table == table)
            .collect();
        let pos = same.iter().position(|&i| i == from)?;
        let neighbour = *same.get(pos.checked_add_signed(delta)?)?;
        Some(Change::Reorder {
            id,
            from,
            to: neighbour,
        })
    }

    /// A change that adds a card to document table `table` at `at` in board order, with a
    /// fresh id.
    pub fn insert(&self, at: usize, table: usize, cells: Vec<String>) -> Change {
        Change::Insert {
            at: at.min(self.cards.len()),
            card: Card {
                id: self.next_id,
                table,
                cells,
            },
        }
    }

    /// Where a card of `column`'s state is added to document table `table`: after the last card
    /// of that state, else at the end, within the section of `anchor` (the card the user stands
    /// on) when it is in that table, else within the table.
    pub fn insert_position(&self, table: usize, column: &Column, anchor: Option<CardId>) -> usize {
        let (lo, hi) = self.table_span(table);
        let (mut from, mut to) = (lo, hi);
        if let Some(at) = anchor
            .and_then(|id| self.index_of(id))
            .filter(|&i| lo <= i && i < hi)
        {
            from = (lo..=at)
                .rev()
                .find(|&i| self.is_section(&self.cards[i]))
                .unwrap_or(lo);
            to = (at + 1..hi)
                .find(|&i| self.is_section(&self.cards[i]))
                .unwrap_or(hi);
        }
        (from..to)
            .rev()
            .find(|&i| {
                let card = &self.cards[i];
                !self.is_section(card) && layout::state_key(self.state_raw(card)) == column.key
            })
            .map_or(to, |i| i + 1)
    }

    /// A change that deletes a card.
    pub fn remove(&self, id: CardId) -> Option<Change> {
        let at = self.index_of(id)?;
        Some(Change::Remove {
            at,
            card: self.cards[at].clone(),
        })
    }

    /// One change that deletes every card of `ids` (those that exist), or `None` for none.
    pub fn remove_all(&self, ids: &[CardId]) -> Option<Change> {
        let mut at: Vec<usize> = ids.iter().filter_map(|&id| self.index_of(id)).collect();
        at.sort_unstable();
        at.dedup();
        // From the last: each removal leaves the indices before it as they are.
        let changes = at
            .iter()
            .rev()
            .map(|&i| Change::Remove {
                at: i,
                card: self.cards[i].clone(),
            })
            .collect();
        Change::batch(changes)
    }

    /// The document with the board's cards in place of its project tables' rows (and the cells
    /// changes set in other tables).
    pub fn export(&self) -> String {
        let mut tables: Vec<(usize, markdown::Rows<'_>)> = self
            .layout
            .tables
            .iter()
            .map(|t| {
                let rows: markdown::Rows<'_> = self
                    .cards
                    .iter()
                    .filter(|c| c.table == t.table)
                    .map(|c| {
                        let origin = self
                            .origin
                            .get(&c.id)
                            .filter(|(table, _)| *table == c.table)
                            .map(|&(_, row)| row);
                        (origin, c.cells.as_slice())
                    })
                    .collect();
                (t.table, rows)
            })
            .collect();
        tables.extend(self.edited_rows());
        self.doc.render_tables(tables)
    }

    /// True when the cards are exactly the snapshot's rows: exporting gives the snapshot back.
    /// Compared in place, cell by cell, nothing copied.
    pub fn matches_snapshot(&self) -> bool {
        self.edited.is_empty()
            && self.cards.len() == self.snapshot_ids.len()
            && self
                .cards
                .iter()
                .zip(&self.snapshot_ids)
                .all(|(card, &id)| {
                    card.id == id
                        && self.origin.get(&id).is_some_and(|&(table, row)| {
                            let width = self.doc.tables.get(table).map_or(0, |t| t.columns.len());
                            table == card.table
                                && card.cells.len() == width
                                && card
                                    .cells
                                    .iter()
                                    .enumerate()
                                    .all(|(c, cell)| *cell == self.doc.cell(table, row, c))
                        })
                })
    }
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

/// `1 card`, `2 cards`.
pub fn cards(n: usize) -> String {
    if n == 1 {
        "1 card".to_owned()
    } else {
        format!("{n} cards")
    }
}

/// A card's name as lists show it: its document ID, then its title (`CAP-0001 · Title`), or
/// whichever of the two it has.
pub fn display_name(doc_id: Option<&str>, title: &str) -> String {
    match doc_id {
        Some(id) if title.is_empty() => id.to_owned(),
        Some(id) => format!("{id} · {title}"),
        None => title.to_owned(),
    }
}

#[cfg(test)]
mod tests;
