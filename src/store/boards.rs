//! The boards kept in the data directory: listing them, setting one aside, and removing the
//! snapshots nobody names any more.

use std::fs;
use std::path::{Path, PathBuf};

use super::board_file::{BoardFile, read_board_file};
use super::{Store, StoreError, Stored, absolute, io_err, key, sync_dir};

impl Store {
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

    pub(super) fn remove_stale_snapshots(&self, prefix: &str, keep: &[String], board_path: &Path) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        // The backup's snapshot and base are kept too, so that the backup stays loadable.
        let backup = fs::read_to_string(board_path.with_extension("ron.bak"))
            .ok()
            .and_then(|t| ron::from_str::<BoardFile>(&t).ok())
            .map(|f| [Some(f.snapshot), f.base]);
        let kept = |name: &String| {
            keep.contains(name) || backup.iter().flatten().flatten().any(|b| b == name)
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_snapshot = name.starts_with(prefix)
                && Path::new(&name).extension().is_some_and(|e| e == "md")
                && name
                    .get(prefix.len()..name.len() - 3)
                    .is_some_and(|hash| hash.len() == 16);
            if is_snapshot && !kept(&name) {
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
