//! States: one missing from the states table, one written several ways.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Finding, Fix, Input, Level, cell_position};
use crate::board::layout::state_key;

/// A state cell of a project table.
struct StateCell<'a> {
    table: usize,
    row: usize,
    col: usize,
    raw: &'a str,
    key: usize,
}

/// One state (one key) and how it is written.
struct State<'a> {
    key: String,
    /// Its spelling in the states table, if it is there.
    listed: Option<&'a str>,
    /// Each spelling the rows use, with how many rows use it, in order of first use.
    spellings: Vec<(&'a str, usize)>,
}

pub fn check(input: &Input<'_>, findings: &mut Vec<Finding>) {
    let doc = input.doc;
    let (states, listed_count, cells) = gather(input);
    let has_table = input.layout.states_table.is_some();
    let canonical: Vec<Option<&str>> = states.iter().map(canonical).collect();
    let mut suggestions: HashMap<usize, Option<String>> = HashMap::new();
    for cell in &cells {
        let state = &states[cell.key];
        let unknown = has_table && cell.key >= listed_count;
        let want = canonical[cell.key].filter(|&w| w != cell.raw);
        if !unknown && want.is_none() {
            continue;
        }
        let (line, column) = cell_position(doc, cell.table, cell.row, cell.col);
        if unknown {
            let suggestion = suggestions
                .entry(cell.key)
                .or_insert_with(|| closest(&state.key, &states[..listed_count]))
                .clone();
            findings.push(Finding {
                line,
                column,
                level: Level::Warning,
                rule: Cow::Borrowed("unknown-state"),
                message: format!(
                    "state {:?} is not in the states table{}",
                    cell.raw,
                    suggestion
                        .as_ref()
                        .map_or_else(String::new, |s| format!("; did you mean {s:?}?"))
                ),
                suggestion,
                fix: None,
            });
        }
        let Some(want) = want else { continue };
        // Certain only when the states table says how it is written and the two differ in
        // case or spacing alone; markup or emoji may be meant.
        let certain = state.listed == Some(want) && folded(want) == folded(cell.raw);
        let ways = ways(state);
        findings.push(Finding {
            line,
            column,
            level: Level::Warning,
            rule: Cow::Borrowed("state-spelling"),
            message: format!(
                "state {:?} is written {} ways: {}; write it {want:?}",
                cell.raw,
                ways.len(),
                ways.join(", ")
            ),
            suggestion: Some(want.to_owned()),
            fix: certain.then(|| Fix {
                table: cell.table,
                row: cell.row,
                col: cell.col,
                raw: want.to_owned(),
            }),
        });
    }
}

/// Every state (those of the states table first, how many they are) and every state cell of
/// the projects tables.
fn gather<'a>(input: &Input<'a>) -> (Vec<State<'a>>, usize, Vec<StateCell<'a>>) {
    let (doc, layout) = (input.doc, input.layout);
    let mut states: Vec<State<'_>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for listed in &layout.states {
        let key = state_key(listed);
        by_key.entry(key.clone()).or_insert_with(|| {
            states.push(State {
                key,
                listed: Some(listed),
                spellings: Vec::new(),
            });
            states.len() - 1
        });
    }
    let listed_count = states.len();
    // Most rows share a handful of spellings: each is read once.
    let mut key_of: HashMap<&str, Option<usize>> = HashMap::new();
    let mut cells = Vec::new();
    for tl in &layout.tables {
        let t = &doc.tables[tl.table];
        for row in 0..t.rows.len() {
            let Some(range) = t.cell_range(&doc.text, row, tl.state) else {
                continue;
            };
            let raw = &doc.text[range];
            let key = *key_of.entry(raw).or_insert_with(|| {
                let key = state_key(raw);
                if key.is_empty() {
                    return None;
                }
                Some(*by_key.entry(key.clone()).or_insert_with(|| {
                    states.push(State {
                        key,
                        listed: None,
                        spellings: Vec::new(),
                    });
                    states.len() - 1
                }))
            });
            let Some(key) = key else { continue };
            let spellings = &mut states[key].spellings;
            match spellings.iter_mut().find(|(s, _)| *s == raw) {
                Some((_, n)) => *n += 1,
                None => spellings.push((raw, 1)),
            }
            cells.push(StateCell {
                table: tl.table,
                row,
                col: tl.state,
                raw,
                key,
            });
        }
    }
    (states, listed_count, cells)
}

/// How a state should be written: as the states table writes it, else as most rows do (the
/// first used on a tie); `None` when it is written one way only.
fn canonical<'a>(state: &State<'a>) -> Option<&'a str> {
    let used = state.spellings.len();
    match state.listed {
        Some(listed) => (used > 1 || state.spellings.first().is_some_and(|(s, _)| *s != listed))
            .then_some(listed),
        None => (used > 1).then(|| {
            // `max_by_key` keeps the last of equals: the reversed order keeps the first.
            state
                .spellings
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .map_or("", |(s, _)| *s)
        }),
    }
}

/// The spellings of a state and where they are: `"beta" (the states table, 3 rows)`, `"Beta" (1
/// row)`.
fn ways(state: &State<'_>) -> Vec<String> {
    let rows = |n: usize| format!("{n} row{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if let Some(listed) = state.listed {
        let used = state
            .spellings
            .iter()
            .find(|(s, _)| *s == listed)
            .map_or(0, |(_, n)| *n);
        let where_ = if used == 0 {
            "the states table".to_owned()
        } else {
            format!("the states table, {}", rows(used))
        };
        parts.push(format!("{listed:?} ({where_})"));
    }
    let mut others: Vec<&(&str, usize)> = state
        .spellings
        .iter()
        .filter(|(s, _)| Some(*s) != state.listed)
        .collect();
    others.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    parts.extend(others.iter().map(|(s, n)| format!("{s:?} ({})", rows(*n))));
    parts
}

/// Case and runs of white space folded: what `--fix` may change.
fn folded(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The listed state an unknown one most likely means, as the states table writes it: the only
/// one that starts with it or that it starts with (`blocked/ stalled`, `blocked`), else the
/// nearest by edits when at most a third of its characters differ.
fn closest(key: &str, listed: &[State<'_>]) -> Option<String> {
    let len = key.chars().count();
    let prefixes: Vec<&State<'_>> = listed
        .iter()
        .filter(|s| {
            let shorter = len.min(s.key.chars().count());
            shorter >= 3 && (s.key.starts_with(key) || key.starts_with(&s.key))
        })
        .collect();
    let prefix = match prefixes.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let near = || {
        listed
            .iter()
            .map(|s| (strsim::osa_distance(key, &s.key), s))
            .filter(|(d, s)| d * 3 <= len.max(s.key.chars().count()))
            .min_by_key(|(d, _)| *d)
            .map(|(_, s)| s)
    };
    prefix
        .or_else(near)
        .and_then(|s| s.listed)
        .map(str::to_owned)
}
