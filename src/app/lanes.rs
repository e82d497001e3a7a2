//! Lanes: the board in bands, one per value of a column (a Community Group, an owner) or per
//! table or section, each band with its cards in every state. `s` cycles what the lanes are by,
//! `Z` collapses or expands the lane of the focused card, `S` moves cards to another lane.
//!
//! A column's cards are its cards sorted by lane (board order within a lane), so the focus moves
//! through lanes as through cards: `j` past a lane's last card goes to the next lane. The bands
//! line up across columns; each lane shows at most a few cards per column at once
//! ([`App::lane_slots`]), and the one with the focus scrolls within itself.

use std::collections::HashMap;

use super::layout;
use super::{App, Effect, Focus, Mode};
use crate::action::Action;
use crate::board::layout::{header_key, state_key};
use crate::board::{Board, CardId, Change, Group};
use crate::markdown::{self, inline};
use crate::store::LaneBy;

/// The most values a column may have to make lanes.
pub const MAX_LANES: usize = 12;

/// One lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// What it is kept by (its value's key, or its table's or section's name).
    pub key: String,
    /// What its label says.
    pub label: String,
}

/// The board's lanes and how the columns' cards fall into them.
#[derive(Debug, Clone)]
pub struct Lanes {
    pub by: LaneBy,
    /// The field the lanes are by (an index into `Board::field_names`), for a column grouping.
    pub field: Option<usize>,
    pub lanes: Vec<Lane>,
    /// Each card's lane, by card index (section rows too).
    pub of_card: Vec<usize>,
    /// Per column: its cards shown, lane by lane.
    pub columns: Vec<Vec<usize>>,
    /// Per column: where each lane's run of cards starts in `columns` (one more than lanes:
    /// lane `l` is `bounds[l]..bounds[l + 1]`).
    pub bounds: Vec<Vec<usize>>,
}

impl Lanes {
    /// The lanes of `board` by `by`; `None` when `by` names no column with few enough values.
    pub fn build(board: &Board, by: &LaneBy) -> Option<Self> {
        match by {
            LaneBy::Field(name) => {
                let key = header_key(name);
                let field = board
                    .field_names()
                    .iter()
                    .position(|n| header_key(n) == key)?;
                let (lanes, of_card) = by_field(board, field)?;
                Some(Self::of(by.clone(), Some(field), lanes, of_card))
            }
            LaneBy::Table => {
                let (lanes, of_card) = by_group(board);
                Some(Self::of(by.clone(), None, lanes, of_card))
            }
            LaneBy::Off => None,
        }
    }

    fn of(by: LaneBy, field: Option<usize>, lanes: Vec<Lane>, of_card: Vec<usize>) -> Self {
        Self {
            by,
            field,
            lanes,
            of_card,
            columns: Vec::new(),
            bounds: Vec::new(),
        }
    }

    /// Sorts each column's cards (`shown`, in board order) into lanes.
    pub fn arrange(&mut self, shown: &[&[usize]]) {
        let n = self.lanes.len();
        self.columns.clear();
        self.bounds.clear();
        for cards in shown {
            // A counting sort: stable, so board order holds within a lane.
            let mut counts = vec![0usize; n + 1];
            for &i in *cards {
                counts[self.of_card[i] + 1] += 1;
            }
            for l in 0..n {
                counts[l + 1] += counts[l];
            }
            let bounds = counts.clone();
            let mut sorted = vec![0usize; cards.len()];
            for &i in *cards {
                let l = self.of_card[i];
                sorted[counts[l]] = i;
                counts[l] += 1;
            }
            self.columns.push(sorted);
            self.bounds.push(bounds);
        }
    }

    /// The lane of the card at `row` of column `col`.
    pub fn lane_at(&self, col: usize, row: usize) -> Option<usize> {
        let &i = self.columns.get(col)?.get(row)?;
        self.of_card.get(i).copied()
    }

    /// The cards of lane `lane` in column `col`: a range of rows of that column.
    pub fn run(&self, col: usize, lane: usize) -> std::ops::Range<usize> {
        self.bounds
            .get(col)
            .and_then(|b| Some(*b.get(lane)?..*b.get(lane + 1)?))
            .unwrap_or(0..0)
    }
}

/// The lane of cards without a value, while the lanes are read.
const EMPTY: usize = usize::MAX;

