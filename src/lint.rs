//! Checks of a project list, pure: a parsed document, its layout and its rules in, findings
//! with line, column, level and rule out.
//!
//! The built-in checks are what GitHub shows differently from what the writer meant (a row
//! read across lines, cells past the header, a link to a file that is not there) and what the
//! board reads loosely (a state missing from the states table, one state spelled several ways,
//! two cards of one title). A document's own rules come from its settings ([`rules::Rule`]).
//! The only question asked of the world, whether a file exists, goes through a function the
//! caller passes in.

pub mod links;
pub mod report;
mod rows;
pub mod rules;
mod states;

use std::path::Path;

use crate::board::layout::Layout;
use crate::markdown::{Document, Row};

pub use links::Places;
pub use rules::{Level, Require, Rule};

/// One thing a check found, where it stands in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub level: Level,
    /// The check's name: a built-in one (`unknown-state`) or a rule's.
    pub rule: String,
    pub message: String,
    /// What it most likely should be, when there is a good guess.
    pub suggestion: Option<String>,
    /// A change of one cell that certainly fixes it, for `--fix`.
    pub fix: Option<Fix>,
}

/// A cell's new raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Index into the document's tables.
    pub table: usize,
    pub row: usize,
    pub col: usize,
    pub raw: String,
}

/// What a lint looks at.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
    pub rules: &'a [Rule],
    /// Where relative links lead; `None` leaves them unchecked (the bundled list, which is no
    /// file, has no folder for them to lead from).
    pub places: Option<&'a Places>,
}

/// Every finding of the document, sorted by line, then column, then rule. `exists` says
/// whether a path a link leads to exists; it is asked once per path.
pub fn check(input: &Input<'_>, exists: &mut dyn FnMut(&Path) -> bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    states::check(input, &mut findings);
    rows::check(input, &mut findings);
    rules::check(input, &mut findings);
    if let Some(places) = input.places {
        links::check(input.doc, places, exists, &mut findings);
    }
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.rule, &a.message).cmp(&(b.line, b.column, &b.rule, &b.message))
    });
    findings
}

/// The document with every fix of `findings` made, only the fixed cells' bytes changed;
/// `None` when there is nothing to fix.
pub fn fixed(doc: &Document, findings: &[Finding]) -> Option<String> {
    let mut fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    if fixes.is_empty() {
        return None;
    }
    fixes.sort_by_key(|f| (f.table, f.row, f.col));
    let mut tables: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    for fix in fixes {
        if tables.last().is_none_or(|(t, _)| *t != fix.table) {
            tables.push((fix.table, raw_rows(doc, fix.table)));
        }
        if let Some(cell) = tables
            .last_mut()
            .and_then(|(_, rows)| rows.get_mut(fix.row))
            .and_then(|cells| cells.get_mut(fix.col))
        {
            cell.clone_from(&fix.raw);
        }
    }
    let changed = tables
        .iter()
        .map(|(t, rows)| {
            let rows = rows
                .iter()
                .enumerate()
                .map(|(r, cells)| (Some(r), cells.as_slice()))
                .collect();
            (*t, rows)
        })
        .collect();
    Some(doc.render_tables(changed))
}

/// Every row's cells as written (trimmed), as many as the row has: written back unchanged,
/// they keep every byte.
fn raw_rows(doc: &Document, table: usize) -> Vec<Vec<String>> {
    let t = &doc.tables[table];
    (0..t.rows.len())
        .map(|r| {
            (0..t.rows[r].cells.len())
                .map(|c| t.cell_range(&doc.text, r, c).map_or("", |x| &doc.text[x]))
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// The 1-based line and column (in characters) of byte `at` of a row that starts at
/// `row.prefix.start`; a row read across lines counts its line breaks.
fn position(text: &str, row: &Row, at: usize) -> (usize, usize) {
    let start = row.prefix.start.min(at);
    let before = &text.as_bytes()[start..at];
    let mut line = row.line;
    let mut line_start = start;
    for (i, &b) in before.iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n'));
        if ends {
            line += 1;
            line_start = start + i + 1;
        }
    }
    let shown = text[line_start..at].trim_start_matches('\u{feff}');
    (line, shown.chars().count() + 1)
}

/// Where cell `col` of row `row` of table `table` starts (its trimmed text), or where the row
/// ends when it lacks the cell.
fn cell_position(doc: &Document, table: usize, row: usize, col: usize) -> (usize, usize) {
    let t = &doc.tables[table];
    let r = &t.rows[row];
    let at = t
        .cell_range(&doc.text, row, col)
        .map_or(r.span.end, |c| c.start);
    position(&doc.text, r, at)
}

#[cfg(test)]
mod tests;
