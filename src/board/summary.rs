//! A board's changes as a markdown list, ready for a pull request description or a commit
//! message: a line of counts, the states renamed, then a section per state with a line per card.
//! The command line prints it; the board shows it (`D`) as the same lines, unescaped.

use std::fmt::Write;

use super::diff::{CardChange, Kind, Summary};

impl Summary {
    /// The summary as markdown; "No changes." when there are none.
    pub fn markdown(&self) -> String {
        self.render(escape)
    }

    /// The same lines as [`Summary::markdown`], its text as it is (for the screen).
    pub fn text(&self) -> String {
        self.render(one_line)
    }

    fn render(&self, escape: fn(&str) -> String) -> String {
        if self.is_empty() {
            return "No changes.\n".to_owned();
        }
        // Blocks of lines, a blank line between two.
        let mut blocks: Vec<String> = Vec::new();
        let n = self.counts();
        let counts: Vec<String> = [
            (n.moved, "moved"),
            (n.added, "added"),
            (n.removed, "removed"),
            (n.renamed, "renamed"),
            (n.edited, "edited"),
            (n.reordered, "reordered"),
        ]
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("{count} {what}"))
        .collect();
        if !counts.is_empty() {
            blocks.push(format!("{}\n", counts.join(", ")));
        }
        if !self.states.is_empty() {
            let renamed: Vec<String> = self
                .states
                .iter()
                .map(|r| {
                    let cards = match r.cards {
                        0 => String::new(),
                        1 => " (1 card)".to_owned(),
                        n => format!(" ({n} cards)"),
                    };
                    format!("{} → {}{cards}", escape(&r.from), escape(&r.to))
                })
                .collect();
            blocks.push(format!("States renamed: {}\n", renamed.join(", ")));
        }
        for group in &self.groups {
            let mut block = format!("### {}\n\n", escape(&group.state));
            for card in &group.cards {
                let _ = writeln!(
                    block,
                    "- **{}**: {}",
                    escape(&card.display_name()),
                    what(card, escape)
                );
            }
            blocks.push(block);
        }
        blocks.join("\n")
    }
}

/// What happened to a card, in a few words: `moved design → implementation; edited Label`.
fn what(card: &CardChange, escape: fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    match card.kind {
        Kind::Added => parts.push("added".to_owned()),
        Kind::Removed => parts.push("removed".to_owned()),
        Kind::Changed => {}
    }
    if let Some((from, to)) = &card.moved {
        parts.push(format!("moved {} → {}", escape(from), escape(to)));
    }
    if let Some(was) = &card.renamed_from {
        parts.push(format!("renamed from “{}”", escape(was)));
    }
    if !card.edited.is_empty() {
        let fields: Vec<String> = card.edited.iter().map(|f| escape(f)).collect();
        parts.push(format!("edited {}", fields.join(", ")));
    }
    if card.reordered {
        parts.push("reordered".to_owned());
    }
    parts.join("; ")
}

/// Text as markdown shows it as written: the characters that would start markup escaped, and
/// on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text on one line, as it is.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}