/// Lanes by the values of a field: in the order values are first met, the lane of cards
/// without one last. `None` when it has more than [`MAX_LANES`] values, or none.
fn by_field(board: &Board, field: usize) -> Option<(Vec<Lane>, Vec<usize>)> {
    let mut lanes: Vec<Lane> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Cards share a handful of values: each spelling is read once.
    let mut by_raw: HashMap<&str, usize> = HashMap::new();
    let mut of_card = Vec::with_capacity(board.cards.len());
    for card in &board.cards {
        let raw = board.field_cell(card, field).unwrap_or("");
        let lane = if let Some(&l) = by_raw.get(raw) {
            l
        } else {
            let key = state_key(raw);
            let l = if key.is_empty() {
                EMPTY
            } else if let Some(&l) = index.get(&key) {
                l
            } else {
                if lanes.len() == MAX_LANES {
                    return None;
                }
                let label = inline::render(raw, &board.doc.links).text();
                lanes.push(Lane {
                    key: key.clone(),
                    label: label.replace('\n', " "),
                });
                index.insert(key, lanes.len() - 1);
                lanes.len() - 1
            };
            by_raw.insert(raw, l);
            l
        };
        of_card.push(lane);
    }
    if lanes.is_empty() {
        return None;
    }
    let empty = lanes.len();
    lanes.push(Lane {
        key: String::new(),
        label: format!("No {}", board.field_names()[field]),
    });
    for l in &mut of_card {
        if *l == EMPTY {
            *l = empty;
        }
    }
    Some((lanes, of_card))
}

/// Lanes by table, or by section in a table that has them, in board order.
fn by_group(board: &Board) -> (Vec<Lane>, Vec<usize>) {
    let mut lanes: Vec<Lane> = Vec::new();
    let mut index: HashMap<Group, usize> = HashMap::new();
    let mut of_card = Vec::with_capacity(board.cards.len());
    for group in board.groups() {
        let lane = *index.entry(group).or_insert_with(|| {
            let label = board.group_label(group).unwrap_or_else(|| match group {
                Group::Table(t) => board.doc.tables[t]
                    .heading
                    .clone()
                    .unwrap_or_else(|| "The table".to_owned()),
                Group::Section(_) => String::new(),
            });
            lanes.push(Lane {
                key: label.to_lowercase(),
                label,
            });
            lanes.len() - 1
        });
        of_card.push(lane);
    }
    (lanes, of_card)
}

/// The fields lanes can be by, in board order: not a title or the status, and at most
/// [`MAX_LANES`] values.
pub fn lane_fields(board: &Board) -> Vec<usize> {
    let titles: Vec<usize> = board
        .layout
        .tables
        .iter()
        .filter_map(|t| board.fields.field(t.table, t.title))
        .collect();
    (0..board.field_names().len())
        .filter(|&f| f != board.field_state() && !titles.contains(&f))
        .filter(|&f| by_field(board, f).is_some())
        .collect()
}

/// One lane as drawn: where its label row stands and how many card slots it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub lane: usize,
    /// Rows from the top of the columns' inside to the lane's label row.
    pub top: u16,
    /// Card slots below the label (none when collapsed).
    pub slots: usize,
    pub collapsed: bool,
}

impl App {
    /// Whether the board is in lanes.
    pub fn lanes_on(&self) -> bool {
        self.lanes.is_some()
    }

    /// What the lanes are by, as the board keeps it (the settings' default until `s` is used).
    fn lane_choice(&self) -> LaneBy {
        if let Some(by) = &self.stored.view.lanes {
            return by.clone();
        }
        match self.stored.settings.lanes.as_deref() {
            Some(name) if name.eq_ignore_ascii_case("table") => LaneBy::Table,
            Some(name) => LaneBy::Field(name.to_owned()),
            None => LaneBy::Off,
        }
    }

    /// Builds the lanes the board is kept with (after opening, or a change).
    pub(super) fn build_lanes(&mut self) {
        self.lanes = Lanes::build(&self.stored.board, &self.lane_choice());
        self.arrange();
    }

    /// Sorts the columns' cards into lanes, from what they show (a filter applied).
    pub(super) fn arrange(&mut self) {
        let Some(mut lanes) = self.lanes.take() else {
            return;
        };
        if lanes.of_card.len() != self.stored.board.cards.len() {
            // Cards were added or deleted: read the lanes again.
            self.build_lanes_only();
            let Some(l) = self.lanes.take() else { return };
            lanes = l;
        }
        let shown: Vec<&[usize]> = (0..self.columns.len()).map(|c| self.base(c)).collect();
        lanes.arrange(&shown);
        self.lanes = Some(lanes);
    }

    /// The lanes read again, not yet sorted (the view they are sorted by comes after).
    pub(super) fn build_lanes_only(&mut self) {
        self.lanes = Lanes::build(&self.stored.board, &self.lane_choice());
    }

