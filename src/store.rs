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
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use thiserror::Error;

mod atomic;
mod board_file;
mod boards;
mod lock;
mod prune;
mod read;
mod save;
mod stored;
mod write_lock;

pub use atomic::{write_atomic, write_markdown};
pub use lock::Lock;
pub use prune::{Orphan, Prune, Pruned};
pub use stored::{Absorbed, Focus, LaneBy, Stored, View};
pub use write_lock::{WriteLock, write_lock};

use crate::board::{Board, BoardError, Choice, Fingerprint, Layout, LayoutError};
use crate::config::{self, ConfigError};
use crate::follow::FollowError;
use crate::markdown::{self, Document, ParseError};
use atomic::sync_dir;
use board_file::BoardFile;

/// The schema version this build writes; it reads this one and older ones. Schema 2 boards
/// remember the columns they were read with, and their cards the table they stand in; schema 3
/// boards how they are shown (hidden columns, lanes), and their histories may hold changes of
/// the states table's cells and changes made as one; schema 4 boards the text last read or
/// written (the base of a merge) and the conflicts a merge left; schema 5 boards keep their
/// cards' history from git.
pub const SCHEMA: u32 = 5;

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
    #[error("{}", .error.in_file(.path.display()))]
    Markdown { path: PathBuf, error: ParseError },
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
    #[error("{}: {source}", .path.display())]
    Layout { path: PathBuf, source: LayoutError },
    #[error(transparent)]
    Settings(#[from] ConfigError),
    #[error(
        "{}: the board was read with {old:?} as its status column and has changes not written \
         back; not read with {new:?} (write them back with `w` or --write, or drop them with \
         `mdboard reset`, first)",
        .path.display()
    )]
    StateColumn {
        path: PathBuf,
        old: String,
        new: String,
    },
    #[error(
        "{}: the board was read with {old:?} as its status column, and its changes, written \
         back, are still its history over an older snapshot; not read with {new:?} (`mdboard \
         reset{file_arg}` reads the file again first)",
        .path.display()
    )]
    StateColumnHistory {
        path: PathBuf,
        old: String,
        new: String,
        file_arg: String,
    },
    #[error("the board is in use by {0}; try again when it quits")]
    InUse(String),
    #[error(
        "{}: not written: {count} conflict{s} to resolve first (`[` `]` and `<` `>` on the \
         board, or `mdboard resolve`; --force writes the board's side of each)",
        .path.display(),
        s = if *.count == 1 { "" } else { "s" }
    )]
    Conflicts { path: PathBuf, count: usize },
    #[error("{}: changed on disk and cannot be followed: {source}", .path.display())]
    Follow { path: PathBuf, source: FollowError },
    #[error("{}: another process is writing it; try again", .0.display())]
    Busy(PathBuf),
}

