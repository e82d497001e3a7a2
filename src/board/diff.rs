//! What a board changes compared with another board of the same document whose ids name the
//! same cards (its file, read and matched; or an earlier point of its own history): per card,
//! moved (from → to), added, removed, edited (which fields), reordered; and the states the
//! states table renamed. Grouped by state, in the board's order of columns.

use std::collections::{HashMap, HashSet};

use super::layout::{self, state_key};
use super::{Board, BoardError, Card, CardId, Change, History};

/// How far [`Board::same_as_at`] follows cards moved within the board: the indices they moved
/// across times the moves (beyond, a comparison of every card is as quick).
const REORDER_WORK: usize = 1 << 20;

/// Whether the cards moved by `changes` (none added or deleted) stand in the end where they
/// stood: the order followed over the indices they moved across; `None` when too many.
fn same_order(changes: &[&Change]) -> Option<bool> {
    let moves: Vec<(usize, usize)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Reorder { from, to, .. } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    let Some(lo) = moves.iter().map(|&(from, to)| from.min(to)).min() else {
        return Some(true);
    };
    let hi = moves
        .iter()
        .map(|&(from, to)| from.max(to))
        .max()
        .unwrap_or(lo);
    if (hi - lo + 1).saturating_mul(moves.len()) > REORDER_WORK {
        return None;
    }
    let mut order: Vec<usize> = (lo..=hi).collect();
    for (from, to) in moves {
        let card = order.remove(from - lo);
        order.insert(to - lo, card);
    }
    Some(order.into_iter().eq(lo..=hi))
}

/// What happened to a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    /// It is on both boards; what changed is in the other fields.
    Changed,
}

/// What changed for one card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardChange {
    pub id: CardId,
    pub kind: Kind,
    /// Its title as a reader sees it (now; a removed card's as it was).
    pub name: String,
    /// Its document ID, when its table has one.
    pub doc_id: Option<String>,
    /// The document table it stands in.
    pub table: usize,
    /// The column it stands in (a removed card's, the one it stood in).
    pub state: String,
    /// From the column it stood in to the one it stands in.
    pub moved: Option<(String, String)>,
    /// The header names of the other cells that changed, in the table's order.
    pub edited: Vec<String>,
    /// Its title before, when the title changed.
    pub renamed_from: Option<String>,
    /// Its row stands elsewhere among the rows of its table that are on both boards.
    pub reordered: bool,
}

impl CardChange {
    /// The card as the board shows it: its document ID before its title.
    pub fn display_name(&self) -> String {
        super::display_name(self.doc_id.as_deref(), &self.name)
    }
}

/// The cards that changed in one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateGroup {
    pub state: String,
    pub cards: Vec<CardChange>,
}

/// How many cards changed in each way (a card moved and edited counts in both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub moved: usize,
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub edited: usize,
    pub reordered: usize,
}

/// What a board changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The cards that changed, by column: the board's columns in order, then those only
    /// removed cards stood in.
    pub groups: Vec<StateGroup>,
    /// States the states table renamed.
    pub states: Vec<StateRename>,
}

/// A state the states table renamed, and the cards that moved with it (they are not listed as
/// moved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRename {
    /// As a reader names it, before and after.
    pub from: String,
    pub to: String,
    pub cards: usize,
    keys: (String, String),
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.states.is_empty()
    }

    pub fn counts(&self) -> Counts {
        let mut n = Counts::default();
        for card in self.groups.iter().flat_map(|g| &g.cards) {
            match card.kind {
                Kind::Added => n.added += 1,
                Kind::Removed => n.removed += 1,
                Kind::Changed => {}
            }
            n.moved += usize::from(card.moved.is_some());
            n.renamed += usize::from(card.renamed_from.is_some());
            n.edited += usize::from(!card.edited.is_empty());
            n.reordered += usize::from(card.reordered);
        }
        n
    }
}

impl Board {
    /// How many changes its history holds, done and undone: the points [`Board::at`] reaches.
    pub fn timeline_len(&self) -> usize {
        self.history.done.len() + self.history.undone.len()
    }

