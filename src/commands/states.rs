//! `rename-state`: a state renamed in the states table and in every card, as one change.

use std::io::Write;

use anyhow::{Result, anyhow};

use super::edit::commit;
use crate::board::Change;
use crate::cli::WriteArgs;
use crate::markdown::cell;
use crate::store::{Store, Stored};

/// `rename-state OLD NEW`.
pub(super) fn rename(
    store: &Store,
    stored: &mut Stored,
    (old, new): (&str, &str),
    write: WriteArgs,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let change = board
        .rename_state(old, new)
        .map_err(|e| anyhow!("rename-state: {e}"))?;
    let (listed, cards) = match &change {
        Some(Change::Batch(changes)) => {
            let listed = changes
                .iter()
                .any(|c| matches!(c, Change::TableCell { .. }));
            let cards = changes
                .iter()
                .filter(|c| matches!(c, Change::Edit { .. }))
                .count();
            (listed, cards)
        }
        _ => (false, 0),
    };
    let name = board
        .find_column(&board.columns(), old)
        .map_or_else(|| old.to_owned(), |c| c.name.clone());
    commit(store, stored, change, write.into(), (out, err))?;
    // The new name as the board now shows it: each cell is written in its own case.
    let board = &stored.board;
    let new = board
        .find_column(&board.columns(), new)
        .map_or_else(|| new.trim().to_owned(), |c| c.name.clone());
    let mut places = Vec::new();
    if listed {
        places.push("the states table".to_owned());
    }
    if cards > 0 {
        places.push(format!(
            "{cards} {}",
            if cards == 1 { "card" } else { "cards" }
        ));
    }
    let places = if places.is_empty() {
        String::new()
    } else {
        format!(" (in {})", places.join(" and "))
    };
    writeln!(
        out,
        "renamed state \"{}\" to \"{}\"{places}",
        cell::printable(&name),
        cell::printable(&new)
    )?;
    Ok(())
}
