//! Which rows of a document are which cards of a board: the same title in a table of the same
//! heading, else the same document ID. Following a file changed outside keeps ids where it can;
//! comparing a file with its board says what changed for each card.

use std::collections::{HashMap, HashSet};

use super::{Board, CardId, Layout};
use crate::markdown::{self, Document};

/// What a row is recognised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Its title, any case, in a table of the same heading.
    Title,
    /// Its document ID (`CAP-0001`), any case, in a table of the same heading.
    DocId,
}

/// A row's heading and key.
type RowKey = (Option<String>, String);

impl Board {
    /// Ids for the project rows of `doc` (read as `layout` says): for each `(board, key)` in
    /// turn, the id of the card of that board the row is recognised as (first come, first
    /// served; never one id twice); else a fresh id counting from `next`. Returns the ids, one
    /// per row, and the next fresh id.
    pub fn ids_for(
        doc: &Document,
        layout: &Layout,
        known: &[(&Board, Key)],
        mut next: CardId,
    ) -> (Vec<CardId>, CardId) {
        let cell = |table: usize, row: usize, col: usize| {
            markdown::plain(doc.cell(table, row, col)).to_lowercase()
        };
        let mut rows: Vec<(Option<String>, String, Option<String>)> = Vec::new();
        for t in &layout.tables {
            let heading = &doc.tables[t.table].heading;
            for row in 0..doc.tables[t.table].rows.len() {
                let doc_id =
                    t.id.map(|c| cell(t.table, row, c))
                        .filter(|id| !id.is_empty());
                rows.push((heading.clone(), cell(t.table, row, t.title), doc_id));
            }
        }
        let mut ids: Vec<Option<CardId>> = vec![None; rows.len()];
        let mut used: HashSet<CardId> = HashSet::new();
        for &(board, key) in known {
            let mut index = board.keyed(key);
            for (slot, (heading, title, doc_id)) in ids.iter_mut().zip(&rows) {
                let wanted = match key {
                    Key::Title => Some(title),
                    Key::DocId => doc_id.as_ref(),
                };
                let (None, Some(wanted)) = (*slot, wanted) else {
                    continue;
                };
                let Some(candidates) = index.get_mut(&(heading.clone(), wanted.clone())) else {
                    continue;
                };
                while let Some(id) = candidates.pop() {
                    if used.insert(id) {
                        *slot = Some(id);
                        break;
                    }
                }
            }
        }
        let ids = ids
            .into_iter()
            .map(|id| {
                id.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        (ids, next)
    }

    /// The board's cards by heading and key, each key's ids in reverse board order (popped
    /// first come, first served).
    fn keyed(&self, key: Key) -> HashMap<RowKey, Vec<CardId>> {
        let mut index: HashMap<RowKey, Vec<CardId>> = HashMap::new();
        for card in self.cards.iter().rev() {
            let wanted = match key {
                Key::Title => Some(self.title(card).to_lowercase()),
                Key::DocId => self.doc_id(card).map(|id| id.to_lowercase()),
            };
            let Some(wanted) = wanted else { continue };
            let heading = self
                .doc
                .tables
                .get(card.table)
                .and_then(|t| t.heading.clone());
            index.entry((heading, wanted)).or_default().push(card.id);
        }
        index
    }
}
