//! The commands that change cards: `move`, `set`, `add`, `rm`, `rename-state`; and what they
//! share: finding a card, reading `FIELD=VALUE`, refusing an unknown state, committing a change.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context, Result, anyhow, bail};

use super::states;
use crate::board::{Board, Card, CardId, Change, Column, Place};
use crate::cli::{Command, NewState, WriteArgs};
use crate::markdown::{self, cell};
use crate::store::{self, Absorbed, Store, Stored};

/// Whether a command changes cards (and is run by [`run`]).
pub(super) fn changes_cards(command: &Command) -> bool {
    matches!(
        command,
        Command::Move { .. }
            | Command::Set { .. }
            | Command::Add { .. }
            | Command::Rm { .. }
            | Command::Place { .. }
            | Command::RenameState { .. }
            | Command::Undo { .. }
            | Command::Redo { .. }
    )
}

/// Runs a command that changes the board.
pub(super) fn run(
    store: &Store,
    stored: &mut Stored,
    command: &Command,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    change(store, stored, command, Writing::board(command), (out, err))
}

/// Runs a command that changes the board, writing as `write` says.
fn change(
    store: &Store,
    stored: &mut Stored,
    command: &Command,
    write: Writing,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    match command {
        Command::Move {
            cards,
            state,
            new_state,
            ..
        } => move_cards(
            store,
            stored,
            (cards, state),
            (*new_state, write),
            (out, err),
        ),
        Command::Set {
            card,
            fields,
            new_state,
            ..
        } => set_card(
            store,
            stored,
            (card, fields),
            (*new_state, write),
            (out, err),
        ),
        Command::Add {
            fields,
            table,
            before,
            after,
            new_state,
            ..
        } => {
            let by = (before.as_deref(), after.as_deref());
            let at = (table.as_deref(), by);
            add_card(store, stored, (fields, at), (*new_state, write), (out, err))
        }
        Command::Place { card, to, write } => {
            super::place::place(store, stored, card, to, *write, (out, err))
        }
        Command::Undo { n, write } => {
            super::history::travel(store, stored, (true, *n), *write, (out, err))
        }
        Command::Redo { n, write } => {
            super::history::travel(store, stored, (false, *n), *write, (out, err))
        }
        Command::Rm { cards, .. } => remove_cards(store, stored, cards, write, (out, err)),
        Command::RenameState { old, new, write } => {
            states::rename(store, stored, (old, new), *write, (out, err))
        }
        other => unreachable!("not a command that changes cards: {other:?}"),
    }
}

