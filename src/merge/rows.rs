//! The merge of one projects table: which rows it has, in which order, each written how, and
//! which conflict.

use crate::markdown::Document;

use super::Changes;
use super::align::{Aligned, Roles};
use super::matching::{self, View};
use super::order::{List, kept_order};

/// The rows of a merged table, in order.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// The slots in the merged order.
    pub order: Vec<usize>,
    /// What the merged table took from theirs.
    pub changes: Changes,
    /// Where each slot's row comes from: ours' row of the same index for the first slots (one
    /// per ours row), theirs' row for the rest.
    pub origins: Vec<super::Origin>,
    /// The ours row each theirs row is, when it is one.
    pub partner: Vec<Option<usize>>,
}

impl Plan {
    pub fn has_conflicts(&self) -> bool {
        self.order.iter().any(|&s| self.slots[s].sides.is_some())
    }
}

/// One row of the merged table.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// The row in the merged text, every conflict resolved as ours; `None` when the text lacks
    /// it.
    pub text: Option<Line>,
    /// With a conflict: the row as ours and as theirs, each with the other's changes that do
    /// not conflict (`None`: that side deleted it).
    pub sides: Option<[Option<Line>; 2]>,
    pub conflicts: Vec<Pending>,
    /// A row ours added and theirs does not have: a row theirs adds after the same row goes
    /// after it.
    ours_added: bool,
    /// A row gone from the merge (deleted by theirs, unchanged by ours).
    gone: bool,
}

/// How a row is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Ours' row as it is.
    Ours(usize),
    /// Theirs' row as it is.
    Theirs(usize),
    /// A row with cells of both sides: a side's row with the other's cells patched in.
    Patched(String),
}

/// A conflict of a row, before the merged text says where the row stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub title: String,
    pub field: Option<(usize, String)>,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// The three versions of the table, and the document of each.
