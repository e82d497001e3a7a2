//! A summary of changes as a markdown list (for a pull request's description or a commit
//! message) and as JSON.

use std::fmt::Write;

use super::{Entry, Kind, Summary};

/// The summary as markdown: a line counting the changes, then a `###` heading per state with a
/// list item per card (`- **GPU Support**: spec-definition → implementation; edited Label`).
pub fn markdown(summary: &Summary) -> String {
    if summary.is_empty() {
        return "No changes to the projects tables.\n".to_owned();
    }
    let [moved, added, removed, edited] = summary.counts();
    let counted: Vec<String> = [
        (moved, "moved"),
        (added, "added"),
        (removed, "removed"),
        (edited, "edited"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let total = moved + added + removed + edited;
    let cards = if total == 1 { "card" } else { "cards" };
    let mut out = format!("{total} {cards} changed: {}.\n", counted.join(", "));
    for group in &summary.groups {
        let _ = write!(out, "\n### {}\n\n", escape(&group.name));
        for entry in &group.entries {
            let _ = writeln!(out, "- **{}**: {}", escape(&entry.title), said(entry));
        }
    }
    out
}

/// What happened to a card, in a few words.
fn said(entry: &Entry) -> String {
    let state = |s: &str| {
        if s.is_empty() {
            "no state".to_owned()
        } else {
            escape(s)
        }
    };
    let mut parts = Vec::new();
    match entry.change {
        Kind::Added => parts.push("added".to_owned()),
        Kind::Removed => parts.push("removed".to_owned()),
        Kind::Moved => parts.push(format!(
            "{} → {}",
            state(entry.from.as_deref().unwrap_or_default()),
            state(&entry.state)
        )),
        Kind::Edited => {}
    }
    if let Some(was) = &entry.renamed_from {
        parts.push(format!("renamed from “{}”", escape(was)));
    }
    if !entry.fields.is_empty() {
        let fields: Vec<String> = entry.fields.iter().map(|f| escape(f)).collect();
        parts.push(format!("edited {}", fields.join(", ")));
    }
    parts.join("; ")
}

/// Text that reads as itself in markdown: what could start emphasis, a link, code or HTML
/// escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// The summary as JSON: an array of the cards that changed, grouped by state as the markdown
/// lists them, each with `change` (`moved`, `added`, `removed`, `edited`), `title`, `state`,
/// and when they apply `from`, `renamed_from` and `fields`.
pub fn json(summary: &Summary) -> String {
    let entries: Vec<&Entry> = summary.groups.iter().flat_map(|g| &g.entries).collect();
    let mut out = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