/// Each of `names` as one card, all found or an error; a card named twice counts once.
fn find_cards(board: &Board, names: &[String]) -> Result<Vec<CardId>> {
    let mut ids = Vec::new();
    for name in names {
        let id = find_card(board, name)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// `move`: cards into another state, as one change: a state the document knows, or with
/// `--new-state` any.
fn move_cards(
    store: &Store,
    stored: &mut Stored,
    (cards, state): (&[String], &str),
    (new_state, write): (NewState, Writing),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let ids = find_cards(board, cards)?;
    let columns = board.columns();
    let column = board.find_column(&columns, state);
    // The state is the same for every card: checked once, named by the first card.
    if let Some(&first) = ids.first() {
        let title = board
            .card(first)
            .map(|c| board.title(c))
            .unwrap_or_default();
        let state = column.map_or(state, |c| c.state.as_str());
        known_state((board, &columns), &title, state, new_state)?;
    }
    let (changes, to, key) = if let Some(column) = column {
        let changes = board.move_all(&ids, column);
        (changes, column.name.clone(), Some(column.key.clone()))
    } else {
        // A new state, asked for: written as typed.
        let raw = markdown::encode(state);
        let changes = ids
            .iter()
            .filter_map(|&id| {
                let card = board.card(id)?;
                board.edit(id, &[(board.state_col_of(card), raw.clone())])
            })
            .collect();
        (changes, state.trim().to_owned(), None)
    };
    let to = cell::printable(&to).into_owned();
    let moved: HashSet<CardId> = changes.iter().filter_map(Change::card_id).collect();
    let lines: Vec<String> = ids
        .iter()
        .map(|&id| {
            let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
            let title = cell::printable(&title).into_owned();
            if moved.contains(&id) {
                format!("moved \"{title}\" to {to}")
            } else {
                format!("\"{title}\" is in {to} already")
            }
        })
        .collect();
    commit(store, stored, Change::batch(changes), write, (out, err))?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    // Said after a move into the column only: a card already there changes no count.
    if let Some(key) = key.filter(|_| !moved.is_empty()) {
        over_limit(stored, &key, &to, err)?;
    }
    Ok(())
}

/// Says when the column of `key` is over its soft limit: a limit is never enforced, only said.
fn over_limit(stored: &Stored, key: &str, name: &str, err: &mut dyn Write) -> Result<()> {
    let limit = stored.settings.limit_of(key);
    let columns = stored.board.columns();
    if let (Some(limit), Some(column)) = (limit, columns.iter().find(|c| c.key == key))
        && column.cards.len() > limit
    {
        writeln!(
            err,
            "mdboard: {name} is over its limit ({} of {limit})",
            column.cards.len()
        )?;
    }
    Ok(())
}

/// `rm`: cards deleted, as one change.
fn remove_cards(
    store: &Store,
    stored: &mut Stored,
    cards: &[String],
    write: Writing,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let ids = find_cards(board, cards)?;
    let change = board.remove_all(&ids);
    let titles: Vec<String> = ids
        .iter()
        .map(|&id| board.card(id).map(|c| board.title(c)).unwrap_or_default())
        .collect();
    commit(store, stored, change, write, (out, err))?;
    for title in titles {
        writeln!(out, "deleted \"{}\"", cell::printable(&title))?;
    }
    Ok(())
}

/// `set`: cells of a card; a new state only with `--new-state`.
fn set_card(
    store: &Store,
    stored: &mut Stored,
    (card, fields): (&str, &[String]),
    (new_state, write): (NewState, Writing),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let found = card_named(board, card)?;
    let id = found.id;
    let mut cells = parse_fields(board.headers_of(found), fields)?;
    let state_col = board.state_col_of(found);
    let columns = board.columns();
    for (col, raw) in &mut cells {
        // A state named as the board knows it is written as the card's table spells it.
        if *col == state_col {
            let state = markdown::decode(raw);
            known_state((board, &columns), &board.title(found), &state, new_state)?;
            *raw = board.state_spelling_in(&columns, found.table, &state);
        }
    }
    let change = board.edit(id, &cells);
    commit(store, stored, change, write, (out, err))?;
    let board = &stored.board;
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    writeln!(out, "updated \"{}\"", cell::printable(&title))?;
    Ok(())
}

/// Where `add` puts a card: the table named, and the card named by `--before` or `--after`.
type AddAt<'a> = (Option<&'a str>, (Option<&'a str>, Option<&'a str>));

/// `add`: a card after the last of its state, in the table named (the first by default), or
/// before or after the card named; a new state only with `--new-state`.
fn add_card(
    store: &Store,
    stored: &mut Stored,
    (fields, (table, by)): (&[String], AddAt<'_>),
    (new_state, write): (NewState, Writing),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let by = match by {
        (Some(card), _) => Some((card, Place::Before(find_card(board, card)?))),
        (None, Some(card)) => Some((card, Place::After(find_card(board, card)?))),
        (None, None) => None,
    };
    // The table of the card named, unless --table names one; then they must agree.
    let by_table = by.and_then(|(_, p)| match p {
        Place::Before(id) | Place::After(id) => board.card(id).map(|c| c.table),
        Place::Top | Place::Bottom => None,
    });
    let layout = match (table, by_table.and_then(|t| board.layout.of_table(t))) {
        (None, Some(layout)) => layout,
        (named, _) => pick_table(board, named)?,
    };
    if let (Some((card, _)), Some(t)) = (by, by_table)
        && t != layout.table
    {
        bail!(
            "--table names table {}, and {card:?} stands in table {}: the new row goes in the \
             table of the card it is put next to",
            board.table_name(layout.table),
            board.table_name(t)
        );
    }
    let headers = &board.doc.tables[layout.table].columns;
    let mut cells = vec![String::new(); headers.len()];
    for (col, raw) in parse_fields(headers, fields)? {
        cells[col] = raw;
    }
    if cells[layout.title].is_empty() {
        let name = &headers[layout.title];
        bail!("a card needs a {name:?}: add {name:?}=NAME");
    }
    let state = markdown::decode(&cells[layout.state]);
    let title = markdown::plain(&cells[layout.title]);
    let columns = board.columns();
    known_state((board, &columns), &title, &state, new_state)?;
    cells[layout.state] = board.state_spelling_in(&columns, layout.table, &state);
    let at = if let Some((_, place)) = by {
        board.place_index(layout.table, place)?
    } else {
        board
            .find_column(
                &columns,
                if state.trim().is_empty() {
                    "none"
                } else {
                    &state
                },
            )
            .map_or_else(
                || board.table_span(layout.table).1,
                |c| board.insert_position(layout.table, c, None),
            )
    };
    // The id the new card gets.
    let id = board.next_id;
    let change = board.insert(at, layout.table, cells);
    commit(store, stored, Some(change), write, (out, err))?;
    let board = &stored.board;
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    writeln!(out, "added \"{}\" (id {id})", cell::printable(&title))?;
    Ok(())
}

/// The table `--table` names: its number among the board's tables (from 1) or its heading (any
/// case); the first when it names none.
fn pick_table<'a>(board: &'a Board, named: Option<&str>) -> Result<&'a crate::board::TableLayout> {
    let tables = &board.layout.tables;
    let Some(named) = named else {
        return tables
            .first()
            .ok_or_else(|| anyhow!("the board has no table"));
    };
    let heading = |t: &crate::board::TableLayout| board.doc.tables[t.table].heading.clone();
    let by_number = named
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|n| tables.get(n));
    let wanted = named.trim().to_lowercase();
    by_number
        .or_else(|| {
            tables
                .iter()
                .find(|t| heading(t).is_some_and(|h| h.to_lowercase() == wanted))
        })
        .ok_or_else(|| {
            let known: Vec<String> = tables
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{} ({})", i + 1, heading(t).unwrap_or_default()))
                .collect();
            anyhow!("no table {named:?}; the tables are: {}", known.join(", "))
        })
}

