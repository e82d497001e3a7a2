//! `changes`: what the board changes compared with its file (what `w` would write), as a
//! markdown list for a pull request description, or as JSON. Reads only: no board is made,
//! locked or written, and the file is not followed.
//!
//! Both sides are boards whose ids name the same cards. The file as the board last wrote or read
//! it is a point of the board's own history, so its cards are known exactly; a file changed
//! outside since is read, and its rows recognised by title, then by document ID.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::{TableJson, table_json_of};
use crate::board::diff::{CardChange, Kind, Summary};
use crate::board::{Board, CardId, Choice, Fingerprint, Key, Layout, layout};
use crate::cli::Format;
use crate::markdown;
use crate::store::{self, Store, Stored};

/// `changes --format json`: the stable interface.
#[derive(Debug, Serialize)]
struct ChangesJson {
    moved: usize,
    added: usize,
    removed: usize,
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
    let (summary, board) = if let Some(stored) = &stored {
        let before = file_board(stored, &bytes, &shown)?;
        (stored.board.changes_since(&before), Some(&stored.board))
    } else {
        // No board: nothing changes the file, which must still be a project list.
        read(&bytes, &named, &shown)?;
        (Summary::default(), None)
    };
    match format {
        Format::Markdown => out.write_all(summary.markdown().as_bytes())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json(&summary, board))?;
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
    // Changed outside: its rows are recognised among the cards as last synced, then as now.
    let (doc, layout) = read(bytes, &stored.choice, shown)?;
    let base = at(synced.unwrap_or(0))?;
    let known = [
        (&base, Key::Title),
        (&base, Key::DocId),
        (board, Key::Title),
        (board, Key::DocId),
    ];
    let (ids, _) = Board::ids_for(&doc, &layout, &known, board.next_id);
    Ok(Board::with_ids(doc, layout, ids))
}

/// The file's document and what its tables mean, read with `choice`.
fn read(bytes: &[u8], choice: &Choice, shown: &Path) -> Result<(markdown::Document, Layout)> {
    let doc = markdown::parse_bytes(bytes).with_context(|| shown.display().to_string())?;
    let layout = layout::layout(&doc, choice).with_context(|| shown.display().to_string())?;
    Ok((doc, layout))
}

fn json(summary: &Summary, board: Option<&Board>) -> ChangesJson {
    let n = summary.counts();
    let pair = |(from, to): &(String, String)| RenameJson {
        from: from.clone(),
        to: to.clone(),
    };
    let card = |c: &CardChange| CardChangeJson {
        id: c.id,
        name: c.name.clone(),
        doc_id: c.doc_id.clone(),
        table: board.map_or(
            TableJson {
                index: 0,
                heading: None,
            },
            |b| table_json_of(b, c.table),
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
