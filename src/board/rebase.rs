//! Carrying changes over to another board: the changes that turn one board's cards into given
//! cards, and the replay of a board's latest changes on a board read from another text (an
//! outside change followed, the changes not written back kept on top).

use std::collections::{HashMap, HashSet};

use super::{Board, Card, CardId, CellEdit, Change};

type CellEdits = Vec<CellEdit>;

impl Board {
    /// One change that turns the cards into `target` (the same tables, each table's cards
    /// together and in the board's order of tables), or `None` when they are already.
    pub fn changes_to(&self, target: &[Card]) -> Option<Change> {
        let want: HashMap<CardId, &Card> = target.iter().map(|c| (c.id, c)).collect();
        let mut cur = self.cards.clone();
        let mut out = Vec::new();
        // Cards the target lacks (or has in another table, or of another width) go first.
        for at in (0..cur.len()).rev() {
            let keep = want
                .get(&cur[at].id)
                .is_some_and(|t| t.table == cur[at].table && t.cells.len() == cur[at].cells.len());
            if !keep {
                let card = cur.remove(at);
                out.push(Change::Remove { at, card });
            }
        }
        for card in &mut cur {
            let t = want[&card.id];
            let cells: CellEdits = (0..card.cells.len())
                .filter(|&c| card.cells[c] != t.cells[c])
                .map(|c| CellEdit {
                    col: c,
                    before: card.cells[c].clone(),
                    after: t.cells[c].clone(),
                })
                .collect();
            if !cells.is_empty() {
                card.cells.clone_from(&t.cells);
                out.push(Change::Edit { id: card.id, cells });
            }
        }
        let have: HashSet<CardId> = cur.iter().map(|c| c.id).collect();
        for (k, t) in target.iter().enumerate() {
            if have.contains(&t.id) {
                continue;
            }
            // After the card before it in the target when it is there, else first in its table.
            let before = k
                .checked_sub(1)
                .map(|p| &target[p])
                .filter(|p| p.table == t.table)
                .and_then(|p| cur.iter().position(|c| c.id == p.id));
            let at = before.map_or_else(|| self.span_in(&cur, t.table).0, |p| p + 1);
            cur.insert(at, t.clone());
            out.push(Change::Insert {
                at,
                card: t.clone(),
            });
        }
        for (i, t) in target.iter().enumerate() {
            if cur.get(i).is_some_and(|c| c.id == t.id) {
                continue;
            }
            let Some(from) = cur[i..].iter().position(|c| c.id == t.id).map(|j| i + j) else {
                continue;
            };
            let card = cur.remove(from);
            cur.insert(i, card);
            out.push(Change::Reorder {
                id: t.id,
                from,
                to: i,
            });
        }
        Change::batch(out)
    }

    /// Where the cards of document table `table` stand in `cards` (laid out as this board's).
    pub(super) fn span_in(&self, cards: &[Card], table: usize) -> (usize, usize) {
        let order = |t: usize| self.layout.tables.iter().position(|l| l.table == t);
        let rank = order(table).unwrap_or(usize::MAX);
        let lo = cards
            .iter()
            .position(|c| order(c.table).unwrap_or(usize::MAX) >= rank)
            .unwrap_or(cards.len());
        let hi = cards[lo..]
            .iter()
            .position(|c| c.table != table)
            .map_or(cards.len(), |p| lo + p);
        (lo, hi)
    }

    /// Replays this board's changes after its first `from` onto `onto` (a board of another
    /// text whose cards keep this board's ids), each as it now applies: an edit sets the cells it
    /// set, the cell's value before it being `onto`'s (so undoing it gives back what `onto` had,
    /// not what this board had); a card moved or added goes after the card it followed here; a
    /// change about a card `onto` lacks is dropped. `tables` maps this board's document tables
    /// to `onto`'s. Each change replayed is one step of `onto`'s history; false when this
    /// board's history cannot be walked back to `from`.
    pub fn rebase_onto(
        &self,
        from: usize,
        onto: &mut Board,
        tables: &HashMap<usize, usize>,
    ) -> bool {
        let done = &self.history.done;
        if from > done.len() {
            return false;
        }
        let mut old = self.clone();
        for change in done[from..].iter().rev() {
            if old.apply_raw(&change.inverse()).is_err() {
                return false;
            }
        }
        for change in &done[from..] {
            let mut replayed = Vec::new();
            for part in flatten(change) {
                if old.apply_raw(part).is_err() {
                    return false;
                }
                if let Some(t) = carry(&old, part, onto, tables)
                    && onto.apply_raw(&t).is_ok()
                {
                    replayed.push(t);
                }
            }
            if let Some(step) = Change::batch(replayed) {
                onto.history.done.push(step);
            }
        }
        onto.next_id = onto.next_id.max(self.next_id);
        true
    }

