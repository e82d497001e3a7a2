//! Writing a file atomically: a temporary file beside it, flushed and synced, renamed over it. A
//! crash leaves the old file or the new one, never a mix.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{StoreError, io_err};

/// The permissions a written file gets.
#[derive(Debug, Clone)]
pub(super) enum Access {
    /// The owner's alone (a temporary file's): the board files in the data directory.
    Private,
    /// Those of the file it replaces.
    Keep(fs::Permissions),
    /// Those a new file gets from the umask (0644 under the usual 022), as an editor or `cp`
    /// would make it: a teammate's checkout must be able to read a file written here.
    New,
}

/// Writes a file atomically: a temporary file in the same directory, flushed and synced, then
/// renamed over the target. The file is the owner's alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, path, bytes, Access::Private)
}

/// Writes a markdown file atomically, through a symlink rather than over it, keeping the file's
/// permissions; a new file gets those the umask gives.
pub fn write_markdown(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let access = fs::metadata(&target)
        .ok()
        .map_or(Access::New, |m| Access::Keep(m.permissions()));
    replace(path, &target, bytes, access)
}

fn replace(shown: &Path, target: &Path, bytes: &[u8], access: Access) -> Result<(), StoreError> {
    let staged = stage(shown, target, bytes, access)?;
    commit(staged, shown, target)
}

/// The directory a file is written in.
pub(super) fn parent_dir(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes the bytes into a temporary file beside `target`, flushed and synced; dropped
/// without `commit`, it is removed.
pub(super) fn stage(
    shown: &Path,
    target: &Path,
    bytes: &[u8],
    access: Access,
) -> Result<tempfile::NamedTempFile, StoreError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mdboard-");
    // Asked for at creation, the mode is masked by the umask as any new file's is; tempfile's
    // own default is 0600 whatever the umask.
    #[cfg(unix)]
    if let Access::New = access {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(parent_dir(target))
        .map_err(io_err(shown))?;
    tmp.write_all(bytes).map_err(io_err(shown))?;
    if let Access::Keep(p) = access {
        tmp.as_file().set_permissions(p).map_err(io_err(shown))?;
    }
    tmp.as_file().sync_all().map_err(io_err(shown))?;
    Ok(tmp)
}

/// Renames a staged file over `target`, durably.
pub(super) fn commit(
    staged: tempfile::NamedTempFile,
    shown: &Path,
    target: &Path,
) -> Result<(), StoreError> {
    staged.persist(target).map_err(|e| io_err(shown)(e.error))?;
    sync_dir(parent_dir(target));
    Ok(())
}

/// Makes a rename in `dir` durable: on Linux the new directory entry reaches the disk only when
/// the directory itself is synced.
///
/// Best effort: the file is already in place, and some file systems refuse to sync a directory;
/// failing the save then would report a loss that did not happen.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
