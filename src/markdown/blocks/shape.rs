//! The block structure of a text, small enough to keep: which lines are which table's, and the
//! link reference definitions. A board keeps the shape of its snapshot, so that opening it again
//! reads the snapshot's tables without running the markdown parser over the whole text (the
//! parser is most of what opening a large board costs). The snapshot's bytes are checked against
//! their fingerprint before its shape is used; the shape is checked against the lines.

use serde::{Deserialize, Serialize};

use super::{Blocks, TableLine, TableLines};
use crate::markdown::Line;

/// Raised whenever what [`super::tables`] finds in a text may change: a shape kept by another
/// version is not used, and the text is parsed again.
const VERSION: u32 = 1;

/// Where the tables of one text are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    version: u32,
    /// The length in bytes of the text it is the shape of.
    len: usize,
    tables: Vec<TableShape>,
    links: Vec<(String, String)>,
}

/// One table: each line as (line index, offset of its content from the line's start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct TableShape {
    header: (usize, usize),
    delimiter: (usize, usize),
    /// Runs of rows on consecutive lines with the same offset: (first line, lines, offset).
    rows: Vec<(usize, usize, usize)>,
    heading: Option<String>,
}

impl Shape {
    /// The shape of what was found in a text of `len` bytes with `lines`.
    pub(in crate::markdown) fn of(blocks: &Blocks, lines: &[Line], len: usize) -> Self {
        let at = |l: TableLine| (l.index, l.content - lines[l.index].start);
        let tables = blocks
            .tables
            .iter()
            .map(|t| {
                let mut rows: Vec<(usize, usize, usize)> = Vec::new();
                for &row in &t.rows {
                    let (index, offset) = at(row);
                    match rows.last_mut() {
                        Some((first, n, o)) if *first + *n == index && *o == offset => *n += 1,
                        _ => rows.push((index, 1, offset)),
                    }
                }
                TableShape {
                    header: at(t.header),
                    delimiter: at(t.delimiter),
                    rows,
                    heading: t.heading.clone(),
                }
            })
            .collect();
        Self {
            version: VERSION,
            len,
            tables,
            links: blocks.links.clone(),
        }
    }

    /// What was found in `text` (with `lines`) when this is its shape; `None` when it cannot
    /// be: another version, another length, or a line or offset the text does not have.
    pub(in crate::markdown) fn blocks(&self, text: &str, lines: &[Line]) -> Option<Blocks> {
        if self.version != VERSION || self.len != text.len() {
            return None;
        }
        let line = |(index, offset): (usize, usize)| {
            let l = lines.get(index)?;
            let content = l.start.checked_add(offset)?;
            (content <= l.end && text.is_char_boundary(content))
                .then_some(TableLine { index, content })
        };
        let mut tables = Vec::with_capacity(self.tables.len());
        let mut last = None;
        for t in &self.tables {
            let header = line(t.header)?;
            let delimiter = line(t.delimiter)?;
            let mut rows = Vec::new();
            let mut previous = delimiter.index;
            for &(first, n, offset) in &t.rows {
                for index in first..first.checked_add(n)? {
                    // Rows follow their table's delimiter and one another, in order.
                    if index <= previous {
                        return None;
                    }
                    rows.push(line((index, offset))?);
                    previous = index;
                }
            }
            // Tables follow one another, each after the last line of the one before.
            if header.index >= delimiter.index || last.is_some_and(|l| header.index <= l) {
                return None;
            }
            last = Some(previous);
            tables.push(TableLines {
                header,
                delimiter,
                rows,
                heading: t.heading.clone(),
            });
        }
        Some(Blocks {
            tables,
            links: self.links.clone(),
        })
    }
}
