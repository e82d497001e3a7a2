//! The board's columns, one per state: which cards stand in which, and how a card moved into one
//! has its status cell written, in the spelling its table already uses.

use std::collections::HashMap;

use super::layout::{self, state_key};
use super::{Board, CardId, Change};
use crate::markdown::{self, inline};

/// The heading of the column of cards with an empty status.
pub const NO_STATE: &str = "No state";

/// A column of the board and the cards in it, in board order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The heading: the state as the states table shows it, or as first used, or "No state".
    pub name: String,
    /// The state as a reader means it: what a card moved here is written as when neither its
    /// table nor the states table has a spelling for it ("" for "No state").
    pub state: String,
    /// What the state is compared by ([`layout::state_key`]).
    pub key: String,
    /// How the states table writes the state, when it lists it.
    pub spelling: Option<String>,
    /// Whether the states table lists this state ("No state" counts as known).
    pub known: bool,
    /// Indices into `Board::cards`.
    pub cards: Vec<usize>,
}

impl Column {
    fn new(raw: &str, board: &Board, known: bool) -> Self {
        Self {
            name: inline::render(raw, &board.doc.links).text(),
            state: markdown::plain(raw),
            key: state_key(raw),
            spelling: known.then(|| raw.to_owned()),
            known,
            cards: Vec::new(),
        }
    }
}

