//! Reading a markdown document that holds a project table, and writing it back.
//!
//! The document is kept verbatim. Parsing only records where things are (byte ranges of the rows
//! of the projects table and of their cells), so that writing back can copy every byte it has no
//! reason to touch and patch only the cells that changed. Knows nothing of boards, files or
//! terminals.

mod blocks;
pub mod cell;
pub mod inline;
mod table;
mod write;

use std::ops::Range;

use thiserror::Error;

pub use blocks::Shape;
pub use cell::{decode, encode, normalize, strip_links};
pub use table::{Align, Row, Table};
pub use write::Rows;

/// What the document could not be read as.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("line {line}, column {column}: {NOT_UTF8}")]
    NotUtf8 { line: usize, column: usize },
    #[error(
        "git conflict markers in or next to a table, on {} (expected a merged document: \
         resolve the conflict, then open it again)",
        lines_list(.lines)
    )]
    ConflictMarkers { lines: Vec<usize> },
}

const NOT_UTF8: &str = "not valid UTF-8 (expected a UTF-8 text file)";

/// `line 3` or `lines 3, 5, 7`.
pub(crate) fn lines_list(lines: &[usize]) -> String {
    let numbers: Vec<String> = lines.iter().map(ToString::to_string).collect();
    match numbers.as_slice() {
        [one] => format!("line {one}"),
        _ => format!("lines {}", numbers.join(", ")),
    }
}

impl ParseError {
    /// The 1-based line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::NotUtf8 { line, .. } => Some(*line),
            Self::ConflictMarkers { lines } => lines.first().copied(),
        }
    }

    /// The error said of `file`, where it is first, as mdboard says every error at a place in
    /// a file (`file:3:6: not valid UTF-8 ...`, `file:5: git conflict markers ...`), and that
    /// place said once.
    pub fn in_file(&self, file: impl std::fmt::Display) -> String {
        match self {
            Self::NotUtf8 { line, column } => format!("{file}:{line}:{column}: {NOT_UTF8}"),
            Self::ConflictMarkers { lines } => match lines.as_slice() {
                // One marker line: the place says it.
                [one] => format!(
                    "{file}:{one}: git conflict markers in or next to a table (expected a merged \
                     document: resolve the conflict, then open it again)"
                ),
                _ => format!("{file}:{}: {self}", lines.first().copied().unwrap_or(1)),
            },
        }
    }
}

/// A parsed document: the text, every table in it, and which of them holds the projects and
/// which the states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    /// The line ending most lines use, for lines that have to be added.
    pub eol: &'static str,
    /// Every table of the document, in order, as GitHub reads them.
    pub tables: Vec<Table>,
    /// The document's title: front matter `title:`, else the first `#` heading.
    pub title: Option<String>,
    /// The link reference definitions (`[label]: destination`), by case-folded label.
    pub links: std::collections::HashMap<String, String>,
    /// Where its tables are, to read the same text again without the markdown parser
    /// ([`parse_shaped`]).
    pub shape: Shape,
}

/// Reads bytes as a document; the bytes must be UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Result<Document, ParseError> {
    parse(text_of(bytes)?)
}

/// Reads bytes as a document whose shape is known (kept from reading the same bytes before):
/// the same document as [`parse_bytes`] gives, without the markdown parser. The caller makes
/// sure they are the same bytes (the store checks their fingerprint); a shape that does not fit
/// them at all (another length, lines they do not have) is not used: they are parsed.
pub fn parse_shaped(bytes: &[u8], shape: &Shape) -> Result<Document, ParseError> {
    let text = text_of(bytes)?;
    let lines = Lines::new(text).collect::<Vec<_>>();
    match shape.blocks(text, &lines) {
        Some(blocks) => assemble(text, &lines, blocks),
        None => parse(text),
    }
}

/// The text of a document's bytes: UTF-8, else an error naming where they stop being it.
pub fn text_of(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        ParseError::NotUtf8 {
            line,
            column: e.valid_up_to() - line_start + 1,
        }
    })
}