impl StoreError {
    /// True when the board file itself cannot be used (corrupt, from a newer mdboard, its
    /// snapshot missing or not matching): `mdboard reset` sets it aside and starts again.
    pub fn is_unreadable_board(&self) -> bool {
        matches!(self, Self::Corrupt { .. } | Self::Newer { .. })
    }
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A board file made and waiting to be written (see [`Store::prepare_save`]).
#[derive(Debug, Clone)]
pub struct PendingSave {
    path: PathBuf,
    /// The board's file names start with this.
    prefix: String,
    /// The snapshot and the base the file names: kept when older ones are removed.
    keep: Vec<String>,
    text: String,
}

/// What opening a board found, beside the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another process has the board open: this one is read-only.
    InUse(String),
    /// The source file is gone; the board opened from its own files.
    SourceMissing(PathBuf),
    /// The file changed outside and the board followed it, merging its own changes in.
    Followed(PathBuf, Absorbed),
    /// The file changed outside but cannot be read; the board is kept as it was.
    Unreadable(String),
    /// The settings file holds a key this mdboard does not know; it was ignored.
    Settings(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SourceMissing(p) => write!(
                f,
                "{}: no such file; showing its board (export -o to write it again)",
                p.display()
            ),
            Self::Followed(p, what) => {
                write!(
                    f,
                    "{}: changed on disk; the board follows it ({what})",
                    p.display()
                )
            }
            Self::Unreadable(e) => write!(f, "{e}; the board is kept as it was"),
            Self::InUse(holder) => write!(
                f,
                "the board is in use by {holder}; opened read-only (changes are refused)"
            ),
            Self::Settings(warning) => f.write_str(warning),
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

    /// Opens the board of `source` with the columns its settings name, as [`Store::open_with`].
    pub fn open(&self, source: Option<&Path>) -> Result<(Stored, Vec<Notice>), StoreError> {
        self.open_with(source, &Choice::default())
    }

    /// Opens the board of `source`, creating it from the file when there is none, and following
    /// the file when it changed and the board has no changes of its own.
    ///
    /// Which columns mean what: `flags` first, then the document's settings (`.mdboard.ron`),
    /// then what the board remembers, then detection. A board with changes not written back
    /// refuses another status column.
    ///
    /// The board is locked for as long as the returned `Stored` (or a clone) lives. When another
    /// process holds it, the board opens read-only: nothing is written, and a notice says who.
    /// Nothing is created before the source has been read and understood.
    pub fn open_with(
        &self,
        source: Option<&Path>,
        flags: &Choice,
    ) -> Result<(Stored, Vec<Notice>), StoreError> {
        let source = source.map(absolute);
        let source = source.as_deref();
        let mut notices = Vec::new();
        let (named, settings) = Self::named_choice(source, flags, &mut notices)?;
        let existing = self.load_with(source, &named)?;
        let text = match source {
            None => Some(BUNDLED.as_bytes().to_vec()),
            Some(path) => match fs::read(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(io_err(path)(e)),
            },
        };
        let shown = shown(source);
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
                let (board, choice) = read_board(text, &shown, &named)?;
                let stored = Stored {
                    board,
                    source: source.map(Path::to_owned),
                    synced: fingerprint,
                    synced_at: Some(0),
                    focus: Focus::default(),
                    view: View::default(),
                    settings: config::Section::default(),
                    choice,
                    snapshot_name: String::new(),
                    lock: None,
                    held_by: None,
                    snapshot_fingerprint: fingerprint,
                    base: std::str::from_utf8(text).ok().map(Into::into),
                    base_name: None,
                    conflicts: Vec::new(),
                    timeline: None,
                };
                (stored, true)
            }
            (None, _, _) => return Err(StoreError::NoSource(shown)),
        };
        stored.settings = settings;
        match self.lock(source)? {
            Ok(lock) => stored.lock = Some(Arc::new(lock)),
            Err(holder) => {
                notices.push(Notice::InUse(holder.clone()));
                stored.held_by = Some(holder);
            }
        }
        let writable = stored.held_by.is_none();
        if fresh && writable {
            // The document's text is the file's bytes, so their fingerprint is the snapshot's;
            // the snapshot is the base of the first merge too.
            let fp = stored.snapshot_fingerprint;
            self.write_snapshot_as(&mut stored, fp)?;
            stored.base_name = stored.base.is_some().then(|| stored.snapshot_name.clone());
            self.save(&mut stored)?;
        }
        let (Some(text), Some(fingerprint)) = (text, fingerprint) else {
            notices.push(Notice::SourceMissing(shown));
            return Ok((stored, notices));
        };
        if fingerprint != stored.synced {
            match follow_text(&mut stored, &text) {
                Ok(what) => {
                    if writable {
                        self.persist(&mut stored)?;
                    }
                    notices.push(Notice::Followed(shown, what));
                }
                Err(e) => notices.push(Notice::Unreadable(e.to_string())),
            }
        } else if writable && stored.base_name.is_none() && stored.base.is_some() {
            // A board of an older mdboard keeps the base it worked out from now on.
            self.persist(&mut stored)?;
        }
        Ok((stored, notices))
    }

    /// The columns named for the board of `source`: by flags, else by its settings file (whose
    /// unknown keys become notices); and the settings. The bundled list has its own.
    fn named_choice(
        source: Option<&Path>,
        flags: &Choice,
        notices: &mut Vec<Notice>,
    ) -> Result<(Choice, config::Section), StoreError> {
        let Some(path) = source else {
            return Ok((flags.clone(), config::bundled()));
        };
        let (section, unknown) = config::load(path)?;
        notices.extend(unknown.iter().map(|u| Notice::Settings(u.to_string())));
        Ok((flags.clone().or(&section.choice()), section))
    }

    /// Takes the lock of the board of `source`, or says who holds it. A lock dies with its
    /// process (it is an OS file lock), so a crashed mdboard never blocks anyone.
    fn lock(&self, source: Option<&Path>) -> Result<Result<Lock, String>, StoreError> {
        let path = self.dir.join(format!("{}.lock", key(source)));
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        lock::take(&path)
    }

    /// Takes a read-only board over when the process that held it let it go: the board read
    /// again as that process left it, now locked here. False while it is still held.
    pub fn take_over(&self, stored: &mut Stored) -> Result<bool, StoreError> {
        if stored.held_by.is_none() {
            return Ok(false);
        }
        let source = stored.source.clone();
        let Ok(lock) = self.lock(source.as_deref())? else {
            return Ok(false);
        };
        if let Some(mut fresh) = self.load(source.as_deref())? {
            fresh.settings = stored.settings.clone();
            *stored = fresh;
        }
        stored.lock = Some(Arc::new(lock));
        stored.held_by = None;
        Ok(true)
    }

    /// Drops the board's changes and makes the file's text its snapshot, keeping the ids of the
    /// cards its rows are (matched as the merge matches rows). The board as it was stays in the
    /// backup.
    pub fn reset(&self, stored: &mut Stored, text: &[u8]) -> Result<(), StoreError> {
        stored.check_writable()?;
        let shown = stored
            .source
            .clone()
            .unwrap_or_else(|| PathBuf::from("(bundled projects.md)"));
        // A reset forgets the columns the board remembers: only flags and settings name them.
        let named = match &stored.source {
            Some(path) => config::load(path)?.0.choice(),
            None => Choice::default(),
        };
        let (board, choice) = read_board(text, &shown, &named)?;
        stored.board = crate::merge::versions::follow(board.doc, board.layout, &stored.board);
        stored.choice = choice;
        stored.synced = Fingerprint::of(text);
        stored.synced_at = Some(0);
        stored.base = std::str::from_utf8(text).ok().map(Into::into);
        stored.base_name = None;
        stored.conflicts.clear();
        let fp = stored.synced;
        self.write_snapshot_as(stored, fp)?;
        self.persist(stored)
    }

    /// Writes the board into its source file, under the file's write lock: the file is read
    /// first, and when it changed outside since the board last read or wrote it, the board
    /// follows it (merging its own changes in) before the merge is written. With conflicts
    /// left, nothing is written unless `force`, which writes the board's side of each.
    pub fn write_back(&self, stored: &mut Stored, force: bool) -> Result<Written, StoreError> {
        stored.check_writable()?;
        let Some(path) = stored.source.clone() else {
            return Err(StoreError::NoSource(PathBuf::from("(bundled projects.md)")));
        };
        let _lock = write_lock(&path)?;
        let followed = self.follow_file(stored, &path)?;
        if !stored.conflicts.is_empty() {
            if !force {
                return Err(StoreError::Conflicts {
                    path,
                    count: stored.conflicts.len(),
                });
            }
            stored
                .resolve(|_| true, crate::board::conflicts::Side::Mine)
                .map_err(|source| StoreError::Replay {
                    path: path.clone(),
                    source,
                })?;
        }
        let text = stored.board.export();
        write_markdown(&path, text.as_bytes())?;
        stored.mark_synced(&text);
        self.persist(stored)?;
        Ok(Written { text, followed })
    }

    /// Follows the file at `path` when it changed since the board last read or wrote it (and
    /// saves the board); what that did, if anything.
    pub fn follow_file(
        &self,
        stored: &mut Stored,
        path: &Path,
    ) -> Result<Option<Absorbed>, StoreError> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(path)(e)),
        };
        if stored.is_synced_text(&bytes) {
            return Ok(None);
        }
        let what = follow_text(stored, &bytes).map_err(|source| StoreError::Follow {
            path: path.to_owned(),
            source,
        })?;
        if stored.held_by.is_none() {
            self.persist(stored)?;
        }
        Ok(Some(what))
    }

    /// Writes what following the file or writing it made new (the snapshot, the base), then
    /// the board file.
    pub fn persist(&self, stored: &mut Stored) -> Result<(), StoreError> {
        stored.check_writable()?;
        if stored.snapshot_name.is_empty() {
            let fp = stored.snapshot_fingerprint;
            self.write_snapshot_as(stored, fp)?;
        }
        if stored.base_name.is_none()
            && let Some(base) = stored.base.clone()
        {
            let name = self.text_name(stored.source.as_deref(), stored.synced);
            if name != stored.snapshot_name {
                write_atomic(&self.dir.join(&name), base.as_bytes())?;
            }
            stored.base_name = Some(name);
        }
        self.save(stored)
    }

    /// The name of a text of the board of `source` in the data directory (a snapshot, a base).
    fn text_name(&self, source: Option<&Path>, fp: Fingerprint) -> String {
        let _ = self;
        format!("{}.{:016x}.md", key(source), fp.hash)
    }

    /// The text last read or written of a board file (and the name of its file, when it has
    /// one): the file it names, else (an older board) the board's text after its first
    /// `synced_at` changes, when that is the text synced. `snapshot` has been checked against
    /// the snapshot's fingerprint already.
    fn base_of(
        &self,
        file: &BoardFile,
        snapshot: &[u8],
        board: &Board,
    ) -> Option<(Arc<str>, Option<String>)> {
        if let Some(name) = &file.base {
            if *name == file.snapshot {
                // The snapshot's bytes match its fingerprint: they are the base when that is
                // the fingerprint synced, with no copy and no second hash.
                return (file.synced == file.snapshot_fingerprint)
                    .then(|| std::str::from_utf8(snapshot).ok())
                    .flatten()
                    .map(|t| (t.into(), Some(name.clone())));
            }
            let bytes = fs::read(self.dir.join(name)).ok()?;
            if Fingerprint::of(&bytes) == file.synced {
                return String::from_utf8(bytes)
                    .ok()
                    .map(|t| (t.into(), Some(name.clone())));
            }
            return None;
        }
        let at = file.synced_at?;
        if at == 0 && file.synced == file.snapshot_fingerprint {
            return std::str::from_utf8(snapshot).ok().map(|t| (t.into(), None));
        }
        let mut then = board.clone();
        for _ in at..then.history.done.len() {
            then.undo().ok()?;
        }
        let text = then.export();
        (Fingerprint::of(text.as_bytes()) == file.synced).then(|| (text.into(), None))
    }
}

