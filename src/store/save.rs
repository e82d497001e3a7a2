//! Saving a board: the board file written atomically with its backup, history folded into a
//! new snapshot when it grows long, and on another thread when the screen must not wait.

use std::fs;
use std::io;

use super::atomic::{Access, commit, stage};
use super::board_file::{BoardFile, runs};
use super::{
    COMPACT_AT, COMPACT_AT_MOST, KEEP_HISTORY, PendingSave, SCHEMA, Store, StoreError, Stored,
    board_layout, io_err, key, write_atomic,
};
use crate::board::{Board, Fingerprint, History};
use crate::markdown;

impl Store {
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
            view: stored.view.clone(),
            choice: stored.choice.clone(),
            shape: Some(stored.board.doc.shape.clone()),
            base: stored.base_name.clone(),
            conflicts: stored.conflicts.clone(),
            timeline: stored.timeline.clone(),
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
            keep: std::iter::once(stored.snapshot_name.clone())
                .chain(stored.base_name.clone())
                .collect(),
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

    pub(super) fn save_file(&self, stored: &Stored) -> Result<(), StoreError> {
        self.write_pending(&self.prepare_save(stored)?)
    }

    /// Writes a board file made by [`Store::prepare_save`]: atomically, the previous one kept as
    /// the backup, snapshots nobody uses any more removed.
    pub fn write_pending(&self, pending: &PendingSave) -> Result<(), StoreError> {
        let path = &pending.path;
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        // The new file is written in full before the backup turns over: a save that fails (a
        // full disk) leaves both the board and its backup as they were.
        let staged = stage(path, path, pending.text.as_bytes(), Access::Private)?;
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
        self.remove_stale_snapshots(&pending.prefix, &pending.keep, path);
        Ok(())
    }

    /// Makes the board's current cards its snapshot, dropping its history (after following the
    /// file, after a reset, and when a board is made).
    pub(super) fn write_snapshot(&self, stored: &mut Stored) -> Result<(), StoreError> {
        let fp = Fingerprint::of(stored.board.doc.text.as_bytes());
        self.write_snapshot_as(stored, fp)
    }

    /// `write_snapshot` when the fingerprint of the board's document text is known already.
    pub(super) fn write_snapshot_as(
        &self,
        stored: &mut Stored,
        fp: Fingerprint,
    ) -> Result<(), StoreError> {
        let text = &stored.board.doc.text;
        let name = format!("{}.{:016x}.md", key(stored.source.as_deref()), fp.hash);
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        write_atomic(&self.dir.join(&name), text.as_bytes())?;
        stored.snapshot_name = name;
        stored.snapshot_fingerprint = fp;
        Ok(())
    }

    /// Folds all but the last `KEEP_HISTORY` changes into a new snapshot.
    pub(super) fn compact(&self, stored: &mut Stored) -> Result<(), StoreError> {
        let history = stored.board.history.clone();
        let fold = history.done.len() - KEEP_HISTORY;
        let mut base = Board::with_ids(
            stored.board.doc.clone(),
            stored.board.layout.clone(),
            stored.board.snapshot_ids.clone(),
        );
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
        let doc = markdown::parse(&text).map_err(|error| StoreError::Markdown {
            path: path.clone(),
            error,
        })?;
        let layout = board_layout(&doc, &stored.choice)
            .map_err(|source| StoreError::Layout { path, source })?;
        let ids = base.cards.iter().map(|c| c.id).collect();
        let mut board = Board::with_ids(doc, layout, ids);
        board.next_id = stored.board.next_id;
        board.history = History {
            done: history.done[fold..].to_vec(),
            undone: history.undone,
        };
        // The board's cards are the same; only where they are counted from moves.
        board.hold_as(&stored.board);
        stored.board = board;
        stored.synced_at = stored.synced_at.and_then(|at| at.checked_sub(fold));
        self.write_snapshot(stored)
    }
}