struct Versions<'a> {
    docs: [&'a Document; 3],
    tables: [usize; 3],
    views: [View<'a>; 3],
    headers: &'a [String],
    roles: &'a Roles,
}

/// Merges the rows of a table found in all three versions.
pub fn plan(versions: [&Document; 3], aligned: &Aligned) -> Plan {
    let roles = &aligned.roles;
    let view = |k: usize| View::new(versions[k], aligned.tables[k], roles.columns);
    let t = Versions {
        docs: versions,
        tables: aligned.tables,
        views: [view(0), view(1), view(2)],
        headers: &versions[1].tables[aligned.tables[1]].columns,
        roles,
    };
    let [base, ours, theirs] = &t.views;
    let mo = matching::to_base(base, ours, roles);
    let mt = matching::to_base(base, theirs, roles);
    let ours_new: Vec<usize> = (0..ours.len())
        .filter(|&o| mo.to_base[o].is_none())
        .collect();
    let theirs_new: Vec<usize> = (0..theirs.len())
        .filter(|&r| mt.to_base[r].is_none())
        .collect();
    // The ours row each theirs row is, through the base or as both added it.
    let mut partner: Vec<Option<usize>> = mt
        .to_base
        .iter()
        .map(|b| b.and_then(|b| mo.from_base[b]))
        .collect();
    let mut ours_partner: Vec<Option<usize>> = vec![None; ours.len()];
    for (o, r) in matching::added(ours, &ours_new, theirs, &theirs_new, roles) {
        partner[r] = Some(o);
        ours_partner[o] = Some(r);
    }

    let mut plan = Plan::default();
    for (o, (&b, &r)) in mo.to_base.iter().zip(&ours_partner).enumerate() {
        let slot = match b {
            Some(b) => match mt.from_base[b] {
                Some(r) if mo.same[o] && mt.same[r] => Slot::text(Line::Ours(o)),
                Some(r) => t.both(Some(b), o, r, &mut plan.changes),
                None => t.deleted_by_theirs(b, o, &mut plan.changes),
            },
            None => match r {
                Some(r) => t.both(None, o, r, &mut plan.changes),
                None => Slot {
                    text: Some(Line::Ours(o)),
                    ours_added: true,
                    ..Slot::default()
                },
            },
        };
        plan.slots.push(slot);
        plan.origins.push(super::Origin::Ours(o));
    }
    // Theirs' rows that ours lacks get slots of their own.
    let mut theirs_slot: Vec<Option<usize>> = partner.clone();
    for r in 0..theirs.len() {
        if partner[r].is_some() {
            continue;
        }
        let slot = if let Some(b) = mt.to_base[r] {
            t.deleted_by_ours(b, r)
        } else {
            plan.changes.added += 1;
            Some(Slot::text(Line::Theirs(r)))
        };
        if let Some(slot) = slot {
            theirs_slot[r] = Some(plan.slots.len());
            plan.slots.push(slot);
            plan.origins.push(super::Origin::Theirs(r));
        }
    }
    plan.partner.clone_from(&partner);
    plan.order = order(
        &plan.slots,
        &mo,
        &mt,
        &theirs_slot,
        ours.len(),
        &mut plan.changes,
    );
    plan
}

/// The merged order: ours', with theirs' rows added and theirs' moves of rows ours did not
/// move.
fn order(
    slots: &[Slot],
    mo: &matching::Matching,
    mt: &matching::Matching,
    theirs_slot: &[Option<usize>],
    ours_rows: usize,
    changes: &mut Changes,
) -> Vec<usize> {
    let moved = |m: &matching::Matching| -> Vec<bool> {
        let placed: Vec<usize> = (0..m.to_base.len())
            .filter(|&r| m.to_base[r].is_some())
            .collect();
        let positions: Vec<usize> = placed.iter().filter_map(|&r| m.to_base[r]).collect();
        let mut moved = vec![false; m.to_base.len()];
        for (&r, kept) in placed.iter().zip(kept_order(&positions)) {
            moved[r] = !kept;
        }
        moved
    };
    let ours_moved = moved(mo);
    let theirs_moved = moved(mt);
    let mut merged = List::new(slots.len());
    for (o, slot) in slots.iter().enumerate().take(ours_rows) {
        if !slot.gone {
            merged.push_back(o);
        }
    }
    // A row theirs added goes after the row before it in theirs that the merge has (first
    // when there is none). A row theirs moved goes after the row before it in theirs that ours
    // did not move: one ours moved is no longer where theirs saw it.
    let mut previous: Option<usize> = None;
    let mut landmark: Option<usize> = None;
    for (r, &slot) in theirs_slot.iter().enumerate() {
        let Some(s) = slot else { continue };
        if s < ours_rows {
            if slots[s].gone {
                continue;
            }
            if theirs_moved[r] && !ours_moved[s] {
                merged.insert_after(landmark, s);
                changes.moved += 1;
            }
            if !ours_moved[s] {
                landmark = Some(s);
            }
        } else {
            let mut anchor = previous;
            while let Some(next) = merged.after(anchor).filter(|&n| slots[n].ours_added) {
                anchor = Some(next);
            }
            merged.insert_after(anchor, s);
            landmark = Some(s);
        }
        previous = Some(s);
    }
    merged.items()
}

impl Versions<'_> {
    /// A row both sides have: their cells merged one by one.
    fn both(&self, b: Option<usize>, o: usize, r: usize, changes: &mut Changes) -> Slot {
        let [base, ours, theirs] = &self.views;
        let (ol, tl) = (ours.line(o), theirs.line(r));
        let bl = b.map(|b| base.line(b));
        if ol == tl || Some(tl) == bl {
            return Slot::text(Line::Ours(o));
        }
        let (oc, tc) = (ours.cells(o), theirs.cells(r));
        if Some(ol) == bl {
            // Ours did not touch the row: theirs' line as it is.
            if oc != tc {
                changes.edited += 1;
            }
            return Slot::text(Line::Theirs(r));
        }
        let bc = b.map(|b| base.cells(b));
        let mut mine = Vec::with_capacity(oc.len());
        let mut other = Vec::with_capacity(oc.len());
        let mut conflicts = Vec::new();
        for c in 0..oc.len() {
            let was = bc.as_ref().map(|bc| bc[c]);
            let (ours_cell, theirs_cell) = (oc[c], tc[c]);
            if ours_cell == theirs_cell || Some(theirs_cell) == was {
                mine.push(ours_cell);
                other.push(ours_cell);
            } else if Some(ours_cell) == was {
                mine.push(theirs_cell);
                other.push(theirs_cell);
            } else {
                mine.push(ours_cell);
                other.push(theirs_cell);
                conflicts.push(Pending {
                    title: ours.title(o, self.roles),
                    field: Some((c, self.headers[c].clone())),
                    base: was.map(str::to_owned),
                    ours: Some(ours_cell.to_owned()),
                    theirs: Some(theirs_cell.to_owned()),
                });
            }
        }
        if mine != oc {
            changes.edited += 1;
        }
        let text = self.written(1, o, &oc, &mine);
        if conflicts.is_empty() {
            return Slot::text(text);
        }
        let theirs_side = self.written(2, r, &tc, &other);
        Slot {
            sides: Some([Some(text.clone()), Some(theirs_side)]),
            text: Some(text),
            conflicts,
            ..Slot::default()
        }
    }

    /// A row theirs deleted: gone when ours left its cells as they were, else a conflict.
    fn deleted_by_theirs(&self, b: usize, o: usize, changes: &mut Changes) -> Slot {
        let [base, ours, _] = &self.views;
        if ours.cells(o) == base.cells(b) {
            changes.deleted += 1;
            return Slot {
                gone: true,
                ..Slot::default()
            };
        }
        Slot {
            text: Some(Line::Ours(o)),
            sides: Some([Some(Line::Ours(o)), None]),
            conflicts: vec![Pending {
                title: ours.title(o, self.roles),
                field: None,
                base: Some(base.span(b).to_owned()),
                ours: Some(ours.span(o).to_owned()),
                theirs: None,
            }],
            ..Slot::default()
        }
    }

    /// A row ours deleted: nothing when theirs left its cells as they were, else a conflict
    /// the text resolves as ours (without the row).
    fn deleted_by_ours(&self, b: usize, r: usize) -> Option<Slot> {
        let [base, _, theirs] = &self.views;
        if theirs.cells(r) == base.cells(b) {
            return None;
        }
        Some(Slot {
            text: None,
            sides: Some([None, Some(Line::Theirs(r))]),
            conflicts: vec![Pending {
                title: theirs.title(r, self.roles),
                field: None,
                base: Some(base.span(b).to_owned()),
                ours: None,
                theirs: Some(theirs.span(r).to_owned()),
            }],
            ..Slot::default()
        })
    }

    /// Row `row` of version `k` (ours or theirs) holding `cells` instead of its own `was`.
    fn written(&self, k: usize, row: usize, was: &[&str], cells: &[&str]) -> Line {
        if cells == was {
            return if k == 1 {
                Line::Ours(row)
            } else {
                Line::Theirs(row)
            };
        }
        let owned: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
        Line::Patched(self.docs[k].patch_row(self.tables[k], row, &owned))
    }
}

impl Slot {
    fn text(line: Line) -> Self {
        Self {
            text: Some(line),
            ..Self::default()
        }
    }
}
