//! The non-interactive commands: the same board, store and markdown code as the screen.

mod boards;
mod merge;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use crate::board::{Board, CardId, Change, Column};
use crate::cli::{Command, Sort, WriteArgs};
use crate::markdown::{self, cell};
use crate::search::{self, Query, Rank, SearchIndex};
use crate::store::{self, Store, Stored};

/// A card as `list --json` prints it: the stable interface.
#[derive(Debug, Serialize)]
pub struct CardJson {
    pub id: CardId,
    pub name: String,
    pub state: String,
    pub column: String,
    /// Link targets of the title, if it is a link.
    pub links: Vec<String>,
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// With `--filter`: the card's score for the query (the sum of its terms' scores).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
}

/// Runs a command that opens no board (`merge`, `git-setup` of `file`), if `command` is one: the
/// merge driver reads and writes only the files git names, and no data directory is made.
pub fn without_board(
    command: &Command,
    file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Option<Result<()>> {
    match command {
        Command::Merge {
            base,
            ours,
            theirs,
            marker_size,
            path,
        } => Some(merge::driver(
            merge::Driver {
                base,
                ours,
                theirs,
                marker_size: *marker_size,
                path: path.as_deref(),
            },
            err,
        )),
        Command::GitSetup => Some(match file {
            Some(file) => merge::git_setup(file, out),
            None => Err(anyhow!(
                "git-setup needs the document: mdboard git-setup -f FILE"
            )),
        }),
        _ => None,
    }
}

/// Runs a subcommand on the board of `source`, printing to `out` and notices to `err`.
pub fn run(
    store: &Store,
    source: Option<&Path>,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if crate::cli::describe_itself(command, out)? {
        return Ok(());
    }
    if let Some(done) = without_board(command, source, out, err) {
        return done;
    }
    if let Command::Boards {
        prune,
        yes,
        include_unsynced,
    } = command
    {
        return if *prune {
            boards::prune(store, *yes, *include_unsynced, out)
        } else {
            boards::list(store, out)
        };
    }
    if let Command::Move { card, .. } | Command::Set { card, .. } | Command::Rm { card, .. } =
        command
        && card.trim().is_empty()
    {
        // An empty name is a prefix of every title: it would list every card as ambiguous.
        // Refused before the board is opened, so that nothing is touched.
        bail!("CARD is empty: name a card by its title, its id or a unique prefix of its title");
    }
    if let Command::List {
        filter: Some(query),
        ..
    } = command
    {
        // A query that cannot be read is refused before the board is opened (and made).
        if let Some(headers) = store.headers(source) {
            Query::parse(query, &headers).map_err(|e| anyhow!("--filter: {e}"))?;
        }
    }
    let (mut stored, notices) = match (store.open(source), command) {
        (Ok(opened), _) => opened,
        (Err(e), Command::Reset { yes }) if e.is_unreadable_board() => {
            return boards::recover(store, source, &e, *yes, out);
        }
        (Err(e), _) => return Err(e.into()),
    };
    let writes = !matches!(command, Command::List { .. } | Command::Open)
        && !matches!(command, Command::Export { output: None, .. });
    for n in notices
        .iter()
        .filter(|n| writes || !matches!(n, store::Notice::InUse(_)))
    {
        writeln!(err, "mdboard: {n}")?;
    }
    match command {
        Command::Open => print_board(&stored, out),
        Command::Export { output, force } => {
            export(store, &mut stored, output.as_deref(), *force, out, err)
        }
        Command::List {
            state,
            filter,
            json,
            sort,
        } => list(
            &stored.board,
            state.as_deref(),
            filter.as_deref(),
            *sort == Some(Sort::Score),
            *json,
            out,
        ),
        Command::Move { card, state, write } => {
            move_card(store, &mut stored, card, state, *write, out, err)
        }
        Command::Set {
            card,
            fields,
            write,
        } => set_card(store, &mut stored, card, fields, *write, (out, err)),
        Command::Add { fields, write } => add_card(store, &mut stored, fields, *write, (out, err)),
        Command::Rm { card, write } => {
            let board = &stored.board;
            let id = find_card(board, card)?;
            let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
            let change = board.remove(id);
            commit(store, &mut stored, change, *write, err)?;
            writeln!(out, "deleted \"{}\"", cell::printable(&title))?;
            Ok(())
        }
        Command::Reset { yes } => boards::reset(store, &mut stored, *yes, out),
        Command::Boards { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Merge { .. }
        | Command::GitSetup => {
            unreachable!("handled above")
        }
    }
}

/// `move`: a card into another state.
fn move_card(
    store: &Store,
    stored: &mut Stored,
    card: &str,
    state: &str,
    write: WriteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let board = &stored.board;
    let id = find_card(board, card)?;
    let columns = board.columns();
    let column = board.find_column(&columns, state).ok_or_else(|| {
        anyhow!(
            "unknown state {state:?}; the states are: {}",
            state_names(&columns)
        )
    })?;
    let change = board.move_to(id, column);
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    let to = column.name.clone();
    commit(store, stored, change, write, err)?;
    writeln!(
        out,
        "moved \"{}\" to {}",
        cell::printable(&title),
        cell::printable(&to)
    )?;
    Ok(())
}

/// `set`: cells of a card.
fn set_card(
    store: &Store,
    stored: &mut Stored,
    card: &str,
    fields: &[String],
    write: WriteArgs,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let id = find_card(board, card)?;
    let cells = parse_fields(board, fields)?;
    let change = board.edit(id, &cells);
    commit(store, stored, change, write, err)?;
    let board = &stored.board;
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    writeln!(out, "updated \"{}\"", cell::printable(&title))?;
    Ok(())
}

/// `add`: a card after the last of its state.
fn add_card(
    store: &Store,
    stored: &mut Stored,
    fields: &[String],
    write: WriteArgs,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<()> {
    let board = &stored.board;
    let mut cells = vec![String::new(); board.headers().len()];
    for (col, raw) in parse_fields(board, fields)? {
        cells[col] = raw;
    }
    if cells[0].is_empty() {
        bail!(
            "a card needs a {:?}: add {}=NAME",
            board.headers()[0],
            board.headers()[0]
        );
    }
    let state = markdown::plain(&cells[board.state_col()]);
    let columns = board.columns();
    let at = board
        .find_column(&columns, if state.is_empty() { "none" } else { &state })
        .map_or(board.cards.len(), |c| board.insert_position(c));
    let change = board.insert(at, cells);
    let id = change.card_id();
    commit(store, stored, Some(change), write, err)?;
    let board = &stored.board;
    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
    writeln!(out, "added \"{}\" (id {id})", cell::printable(&title))?;
    Ok(())
}

/// Applies a change, saves the board, and writes the markdown back when asked.
fn commit(
    store: &Store,
    stored: &mut Stored,
    change: Option<Change>,
    write: WriteArgs,
    err: &mut dyn Write,
) -> Result<()> {
    stored.check_writable()?;
    if let Some(change) = change {
        stored.board.apply(change)?;
        stored.note_change();
        store.save(stored)?;
    } else {
        writeln!(err, "mdboard: nothing to change")?;
    }
    if write.write {
        store
            .write_back(stored, write.force)
            .context("the change is kept in the board")?;
    }
    Ok(())
}

fn find_card(board: &Board, name: &str) -> Result<CardId> {
    board.find(name).map_err(|e| anyhow!("card {name:?}: {e}"))
}

fn state_names(columns: &[Column]) -> String {
    let mut names = vec!["none".to_owned()];
    names.extend(
        columns
            .iter()
            .skip(1)
            .map(|c| cell::printable(&c.name).into_owned()),
    );
    names.join(", ")
}

/// `FIELD=VALUE` pairs as (column, raw cell text); a field is a header name in any case.
fn parse_fields(board: &Board, fields: &[String]) -> Result<Vec<(usize, String)>> {
    fields
        .iter()
        .map(|f| {
            let (name, value) = f
                .split_once('=')
                .ok_or_else(|| anyhow!("{f:?}: expected FIELD=VALUE"))?;
            let col = board
                .headers()
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| {
                    anyhow!(
                        "unknown field {name:?}; the fields are: {}",
                        board.headers().join(", ")
                    )
                })?;
            Ok((col, cell::encode(value)))
        })
        .collect()
}

/// The cards as `list --json` prints them, in table order.
pub fn cards_json(board: &Board, columns: &[Column], only: Option<&Column>) -> Vec<CardJson> {
    let mut column_of = vec![0; board.cards.len()];
    for (c, column) in columns.iter().enumerate() {
        for &i in &column.cards {
            column_of[i] = c;
        }
    }
    board
        .cards
        .iter()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|o| o.cards.binary_search(i).is_ok()))
        .map(|(i, card)| {
            let title = markdown::strip_links(&board.value(card, 0));
            CardJson {
                id: card.id,
                name: title.text,
                state: board.value(card, board.state_col()),
                column: columns[column_of[i]].name.clone(),
                links: title.targets,
                fields: board
                    .headers()
                    .iter()
                    .enumerate()
                    .map(|(col, h)| (h.clone(), board.value(card, col).into()))
                    .collect(),
                score: None,
            }
        })
        .collect()
}

