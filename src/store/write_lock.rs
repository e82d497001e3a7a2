//! The write lock of a markdown file: held by every writer (the board's `w`, `--write`,
//! `export -o`, `lint --fix`) from reading the file to renaming the new one over it, so two
//! writes never lose one another.
//!
//! The file itself cannot carry the lock: a write replaces it by a rename, and a lock on the old
//! file says nothing to whoever opens the new one. So the lock is on the folder that holds it
//! (an operating-system lock on the folder's handle, on Unix): nothing is created beside the
//! document, a crashed writer holds nothing, and writes are short enough that the few documents
//! of a folder wait for one another unnoticed. Elsewhere a lock file in the temporary folder,
//! named by the document's path, stands in.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{StoreError, atomic::parent_dir, io_err};

/// How long a writer waits for another before giving up.
const WAIT: Duration = Duration::from_secs(10);
const STEP: Duration = Duration::from_millis(10);

/// The write lock of a file, held until dropped.
#[derive(Debug)]
pub struct WriteLock {
    _handle: fs::File,
}

/// Takes the write lock of the markdown file at `path`, waiting for another writer for up to 10
/// seconds.
pub fn write_lock(path: &Path) -> Result<WriteLock, StoreError> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let handle = open_handle(&target).map_err(io_err(path))?;
    let start = Instant::now();
    loop {
        match handle.try_lock() {
            Ok(()) => return Ok(WriteLock { _handle: handle }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                std::thread::sleep(STEP);
            }
            Err(fs::TryLockError::WouldBlock) => return Err(StoreError::Busy(path.to_owned())),
            Err(fs::TryLockError::Error(e)) => return Err(io_err(path)(e)),
        }
    }
}

#[cfg(unix)]
fn open_handle(target: &Path) -> std::io::Result<fs::File> {
    fs::File::open(parent_dir(target))
}

#[cfg(not(unix))]
fn open_handle(target: &Path) -> std::io::Result<fs::File> {
    let _ = parent_dir;
    let hash = crate::board::Fingerprint::of(target.as_os_str().as_encoded_bytes()).hash;
    let path: std::path::PathBuf = std::env::temp_dir().join(format!("mdboard-{hash:016x}.lock"));
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        let first = write_lock(&file).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let f = file.clone();
        let second = std::thread::spawn(move || {
            let lock = write_lock(&f).unwrap();
            tx.send(Instant::now()).unwrap();
            drop(lock);
        });
        std::thread::sleep(Duration::from_millis(100));
        assert!(rx.try_recv().is_err(), "the second waits");
        let released = Instant::now();
        drop(first);
        let got = rx.recv().unwrap();
        assert!(got >= released);
        second.join().unwrap();
    }
}
