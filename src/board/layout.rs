//! What the tables of a document mean for a board: which column holds the status, which tables
//! hold projects, which column is a card's title (and its ID), which columns make its body, and
//! which table lists the states. Detected from the headers and cells, or as the user names them.
//! Pure: a document and a choice in, a layout out.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::markdown::{self, Document, Table};

/// The names a status column goes by, in the order they win within one header.
pub const STATE_NAMES: [&str; 14] = [
    "state",
    "status",
    "stage",
    "phase",
    "progress",
    "lifecycle",
    "estado",
    "statut",
    "zustand",
    "stato",
    "статус",
    "状态",
    "状態",
    "상태",
];

/// Header names that say a column holds a card's title, in the order they win: names before
/// titles before what the row is about.
const TITLE_NAMES: [&[&str]; 3] = [
    &[
        "project name",
        "name",
        "nombre",
        "nom",
        "название",
        "имя",
        "名称",
        "名前",
        "名字",
        "译名",
        "名",
    ],
    &[
        "title",
        "título",
        "titre",
        "titel",
        "titolo",
        "заголовок",
        "标题",
        "標題",
        "タイトル",
        "제목",
    ],
    &[
        "project",
        "feature",
        "proposal",
        "task",
        "item",
        "projet",
        "proyecto",
        "projekt",
        "progetto",
        "funktion",
        "проект",
        "функция",
        "项目",
        "功能",
        "機能",
        "プロジェクト",
        "기능",
    ],
];

/// Below this average length (in characters) a column is a short field, shown on one line.
const DESCRIPTION_MIN: usize = 30;

/// The columns a user names (by flag, settings file, or as the board remembers them); detection
/// decides what is left `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The header of the status column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_column: Option<String>,
    /// The header of the title column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_column: Option<String>,
    /// The columns shown on a card's one line of fields, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// The column shown as a card's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Choice {
    /// This choice with what it leaves open taken from `other`.
    #[must_use]
    pub fn or(self, other: &Self) -> Self {
        Self {
            state_column: self.state_column.or_else(|| other.state_column.clone()),
            title_column: self.title_column.or_else(|| other.title_column.clone()),
            fields: self.fields.or_else(|| other.fields.clone()),
            description: self.description.or_else(|| other.description.clone()),
        }
    }
}

/// One table of projects and what its columns mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLayout {
    /// Index into the document's tables.
    pub table: usize,
    /// The status column.
    pub state: usize,
    /// The title column.
    pub title: usize,
    /// The first column, when it holds IDs (`CAP-0001`, `0004`, a version, a path) and is not the
    /// title: shown before the title, and a card can be named by it.
    pub id: Option<usize>,
    /// The short columns shown on one line of a card.
    pub fields: Vec<usize>,
    /// The long text column shown as a card's description.
    pub description: Option<usize>,
}

/// What the tables of a document mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The status column's header, as the board remembers it (`Status`).
    pub state_name: String,
    /// The tables of projects, in document order.
    pub tables: Vec<TableLayout>,
    /// The table listing the states in workflow order, when there is one.
    pub states_table: Option<usize>,
    /// The states of the states table, in order: their raw cell text (their spelling).
    pub states: Vec<String>,
}

impl Layout {
    /// The layout of the projects table a document table is, if it is one.
    pub fn of_table(&self, table: usize) -> Option<&TableLayout> {
        self.tables.iter().find(|t| t.table == table)
    }
}

/// Why a document has no projects table, or a named column is not there.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LayoutError {
    #[error(
        "no projects table: {} (expected a table with a status column, {}, that is not its \
         first column{})",
        seen(.tables),
        names(),
        suggest(.suggestion.as_deref())
    )]
    NoTable {
        /// The tables seen: the line of their header and its names.
        tables: Vec<(usize, Vec<String>)>,
        /// A column that looks like a status, for `--state-column`.
        suggestion: Option<String>,
    },
    #[error("no table has a column {name:?} (the tables' columns are: {})", seen(.tables))]
    NoColumn {
        name: String,
        tables: Vec<(usize, Vec<String>)>,
    },
}

