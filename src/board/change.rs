//! One change to a board, and its inverse.

use serde::{Deserialize, Serialize};

use super::{Card, CardId};

/// One cell's text before and after an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellEdit {
    pub col: usize,
    pub before: String,
    pub after: String,
}

/// A change to the board. Each carries what it needs to be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Cells of a card set to new raw text (a move between states is an edit of the State cell).
    Edit { id: CardId, cells: Vec<CellEdit> },
    /// A card taken from index `from` and put at index `to` of the table.
    Reorder { id: CardId, from: usize, to: usize },
    /// A card added at index `at`.
    Insert { at: usize, card: Card },
    /// The card at index `at` deleted.
    Remove { at: usize, card: Card },
    /// A cell of a table that holds no cards (the states table) set to new raw text: cell `col`
    /// of row `row` of document table `table`.
    TableCell {
        table: usize,
        row: usize,
        col: usize,
        before: String,
        after: String,
    },
    /// Changes done and undone as one, in order (several cards moved, edited or deleted at
    /// once; a state renamed in the states table and in every card). Never empty.
    Batch(Vec<Change>),
}

impl Change {
    /// The change that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Self {
        match self {
            Self::Edit { id, cells } => Self::Edit {
                id: *id,
                cells: cells
                    .iter()
                    .rev()
                    .map(|e| CellEdit {
                        col: e.col,
                        before: e.after.clone(),
                        after: e.before.clone(),
                    })
                    .collect(),
            },
            Self::Reorder { id, from, to } => Self::Reorder {
                id: *id,
                from: *to,
                to: *from,
            },
            Self::Insert { at, card } => Self::Remove {
                at: *at,
                card: card.clone(),
            },
            Self::Remove { at, card } => Self::Insert {
                at: *at,
                card: card.clone(),
            },
            Self::TableCell {
                table,
                row,
                col,
                before,
                after,
            } => Self::TableCell {
                table: *table,
                row: *row,
                col: *col,
                before: after.clone(),
                after: before.clone(),
            },
            Self::Batch(changes) => Self::Batch(changes.iter().rev().map(Self::inverse).collect()),
        }
    }

    /// One change of several: itself when there is one.
    pub fn batch(mut changes: Vec<Self>) -> Option<Self> {
        match changes.len() {
            0 => None,
            1 => changes.pop(),
            _ => Some(Self::Batch(changes)),
        }
    }

    /// The changes it is made of, in order: itself, or a batch's.
    pub fn parts(&self) -> &[Self] {
        match self {
            Self::Batch(changes) => changes,
            one => std::slice::from_ref(one),
        }
    }

    /// The card the change is about (a batch's first); `None` for a change of no card.
    pub fn card_id(&self) -> Option<CardId> {
        match self {
            Self::Edit { id, .. } | Self::Reorder { id, .. } => Some(*id),
            Self::Insert { card, .. } | Self::Remove { card, .. } => Some(card.id),
            Self::TableCell { .. } => None,
            Self::Batch(changes) => changes.iter().find_map(Self::card_id),
        }
    }
}
