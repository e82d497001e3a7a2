//! Conflicts a merge left on cards: a cell (or a whole row) that the board and its file changed
//! differently. Kept with the board until the user picks a side; never guessed.

use serde::{Deserialize, Serialize};

use super::{Board, CardId, Change};

/// One conflicting cell of a card, or its whole row when one side deleted it and the other
/// edited it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardConflict {
    pub card: CardId,
    /// The conflicting column: its index among the card's cells and its header. `None`: the
    /// whole row.
    pub field: Option<(usize, String)>,
    /// The raw text of the cell (of the row, for the whole row) in the text last read or
    /// written, on the board (mine) and in the file (theirs); `None` where that side has no row.
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The board's.
    Mine,
    /// The file's.
    Theirs,
}

impl CardConflict {
    /// The column, when the conflict is one cell.
    pub fn col(&self) -> Option<usize> {
        self.field.as_ref().map(|(c, _)| *c)
    }

    /// The field's name as said in messages: its header, or "the row".
    pub fn field_name(&self) -> &str {
        self.field.as_ref().map_or("the row", |(_, name)| name)
    }

    /// The change that takes `side` on `board` (`None` when the board already shows it): mine
    /// is what the board shows, except for a row deleted here and edited there, which the board
    /// shows (theirs) so that it can be seen.
    pub fn resolve(&self, board: &Board, side: Side) -> Option<Change> {
        match (&self.field, side) {
            (Some((col, _)), Side::Theirs) => {
                let value = self.theirs.clone()?;
                board.edit(self.card, &[(*col, value)])
            }
            (Some(_), Side::Mine) => None,
            // The row: deleted on one side, edited on the other.
            (None, side) => {
                let delete = match side {
                    Side::Mine => self.mine.is_none(),
                    Side::Theirs => self.theirs.is_none(),
                };
                if delete {
                    board.remove(self.card)
                } else {
                    None
                }
            }
        }
    }
}

/// The conflicts after a change: a conflicting cell the user set, or a card deleted, has none
/// left.
pub fn after_change(conflicts: &mut Vec<CardConflict>, board: &Board, change: &Change) {
    if conflicts.is_empty() {
        return;
    }
    for part in change.parts() {
        match part {
            Change::Edit { id, cells } => conflicts.retain(|c| {
                c.card != *id || c.col().is_none_or(|col| cells.iter().all(|e| e.col != col))
            }),
            Change::Batch(_) => after_change(conflicts, board, part),
            _ => {}
        }
    }
    conflicts.retain(|c| board.card(c.card).is_some());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    const DOC: &str = "| Name | State |\n| --- | --- |\n| A | x |\n| B | y |\n";

    fn board() -> Board {
        Board::detect(markdown::parse(DOC).unwrap()).unwrap()
    }

    fn conflict(
        field: Option<(usize, String)>,
        mine: Option<&str>,
        theirs: Option<&str>,
    ) -> CardConflict {
        CardConflict {
            card: 1,
            field,
            base: Some("w".into()),
            mine: mine.map(str::to_owned),
            theirs: theirs.map(str::to_owned),
        }
    }

    #[test]
    fn a_cell_takes_theirs_by_an_edit_and_mine_by_nothing() {
        let b = board();
        let c = conflict(Some((1, "State".into())), Some("x"), Some("z"));
        assert_eq!(c.resolve(&b, Side::Mine), None);
        let Some(Change::Edit { id: 1, cells }) = c.resolve(&b, Side::Theirs) else {
            panic!("an edit");
        };
        assert_eq!(
            (cells[0].before.as_str(), cells[0].after.as_str()),
            ("x", "z")
        );
    }

    #[test]
    fn a_row_deleted_on_one_side_is_deleted_by_taking_that_side() {
        let b = board();
        let theirs_deleted = conflict(None, Some("| A | x |"), None);
        assert!(matches!(
            theirs_deleted.resolve(&b, Side::Theirs),
            Some(Change::Remove { .. })
        ));
        assert_eq!(theirs_deleted.resolve(&b, Side::Mine), None);
        let mine_deleted = conflict(None, None, Some("| A | x |"));
        assert!(matches!(
            mine_deleted.resolve(&b, Side::Mine),
            Some(Change::Remove { .. })
        ));
        assert_eq!(mine_deleted.resolve(&b, Side::Theirs), None);
    }

    #[test]
    fn setting_the_cell_or_deleting_the_card_ends_its_conflicts() {
        let mut b = board();
        let mut all = vec![
            conflict(Some((1, "State".into())), Some("x"), Some("z")),
            conflict(Some((0, "Name".into())), Some("A"), Some("Q")),
        ];
        let edit = b.edit(1, &[(1, "k".into())]).unwrap();
        b.apply(edit.clone()).unwrap();
        after_change(&mut all, &b, &edit);
        assert_eq!(all.len(), 1);
        let remove = b.remove(1).unwrap();
        b.apply(remove.clone()).unwrap();
        after_change(&mut all, &b, &remove);
        assert!(all.is_empty());
    }
}
