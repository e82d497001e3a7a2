//! The non-interactive commands: the same board, store and markdown code as the screen.

mod boards;
mod changes;
mod edit;
mod history;
pub mod lint;
mod merge;
mod place;
mod resolve;
mod states;
pub mod timeline;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::board::{Board, Card, CardConflict, CardId, Choice, Column, Group};
use crate::cli::{Command, Sort};
use crate::markdown::{self, cell};
use crate::search::{self, Query, Rank, SearchIndex};
use crate::store::{self, Store, Stored};

/// A card as `list --json` prints it: the stable interface.
#[derive(Debug, Serialize)]
pub struct CardJson {
    pub id: CardId,
    /// The card's title.
    pub name: String,
    /// The card's document ID (its table's ID column), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    pub state: String,
    pub column: String,
    /// The table the card stands in.
    pub table: TableJson,
    /// The section row the card stands under, when its table has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Link targets of the title, if it is a link.
    pub links: Vec<String>,
    /// Every cell of the card, by its table's header names.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// With `--filter`: the card's score for the query (the sum of its terms' scores).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// The conflicts following the file left on the card, until a side is picked.
    pub conflicts: Vec<ConflictJson>,
    /// With `--history`: when the card entered its state, and its states from git.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub history: Option<timeline::HistoryJson>,
}

/// A conflict of a card, as `list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ConflictJson {
    /// The field (a header name); `null` for the whole row, deleted on one side and edited on
    /// the other.
    pub field: Option<String>,
    /// The value the board and the file last agreed on, the board's (mine) and the file's
    /// (theirs); for the whole row, the row's line (`null` on the side that deleted it).
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

impl ConflictJson {
    fn of(c: &CardConflict) -> Self {
        let value = |v: &Option<String>| match &c.field {
            Some(_) => v.as_deref().map(markdown::decode),
            None => v.clone(),
        };
        Self {
            field: c.field.as_ref().map(|(_, name)| name.clone()),
            base: value(&c.base),
            mine: value(&c.mine),
            theirs: value(&c.theirs),
        }
    }
}

/// A table of the board, as `list --json` names it.
#[derive(Debug, Clone, Serialize)]
pub struct TableJson {
    /// Its number among the board's tables, from 1.
    pub index: usize,
    /// The heading above it.
    pub heading: Option<String>,
}

