//! The RON board file: what it holds, and reading it with errors that name the line and column
//! of what is wrong.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Focus, SCHEMA, StoreError, View, io_err};
use crate::board::{CardConflict, CardId, Choice, Fingerprint, History};
use crate::markdown::Shape;
use crate::timeline::read::Kept;

/// The RON board file, as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct BoardFile {
    pub(super) schema: u32,
    /// The markdown file the board belongs to; `None` for the bundled board.
    pub(super) source: Option<PathBuf>,
    /// The snapshot's file name, beside this file.
    pub(super) snapshot: String,
    pub(super) snapshot_fingerprint: Fingerprint,
    /// The source file's text as the board last read or wrote it.
    pub(super) synced: Fingerprint,
    /// How many changes of the history were done when the board and the file last agreed.
    pub(super) synced_at: Option<usize>,
    /// Ids of the snapshot's rows, as runs of consecutive ids: (first, count).
    pub(super) ids: Vec<(CardId, u64)>,
    pub(super) next_id: CardId,
    pub(super) history: History,
    #[serde(default)]
    pub(super) focus: Focus,
    /// How the board is shown (schema 3).
    #[serde(default)]
    pub(super) view: View,
    /// The columns the board was read with: its status column, and any named by flags or
    /// settings (schema 2; a schema 1 board detects them).
    #[serde(default)]
    pub(super) choice: Choice,
    /// Where the snapshot's tables are, so that opening the board reads them without the
    /// markdown parser; absent in older files (the snapshot is then parsed). An optional field
    /// older builds of the same schema skip: no new schema.
    #[serde(default)]
    pub(super) shape: Option<Shape>,
    /// The file beside this one holding the text last read or written (its fingerprint is
    /// `synced`), the base of the next merge (schema 4; older boards work it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) base: Option<String>,
    /// Conflicts left by following the file (schema 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) conflicts: Vec<CardConflict>,
    /// The cards' history from git, at the file's last commit (schema 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) timeline: Option<Kept>,
}

/// Only the version, read first so a newer file is refused before its fields are.
#[derive(Deserialize)]
pub(super) struct Version {
    pub(super) schema: u32,
}

pub(super) fn runs(ids: &[CardId]) -> Vec<(CardId, u64)> {
    let mut out: Vec<(CardId, u64)> = Vec::new();
    for &id in ids {
        match out.last_mut() {
            Some((first, count)) if *first + *count == id => *count += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

pub(super) fn corrupt(
    path: &Path,
    source: Option<&Path>,
    line: usize,
    column: usize,
    message: String,
) -> StoreError {
    StoreError::Corrupt {
        path: path.to_owned(),
        line,
        column,
        message,
        file_arg: file_arg(source),
    }
}

/// The board file at `path`, and its text, when there is one; an error naming its line and
/// column when it cannot be read (not UTF-8, not RON, a newer schema).
pub(super) fn read_board_file(
    path: &Path,
    source: Option<&Path>,
) -> Result<Option<(BoardFile, String)>, StoreError> {
    let path = path.to_owned();
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_column(e.as_bytes(), e.utf8_error().valid_up_to());
            return Err(corrupt(
                &path,
                source,
                line,
                column,
                "not valid UTF-8".into(),
            ));
        }
    };
    let version: Version = ron::from_str(&text).map_err(|e| ron_error(&path, source, &text, &e))?;
    if version.schema > SCHEMA {
        let (line, column) = field_position(&text, "schema");
        return Err(StoreError::Newer {
            found: version.schema,
            line,
            column,
            file_arg: file_arg(source),
            path,
        });
    }
    let file: BoardFile = ron::from_str(&text).map_err(|e| ron_error(&path, source, &text, &e))?;
    Ok(Some((file, text)))
}

/// The `-f FILE` of a command that names the board of `source`.
pub(super) fn file_arg(source: Option<&Path>) -> String {
    source.map_or_else(String::new, |s| format!(" -f {}", s.display()))
}

/// The 1-based line and column (in characters) of byte `at` of `bytes`.
pub(super) fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Where the field `name` of a board file stands (its first line when it is not found).
pub(super) fn field_position(text: &str, name: &str) -> (usize, usize) {
    let needle = format!("{name}:");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            trimmed
                .starts_with(&needle)
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .unwrap_or((1, 1))
}

/// A RON error at the offending token: ron's span starts before the white space in front of
/// it, which may be on an earlier line.
pub(super) fn ron_error(
    path: &Path,
    source: Option<&Path>,
    text: &str,
    e: &ron::error::SpannedError,
) -> StoreError {
    let line_start = text
        .split_inclusive('\n')
        .take(e.span.start.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let start = line_start
        + text[line_start..]
            .chars()
            .take(e.span.start.col.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>();
    let at = text[start..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| start + i);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    corrupt(path, source, line, column, e.code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_as_runs() {
        assert_eq!(runs(&[1, 2, 3, 7, 8, 4]), [(1, 3), (7, 2), (4, 1)]);
        assert_eq!(runs(&[]), []);
    }
}
