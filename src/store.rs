//! Where boards live on disk: the RON board file, its snapshot and backup, atomic replacement,
//! and the rules for following or refusing a source file that changed outside mdboard.
//!
//! A board of `KEY` is two files in the data directory:
//! - `KEY.ron`: schema version, source path, fingerprints, card ids, the history of changes (what
//!   undo walks back) and the focus. Small: it grows with the changes, not with the cards.
//! - `KEY.<hash>.md`: the snapshot, the markdown the changes apply to.
//!
//! The RON file is the commit point: a new snapshot is written under a new name first, then the
//! RON file that names it replaces the old one atomically, so a crash leaves the old or the new
//! board, never a mix. The previous RON file is kept as `KEY.ron.bak`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::board::{Board, BoardError, CardId, Fingerprint, History};
use crate::markdown::{self, ParseError};

/// The schema version this build writes; it reads this one and older ones.
pub const SCHEMA: u32 = 1;

/// The bundled project list, the default board.
pub const BUNDLED: &str = include_str!("../assets/projects.md");

/// Past this many changes, the oldest are folded into a new snapshot (keeping `KEEP_HISTORY`).
const COMPACT_AT: usize = 1000;
const KEEP_HISTORY: usize = 250;
/// While a board is open on screen its saves fold history only past this many changes: folding
/// rewrites the snapshot (about half a second at 100,000 cards), which is done on quitting. The
/// bound keeps the replay of a board left open for long (or killed) quick to load.
const COMPACT_AT_MOST: usize = 5_000;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}:{line}: {source}", .path.display(), line = .source.line().unwrap_or(1))]
    Markdown { path: PathBuf, source: ParseError },
    #[error(
        "{}: no such file, and no board for it (expected an existing markdown file)",
        .0.display()
    )]
    NoSource(PathBuf),
    #[error(
        "{}:{line}:{column}: cannot read this board file: {message}. It was left as it is; run \
         `mdboard reset{file_arg}` to start again from the markdown file (the board is kept as a backup)",
        .path.display()
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        file_arg: String,
    },
    #[error(
        "{}:{line}:{column}: written by a newer mdboard (board schema {found}, this one reads up \
         to {SCHEMA}). It was left as it is; upgrade mdboard to open it, or run \
         `mdboard reset{file_arg}` to start again from the markdown file (the board is kept as a \
         backup)",
        .path.display()
    )]
    Newer {
        path: PathBuf,
        found: u32,
        line: usize,
        column: usize,
        file_arg: String,
    },
    #[error("{}: the board's changes do not apply to its snapshot ({source})", .path.display())]
    Replay { path: PathBuf, source: BoardError },
    #[error("the board is in use by {0}; try again when it quits")]
    InUse(String),
    #[error(
        "{}: changed on disk since the board last read or wrote it; not overwritten \
         (use --force to overwrite it, or `mdboard reset` to drop the board's changes)",
        .0.display()
    )]
    Changed(PathBuf),
}

impl StoreError {
    /// True when the board file itself cannot be used (corrupt, from a newer mdboard, its
    /// snapshot missing or not matching): `mdboard reset` sets it aside and starts again.
    pub fn is_unreadable_board(&self) -> bool {
        matches!(self, Self::Corrupt { .. } | Self::Newer { .. })
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Where the focus was, kept when quitting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Focus {
    pub card: Option<CardId>,
    pub column: Option<String>,
}

/// The RON board file, as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct BoardFile {
    schema: u32,
    /// The markdown file the board belongs to; `None` for the bundled board.
    source: Option<PathBuf>,
    /// The snapshot's file name, beside this file.
    snapshot: String,
    snapshot_fingerprint: Fingerprint,
    /// The source file's text as the board last read or wrote it.
    synced: Fingerprint,
    /// How many changes of the history were done when the board and the file last agreed.
    synced_at: Option<usize>,
    /// Ids of the snapshot's rows, as runs of consecutive ids: (first, count).
    ids: Vec<(CardId, u64)>,
    next_id: CardId,
    history: History,
    #[serde(default)]
    focus: Focus,
}

/// Only the version, read first so a newer file is refused before its fields are.
#[derive(Deserialize)]
struct Version {
    schema: u32,
}

/// A board with what the store knows of it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub board: Board,
    /// The markdown file the board belongs to (`None`: the bundled list).
    pub source: Option<PathBuf>,
    pub synced: Fingerprint,
    pub synced_at: Option<usize>,
    pub focus: Focus,
    snapshot_name: String,
    /// Held while this board is open here.
    lock: Option<Arc<Lock>>,
    /// Who holds the board when it is not this process: the board is then read-only.
    held_by: Option<String>,
    /// The snapshot's fingerprint, worked out when it is written or read: hashing a 20 MB
    /// snapshot costs about 25 ms, too much to repeat on every save.
    snapshot_fingerprint: Fingerprint,
}