    /// Makes the cards `target` (see [`Board::changes_to`]), as part of the last change of the
    /// history when there is one, so that undoing it undoes this too; else as a change of its
    /// own.
    pub fn settle(&mut self, target: &[Card]) -> bool {
        let Some(change) = self.changes_to(target) else {
            return true;
        };
        if self.apply_raw(&change).is_err() {
            return false;
        }
        let step = match self.history.done.pop() {
            Some(last) => {
                let mut parts: Vec<Change> = flatten(&last).into_iter().cloned().collect();
                parts.extend(flatten(&change).into_iter().cloned());
                Change::Batch(parts)
            }
            None => change,
        };
        self.history.done.push(step);
        true
    }
}

/// The simple changes a change is made of, in order (nested batches opened).
fn flatten(change: &Change) -> Vec<&Change> {
    match change {
        Change::Batch(parts) => parts.iter().flat_map(flatten).collect(),
        one => vec![one],
    }
}

/// `part`, done on `old` (which now shows its result), as it applies to `onto`.
fn carry(
    old: &Board,
    part: &Change,
    onto: &Board,
    tables: &HashMap<usize, usize>,
) -> Option<Change> {
    // The card before `id` in its table on `old` (after the change).
    let before = |id: CardId| {
        let at = old.index_of(id)?;
        let prev = old.cards.get(at.checked_sub(1)?)?;
        (prev.table == old.cards[at].table).then_some(prev.id)
    };
    match part {
        Change::Edit { id, cells } => {
            let card = onto.card(*id)?;
            let edits: CellEdits = cells
                .iter()
                .filter_map(|e| {
                    let now = card.cells.get(e.col)?;
                    (*now != e.after).then(|| CellEdit {
                        col: e.col,
                        before: now.clone(),
                        after: e.after.clone(),
                    })
                })
                .collect();
            (!edits.is_empty()).then_some(Change::Edit {
                id: *id,
                cells: edits,
            })
        }
        Change::Reorder { id, .. } => {
            let from = onto.index_of(*id)?;
            let table = onto.cards[from].table;
            let to = match before(*id).and_then(|p| onto.index_of(p)) {
                Some(p) if p < from => p + 1,
                Some(p) => p,
                None => onto.table_span(table).0,
            };
            (to != from).then_some(Change::Reorder { id: *id, from, to })
        }
        Change::Insert { card, .. } => {
            if onto.card(card.id).is_some() {
                return None;
            }
            let table = *tables.get(&card.table)?;
            let at = before(card.id)
                .and_then(|p| onto.index_of(p))
                .map_or_else(|| onto.table_span(table).0, |p| p + 1);
            Some(Change::Insert {
                at,
                card: Card {
                    table,
                    ..card.clone()
                },
            })
        }
        Change::Remove { card, .. } => {
            let at = onto.index_of(card.id)?;
            Some(Change::Remove {
                at,
                card: onto.cards[at].clone(),
            })
        }
        Change::TableCell {
            table,
            row,
            col,
            before,
            after,
        } => {
            // The states table is the other board's states table; another table keeps its
            // place among the document's tables. The cell is the one at the same place that
            // still holds the value before, else the first of its column that does.
            let table = if Some(*table) == old.layout.states_table {
                onto.layout.states_table?
            } else {
                *table
            };
            if onto.layout.of_table(table).is_some() {
                return None;
            }
            let rows = onto.doc.tables.get(table)?.rows.len();
            let holds = |r: usize| r < rows && onto.table_cell(table, r, *col) == before;
            let row = if holds(*row) {
                *row
            } else {
                (0..rows).find(|&r| holds(r))?
            };
            Some(Change::TableCell {
                table,
                row,
                col: *col,
                before: before.clone(),
                after: after.clone(),
            })
        }
        Change::Batch(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    const DOC: &str = "| Name | State |\n| --- | --- |\n| A | x |\n| B | y |\n| C | x |\n";

    fn board(text: &str) -> Board {
        Board::detect(markdown::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn a_state_renamed_in_the_states_table_is_replayed_on_the_other_text() {
        let doc = format!(
            "{DOC}\n## States\n\n| State | Meaning |\n| --- | --- |\n| x | one |\n| y | two |\n"
        );
        let mut mine = board(&doc);
        let rename = mine.rename_state("x", "ex").unwrap().unwrap();
        mine.apply(rename).unwrap();
        // The other text has a new row above the states table's row of x, and B edited.
        let other = doc
            .replace("| x | one |", "| w | zero |\n| x | one |")
            .replace("| B | y |", "| B | w |");
        let onto_doc = markdown::parse(&other).unwrap();
        let layout =
            crate::board::layout::layout(&onto_doc, &crate::board::Choice::default()).unwrap();
        let mut onto = Board::with_ids(onto_doc, layout, vec![1, 2, 3]);
        assert!(mine.rebase_onto(0, &mut onto, &HashMap::from([(0, 0)])));
        let out = onto.export();
        assert!(out.contains("| ex | one |"), "{out}");
        assert!(out.contains("| w | zero |"), "{out}");
        assert!(
            out.contains("| A | ex |") && out.contains("| C | ex |"),
            "{out}"
        );
        assert!(out.contains("| B | w |"), "{out}");
        onto.undo().unwrap();
        assert_eq!(onto.export(), other, "one undo takes the rename back");
    }

    #[test]
    fn changes_to_reach_any_cards_and_undo_back() {
        let from = board(DOC);
        let mut target = from.cards.clone();
        target.swap(0, 2);
        target[1].cells[1] = "z".into();
        target.remove(0);
        target.push(Card {
            id: 9,
            table: from.cards[0].table,
            cells: vec!["D".into(), "x".into()],
        });
        let mut b = from.clone();
        let change = b.changes_to(&target).unwrap();
        b.apply(change).unwrap();
        assert_eq!(b.cards, target);
        b.undo().unwrap();
        assert_eq!(b.cards, from.cards);
        assert_eq!(from.changes_to(&from.cards), None);
    }

    #[test]
    fn an_edit_replayed_undoes_to_the_other_text() {
        let mut mine = board(DOC);
        let edit = mine.edit(2, &[(1, "done".into())]).unwrap();
        mine.apply(edit).unwrap();
        // The other text changed B's state too, and C's.
        let mut onto = Board::with_ids(
            markdown::parse(
                &DOC.replace("| B | y |", "| B | w |")
                    .replace("| C | x |", "| C | q |"),
            )
            .unwrap(),
            mine.layout.clone(),
            vec![1, 2, 3],
        );
        let tables = HashMap::from([(0, 0)]);
        assert!(mine.rebase_onto(0, &mut onto, &tables));
        assert_eq!(onto.history.done.len(), 1);
        assert_eq!(onto.cards[1].cells[1], "done");
        assert_eq!(onto.cards[2].cells[1], "q");
        onto.undo().unwrap();
        assert_eq!(
            onto.cards[1].cells[1], "w",
            "undo gives the other text's value back"
        );
    }

    #[test]
    fn moves_and_adds_land_after_the_card_they_followed() {
        let mut mine = board(DOC);
        // C up above B, then a card after A.
        let change = Change::Reorder {
            id: 3,
            from: 2,
            to: 1,
        };
        mine.apply(change).unwrap();
        let add = mine.insert(1, 0, vec!["N".into(), "x".into()]);
        mine.apply(add).unwrap();
        // The other text has a new first row.
        let other = DOC.replace("| A | x |", "| Z | y |\n| A | x |");
        let mut onto = Board::with_ids(
            markdown::parse(&other).unwrap(),
            mine.layout.clone(),
            vec![7, 1, 2, 3],
        );
        assert!(mine.rebase_onto(0, &mut onto, &HashMap::from([(0, 0)])));
        let names: Vec<&str> = onto.cards.iter().map(|c| c.cells[0].as_str()).collect();
        assert_eq!(names, ["Z", "A", "N", "C", "B"]);
        assert_eq!(onto.history.done.len(), 2);
    }
}
