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

use std::borrow::Cow;
use std::path::Path;

use crate::board::layout::{Layout, state_key};
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
    pub rule: Cow<'static, str>,
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
pub fn check(input: &Input<'_>, exists: &(dyn Fn(&Path) -> bool + Sync)) -> Vec<Finding> {
    // Three groups of checks of about the same cost, on as many threads (the rules, when a
    // document has none, leave their thread to the states).
    let (mut findings, links, rules) = std::thread::scope(|s| {
        let links = s.spawn(|| {
            let mut found = Vec::new();
            if let Some(places) = input.places {
                links::check(input.doc, places, exists, &mut found);
            }
            found
        });
        let rules = s.spawn(|| {
            let mut found = Vec::new();
            rules::check(input, &mut found);
            states::check(input, &mut found);
            found
        });
        let mut findings = Vec::new();
        rows::check(input, &mut findings);
        let joined = |t: std::thread::ScopedJoinHandle<'_, Vec<Finding>>| {
            t.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        (findings, joined(links), joined(rules))
    });
    findings.extend(rules);
    findings.extend(links);
    // Each group found its rows in order: a few sorted runs, which a stable sort merges in
    // about linear time (an unstable one sorts them from scratch).
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

/// Whether a cell is plain ASCII words, whose [`state_key`] is its words in lower case.
fn is_plain(raw: &str) -> bool {
    raw.is_ascii()
        && !raw
            .bytes()
            .any(|b| matches!(b, b'[' | b']' | b'\\' | b'*' | b'_' | b'`' | b'<' | b'&'))
}

/// A cell as compared: [`state_key`], read straight off the cell when it is plain or a link
/// whose text is, as most are.
fn key(raw: &str) -> String {
    let Some(words) = plain_text(raw) else {
        return state_key(raw);
    };
    let mut out = String::with_capacity(words.len());
    for word in words.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

/// The text a cell shows when it is plain ASCII words, alone or as the text of one link
/// (`[GPU Support](https://…)`): then its [`state_key`] is those words in lower case.
fn plain_text(raw: &str) -> Option<&str> {
    if is_plain(raw) {
        return Some(raw);
    }
    let (text, target) = raw.strip_prefix('[')?.strip_suffix(')')?.split_once("](")?;
    let simple_target = !target.contains(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '\\' | '<' | '&' | '`')
    });
    (simple_target && is_plain(text)).then_some(text)
}

/// Whether two cells have one [`key`], compared without building the keys when both are
/// plain.
#[cfg(test)]
fn same_key(a: &str, b: &str) -> bool {
    Plainly::of(a).same_key(Plainly::of(b))
}

/// What a cell shows, as [`crate::markdown::plain`] reads it, read straight off the cell when
/// it is plain.
fn shown(raw: &str) -> Cow<'_, str> {
    Plainly::of(raw).shown()
}

/// A hash of a cell's [`key`] (`None` when it is empty), made without building the key when
/// the cell is plain: a hundred thousand titles are compared without a string each.
#[cfg(test)]
fn key_hash(raw: &str) -> Option<u64> {
    Plainly::of(raw).key_hash()
}

/// A cell with its plain words ([`plain_text`]) read once, for the checks that look at a cell
/// several times.
#[derive(Debug, Clone, Copy)]
struct Plainly<'a> {
    raw: &'a str,
    words: Option<&'a str>,
}

impl<'a> Plainly<'a> {
    fn of(raw: &'a str) -> Self {
        Self {
            raw,
            words: plain_text(raw),
        }
    }

    /// See [`same_key`].
    fn same_key(self, other: Self) -> bool {
        match (self.words, other.words) {
            (Some(a), Some(b)) => {
                let (mut a, mut b) = (a.split_whitespace(), b.split_whitespace());
                loop {
                    match (a.next(), b.next()) {
                        (None, None) => return true,
                        (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
                        _ => return false,
                    }
                }
            }
            _ => key(self.raw) == key(other.raw),
        }
    }

    /// See [`shown`].
    fn shown(self) -> Cow<'a, str> {
        self.words.map_or_else(
            || Cow::Owned(crate::markdown::plain(self.raw)),
            Cow::Borrowed,
        )
    }

    /// See [`key_hash`].
    fn key_hash(self) -> Option<u64> {
        // FNV-1a: equal hashes are confirmed on the keys, so any spread will do.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut add = |b: u8| hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        let mut empty = true;
        if let Some(words) = self.words {
            for word in words.split_whitespace() {
                if !empty {
                    add(b' ');
                }
                empty = false;
                word.bytes().for_each(|b| add(b.to_ascii_lowercase()));
            }
        } else {
            let key = state_key(self.raw);
            empty = key.is_empty();
            key.bytes().for_each(&mut add);
        }
        (!empty).then_some(hash)
    }
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