/// A section row, as `list --sections --json` prints it.
#[derive(Debug, Serialize)]
pub struct SectionJson {
    pub name: String,
    pub table: TableJson,
    /// Its 1-based line in the document, when it was read from there.
    pub line: Option<usize>,
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

/// Runs a command that reads the file, its settings and git alone (`history`,
/// `changes --since`), if `command` is one: no board is read, made or locked, so CI runners and
/// git hooks leave the data directory alone.
pub fn on_file_alone(
    command: &Command,
    source: Option<&Path>,
    choice: &Choice,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Option<Result<()>> {
    match command {
        Command::History(args) => Some(timeline::run(source, args, choice, out, err)),
        Command::Changes {
            format,
            since: Some(rev),
        } => Some(changes::since(source, rev, choice, *format, (out, err))),
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
    run_with(store, source, &Choice::default(), command, out, err)
}

/// [`run`], with the columns the command line names.
pub fn run_with(
    store: &Store,
    source: Option<&Path>,
    choice: &Choice,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if crate::cli::describe_itself(command, out)? {
        return Ok(());
    }
    if let Command::Lint(args) = command {
        return lint::run(source, args, out, err);
    }
    if let Some(done) = without_board(command, source, out, err) {
        return done;
    }
    if let Some(done) = on_file_alone(command, source, choice, out, err) {
        return done;
    }
    if let Command::Boards {
        prune,
        yes,
        include_unsynced,
    } = command
    {
        return if *prune {
            boards::prune(store, (*yes, *include_unsynced), (out, err))
        } else {
            boards::list(store, out)
        };
    }
    if let Command::Changes { format, .. } = command {
        // Reads only: no board is made, locked or written.
        return changes::changes(store, source, choice, *format, (out, err));
    }
    refuse_early(store, source, command)?;
    if let Command::Resolve(args) = command
        && let Some(done) = resolve::markers(source, args, out)
    {
        return done;
    }
    let (mut stored, notices) = match (store.open_with(source, choice), command) {
        (Ok(opened), _) => opened,
        (Err(e), Command::Reset { yes }) if e.is_unreadable_board() => {
            return boards::recover(store, source, &e, *yes, (out, err));
        }
        (Err(e), _) => return Err(e.into()),
    };
    // `export` reads the board, as `list` does (see [`refuse_writing_back`]).
    let writes = !matches!(
        command,
        Command::List { .. } | Command::Open | Command::Export { .. }
    );
    // A command that changes cards, or writes the board back, is refused at once while another
    // mdboard holds the board (the refusal says who, and says it once), unless it writes into
    // the file directly.
    let edits = edit::changes_cards(command);
    let direct = edit::direct_write(command)
        .then(|| stored.held_by().map(str::to_owned))
        .flatten();
    for n in notices
        .iter()
        .filter(|n| (writes && !edits) || !matches!(n, store::Notice::InUse(_)))
    {
        writeln!(err, "mdboard: {n}")?;
    }
    refuse_writing_back(&stored, command)?;
    if let Some(holder) = &direct {
        return edit::run_direct(store, stored, command, holder, (out, err));
    }
    if edits {
        edit::check_writable(&stored, command)?;
    }
    match command {
        Command::Open => print_board(&stored, out),
        Command::Export { output, force } => {
            export(store, &mut stored, output.as_deref(), *force, out, err)
        }
        Command::List {
            sections: true,
            json,
            ..
        } => list_sections(&stored.board, *json, out),
        Command::List { .. } => list_command(store, &mut stored, command, out, err),
        Command::Resolve(args) => resolve::on_board(store, &mut stored, args, out),
        Command::Reset { yes } => boards::reset(store, &mut stored, *yes, (out, err)),
        Command::Boards { .. }
        | Command::Changes { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Lint(_)
        | Command::History(_)
        | Command::Merge { .. }
        | Command::GitSetup => {
            unreachable!("handled above")
        }
        editing => edit::run(store, &mut stored, editing, (out, err)),
    }
}

/// The settings of the document at `path` (see [`crate::config::load`]), each key they do not know
/// said on `err`: for the commands that read the file alone, without a board.
fn settings(path: &Path, err: &mut dyn Write) -> Result<crate::config::Section> {
    let (settings, unknown) = crate::config::load(path)?;
    for u in unknown {
        writeln!(err, "mdboard: {u}")?;
    }
    Ok(settings)
}

/// Refuses, before the board is opened (and made), what cannot be done whatever the board holds.
fn refuse_early(store: &Store, source: Option<&Path>, command: &Command) -> Result<()> {
    let cards: Vec<&str> = match command {
        Command::Move { cards, .. } | Command::Rm { cards, .. } => {
            cards.iter().map(String::as_str).collect()
        }
        Command::Set { card, .. } => vec![card],
        Command::Place { card, to, .. } => [Some(card), to.before.as_ref(), to.after.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect(),
        Command::Add { before, after, .. } => {
            before.iter().chain(after).map(String::as_str).collect()
        }
        _ => Vec::new(),
    };
    if cards.iter().any(|card| card.trim().is_empty()) {
        // An empty name is a prefix of every title: it would list every card as ambiguous.
        // Refused before the board is opened, so that nothing is touched.
        bail!("CARD is empty: name a card by its title, its id or a unique prefix of its title");
    }
    if let Command::Move { state, .. } = command
        && state.trim().is_empty()
    {
        // No state is named `none`: an empty STATE (an unset shell variable, say) would empty
        // every card's state cell unasked.
        bail!("STATE is empty: name a state, or none for No state");
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
    Ok(())
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

/// The table of a card as `list --json` names it.
fn table_json(board: &Board, card: &Card) -> TableJson {
    table_json_of(board, card.table)
}

/// Document table `table` as `list --json` names it.
fn table_json_of(board: &Board, table: usize) -> TableJson {
    TableJson {
        index: board
            .layout
            .tables
            .iter()
            .position(|t| t.table == table)
            .map_or(0, |i| i + 1),
        heading: board.doc.tables.get(table).and_then(|t| t.heading.clone()),
    }
}

/// The cards as `list --json` prints them, in table order.
pub fn cards_json(
    board: &Board,
    columns: &[Column],
    only: Option<&Column>,
    conflicts: &[CardConflict],
) -> Vec<CardJson> {
    let mut column_of = vec![None; board.cards.len()];
    for (c, column) in columns.iter().enumerate() {
        for &i in &column.cards {
            column_of[i] = Some(c);
        }
    }
    let groups = board.groups();
    let mut out = Vec::new();
    for (i, card) in board.cards.iter().enumerate() {
        // Section rows stand in no column.
        let Some(column) = column_of[i] else { continue };
        if only.is_some_and(|o| o.cards.binary_search(&i).is_err()) {
            continue;
        }
        let title_col = board.table_of(card).map_or(0, |t| t.title);
        let title = markdown::strip_links(&board.value(card, title_col));
        out.push(CardJson {
            id: card.id,
            name: board.title(card),
            doc_id: board.doc_id(card),
            state: board.value(card, board.state_col_of(card)),
            column: columns[column].name.clone(),
            table: table_json(board, card),
            section: match groups[i] {
                Group::Section(at) => Some(board.title(&board.cards[at])),
                Group::Table(_) => None,
            },
            links: title.targets,
            fields: board
                .headers_of(card)
                .iter()
                .enumerate()
                .map(|(col, h)| (h.clone(), board.value(card, col).into()))
                .collect(),
            score: None,
            conflicts: conflicts
                .iter()
                .filter(|c| c.card == card.id)
                .map(ConflictJson::of)
                .collect(),
            history: None,
        });
    }
    out
}

/// `list --sections`: the section rows, in table order.
fn list_sections(board: &Board, json: bool, out: &mut dyn Write) -> Result<()> {
    let sections: Vec<SectionJson> = board
        .cards
        .iter()
        .filter(|c| board.is_section(c))
        .map(|c| SectionJson {
            name: board.title(c),
            table: table_json(board, c),
            line: board.source_row(c.id).map(|r| r.line),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &sections)?;
        writeln!(out)?;
        return Ok(());
    }
    for s in &sections {
        writeln!(out, "{}  {}", s.table.index, cell::printable(&s.name))?;
    }
    Ok(())
}

/// `list` (of cards): with `--history`, their history from git, from the board's cache when
/// the file has no new commit.
fn list_command(
    store: &Store,
    stored: &mut Stored,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Command::List {
        state,
        filter,
        json,
        sort,
        history,
        ..
    } = command
    else {
        return Ok(());
    };
    let times = if *history {
        timeline::of_stored(store, stored, err)?
    } else {
        None
    };
    let shown = Listed {
        state: state.as_deref(),
        filter: filter.as_deref(),
        by_score: *sort == Some(Sort::Score),
        json: *json,
        history: *history,
        times: times.as_ref(),
        conflicts: &stored.conflicts,
    };
    list(&stored.board, &shown, out)
}

/// What `list` prints.
struct Listed<'a> {
    state: Option<&'a str>,
    filter: Option<&'a str>,
    by_score: bool,
    json: bool,
    /// Whether each card's history goes with it: from `times` (none without git).
    history: bool,
    times: Option<&'a crate::timeline::Times>,
    /// The conflicts following the file left, each card's with it.
    conflicts: &'a [CardConflict],
}

fn list(board: &Board, shown: &Listed, out: &mut dyn Write) -> Result<()> {
    let &Listed {
        state,
        filter,
        by_score,
        json,
        history,
        times,
        conflicts,
    } = shown;
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
    let mut cards = cards_json(board, &columns, only, conflicts);
    if history {
        for c in &mut cards {
            let raw = board.card(c.id).map_or("", |card| board.state_raw(card));
            c.history = Some(timeline::HistoryJson::of(times, c.id, raw));
        }
    }
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
        .map(|c| cell::printable(&c.column).width())
        .max()
        .unwrap_or(6)
        .max(6);
    writeln!(out, "{:>id_width$}  {:column_width$}  NAME", "ID", "COLUMN")?;
    for c in &cards {
        let column = cell::printable(&c.column);
        // Padded by display width: a wide character (an emoji, CJK) takes two columns.
        let pad = column_width.saturating_sub(column.width());
        let name = crate::board::display_name(c.doc_id.as_deref(), &c.name);
        writeln!(
            out,
            "{:>id_width$}  {column}{:pad$}  {}",
            c.id,
            "",
            cell::printable(&name)
        )?;
    }
    Ok(())
}

/// The rank of every card matching the query `text`.
fn filter_ranks(board: &Board, text: &str) -> Result<HashMap<CardId, Rank>> {
    let query = Query::parse(text, board.field_names()).map_err(|e| anyhow!("--filter: {e}"))?;
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
                cell::printable(&board.display_title(card))
            )?;
        }
    }
    Ok(())
}

/// Refuses, while another mdboard holds the board, `export -o` onto the board's own file: it
/// writes the board back, which needs the board. Onto another file `export` only reads it.
fn refuse_writing_back(stored: &Stored, command: &Command) -> Result<()> {
    if let Command::Export {
        output: Some(output),
        ..
    } = command
        && let Some(holder) = stored.held_by()
        && onto_source(stored, output)
    {
        bail!(
            "{}: not written: export onto the board's own file writes the board back, and the \
             board is in use by {holder}; write it back there (w), export to another file, or \
             try again when it quits",
            output.display()
        );
    }
    Ok(())
}

/// Whether `export -o output` writes onto the board's own file (and so writes the board back).
fn onto_source(stored: &Stored, output: &Path) -> bool {
    stored
        .source
        .as_deref()
        .is_some_and(|s| s == store::absolute(output))
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
    if onto_source(stored, output) {
        let earlier = edit::unwritten(stored);
        let written = store.write_back(stored, force)?;
        edit::say_written(stored, &earlier, written.followed.as_ref(), err)?;
    } else {
        let _lock = store::write_lock(output)?;
        store::write_markdown(output, stored.board.export().as_bytes())?;
    }
    writeln!(err, "mdboard: wrote {}", output.display())?;
    Ok(())
}
