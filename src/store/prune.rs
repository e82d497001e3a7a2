//! Pruning the data directory: the boards of markdown files that are gone, and snapshots no
//! board names.
//!
//! Planned first ([`Store::prune_plan`]), so that the command can list what would go and ask,
//! then carried out ([`Store::prune`]). A board whose file is gone is only removed when it has
//! no changes that were not written back, unless asked; a board another process holds is left
//! alone; a board file that cannot be read keeps every snapshot of its name.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::board_file::read_board_file;
use super::{Store, StoreError, io_err, lock, sync_dir};

/// A board whose markdown file is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// The markdown file it belonged to.
    pub source: PathBuf,
    /// Its RON file.
    pub board: PathBuf,
    /// Its changes not written back into the file (0 when in sync).
    pub unwritten: usize,
}

/// What pruning would remove.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prune {
    /// Boards whose file is gone, in sync with it when it went.
    pub boards: Vec<Orphan>,
    /// Boards whose file is gone, holding changes never written back: kept unless asked.
    pub unsynced: Vec<Orphan>,
    /// Snapshots that neither a board file nor its backup names.
    pub snapshots: Vec<PathBuf>,
}

impl Prune {
    pub fn is_empty(&self) -> bool {
        self.boards.is_empty() && self.unsynced.is_empty() && self.snapshots.is_empty()
    }
}

/// What pruning did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    /// The files of the boards removed.
    pub boards: Vec<PathBuf>,
    /// Boards left because another process holds them: (file, holder).
    pub in_use: Vec<(PathBuf, String)>,
    pub snapshots: usize,
}

/// The board name (`KEY`) of a snapshot's file name, `KEY.<16 hex digits>.md`.
fn snapshot_key(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".md")?;
    let (key, hash) = stem.rsplit_once('.')?;
    (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(key)
}

impl Store {
    /// What pruning would remove, without removing anything.
    pub fn prune_plan(&self) -> Result<Prune, StoreError> {
        let mut plan = Prune::default();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Ok(plan);
        };
        let names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut kept: HashSet<String> = HashSet::new();
        // Boards whose RON file or backup cannot be read: their snapshots are kept, whichever
        // they are.
        let mut unknown: HashSet<String> = HashSet::new();
        let mut going: HashSet<String> = HashSet::new();
        for name in &names {
            let Some(key) = name
                .strip_suffix(".ron")
                .or_else(|| name.strip_suffix(".ron.bak"))
            else {
                continue;
            };
            let path = self.dir.join(name);
            let Ok(Some((file, _))) = read_board_file(&path, None) else {
                unknown.insert(key.to_owned());
                continue;
            };
            // Its snapshot, and the base of its next merge (the text last written) when that
            // is a file of its own.
            kept.insert(file.snapshot);
            kept.extend(file.base);
            let is_board = Path::new(name).extension().is_some_and(|e| e == "ron");
            let Some(source) = file.source.filter(|s| is_board && !s.exists()) else {
                continue;
            };
            let unwritten = file.history.done.len();
            let synced = file.synced_at == Some(unwritten);
            let orphan = Orphan {
                source,
                board: path,
                unwritten: if synced { 0 } else { unwritten },
            };
            if synced {
                going.insert(key.to_owned());
                plan.boards.push(orphan);
            } else {
                plan.unsynced.push(orphan);
            }
        }
        for name in &names {
            if let Some(key) = snapshot_key(name)
                && !kept.contains(name)
                && !unknown.contains(key)
                && !going.contains(key)
            {
                plan.snapshots.push(self.dir.join(name));
            }
        }
        plan.boards.sort_by(|a, b| a.source.cmp(&b.source));
        plan.unsynced.sort_by(|a, b| a.source.cmp(&b.source));
        plan.snapshots.sort();
        Ok(plan)
    }

    /// Removes what `plan` lists: its boards (with `unsynced`, those holding unwritten changes
    /// too) and its snapshots. A board another process holds is left, and said.
    pub fn prune(&self, plan: &Prune, unsynced: bool) -> Result<Pruned, StoreError> {
        let mut done = Pruned::default();
        let boards = plan
            .boards
            .iter()
            .chain(plan.unsynced.iter().filter(|_| unsynced));
        for orphan in boards {
            match self.remove_board(&orphan.board)? {
                Ok(()) => done.boards.push(orphan.source.clone()),
                Err(holder) => done.in_use.push((orphan.source.clone(), holder)),
            }
        }
        for snapshot in &plan.snapshots {
            match fs::remove_file(snapshot) {
                Ok(()) => done.snapshots += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(snapshot)(e)),
            }
        }
        sync_dir(&self.dir);
        Ok(done)
    }

    /// Removes the board whose RON file is `board`: the RON file, its backup, its snapshots and
    /// its lock, under the lock; `Err(holder)` when another process holds it.
    fn remove_board(&self, board: &Path) -> Result<Result<(), String>, StoreError> {
        let name = board
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(key) = name.strip_suffix(".ron") else {
            return Ok(Ok(()));
        };
        let lock_path = self.dir.join(format!("{key}.lock"));
        let _lock = match lock::take(&lock_path)? {
            Ok(lock) => lock,
            Err(holder) => return Ok(Err(holder)),
        };
        let prefix = format!("{key}.");
        for entry in fs::read_dir(&self.dir)
            .map_err(io_err(&self.dir))?
            .flatten()
        {
            let file = entry.file_name().to_string_lossy().into_owned();
            let mine = file
                .strip_prefix(&prefix)
                .is_some_and(|rest| matches!(rest, "ron" | "ron.bak" | "ron.bak.new" | "lock"))
                || snapshot_key(&file) == Some(key);
            if mine {
                match fs::remove_file(entry.path()) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io_err(&entry.path())(e)),
                }
            }
        }
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_are_known_by_their_name() {
        assert_eq!(
            snapshot_key("projects_md-3a63da15d8a1875a.2ce54c1f6d20b878.md"),
            Some("projects_md-3a63da15d8a1875a")
        );
        assert_eq!(snapshot_key("bundled.0123456789abcdef.md"), Some("bundled"));
        assert_eq!(snapshot_key("notes.md"), None);
        assert_eq!(snapshot_key("x.0123456789abcdeg.md"), None);
        assert_eq!(snapshot_key("x.ron"), None);
    }
}