fn seen(tables: &[(usize, Vec<String>)]) -> String {
    if tables.is_empty() {
        return "the document has no table".to_owned();
    }
    tables
        .iter()
        .map(|(line, headers)| format!("line {line}: {}", headers.join(" | ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn names() -> String {
    let quoted: Vec<String> = STATE_NAMES.iter().map(|n| format!("{n:?}")).collect();
    format!("named {} or alike", quoted.join(", "))
}

fn suggest(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| {
        format!("; if {s:?} holds the status, pass --state-column {s:?}")
    })
}

/// A header name as compared: markup stripped, emoji (and GitHub's shortcodes for them) and
/// symbols dropped, case and spacing folded (`**Status** ✅` and `:white_check_mark: Status`
/// are `status`).
pub fn header_key(header: &str) -> String {
    let plain = markdown::plain(header);
    let plain = markdown::inline::shortcodes(&plain);
    let kept: String = plain
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '_' | '#'))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A state as compared: what a reader means by the cell (markup stripped, GitHub's emoji
/// shortcodes as the emoji they show), its emoji variation selectors dropped, case and spacing
/// folded. `**Active LTS**`, `[Active LTS](x)` and `active lts` are one state; `⚠️ Partial`,
/// `⚠ Partial` and `:warning: Partial` too.
pub fn state_key(raw: &str) -> String {
    let plain = markdown::plain(raw);
    let plain = markdown::inline::shortcodes(&plain);
    let kept: String = plain
        .chars()
        .filter(|c| !matches!(c, '\u{fe0e}' | '\u{fe0f}'))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where a header names a status: the index of its name in [`STATE_NAMES`] (a plural counts).
fn state_rank(key: &str) -> Option<usize> {
    STATE_NAMES.iter().position(|n| {
        key == *n
            || key
                .strip_prefix(n)
                .is_some_and(|rest| rest == "s" || rest == "es")
    })
}

/// The status column of a header: of its columns from `from` on, the one whose name comes
/// first in [`STATE_NAMES`].
fn status_column(columns: &[String], from: usize) -> Option<(usize, usize)> {
    columns
        .iter()
        .enumerate()
        .skip(from)
        .filter_map(|(i, h)| state_rank(&header_key(h)).map(|rank| (rank, i)))
        .min()
        .map(|(rank, i)| (i, rank))
}

/// Reads what the tables of `doc` mean, as `choice` names them and detection finds the rest.
pub fn layout(doc: &Document, choice: &Choice) -> Result<Layout, LayoutError> {
    let seen_tables = || -> Vec<(usize, Vec<String>)> {
        doc.tables
            .iter()
            .map(|t| (t.header_line, t.columns.clone()))
            .collect()
    };
    // The status column's key: named, else the first table's that has one past its first column.
    let key = match &choice.state_column {
        Some(name) => {
            let key = header_key(name);
            let found = doc
                .tables
                .iter()
                .any(|t| t.columns.iter().any(|h| header_key(h) == key));
            if !found {
                return Err(LayoutError::NoColumn {
                    name: name.clone(),
                    tables: seen_tables(),
                });
            }
            key
        }
        None => doc
            .tables
            .iter()
            .find_map(|t| {
                // A table whose best status name leads it lists states, not projects.
                status_column(&t.columns, 0)
                    .filter(|&(col, _)| col > 0)
                    .map(|(col, _)| header_key(&t.columns[col]))
            })
            .or_else(|| {
                // Else a status name after the first column, where one leads its table
                // (`| Status | Name | Phase |`).
                doc.tables.iter().find_map(|t| {
                    status_column(&t.columns, 1).map(|(col, _)| header_key(&t.columns[col]))
                })
            })
            .ok_or_else(|| LayoutError::NoTable {
                tables: seen_tables(),
                suggestion: looks_like_status(doc),
            })?,
    };
    let column_of = |t: &Table| t.columns.iter().position(|h| header_key(h) == key);
    // The sample is shared by the tables of projects: a document of many tables costs no more
    // to judge than one long table (each table reads at least `SAMPLE_MIN` rows).
    let count = doc
        .tables
        .iter()
        .filter(|t| column_of(t).is_some_and(|c| c > 0))
        .count();
    let sample = (SAMPLE / count.max(1)).max(SAMPLE_MIN);
    let mut tables = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        let Some(state) = column_of(table).filter(|&c| c > 0) else {
            continue;
        };
        tables.push(table_layout(doc, index, state, choice, sample));
    }
    if tables.is_empty() {
        return Err(LayoutError::NoTable {
            tables: seen_tables(),
            suggestion: looks_like_status(doc),
        });
    }
    // The states table: the first whose first column is the status column (any of its names),
    // and that is not a projects table.
    let states_table = doc.tables.iter().position(|t| {
        column_of(t).is_none_or(|c| c == 0)
            && t.columns
                .first()
                .is_some_and(|h| header_key(h) == key || state_rank(&header_key(h)).is_some())
    });
    let states = states_table
        .map(|i| {
            let t = &doc.tables[i];
            states_of((0..t.rows.len()).map(|r| doc.cell(i, r, 0)))
        })
        .unwrap_or_default();
    let state_name = tables
        .first()
        .map(|t| doc.tables[t.table].columns[t.state].clone())
        .unwrap_or_default();
    Ok(Layout {
        state_name,
        tables,
        states_table,
        states,
    })
}

/// The states a states table lists, from the raw first cell of each of its rows: the filled
/// ones, in order.
pub fn states_of<'a>(firsts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    firsts
        .into_iter()
        .filter(|s| !markdown::plain(s).is_empty())
        .map(str::to_owned)
        .collect()
}

/// A column of some table whose values look like statuses (few distinct short values, repeated),
/// for the refusal to suggest.
fn looks_like_status(doc: &Document) -> Option<String> {
    doc.tables.iter().find_map(|t| {
        (1..t.columns.len()).find_map(|col| {
            let values: Vec<String> = (0..t.rows.len())
                .filter_map(|r| t.cell_range(&doc.text, r, col))
                .map(|r| state_key(&doc.text[r]))
                .filter(|v| !v.is_empty())
                .collect();
            let mut distinct = values.clone();
            distinct.sort();
            distinct.dedup();
            let short = values.iter().all(|v| v.chars().count() <= 24);
            (values.len() >= 3 && short && distinct.len() < values.len() && distinct.len() <= 12)
                .then(|| t.columns[col].clone())
        })
    })
}

/// The rows the columns of a document's tables of projects are judged by, at most, in all.
const SAMPLE: usize = 2_000;

/// The rows each table of projects is judged by at least (all of a shorter one).
const SAMPLE_MIN: usize = 100;

/// The layout of one table of projects, its columns judged by at most `sample` of its rows.
fn table_layout(
    doc: &Document,
    index: usize,
    state: usize,
    choice: &Choice,
    sample: usize,
) -> TableLayout {
    let table = &doc.tables[index];
    // What each column holds, read once, from at most `sample` rows spread over the table: a
    // long table's columns read the same from a sample, and reading every cell of 100,000 rows
    // would cost more than the rest of opening it.
    let n = table.rows.len();
    let rows: Vec<usize> = if n <= sample {
        (0..n).collect()
    } else {
        (0..sample).map(|k| k * n / sample).collect()
    };
    let read: Vec<Vec<String>> = (0..table.columns.len())
        .map(|col| {
            rows.iter()
                .filter_map(|&r| table.cell_range(&doc.text, r, col))
                .map(|r| markdown::plain(&doc.text[r]))
                .collect()
        })
        .collect();
    let values = |col: usize| -> &[String] { &read[col] };
    let named = |name: &Option<String>| {
        name.as_ref().and_then(|n| {
            let key = header_key(n);
            table.columns.iter().position(|h| header_key(h) == key)
        })
    };
    let id_like: Vec<bool> = (0..table.columns.len())
        .map(|c| mostly_ids(values(c)))
        .collect();
    // A column mostly empty names nothing: then the ID column is the title.
    let mostly_filled = |c: usize| {
        let v = values(c);
        v.iter().filter(|s| !s.trim().is_empty()).count() * 2 >= v.len()
    };
    let title = named(&choice.title_column)
        .or_else(|| title_by_name(table, state, &id_like))
        .or_else(|| {
            (0..table.columns.len()).find(|&c| c != state && !id_like[c] && mostly_filled(c))
        })
        .unwrap_or(usize::from(state == 0));
    let id = (title != 0 && state != 0 && id_like[0]).then_some(0);
    let taken = |c: usize| c == title || c == state || Some(c) == id;
    let lengths: Vec<usize> = (0..table.columns.len())
        .map(|c| {
            let v = values(c);
            let total: usize = v.iter().map(|s| s.chars().count()).sum();
            total / v.len().max(1)
        })
        .collect();
    let description = named(&choice.description).or_else(|| {
        (0..table.columns.len())
            .filter(|&c| !taken(c) && lengths[c] >= DESCRIPTION_MIN)
            .max_by_key(|&c| lengths[c])
    });
    let fields = match &choice.fields {
        Some(wanted) => wanted
            .iter()
            .filter_map(|n| named(&Some(n.clone())))
            .collect(),
        None => (0..table.columns.len())
            .filter(|&c| !taken(c) && Some(c) != description)
            .collect(),
    };
    TableLayout {
        table: index,
        state,
        title,
        id,
        fields,
        description,
    }
}

/// The column whose header names the title, the earliest kind of name winning; one whose cells
/// are mostly IDs or numbers does not count (`Features` holding counts is no title).
fn title_by_name(table: &Table, state: usize, id_like: &[bool]) -> Option<usize> {
    let keys: Vec<String> = table.columns.iter().map(|h| header_key(h)).collect();
    TITLE_NAMES.iter().find_map(|names| {
        keys.iter().enumerate().find_map(|(c, key)| {
            let fits = names.iter().any(|n| names_it(key, n));
            (fits && c != state && !id_like[c]).then_some(c)
        })
    })
}

/// Whether a header key is, or has as a word (or, in scripts without spaces, holds), a name.
fn names_it(key: &str, name: &str) -> bool {
    if key == name {
        return true;
    }
    let plural = format!("{name}s");
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| *w == name || *w == plural) {
        return true;
    }
    // Chinese and Japanese names have no spaces between words.
    name.chars().any(is_cjk) && key.contains(name)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether most (three in five) of a column's non-empty values are IDs, numbers, versions or
/// paths.
fn mostly_ids(values: &[String]) -> bool {
    let filled: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    !filled.is_empty() && filled.iter().filter(|v| is_id(v)).count() * 5 >= filled.len() * 3
}

/// An ID, a number, a version or a path: `CAP-0001`, `0004`, `#12`, `v22.x`, `1.2.3`,
/// `src/lib.rs`, `NEP-141`.
pub fn is_id(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > 32 {
        return false;
    }
    // A file's path: with an extension, or starting where paths start (`@types/node` and
    // `node/fs` are names).
    let extension = v.rsplit_once('.').is_some_and(|(a, ext)| {
        !a.is_empty()
            && (1..=4).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphabetic())
    });
    let rooted = ["./", "../", "/", "~/"].iter().any(|p| v.starts_with(p));
    let path = !v.contains(' ') && (extension || rooted);
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let words = v.split_whitespace().count();
    // Two words are an ID written with a space (`RFC 1234`, `PEP 8`) when their letters are
    // capitals; `Sprint 14`, `Node 18` and `Project 0` are names.
    let capitals = words < 2 || !v.chars().any(char::is_lowercase);
    let code = digits > 0
        && words <= 2
        && capitals
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '#' | ' ' | ':'))
        && v.chars().filter(|c| c.is_alphabetic()).count() <= 8;
    path || code
}

/// Whether a row is a section label rather than a project: its first cell in bold, every other
/// cell empty.
pub fn is_section(cells: &[String]) -> bool {
    let Some((first, rest)) = cells.split_first() else {
        return false;
    };
    let first = first.trim();
    let bold = (first.starts_with("**") && first.ends_with("**") && first.len() > 4)
        || (first.starts_with("__") && first.ends_with("__") && first.len() > 4);
    bold && rest.iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests;