/// How a command that changes cards writes: into the board (and the file with `--write`), or,
/// while another mdboard holds the board, into the file alone.
#[derive(Debug, Clone, Copy)]
pub(super) struct Writing<'a> {
    args: WriteArgs,
    /// Who holds the board, when the change goes into the file directly.
    direct: Option<&'a str>,
}

impl Writing<'_> {
    fn board(command: &Command) -> Self {
        Self {
            args: write_args(command).unwrap_or(WriteArgs {
                write: false,
                force: false,
            }),
            direct: None,
        }
    }
}

/// The `--write` of a command that changes cards.
fn write_args(command: &Command) -> Option<WriteArgs> {
    match command {
        Command::Move { write, .. }
        | Command::Set { write, .. }
        | Command::Add { write, .. }
        | Command::Rm { write, .. } => Some(*write),
        _ => None,
    }
}

/// Whether the command writes its change into the file (which it may do with the board held).
pub(super) fn direct_write(command: &Command) -> bool {
    write_args(command).is_some_and(|w| w.write)
}

/// A change of cards made on the file itself, under its write lock: another mdboard holds the
/// board (and follows the file).
pub(super) fn run_direct(
    store: &Store,
    held: Stored,
    command: &Command,
    holder: &str,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let path = held
        .source
        .clone()
        .ok_or_else(|| anyhow!("the bundled board has no file to write"))?;
    let _lock = store::write_lock(&path)?;
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let board = store::board_of(&bytes, &path, &held.choice)?;
    let mut stored = Stored::in_memory(board, Some(path));
    stored.settings = held.settings;
    let mut write = Writing::board(command);
    write.direct = Some(holder);
    change(store, &mut stored, command, write, (out, err))
}

/// Applies a change, saves the board, and writes the markdown back when asked, saying every
/// change written (the earlier ones not yet written too) and what following the file did.
pub(super) fn commit(
    store: &Store,
    stored: &mut Stored,
    change: Option<Change>,
    write: Writing,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    if let Some(holder) = write.direct {
        let Some(path) = stored.source.clone() else {
            bail!("the bundled board has no file to write");
        };
        let Some(change) = change else {
            writeln!(err, "mdboard: nothing to change")?;
            return Ok(());
        };
        stored.board.apply(change)?;
        store::write_markdown(&path, stored.board.export().as_bytes())?;
        writeln!(
            out,
            "wrote {} directly: the board is open in {holder}, which follows the file",
            path.display()
        )?;
        return Ok(());
    }
    // Refused before, with what to do instead (see [`check_writable`]); kept as the guard.
    stored.check_writable()?;
    let earlier = if write.args.write {
        unwritten(stored)
    } else {
        Vec::new()
    };
    if let Some(change) = change {
        stored.board.apply(change)?;
        stored.note_change();
        store.save(stored)?;
    } else {
        writeln!(err, "mdboard: nothing to change")?;
    }
    if write.args.write {
        let written = store
            .write_back(stored, write.args.force)
            .context("the change is kept in the board")?;
        say_written(stored, &earlier, written.followed.as_ref(), out)?;
    }
    Ok(())
}

