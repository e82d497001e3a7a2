//! Which tables of the three versions are one projects table, merged row by row, and what their
//! columns mean.

use crate::board::layout::{self, Choice};
use crate::markdown::Document;

/// A projects table found in all three versions: its index in each (base, ours, theirs), and
/// what its columns mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub tables: [usize; 3],
    pub roles: Roles,
}

/// What the columns of a projects table mean for telling its rows apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles {
    /// How many columns the header has.
    pub columns: usize,
    pub title: usize,
    pub id: Option<usize>,
    pub state: usize,
}

/// The projects tables of ours that base and theirs have too, with the same columns and in
/// the same order (see the module documentation of [`merge`](super)).
pub fn align(versions: [&Document; 3], choice: &Choice) -> Vec<Aligned> {
    let [base, ours, theirs] = versions;
    // The layout reads a long table's columns from a sample of its rows, as the board does.
    let Ok(layout) = layout::layout(ours, choice) else {
        return Vec::new();
    };
    let mut aligned: Vec<Aligned> = Vec::new();
    for t in &layout.tables {
        let (Some(b), Some(th)) = (
            counterpart(ours, t.table, base),
            counterpart(ours, t.table, theirs),
        ) else {
            continue;
        };
        let after = aligned
            .last()
            .is_none_or(|last| b > last.tables[0] && th > last.tables[2]);
        if after {
            aligned.push(Aligned {
                tables: [b, t.table, th],
                roles: Roles {
                    columns: ours.tables[t.table].columns.len(),
                    title: t.title,
                    id: t.id,
                    state: t.state,
                },
            });
        }
    }
    aligned
}

/// The table of `other` that is table `index` of `doc`: the one of the same columns in the same
/// rank among those, when both documents have as many of them; else the only one of the same
/// columns under the same heading.
fn counterpart(doc: &Document, index: usize, other: &Document) -> Option<usize> {
    let table = &doc.tables[index];
    let alike = |d: &Document| -> Vec<usize> {
        (0..d.tables.len())
            .filter(|&i| d.tables[i].columns == table.columns)
            .collect()
    };
    let mine = alike(doc);
    let theirs = alike(other);
    if mine.len() == theirs.len() {
        let rank = mine.iter().position(|&i| i == index)?;
        return Some(theirs[rank]);
    }
    let mut same_heading = theirs
        .into_iter()
        .filter(|&i| other.tables[i].heading == table.heading);
    match (same_heading.next(), same_heading.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}
