//! Following a file changed outside: the three-way merge of the text the board last read or
//! wrote (base), the board's text (ours) and the file's (theirs), made into the board's new
//! snapshot and history. Pure: no files.
//!
//! # How the board's own changes survive
//!
//! The file's text becomes the new snapshot, its rows keeping the ids of the cards they are
//! (matched as the merge matches rows: by line, title, ID, unique column, or place). The changes
//! not yet written back are replayed on it one by one ([`Board::rebase_onto`]), each still one
//! step of undo: an edit's value before is the file's, so `u` gives back what the file says,
//! never what the board had before the outside change. Finally the cards are made exactly the
//! merge's (a move both sides made lands where ours put it, a row deleted here and edited there
//! shows, and so on), folded into the last step. Changes already written and the redo list are
//! dropped: the history starts at the file's text, and outside changes are never undone.
//!
//! When the file's projects tables are not the board's (a table's columns changed, a table
//! added or removed), the merge is still made and shown, but as the new snapshot: the board's
//! unwritten changes are in it and can no longer be undone one by one.

use std::collections::HashMap;

use thiserror::Error;

use crate::board::{Board, Card, CardConflict, CardId, Choice, Layout, layout};
use crate::markdown::{self, Document, ParseError};
use crate::merge::{self, Changes, Merge, Origin};

/// Why the file cannot be followed: the board is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FollowError {
    #[error("{0}")]
    Markdown(ParseError),
    #[error("{0}")]
    Layout(layout::LayoutError),
    /// The file and the board changed the same lines outside the rows merged one by one (a
    /// column added to a table whose rows the board changed): merged line by line, they
    /// conflict.
    #[error(
        "the file and the board changed the same lines where they cannot be merged row by row \
         (near {} of the board's text); the board is kept and nothing is written: `mdboard \
         export --force` writes the board's version over the file's, `mdboard reset` takes the \
         file's and drops the board's changes",
        markdown::lines_list(.lines)
    )]
    Unmerged { lines: Vec<usize> },
}

/// The board after following the file.
#[derive(Debug, Clone)]
pub struct Followed {
    pub board: Board,
    /// True when the board's snapshot is the file's text (with the unwritten changes on top);
    /// false when the merge had to become the snapshot (see the module's documentation).
    pub on_theirs: bool,
    /// The conflicts of the merge, by card.
    pub conflicts: Vec<CardConflict>,
    /// What the file changed, in rows.
    pub changes: Changes,
    /// How many of the board's changes not written back are kept on top, each undoable.
    pub kept: usize,
}

/// Follows `theirs`, the file's text, from `board` whose text was `base` when the two last
/// agreed, after its first `synced_at` changes (`None`: no point of its history; `base` `None`:
/// not known, the snapshot is taken for it). `choice` names the columns.
pub fn follow(
    board: &Board,
    base: Option<&str>,
    synced_at: Option<usize>,
    theirs: &str,
    choice: &Choice,
) -> Result<Followed, FollowError> {
    let theirs_doc = markdown::parse(theirs).map_err(FollowError::Markdown)?;
    let theirs_layout = layout::layout(&theirs_doc, choice).map_err(|e| {
        let markers = markdown::conflict_marker_lines(&theirs_doc.text);
        if markers.is_empty() {
            FollowError::Layout(e)
        } else {
            FollowError::Markdown(ParseError::ConflictMarkers { lines: markers })
        }
    })?;
    let ours = board.export();
    let base = base.unwrap_or(&board.doc.text);
    let read = |text: &str| markdown::parse(text).map_err(FollowError::Markdown);
    // Ours and base are the board's own texts, read before: they read again.
    let (base_doc, ours_doc) = std::thread::scope(|s| {
        let b = s.spawn(|| read(base));
        let o = read(&ours);
        (b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), o)
    });
    let (base_doc, ours_doc) = (base_doc?, ours_doc?);
    let merged = merge::merge_documents(
        &base_doc,
        &ours_doc,
        &theirs_doc,
        choice,
        merge::MARKER_SIZE,
    );
    if !merged.prose.is_empty() {
        // Lines both changed outside the rows merged one by one: resolved as the board's, the
        // file's would be lost on the next write.
        return Err(FollowError::Unmerged {
            lines: merged.prose.iter().map(|p| p.line).collect(),
        });
    }
    let plan = Plan {
        board,
        ours_doc: &ours_doc,
        theirs_doc: &theirs_doc,
        theirs_layout: &theirs_layout,
        merged: &merged,
    };
    match plan.on_theirs(synced_at) {
        Some(followed) => Ok(followed),
        None => plan.as_snapshot(choice),
    }
}

struct Plan<'a> {
    board: &'a Board,
    ours_doc: &'a Document,
    theirs_doc: &'a Document,
    theirs_layout: &'a Layout,
    merged: &'a Merge,
}

