//! What changed between two versions of a document, card by card: moved (from → to), added,
//! removed, edited (which fields); grouped by state, as a markdown list ready for a pull
//! request or a commit message, or as JSON. Rows are matched as the merge matches them
//! ([`merge::versions`](crate::merge::versions)), so an edited or renamed project is one card,
//! not a removal and an addition.
//!
//! Pure: two documents in, a summary out. `changes --since REV` compares the file at REV with
//! the file in the working tree; the board's unwritten changes are the same comparison of the
//! file with what the board would write.

mod render;

use serde::Serialize;

pub use render::{json, markdown};

use crate::board::{Board, Choice, Layout, LayoutError, NO_STATE, layout};
use crate::markdown::{self, Document};
use crate::merge::versions::{self, Version};

/// What happened to a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// In another state (and maybe edited too).
    Moved,
    Added,
    Removed,
    /// In the same state, with other cells changed.
    Edited,
}

/// One card that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub change: Kind,
    /// The card's title as read (its document ID before it, when its table has one); for a
    /// removed card, as it was.
    pub title: String,
    /// The state it is in, the group it is listed under ("" for none); for a removed card, the
    /// state it was in.
    pub state: String,
    /// For a moved card, the state it was in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// For a renamed card, its title before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The columns whose text changed, by their header names: the state and the title aside
    /// (said by `from` and `renamed_from`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// The cards of one state that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The state's column name on the board ("No state" for none).
    pub name: String,
    pub entries: Vec<Entry>,
}

/// Every card that changed, by state, in the order of the newer version's columns (states
/// only the older version has come last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub groups: Vec<Group>,
}

impl Summary {
    /// How many cards changed in each way: moved, added, removed, edited.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for e in self.groups.iter().flat_map(|g| &g.entries) {
            counts[e.change as usize] += 1;
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// What changed from `old` to `new`, both read with `choice`. An `old` version without a
/// projects table (before the document had one) has every card added; a `new` one is an error.
pub fn between(old: &Document, new: &Document, choice: &Choice) -> Result<Summary, LayoutError> {
    let new_layout = layout::layout(new, choice)?;
    let old_layout = layout::layout(old, choice).ok();
    let empty = Layout {
        state_name: new_layout.state_name.clone(),
        tables: Vec::new(),
        states_table: None,
        states: Vec::new(),
    };
    let old_layout = old_layout.as_ref().unwrap_or(&empty);
    let (o, n) = (
        Version::new(old, old_layout),
        Version::new(new, &new_layout),
    );
    let pairs = versions::pair(o, n);
    let mut entries = Vec::new();
    for (k, t) in new_layout.tables.iter().enumerate() {
        let pair = pairs.iter().find(|p| p.new == k);
        for r in 0..new.tables[t.table].rows.len() {
            let cells = new.cells(t.table, r);
            if layout::is_section(&cells) {
                continue;
            }
            let before = pair.and_then(|p| p.rows.to_base[r].map(|b| (p.old, b)));
            let entry = match before {
                None => Some(Entry::of(Kind::Added, n, k, r)),
                Some((ok, b)) => edit(o, (ok, b), n, (k, r)),
            };
            entries.extend(entry);
        }
    }
    for (k, t) in old_layout.tables.iter().enumerate() {
        let pair = pairs.iter().find(|p| p.old == k);
        for b in 0..old.tables[t.table].rows.len() {
            let kept = pair.is_some_and(|p| p.rows.from_base[b].is_some());
            if !kept && !layout::is_section(&old.cells(t.table, b)) {
                entries.push(Entry::of(Kind::Removed, o, k, b));
            }
        }
    }
    Ok(group(entries, new, new_layout))
}

impl Entry {
    /// A card added or removed: row `r` of projects table `k` of `v`.
    fn of(change: Kind, v: Version, k: usize, r: usize) -> Self {
        Self {
            change,
            title: title(v, k, r),
            state: markdown::plain(state_raw(v, k, r)),
            from: None,
            renamed_from: None,
            fields: Vec::new(),
        }
    }
}

/// What changed in a card from row `old_row` of projects table `old_table` of `old` to row
/// `row` of table `table` of `new`, if anything did.
fn edit(
    old: Version,
    (old_table, old_row): (usize, usize),
    new: Version,
    (table, row): (usize, usize),
) -> Option<Entry> {
    let (before_layout, after_layout) = (&old.layout.tables[old_table], &new.layout.tables[table]);
    let old_state = state_raw(old, old_table, old_row);
    let new_state = state_raw(new, table, row);
    let moved = layout::state_key(old_state) != layout::state_key(new_state);
    let old_title = title(old, old_table, old_row);
    let new_title = title(new, table, row);
    let old_headers = &old.doc.tables[before_layout.table].columns;
    let mut fields = Vec::new();
    for (c, header) in new.doc.tables[after_layout.table]
        .columns
        .iter()
        .enumerate()
    {
        if c == after_layout.state || c == after_layout.title || Some(c) == after_layout.id {
            continue;
        }
        let key = layout::header_key(header);
        let before = old_headers
            .iter()
            .position(|h| layout::header_key(h) == key)
            .map_or("", |oc| old.doc.cell(before_layout.table, old_row, oc));
        if before != new.doc.cell(after_layout.table, row, c) {
            fields.push(header.clone());
        }
    }
    let renamed = old_title != new_title;
    if !moved && !renamed && fields.is_empty() {
        return None;
    }
    Some(Entry {
        change: if moved { Kind::Moved } else { Kind::Edited },
        title: new_title,
        state: markdown::plain(new_state),
        from: moved.then(|| markdown::plain(old_state)),
        renamed_from: renamed.then_some(old_title),
        fields,
    })
}

/// The raw status cell of row `r` of projects table `k`.
fn state_raw(v: Version<'_>, k: usize, r: usize) -> &str {
    let t = &v.layout.tables[k];
    v.doc.cell(t.table, r, t.state)
}

/// The title of row `r` of projects table `k` as a board shows it: its ID before it.
fn title(v: Version, k: usize, r: usize) -> String {
    let t = &v.layout.tables[k];
    let name = markdown::plain(v.doc.cell(t.table, r, t.title));
    let id =
        t.id.map(|c| markdown::plain(v.doc.cell(t.table, r, c)))
            .filter(|id| !id.is_empty());
    match id {
        Some(id) if name.is_empty() => id,
        Some(id) => format!("{id} · {name}"),
        None => name,
    }
}

/// The entries by state, in the order of the newer version's columns.
fn group(entries: Vec<Entry>, new: &Document, new_layout: Layout) -> Summary {
    let columns = Board::new(new.clone(), new_layout).columns();
    let mut groups: Vec<(String, Group)> = columns
        .iter()
        .map(|c| {
            (
                c.key.clone(),
                Group {
                    name: c.name.clone(),
                    entries: Vec::new(),
                },
            )
        })
        .collect();
    for entry in entries {
        let key = layout::state_key(&entry.state);
        let at = groups
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| {
                let name = if key.is_empty() {
                    NO_STATE.to_owned()
                } else {
                    entry.state.clone()
                };
                groups.push((
                    key,
                    Group {
                        name,
                        entries: Vec::new(),
                    },
                ));
                groups.len() - 1
            });
        groups[at].1.entries.push(entry);
    }
    Summary {
        groups: groups
            .into_iter()
            .map(|(_, g)| g)
            .filter(|g| !g.entries.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests;