    /// After a change: the lanes read again unless it only edited cells other than the lane
    /// column's (lanes by table are read again whatever the change: a row may have become a
    /// section, or stopped being one).
    pub(super) fn lanes_after(&mut self, applied: &Change) {
        let Some(lanes) = &self.lanes else { return };
        let board = &self.stored.board;
        let keeps = lanes.field.is_some_and(|field| {
            applied.parts().iter().all(|p| match p {
                Change::Edit { id, cells } => board
                    .card(*id)
                    .is_some_and(|card| cells.iter().all(|e| board.field_of(card, e.col) != field)),
                _ => false,
            })
        });
        if !keeps {
            self.build_lanes_only();
        }
    }

    /// `s`: the next grouping: none, each column that can make lanes, then tables or sections
    /// (when the board has several or has sections), then none again.
    pub(super) fn cycle_lanes(&mut self) -> Effect {
        let board = &self.stored.board;
        let mut choices: Vec<LaneBy> = vec![LaneBy::Off];
        choices.extend(
            lane_fields(board)
                .into_iter()
                .map(|f| LaneBy::Field(board.field_names()[f].clone())),
        );
        if board.grouped(&self.groups) {
            choices.push(LaneBy::Table);
        }
        let now = match &self.lanes {
            Some(l) => l.by.clone(),
            None => LaneBy::Off,
        };
        let at = choices
            .iter()
            .position(|c| match (c, &now) {
                (LaneBy::Field(a), LaneBy::Field(b)) => header_key(a) == header_key(b),
                (a, b) => a == b,
            })
            .unwrap_or(0);
        let next = choices[(at + 1) % choices.len()].clone();
        let focused = self.focused_card_id();
        self.stored.view.lanes = Some(next.clone());
        self.stored.view.collapsed_lanes.clear();
        self.lane_offset = 0;
        self.build_lanes();
        if let Some(id) = focused {
            self.focus_card(id);
        }
        self.say(match &next {
            LaneBy::Off => "lanes off".to_owned(),
            LaneBy::Field(name) => format!("lanes by {name} (s: next)"),
            LaneBy::Table => "lanes by table and section (s: next)".to_owned(),
        });
        if choices.len() == 1 {
            self.say("no column has few enough values for lanes");
        }
        Effect::Save
    }

    /// The lane of the focused card.
    pub fn focused_lane(&self) -> Option<usize> {
        self.lanes.as_ref()?.lane_at(self.focus.col, self.focus.row)
    }

    /// Whether lane `lane` is collapsed.
    pub fn lane_collapsed(&self, lane: usize) -> bool {
        self.lanes.as_ref().is_some_and(|l| {
            l.lanes
                .get(lane)
                .is_some_and(|lane| self.stored.view.collapsed_lanes.contains(&lane.key))
        })
    }

    /// `Z`: collapses the focused card's lane, or expands it.
    pub(super) fn toggle_lane(&mut self) -> Option<Effect> {
        let lane = self.focused_lane()?;
        self.toggle_lane_at(lane)
    }

    /// Collapses lane `lane`, or expands it.
    pub fn toggle_lane_at(&mut self, lane: usize) -> Option<Effect> {
        let lanes = self.lanes.as_ref()?;
        let key = lanes.lanes.get(lane)?.key.clone();
        let label = lanes.lanes[lane].label.clone();
        let collapsed = &mut self.stored.view.collapsed_lanes;
        if let Some(at) = collapsed.iter().position(|k| *k == key) {
            collapsed.remove(at);
            self.say(format!("lane “{label}” expanded"));
        } else {
            collapsed.push(key);
            self.say(format!("lane “{label}” collapsed (Z expands it)"));
        }
        Some(Effect::Save)
    }

    /// Cards a lane of the focused column shows at once.
    pub fn lane_slots(&self) -> usize {
        let rows = layout::board_height(self.viewport.1).saturating_sub(3);
        usize::from((rows / layout::card_height(self.viewport.1) / 2).max(1))
    }

