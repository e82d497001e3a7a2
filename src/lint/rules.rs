//! A document's own rules, read from its settings: rows in some states must have a cell filled
//! in, or a link in it.
//!
//! ```ron
//! rules: [
//!     (
//!         name: "label",
//!         unless_state: ["none", "abandoned"],
//!         require: NonEmpty("Label"),
//!         level: Error,
//!         message: "a project in a working state needs a label",
//!     ),
//! ]
//! ```

use std::collections::HashMap;

use serde::Deserialize;

use super::{Finding, Input, cell_position};
use crate::board::layout::{TableLayout, header_key, is_section, state_key};
use crate::markdown::{self, Document, inline};

/// How much a finding matters: an error fails the lint, a warning only with `--strict`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Level {
    Warning,
    #[default]
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// What a rule asks of a row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Require {
    /// The column (a header name, any case) shows some text.
    NonEmpty(String),
    /// The column holds a link.
    Link(String),
    /// The title shows some text, whatever its column is called.
    NonEmptyTitle,
    /// The title holds a link.
    LinkInTitle,
}

/// One rule of a document: what rows in some states must have.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rule {
    /// Its name in findings (`[label]`); made from what it requires when left out
    /// (`non-empty-label`, `link-in-title`).
    #[serde(default)]
    pub name: Option<String>,
    /// Only rows in one of these states (any case; `none` is a row without a state).
    #[serde(default)]
    pub when_state: Option<Vec<String>>,
    /// Only rows in none of these states.
    #[serde(default)]
    pub unless_state: Option<Vec<String>>,
    pub require: Require,
    /// `Error` unless it says `Warning`.
    #[serde(default)]
    pub level: Level,
    /// What a finding says after the card's title; made from what it requires when left out.
    #[serde(default)]
    pub message: Option<String>,
}

impl Rule {
    /// The rule's name in findings.
    pub fn name(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let slug = |s: &str| {
            header_key(s)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        };
        match &self.require {
            Require::NonEmpty(col) => format!("non-empty-{}", slug(col)),
            Require::Link(col) => format!("link-in-{}", slug(col)),
            Require::NonEmptyTitle => "non-empty-title".to_owned(),
            Require::LinkInTitle => "link-in-title".to_owned(),
        }
    }

    /// What a finding says when the rule gives no message.
    fn default_message(&self, column: &str) -> String {
        let states = |list: &Option<Vec<String>>| {
            list.as_ref().map(|l| {
                l.iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        };
        let missing = match &self.require {
            Require::NonEmpty(_) | Require::NonEmptyTitle => format!("{column} is empty"),
            Require::Link(_) | Require::LinkInTitle => format!("{column} has no link"),
        };
        match (states(&self.when_state), states(&self.unless_state)) {
            (Some(when), _) => format!("{missing} (required in state {when})"),
            (None, Some(unless)) => format!("{missing} (required in every state but {unless})"),
            (None, None) => format!("{missing} (required)"),
        }
    }

    /// Whether a row whose state has `key` is one the rule is about.
    fn applies(&self, key: &str) -> bool {
        let listed = |list: &Vec<String>| {
            list.iter().any(|s| {
                let s = if s.trim().eq_ignore_ascii_case("none") {
                    String::new()
                } else {
                    state_key(s)
                };
                s == key
            })
        };
        self.when_state.as_ref().is_none_or(listed)
            && !self.unless_state.as_ref().is_some_and(listed)
    }
}

pub fn check(input: &Input<'_>, findings: &mut Vec<Finding>) {
    if input.rules.is_empty() {
        return;
    }
    for tl in &input.layout.tables {
        let keys = row_keys(input.doc, tl);
        for rule in input.rules {
            check_table(input.doc, tl, &keys, rule, findings);
        }
    }
}

/// The state key of every row of a table.
fn row_keys(doc: &Document, tl: &TableLayout) -> Vec<String> {
    let t = &doc.tables[tl.table];
    let mut seen: HashMap<&str, String> = HashMap::new();
    (0..t.rows.len())
        .map(|r| {
            let raw = t
                .cell_range(&doc.text, r, tl.state)
                .map_or("", |c| &doc.text[c]);
            seen.entry(raw).or_insert_with(|| state_key(raw)).clone()
        })
        .collect()
}

fn check_table(
    doc: &Document,
    tl: &TableLayout,
    keys: &[String],
    rule: &Rule,
    findings: &mut Vec<Finding>,
) {
    let t = &doc.tables[tl.table];
    let col = match &rule.require {
        Require::NonEmpty(name) | Require::Link(name) => {
            let key = header_key(name);
            let Some(col) = t.columns.iter().position(|h| header_key(h) == key) else {
                findings.push(Finding {
                    line: t.header_line,
                    column: 1,
                    level: rule.level,
                    rule: rule.name(),
                    message: format!(
                        "this table has no column {name:?} for the rule to check (its columns: {})",
                        t.columns.join(", ")
                    ),
                    suggestion: None,
                    fix: None,
                });
                return;
            };
            col
        }
        Require::NonEmptyTitle | Require::LinkInTitle => tl.title,
    };
    let wants_link = matches!(rule.require, Require::Link(_) | Require::LinkInTitle);
    for (row, key) in keys.iter().enumerate() {
        if !rule.applies(key) {
            continue;
        }
        let raw = t
            .cell_range(&doc.text, row, col)
            .map_or("", |c| &doc.text[c]);
        let ok = if wants_link {
            has_link(raw, doc)
        } else {
            shows_text(raw)
        };
        if ok || is_section(&raw_cells(doc, tl.table, row)) {
            continue;
        }
        let (line, column) = cell_position(doc, tl.table, row, col);
        let title = t
            .cell_range(&doc.text, row, tl.title)
            .map(|c| markdown::plain(&doc.text[c]))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("the row of line {}", t.rows[row].line));
        let said = rule
            .message
            .clone()
            .unwrap_or_else(|| rule.default_message(&t.columns[col]));
        findings.push(Finding {
            line,
            column,
            level: rule.level,
            rule: rule.name(),
            message: format!("{title}: {said}"),
            suggestion: None,
            fix: None,
        });
    }
}

fn raw_cells(doc: &Document, table: usize, row: usize) -> Vec<String> {
    let t = &doc.tables[table];
    (0..t.rows[row].cells.len())
        .map(|c| {
            t.cell_range(&doc.text, row, c)
                .map_or("", |r| &doc.text[r])
                .to_owned()
        })
        .collect()
}

/// Whether a cell shows some text. Most cells hold plain words, read without unescaping.
fn shows_text(raw: &str) -> bool {
    if raw.is_empty() {
        return false;
    }
    let plain_words = !raw.contains(['[', '<', '\\', '&', '`', '*', '_']);
    plain_words || !markdown::plain(raw).is_empty()
}

/// Whether a cell holds a link, as GitHub reads it: inline, by reference or an autolink.
fn has_link(raw: &str, doc: &Document) -> bool {
    raw.contains(['[', '<']) && !inline::render(raw, &doc.links).targets.is_empty()
}
