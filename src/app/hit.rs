//! What is at a cell of the screen: a card, a column's heading, a column's empty space.
//!
//! Built on the geometry the view draws with ([`layout::board_area`], [`layout::column_rects`],
//! [`layout::card_slot`]), so that a click lands on the card that is drawn there.

use ratatui::layout::{Position, Rect};

use super::{App, layout};

/// A place on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// A column's heading: its top border, or the whole of a collapsed strip.
    Heading(usize),
    /// The text of the card shown at `row` of column `col` (an index into what it shows).
    Card { col: usize, row: usize },
    /// Elsewhere in a column: its borders, a divider, the gap between cards, the space below
    /// them.
    Column(usize),
    /// The label row of lane `lane`, in column `col`.
    Lane { col: usize, lane: usize },
}

impl Spot {
    /// The column the spot is in.
    pub fn col(self) -> usize {
        match self {
            Self::Heading(col)
            | Self::Card { col, .. }
            | Self::Column(col)
            | Self::Lane { col, .. } => col,
        }
    }
}

impl App {
    /// The columns on screen and the rectangles they are drawn in, left to right.
    pub fn column_rects(&self) -> Vec<(usize, Rect)> {
        let (width, height) = self.viewport;
        if width < layout::MIN_WIDTH || height < layout::MIN_HEIGHT {
            return Vec::new();
        }
        layout::column_rects(
            &self.shapes(),
            self.col_offset,
            layout::board_area(width, height),
        )
    }

    /// What is drawn at column `x`, row `y` of the screen; `None` outside the columns (the title
    /// bar, the status line, the hints).
    pub fn spot_at(&self, x: u16, y: u16) -> Option<Spot> {
        let at = Position::new(x, y);
        let (col, rect) = self
            .column_rects()
            .into_iter()
            .find(|(_, r)| r.contains(at))?;
        if y == rect.y || self.is_collapsed(col) {
            return Some(Spot::Heading(col));
        }
        if let Some(lane) = self.lane_label_at(rect, y) {
            return Some(Spot::Lane { col, lane });
        }
        Some(
            self.slot_at(col, rect, y)
                .filter(|&(_, slot)| layout::card_text(slot).contains(at))
                .map_or(Spot::Column(col), |(row, _)| Spot::Card { col, row }),
        )
    }

    /// The row (an index into what column `col` shows) whose card slot, gap included, holds
    /// screen row `y`, and that slot; `None` above the first card and below the last.
    fn slot_at(&self, col: usize, rect: Rect, y: u16) -> Option<(usize, Rect)> {
        let inner = inner(rect);
        if self.lanes_on() {
            return self.lane_slot_at(col, inner, y);
        }
        let offset = self.row_offsets.get(col).copied().unwrap_or(0);
        let shown = self.shown(col).len().saturating_sub(offset);
        (0..self.page().min(shown))
            .map_while(|k| {
                layout::card_slot(inner, self.dividers(), k, self.viewport.1).map(|s| (k, s))
            })
            .find(|(_, slot)| slot.y <= y && y < slot.bottom())
            .map(|(k, slot)| (offset + k, slot))
    }

    /// The row a card dropped at screen row `y` of column `col` lands on: the card whose slot is
    /// there, else the first card shown (above them) or the last (below them).
    pub fn drop_row(&self, col: usize, y: u16) -> Option<usize> {
        let (_, rect) = self.column_rects().into_iter().find(|&(c, _)| c == col)?;
        let last = self.shown(col).len().checked_sub(1)?;
        let offset = self.row_offsets.get(col).copied().unwrap_or(0).min(last);
        if let Some((row, _)) = self.slot_at(col, rect, y) {
            return Some(row);
        }
        if self.lanes_on() {
            // Between a lane's cards or on its label: no place to reorder to.
            return None;
        }
        let first = layout::card_slot(inner(rect), self.dividers(), 0, self.viewport.1)?;
        Some(if y < first.y {
            offset
        } else {
            last.min(offset + self.page() - 1)
        })
    }
}

impl App {
    /// The columns on screen, left to right.
    fn visible_columns(&self) -> Vec<usize> {
        self.column_rects().into_iter().map(|(c, _)| c).collect()
    }

    /// The lane whose label row is screen row `y` of a column drawn in `rect`.
    fn lane_label_at(&self, rect: Rect, y: u16) -> Option<usize> {
        if !self.lanes_on() {
            return None;
        }
        let inner = inner(rect);
        self.bands(inner.height, &self.visible_columns())
            .into_iter()
            .find(|b| inner.y + b.top == y)
            .map(|b| b.lane)
    }

    /// In lanes: the row of column `col` whose card slot holds screen row `y`, and the slot.
    fn lane_slot_at(&self, col: usize, inner: Rect, y: u16) -> Option<(usize, Rect)> {
        let lanes = self.lanes.as_ref()?;
        let height = layout::card_height(self.viewport.1);
        for band in self.bands(inner.height, &self.visible_columns()) {
            let run = lanes.run(col, band.lane);
            let offset = self.run_offset(col, band.lane, band.slots);
            for k in 0..band.slots {
                let dy = u16::try_from(k).ok()?.checked_mul(height)?;
                let top = inner.y + band.top + 1 + dy;
                if top >= inner.bottom() {
                    return None;
                }
                let slot = Rect::new(inner.x, top, inner.width, height.min(inner.bottom() - top));
                let row = run.start + offset + k;
                if slot.y <= y && y < slot.bottom() && row < run.end {
                    return Some((row, slot));
                }
            }
        }
        None
    }
}

/// A column's rectangle inside its borders.
fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}