    /// Whether the board is as it stood at point `k` of its history (see [`Board::at`]), told
    /// from the changes between alone, without replaying them: cells set back and forth end
    /// where they started, cards moved back and forth stand where they stood, a card added or
    /// deleted (and not deleted or added back) differs. `None` when it cannot tell so: cards
    /// added and deleted again between, cards moved across too many others, or `k` past the
    /// history.
    pub fn same_as_at(&self, k: usize) -> Option<bool> {
        let done = &self.history.done;
        let between: Vec<&Change> = if k <= done.len() {
            done[k..].iter().collect()
        } else if k <= self.timeline_len() {
            // Ahead, among the changes undone: as they would be redone.
            self.history
                .undone
                .iter()
                .rev()
                .take(k - done.len())
                .collect()
        } else {
            return None;
        };
        // The changes between in order, batches opened.
        let mut flat: Vec<&Change> = Vec::new();
        let mut next: Vec<&Change> = between.into_iter().rev().collect();
        while let Some(change) = next.pop() {
            match change {
                Change::Batch(parts) => next.extend(parts.iter().rev()),
                other => flat.push(other),
            }
        }
        // A card there at one end and not at the other: added, or deleted.
        let mut there: HashMap<CardId, isize> = HashMap::new();
        for change in &flat {
            match change {
                Change::Insert { card, .. } => *there.entry(card.id).or_default() += 1,
                Change::Remove { card, .. } => *there.entry(card.id).or_default() -= 1,
                _ => {}
            }
        }
        if there.values().any(|&n| n != 0) {
            return Some(false);
        }
        if !there.is_empty() {
            // Added and deleted again, or deleted and added back: where is for replaying to say.
            return None;
        }
        if !same_order(&flat)? {
            return Some(false);
        }
        // Each cell changed between: its value at one end (the first change's `before`) and at
        // the other (the last one's `after`).
        let mut cells: HashMap<(CardId, usize), (&str, &str)> = HashMap::new();
        let mut table_cells: HashMap<(usize, usize, usize), (&str, &str)> = HashMap::new();
        for change in flat {
            match change {
                Change::Edit { id, cells: edits } => {
                    for e in edits {
                        cells
                            .entry((*id, e.col))
                            .and_modify(|ends| ends.1 = &e.after)
                            .or_insert((&e.before, &e.after));
                    }
                }
                Change::TableCell {
                    table,
                    row,
                    col,
                    before,
                    after,
                } => {
                    table_cells
                        .entry((*table, *row, *col))
                        .and_modify(|ends| ends.1 = after)
                        .or_insert((before, after));
                }
                Change::Reorder { .. }
                | Change::Batch(_)
                | Change::Insert { .. }
                | Change::Remove { .. } => {}
            }
        }
        Some(
            cells.values().all(|(start, end)| start == end)
                && table_cells.values().all(|(start, end)| start == end),
        )
    }

    /// The board as it stood after the first `k` changes of its history (0: its snapshot), the
    /// changes undone counting after those done, in the order they would be redone: the board
    /// as it was written, before undoing what was written, is one of these points.
    pub fn at(&self, k: usize) -> Result<Board, BoardError> {
        let mut layout = self.layout.clone();
        // The snapshot's states: changes of the states table are replayed like the rest.
        layout.states = layout
            .states_table
            .map(|t| {
                let rows = self.doc.tables[t].rows.len();
                layout::states_of((0..rows).map(|r| self.doc.cell(t, r, 0)))
            })
            .unwrap_or_default();
        let mut board = Self::with_ids(self.doc.clone(), layout, self.snapshot_ids.clone());
        let timeline = self
            .history
            .done
            .iter()
            .chain(self.history.undone.iter().rev());
        board.replay(History {
            done: timeline.take(k).cloned().collect(),
            undone: Vec::new(),
        })?;
        Ok(board)
    }