/// What writing the board back did.
#[derive(Debug, Clone)]
pub struct Written {
    /// The text written.
    pub text: String,
    /// What following the file, changed outside, did first.
    pub followed: Option<Absorbed>,
}

/// Follows a file's bytes (see [`Stored::absorb`]).
fn follow_text(stored: &mut Stored, bytes: &[u8]) -> Result<Absorbed, FollowError> {
    let text = markdown::text_of(bytes).map_err(FollowError::Markdown)?;
    stored.absorb(text)
}

/// How a board's file is named in messages.
fn shown(source: Option<&Path>) -> PathBuf {
    source.map_or_else(|| PathBuf::from("(bundled projects.md)"), Path::to_owned)
}

/// What a document's tables mean, read with `choice`.
fn board_layout(doc: &Document, choice: &Choice) -> Result<Layout, LayoutError> {
    crate::board::layout::layout(doc, choice)
}

/// The columns a board remembers: the ones named, and its status column always.
fn remember(choice: &Choice, layout: &Layout) -> Choice {
    Choice {
        state_column: Some(layout.state_name.clone()),
        ..choice.clone()
    }
}

/// A fresh board of a markdown file's bytes, read with `choice`, as a board is made (for a
/// change made on the file itself while another process holds the board).
pub fn board_of(bytes: &[u8], path: &Path, choice: &Choice) -> Result<Board, StoreError> {
    read_board(bytes, path, choice).map(|(board, _)| board)
}

/// A fresh board of a document's bytes, read with `choice`; an error naming the file (and the
/// conflict markers when a half-merged document has no table left to read).
fn read_board(bytes: &[u8], shown: &Path, choice: &Choice) -> Result<(Board, Choice), StoreError> {
    let doc = markdown::parse_bytes(bytes).map_err(|error| StoreError::Markdown {
        path: shown.to_owned(),
        error,
    })?;
    let layout = board_layout(&doc, choice).map_err(|source| {
        let markers = markdown::conflict_marker_lines(&doc.text);
        if markers.is_empty() {
            StoreError::Layout {
                path: shown.to_owned(),
                source,
            }
        } else {
            StoreError::Markdown {
                path: shown.to_owned(),
                error: ParseError::ConflictMarkers { lines: markers },
            }
        }
    })?;
    let choice = remember(choice, &layout);
    Ok((Board::new(doc, layout), choice))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_file_and_differ_by_path() {
        let a = key(Some(Path::new("/a/projects.md")));
        let b = key(Some(Path::new("/b/projects.md")));
        assert!(a.starts_with("projects_md-"));
        assert_ne!(a, b);
        assert_eq!(key(None), "bundled");
    }
}