/// The board's changes not yet written, in words: those about cards the file does not have as
/// the board has them (a move and the move back, or a conflict resolved as the file has it,
/// write nothing and are not said).
pub(super) fn unwritten(stored: &Stored) -> Vec<String> {
    if !stored.unwritten() {
        return Vec::new();
    }
    let board = &stored.board;
    let done = &board.history.done;
    let from = stored.synced_at.filter(|&k| k <= done.len()).unwrap_or(0);
    let changed: Option<HashSet<CardId>> = board.at(from).ok().map(|before| {
        let summary = board.changes_since(&before);
        summary
            .groups
            .iter()
            .flat_map(|g| &g.cards)
            .map(|c| c.id)
            .collect()
    });
    done[from..]
        .iter()
        .filter(|c| changed.as_ref().is_none_or(|ids| touches(c, ids)))
        .map(|c| board.describe(c, false))
        .collect()
}

/// Whether a change is about one of the cards `ids`, or about no card (the states table).
fn touches(change: &Change, ids: &HashSet<CardId>) -> bool {
    match change {
        Change::Edit { id, .. } | Change::Reorder { id, .. } => ids.contains(id),
        Change::Insert { card, .. } | Change::Remove { card, .. } => ids.contains(&card.id),
        Change::TableCell { .. } => true,
        Change::Batch(parts) => parts.iter().any(|p| touches(p, ids)),
    }
}

/// Says what a write put in the file beside the command's own change.
pub(super) fn say_written(
    stored: &Stored,
    earlier: &[String],
    followed: Option<&Absorbed>,
    out: &mut dyn Write,
) -> Result<()> {
    let name = stored
        .source
        .as_deref()
        .map_or_else(String::new, |p| p.display().to_string());
    if let Some(what) = followed {
        writeln!(out, "followed {name} first: {what}")?;
    }
    for line in earlier {
        writeln!(out, "also written, made earlier: {}", cell::printable(line))?;
    }
    Ok(())
}

impl From<WriteArgs> for Writing<'_> {
    fn from(args: WriteArgs) -> Self {
        Self { args, direct: None }
    }
}

/// Refuses a command that changes cards while another mdboard holds the board; one that can
/// write into the file directly says so.
pub(super) fn check_writable(stored: &Stored, command: &Command) -> Result<()> {
    stored.check_writable().map_err(|e| {
        if write_args(command).is_some() {
            anyhow!(
                "{e} (or add --write: the change goes into the file, and the open board follows it)"
            )
        } else {
            e.into()
        }
    })
}

/// Refuses a state the document does not know for the card named `title`, unless `--new-state`
/// asks for it.
fn known_state(
    (board, columns): (&Board, &[Column]),
    title: &str,
    state: &str,
    new_state: NewState,
) -> Result<()> {
    if new_state.new_state {
        return Ok(());
    }
    board.check_state_in(columns, state).map_err(|e| {
        anyhow!(
            "card \"{}\": {e}; --new-state adds it",
            cell::printable(title)
        )
    })
}

/// The card a person names (see [`Board::find`]).
fn card_named<'a>(board: &'a Board, name: &str) -> Result<&'a Card> {
    let id = find_card(board, name)?;
    board
        .card(id)
        .ok_or_else(|| anyhow!("card {name:?}: no card is named like that"))
}

pub(super) fn find_card(board: &Board, name: &str) -> Result<CardId> {
    board.find(name).map_err(|e| anyhow!("card {name:?}: {e}"))
}

/// `FIELD=VALUE` pairs as (column, raw cell text) of a table with `headers`; a field is a header
/// name in any case (markup aside).
fn parse_fields(headers: &[String], fields: &[String]) -> Result<Vec<(usize, String)>> {
    fields
        .iter()
        .map(|f| {
            let (name, value) = f
                .split_once('=')
                .ok_or_else(|| anyhow!("{f:?}: expected FIELD=VALUE"))?;
            let key = crate::board::layout::header_key(name);
            let col = headers
                .iter()
                .position(|h| {
                    h.eq_ignore_ascii_case(name.trim())
                        || crate::board::layout::header_key(h) == key
                })
                .ok_or_else(|| {
                    anyhow!(
                        "unknown field {name:?}; the fields are: {}",
                        headers.join(", ")
                    )
                })?;
            Ok((col, cell::encode(value)))
        })
        .collect()
}
