//! A board with what the store knows of it: its source, whether the two agree, its lock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Lock, StoreError};
use crate::board::{Board, CardId, Choice, Fingerprint};
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
    /// The cards' history from git as last worked out, kept so that it is worked out again
    /// only for a new commit of the file.
    pub timeline: Option<Kept>,
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
            timeline: None,
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
