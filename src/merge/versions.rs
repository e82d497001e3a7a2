//! Which rows of an older version of a document are which rows of a newer one, as the merge
//! matches them: the projects tables of the two paired, then the rows of each pair matched by
//! identity ([`matching::between`]). For following cards through a file's history and saying
//! what changed between two versions.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::board::{Board, CardId, Layout};
use crate::markdown::{self, Document};

use super::align::Roles;
use super::matching::{self, Matching, View};

/// A document read with its layout.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

impl<'a> Version<'a> {
    pub fn new(doc: &'a Document, layout: &'a Layout) -> Self {
        Self { doc, layout }
    }

    /// What the columns of its `k`-th projects table mean.
    fn roles(&self, k: usize) -> Roles {
        let t = &self.layout.tables[k];
        Roles {
            columns: self.doc.tables[t.table].columns.len(),
            title: t.title,
            id: t.id,
            state: t.state,
        }
    }

    /// The index, counting the rows of its projects tables in turn, of each table's first row.
    fn firsts(&self) -> Vec<usize> {
        let mut at = 0;
        self.layout
            .tables
            .iter()
            .map(|t| {
                let here = at;
                at += self.doc.tables[t.table].rows.len();
                here
            })
            .collect()
    }

    /// No id yet for each row of its projects tables.
    fn slots(&self) -> Vec<Option<CardId>> {
        vec![None; Board::rows(self.doc, self.layout)]
    }

    fn view(&self, k: usize) -> View<'a> {
        let table = self.layout.tables[k].table;
        View::new(self.doc, table, self.doc.tables[table].columns.len())
    }
}

/// A projects table of the newer version and its counterpart in the older one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The table, as an index into the newer layout's tables.
    pub new: usize,
    /// Its counterpart, as an index into the older layout's tables.
    pub old: usize,
    /// Which row of the older table each row of the newer one is (`to_base`), and the other
    /// way round (`from_base`).
    pub rows: Matching,
}

/// The projects tables of `new` that `old` has too, with their rows matched. A table is its
/// counterpart by rank when both versions have as many projects tables, else by heading, else
/// by header, when only one table of the other version has it.
pub fn pair(old: Version, new: Version) -> Vec<Pair> {
    let (olds, news) = (&old.layout.tables, &new.layout.tables);
    let heading = |v: &Version, k: usize| v.doc.tables[v.layout.tables[k].table].heading.clone();
    let header = |v: &Version, k: usize| v.doc.tables[v.layout.tables[k].table].columns.clone();
    let only = |found: &mut dyn Iterator<Item = usize>| match (found.next(), found.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    };
    (0..news.len())
        .filter_map(|n| {
            let o = if olds.len() == news.len() {
                Some(n)
            } else {
                only(&mut (0..olds.len()).filter(|&o| heading(&old, o) == heading(&new, n)))
                    .or_else(|| {
                        only(&mut (0..olds.len()).filter(|&o| header(&old, o) == header(&new, n)))
                    })
            }?;
            let rows = matching::between(&old.view(o), &old.roles(o), &new.view(n), &new.roles(n));
            Some(Pair {
                new: n,
                old: o,
                rows,
            })
        })
        .collect()
}

/// Ids for the project rows of `old` (one a row, table after table, as a board counts them),
/// given those of `new`'s rows (`new_ids`, counted the same way): a row of `old` that is a row
/// of `new` has its id, the others fresh ids from `next` on. Two boards of the versions with
/// these ids name the same cards, so that one can say what the other changes.
pub fn ids_before(old: Version, new: Version, new_ids: &[CardId], mut next: CardId) -> Vec<CardId> {
    let (old_first, new_first) = (old.firsts(), new.firsts());
    let mut ids = old.slots();
    for p in pair(old, new) {
        for (b, r) in p.rows.from_base.iter().enumerate() {
            if let Some(r) = *r {
                ids[old_first[p.old] + b] = new_ids.get(new_first[p.new] + r).copied();
            }
        }
    }
    fill(ids, &mut next)
}

/// Ids for the project rows of `new` (counted as a board counts them), given versions whose
/// rows already have ids (`known`, each with one id a row): a row of `new` that is a row of the
/// first known version has its id, else of the next, never one id twice; the others fresh ids
/// from `next` on. Returns the ids and the next fresh id.
pub fn ids_after(
    new: Version,
    known: &[(Version, &[CardId])],
    mut next: CardId,
) -> (Vec<CardId>, CardId) {
    let new_first = new.firsts();
    let mut ids = new.slots();
    let mut used: HashSet<CardId> = HashSet::new();
    for &(old, old_ids) in known {
        let old_first = old.firsts();
        for p in pair(old, new) {
            for (r, b) in p.rows.to_base.iter().enumerate() {
                let slot = &mut ids[new_first[p.new] + r];
                if slot.is_none()
                    && let Some(&id) = b.and_then(|b| old_ids.get(old_first[p.old] + b))
                    && used.insert(id)
                {
                    *slot = Some(id);
                }
            }
        }
    }
    let ids = fill(ids, &mut next);
    (ids, next)
}

