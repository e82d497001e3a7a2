//! A three-way merge of documents: base, ours and theirs in; the merged text, the same text with
//! conflict markers, and the conflicts out. Pure: no files, no git.
//!
//! # How the versions line up
//!
//! The projects tables are those [`layout`](crate::board::layout) finds in ours with the given
//! choice. Each is looked for in base and theirs by its columns (the header's names): with
//! several tables of the same columns, the n-th goes with the n-th when every version has as many
//! of them, else with the one under the same heading. A table found in all three versions, in the
//! same order as the others, is merged row by row. Everything between such tables (prose,
//! headings, header and delimiter rows, other tables, and a projects table that a side added,
//! removed or gave other columns) is merged line by line, as `git merge-file` would (diffy).
//!
//! # Rows
//!
//! Each side's rows are matched to the base's by identity, the first that holds: an unchanged
//! line; the title (as read: link text, no markup); the ID column; a column whose filled values
//! are unique in the base's table; the position among the rows still unmatched, but only when
//! most cells agree. A row matched by none is a delete and an add, never an edit applied to
//! another project. Title and ID count only where they are unique among the unmatched rows of
//! both versions.
//!
//! - Per cell: changed on one side, that side; changed the same on both, once; changed
//!   differently, a conflict.
//! - A row added on a side is kept, after the row it follows there (ours first when both add
//!   after the same row). Rows both sides add with the same identity are merged cell by cell.
//! - Deleted on one side and unchanged on the other: deleted. Deleted on one side and edited on
//!   the other: a conflict.
//! - A row one side moved (it is not among the longest run of rows that kept their base order)
//!   goes after the row it follows there; one both sides moved stays where ours put it.
//!
//! # Bytes
//!
//! The merged text is ours but where theirs changed something: a row ours did not touch and
//! theirs changed is theirs' line as it is; a row both changed is ours' line with theirs' cells
//! patched in by the markdown writer; a row only theirs has is theirs' line. Line endings of the
//! rows belong to their positions, as when a board writes a table.

pub(crate) mod align;
pub(crate) mod matching;
pub(crate) mod order;
mod prose;
mod rows;
pub(crate) mod versions;
mod write;

use std::borrow::Cow;
use std::fmt;

use thiserror::Error;

use crate::board::layout::Choice;
use crate::markdown::{self, Document, ParseError};

/// The length of conflict markers, as git writes them by default.
pub const MARKER_SIZE: usize = 7;

/// One of the three versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Base => "base",
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        })
    }
}

/// Why the documents could not be merged row by row.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error("the {side} version cannot be read: {source}")]
    Unreadable {
        side: Side,
        #[source]
        source: ParseError,
    },
}

/// The merge of three versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The merged document, every conflict resolved as ours.
    pub text: String,
    /// The merged document with each conflict between conflict markers (`<<<<<<< ours`,
    /// `=======`, `>>>>>>> theirs`): conflicting rows with the row as ours and as theirs (each
    /// with the other side's changes that do not conflict), conflicting prose lines as a line
    /// merge leaves them. Equal to `text` when there is no conflict.
    pub marked: String,
    /// The conflicts of the tables' rows, in document order.
    pub conflicts: Vec<Conflict>,
    /// The conflicts of the text between the tables, in document order.
    pub prose: Vec<ProseConflict>,
    /// What the merged text took from theirs.
    pub theirs: Changes,
    /// The tables merged row by row, with where each of their rows comes from (for a board that
    /// follows the merge and keeps its cards' ids).
    pub tables: Vec<MergedTable>,
}

/// Where a row of the merge comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Ours' row of this index in the table (with theirs' changes, when it has any).
    Ours(usize),
    /// Theirs' row of this index, which ours lacks (theirs added it, or ours deleted it and
    /// theirs edited it).
    Theirs(usize),
}

/// A projects table merged row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedTable {
    /// Its index in base, ours and theirs.
    pub versions: [usize; 3],
    /// Its index among the tables of [`Merge::text`] read again.
    pub text: usize,
    /// Its rows in the merged order, those the text lacks included (a row ours deleted and
    /// theirs edited, a conflict).
    pub rows: Vec<MergedRow>,
    /// For each row of theirs' table, the row of ours' it is, when it is one.
    pub theirs: Vec<Option<usize>>,
}

/// A row of a table merged row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedRow {
    pub origin: Origin,
    /// Whether [`Merge::text`] has the row (it lacks a row ours deleted and theirs edited).
    pub in_text: bool,
    /// Its conflicts, as indices into [`Merge::conflicts`].
    pub conflicts: std::ops::Range<usize>,
}

impl Merge {
    /// True when nothing conflicts.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty() && self.prose.is_empty()
    }
}

