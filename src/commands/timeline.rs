//! `mdboard history`: each card's time in its state and the states it was in, from the file's
//! git history. Reads the file, its settings and git only: no board is made or locked. Also
//! what `list --json --history` adds to each card.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use serde::Serialize;

use crate::board::{Board, Card, CardId, Choice, layout};
use crate::cli::HistoryArgs;
use crate::markdown::{self, cell};
use crate::store::{self, Stored};
use crate::timeline::{self, Times, read};
use crate::{config, git};

/// A card's history as JSON: `since` and `history`.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryJson {
    /// When the card entered its state (RFC 3339); null when that change is not committed,
    /// or git has no history of the file.
    pub since: Option<String>,
    /// Its states, oldest first.
    pub history: Vec<StintJson>,
}

/// A time a card spent in a state, as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct StintJson {
    pub state: String,
    /// When it entered the state (RFC 3339); null for a change not committed.
    pub from: Option<String>,
    /// When it left it; null while it is in it, or when it left it in a change not committed.
    pub to: Option<String>,
    /// The commit that put it there (its full hash); null for a change not committed.
    pub commit: Option<String>,
    pub author: Option<String>,
}

/// A card of `history --json`.
#[derive(Debug, Serialize)]
struct CardHistoryJson {
    id: CardId,
    name: String,
    state: String,
    #[serde(flatten)]
    history: HistoryJson,
}

impl HistoryJson {
    /// The history of a card now in state `raw` (none known without `times`).
    pub fn of(times: Option<&Times>, id: CardId, raw: &str) -> Self {
        let Some(times) = times else {
            return Self {
                since: None,
                history: Vec::new(),
            };
        };
        let timeline = times.of(id, raw);
        let date = |mark| times.commit(mark).map(|c| c.date.clone());
        let stints = &timeline.0;
        Self {
            since: timeline.current().and_then(|s| date(s.from)),
            history: stints
                .iter()
                .enumerate()
                .map(|(k, s)| StintJson {
                    state: s.state.clone(),
                    from: date(s.from),
                    to: stints.get(k + 1).and_then(|next| date(next.from)),
                    commit: times.commit(s.from).map(|c| c.hash.clone()),
                    author: times.commit(s.from).map(|c| c.author.clone()),
                })
                .collect(),
        }
    }
}

/// The history of the cards of a board kept in the store, from its cache when the file has no
/// new commit; a new cache is kept (when the board may be written). `None` without git.
pub fn of_stored(
    store: &store::Store,
    stored: &mut Stored,
    err: &mut dyn Write,
) -> Result<Option<Times>> {
    let Some(source) = stored.source.clone() else {
        return Ok(None);
    };
    let on_disk = std::fs::read(&source).ok();
    let board = &stored.board;
    let ids: Vec<CardId> = board.cards.iter().map(|c| c.id).collect();
    let found = read::for_board(
        &source,
        &stored.choice,
        stored.timeline.as_ref(),
        on_disk.as_deref(),
        (&board.export(), &ids),
        read::now(),
    );
    match found {
        Ok(Some(found)) => {
            if let Some(cache) = found.cache
                && stored.held_by().is_none()
            {
                stored.timeline = Some(cache);
                store.save(stored)?;
            }
            Ok(Some(found.times))
        }
        Ok(None) => Ok(None),
        Err(e) => {
            writeln!(err, "mdboard: no history from git: {e}")?;
            Ok(None)
        }
    }
}

/// Prints the history of every card of `source` (the bundled list when `None`), or of one.
pub fn run(
    source: Option<&Path>,
    args: &HistoryArgs,
    flags: &Choice,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let (text, choice, shown) = match source {
        None => (
            store::BUNDLED.to_owned(),
            flags.clone().or(&config::bundled().choice()),
            "(bundled projects.md)".to_owned(),
        ),
        Some(path) => {
            let shown = path.display().to_string();
            let bytes = std::fs::read(path).with_context(|| shown.clone())?;
            let settings = super::settings(path, err)?;
            let text = markdown::text_of(&bytes)
                .map_err(|e| anyhow!(e.in_file(&shown)))?
                .to_owned();
            (text, flags.clone().or(&settings.choice()), shown)
        }
    };
    let doc = markdown::parse(&text).map_err(|e| anyhow!(e.in_file(&shown)))?;
    let layout = layout::layout(&doc, &choice).map_err(|e| anyhow!("{shown}: {e}"))?;
    let board = Board::new(doc, layout);
    let only = match &args.card {
        Some(name) => Some(
            board
                .find(name)
                .map_err(|e| anyhow!("card {name:?}: {e}"))?,
        ),
        None => None,
    };
    let times = match source {
        Some(path) => of_file(path, &choice, &text, &board, err)?,
        None => None,
    };
    let cards = board
        .cards
        .iter()
        .filter(|c| !board.is_section(c) && only.is_none_or(|id| id == c.id));
    if args.json {
        let json: Vec<CardHistoryJson> = cards
            .map(|c| CardHistoryJson {
                id: c.id,
                name: board.title(c),
                state: board.state_of(c),
                history: HistoryJson::of(times.as_ref(), c.id, board.state_raw(c)),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }
    let Some(times) = times else {
        writeln!(
            err,
            "mdboard: {shown} has no history in git (not in a repository, or not committed)"
        )?;
        return Ok(());
    };
    for card in cards {
        print_card(&board, card, &times, out)?;
    }
    Ok(())
}

/// The history of the cards of a board made from the file's `text`: its commits, then the text
/// when it differs from the last (not committed). `None` without git.
fn of_file(
    path: &Path,
    choice: &Choice,
    text: &str,
    board: &Board,
    err: &mut dyn Write,
) -> Result<Option<Times>> {
    let committed = match read::committed(path, choice, None) {
        Ok(Some(c)) => c,
        Ok(None) => return Ok(None),
        Err(e @ git::GitError::Failed { .. }) => {
            writeln!(err, "mdboard: no history from git: {e}")?;
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    let rows = read::follow_on(&committed, &[text]);
    Ok(Some(Times {
        commits: committed.cache.history.commits,
        cards: board.snapshot_ids.iter().copied().zip(rows).collect(),
        now: read::now(),
    }))
}

/// A card's time in its state, then its states one a line.
fn print_card(board: &Board, card: &Card, times: &Times, out: &mut dyn Write) -> Result<()> {
    let raw = board.state_raw(card);
    let name = cell::printable(&board.display_title(card)).into_owned();
    let state = match board.state_of(card) {
        s if s.is_empty() => "no state".to_owned(),
        s => cell::printable(&s).into_owned(),
    };
    match times.entered(card.id, raw) {
        Some(c) => writeln!(
            out,
            "{name}: {state} for {} (since {})",
            timeline::age(times.now - c.time),
            timeline::short_date(&c.date)
        )?,
        None => writeln!(out, "{name}: {state}, not committed")?,
    }
    for line in times.lines(&times.of(card.id, raw)) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