impl Stored {
    /// Who holds the board when another process does (then nothing may be written).
    pub fn held_by(&self) -> Option<&str> {
        self.held_by.as_deref()
    }

    /// Refuses when another process holds the board.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        match &self.held_by {
            Some(holder) => Err(StoreError::InUse(holder.clone())),
            None => Ok(()),
        }
    }

    /// A board that lives only in memory, for tests and benchmarks: in sync with its document
    /// (as if just read from `source`), no focus kept, no snapshot file.
    pub fn in_memory(board: Board, source: Option<PathBuf>) -> Self {
        Self {
            synced: Fingerprint::of(board.export().as_bytes()),
            snapshot_fingerprint: Fingerprint::of(board.doc.text.as_bytes()),
            board,
            source,
            synced_at: Some(0),
            focus: Focus::default(),
            snapshot_name: String::new(),
            lock: None,
            held_by: None,
        }
    }

    /// True when the board holds changes the source file does not.
    pub fn unsynced(&self) -> bool {
        self.synced_at != Some(self.board.history.done.len())
    }

    /// Records that the board was just written into (or read from) the source file.
    pub fn mark_synced(&mut self, text: &str) {
        self.synced = Fingerprint::of(text.as_bytes());
        self.synced_at = Some(self.board.history.done.len());
    }

    /// Call after a new change: a change made below the synced point makes it unreachable.
    pub fn note_change(&mut self) {
        if self
            .synced_at
            .is_some_and(|at| at >= self.board.history.done.len())
        {
            self.synced_at = None;
        }
    }

    /// A name for the board: the document's title, else the file name.
    pub fn name(&self) -> String {
        self.board.doc.title.clone().unwrap_or_else(|| {
            self.source
                .as_deref()
                .and_then(Path::file_name)
                .map_or_else(
                    || "projects".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                )
        })
    }
}

/// A board file made and waiting to be written (see [`Store::prepare_save`]).
#[derive(Debug, Clone)]
pub struct PendingSave {
    path: PathBuf,
    /// The board's file names start with this.
    prefix: String,
    /// The snapshot the file names.
    snapshot: String,
    text: String,
}

/// The lock on a board, held while the board is open.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// What opening a board found, beside the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another process has the board open: this one is read-only.
    InUse(String),
    /// The source file is gone; the board opened from its own files.
    SourceMissing(PathBuf),
    /// The file changed outside and the board, having no changes of its own, followed it.
    Followed(PathBuf),
    /// The file changed outside while the board has changes: both are kept as they are.
    Diverged(PathBuf),
    /// The file changed outside but cannot be read; the board is kept as it was.
    Unreadable(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SourceMissing(p) => write!(
                f,
                "{}: no such file; showing its board (export -o to write it again)",
                p.display()
            ),
            Self::Followed(p) => {
                write!(f, "{}: changed on disk; the board follows it", p.display())
            }
            Self::Diverged(p) => write!(
                f,
                "{}: changed on disk, and the board has changes the file does not; both kept \
                 as they are (export --force overwrites the file, reset drops the board's changes)",
                p.display()
            ),
            Self::Unreadable(e) => write!(f, "{e}; the board is kept as it was"),
            Self::InUse(holder) => write!(
                f,
                "the board is in use by {holder}; opened read-only (changes are refused)"
            ),
        }
    }
}

