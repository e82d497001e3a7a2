//! `undo` and `redo`: the board's own history from the command line, said in the board's words.

use std::io::Write;

use anyhow::{Context, Result, anyhow};

use crate::cli::WriteArgs;
use crate::store::{Store, Stored};

/// Undoes (`back`) or redoes the last `n` changes, saying each as the board does; saves, and
/// writes the markdown back when asked.
pub(super) fn travel(
    store: &Store,
    stored: &mut Stored,
    (back, n): (bool, u64),
    write: WriteArgs,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let word = if back { "undo" } else { "redo" };
    let mut done = 0;
    let mut failed = None;
    for _ in 0..n {
        let board = &mut stored.board;
        let result = if back { board.undo() } else { board.redo() };
        let change = match result {
            Ok(Some(change)) => change.clone(),
            Ok(None) => break,
            Err(e) => {
                failed = Some(anyhow!("cannot {word}: {e}"));
                break;
            }
        };
        // What the board just did: an undone change's inverse, or the redone change.
        let applied = if back { change.inverse() } else { change };
        writeln!(out, "{}", stored.board.travelled(&applied, back))?;
        done += 1;
    }
    if done > 0 {
        store.save(stored)?;
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if done < n {
        let more = if done == 0 { "" } else { " more" };
        writeln!(err, "mdboard: nothing{more} to {word}")?;
    }
    if write.write {
        store
            .write_back(stored, write.force)
            .with_context(|| format!("the {word} is kept in the board"))?;
    }
    Ok(())
}
