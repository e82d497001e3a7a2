//! States as the document defines them: a state is known when the states table lists it or a
//! row of the board's tables uses it (every column of the board is a known state). Writing an
//! unknown one into a card is refused, naming the closest known state, unless asked for;
//! renaming a state changes the states table and every card that has it, as one change.
//!
//! Rows of any table of the board count, not only the card's own: a document that keeps a
//! table per state (proposals under Accepted, Draft, Rejected) moves cards into states only
//! other tables use, and the board shows those states as columns already.

use thiserror::Error;

use super::layout::state_key;
use super::{Board, Change, Column};
use crate::markdown;

/// Why a state cannot be written or renamed as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StateError {
    /// The states table does not list it and no row uses it.
    #[error("{state:?} is not a known state{}; the states are: {}",
        did_you_mean(.closest.as_deref()), listed(.known))]
    Unknown {
        state: String,
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
    /// `none` and `No state` name No state wherever a state is named.
    #[error("a state cannot be named {new:?}: it names No state (give another name)")]
    Reserved { new: String },
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
    /// The states cards may take without asking, as a reader names them, in the board's order:
    /// the states table's and those rows use ("No state" aside).
    pub fn known_states(&self) -> Vec<String> {
        let mut states: Vec<String> = self
            .columns()
            .into_iter()
            .skip(1)
            .map(|c| c.state)
            .collect();
        states.dedup();
        states
    }

    /// Refuses a state (plain text, as typed) the document does not know: the error names the
    /// closest known state. No state (empty) is always known.
    pub fn check_state(&self, state: &str) -> Result<(), StateError> {
        self.check_state_in(&self.columns(), state)
    }

    /// [`Board::check_state`] with the board's columns at hand: every column but "No state" is
    /// a known state.
    pub fn check_state_in(&self, columns: &[Column], state: &str) -> Result<(), StateError> {
        let key = state_key(&markdown::encode(state));
        if key.is_empty() {
            return Ok(());
        }
        let known: Vec<&Column> = columns.iter().skip(1).collect();
        if known
            .iter()
            .any(|c| c.key == key || state_key(&c.name) == key)
        {
            return Ok(());
        }
        Err(StateError::Unknown {
            state: state.trim().to_owned(),
            closest: closest(&key, &known),
            known: known.iter().map(|c| c.name.clone()).collect(),
        })
    }

    /// A change that renames state `old` (any spelling) to `new` (plain text) in the states
    /// table and in every card that has it, each cell keeping its own markup (`**Old**` becomes
    /// `**New**`, `[Old](x)` becomes `[New](x)`) and its own case ([`in_case_of`]: `OLD`
    /// becomes `NEW`); `None` when every cell reads so already. A new spelling of the same state
    /// (`release` to `Release`) is written as given in every cell: its case is the point.
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
        if new_key == "none" || new_key == super::NO_STATE.to_lowercase() {
            return Err(StateError::Reserved {
                new: new.to_owned(),
            });
        }
        if new_key != column.key && columns.iter().any(|c| c.key == new_key) {
            return Err(StateError::Exists {
                old: column.name.clone(),
                new: new.to_owned(),
            });
        }
        let respelling = new_key == column.key;
        let renamed = |raw: &str| {
            let new = if respelling {
                new.to_owned()
            } else {
                in_case_of(&markdown::plain(raw), new)
            };
            respell(raw, &markdown::encode(&new))
        };
        let mut changes = Vec::new();
        if let Some(t) = self.layout.states_table {
            for row in 0..self.doc.tables[t].rows.len() {
                let raw = self.table_cell(t, row, 0);
                if state_key(raw) == column.key {
                    changes.extend(self.edit_table_cell(t, row, 0, renamed(raw)));
                }
            }
        }
        for &i in &column.cards {
            let card = &self.cards[i];
            let col = self.state_col_of(card);
            changes.extend(Self::edit_of(card, &[(col, renamed(&card.cells[col]))]));
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

/// `new` (plain text) in the case `seen` (a state as a cell shows it) is written in: in capitals
/// when `seen` is (two letters or more, none lower case); with a capital first letter when
/// `seen` has one and the rest lower case (`Release`: `in-progress` becomes `In-progress`, the
/// rest as typed); as typed otherwise (lower case, mixed, no letters).
pub fn in_case_of(seen: &str, new: &str) -> String {
    let cased: Vec<char> = seen
        .chars()
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .collect();
    match cased.split_first() {
        Some((_, rest)) if !rest.is_empty() && cased.iter().all(|c| c.is_uppercase()) => {
            new.to_uppercase()
        }
        Some((first, rest)) if first.is_uppercase() && rest.iter().all(|c| c.is_lowercase()) => {
            match new
                .char_indices()
                .find(|(_, c)| c.is_lowercase() || c.is_uppercase())
            {
                Some((at, c)) => {
                    let after = &new[at + c.len_utf8()..];
                    format!("{}{}{after}", &new[..at], c.to_uppercase())
                }
                None => new.to_owned(),
            }
        }
        _ => new.to_owned(),
    }
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
