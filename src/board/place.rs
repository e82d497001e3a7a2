//! Placing a card's row elsewhere in its table: before or after another card, at the top or at
//! the bottom. A row never leaves its table.

use thiserror::Error;

use super::{Board, CardId, Change};

/// Where to put a card's row, within its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Before(CardId),
    After(CardId),
    /// The first row of the card's table.
    Top,
    /// The last row of the card's table.
    Bottom,
}

/// Why a row cannot go where it was asked to.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlaceError {
    #[error("no card with id {0}")]
    NoCard(CardId),
    /// The card named to place it by is the card itself.
    #[error(
        "a row cannot be placed {} itself; name another card of its table",
        if *.after { "after" } else { "before" }
    )]
    Itself { after: bool },
    /// The other card stands in another table: a row stays in its own.
    #[error(
        "{card} stands in table {card_table} and \"{other}\" in table {other_table}; a row is \
         placed within its own table"
    )]
    OtherTable {
        /// The card placed, quoted (or "the new card").
        card: String,
        card_table: String,
        other: String,
        other_table: String,
    },
}

impl Board {
    /// Where in `cards` a new card of document table `table` goes to stand at `place` (`Top`
    /// and `Bottom` of that table); refused when the card named stands in another table.
    pub fn place_index(&self, table: usize, place: Place) -> Result<usize, PlaceError> {
        let (lo, hi) = self.table_span(table);
        match place {
            Place::Top => Ok(lo),
            Place::Bottom => Ok(hi),
            Place::Before(other) | Place::After(other) => {
                let at = self.index_of(other).ok_or(PlaceError::NoCard(other))?;
                let after = usize::from(matches!(place, Place::After(_)));
                if self.cards[at].table == table {
                    Ok(at + after)
                } else {
                    Err(self.other_table(None, table, other))
                }
            }
        }
    }

    /// A change that puts card `id`'s row at `place` within its table, or `None` when it is
    /// there already; refused when the card named is the card itself or stands in another
    /// table.
    pub fn place(&self, id: CardId, place: Place) -> Result<Option<Change>, PlaceError> {
        let from = self.index_of(id).ok_or(PlaceError::NoCard(id))?;
        let table = self.cards[from].table;
        let at = match place {
            Place::Before(other) | Place::After(other) if other == id => {
                return Err(PlaceError::Itself {
                    after: matches!(place, Place::After(_)),
                });
            }
            Place::Before(other) | Place::After(other)
                if self.card(other).is_some_and(|c| c.table != table) =>
            {
                return Err(self.other_table(Some(id), table, other));
            }
            _ => self.place_index(table, place)?,
        };
        // `at` is where the row goes among the cards as they are; taken out first, the rows
        // after it move up by one.
        let to = if from < at { at - 1 } else { at };
        Ok((to != from).then_some(Change::Reorder { id, from, to }))
    }

    fn other_table(&self, card: Option<CardId>, table: usize, other: CardId) -> PlaceError {
        let title = |id: CardId| self.card(id).map(|c| self.title(c)).unwrap_or_default();
        PlaceError::OtherTable {
            card: card.map_or_else(
                || "the new card".to_owned(),
                |c| format!("\"{}\"", title(c)),
            ),
            card_table: self.table_name(table),
            other: title(other),
            other_table: self
                .card(other)
                .map_or_else(String::new, |c| self.table_name(c.table)),
        }
    }

    /// A table as messages name it: its number among the board's tables, and its heading.
    pub fn table_name(&self, table: usize) -> String {
        let number = self
            .layout
            .tables
            .iter()
            .position(|t| t.table == table)
            .map_or(0, |i| i + 1);
        match self
            .doc
            .tables
            .get(table)
            .and_then(|t| t.heading.as_deref())
        {
            Some(heading) => format!("{number} ({heading:?})"),
            None => number.to_string(),
        }
    }
}
