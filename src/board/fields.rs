//! The columns of every projects table in one list, by header name: what search and the query
//! language's `field:` look in. A field a card's table lacks is empty for that card, so a term
//! limited to it never matches there: `field:` resolves against each card's own table.

use std::collections::HashMap;

use super::layout::{Layout, header_key};
use super::{Board, Card};
use crate::markdown::Document;

/// The fields of a board: the header names of its projects tables, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// Each field's name, as the first table that has it writes it.
    pub names: Vec<String>,
    /// The status field (every projects table has it).
    pub state: usize,
    /// Per document table: the field of each of its columns.
    of_table: HashMap<usize, Vec<usize>>,
    /// Per document table: the column of each field, when it has one.
    columns: HashMap<usize, Vec<Option<usize>>>,
}

impl Fields {
    /// The fields of the projects tables of a document.
    pub fn of(doc: &Document, layout: &Layout) -> Self {
        let mut fields = Self::default();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for t in &layout.tables {
            let table = &doc.tables[t.table];
            let mapped: Vec<usize> = table
                .columns
                .iter()
                .enumerate()
                .map(|(col, name)| {
                    // The status column is one field whatever each table calls it.
                    let key = if col == t.state {
                        "\u{0}state".to_owned()
                    } else {
                        header_key(name)
                    };
                    *by_key.entry(key).or_insert_with(|| {
                        fields.names.push(name.clone());
                        fields.names.len() - 1
                    })
                })
                .collect();
            fields.state = mapped[t.state];
            fields.of_table.insert(t.table, mapped);
        }
        for (&table, mapped) in &fields.of_table {
            let mut columns = vec![None; fields.names.len()];
            for (col, &field) in mapped.iter().enumerate() {
                columns[field].get_or_insert(col);
            }
            fields.columns.insert(table, columns);
        }
        fields
    }

    /// The column of document table `table` that field `field` stands for.
    pub fn column(&self, table: usize, field: usize) -> Option<usize> {
        *self.columns.get(&table)?.get(field)?
    }

    /// The field column `col` of document table `table` stands for.
    pub fn field(&self, table: usize, col: usize) -> Option<usize> {
        self.of_table.get(&table)?.get(col).copied()
    }
}

impl Board {
    /// The names of the board's fields.
    pub fn field_names(&self) -> &[String] {
        &self.fields.names
    }

    /// The status field.
    pub fn field_state(&self) -> usize {
        self.fields.state
    }

    /// A card's raw cell for a field; `None` when its table lacks that field.
    pub fn field_cell<'c>(&self, card: &'c Card, field: usize) -> Option<&'c str> {
        let col = self.fields.column(card.table, field)?;
        card.cells.get(col).map(String::as_str)
    }

    /// The field a column of a card's table stands for.
    pub fn field_of(&self, card: &Card, col: usize) -> usize {
        self.fields.field(card.table, col).unwrap_or(usize::MAX)
    }
}