/// Parses a document: every table, as GitHub reads them ([`blocks`]). What they mean (which
/// holds projects, which states) is the board's to say.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let lines = Lines::new(text).collect::<Vec<_>>();
    let blocks = blocks::tables(text, &lines);
    assemble(text, &lines, blocks)
}

/// The document of `text` whose tables are `blocks`.
fn assemble(text: &str, lines: &[Line], blocks: blocks::Blocks) -> Result<Document, ParseError> {
    let shape = Shape::of(&blocks, lines, text.len());
    let found = blocks.tables;
    let markers = conflict_markers(text, lines, &found);
    if !markers.is_empty() {
        return Err(ParseError::ConflictMarkers { lines: markers });
    }
    let tables: Vec<Table> = found.iter().map(|t| table::build(text, lines, t)).collect();
    Ok(Document {
        links: blocks.links.into_iter().collect(),
        eol: dominant_eol(text, lines),
        title: title(text, lines),
        text: text.to_owned(),
        tables,
        shape,
    })
}

/// The 1-based lines of every git conflict marker of a text, wherever it stands: for saying why
/// a half-merged document has no table to read.
pub fn conflict_marker_lines(text: &str) -> Vec<usize> {
    Lines::new(text)
        .enumerate()
        .filter(|(_, l)| is_conflict_marker(l.text(text)))
        .map(|(i, _)| i + 1)
        .collect()
}

/// One table of a document as mdboard reads it, whatever its columns: the header's and the
/// rows' raw cells (trimmed), with their 1-based lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadTable {
    pub header_line: usize,
    pub header: Vec<String>,
    pub rows: Vec<ReadRow>,
}

/// A row of a [`ReadTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRow {
    pub line: usize,
    /// For a row read across lines: the line its continuation starts on.
    pub continued: Option<usize>,
    /// Every cell of the row, as many as it has (not padded or cut to the header's).
    pub cells: Vec<String>,
}

