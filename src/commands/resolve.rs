//! `resolve`: a side picked for the conflicts following the file left on a card, or for the
//! conflict markers a git merge left in the file.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::board::conflicts::Side;
use crate::cli::ResolveArgs;
use crate::markdown::{self, cell};
use crate::store::{self, Store, Stored};

/// Which side of a conflict block of a file to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
    Both,
}

/// Resolves the conflict markers of the file at `source`, when it has any (else `None`: the
/// board's conflicts are meant). No board is opened: a file with markers cannot be.
pub fn markers(
    source: Option<&Path>,
    args: &ResolveArgs,
    out: &mut dyn Write,
) -> Option<Result<()>> {
    let path = source?;
    let bytes = std::fs::read(path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if markdown::conflict_marker_lines(text).is_empty() {
        return None;
    }
    Some(resolve_file(path, args, out))
}

fn resolve_file(path: &Path, args: &ResolveArgs, out: &mut dyn Write) -> Result<()> {
    if args.card.is_some() {
        bail!(
            "{} has conflict markers left by a merge: they are resolved all at once, without \
             CARD (mdboard resolve -f FILE --mine, --theirs or --both)",
            path.display()
        );
    }
    let keep = if args.mine {
        Keep::Ours
    } else if args.theirs {
        Keep::Theirs
    } else {
        Keep::Both
    };
    let _lock = store::write_lock(path)?;
    let text = std::fs::read_to_string(path)?;
    let (resolved, blocks) = unmark(&text, keep);
    store::write_markdown(path, resolved.as_bytes())?;
    let side = match keep {
        Keep::Ours => "ours",
        Keep::Theirs => "theirs",
        Keep::Both => "both sides",
    };
    writeln!(
        out,
        "resolved {blocks} conflict{} in {}: kept {side}",
        if blocks == 1 { "" } else { "s" },
        path.display()
    )?;
    Ok(())
}

/// The text with each block between conflict markers replaced by the side(s) kept; and how many
/// blocks there were. A diff3 block's base lines (after `|||||||`) are dropped.
pub fn unmark(text: &str, keep: Keep) -> (String, usize) {
    #[derive(PartialEq)]
    enum In {
        Text,
        Ours,
        Base,
        Theirs,
    }
    let mut out = String::with_capacity(text.len());
    let mut ours = String::new();
    let mut theirs = String::new();
    let mut state = In::Text;
    let mut blocks = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let marker = markdown::is_conflict_marker(bare)
            .then(|| bare.chars().next())
            .flatten();
        match (&state, marker) {
            (In::Text, Some('<')) => state = In::Ours,
            (In::Ours, Some('|')) => state = In::Base,
            (In::Ours | In::Base, Some('=')) => state = In::Theirs,
            (In::Theirs, Some('>')) => {
                blocks += 1;
                match keep {
                    Keep::Ours => out.push_str(&ours),
                    Keep::Theirs => out.push_str(&theirs),
                    Keep::Both => {
                        out.push_str(&ours);
                        out.push_str(&theirs);
                    }
                }
                ours.clear();
                theirs.clear();
                state = In::Text;
            }
            (In::Text, _) => out.push_str(line),
            (In::Ours, _) => ours.push_str(line),
            (In::Base, _) => {}
            (In::Theirs, _) => theirs.push_str(line),
        }
    }
    // An unfinished block is left as it was written.
    if state != In::Text {
        out.push_str(&ours);
        out.push_str(&theirs);
    }
    (out, blocks)
}

/// Resolves conflicts of a card on the board.
pub fn on_board(
    store: &Store,
    stored: &mut Stored,
    args: &ResolveArgs,
    out: &mut dyn Write,
) -> Result<()> {
    stored.check_writable()?;
    let Some(name) = &args.card else {
        let n = stored.conflicts.len();
        if n == 0 {
            writeln!(out, "no conflicts")?;
            return Ok(());
        }
        bail!(
            "{n} conflict{} on the board: name a card (mdboard resolve CARD --mine or --theirs)",
            if n == 1 { "" } else { "s" }
        );
    };
    let side = match (args.mine, args.theirs) {
        (true, _) => Side::Mine,
        (_, true) => Side::Theirs,
        _ => bail!("--both is for a file's conflict markers; a card's take --mine or --theirs"),
    };
    let board = &stored.board;
    let id = board
        .find(name)
        .map_err(|e| anyhow!("card {name:?}: {e}"))?;
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    let field = args.field.as_deref().map(crate::board::layout::header_key);
    let of_card: Vec<String> = stored
        .conflicts
        .iter()
        .filter(|c| c.card == id)
        .map(|c| c.field_name().to_owned())
        .collect();
    if of_card.is_empty() {
        bail!("\"{}\" has no conflicts", cell::printable(&title));
    }
    let wanted = |c: &crate::board::CardConflict| {
        c.card == id
            && field.as_ref().is_none_or(|f| {
                c.field
                    .as_ref()
                    .is_some_and(|(_, name)| crate::board::layout::header_key(name) == *f)
            })
    };
    if !stored.conflicts.iter().any(wanted) {
        bail!(
            "\"{}\" has no conflict in {:?}; its conflicts: {}",
            cell::printable(&title),
            args.field.as_deref().unwrap_or_default(),
            of_card.join(", ")
        );
    }
    let (count, _) = stored.resolve(wanted, side)?;
    store.save(stored)?;
    let word = if side == Side::Mine {
        "kept mine"
    } else {
        "took theirs"
    };
    let left = stored.conflicts.len();
    writeln!(
        out,
        "{word} for {count} conflict{} of \"{}\"; {left} left",
        if count == 1 { "" } else { "s" },
        cell::printable(&title)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKED: &str = "# P\n\n| Name | State |\n| --- | --- |\n<<<<<<< ours\n| A | x |\n||||||| base\n| A | w |\n=======\n| A | y |\n>>>>>>> theirs\n| B | z |\n";

    #[test]
    fn each_side_or_both_is_kept() {
        let head = "# P\n\n| Name | State |\n| --- | --- |\n";
        assert_eq!(
            unmark(MARKED, Keep::Ours),
            (format!("{head}| A | x |\n| B | z |\n"), 1)
        );
        assert_eq!(
            unmark(MARKED, Keep::Theirs),
            (format!("{head}| A | y |\n| B | z |\n"), 1)
        );
        assert_eq!(
            unmark(MARKED, Keep::Both).0,
            format!("{head}| A | x |\n| A | y |\n| B | z |\n")
        );
    }
}
