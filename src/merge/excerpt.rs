//! Documents made of a few rows of another, their bytes as they are: what the markdown writer
//! needs to patch one row, and what the layout needs to judge a long table by a sample of it.

use std::collections::HashMap;
use std::ops::Range;

use crate::markdown::{Document, Row, Table};

/// A document holding, of each table of `doc`, the rows `pick` names (in order), with their
/// prefixes and line terminators. The tables keep their columns and style.
pub fn excerpt(doc: &Document, pick: impl Fn(usize, &Table) -> Vec<usize>) -> Document {
    let mut text = String::new();
    let tables = doc
        .tables
        .iter()
        .enumerate()
        .map(|(t, table)| {
            let start = text.len();
            let rows = pick(t, table)
                .into_iter()
                .map(|r| {
                    let row = &table.rows[r];
                    let at = text.len();
                    text.push_str(&doc.text[row.prefix.start..row.term.end]);
                    moved(row, at, row.prefix.start)
                })
                .collect();
            Table {
                columns: table.columns.clone(),
                header_line: table.header_line,
                heading: table.heading.clone(),
                body: start..text.len(),
                rows,
                leading_pipe: table.leading_pipe,
                trailing_pipe: table.trailing_pipe,
                row_prefix: start..start,
                align: table.align.clone(),
                widths: table.widths.clone(),
                empty: table.empty.clone(),
            }
        })
        .collect();
    Document {
        text,
        eol: doc.eol,
        tables,
        projects: doc.projects,
        state_col: doc.state_col,
        states: Vec::new(),
        title: None,
        links: HashMap::new(),
    }
}

/// Row `row` of table `table` with `cells` in place of its cells, as the markdown writer patches
/// it: every byte kept but those of the cells that differ. The prefix is included, the line
/// terminator is not.
pub fn patch_row(doc: &Document, table: usize, row: usize, cells: &[String]) -> String {
    let ex = excerpt(doc, |t, _| if t == table { vec![row] } else { Vec::new() });
    let term = doc.tables[table].rows[row].term.len();
    let mut out = ex.render_tables(vec![(table, vec![(Some(0), cells)])]);
    out.truncate(out.len() - term);
    out
}

/// Rows spread evenly over each table, at most `most` of them.
pub fn sample(doc: &Document, most: usize) -> Document {
    excerpt(doc, |_, table| {
        let n = table.rows.len();
        let step = n.div_ceil(most.max(1)).max(1);
        (0..n).step_by(step).collect()
    })
}

fn moved(row: &Row, at: usize, from: usize) -> Row {
    let shift = |r: &Range<usize>| r.start - from + at..r.end - from + at;
    Row {
        prefix: shift(&row.prefix),
        span: shift(&row.span),
        term: shift(&row.term),
        cells: row.cells.iter().map(shift).collect(),
        line: row.line,
        continued: row.continued,
    }
}