    /// The lanes drawn from `lane_offset` in `rows` rows inside the columns' borders, with the
    /// columns `visible` on screen.
    pub fn bands(&self, rows: u16, visible: &[usize]) -> Vec<Band> {
        let Some(lanes) = &self.lanes else {
            return Vec::new();
        };
        let height = layout::card_height(self.viewport.1);
        let cap = self.lane_slots();
        let mut out = Vec::new();
        let mut top: u16 = 0;
        for lane in self.lane_offset..lanes.lanes.len() {
            if top >= rows {
                break;
            }
            let most = visible
                .iter()
                .map(|&c| lanes.run(c, lane).len())
                .max()
                .unwrap_or(0);
            if most == 0 {
                continue;
            }
            let collapsed = self.lane_collapsed(lane);
            let slots = if collapsed { 0 } else { most.min(cap) };
            out.push(Band {
                lane,
                top,
                slots,
                collapsed,
            });
            let slots = u16::try_from(slots).unwrap_or(u16::MAX);
            top = top.saturating_add(1 + slots.saturating_mul(height));
        }
        out
    }

    /// The first row of lane `lane`'s run in column `col` that is drawn: the focused run
    /// scrolls so that the focus is in view.
    pub fn run_offset(&self, col: usize, lane: usize, slots: usize) -> usize {
        let Some(lanes) = &self.lanes else { return 0 };
        let run = lanes.run(col, lane);
        if col != self.focus.col || !run.contains(&self.focus.row) {
            return 0;
        }
        (self.focus.row - run.start + 1).saturating_sub(slots)
    }

    /// Keeps the focused card's lane on screen.
    pub(super) fn lanes_into_view(&mut self, visible: &[usize]) {
        let Some(lane) = self.focused_lane() else {
            return;
        };
        if lane < self.lane_offset {
            self.lane_offset = lane;
            return;
        }
        let rows = layout::board_height(self.viewport.1).saturating_sub(2);
        let height = layout::card_height(self.viewport.1);
        loop {
            let bands = self.bands(rows, visible);
            let fits = bands.iter().find(|b| b.lane == lane).is_some_and(|b| {
                let slots = u16::try_from(b.slots).unwrap_or(u16::MAX);
                b.top + 1 + slots * height <= rows
            });
            if fits || self.lane_offset >= lane {
                break;
            }
            self.lane_offset += 1;
        }
    }

    /// `j`/`k` with lanes: a collapsed lane is one stop, on its first card.
    pub(super) fn step_lane_row(&mut self, delta: isize) {
        let Some(lanes) = &self.lanes else { return };
        let col = self.focus.col;
        let rows = lanes.columns.get(col).map_or(0, Vec::len);
        if rows == 0 {
            return;
        }
        let mut row = self.focus.row.min(rows - 1);
        if let Some(lane) = lanes.lane_at(col, row).filter(|&l| self.lane_collapsed(l)) {
            let run = lanes.run(col, lane);
            row = if delta > 0 {
                run.end.saturating_sub(1)
            } else {
                run.start
            };
        }
        let Some(next) = row.checked_add_signed(delta).filter(|&r| r < rows) else {
            return;
        };
        let next = match lanes.lane_at(col, next) {
            Some(lane) if self.lane_collapsed(lane) => lanes.run(col, lane).start,
            _ => next,
        };
        self.focus.row = next;
    }

    /// `h`/`l` with lanes: the same lane in the next column, else the nearest lane it has.
    pub(super) fn lane_row_in(&self, col: usize) -> Option<usize> {
        let lanes = self.lanes.as_ref()?;
        let lane = self.focused_lane().or_else(|| {
            // An empty spot of a column: the lane of the nearest card above.
            lanes.lane_at(self.focus.col, self.focus.row.saturating_sub(1))
        })?;
        let n = lanes.lanes.len();
        let here = lanes.run(self.focus.col, lane);
        let depth = self.focus.row.saturating_sub(here.start);
        (lane..n)
            .chain((0..lane).rev())
            .map(|l| lanes.run(col, l))
            .find(|r| !r.is_empty())
            .map(|r| (r.start + depth).min(r.end - 1))
    }

    /// `S`: the lanes to move the focused (or marked) cards to.
    pub(super) fn open_lane_picker(&mut self) {
        let Some(lanes) = &self.lanes else {
            self.say("the board is not in lanes (s puts it in lanes)");
            return;
        };
        if lanes.field.is_none() {
            self.say("lanes by table: a card cannot change its table (m moves it to a state)");
            return;
        }
        if self.targets().is_empty() {
            return;
        }
        let selected = self.focused_lane().unwrap_or(0);
        self.mode = Mode::LanePicker { selected };
    }

    pub(super) fn on_lane_picker(&mut self, action: Action, selected: usize) -> Option<Effect> {
        let last = self
            .lanes
            .as_ref()
            .map_or(0, |l| l.lanes.len().saturating_sub(1));
        match action {
            Action::FocusUp => {
                self.mode = Mode::LanePicker {
                    selected: selected.saturating_sub(1),
                };
            }
            Action::FocusDown => {
                self.mode = Mode::LanePicker {
                    selected: (selected + 1).min(last),
                };
            }
            Action::Submit => return self.move_to_lane(selected),
            _ => {}
        }
        None
    }

