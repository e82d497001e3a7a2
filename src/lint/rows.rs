//! Rows: two cards of one title, a row whose cells do not match its header, a row GitHub shows
//! as two.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::{Finding, Input, Level, Plainly, cell_position, position};
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
    // The first title of each hash of a key, with its line; titles whose hash an other title
    // has already (nearly never) by their key.
    let mut first: HashMap<u64, (Plainly<'_>, usize)> = HashMap::new();
    let mut shared: HashMap<String, usize> = HashMap::new();
    for tl in &input.layout.tables {
        let t = &doc.tables[tl.table];
        for row in 0..t.rows.len() {
            let raw = t
                .cell_range(&doc.text, row, tl.title)
                .map_or("", |r| &doc.text[r]);
            let title = Plainly::of(raw);
            let Some(hash) = title.key_hash() else {
                continue;
            };
            let line = t.rows[row].line;
            let earlier = match first.entry(hash) {
                Entry::Vacant(v) => {
                    v.insert((title, line));
                    continue;
                }
                Entry::Occupied(o) if o.get().0.same_key(title) => o.get().1,
                Entry::Occupied(_) => match shared.entry(super::key(raw)) {
                    Entry::Vacant(v) => {
                        v.insert(line);
                        continue;
                    }
                    Entry::Occupied(o) => *o.get(),
                },
            };
            if super::rules::is_section_row(doc, tl.table, row) {
                continue;
            }
            let (line, column) = cell_position(doc, tl.table, row, tl.title);
            findings.push(Finding {
                line,
                column,
                level: Level::Warning,
                rule: Cow::Borrowed("duplicate-title"),
                message: format!(
                    "another card is titled {:?} (line {earlier}); commands that name a card by \
                     its title cannot tell them apart",
                    title.shown(),
                ),
                suggestion: None,
                fix: None,
            });
        }
    }
}

/// Rows of a table mdboard reads (a projects table, the states table) with more or fewer cells
/// than its header. GitHub shows missing cells empty and drops the ones past the header, so
/// what was typed there is not seen, and a pipe left out shifts the cells after it.
fn cell_counts(input: &Input<'_>, findings: &mut Vec<Finding>) {
    let doc = input.doc;
    let tables = input
        .layout
        .tables
        .iter()
        .map(|tl| tl.table)
        .chain(input.layout.states_table);
    for table in tables {
        let t = &doc.tables[table];
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
                let (line, column) = cell_position(doc, table, r, want);
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
                rule: Cow::Borrowed("cell-count"),
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
                rule: Cow::Borrowed("broken-row"),
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
