//! The commands that look after the boards kept: `boards` (and `--prune`) and `reset`.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::markdown;
use crate::store::{self, Store, Stored};

/// `reset`: drops the board's changes and reads its file again.
pub(super) fn reset(
    store: &Store,
    stored: &mut Stored,
    yes: bool,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let (text, shown) = match &stored.source {
        Some(p) => (
            std::fs::read(p).with_context(|| format!("{}: cannot read it again", p.display()))?,
            p.display().to_string(),
        ),
        None => (
            store::BUNDLED.as_bytes().to_vec(),
            "the bundled project list".to_owned(),
        ),
    };
    if !yes {
        let changes = stored.board.history.done.len();
        let question = format!(
            "Drop the board's {changes} change(s) and read {shown} again? The board is kept as a backup. [y/N] "
        );
        match ask("", &question, err)? {
            Some(true) => {}
            Some(false) => bail!("not reset (answer y, or pass --yes)"),
            None => bail!(
                "not reset: no terminal to ask on; pass --yes to drop the board's {changes} \
                 change(s) and read {shown} again"
            ),
        }
    }
    store.reset(stored, &text)?;
    writeln!(out, "reset the board of {shown}")?;
    Ok(())
}

/// `reset` of a board that cannot be read: sets it aside and makes a new one from the file.
pub(super) fn recover(
    store: &Store,
    source: Option<&Path>,
    error: &store::StoreError,
    yes: bool,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let shown = source.map_or_else(
        || "the bundled project list".to_owned(),
        |p| p.display().to_string(),
    );
    // The file must be readable before the board is set aside, or there is nothing to start from.
    if let Some(path) = source {
        let text =
            std::fs::read(path).with_context(|| format!("{}: cannot read it", path.display()))?;
        markdown::parse_bytes(&text).map_err(|e| anyhow!(e.in_file(path.display())))?;
    }
    if !yes {
        let question = format!("Set this board aside and start again from {shown}? [y/N] ");
        match ask(&format!("mdboard: {error}"), &question, err)? {
            Some(true) => {}
            Some(false) => bail!("not reset (answer y, or pass --yes)"),
            None => bail!(
                "not reset: no terminal to ask on; pass --yes to set the board aside and start \
                 again from {shown}"
            ),
        }
    }
    let aside = store.set_aside(source)?;
    store.open(source)?;
    match aside {
        Some(dir) => writeln!(
            out,
            "reset the board of {shown}; the unreadable board is kept in {}",
            dir.display()
        )?,
        None => writeln!(out, "reset the board of {shown}")?,
    }
    Ok(())
}

/// Says `about` (what the question is about, when there is something to say) on `err`, then
/// asks `question` on the terminal: whether the answer is yes. `None`, asking nothing, when
/// there is no terminal to ask on: the caller refuses in one line of its own.
fn ask(about: &str, question: &str, err: &mut dyn Write) -> Result<Option<bool>> {
    if !about.is_empty() {
        writeln!(err, "{about}")?;
    }
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Ok(None);
    }
    write!(err, "{question}")?;
    err.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(Some(matches!(answer.trim(), "y" | "Y" | "yes")))
}

/// `boards`: every board kept, with its file and whether the two agree.
pub(super) fn list(store: &Store, out: &mut dyn Write) -> Result<()> {
    let boards = store.boards();
    if boards.is_empty() {
        writeln!(out, "no boards in {}", store.dir().display())?;
        return Ok(());
    }
    for (path, loaded) in boards {
        match loaded {
            Ok(stored) => {
                let source = stored.source.as_ref().map_or_else(
                    || "(bundled projects.md)".to_owned(),
                    |p| p.display().to_string(),
                );
                let file_state = match &stored.source {
                    Some(p) => match std::fs::read(p) {
                        Ok(bytes) if crate::board::Fingerprint::of(&bytes) == stored.synced => {
                            "file unchanged"
                        }
                        Ok(_) => "file changed outside",
                        Err(_) => "file missing",
                    },
                    None => "bundled",
                };
                let pending = if stored.unsynced() {
                    format!(
                        "{} change(s) not written back",
                        stored.board.history.done.len()
                    )
                } else {
                    "in sync".to_owned()
                };
                writeln!(
                    out,
                    "{source}\n  {} cards, {pending}, {file_state}\n  {}",
                    stored.board.cards.len(),
                    path.display()
                )?;
            }
            Err(e) => writeln!(out, "{}\n  unreadable: {e}", path.display())?,
        }
    }
    Ok(())
}

/// `boards --prune`: lists the boards whose file is gone and the snapshots no board names,
/// asks (unless `yes`), and removes them; boards with changes never written back only with
/// `unsynced`.
pub(super) fn prune(
    store: &Store,
    (yes, unsynced): (bool, bool),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let plan = store.prune_plan()?;
    let going = plan.boards.len() + if unsynced { plan.unsynced.len() } else { 0 };
    if going == 0 && plan.snapshots.is_empty() {
        for kept in &plan.unsynced {
            writeln!(out, "kept: {}", unsynced_line(kept))?;
        }
        writeln!(out, "nothing to prune in {}", store.dir().display())?;
        return Ok(());
    }
    let mut listing: Vec<String> = plan
        .boards
        .iter()
        .map(|o| format!("  the board of {} (file gone)", o.source.display()))
        .collect();
    if unsynced {
        listing.extend(
            plan.unsynced
                .iter()
                .map(|o| format!("  the board of {}", unsynced_line(o))),
        );
    }
    if !plan.snapshots.is_empty() {
        listing.push(format!(
            "  {} snapshot(s) no board names",
            plan.snapshots.len()
        ));
    }
    let listing = listing.join("\n");
    let kept: Vec<String> = plan
        .unsynced
        .iter()
        .filter(|_| !unsynced)
        .map(|o| format!("kept: {} (--include-unsynced removes it)", unsynced_line(o)))
        .collect();
    if yes {
        for line in &kept {
            writeln!(out, "{line}")?;
        }
    } else {
        let mut about = kept;
        about.push(format!("To remove from {}:", store.dir().display()));
        about.push(listing);
        match ask(&about.join("\n"), "Remove them? [y/N] ", err)? {
            Some(true) => {}
            Some(false) => bail!("nothing pruned (answer y, or pass --yes)"),
            None => bail!("nothing pruned: no terminal to ask on; pass --yes to remove them"),
        }
    }
    let done = store.prune(&plan, unsynced)?;
    for source in &done.boards {
        writeln!(out, "removed the board of {}", source.display())?;
    }
    for (source, holder) in &done.in_use {
        writeln!(
            out,
            "kept the board of {}: in use by {holder}",
            source.display()
        )?;
    }
    if done.snapshots > 0 {
        writeln!(out, "removed {} snapshot(s) no board named", done.snapshots)?;
    }
    Ok(())
}

fn unsynced_line(orphan: &store::Orphan) -> String {
    format!(
        "{} (file gone, {} change(s) never written back)",
        orphan.source.display(),
        orphan.unwritten
    )
}
