//! The cells of tables that hold no cards (the states table): what changes made of them, and
//! their rows as export writes them.
//!
//! Cards own the rows of projects tables. Every other table keeps its rows as the snapshot has
//! them, but for the cells a [`Change::TableCell`] set: those tables are copied whole into
//! `Board::edited` at their first change, and dropped from it when they are back as they were.

use super::layout;
use super::{Board, BoardError, Change};
use crate::markdown::Rows;

impl Board {
    /// The raw text of a cell of a table that holds no cards, as the changes left it ("" when
    /// its row lacks the cell).
    pub fn table_cell(&self, table: usize, row: usize, col: usize) -> &str {
        match self.edited.get(&table) {
            Some(rows) => rows
                .get(row)
                .and_then(|r| r.get(col))
                .map_or("", String::as_str),
            None => self.doc.cell(table, row, col),
        }
    }

    /// A change that sets a cell of a table that holds no cards to `after` (raw text), or `None`
    /// when nothing would change, the table holds cards, or it has no such cell.
    pub fn edit_table_cell(
        &self,
        table: usize,
        row: usize,
        col: usize,
        after: String,
    ) -> Option<Change> {
        if self.layout.of_table(table).is_some() || !self.has_cell(table, row, col) {
            return None;
        }
        let before = self.table_cell(table, row, col).to_owned();
        (before != after).then_some(Change::TableCell {
            table,
            row,
            col,
            before,
            after,
        })
    }

    fn has_cell(&self, table: usize, row: usize, col: usize) -> bool {
        self.doc
            .tables
            .get(table)
            .is_some_and(|t| row < t.rows.len() && col < t.columns.len())
    }

    /// Applies a [`Change::TableCell`]: refused when the table holds cards, has no such cell, or
    /// the cell does not hold `before`.
    pub(super) fn apply_table_cell(
        &mut self,
        (table, row, col): (usize, usize, usize),
        before: &str,
        after: &str,
    ) -> Result<(), BoardError> {
        if self.layout.of_table(table).is_some() {
            return Err(BoardError::CardTable(table));
        }
        if !self.has_cell(table, row, col) || self.table_cell(table, row, col) != before {
            return Err(BoardError::Cell { table, row, col });
        }
        let doc = &self.doc;
        let rows = self.edited.entry(table).or_insert_with(|| {
            (0..doc.tables[table].rows.len())
                .map(|r| doc.cells(table, r))
                .collect()
        });
        after.clone_into(&mut rows[row][col]);
        let unchanged = rows
            .iter()
            .enumerate()
            .all(|(r, cells)| *cells == doc.cells(table, r));
        if unchanged {
            self.edited.remove(&table);
        }
        if Some(table) == self.layout.states_table && col == 0 {
            let n = self.doc.tables[table].rows.len();
            let states = layout::states_of((0..n).map(|r| self.table_cell(table, r, 0)));
            self.layout.states = states;
        }
        Ok(())
    }

    /// The rows of every table whose cells changed, as [`crate::markdown::Document::render_tables`]
    /// takes them: each row from its own, so that only the changed cells are written anew.
    pub(super) fn edited_rows(&self) -> Vec<(usize, Rows<'_>)> {
        self.edited
            .iter()
            .map(|(&table, rows)| {
                let rows = rows
                    .iter()
                    .enumerate()
                    .map(|(r, cells)| (Some(r), cells.as_slice()))
                    .collect();
                (table, rows)
            })
            .collect()
    }
}