    /// What this board changes compared with `before`, a board of the same document whose
    /// ids name the same cards. Section rows are not cards, and are left out.
    pub fn changes_since(&self, before: &Board) -> Summary {
        let now = Columns::of(self);
        let then = Columns::of(before);
        let old: HashMap<CardId, usize> = before
            .cards
            .iter()
            .enumerate()
            .filter(|(_, c)| !before.is_section(c))
            .map(|(i, c)| (c.id, i))
            .collect();
        let reordered = self.reordered(&old);
        let mut states: Vec<StateRename> = before
            .layout
            .states
            .iter()
            .zip(&self.layout.states)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| StateRename {
                from: crate::markdown::plain(a),
                to: crate::markdown::plain(b),
                cards: 0,
                keys: (state_key(a), state_key(b)),
            })
            .collect();
        // Each with where it goes: its column's rank, then the cards of both boards in board
        // order, then the removed ones in their old order.
        let mut changed: Vec<((usize, bool, usize), CardChange)> = Vec::new();
        for (i, card) in self.cards.iter().enumerate() {
            let Some(state) = now.name(i) else { continue };
            let mut change = self.card_change(card, state, Kind::Added);
            if let Some(&j) = old.get(&card.id) {
                change.kind = Kind::Changed;
                self.compare(
                    &mut change,
                    card,
                    (&before.cards[j], then.name(j)),
                    &mut states,
                );
                change.reordered = reordered.binary_search(&card.id).is_ok();
                let same = change.moved.is_none()
                    && change.edited.is_empty()
                    && change.renamed_from.is_none()
                    && !change.reordered;
                if same {
                    continue;
                }
            }
            changed.push(((now.rank(i), false, i), change));
        }
        let ids: HashSet<CardId> = self.cards.iter().map(|c| c.id).collect();
        for (&id, &j) in &old {
            if ids.contains(&id) {
                continue;
            }
            let card = &before.cards[j];
            let state = then.name(j).unwrap_or_default();
            let rank = now
                .position(state)
                .unwrap_or(now.names.len() + then.rank(j));
            changed.push((
                (rank, true, j),
                before.card_change(card, state, Kind::Removed),
            ));
        }
        changed.sort_by_key(|(at, _)| *at);
        let mut groups: Vec<StateGroup> = Vec::new();
        for (_, change) in changed {
            match groups.last_mut() {
                Some(group) if group.state == change.state => group.cards.push(change),
                _ => groups.push(StateGroup {
                    state: change.state.clone(),
                    cards: vec![change],
                }),
            }
        }
        Summary { groups, states }
    }

    fn card_change(&self, card: &Card, state: &str, kind: Kind) -> CardChange {
        CardChange {
            id: card.id,
            kind,
            name: self.title(card),
            doc_id: self.doc_id(card),
            table: card.table,
            state: state.to_owned(),
            moved: None,
            edited: Vec::new(),
            renamed_from: None,
            reordered: false,
        }
    }

    /// Fills in what changed between a card as it was (`then`, in column `was`) and as it is
    /// (`card`); a move that a state's rename made is counted there instead.
    fn compare(
        &self,
        change: &mut CardChange,
        card: &Card,
        (then, was): (&Card, Option<&str>),
        state_renames: &mut [StateRename],
    ) {
        let state_col = self.state_col_of(card);
        let keys = (
            state_key(then.cells.get(state_col).map_or("", String::as_str)),
            state_key(self.state_raw(card)),
        );
        if keys.0 != keys.1 {
            match state_renames.iter_mut().find(|r| r.keys == keys) {
                Some(rename) => rename.cards += 1,
                None => {
                    change.moved = Some((was.unwrap_or_default().to_owned(), change.state.clone()));
                }
            }
        }
        let title_col = self.table_of(card).map_or(0, |t| t.title);
        let was_named =
            crate::markdown::plain(then.cells.get(title_col).map_or("", String::as_str));
        // A new title is said as such; a title cell changed otherwise (a link added) is an edit.
        let renamed = was_named != change.name;
        if renamed {
            change.renamed_from = Some(was_named);
        }
        let headers = self.headers_of(card);
        let width = card.cells.len().max(then.cells.len());
        change.edited = (0..width)
            .filter(|&col| col != state_col && !(renamed && col == title_col))
            .filter(|&col| card.cells.get(col) != then.cells.get(col))
            .map(|col| {
                headers
                    .get(col)
                    .cloned()
                    .unwrap_or_else(|| format!("#{col}"))
            })
            .collect();
    }

    /// The ids of the cards whose rows stand elsewhere among the rows of their table that are
    /// on both boards: those outside a longest run kept in order.
    fn reordered(&self, old: &HashMap<CardId, usize>) -> Vec<CardId> {
        let mut out = Vec::new();
        for t in &self.layout.tables {
            let both: Vec<(CardId, usize)> = self
                .cards
                .iter()
                .filter(|c| c.table == t.table && !self.is_section(c))
                .filter_map(|c| old.get(&c.id).map(|&j| (c.id, j)))
                .collect();
            let positions: Vec<usize> = both.iter().map(|&(_, j)| j).collect();
            let kept = crate::merge::order::kept_order(&positions);
            out.extend(
                both.iter()
                    .zip(kept)
                    .filter(|&(_, kept)| !kept)
                    .map(|(&(id, _), _)| id),
            );
        }
        out.sort_unstable();
        out
    }
}

/// The column each card stands in, and the columns' order.
struct Columns {
    names: Vec<String>,
    of_card: Vec<Option<usize>>,
}

impl Columns {
    fn of(board: &Board) -> Self {
        let columns = board.columns();
        let mut of_card = vec![None; board.cards.len()];
        for (c, column) in columns.iter().enumerate() {
            for &i in &column.cards {
                of_card[i] = Some(c);
            }
        }
        Self {
            names: columns.into_iter().map(|c| c.name).collect(),
            of_card,
        }
    }

    /// The column of card `i` (`None` for a section row).
    fn name(&self, i: usize) -> Option<&str> {
        self.of_card[i].map(|c| self.names[c].as_str())
    }

    fn rank(&self, i: usize) -> usize {
        self.of_card[i].unwrap_or(usize::MAX)
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}