impl Board {
    /// The board's columns: "No state", the states table's states, then states only cards use,
    /// in the order of first use. Section rows stand in none.
    pub fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column {
            name: NO_STATE.to_owned(),
            state: String::new(),
            key: String::new(),
            spelling: None,
            known: true,
            cards: Vec::new(),
        }];
        let mut index: HashMap<String, usize> = HashMap::new();
        index.insert(String::new(), 0);
        for raw in &self.layout.states {
            let key = state_key(raw);
            index.entry(key).or_insert_with(|| {
                columns.push(Column::new(raw, self, true));
                columns.len() - 1
            });
        }
        // Cards share a handful of status cells: reading each spelling once spares the reading
        // and the case folding per card, a third of the time at 100,000 cards.
        let mut by_raw: HashMap<&str, usize> = HashMap::new();
        for (i, card) in self.cards.iter().enumerate() {
            if self.is_section(card) {
                continue;
            }
            let raw = self.state_raw(card);
            let col = if let Some(&col) = by_raw.get(raw) {
                col
            } else {
                let key = state_key(raw);
                let col = *index.entry(key).or_insert_with(|| {
                    columns.push(Column::new(raw, self, false));
                    columns.len() - 1
                });
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
    /// indices, a batch of such edits moves its cards together. Anything else (an unknown
    /// state, a card added or removed, a card becoming a section or ceasing to be one) falls
    /// back to `columns()`.
    pub fn update_columns(&self, columns: &mut Vec<Column>, applied: &Change) {
        let cheap = match applied {
            Change::Batch(parts) => self.moves_within_known(columns, parts),
            one => self.move_within_known(columns, one),
        };
        if !cheap {
            *columns = self.columns();
        }
    }

    /// The cheap case of `update_columns` for a batch of edits: each card whose state changed
    /// between known columns leaves its column and joins its new one, every column touched
    /// rebuilt once. False when it does not apply (nothing changed then).
    fn moves_within_known(&self, columns: &mut [Column], parts: &[Change]) -> bool {
        let ids: Vec<CardId> = parts.iter().filter_map(Change::card_id).collect();
        let at = self.indices_of(&ids);
        let mut leaving: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
        let mut joining: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
        for part in parts {
            let Change::Edit { id, cells } = part else {
                return false;
            };
            let Some(&i) = at.get(id) else { return false };
            let card = &self.cards[i];
            let mut before = card.cells.clone();
            for e in cells {
                if let Some(slot) = before.get_mut(e.col) {
                    slot.clone_from(&e.before);
                }
            }
            if layout::is_section(&before) || self.is_section(card) {
                return false;
            }
            if !cells.iter().any(|e| e.col == self.state_col_of(card)) {
                continue;
            }
            let from = columns
                .iter()
                .position(|c| c.cards.binary_search(&i).is_ok())
                .filter(|&c| !leaving[c].contains(&i));
            let key = state_key(self.state_raw(card));
            let to = columns.iter().position(|c| c.key == key);
            let (Some(from), Some(to)) = (from, to) else {
                return false;
            };
            if !columns[from].known || !columns[to].known {
                return false;
            }
            if from != to {
                leaving[from].push(i);
                joining[to].push(i);
            }
        }
        for (c, column) in columns.iter_mut().enumerate() {
            if leaving[c].is_empty() && joining[c].is_empty() {
                continue;
            }
            leaving[c].sort_unstable();
            joining[c].sort_unstable();
            let kept = column
                .cards
                .iter()
                .copied()
                .filter(|i| leaving[c].binary_search(i).is_err());
            column.cards = merge_sorted(kept, &joining[c]);
        }
        true
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
        // An edit: the batch's cheap case, of one.
        matches!(applied, Change::Edit { .. })
            && self.moves_within_known(columns, std::slice::from_ref(applied))
    }

    /// A change that moves a card into a column's state, or `None` when it is there already.
    ///
    /// The status cell is written as the card's table already writes that state (its most common
    /// spelling there, links and emphasis included), else as the states table does, else as the
    /// column names it.
    pub fn move_to(&self, id: CardId, column: &Column) -> Option<Change> {
        let card = self.card(id)?;
        if state_key(self.state_raw(card)) == column.key {
            return None;
        }
        let raw = self
            .written_in(card.table, column)
            .unwrap_or_else(|| markdown::encode(&column.state));
        Self::edit_of(card, &[(self.state_col_of(card), raw)])
    }

    /// The changes that move every card of `ids` into a column's state (those there already
    /// stay), each written as its table spells the state: for many cards at once, each card and
    /// each table's spelling found once.
    pub fn move_all(&self, ids: &[CardId], column: &Column) -> Vec<Change> {
        let at = self.indices_of(ids);
        let mut spellings: HashMap<usize, String> = HashMap::new();
        let mut changes = Vec::new();
        for id in ids {
            let Some(&i) = at.get(id) else { continue };
            let card = &self.cards[i];
            if state_key(self.state_raw(card)) == column.key {
                continue;
            }
            let raw = spellings
                .entry(card.table)
                .or_insert_with(|| {
                    self.written_in(card.table, column)
                        .unwrap_or_else(|| markdown::encode(&column.state))
                })
                .clone();
            changes.extend(Self::edit_of(card, &[(self.state_col_of(card), raw)]));
        }
        changes
    }

    /// The raw text to write for a state typed as `value` into a card of document table
    /// `table`: the spelling of the column it names (as [`Board::move_to`] writes it), else the
    /// value as typed.
    pub fn state_spelling(&self, table: usize, value: &str) -> String {
        self.state_spelling_in(&self.columns(), table, value)
    }

    /// [`Board::state_spelling`] with the board's columns at hand (for many cards at once).
    pub fn state_spelling_in(&self, columns: &[Column], table: usize, value: &str) -> String {
        let key = state_key(&markdown::encode(value));
        if key.is_empty() {
            return markdown::encode(value);
        }
        columns
            .iter()
            .find(|c| c.key == key)
            .and_then(|column| self.written_in(table, column))
            .unwrap_or_else(|| markdown::encode(value))
    }

    /// How a column's state is written in a card of document table `table`: as that table
    /// spells it most, else as the states table does.
    fn written_in(&self, table: usize, column: &Column) -> Option<String> {
        self.spelling_in(table, column)
            .or_else(|| column.spelling.clone())
    }

    /// The most common spelling of a column's state among the cards of one table.
    fn spelling_in(&self, table: usize, column: &Column) -> Option<String> {
        if column.key.is_empty() {
            return Some(String::new());
        }
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for &i in &column.cards {
            let card = &self.cards[i];
            if card.table != table {
                continue;
            }
            let raw = self.state_raw(card);
            match counts.iter_mut().find(|(s, _)| *s == raw) {
                Some((_, n)) => *n += 1,
                None => counts.push((raw, 1)),
            }
        }
        // The first spelling met wins a tie: max_by_key keeps the last of equals, so reverse.
        let &(best, n) = counts.iter().rev().max_by_key(|&&(_, n)| n)?;
        // A link is the state's style when rows share it (two at least, on the board or in the
        // document as read, and no other card links the state elsewhere); a link only one row
        // has, or where each row links a document of its own, is not copied into another row:
        // the state is written as its link text.
        let linked = markdown::strip_links(best);
        let shared = || {
            n >= 2
                || self.layout.of_table(table).is_some_and(|t| {
                    let rows = self.doc.tables.get(table).map_or(0, |t| t.rows.len());
                    (0..rows)
                        .filter(|&r| self.doc.cell(table, r, t.state) == best)
                        .nth(1)
                        .is_some()
                })
        };
        let own_links = (!linked.targets.is_empty() || !linked.references.is_empty())
            && (counts
                .iter()
                .any(|&(s, _)| s != best && markdown::strip_links(s).text == linked.text)
                || !shared());
        Some(if own_links {
            linked.text
        } else {
            best.to_owned()
        })
    }

    /// The column a state stands for: its name or any spelling of it (case, markup and emoji
    /// variation selectors aside), or `none` for "No state".
    pub fn find_column<'a>(&self, columns: &'a [Column], name: &str) -> Option<&'a Column> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("none") || name.eq_ignore_ascii_case(NO_STATE) {
            return columns.first();
        }
        let key = state_key(name);
        columns
            .iter()
            .skip(1)
            .find(|c| c.key == key || state_key(&c.name) == key)
    }
}

/// The indices of `kept` (ascending) and `joining` (ascending), in one ascending list.
fn merge_sorted(kept: impl Iterator<Item = usize>, joining: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut more = joining.iter().copied().peekable();
    for i in kept {
        while let Some(j) = more.next_if(|&j| j < i) {
            out.push(j);
        }
        out.push(i);
    }
    out.extend(more);
    out
}