/// The data directory and the boards in it.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The user's data directory for mdboard (`$XDG_DATA_HOME/mdboard` on Linux).
    pub fn user() -> Result<Self, StoreError> {
        let dirs =
            directories::ProjectDirs::from("", "", "mdboard").ok_or_else(|| StoreError::Io {
                path: PathBuf::from("$HOME"),
                source: io::Error::new(
                    io::ErrorKind::NotFound,
                    "no home directory to keep boards in",
                ),
            })?;
        Ok(Self::new(dirs.data_dir().to_owned()))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The RON file of the board of `source` (`None`: the bundled board).
    pub fn board_path(&self, source: Option<&Path>) -> PathBuf {
        self.dir.join(format!("{}.ron", key(source)))
    }

    /// Opens the board of `source`, creating it from the file when there is none, and following
    /// the file when it changed and the board has no changes of its own.
    ///
    /// The board is locked for as long as the returned `Stored` (or a clone) lives. When another
    /// process holds it, the board opens read-only: nothing is written, and a notice says who.
    /// Nothing is created before the source has been read and understood.
    pub fn open(&self, source: Option<&Path>) -> Result<(Stored, Vec<Notice>), StoreError> {
        let source = source.map(absolute);
        let source = source.as_deref();
        let mut notices = Vec::new();
        let existing = self.load(source)?;
        let text = match source {
            None => Some(BUNDLED.as_bytes().to_vec()),
            Some(path) => match fs::read(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(io_err(path)(e)),
            },
        };
        let shown = source.map_or_else(|| PathBuf::from("(bundled projects.md)"), Path::to_owned);
        // Equal bytes have equal fingerprints: when the file is still the snapshot the board
        // was synced at, a comparison saves hashing it (about 25 ms at 100,000 cards).
        let fingerprint = text.as_ref().map(|text| match &existing {
            Some(s)
                if s.synced == s.snapshot_fingerprint
                    && s.board.doc.text.as_bytes() == text.as_slice() =>
            {
                s.snapshot_fingerprint
            }
            _ => Fingerprint::of(text),
        });
        let (mut stored, fresh) = match (existing, &text, fingerprint) {
            (Some(stored), _, _) => (stored, false),
            (None, Some(text), Some(fingerprint)) => {
                let doc = markdown::parse_bytes(text).map_err(|source| StoreError::Markdown {
                    path: shown.clone(),
                    source,
                })?;
                let stored = Stored {
                    board: Board::new(doc),
                    source: source.map(Path::to_owned),
                    synced: fingerprint,
                    synced_at: Some(0),
                    focus: Focus::default(),
                    snapshot_name: String::new(),
                    lock: None,
                    held_by: None,
                    snapshot_fingerprint: fingerprint,
                };
                (stored, true)
            }
            (None, _, _) => return Err(StoreError::NoSource(shown)),
        };
        match self.lock(source)? {
            Ok(lock) => stored.lock = Some(Arc::new(lock)),
            Err(holder) => {
                notices.push(Notice::InUse(holder.clone()));
                stored.held_by = Some(holder);
            }
        }
        let writable = stored.held_by.is_none();
        if fresh && writable {
            // The document's text is the file's bytes, so their fingerprint is the snapshot's.
            let fp = stored.snapshot_fingerprint;
            self.write_snapshot_as(&mut stored, fp)?;
            self.save(&mut stored)?;
        }
        let (Some(text), Some(fingerprint)) = (text, fingerprint) else {
            notices.push(Notice::SourceMissing(shown));
            return Ok((stored, notices));
        };
        if fingerprint != stored.synced {
            let unsynced = stored.unsynced()
                && Fingerprint::of(stored.board.export().as_bytes()) != stored.synced;
            if unsynced {
                notices.push(Notice::Diverged(shown));
            } else {
                match markdown::parse_bytes(&text) {
                    Ok(doc) => {
                        stored.board = Board::follow(doc, &stored.board);
                        stored.synced = fingerprint;
                        stored.synced_at = Some(0);
                        if writable {
                            self.write_snapshot_as(&mut stored, fingerprint)?;
                            self.save(&mut stored)?;
                        }
                        notices.push(Notice::Followed(shown));
                    }
                    Err(e) => notices.push(Notice::Unreadable(
                        StoreError::Markdown {
                            path: shown,
                            source: e,
                        }
                        .to_string(),
                    )),
                }
            }
        }
        Ok((stored, notices))
    }

    /// Takes the lock of the board of `source`, or says who holds it. A lock dies with its
    /// process (it is an OS file lock), so a crashed mdboard never blocks anyone.
    fn lock(&self, source: Option<&Path>) -> Result<Result<Lock, String>, StoreError> {
        let path = self.dir.join(format!("{}.lock", key(source)));
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err(&path))?;
        match file.try_lock() {
            Ok(()) => {
                let me = format!("mdboard, process {}\n", std::process::id());
                file.set_len(0).map_err(io_err(&path))?;
                file.write_all(me.as_bytes()).map_err(io_err(&path))?;
                Ok(Ok(Lock { _file: file }))
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.trim();
                Ok(Err(if holder.is_empty() {
                    "another mdboard process".to_owned()
                } else {
                    holder.to_owned()
                }))
            }
            Err(fs::TryLockError::Error(e)) => Err(io_err(&path)(e)),
        }
    }

    /// Moves the board of `source` out of the way, for a board that cannot be read: its RON
    /// file and every snapshot of it go into a new directory `KEY.ron.corrupt-<time>` beside it
    /// (its backup stays where it is). Returns that directory, or `None` when there is no board.
    /// Refuses when another process holds the board.
    pub fn set_aside(&self, source: Option<&Path>) -> Result<Option<PathBuf>, StoreError> {
        let source = source.map(absolute);
        let source = source.as_deref();
        let _lock = self.lock(source)?.map_err(StoreError::InUse)?;
        let path = self.board_path(source);
        if !path.exists() {
            return Ok(None);
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let aside = self
            .dir
            .join(format!("{}.ron.corrupt-{stamp}", key(source)));
        fs::create_dir(&aside).map_err(io_err(&aside))?;
        let prefix = format!("{}.", key(source));
        for entry in fs::read_dir(&self.dir)
            .map_err(io_err(&self.dir))?
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && Path::new(&name).extension().is_some_and(|e| e == "md")
            {
                let to = aside.join(&name);
                if fs::hard_link(entry.path(), &to).is_err() {
                    fs::copy(entry.path(), &to).map_err(io_err(&to))?;
                }
            }
        }
        let moved = aside.join(path.file_name().unwrap_or_default());
        fs::rename(&path, &moved).map_err(io_err(&path))?;
        sync_dir(&self.dir);
        Ok(Some(aside))
    }

    /// The header names of the board of `source`, or of its file when it has no board yet,
    /// without making anything; `None` when neither can be read (opening will say why).
    pub fn headers(&self, source: Option<&Path>) -> Option<Vec<String>> {
        let source = source.map(absolute);
        if let Ok(Some(stored)) = self.load(source.as_deref()) {
            return Some(stored.board.headers().to_vec());
        }
        let bytes = match source {
            None => BUNDLED.as_bytes().to_vec(),
            Some(path) => fs::read(path).ok()?,
        };
        markdown::parse_bytes(&bytes)
            .ok()
            .map(|doc| doc.table().columns.clone())
    }

    /// Reads the board of `source` when there is one.
    pub fn load(&self, source: Option<&Path>) -> Result<Option<Stored>, StoreError> {
        let path = self.board_path(source);
        let Some((file, text)) = read_board_file(&path, source)? else {
            return Ok(None);
        };
        let snapshot_path = self.dir.join(&file.snapshot);
        let at_snapshot = |message: String| {
            let (line, column) = field_position(&text, "snapshot");
            corrupt(&path, source, line, column, message)
        };
        let bytes = match fs::read(&snapshot_path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(at_snapshot(format!(
                    "its snapshot {} is missing",
                    file.snapshot
                )));
            }
            Err(e) => return Err(io_err(&snapshot_path)(e)),
        };
        if Fingerprint::of(&bytes) != file.snapshot_fingerprint {
            return Err(at_snapshot(format!(
                "its snapshot {} does not match it",
                file.snapshot
            )));
        }
        let doc = markdown::parse_bytes(&bytes).map_err(|e| {
            at_snapshot(format!(
                "its snapshot {} cannot be read ({e})",
                file.snapshot
            ))
        })?;
        let ids: Vec<CardId> = file
            .ids
            .iter()
            .flat_map(|&(first, count)| first..first.saturating_add(count))
            .collect();
        if ids.len() != doc.table().rows.len() {
            let (line, column) = field_position(&text, "ids");
            return Err(corrupt(
                &path,
                source,
                line,
                column,
                format!(
                    "it lists {} card ids for the {} rows of its snapshot",
                    ids.len(),
                    doc.table().rows.len()
                ),
            ));
        }
        let mut board = Board::with_ids(doc, ids);
        board.next_id = board.next_id.max(file.next_id);
        board.replay(file.history).map_err(|e| {
            let (line, column) = field_position(&text, "history");
            corrupt(
                &path,
                source,
                line,
                column,
                format!("its changes do not apply to its snapshot ({e})"),
            )
        })?;
        Ok(Some(Stored {
            board,
            source: file.source,
            synced: file.synced,
            synced_at: file.synced_at,
            focus: file.focus,
            snapshot_name: file.snapshot,
            lock: None,
            held_by: None,
            snapshot_fingerprint: file.snapshot_fingerprint,
        }))
    }

    /// Saves the board file atomically, keeping the previous one as a backup. Folds old history
    /// into a new snapshot when it has grown long.
    pub fn save(&self, stored: &mut Stored) -> Result<(), StoreError> {
        stored.check_writable()?;
        if stored.board.history.done.len() > COMPACT_AT {
            self.compact(stored)?;
        }
        self.save_file(stored)
    }

    /// The board file of `stored`, ready to be written by [`Store::write_pending`], on another
    /// thread if need be: writing is what waits for the disk, making it does not. Never folds
    /// history (see [`Store::fold`]).
    pub fn prepare_save(&self, stored: &Stored) -> Result<PendingSave, StoreError> {
        stored.check_writable()?;
        debug_assert_eq!(
            stored.snapshot_fingerprint,
            Fingerprint::of(stored.board.doc.text.as_bytes()),
            "the snapshot changed without write_snapshot"
        );
        let file = BoardFile {
            schema: SCHEMA,
            source: stored.source.clone(),
            snapshot: stored.snapshot_name.clone(),
            snapshot_fingerprint: stored.snapshot_fingerprint,
            synced: stored.synced,
            synced_at: stored.synced_at,
            ids: runs(&stored.board.snapshot_ids),
            next_id: stored.board.next_id,
            history: stored.board.history.clone(),
            focus: stored.focus.clone(),
        };
        let path = self.board_path(stored.source.as_deref());
        let text =
            ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default().depth_limit(4))
                .map_err(|e| StoreError::Io {
                    path: path.clone(),
                    source: io::Error::other(e),
                })?;
        Ok(PendingSave {
            path,
            prefix: format!("{}.", key(stored.source.as_deref())),
            snapshot: stored.snapshot_name.clone(),
            text,
        })
    }

    /// True when the board's history has grown long enough that a board on screen should fold
    /// it ([`Store::fold`]) rather than rewrite it on every change.
    pub fn history_is_long(stored: &Stored) -> bool {
        stored.board.history.done.len() > COMPACT_AT_MOST
    }

    /// Folds old history into a new snapshot and saves, now (about half a second at 100,000
    /// cards): for a board on screen whose history is long, with no save under way.
    pub fn fold(&self, stored: &mut Stored) -> Result<(), StoreError> {
        stored.check_writable()?;
        self.compact(stored)?;
        self.save_file(stored)
    }

    fn save_file(&self, stored: &Stored) -> Result<(), StoreError> {
        self.write_pending(&self.prepare_save(stored)?)
    }

    /// Writes a board file made by [`Store::prepare_save`]: atomically, the previous one kept as
    /// the backup, snapshots nobody uses any more removed.
    pub fn write_pending(&self, pending: &PendingSave) -> Result<(), StoreError> {
        let path = &pending.path;
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        // The new file is written in full before the backup turns over: a save that fails (a
        // full disk) leaves both the board and its backup as they were.
        let staged = stage(path, path, pending.text.as_bytes(), None)?;
        if path.exists() {
            // Linked under another name, then renamed: a crash never leaves no backup.
            let backup = path.with_extension("ron.bak");
            let next = path.with_extension("ron.bak.new");
            let _ = fs::remove_file(&next);
            if fs::hard_link(path, &next).is_err() {
                fs::copy(path, &next).map_err(io_err(&next))?;
            }
            fs::rename(&next, &backup).map_err(io_err(&backup))?;
        }
        commit(staged, path, path)?;
        self.remove_stale_snapshots(&pending.prefix, &pending.snapshot, path);
        Ok(())
    }

    /// Makes the board's current cards its snapshot, dropping its history (after following the
    /// file, after a reset, and when a board is made).
    fn write_snapshot(&self, stored: &mut Stored) -> Result<(), StoreError> {
        let fp = Fingerprint::of(stored.board.doc.text.as_bytes());
        self.write_snapshot_as(stored, fp)
    }

    /// `write_snapshot` when the fingerprint of the board's document text is known already.
    fn write_snapshot_as(&self, stored: &mut Stored, fp: Fingerprint) -> Result<(), StoreError> {
        let text = &stored.board.doc.text;
        let name = format!("{}.{:016x}.md", key(stored.source.as_deref()), fp.hash);
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        write_atomic(&self.dir.join(&name), text.as_bytes())?;
        stored.snapshot_name = name;
        stored.snapshot_fingerprint = fp;
        Ok(())
    }

    /// Folds all but the last `KEEP_HISTORY` changes into a new snapshot.
    fn compact(&self, stored: &mut Stored) -> Result<(), StoreError> {
        let history = stored.board.history.clone();
        let fold = history.done.len() - KEEP_HISTORY;
        let mut base = Board::with_ids(stored.board.doc.clone(), stored.board.snapshot_ids.clone());
        let folded = History {
            done: history.done[..fold].to_vec(),
            undone: Vec::new(),
        };
        let path = self.board_path(stored.source.as_deref());
        base.replay(folded).map_err(|e| StoreError::Replay {
            path: path.clone(),
            source: e,
        })?;
        let text = base.export();
        let doc = markdown::parse(&text).map_err(|e| StoreError::Markdown { path, source: e })?;
        let ids = base.cards.iter().map(|c| c.id).collect();
        let mut board = Board::with_ids(doc, ids);
        board.next_id = stored.board.next_id;
        board.history = History {
            done: history.done[fold..].to_vec(),
            undone: history.undone,
        };
        // The board's cards are the same; only where they are counted from moves.
        board.cards.clone_from(&stored.board.cards);
        stored.board = board;
        stored.synced_at = stored.synced_at.and_then(|at| at.checked_sub(fold));
        self.write_snapshot(stored)
    }

    /// Drops the board's changes and makes the file's text its snapshot, keeping ids where titles
    /// match. The board as it was stays in the backup.
    pub fn reset(&self, stored: &mut Stored, text: &[u8]) -> Result<(), StoreError> {
        stored.check_writable()?;
        let shown = stored
            .source
            .clone()
            .unwrap_or_else(|| PathBuf::from("(bundled projects.md)"));
        let doc = markdown::parse_bytes(text).map_err(|e| StoreError::Markdown {
            path: shown,
            source: e,
        })?;
        stored.board = Board::follow(doc, &stored.board);
        stored.synced = Fingerprint::of(text);
        stored.synced_at = Some(0);
        let fp = stored.synced;
        self.write_snapshot_as(stored, fp)?;
        self.save(stored)
    }

    /// Writes the board into its source file, unless the file changed outside since the board
    /// last read or wrote it (`force` overrides). Returns the text written.
    pub fn write_back(&self, stored: &mut Stored, force: bool) -> Result<String, StoreError> {
        stored.check_writable()?;
        let Some(path) = stored.source.clone() else {
            return Err(StoreError::NoSource(PathBuf::from("(bundled projects.md)")));
        };
        self.check_unchanged(stored, &path, force)?;
        let text = stored.board.export();
        write_markdown(&path, text.as_bytes())?;
        stored.mark_synced(&text);
        self.save(stored)?;
        Ok(text)
    }

    /// Refuses when `path` (the source) changed since the board last read or wrote it.
    pub fn check_unchanged(
        &self,
        stored: &Stored,
        path: &Path,
        force: bool,
    ) -> Result<(), StoreError> {
        if force {
            return Ok(());
        }
        match fs::read(path) {
            Ok(bytes) if Fingerprint::of(&bytes) != stored.synced => {
                Err(StoreError::Changed(path.to_owned()))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(path)(e)),
        }
    }

    fn remove_stale_snapshots(&self, prefix: &str, current: &str, board_path: &Path) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        // The backup's snapshot is kept too, so that the backup stays loadable.
        let backup_snapshot = fs::read_to_string(board_path.with_extension("ron.bak"))
            .ok()
            .and_then(|t| ron::from_str::<BoardFile>(&t).ok())
            .map(|f| f.snapshot);
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_snapshot = name.starts_with(prefix)
                && Path::new(&name).extension().is_some_and(|e| e == "md")
                && name
                    .get(prefix.len()..name.len() - 3)
                    .is_some_and(|hash| hash.len() == 16);
            if is_snapshot && name != current && Some(&name) != backup_snapshot.as_ref() {
                let _ = fs::remove_file(entry.path());
            }
            // A temporary file left by a process killed mid-write; an hour old, it is nobody's.
            let abandoned = name.starts_with(".mdboard-")
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(3600));
            if abandoned {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Every board in the store, with its RON file path.
    pub fn boards(&self) -> Vec<(PathBuf, Result<Stored, StoreError>)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let loaded = read_board_file(&p, None).and_then(|found| {
                    let source = found.and_then(|(f, _)| f.source);
                    self.load(source.as_deref())?
                        .ok_or_else(|| StoreError::NoSource(p.clone()))
                });
                (p, loaded)
            })
            .collect()
    }
}

