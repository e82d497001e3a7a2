//! `changes`: what the board changes compared with its file (what `w` would write), or with
//! `--since REV` what changed between the file at a git revision and the file in the working
//! tree; as a markdown list for a pull request description, or as JSON. Reads only: no board is
//! made, locked or written, and the file is not followed. With `--since` the board is not even
//! read, so a CI runner can run it.
//!
//! Both sides are boards whose ids name the same cards. The file as the board last wrote or read
//! it is a point of the board's own history, so its cards are known exactly. A file changed
//! outside since, and the file at a revision, have their rows matched as the merge matches them
//! ([`merge::versions`](crate::merge::versions)): by an unchanged line, the title, the document
//! ID, a column of unique values, the position; so a renamed project is one card.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use super::{TableJson, table_json_of};
use crate::board::diff::{CardChange, Kind, Summary};
use crate::board::{Board, CardId, Choice, Fingerprint, Layout, layout};
use crate::cli::Format;
use crate::merge::versions::{self, Version};
use crate::store::{self, Store, Stored};
use crate::{git, markdown};

/// `changes --format json`: the stable interface.
#[derive(Debug, Serialize)]
struct ChangesJson {
    moved: usize,
    added: usize,
    removed: usize,
    renamed: usize,
    edited: usize,
    reordered: usize,
    /// States the states table renamed (the cards moved with one are not listed as moved).
    states: Vec<StateRenameJson>,
    /// A change per card, grouped by state (the board's order of columns).
    cards: Vec<CardChangeJson>,
}

#[derive(Debug, Serialize)]
struct StateRenameJson {
    from: String,
    to: String,
    /// The cards that moved with it.
    cards: usize,
}

#[derive(Debug, Serialize)]
struct RenameJson {
    from: String,
    to: String,
}

#[derive(Debug, Serialize)]
struct CardChangeJson {
    id: CardId,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_id: Option<String>,
    table: TableJson,
    /// The column the card stands in (a removed card's, the one it stood in).
    state: String,
    /// `added`, `removed`, or `changed`.
    change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved: Option<RenameJson>,
    /// Header names of the cells edited (the state aside).
    edited: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    renamed_from: Option<String>,
    reordered: bool,
}

/// `changes [-f FILE] [--format markdown|json]`.
pub(super) fn changes(
    store: &Store,
    source: Option<&Path>,
    choice: &Choice,
    format: Format,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let (stored, named, notices) = store.peek(source, choice)?;
    for n in &notices {
        writeln!(err, "mdboard: {n}")?;
    }
    let shown = source.map_or_else(|| "(bundled projects.md)".into(), store::absolute);
    let bytes = match source {
        None => store::BUNDLED.as_bytes().to_vec(),
        Some(path) => fs::read(path).with_context(|| {
            format!(
                "{}: cannot read it to compare the board with (export -o writes it)",
                shown.display()
            )
        })?,
    };
    let before;
    let (summary, boards) = if let Some(stored) = &stored {
        before = file_board(stored, &bytes, &shown)?;
        (
            stored.board.changes_since(&before),
            Some((&stored.board, &before)),
        )
    } else {
        // No board: nothing changes the file, which must still be a project list.
        read(&bytes, &named, &shown)?;
        (Summary::default(), None)
    };
    print(&summary, boards, format, out)
}

/// `changes --since REV [-f FILE] [--format markdown|json]`: FILE at REV (`git show REV:FILE`)
/// against FILE in the working tree, both read with the columns `flags` and the settings name.
/// FILE at REV without a projects table has every card added.
pub(super) fn since(
    source: Option<&Path>,
    rev: &str,
    flags: &Choice,
    format: Format,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let Some(path) = source else {
        bail!(
            "changes --since needs a FILE in a git repository (-f FILE): the bundled list is none"
        );
    };
    let shown = path.display();
    let bytes = fs::read(path).with_context(|| format!("{shown}: cannot read it"))?;
    let settings = super::settings(path, err)?;
    let choice = flags.clone().or(&settings.choice());
    let (doc, layout) = read(bytes.as_slice(), &choice, path)?;
    let then = match git::show(path, rev) {
        Ok(bytes) => bytes,
        // Renamed since (`git mv`): the file as it was named then.
        Err(e) => match git::path_at(path, rev) {
            Ok(Some(old)) => {
                writeln!(err, "mdboard: {shown} was {old} at {rev}")?;
                git::show_path(path, rev, &old).map_err(|e| anyhow!("{old} at {rev}: {e}"))?
            }
            _ => bail!("{shown} at {rev}: {e}"),
        },
    };
    let then_doc = markdown::parse_bytes(&then).map_err(|e| anyhow!("{shown} at {rev}: {e}"))?;
    let then_layout = layout::layout(&then_doc, &choice).unwrap_or_else(|_| Layout {
        state_name: layout.state_name.clone(),
        tables: Vec::new(),
        states_table: None,
        states: Vec::new(),
    });
    let now = Board::new(doc, layout);
    let ids = versions::ids_before(
        Version::new(&then_doc, &then_layout),
        Version::new(&now.doc, &now.layout),
        &now.snapshot_ids,
        now.next_id,
    );
    let before = Board::with_ids(then_doc, then_layout, ids);
    print(
        &now.changes_since(&before),
        Some((&now, &before)),
        format,
        out,
    )
}

