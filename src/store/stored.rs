//! A board with what the store knows of it: its source, whether the two agree, its lock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Lock, StoreError};
use crate::board::conflicts::{self, Side};
use crate::board::{Board, CardConflict, CardId, Change, Choice, Fingerprint};
use crate::follow::{self, FollowError};
use crate::merge::Changes;
use crate::timeline::read::Kept;

/// Where the focus was, kept when quitting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Focus {
    pub card: Option<CardId>,
    pub column: Option<String>,
}

/// How the board is shown, kept with it: hidden columns, collapsed empty ones, lanes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// Hidden columns, by their state key (`layout::state_key`; "" is "No state").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    /// Whether empty columns are collapsed to strips.
    #[serde(default)]
    pub collapse_empty: bool,
    /// The lanes the board is grouped by, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lanes: Option<LaneBy>,
    /// Collapsed lanes, by their key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collapsed_lanes: Vec<String>,
}

/// What lanes group cards by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneBy {
    /// A column, by its header name.
    Field(String),
    /// The card's table, or its section in a table that has them.
    Table,
    /// No lanes (chosen, over the settings' default).
    Off,
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
    /// How the board is shown.
    pub view: View,
    /// What the document's settings (`.mdboard.ron`) say, as they were when it was opened.
    pub settings: crate::config::Section,
    /// The columns the board was read with (its status column always named): what it
    /// remembers for the next time it is opened.
    pub choice: Choice,
    pub(super) snapshot_name: String,
    /// Held while this board is open here.
    pub(super) lock: Option<Arc<Lock>>,
    /// Who holds the board when it is not this process: the board is then read-only.
    pub(super) held_by: Option<String>,
    /// The snapshot's fingerprint, worked out when it is written or read: hashing a 20 MB
    /// snapshot costs about 25 ms, too much to repeat on every save.
    pub(super) snapshot_fingerprint: Fingerprint,
    /// The file's text as the board last read or wrote it (its fingerprint is `synced`): the
    /// base of the merge when the file changes outside. `None` when not known (a board of an
    /// older mdboard that cannot work it out).
    pub base: Option<Arc<str>>,
    /// The name of the file in the data directory that holds `base`, once written.
    pub(super) base_name: Option<String>,
    /// Conflicts left by following the file, until the user picks a side.
    pub conflicts: Vec<CardConflict>,
    /// The cards' history from git as last worked out, kept so that it is worked out again
    /// only for a new commit of the file.
    pub timeline: Option<Kept>,
}

/// What following the file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absorbed {
    /// What the file changed, in rows.
    pub changes: Changes,
    /// The board's changes not written back, kept on top (each undoable).
    pub kept: usize,
    /// Whether the board's changes could be kept as steps of undo (else they are part of its
    /// new snapshot).
    pub undoable: bool,
    /// How many conflicts the board has now.
    pub conflicts: usize,
    /// Rows changed outside that conflict with the board's changes (the board shows its own
    /// value until a side is picked).
    pub conflicted: usize,
}

