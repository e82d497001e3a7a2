//! Rows: two cards of one title, a row whose cells do not match its header, a row GitHub shows
//! as two.

use std::collections::HashMap;

use super::{Finding, Input, Level, cell_position, position};
use crate::board::layout::{is_section, state_key};
use crate::markdown::Document;

pub fn check(input: &Input<'_>, findings: &mut Vec<Finding>) {
    duplicate_titles(input, findings);
    cell_counts(input, findings);
    broken_rows(input.doc, findings);
}

/// A title a card already has: `move`, `set` and the board's search name cards by title, and
/// readers take two rows of one name for one project.
fn duplicate_titles(input: &Input<'_>, findings: &mut Vec<Finding>) {
    let doc = input.doc;
    let mut first: HashMap<String, usize> = HashMap::new();
    for tl in &input.layout.tables {
        let t = &doc.tables[tl.table];
        for row in 0..t.rows.len() {
            let Some(range) = t.cell_range(&doc.text, row, tl.title) else {
                continue;
            };
            let raw = &doc.text[range];
            if raw.is_empty() {
                continue;
            }
            let key = state_key(raw);
            if key.is_empty() {
                continue;
            }
            let line = t.rows[row].line;
            let Some(&earlier) = first.get(&key) else {
                first.insert(key, line);
                continue;
            };
            if is_section_row(doc, tl.table, row) {
                continue;
            }
            let (line, column) = cell_position(doc, tl.table, row, tl.title);
            findings.push(Finding {
                line,
                column,
                level: Level::Warning,
                rule: "duplicate-title".to_owned(),
                message: format!(
                    "another card is titled {:?} (line {earlier}); commands that name a card by \
                     its title cannot tell them apart",
                    crate::markdown::plain(raw)
                ),
                suggestion: None,
                fix: None,
            });
        }
    }
}

/// A row that only labels a section of the table (`**Auth**` and empty cells): not a card.
fn is_section_row(doc: &Document, table: usize, row: usize) -> bool {
    let t = &doc.tables[table];
    let cells: Vec<String> = (0..t.rows[row].cells.len())
        .map(|c| {
            t.cell_range(&doc.text, row, c)
                .map_or_else(String::new, |r| doc.text[r].to_owned())
        })
        .collect();
    is_section(&cells)
}

/// Rows of a projects table with more or fewer cells than its header. GitHub shows missing
/// cells empty and drops the ones past the header, so what was typed there is not seen.
fn cell_counts(input: &Input<'_>, findings: &mut Vec<Finding>) {
    let doc = input.doc;
    for tl in &input.layout.tables {
        let t = &doc.tables[tl.table];
        let want = t.columns.len();
        for (r, row) in t.rows.iter().enumerate() {
            let has = row.cells.len();
            if has == want {
                continue;
            }
            let (line, column, message) = if has < want {
                let (line, column) = position(&doc.text, row, row.span.end);
                let message = format!(
                    "row has {has} cell{}, its header {want}: GitHub shows the missing ones empty",
                    plural(has)
                );
                (line, column, message)
            } else {
                let (line, column) = cell_position(doc, tl.table, r, want);
                let message = format!(
                    "row has {has} cells, its header {want}: GitHub does not show the {} past \
                     the header",
                    if has - want == 1 {
                        "cell".to_owned()
                    } else {
                        format!("{} cells", has - want)
                    }
                );
                (line, column, message)
            };
            findings.push(Finding {
                line,
                column,
                level: Level::Warning,
                rule: "cell-count".to_owned(),
                message,
                suggestion: None,
                fix: None,
            });
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Rows read across lines, in any table: mdboard reads one card, GitHub two rows.
fn broken_rows(doc: &Document, findings: &mut Vec<Finding>) {
    for t in &doc.tables {
        for row in &t.rows {
            if row.continued.is_none() {
                continue;
            }
            let text = &doc.text[row.span.clone()];
            // The continuation's first pipe: past the first line break and the indentation.
            let at = text
                .find(['\n', '\r'])
                .and_then(|nl| text[nl..].find('|').map(|p| nl + p))
                .map_or(row.span.end, |p| row.span.start + p);
            let (line, column) = position(&doc.text, row, at);
            findings.push(Finding {
                line,
                column,
                level: Level::Warning,
                rule: "broken-row".to_owned(),
                message: format!(
                    "this line carries on the row of line {}, but GitHub shows it as a row of \
                     its own: join it to the line before",
                    row.line
                ),
                suggestion: None,
                fix: None,
            });
        }
    }
}