impl Plan<'_> {
    /// The file's text as the snapshot, the unwritten changes replayed on it; `None` when the
    /// file's projects tables are not all merged row by row with the board's.
    fn on_theirs(&self, synced_at: Option<usize>) -> Option<Followed> {
        let board = self.board;
        let merged = self.merged;
        if self.ours_doc.tables.len() != board.doc.tables.len()
            || merged.tables.len() != self.theirs_layout.tables.len()
            || merged.tables.len() != board.layout.tables.len()
        {
            return None;
        }
        // The ids of ours' rows: the board's cards, table by table.
        let mut ours_ids: HashMap<usize, Vec<CardId>> = HashMap::new();
        for card in &board.cards {
            ours_ids.entry(card.table).or_default().push(card.id);
        }
        let mut next = board.next_id;
        let mut fresh = || {
            next += 1;
            next - 1
        };
        let merged_text = markdown::parse(&merged.text).ok()?;
        let mut theirs_ids = Vec::new();
        let mut target: Vec<Card> = Vec::new();
        let mut tables = HashMap::new();
        let mut conflicts = Vec::new();
        for (t, m) in self.theirs_layout.tables.iter().zip(&merged.tables) {
            let [_, o, th] = m.versions;
            if th != t.table
                || self.ours_doc.tables[o].rows.len() != ours_ids.get(&o).map_or(0, Vec::len)
            {
                return None;
            }
            tables.insert(o, th);
            let ids = ours_ids.get(&o).map_or(&[][..], Vec::as_slice);
            let first = theirs_ids.len();
            for partner in &m.theirs {
                theirs_ids.push(
                    partner
                        .and_then(|p| ids.get(p).copied())
                        .unwrap_or_else(&mut fresh),
                );
            }
            let theirs_of = &theirs_ids[first..];
            let rows_in_text = merged_text.tables.get(m.text)?.rows.len();
            let mut k = 0;
            for row in &m.rows {
                let id = match row.origin {
                    Origin::Ours(o) => *ids.get(o)?,
                    Origin::Theirs(r) => *theirs_of.get(r)?,
                };
                let cells = if row.in_text {
                    k += 1;
                    if k > rows_in_text {
                        return None;
                    }
                    merged_text.cells(m.text, k - 1)
                } else {
                    let Origin::Theirs(r) = row.origin else {
                        return None;
                    };
                    self.theirs_doc.cells(th, r)
                };
                conflicts.extend(card_conflicts(merged, row.conflicts.clone(), id));
                target.push(Card {
                    id,
                    table: th,
                    cells,
                });
            }
            if k != rows_in_text {
                return None;
            }
        }
        let mut onto = Board::with_ids(
            self.theirs_doc.clone(),
            self.theirs_layout.clone(),
            theirs_ids,
        );
        onto.next_id = onto.next_id.max(next).max(board.next_id);
        if let Some(from) = synced_at {
            // A history that cannot be walked back leaves its changes to `settle`, as one step.
            let _ = board.rebase_onto(from, &mut onto, &tables);
        }
        if !onto.settle(&target) {
            return None;
        }
        Some(Followed {
            kept: onto.history.done.len(),
            board: onto,
            on_theirs: true,
            conflicts,
            changes: merged.theirs,
        })
    }

    /// The merged text as the snapshot, ids kept for the rows the board's cards are. A merged
    /// text that cannot be a board (lines both changed, merged line by line into conflict
    /// markers) is an error: the board is kept as it is, and writing it is refused, so that
    /// what the file has is not overwritten.
    fn as_snapshot(&self, choice: &Choice) -> Result<Followed, FollowError> {
        let board = self.board;
        let doc = markdown::parse(&self.merged.text).map_err(|e| match e {
            ParseError::ConflictMarkers { lines } => FollowError::Unmerged { lines },
            other @ ParseError::NotUtf8 { .. } => FollowError::Markdown(other),
        })?;
        let layout = layout::layout(&doc, choice).map_err(FollowError::Layout)?;
        let followed = merge::versions::follow(doc, layout, board);
        let mut conflicts = Vec::new();
        for m in &self.merged.tables {
            let ids: Vec<CardId> = followed
                .cards
                .iter()
                .filter(|c| c.table == m.text)
                .map(|c| c.id)
                .collect();
            let mut k = 0;
            for row in &m.rows {
                if row.in_text {
                    if let Some(&id) = ids.get(k) {
                        conflicts.extend(card_conflicts(self.merged, row.conflicts.clone(), id));
                    }
                    k += 1;
                }
            }
        }
        Ok(Followed {
            board: followed,
            on_theirs: false,
            conflicts,
            changes: self.merged.theirs,
            kept: 0,
        })
    }
}

/// The merge's conflicts `range`, as conflicts of card `id`.
fn card_conflicts(
    merged: &Merge,
    range: std::ops::Range<usize>,
    id: CardId,
) -> impl Iterator<Item = CardConflict> + '_ {
    merged.conflicts[range].iter().map(move |c| CardConflict {
        card: id,
        field: c.field.clone(),
        base: c.base.clone(),
        mine: c.ours.clone(),
        theirs: c.theirs.clone(),
    })
}

#[cfg(test)]
mod tests;
