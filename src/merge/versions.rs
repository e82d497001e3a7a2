//! Which rows of an older version of a document are which rows of a newer one, as the merge
//! matches them: the projects tables of the two paired, then the rows of each pair matched by
//! identity ([`matching::between`]). For following cards through a file's history and saying
//! what changed between two versions.

use crate::board::{CardId, Layout};
use crate::markdown::Document;

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
    let first = |layout: &Layout, doc: &Document| -> Vec<usize> {
        let mut at = 0;
        layout
            .tables
            .iter()
            .map(|t| {
                let here = at;
                at += doc.tables[t.table].rows.len();
                here
            })
            .collect()
    };
    let (old_first, new_first) = (first(old.layout, old.doc), first(new.layout, new.doc));
    let mut ids: Vec<Option<CardId>> = old
        .layout
        .tables
        .iter()
        .flat_map(|t| vec![None; old.doc.tables[t.table].rows.len()])
        .collect();
    for p in pair(old, new) {
        for (b, r) in p.rows.from_base.iter().enumerate() {
            if let Some(r) = *r {
                ids[old_first[p.old] + b] = new_ids.get(new_first[p.new] + r).copied();
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
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