/// The ids given, a fresh one from `next` on for each row without one.
fn fill(ids: Vec<Option<CardId>>, next: &mut CardId) -> Vec<CardId> {
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| {
                *next += 1;
                *next - 1
            })
        })
        .collect()
}

/// What a board writes, read back: its document with its cards as the rows of its projects
/// tables, in order, so that `Version::new(&written, &board.layout)` is the board as a version
/// whose rows are `board.cards`. `None` when the text does not read back so (never expected:
/// the board's writes are read back exactly).
pub fn written(board: &Board) -> Option<Cow<'_, Document>> {
    if board.matches_snapshot() {
        return Some(Cow::Borrowed(&board.doc));
    }
    let doc = markdown::parse(&board.export()).ok()?;
    let holds_cards = doc.tables.len() == board.doc.tables.len()
        && board.layout.tables.iter().all(|t| {
            doc.tables[t.table].rows.len()
                == board.cards.iter().filter(|c| c.table == t.table).count()
        });
    holds_cards.then_some(Cow::Owned(doc))
}

/// A board of `doc` (read as `layout` says) whose cards keep the ids of the cards of `old` they
/// are, its rows matched to what `old` writes as the merge matches rows: by an unchanged line,
/// the title, the ID, a column of unique values, or by position where most cells agree. Rows
/// that are none of them are new cards.
pub fn follow(doc: Document, layout: Layout, old: &Board) -> Board {
    let ids: Vec<CardId> = old.cards.iter().map(|c| c.id).collect();
    let written = written(old);
    let known: Vec<(Version, &[CardId])> = written
        .as_deref()
        .map(|w| (Version::new(w, &old.layout), ids.as_slice()))
        .into_iter()
        .collect();
    let (new_ids, next) = ids_after(Version::new(&doc, &layout), &known, old.next_id);
    let mut board = Board::with_ids(doc, layout, new_ids);
    board.next_id = board.next_id.max(next);
    board
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::board::{Choice, layout};
    use crate::markdown;

    fn read(text: &str) -> (Document, Layout) {
        let doc = markdown::parse(text).unwrap();
        let layout = layout::layout(&doc, &Choice::default()).unwrap();
        (doc, layout)
    }

    #[test]
    fn rows_are_followed_across_an_edit_a_rename_and_a_new_column() {
        let (old, old_layout) = read(
            "| Name | State | Notes |\n| --- | --- | --- |\n| Alpha | design | a |\n\
             | Beta | design | b |\n| Gamma | idea | c |\n",
        );
        // A column added before State, Gamma gone, Delta new.
        let (new, new_layout) = read(
            "| Name | Owner | State | Notes |\n| --- | --- | --- | --- |\n\
             | Delta | x | idea | d |\n| Alpha | y | released | a |\n| Beta 2 | z | design | b |\n",
        );
        let pairs = pair(
            Version::new(&old, &old_layout),
            Version::new(&new, &new_layout),
        );
        assert_eq!(pairs.len(), 1);
        let m = &pairs[0].rows;
        assert_eq!(m.to_base[0], None, "Delta is new");
        assert_eq!(m.to_base[1], Some(0), "Alpha by its title");
        assert_eq!(m.from_base[2], None, "Gamma is gone");
        let ids = ids_before(
            Version::new(&old, &old_layout),
            Version::new(&new, &new_layout),
            &[1, 2, 3],
            4,
        );
        assert_eq!(
            ids,
            [2, 3, 4],
            "Alpha, Beta as Beta 2, Gamma a card of its own"
        );
    }

    #[test]
    fn tables_pair_by_rank_else_by_heading() {
        let (old, old_layout) = read(
            "## A\n\n| Name | State |\n| --- | --- |\n| x | a |\n\n\
             ## B\n\n| Name | State |\n| --- | --- |\n| y | b |\n",
        );
        let (new, new_layout) = read("## B\n\n| Name | State |\n| --- | --- |\n| y | c |\n");
        let pairs = pair(
            Version::new(&old, &old_layout),
            Version::new(&new, &new_layout),
        );
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].new, pairs[0].old), (0, 1));
        assert_eq!(pairs[0].rows.to_base, [Some(0)]);
    }
}