/// Every table of a document, in order, as mdboard reads them (conflict markers or not).
pub fn read_tables(text: &str) -> Vec<ReadTable> {
    let lines = Lines::new(text).collect::<Vec<_>>();
    blocks::tables(text, &lines)
        .tables
        .iter()
        .map(|found| {
            let header = table::cells_at(text, blocks::content(found.header, &lines));
            let trimmed = |cells: &[Range<usize>]| -> Vec<String> {
                cells
                    .iter()
                    .map(|c| text[c.clone()].trim_ascii().to_owned())
                    .collect()
            };
            ReadTable {
                header_line: found.header.index + 1,
                header: trimmed(&header),
                rows: table::table_rows(text, &lines, found, header.len())
                    .into_iter()
                    .map(|r| ReadRow {
                        line: r.line,
                        continued: r.continued,
                        cells: trimmed(&r.cells),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The 1-based lines of git conflict markers, when one stands inside a table or on a line next
/// to one: such a document is half-merged, and a marker line would read as a row. Every marker
/// of the document is named then.
fn conflict_markers(text: &str, lines: &[Line], tables: &[blocks::TableLines]) -> Vec<usize> {
    let marker = |i: usize| {
        lines
            .get(i)
            .is_some_and(|l| is_conflict_marker(l.text(text)))
    };
    let touched = tables.iter().any(|t| {
        let last = t.rows.last().map_or(t.delimiter.index, |r| r.index);
        (t.header.index.saturating_sub(1)..=last + 1).any(marker)
    });
    if !touched {
        return Vec::new();
    }
    (0..lines.len())
        .filter(|&i| marker(i))
        .map(|i| i + 1)
        .collect()
}

/// A line git writes around the two sides of a conflict (`<<<<<<< ours`, `|||||||` with diff3,
/// `=======`, `>>>>>>> theirs`).
pub fn is_conflict_marker(line: &str) -> bool {
    if !line.starts_with(['<', '|', '>', '=']) {
        return false;
    }
    ["<<<<<<<", "|||||||", ">>>>>>>"]
        .iter()
        .any(|m| line == *m || line.strip_prefix(m).is_some_and(|r| r.starts_with(' ')))
        || line == "======="
}

impl Document {
    /// The trimmed raw text of cell `col` of row `row` of table `table` ("" when the row lacks
    /// that cell).
    pub fn cell(&self, table: usize, row: usize, col: usize) -> &str {
        self.tables
            .get(table)
            .and_then(|t| t.cell_range(&self.text, row, col))
            .map_or("", |r| &self.text[r])
    }

    /// The trimmed raw cells of a row of table `table`, one per header column.
    pub fn cells(&self, table: usize, row: usize) -> Vec<String> {
        let width = self.tables.get(table).map_or(0, |t| t.columns.len());
        (0..width)
            .map(|c| self.cell(table, row, c).to_owned())
            .collect()
    }
}

/// A state name or a title as a reader means it: unescaped, link markup, emphasis,
/// strikethrough and code span delimiters stripped (at the ends, and inside where GitHub reads
/// them so), trimmed.
///
/// Stripping is repeated until nothing changes (`[a][(b](c))` leaves `[a](b)`, itself a link), so
/// that a state written back as `encode(plain(x))` reads back as the same state.
pub fn plain(raw: &str) -> String {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_ascii_whitespace() || matches!(c, '*' | '_' | '`'))
            .to_owned()
    };
    let mut text = decode(raw.trim_ascii());
    // Each round removes at least the four characters of a link or two delimiters, so this
    // ends; the bound keeps a hostile cell from costing more than a few passes.
    for _ in 0..16 {
        let next = trim(&inline::strip_emphasis(&strip_links(&text).text));
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// True when the text ends with a pipe that is a delimiter (not after a backslash, not the only
/// one).
fn ends_with_pipe(s: &str) -> bool {
    s.strip_suffix('|')
        .is_some_and(|body| !body.is_empty() && !body.ends_with('\\'))
}

/// The line ending most lines end with: LF, CR LF, or a lone CR (old Mac files).
fn dominant_eol(text: &str, lines: &[Line]) -> &'static str {
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    for line in lines {
        match &text.as_bytes()[line.end..line.term_end] {
            b"\n" => lf += 1,
            b"\r\n" => crlf += 1,
            b"\r" => cr += 1,
            _ => {}
        }
    }
    if cr > lf && cr > crlf {
        "\r"
    } else if crlf > lf {
        "\r\n"
    } else {
        "\n"
    }
}

fn title(text: &str, lines: &[Line]) -> Option<String> {
    let mut iter = lines.iter().map(|l| l.text(text));
    if iter
        .next()
        .map(|l| l.trim_start_matches('\u{feff}').trim_ascii_end())
        == Some("---")
    {
        for line in iter.by_ref() {
            if line.trim_ascii_end() == "---" {
                break;
            }
            if let Some(v) = line.strip_prefix("title:") {
                let v = v.trim_ascii().trim_matches(['"', '\'']).trim_ascii();
                if !v.is_empty() {
                    return Some(v.to_owned());
                }
            }
        }
    }
    lines
        .iter()
        .map(|l| l.text(text).trim_start_matches('\u{feff}'))
        .find_map(|l| l.strip_prefix("# "))
        .map(|h| strip_links(h.trim_ascii()).text)
        .filter(|h| !h.is_empty())
}

/// Where a line of the text stands: `start..end` is its content, `end..term_end` its terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    term_end: usize,
}

impl Line {
    fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// The lines of a text; a byte-order mark is not part of the first line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self { text, pos }
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        // A line ends at LF, CR LF or a lone CR, as CommonMark says.
        let (end, term_end) = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(at) if rest[at] == b'\r' && rest.get(at + 1) == Some(&b'\n') => {
                (start + at, start + at + 2)
            }
            Some(at) => (start + at, start + at + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = term_end;
        Some(Line {
            start,
            end,
            term_end,
        })
    }
}

#[cfg(test)]
mod tests;