/// The file name stem of the board of `source`: the file's name and a hash of its absolute path.
fn key(source: Option<&Path>) -> String {
    let Some(path) = source else {
        return "bundled".to_owned();
    };
    let name: String = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = Fingerprint::of(path.as_os_str().as_encoded_bytes()).hash;
    format!("{name}-{hash:016x}")
}

/// The absolute path a board is keyed by: its directory resolved (when it exists), so that
/// `./x.md` and `/abs/x.md` are one board, while a file that is gone still finds its board.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir).map_or(abs.clone(), |d| d.join(name)),
        _ => abs,
    }
}

fn runs(ids: &[CardId]) -> Vec<(CardId, u64)> {
    let mut out: Vec<(CardId, u64)> = Vec::new();
    for &id in ids {
        match out.last_mut() {
            Some((first, count)) if *first + *count == id => *count += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

fn corrupt(
    path: &Path,
    source: Option<&Path>,
    line: usize,
    column: usize,
    message: String,
) -> StoreError {
    StoreError::Corrupt {
        path: path.to_owned(),
        line,
        column,
        message,
        file_arg: file_arg(source),
    }
}

/// The board file at `path`, and its text, when there is one; an error naming its line and
/// column when it cannot be read (not UTF-8, not RON, a newer schema).
fn read_board_file(
    path: &Path,
    source: Option<&Path>,
) -> Result<Option<(BoardFile, String)>, StoreError> {
    let path = path.to_owned();
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_column(e.as_bytes(), e.utf8_error().valid_up_to());
            return Err(corrupt(
                &path,
                source,
                line,
                column,
                "not valid UTF-8".into(),
            ));
        }
    };
    let version: Version = ron::from_str(&text).map_err(|e| ron_error(&path, source, &text, &e))?;
    if version.schema > SCHEMA {
        let (line, column) = field_position(&text, "schema");
        return Err(StoreError::Newer {
            found: version.schema,
            line,
            column,
            file_arg: file_arg(source),
            path,
        });
    }
    let file: BoardFile = ron::from_str(&text).map_err(|e| ron_error(&path, source, &text, &e))?;
    Ok(Some((file, text)))
}

/// The `-f FILE` of a command that names the board of `source`.
fn file_arg(source: Option<&Path>) -> String {
    source.map_or_else(String::new, |s| format!(" -f {}", s.display()))
}

/// The 1-based line and column (in characters) of byte `at` of `bytes`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Where the field `name` of a board file stands (its first line when it is not found).
fn field_position(text: &str, name: &str) -> (usize, usize) {
    let needle = format!("{name}:");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            trimmed
                .starts_with(&needle)
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .unwrap_or((1, 1))
}

/// A RON error at the offending token: ron's span starts before the white space in front of
/// it, which may be on an earlier line.
fn ron_error(
    path: &Path,
    source: Option<&Path>,
    text: &str,
    e: &ron::error::SpannedError,
) -> StoreError {
    let line_start = text
        .split_inclusive('\n')
        .take(e.span.start.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let start = line_start
        + text[line_start..]
            .chars()
            .take(e.span.start.col.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>();
    let at = text[start..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| start + i);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    corrupt(path, source, line, column, e.code.to_string())
}

/// Writes a file atomically: a temporary file in the same directory, flushed and synced, then
/// renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, path, bytes, None)
}

/// Writes a markdown file atomically, through a symlink rather than over it, keeping the file's
/// permissions.
pub fn write_markdown(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());
    replace(path, &target, bytes, permissions)
}

fn replace(
    shown: &Path,
    target: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<(), StoreError> {
    let staged = stage(shown, target, bytes, permissions)?;
    commit(staged, shown, target)
}

/// The directory a file is written in.
fn parent_dir(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes the bytes into a temporary file beside `target`, flushed and synced; dropped
/// without `commit`, it is removed.
fn stage(
    shown: &Path,
    target: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<tempfile::NamedTempFile, StoreError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".mdboard-")
        .tempfile_in(parent_dir(target))
        .map_err(io_err(shown))?;
    tmp.write_all(bytes).map_err(io_err(shown))?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(io_err(shown))?;
    }
    tmp.as_file().sync_all().map_err(io_err(shown))?;
    Ok(tmp)
}

/// Renames a staged file over `target`, durably.
fn commit(staged: tempfile::NamedTempFile, shown: &Path, target: &Path) -> Result<(), StoreError> {
    staged.persist(target).map_err(|e| io_err(shown)(e.error))?;
    sync_dir(parent_dir(target));
    Ok(())
}

/// Makes a rename in `dir` durable: on Linux the new directory entry reaches the disk only when
/// the directory itself is synced.
///
/// Best effort: the file is already in place, and some file systems refuse to sync a directory;
/// failing the save then would report a loss that did not happen.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_as_runs() {
        assert_eq!(runs(&[1, 2, 3, 7, 8, 4]), [(1, 3), (7, 2), (4, 1)]);
        assert_eq!(runs(&[]), []);
    }

    #[test]
    fn keys_name_the_file_and_differ_by_path() {
        let a = key(Some(Path::new("/a/projects.md")));
        let b = key(Some(Path::new("/b/projects.md")));
        assert!(a.starts_with("projects_md-"));
        assert_ne!(a, b);
        assert_eq!(key(None), "bundled");
    }
}