fn list(
    board: &Board,
    state: Option<&str>,
    filter: Option<&str>,
    by_score: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let columns = board.columns();
    let only = match state {
        Some(s) => Some(board.find_column(&columns, s).ok_or_else(|| {
            anyhow!(
                "unknown state {s:?}; the states are: {}",
                state_names(&columns)
            )
        })?),
        None => None,
    };
    let mut cards = cards_json(board, &columns, only);
    if let Some(text) = filter {
        let ranks = filter_ranks(board, text)?;
        cards.retain_mut(|c| {
            c.score = ranks.get(&c.id).map(|r| r.score);
            c.score.is_some()
        });
        if by_score {
            // Stable: equal ranks keep table order.
            cards.sort_by(|a, b| ranks[&b.id].cmp(&ranks[&a.id]));
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &cards)?;
        writeln!(out)?;
        return Ok(());
    }
    let id_width = cards
        .iter()
        .map(|c| c.id.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let column_width = cards
        .iter()
        .map(|c| cell::printable(&c.column).chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(out, "{:>id_width$}  {:column_width$}  NAME", "ID", "COLUMN")?;
    for c in &cards {
        writeln!(
            out,
            "{:>id_width$}  {:column_width$}  {}",
            c.id,
            cell::printable(&c.column),
            cell::printable(&c.name)
        )?;
    }
    Ok(())
}

/// The rank of every card matching the query `text`.
fn filter_ranks(board: &Board, text: &str) -> Result<HashMap<CardId, Rank>> {
    let query = Query::parse(text, board.headers()).map_err(|e| anyhow!("--filter: {e}"))?;
    let matched = SearchIndex::build(board).filter(&query, None);
    Ok(matched
        .cards
        .iter()
        .filter_map(|&i| {
            let card = &board.cards[i];
            search::rank(board, card, &query).map(|r| (card.id, r))
        })
        .collect())
}

fn print_board(stored: &Stored, out: &mut dyn Write) -> Result<()> {
    let board = &stored.board;
    writeln!(out, "{}", cell::printable(&stored.name()))?;
    for column in board.columns() {
        writeln!(
            out,
            "\n{} ({})",
            cell::printable(&column.name),
            column.cards.len()
        )?;
        for &i in &column.cards {
            let card = &board.cards[i];
            writeln!(
                out,
                "  {:>4}  {}",
                card.id,
                cell::printable(&board.title(card))
            )?;
        }
    }
    Ok(())
}

fn export(
    store: &Store,
    stored: &mut Stored,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Some(output) = output else {
        out.write_all(stored.board.export().as_bytes())?;
        return Ok(());
    };
    let onto_source = stored
        .source
        .as_deref()
        .is_some_and(|s| s == store::absolute(output));
    if onto_source {
        store.write_back(stored, force)?;
    } else {
        store::write_markdown(output, stored.board.export().as_bytes())?;
    }
    writeln!(err, "mdboard: wrote {}", output.display())?;
    Ok(())
}