    /// Sets the lane field of the cards `S` acts on to lane `lane`'s value, each as its table
    /// writes that value most.
    fn move_to_lane(&mut self, lane: usize) -> Option<Effect> {
        let ids = self.targets();
        let lanes = self.lanes.as_ref()?;
        let field = lanes.field?;
        let target = lanes.lanes.get(lane)?.clone();
        let board = &self.stored.board;
        let mut changes = Vec::new();
        let mut skipped = 0;
        let at = board.indices_of(&ids);
        let mut spellings: HashMap<usize, String> = HashMap::new();
        for id in &ids {
            let Some(card) = at.get(id).map(|&i| &board.cards[i]) else {
                continue;
            };
            let Some(col) = board.fields.column(card.table, field) else {
                skipped += 1;
                continue;
            };
            let raw = spellings
                .entry(card.table)
                .or_insert_with(|| lane_spelling(board, field, card.table, &target))
                .clone();
            changes.extend(Board::edit_of(card, &[(col, raw)]));
        }
        let n = changes.len();
        let focused = self.focused_card_id();
        let effect = self.commit(Change::batch(changes), focused);
        let skipped = match skipped {
            0 => String::new(),
            k => format!(" ({k} without that column)"),
        };
        match (effect.is_some(), n) {
            (true, 1) => self.say(format!("moved to lane “{}”{skipped}", target.label)),
            (true, n) => self.say(format!(
                "moved {n} cards to lane “{}”{skipped}",
                target.label
            )),
            _ => self.say(format!("already in lane “{}”{skipped}", target.label)),
        }
        effect
    }

    /// For a card added in lanes by a column: that column of document table `table`, and the
    /// focused lane's value as the form shows it (as that table spells it most).
    pub(super) fn lane_prefill(&self, table: usize) -> Option<(usize, String)> {
        let lanes = self.lanes.as_ref()?;
        let field = lanes.field?;
        let lane = lanes.lanes.get(self.focused_lane()?)?;
        if lane.key.is_empty() {
            return None;
        }
        let board = &self.stored.board;
        let col = board.fields.column(table, field)?;
        let raw = lane_spelling(board, field, table, lane);
        Some((col, markdown::decode(&raw)))
    }

    /// Puts the focus on the first card of lane `lane` in the focused column, else in the
    /// first column that has one.
    pub fn focus_lane(&mut self, lane: usize) -> bool {
        let Some(lanes) = &self.lanes else {
            return false;
        };
        let cols = std::iter::once(self.focus.col).chain(0..self.columns.len());
        for col in cols {
            let run = lanes.run(col, lane);
            if !run.is_empty() && !self.is_hidden(col) {
                self.focus = Focus {
                    col,
                    row: run.start,
                };
                return true;
            }
        }
        false
    }

    /// The card ids of a lane in every column, for tests and the view.
    pub fn lane_cards(&self, lane: usize) -> Vec<CardId> {
        let Some(lanes) = &self.lanes else {
            return Vec::new();
        };
        let board = &self.stored.board;
        (0..self.columns.len())
            .flat_map(|c| lanes.columns[c][lanes.run(c, lane)].iter())
            .map(|&i| board.cards[i].id)
            .collect()
    }
}

/// How a card of table `table` is to be written into lane `lane` of field `field`: the spelling
/// of that value its table uses most, else any table's, else empty for the lane of no value.
fn lane_spelling(board: &Board, field: usize, table: usize, lane: &Lane) -> String {
    if lane.key.is_empty() {
        return String::new();
    }
    let mut counts: Vec<(&str, usize, bool)> = Vec::new();
    for card in &board.cards {
        let Some(raw) = board.field_cell(card, field) else {
            continue;
        };
        if state_key(raw) != lane.key {
            continue;
        }
        let same = card.table == table;
        match counts.iter_mut().find(|(s, _, _)| *s == raw) {
            Some((_, n, t)) => {
                *n += 1;
                *t |= same;
            }
            None => counts.push((raw, 1, same)),
        }
    }
    // This table's spellings first, then the most used; the first met wins a tie.
    counts
        .iter()
        .rev()
        .max_by_key(|&&(_, n, same)| (same, n))
        .map_or_else(
            || markdown::encode(&lane.label),
            |(s, _, _)| (*s).to_owned(),
        )
}
