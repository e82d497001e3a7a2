//! Reading a board: its file, its snapshot checked against the file's fingerprint, its
//! history replayed; for a command that only reads, without making or locking anything.

use std::fs;
use std::io;
use std::path::Path;

use super::board_file::{self, BoardFile, corrupt, field_position, read_board_file};
use super::{
    BUNDLED, Notice, Store, StoreError, Stored, absolute, board_layout, io_err, read_board,
    remember, shown,
};
use crate::board::{Board, CardId, Choice, Fingerprint};
use crate::{config, markdown};

impl Store {
    /// The field names of the board of `source` (its tables' header names), or of its file
    /// when it has no board yet, without making anything; `None` when neither can be read
    /// (opening will say why).
    pub fn headers(&self, source: Option<&Path>) -> Option<Vec<String>> {
        let source = source.map(absolute);
        if let Ok(Some(stored)) = self.load(source.as_deref()) {
            return Some(stored.board.field_names().to_vec());
        }
        let bytes = match source.as_deref() {
            None => BUNDLED.as_bytes().to_vec(),
            Some(path) => fs::read(path).ok()?,
        };
        let named = match source.as_deref() {
            Some(path) => config::load(path).ok()?.0.choice(),
            None => Choice::default(),
        };
        read_board(&bytes, &shown(source.as_deref()), &named)
            .ok()
            .map(|(board, _)| board.field_names().to_vec())
    }

    /// Reads the board of `source` when there is one, with the columns `flags` and its settings
    /// name, for a command that only reads: nothing is made, locked or written, and the file is
    /// not followed. Also the columns named (for reading the file when there is no board), and
    /// the settings file's notices.
    pub fn peek(
        &self,
        source: Option<&Path>,
        flags: &Choice,
    ) -> Result<(Option<Stored>, Choice, Vec<Notice>), StoreError> {
        let source = source.map(absolute);
        let mut notices = Vec::new();
        let (named, settings) = Self::named_choice(source.as_deref(), flags, &mut notices)?;
        let stored = self
            .load_with(source.as_deref(), &named)?
            .map(|mut stored| {
                stored.settings = settings;
                stored
            });
        Ok((stored, named, notices))
    }

    /// Reads the board of `source` when there is one, with the columns it remembers.
    pub fn load(&self, source: Option<&Path>) -> Result<Option<Stored>, StoreError> {
        self.load_with(source, &Choice::default())
    }

