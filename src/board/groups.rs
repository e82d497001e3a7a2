//! What a card stands under on the board: the section row above it in its table, else its table.
//! Columns show a divider where the group changes, so that a card's section (and, on a board of
//! several tables, its table) is seen without opening it.

use super::Board;

/// The group of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// A card of document table `.0` above its first section row, or in a table without any.
    Table(usize),
    /// A card under the section row at index `.0` of `Board::cards` (the section row itself too).
    Section(usize),
}

impl Board {
    /// Every card's group, in board order.
    pub fn groups(&self) -> Vec<Group> {
        let mut out = Vec::with_capacity(self.cards.len());
        let mut section: Option<(usize, usize)> = None;
        for (i, card) in self.cards.iter().enumerate() {
            if self.is_section(card) {
                section = Some((card.table, i));
            }
            out.push(match section {
                Some((table, at)) if table == card.table => Group::Section(at),
                _ => Group::Table(card.table),
            });
        }
        out
    }

    /// Whether the board shows its cards under dividers: some table has section rows, or the
    /// board has more than one table.
    pub fn grouped(&self, groups: &[Group]) -> bool {
        self.layout.tables.len() > 1 || groups.iter().any(|g| matches!(g, Group::Section(_)))
    }

    /// What a divider above a group says: the section's name, or on a board of several tables
    /// the table's heading (its number among the board's tables without one).
    pub fn group_label(&self, group: Group) -> Option<String> {
        match group {
            Group::Section(at) => self.cards.get(at).map(|c| self.title(c)),
            Group::Table(table) if self.layout.tables.len() > 1 => {
                let heading = self.doc.tables.get(table).and_then(|t| t.heading.clone());
                heading.or_else(|| {
                    let n = self.layout.tables.iter().position(|t| t.table == table)?;
                    Some(format!("Table {}", n + 1))
                })
            }
            Group::Table(_) => None,
        }
    }
}