impl std::fmt::Display for Absorbed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows = self.changes.rows() + self.conflicted;
        write!(
            f,
            "{rows} row{} changed outside",
            if rows == 1 { "" } else { "s" }
        )?;
        if rows == 0 && self.changes.prose {
            f.write_str(", text around the tables")?;
        }
        if self.kept > 0 {
            let n = self.kept;
            write!(
                f,
                "; {n} change{} of the board's kept on top",
                if n == 1 { "" } else { "s" }
            )?;
        } else if !self.undoable {
            f.write_str("; the board's changes merged in (no longer undoable one by one)")?;
        }
        if self.conflicts > 0 {
            let n = self.conflicts;
            write!(
                f,
                "; {n} conflict{} to resolve",
                if n == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
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
            choice: Choice {
                state_column: Some(board.layout.state_name.clone()),
                ..Choice::default()
            },
            synced: Fingerprint::of(board.export().as_bytes()),
            snapshot_fingerprint: Fingerprint::of(board.doc.text.as_bytes()),
            board,
            source,
            synced_at: Some(0),
            focus: Focus::default(),
            view: View::default(),
            settings: crate::config::Section::default(),
            snapshot_name: String::new(),
            lock: None,
            held_by: None,
            base: None,
            base_name: None,
            conflicts: Vec::new(),
            timeline: None,
        }
    }

    /// Keeps what `open` knows of the board that is not in its files (its settings, its lock,
    /// who holds it), for this board read again from them.
    pub fn keep_open_as(&mut self, open: &Self) {
        self.settings = open.settings.clone();
        self.lock.clone_from(&open.lock);
        self.held_by.clone_from(&open.held_by);
    }

    /// Follows the file's text `theirs`, changed outside: the board becomes the merge of the
    /// text it last read or wrote, its own and the file's, its unwritten changes on top (see
    /// [`follow`]). Nothing is written; the store persists it ([`super::Store::persist`]).
    pub fn absorb(&mut self, theirs: &str) -> Result<Absorbed, FollowError> {
        let base = self.base.clone();
        let followed = follow::follow(
            &self.board,
            base.as_deref(),
            self.synced_at,
            theirs,
            &self.choice,
        )?;
        self.board = followed.board;
        self.synced = Fingerprint::of(theirs.as_bytes());
        self.synced_at = followed.on_theirs.then_some(0);
        self.snapshot_fingerprint = if followed.on_theirs {
            self.synced
        } else {
            Fingerprint::of(self.board.doc.text.as_bytes())
        };
        self.snapshot_name.clear();
        self.base = Some(theirs.into());
        self.base_name = None;
        // A new conflict of a cell replaces an older one of the same cell.
        let fresh = followed.conflicts;
        let mut conflicted: Vec<CardId> = fresh.iter().map(|c| c.card).collect();
        conflicted.sort_unstable();
        conflicted.dedup();
        self.conflicts.retain(|old| {
            !fresh
                .iter()
                .any(|c| c.card == old.card && c.field == old.field)
        });
        self.conflicts.extend(fresh);
        let board = &self.board;
        self.conflicts.retain(|c| board.card(c.card).is_some());
        Ok(Absorbed {
            changes: followed.changes,
            kept: followed.kept,
            undoable: followed.on_theirs,
            conflicts: self.conflicts.len(),
            conflicted: conflicted.len(),
        })
    }

    /// Takes `side` of the conflicts `which` picks; the change that makes the board show it,
    /// applied (one step of undo), if one is needed.
    pub fn resolve(
        &mut self,
        which: impl Fn(&CardConflict) -> bool,
        side: Side,
    ) -> Result<(usize, Option<Change>), crate::board::BoardError> {
        let (picked, rest): (Vec<CardConflict>, Vec<CardConflict>) =
            std::mem::take(&mut self.conflicts)
                .into_iter()
                .partition(|c| which(c));
        self.conflicts = rest;
        // Edits first, then the deletions as one (each removal's place counted from the last).
        let mut changes = Vec::new();
        let mut removed = Vec::new();
        for c in &picked {
            match c.resolve(&self.board, side) {
                Some(Change::Remove { card, .. }) => removed.push(card.id),
                Some(change) => changes.push(change),
                None => {}
            }
        }
        changes.extend(self.board.remove_all(&removed));
        let change = Change::batch(changes);
        if let Some(change) = &change {
            if let Err(e) = self.board.apply(change.clone()) {
                self.conflicts.extend(picked);
                return Err(e);
            }
            self.note_change();
            conflicts::after_change(&mut self.conflicts, &self.board, change);
        }
        Ok((picked.len(), change))
    }

    /// Whether `bytes` are the text the board last read or wrote (its fingerprint `synced`):
    /// compared with the base when the board holds it (every writer keeps the base's fingerprint
    /// `synced`), which costs no hash of a large file; else by fingerprint.
    pub fn is_synced_text(&self, bytes: &[u8]) -> bool {
        match &self.base {
            Some(base) => base.as_bytes() == bytes,
            None => Fingerprint::of(bytes) == self.synced,
        }
    }

    /// True when the board's history has changes since the point that is the source file's
    /// text (they may set cells back to what the file has: see [`Stored::unwritten`]).
    pub fn unsynced(&self) -> bool {
        self.synced_at != Some(self.board.history.done.len())
    }

    /// True when the board differs from the source file: when `w` has something to write.
    /// Told by the history (the board at the point that is the file's text, or since then
    /// cells set back and forth, cards moved back and forth, a card added or deleted); only
    /// cards added and deleted again since a write need the board exported. A board whose
    /// history has no point that is the file's text (it followed the file with changes of its
    /// own) has something to write. Worked out once a change, not once a frame.
    pub fn unwritten(&self) -> bool {
        if !self.unsynced() {
            return false;
        }
        let Some(k) = self.synced_at else {
            return true;
        };
        match self.board.same_as_at(k) {
            Some(same) => !same,
            None => Fingerprint::of(self.board.export().as_bytes()) != self.synced,
        }
    }

    /// Records that the board was just written into (or read from) the source file: `text` is
    /// the base of the next merge.
    pub fn mark_synced(&mut self, text: &str) {
        self.synced = Fingerprint::of(text.as_bytes());
        self.synced_at = Some(self.board.history.done.len());
        if self.base.as_deref() != Some(text) {
            self.base = Some(text.into());
            self.base_name = None;
        }
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