/// The summary as `format` says; `boards` (the board and the one it is compared with) name
/// the tables of its cards in JSON.
fn print(
    summary: &Summary,
    boards: Option<(&Board, &Board)>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Markdown => out.write_all(summary.markdown().as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json(summary, boards))?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The board of the file's bytes, its rows carrying the ids of the cards they are.
fn file_board(stored: &Stored, bytes: &[u8], shown: &Path) -> Result<Board> {
    let board = &stored.board;
    let synced = stored.synced_at.filter(|&k| k <= board.timeline_len());
    let at = |k| {
        board
            .at(k)
            .with_context(|| format!("{}: the board's history", shown.display()))
    };
    if let Some(k) = synced
        && Fingerprint::of(bytes) == stored.synced
    {
        return at(k);
    }
    if bytes == board.doc.text.as_bytes() {
        return at(0);
    }
    // Changed outside: its rows are recognised among the cards as last synced, then as now,
    // matched as the merge matches rows.
    let (doc, layout) = read(bytes, &stored.choice, shown)?;
    let base = at(synced.unwrap_or(0))?;
    let ids_of = |b: &Board| -> Vec<CardId> { b.cards.iter().map(|c| c.id).collect() };
    let (base_ids, board_ids) = (ids_of(&base), ids_of(board));
    let (base_doc, board_doc) = (versions::written(&base), versions::written(board));
    let known: Vec<(Version, &[CardId])> = [
        (base_doc.as_deref(), &base.layout, base_ids.as_slice()),
        (board_doc.as_deref(), &board.layout, board_ids.as_slice()),
    ]
    .into_iter()
    .filter_map(|(doc, layout, ids)| Some((Version::new(doc?, layout), ids)))
    .collect();
    let (ids, _) = versions::ids_after(Version::new(&doc, &layout), &known, board.next_id);
    Ok(Board::with_ids(doc, layout, ids))
}

/// The file's document and what its tables mean, read with `choice`.
fn read(bytes: &[u8], choice: &Choice, shown: &Path) -> Result<(markdown::Document, Layout)> {
    let doc = markdown::parse_bytes(bytes).map_err(|e| anyhow!(e.in_file(shown.display())))?;
    let layout = layout::layout(&doc, choice).with_context(|| shown.display().to_string())?;
    Ok((doc, layout))
}

/// The summary as JSON; a removed card's table is named as the board it was on (`boards.1`)
/// has it.
fn json(summary: &Summary, boards: Option<(&Board, &Board)>) -> ChangesJson {
    let n = summary.counts();
    let pair = |(from, to): &(String, String)| RenameJson {
        from: from.clone(),
        to: to.clone(),
    };
    let card = |c: &CardChange| CardChangeJson {
        id: c.id,
        name: c.name.clone(),
        doc_id: c.doc_id.clone(),
        table: boards.map_or(
            TableJson {
                index: 0,
                heading: None,
            },
            |(now, before)| {
                let board = if c.kind == Kind::Removed { before } else { now };
                table_json_of(board, c.table)
            },
        ),
        state: c.state.clone(),
        change: match c.kind {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        },
        moved: c.moved.as_ref().map(pair),
        edited: c.edited.clone(),
        renamed_from: c.renamed_from.clone(),
        reordered: c.reordered,
    };
    ChangesJson {
        moved: n.moved,
        added: n.added,
        removed: n.removed,
        renamed: n.renamed,
        edited: n.edited,
        reordered: n.reordered,
        states: summary
            .states
            .iter()
            .map(|r| StateRenameJson {
                from: r.from.clone(),
                to: r.to.clone(),
                cards: r.cards,
            })
            .collect(),
        cards: summary
            .groups
            .iter()
            .flat_map(|g| &g.cards)
            .map(card)
            .collect(),
    }
}
