//! `place`: a card's row put elsewhere in its table.

use std::io::Write;

use anyhow::{Result, anyhow};

use super::edit::{commit, find_card};
use crate::board::Place;
use crate::cli::{PlaceArgs, WriteArgs};
use crate::markdown::cell;
use crate::store::{Store, Stored};

/// `place CARD (--before CARD | --after CARD | --top | --bottom)`.
pub(super) fn place(
    store: &Store,
    stored: &mut Stored,
    card: &str,
    to: &PlaceArgs,
    write: WriteArgs,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let id = find_card(board, card)?;
    let (place, where_) = match (&to.before, &to.after, to.top) {
        (Some(other), _, _) => (Place::Before(find_card(board, other)?), "before"),
        (None, Some(other), _) => (Place::After(find_card(board, other)?), "after"),
        (None, None, true) => (Place::Top, "at the top of its table"),
        (None, None, false) => (Place::Bottom, "at the bottom of its table"),
    };
    let change = board
        .place(id, place)
        .map_err(|e| anyhow!("card {card:?}: {e}"))?;
    let title = |id| board.card(id).map(|c| board.title(c)).unwrap_or_default();
    let done = match place {
        Place::Before(other) | Place::After(other) => {
            format!("{where_} \"{}\"", cell::printable(&title(other)))
        }
        Place::Top | Place::Bottom => where_.to_owned(),
    };
    let moved = cell::printable(&title(id)).into_owned();
    let said = if change.is_some() {
        format!("placed \"{moved}\" {done}")
    } else {
        format!("\"{moved}\" is {done} already")
    };
    commit(store, stored, change, write.into(), (out, err))?;
    writeln!(out, "{said}")?;
    Ok(())
}
