//! The lock on a board: an operating-system file lock, held while the board is open, so a second
//! mdboard opens it read-only and a crashed one holds nothing.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{StoreError, io_err};

/// The lock on a board, held while the board is open.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// Takes the lock at `path`, or says who holds it (the holder writes its process id there).
pub(super) fn take(path: &Path) -> Result<Result<Lock, String>, StoreError> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(io_err(path))?;
    match file.try_lock() {
        Ok(()) => {
            let me = format!("mdboard, process {}\n", std::process::id());
            file.set_len(0).map_err(io_err(path))?;
            file.write_all(me.as_bytes()).map_err(io_err(path))?;
            Ok(Ok(Lock { _file: file }))
        }
        Err(fs::TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(path).unwrap_or_default();
            let holder = holder.trim();
            Ok(Err(if holder.is_empty() {
                "another mdboard process".to_owned()
            } else {
                holder.to_owned()
            }))
        }
        Err(fs::TryLockError::Error(e)) => Err(io_err(path)(e)),
    }
}