/// A row that changed differently on both sides: one cell, or the whole row when one side
/// deleted it and the other edited it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The table, as an index into the tables of [`Merge::text`] read again.
    pub table: usize,
    /// The row, as an index into that table's rows in [`Merge::text`]; `None` when the text
    /// lacks it (ours deleted the row, theirs edited it).
    pub row: Option<usize>,
    /// The 1-based line of the row in [`Merge::text`]; for a row the text lacks, the line of
    /// the row after it (or after the table).
    pub line: usize,
    /// The row's title as read (link text, no markup): ours, else theirs.
    pub title: String,
    /// The conflicting column: its index and its name. `None` for the whole row.
    pub field: Option<(usize, String)>,
    /// The raw text of the cell (of the row, from its first pipe, for the whole row) in each
    /// version; `None` where that version lacks the row.
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// Lines between the tables that changed differently on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseConflict {
    /// The 1-based line of [`Merge::text`] where ours' lines start (where they would, when ours
    /// has none).
    pub line: usize,
    /// The lines of each version, line endings included.
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// Rows of the merged text that come from theirs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Rows theirs added.
    pub added: usize,
    /// Rows theirs deleted.
    pub deleted: usize,
    /// Rows with a cell of theirs.
    pub edited: usize,
    /// Rows placed where theirs moved them.
    pub moved: usize,
    /// Whether a line between the tables comes from theirs.
    pub prose: bool,
}

impl Changes {
    /// How many rows theirs changed.
    pub fn rows(&self) -> usize {
        self.added + self.deleted + self.edited + self.moved
    }
}

/// Merges three versions of a document (see the module's documentation), conflict markers of
/// the usual size.
pub fn merge(base: &str, ours: &str, theirs: &str, choice: &Choice) -> Result<Merge, MergeError> {
    merge_with(base, ours, theirs, choice, MARKER_SIZE)
}

/// [`merge`] with conflict markers of `marker_size` characters.
pub fn merge_with(
    base: &str,
    ours: &str,
    theirs: &str,
    choice: &Choice,
    marker_size: usize,
) -> Result<Merge, MergeError> {
    if ours == theirs || theirs == base {
        return Ok(unchanged(ours));
    }
    let [base, ours, theirs] = endings_as_converted([base, ours, theirs]);
    let (base, ours, theirs) = (base.as_ref(), ours.as_ref(), theirs.as_ref());
    if ours == theirs || theirs == base {
        return Ok(unchanged(ours));
    }
    let read = |side, text| {
        markdown::parse(text).map_err(|source| MergeError::Unreadable { side, source })
    };
    // Read at once: a long document's reading keeps a core busy only part of the time.
    let (base, ours, theirs) = std::thread::scope(|s| {
        let rethrow = |e| std::panic::resume_unwind(e);
        let o = s.spawn(|| read(Side::Ours, ours));
        let t = s.spawn(|| read(Side::Theirs, theirs));
        let b = read(Side::Base, base);
        (
            b,
            o.join().unwrap_or_else(rethrow),
            t.join().unwrap_or_else(rethrow),
        )
    });
    let (base, ours, theirs) = (base?, ours?, theirs?);
    Ok(merge_documents(&base, &ours, &theirs, choice, marker_size))
}

/// The three versions, but where one side converted the line endings of the whole document
/// (every line LF, now every line CR LF, or back) and the other did not: the base and the other
/// side with the converting side's endings, so that the merge keeps the conversion and does not
/// mix endings.
fn endings_as_converted(versions: [&str; 3]) -> [Cow<'_, str>; 3] {
    // The usual case, and a quick look: no CR anywhere, so nothing converted to CR LF.
    if versions.iter().all(|t| !t.contains('\r')) {
        return versions.map(Cow::Borrowed);
    }
    let [base, ours, theirs] = versions.map(uniform_eol);
    let to = match (base, ours, theirs) {
        (Some(b), Some(o), Some(t)) if o == b && t != b => Some(t),
        (Some(b), Some(o), Some(t)) if t == b && o != b => Some(o),
        _ => None,
    };
    versions.map(|text| match to {
        Some(eol) if uniform_eol(text) != Some(eol) => Cow::Owned(with_eol(text, eol)),
        _ => Cow::Borrowed(text),
    })
}

/// The line ending every line of a text ends with, when they all end with one (`\n` or
/// `\r\n`), and there is at least one.
fn uniform_eol(text: &str) -> Option<&'static str> {
    let lf = text.matches('\n').count();
    let cr = text.matches('\r').count();
    let crlf = text.matches("\r\n").count();
    match (lf, cr, crlf) {
        (0, _, _) => None,
        (_, 0, _) => Some("\n"),
        (lf, cr, crlf) if lf == crlf && cr == crlf => Some("\r\n"),
        _ => None,
    }
}

/// A text of uniform line endings with `eol` in their place.
fn with_eol(text: &str, eol: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', eol)
}

/// [`merge_with`] of documents already read.
pub fn merge_documents(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    choice: &Choice,
    marker_size: usize,
) -> Merge {
    let versions = [base, ours, theirs];
    let aligned = align::align(versions, choice);
    let plans: Vec<rows::Plan> = aligned.iter().map(|a| rows::plan(versions, a)).collect();
    write::document(versions, &aligned, &plans, marker_size.max(1))
}

/// The merge when theirs brings nothing new: ours.
fn unchanged(ours: &str) -> Merge {
    Merge {
        text: ours.to_owned(),
        marked: ours.to_owned(),
        conflicts: Vec::new(),
        prose: Vec::new(),
        theirs: Changes::default(),
        tables: Vec::new(),
    }
}

/// A plain three-way merge of lines, for bytes that cannot be read as a document: the merged
/// bytes (conflicts between markers of `marker_size` characters, as `git merge-file` writes
/// them) and whether anything conflicts.
pub fn merge_lines(base: &[u8], ours: &[u8], theirs: &[u8], marker_size: usize) -> (Vec<u8>, bool) {
    prose::merge_bytes(base, ours, theirs, marker_size.max(1))
}
