//! States as the document defines them: a state is known to the cards of a table when the
//! states table lists it or a row of that table uses it. Writing an unknown one into a card is
//! refused, naming the closest known state, unless asked for; renaming a state changes the
//! states table and every card that has it, as one change.

use thiserror::Error;

use super::layout::state_key;
use super::{Board, Change, Column};
use crate::markdown;

/// Why a state cannot be written or renamed as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StateError {
    /// The states table does not list it and no row of the card's table uses it.
    #[error("{state:?} is not a known state{}{}; the states are: {}",
        in_table(.table.as_deref()), did_you_mean(.closest.as_deref()), listed(.known))]
    Unknown {
        state: String,
        /// The card's table, named when the board has several.
        table: Option<String>,
        closest: Option<String>,
        known: Vec<String>,
    },
    /// Renaming a state no card has and the states table does not list.
    #[error("no state {state:?}{}; the states are: {}",
        did_you_mean(.closest.as_deref()), listed(.known))]
    NoSuchState {
        state: String,
        closest: Option<String>,
        known: Vec<String>,
    },
    /// Renaming a state into another that exists: that would merge two states.
    #[error(
        "the state {new:?} exists already; renaming {old:?} into it would merge two states \
         (move its cards there instead)"
    )]
    Exists { old: String, new: String },
    #[error("a state cannot be renamed to nothing (give the new name)")]
    Empty,
}

fn in_table(table: Option<&str>) -> String {
    table.map_or_else(String::new, |t| format!(" of table {t}"))
}

fn did_you_mean(closest: Option<&str>) -> String {
    closest.map_or_else(String::new, |c| format!(" (did you mean {c:?}?)"))
}

fn listed(known: &[String]) -> String {
    if known.is_empty() {
        "none yet".to_owned()
    } else {
        known.join(", ")
    }
}

impl Board {
    /// The columns whose state cards of document table `table` may take without asking: those
    /// the states table lists and those a row of the table uses ("No state" aside).
    pub fn known_columns<'a>(&self, columns: &'a [Column], table: usize) -> Vec<&'a Column> {
        columns
            .iter()
            .filter(|c| !c.key.is_empty())
            .filter(|c| c.known || c.cards.iter().any(|&i| self.cards[i].table == table))
            .collect()
    }

    /// The states known to cards of document table `table`, as a reader names them, in the
    /// board's order.
    pub fn known_states(&self, table: usize) -> Vec<String> {
        let columns = self.columns();
        let mut states: Vec<String> = self
            .known_columns(&columns, table)
            .into_iter()
            .map(|c| c.state.clone())
            .collect();
        states.dedup();
        states
    }

    /// Refuses a state (plain text, as typed) that cards of document table `table` do not know:
    /// the error names the closest known state. No state (empty) is always known.
    pub fn check_state(&self, table: usize, state: &str) -> Result<(), StateError> {
        let key = state_key(&markdown::encode(state));
        if key.is_empty() {
            return Ok(());
        }
        let columns = self.columns();
        let known = self.known_columns(&columns, table);
        if known
            .iter()
            .any(|c| c.key == key || state_key(&c.name) == key)
        {
            return Ok(());
        }
        let table = (self.layout.tables.len() > 1).then(|| self.table_name(table));
        Err(StateError::Unknown {
            state: state.trim().to_owned(),
            table,
            closest: closest(&key, &known),
            known: known.iter().map(|c| c.name.clone()).collect(),
        })
    }

    /// A table as messages name it: its number among the board's tables and its heading.
    pub fn table_name(&self, table: usize) -> String {
        let number = self
            .layout
            .tables
            .iter()
            .position(|t| t.table == table)
            .map_or(0, |i| i + 1);
        match self
            .doc
            .tables
            .get(table)
            .and_then(|t| t.heading.as_deref())
        {
            Some(heading) => format!("{number} ({heading:?})"),
            None => number.to_string(),
        }
    }

    /// A change that renames state `old` (any spelling) to `new` (plain text) in the states
    /// table and in every card that has it, each cell keeping its own markup (`**Old**` becomes
    /// `**New**`, `[Old](x)` becomes `[New](x)`); `None` when every cell reads so already.
    pub fn rename_state(&self, old: &str, new: &str) -> Result<Option<Change>, StateError> {
        let columns = self.columns();
        let Some(column) = self
            .find_column(&columns, old)
            .filter(|c| !c.key.is_empty())
        else {
            let named: Vec<&Column> = columns.iter().skip(1).collect();
            return Err(StateError::NoSuchState {
                state: old.trim().to_owned(),
                closest: closest(&state_key(old), &named),
                known: named.iter().map(|c| c.name.clone()).collect(),
            });
        };
        let new = new.trim();
        let new_key = state_key(&markdown::encode(new));
        if new_key.is_empty() {
            return Err(StateError::Empty);
        }
        if new_key != column.key && columns.iter().any(|c| c.key == new_key) {
            return Err(StateError::Exists {
                old: column.name.clone(),
                new: new.to_owned(),
            });
        }
        let written = markdown::encode(new);
        let mut changes = Vec::new();
        if let Some(t) = self.layout.states_table {
            for row in 0..self.doc.tables[t].rows.len() {
                let raw = self.table_cell(t, row, 0);
                if state_key(raw) == column.key {
                    changes.extend(self.edit_table_cell(t, row, 0, respell(raw, &written)));
                }
            }
        }
        for &i in &column.cards {
            let card = &self.cards[i];
            let col = self.state_col_of(card);
            changes.extend(self.edit(card.id, &[(col, respell(&card.cells[col], &written))]));
        }
        Ok((!changes.is_empty()).then_some(Change::Batch(changes)))
    }
}

/// The known state closest to `key`: the first that starts with it, else the nearest by edits
/// (a swap of neighbours counting as one) when it is near enough to be a slip.
fn closest(key: &str, known: &[&Column]) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    if let Some(c) = known.iter().find(|c| c.key.starts_with(key)) {
        return Some(c.name.clone());
    }
    let near = (key.chars().count() / 3).max(2);
    known
        .iter()
        .map(|c| (strsim::osa_distance(key, &c.key), c))
        .filter(|&(d, _)| d <= near)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c.name.clone())
}

/// A state cell with its state's text replaced by `new` (raw), its markup kept: the text a
/// reader sees is found in the cell and replaced there; a cell where it cannot be found is
/// replaced whole.
pub fn respell(raw: &str, new: &str) -> String {
    let plain = markdown::plain(raw);
    for seen in [plain.clone(), markdown::encode(&plain)] {
        if seen.is_empty() {
            continue;
        }
        if let Some(at) = raw.find(&seen) {
            return format!("{}{new}{}", &raw[..at], &raw[at + seen.len()..]);
        }
    }
    new.to_owned()
}
