//! Keeping the focus on screen.

use super::{App, layout};

impl App {
    /// Keeps the focused column and card on screen.
    pub fn scroll_into_view(&mut self) {
        if let Some(i) = self.focused_index() {
            self.last_table = Some(self.stored.board.cards[i].table);
        }
        let n = self.columns.len();
        self.row_offsets.resize(n, 0);
        self.focus.col = self.focus.col.min(n.saturating_sub(1));
        let width = self.viewport.0;
        let shapes = self.shapes();
        if self.focus.col < self.col_offset {
            self.col_offset = self.focus.col;
        }
        while self.col_offset < self.focus.col
            && !layout::fit(&shapes, self.col_offset, width)
                .iter()
                .any(|&(c, _)| c == self.focus.col)
        {
            self.col_offset += 1;
        }
        // After a resize there may be room to show columns on the left again.
        while self.col_offset > 0 {
            let wider = layout::fit(&shapes, self.col_offset - 1, width);
            if wider.last().map(|&(c, _)| c) == Some(n - 1)
                && wider.iter().any(|&(c, _)| c == self.focus.col)
            {
                self.col_offset -= 1;
            } else {
                break;
            }
        }
        if self.lanes_on() {
            let visible: Vec<usize> = layout::fit(&shapes, self.col_offset, width)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            self.lanes_into_view(&visible);
            return;
        }
        let page = self.page();
        for col in 0..n {
            let rows = self.shown(col).len();
            let mut off = self.row_offsets[col].min(rows.saturating_sub(page));
            if col == self.focus.col {
                if self.focus.row < off {
                    off = self.focus.row;
                } else if self.focus.row >= off + page {
                    off = self.focus.row + 1 - page;
                }
            }
            self.row_offsets[col] = off;
        }
    }
}
