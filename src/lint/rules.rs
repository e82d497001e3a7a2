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

use std::borrow::Cow;
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

    /// The state keys the rule lists: `none` stands for a row without a state.
    fn keys(list: Option<&Vec<String>>) -> Option<Vec<String>> {
        list.map(|l| {
            l.iter()
                .map(|s| {
                    if s.trim().eq_ignore_ascii_case("none") {
                        String::new()
                    } else {
                        state_key(s)
                    }
                })
                .collect()
        })
    }
}

/// A rule ready to be checked row after row, in one table.
struct Ready<'a> {
    rule: &'a Rule,
    name: Cow<'static, str>,
    /// By state (as [`RowStates`] numbers them): whether the rule is about its rows.
    applies: Vec<bool>,
    /// The column it looks at.
    col: usize,
    wants_link: bool,
    /// What a finding says after the card's title.
    said: String,
}

impl<'a> Ready<'a> {
    /// The rule made ready for a table; `None`, and a finding, when the table lacks its column.
    fn new(
        doc: &Document,
        tl: &TableLayout,
        states: &RowStates,
        rule: &'a Rule,
        findings: &mut Vec<Finding>,
    ) -> Option<Self> {
        let t = &doc.tables[tl.table];
        let name: Cow<'static, str> = rule.name().into();
        let col = match &rule.require {
            Require::NonEmpty(column) | Require::Link(column) => {
                let key = header_key(column);
                let found = t.columns.iter().position(|h| header_key(h) == key);
                if found.is_none() {
                    findings.push(Finding {
                        line: t.header_line,
                        column: 1,
                        level: rule.level,
                        rule: name,
                        message: format!(
                            "this table has no column {column:?} for the rule to check (its \
                             columns: {})",
                            t.columns.join(", ")
                        ),
                        suggestion: None,
                        fix: None,
                    });
                    return None;
                }
                found?
            }
            Require::NonEmptyTitle | Require::LinkInTitle => tl.title,
        };
        let (when, unless) = (
            Rule::keys(rule.when_state.as_ref()),
            Rule::keys(rule.unless_state.as_ref()),
        );
        let listed = |list: &Vec<String>, key: &String| list.contains(key);
        Some(Self {
            rule,
            name,
            applies: states
                .keys
                .iter()
                .map(|k| {
                    when.as_ref().is_none_or(|l| listed(l, k))
                        && !unless.as_ref().is_some_and(|l| listed(l, k))
                })
                .collect(),
            col,
            wants_link: matches!(rule.require, Require::Link(_) | Require::LinkInTitle),
            said: rule
                .message
                .clone()
                .unwrap_or_else(|| rule.default_message(&t.columns[col])),
        })
    }
}

pub fn check(input: &Input<'_>, findings: &mut Vec<Finding>) {
    if input.rules.is_empty() {
        return;
    }
    for tl in &input.layout.tables {
        let states = RowStates::of(input.doc, tl);
        let ready: Vec<Ready<'_>> = input
            .rules
            .iter()
            .filter_map(|rule| Ready::new(input.doc, tl, &states, rule, findings))
            .collect();
        check_rows(input.doc, tl, &states.of_row, &ready, findings);
    }
}

/// The states of a table's rows: each distinct one once, and which each row is in.
struct RowStates {
    keys: Vec<String>,
    of_row: Vec<usize>,
}

impl RowStates {
    fn of(doc: &Document, tl: &TableLayout) -> Self {
        let t = &doc.tables[tl.table];
        let mut keys: Vec<String> = Vec::new();
        let mut by_raw: HashMap<&str, usize> = HashMap::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let of_row = (0..t.rows.len())
            .map(|r| {
                let raw = t
                    .cell_range(&doc.text, r, tl.state)
                    .map_or("", |c| &doc.text[c]);
                *by_raw.entry(raw).or_insert_with(|| {
                    *by_key.entry(super::key(raw)).or_insert_with_key(|key| {
                        keys.push(key.clone());
                        keys.len() - 1
                    })
                })
            })
            .collect();
        Self { keys, of_row }
    }
}

/// Every row of a table against every rule, row after row.
fn check_rows(
    doc: &Document,
    tl: &TableLayout,
    states: &[usize],
    ready: &[Ready<'_>],
    findings: &mut Vec<Finding>,
) {
    let t = &doc.tables[tl.table];
    let cell = |row: usize, col: usize| {
        t.cell_range(&doc.text, row, col)
            .map_or("", |c| &doc.text[c])
    };
    for (row, &state) in states.iter().enumerate() {
        for r in ready.iter().filter(|r| r.applies[state]) {
            let raw = cell(row, r.col);
            let ok = if r.wants_link {
                has_link(raw, doc)
            } else {
                shows_text(raw)
            };
            if ok || is_section_row(doc, tl.table, row) {
                continue;
            }
            let (line, column) = cell_position(doc, tl.table, row, r.col);
            let title = super::shown(cell(row, tl.title));
            let title = if title.is_empty() {
                Cow::Owned(format!("the row of line {}", t.rows[row].line))
            } else {
                title
            };
            findings.push(Finding {
                line,
                column,
                level: r.rule.level,
                rule: r.name.clone(),
                message: format!("{title}: {}", r.said),
                suggestion: None,
                fix: None,
            });
        }
    }
}

/// Whether a row only labels a section of its table (`**Auth**`, every other cell empty): no
/// card, so no rule is about it.
pub(super) fn is_section_row(doc: &Document, table: usize, row: usize) -> bool {
    let t = &doc.tables[table];
    let first = t.cell_range(&doc.text, row, 0).map_or("", |r| &doc.text[r]);
    if !(first.starts_with("**") || first.starts_with("__")) {
        return false;
    }
    let cells: Vec<String> = (0..t.rows[row].cells.len())
        .map(|c| {
            t.cell_range(&doc.text, row, c)
                .map_or("", |r| &doc.text[r])
                .to_owned()
        })
        .collect();
    is_section(&cells)
}

/// Whether a cell shows some text. Most cells hold plain words, read without unescaping.
fn shows_text(raw: &str) -> bool {
    if raw.is_empty() {
        return false;
    }
    let plain_words = !raw.contains(['[', '<', '\\', '&', '`', '*', '_']);
    plain_words || !markdown::plain(raw).is_empty()
}

/// Whether a cell holds a link, as GitHub reads it: inline, by reference or an autolink. A
/// cell that is one plain link is read without the parser.
fn has_link(raw: &str, doc: &Document) -> bool {
    super::links::only_link(raw, doc).is_some()
        || (raw.contains(['[', '<']) && !inline::render(raw, &doc.links).targets.is_empty())
}