    /// The snapshot a board file names, checked against its fingerprint.
    pub(super) fn snapshot_bytes(
        &self,
        path: &Path,
        source: Option<&Path>,
        text: &str,
        file: &BoardFile,
    ) -> Result<Vec<u8>, StoreError> {
        let snapshot_path = self.dir.join(&file.snapshot);
        let at_snapshot = |message: String| {
            let (line, column) = field_position(text, "snapshot");
            corrupt(path, source, line, column, message)
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
        Ok(bytes)
    }

    /// The board file at `path` (when there is one), its text, and the bytes of its snapshot.
    /// Another mdboard writing the board replaces its file and then removes the snapshot it no
    /// longer names: a snapshot missing under a board file since replaced is looked for again.
    pub(super) fn read_with_snapshot(
        &self,
        path: &Path,
        source: Option<&Path>,
    ) -> Result<Option<(BoardFile, String, Vec<u8>)>, StoreError> {
        let mut tries = 0;
        loop {
            let Some((file, text)) = read_board_file(path, source)? else {
                return Ok(None);
            };
            match self.snapshot_bytes(path, source, &text, &file) {
                Ok(bytes) => return Ok(Some((file, text, bytes))),
                Err(e) => {
                    tries += 1;
                    let replaced = tries < 5
                        && !self.dir.join(&file.snapshot).exists()
                        && fs::read_to_string(path).is_ok_and(|now| now != text);
                    if !replaced {
                        return Err(e);
                    }
                }
            }
        }
    }

    /// Reads the board of `source` when there is one: with the columns `named` names over the
    /// ones it remembers. A board with changes not written back refuses another status column;
    /// one without is read again from its snapshot with it.
    pub(super) fn load_with(
        &self,
        source: Option<&Path>,
        named: &Choice,
    ) -> Result<Option<Stored>, StoreError> {
        let path = self.board_path(source);
        let Some((mut file, text, bytes)) = self.read_with_snapshot(&path, source)? else {
            return Ok(None);
        };
        let at_snapshot = |message: String| {
            let (line, column) = field_position(&text, "snapshot");
            corrupt(&path, source, line, column, message)
        };
        // The snapshot's bytes match their fingerprint: the shape kept with them is theirs.
        let doc = match &file.shape {
            Some(shape) => markdown::parse_shaped(&bytes, shape),
            None => markdown::parse_bytes(&bytes),
        };
        let doc = doc.map_err(|e| {
            at_snapshot(format!(
                "its snapshot {} cannot be read ({e})",
                file.snapshot
            ))
        })?;
        let mut ids: Vec<CardId> = file
            .ids
            .iter()
            .flat_map(|&(first, count)| first..first.saturating_add(count))
            .collect();
        let mut remembered = file.choice.clone();
        if file.schema < 2 && remembered.state_column.is_none() {
            // Schema 1 boards were read by the column named State, from its first table.
            remembered.state_column = Some("State".to_owned());
        }
        let choice = named.clone().or(&remembered);
        let changed_column = match (&remembered.state_column, &named.state_column) {
            (Some(old), Some(new)) if layout_key(old) != layout_key(new) => {
                Some((old.clone(), new.clone()))
            }
            _ => None,
        };
        if let Some((old, new)) = changed_column {
            let path = source.map_or_else(|| shown(None), Path::to_owned);
            if file.synced_at != Some(file.history.done.len()) {
                return Err(StoreError::StateColumn { path, old, new });
            }
            if file.synced != file.snapshot_fingerprint {
                // Written back, but the snapshot is older than the file: read again from the
                // snapshot, the board would hold the text before its changes (and write it).
                let file_arg = board_file::file_arg(source);
                return Err(StoreError::StateColumnHistory {
                    path,
                    old,
                    new,
                    file_arg,
                });
            }
            return reread(file, &bytes, source, &choice).map(Some);
        }
        let layout = board_layout(&doc, &choice).map_err(|e| {
            at_snapshot(format!(
                "its snapshot {} cannot be read ({e})",
                file.snapshot
            ))
        })?;
        let rows = Board::rows(&doc, &layout);
        let first = layout
            .tables
            .first()
            .map_or(0, |t| doc.tables[t.table].rows.len());
        if file.schema < 2 && ids.len() == first {
            // The other tables of a schema 1 board join it with new ids.
            let next = file.next_id.max(ids.iter().max().map_or(1, |m| m + 1));
            ids.extend((next..).take(rows - first));
        }
        if ids.len() != rows {
            let (line, column) = field_position(&text, "ids");
            return Err(corrupt(
                &path,
                source,
                line,
                column,
                format!(
                    "it lists {} card ids for the {rows} rows of its snapshot",
                    ids.len()
                ),
            ));
        }
        let choice = remember(&choice, &layout);
        let mut board = Board::with_ids(doc, layout, ids);
        board.next_id = board.next_id.max(file.next_id);
        board
            .replay(std::mem::take(&mut file.history))
            .map_err(|e| {
                let (line, column) = field_position(&text, "history");
                corrupt(
                    &path,
                    source,
                    line,
                    column,
                    format!("its changes do not apply to its snapshot ({e})"),
                )
            })?;
        Ok(Some(self.loaded(file, &bytes, board, choice)))
    }

    /// A board read from its file.
    pub(super) fn loaded(
        &self,
        file: BoardFile,
        snapshot: &[u8],
        board: Board,
        choice: Choice,
    ) -> Stored {
        let (base, base_name) = match self.base_of(&file, snapshot, &board) {
            Some((text, name)) => (Some(text), name),
            None => (None, None),
        };
        Stored {
            base,
            base_name,
            ..stored(file, board, choice)
        }
    }
}

/// A board and what its file keeps beside it: nothing held, no settings read, no base.
fn stored(file: BoardFile, board: Board, choice: Choice) -> Stored {
    Stored {
        board,
        source: file.source,
        synced: file.synced,
        synced_at: file.synced_at,
        focus: file.focus,
        view: file.view,
        settings: config::Section::default(),
        choice,
        snapshot_name: file.snapshot,
        lock: None,
        held_by: None,
        snapshot_fingerprint: file.snapshot_fingerprint,
        base: None,
        base_name: None,
        conflicts: file.conflicts,
        timeline: file.timeline,
    }
}

/// A status column's name as compared.
pub(super) fn layout_key(name: &str) -> String {
    crate::board::layout::header_key(name)
}

/// A board without changes to keep, made again from its snapshot with other columns.
pub(super) fn reread(
    file: BoardFile,
    bytes: &[u8],
    source: Option<&Path>,
    choice: &Choice,
) -> Result<Stored, StoreError> {
    let (mut board, choice) = read_board(bytes, &shown(source), choice)?;
    board.next_id = board.next_id.max(file.next_id);
    let base = (file.synced == file.snapshot_fingerprint)
        .then(|| std::str::from_utf8(bytes).ok().map(Into::into))
        .flatten();
    Ok(Stored {
        synced_at: Some(0),
        base,
        conflicts: Vec::new(),
        ..stored(file, board, choice)
    })
}
