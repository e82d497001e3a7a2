//! The documents the benches read, shared by `core` and `app`: generated texts of each size,
//! made once per run, and scratch directories under cargo's `target/tmp` (the disk the build
//! uses, so that `fsync` costs what it costs there).

use std::path::PathBuf;
use std::sync::OnceLock;

use tempfile::TempDir;

use super::generator;

pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The generated text of `n` cards (one of `SIZES`), made once per run.
pub fn text(n: usize) -> &'static str {
    static TEXTS: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&s| s == n).unwrap();
    TEXTS[slot].get_or_init(|| generator::generate(n))
}

/// The document of 200 tables of 500 cards (100,000 cards in all), made once per run.
#[allow(dead_code)]
pub fn tables_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| generator::generate_tables(200, 500))
}

/// A scratch directory holding the markdown file of 200 tables of 500 cards.
#[allow(dead_code)]
pub fn tables_source() -> (TempDir, PathBuf) {
    let dir = scratch();
    let path = dir.path().join("projects-200x500.md");
    std::fs::write(&path, tables_text()).unwrap();
    (dir, path)
}

/// A directory for stores and sources, removed when dropped.
pub fn scratch() -> TempDir {
    tempfile::Builder::new()
        .prefix("mdboard-bench-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}

/// A scratch directory holding the markdown file of `n` cards.
#[allow(dead_code)]
pub fn source(n: usize) -> (TempDir, PathBuf) {
    let dir = scratch();
    let path = dir.path().join(format!("projects-{n}.md"));
    std::fs::write(&path, text(n)).unwrap();
    (dir, path)
}
