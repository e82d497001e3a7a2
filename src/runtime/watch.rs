//! Watching the board's markdown file (and, for a read-only board, the board file another
//! mdboard saves): a thread of `notify`'s sends what it saw, debounced, to the event loop.
//!
//! Editors, `sed -i` and mdboard itself replace a file by renaming another over it, so the
//! folders are watched, not the files, and events are told apart by file name.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a file must be quiet before its change is reported: an editor's save of several
/// writes is one change.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// The markdown file.
    Source,
    /// The board file (saved by the mdboard that holds the board).
    Board,
}

/// The watcher, and what it saw.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher>,
    seen: mpsc::Receiver<Seen>,
}

impl Watch {
    /// Watches the folder of `source`, and of `board` (the board's file in the data directory).
    /// `None` when the system cannot watch them (then the board follows the file when it
    /// writes, and when it is opened).
    pub fn start(source: &Path, board: &Path) -> Option<Self> {
        let (tx, seen) = mpsc::channel();
        let names: Vec<(OsString, Seen)> = [(source, Seen::Source), (board, Seen::Board)]
            .iter()
            .filter_map(|(p, s)| Some((p.file_name()?.to_owned(), *s)))
            .collect();
        let mut debouncer = new_debouncer(DEBOUNCE, move |res: DebounceEventResult| {
            let Ok(events) = res else { return };
            let mut sent: Vec<Seen> = Vec::new();
            for event in events {
                let name = event.path.file_name();
                for (want, what) in &names {
                    if name == Some(want.as_os_str()) && !sent.contains(what) {
                        sent.push(*what);
                        let _ = tx.send(*what);
                    }
                }
            }
        })
        .ok()?;
        let dirs: Vec<PathBuf> = [source, board]
            .iter()
            .filter_map(|p| p.parent().map(Path::to_owned))
            .collect();
        let mut watching = false;
        for (i, dir) in dirs.iter().enumerate() {
            if dirs[..i].contains(dir) {
                continue;
            }
            watching |= debouncer
                .watcher()
                .watch(dir, RecursiveMode::NonRecursive)
                .is_ok();
        }
        watching.then_some(Self {
            _debouncer: debouncer,
            seen,
        })
    }

    /// What was seen since the last call, each once, without waiting.
    pub fn poll(&self) -> Vec<Seen> {
        let mut out = Vec::new();
        while let Ok(s) = self.seen.try_recv() {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}
