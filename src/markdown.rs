//! Reading a markdown document that holds a project table, and writing it back.
//!
//! The document is kept verbatim. Parsing only records where things are (byte ranges of the rows
//! of the projects table and of their cells), so that writing back can copy every byte it has no
//! reason to touch and patch only the cells that changed. Knows nothing of boards, files or
//! terminals.

pub mod cell;

use std::ops::Range;

use thiserror::Error;

pub use cell::{decode, encode, normalize, strip_links};

/// What the document could not be read as.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("line {line}, column {column}: not valid UTF-8 (expected a UTF-8 text file)")]
    NotUtf8 { line: usize, column: usize },
    #[error(
        "no projects table (expected a markdown table with a header row, a delimiter row like \
         `| --- | --- |` and a \"State\" column that is not the first column)"
    )]
    NoTable,
}

impl ParseError {
    /// The 1-based line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::NotUtf8 { line, .. } => Some(*line),
            Self::NoTable => None,
        }
    }
}

/// One row of the projects table, as byte ranges into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's text, continuation lines included, without its final line terminator.
    pub span: Range<usize>,
    /// The line terminator after it (`\n`, `\r\n`, or empty at the end of the file).
    pub term: Range<usize>,
    /// Each cell's raw range between its pipes (untrimmed).
    pub cells: Vec<Range<usize>>,
    /// 1-based line number of the row's first line.
    pub line: usize,
}

/// The projects table: its header, where its rows stand and how they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Header names (cell values, trimmed and unescaped), in the table's order.
    pub columns: Vec<String>,
    /// Index of the State column.
    pub state_col: usize,
    /// 1-based line number of the header row.
    pub header_line: usize,
    /// From the start of the first row to the end of the last row's terminator; empty, just after
    /// the delimiter row, when the table has no rows.
    pub body: Range<usize>,
    pub rows: Vec<Row>,
    /// Whether rows are written with a leading pipe and a trailing pipe (taken from the first row,
    /// else the header), so that added rows look like their neighbours.
    pub leading_pipe: bool,
    pub trailing_pipe: bool,
}

/// A parsed document: the text and where its projects table and states stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    /// The line ending most lines use, for lines that have to be added.
    pub eol: &'static str,
    pub table: Table,
    /// The states of the states table (first column), in its order, as spelled there.
    pub states: Vec<String>,
    /// The document's title: front matter `title:`, else the first `#` heading.
    pub title: Option<String>,
}

/// Reads bytes as a document; the bytes must be UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Result<Document, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            Err(ParseError::NotUtf8 {
                line,
                column: e.valid_up_to() - line_start + 1,
            })
        }
    }
}

/// Parses a document. The projects table is the first table with a State column that is not its
/// first column; the states table is the first one whose first column is State.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let lines = Lines::new(text).collect::<Vec<_>>();
    let mut projects: Option<Table> = None;
    let mut states: Option<Vec<String>> = None;
    let mut block = Block::Text;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].text(text);
        block = block.next(line);
        if block != Block::Text || indent(line) >= 4 || !cell::has_pipe(line) {
            i += 1;
            continue;
        }
        let Some(delim) = lines.get(i + 1) else { break };
        let header = header_cells(line);
        if !is_delimiter_row(delim.text(text), header.len()) {
            i += 1;
            continue;
        }
        let rows = table_rows(text, &lines, i + 2, header.len());
        let next = i + 2 + rows.iter().map(|r| r.lines).sum::<usize>();
        let state_col = header.iter().position(|h| is_state_header(h));
        match state_col {
            Some(0) if states.is_none() => {
                states = Some(
                    rows.iter()
                        .filter_map(|r| r.row.cells.first())
                        .map(|c| plain(&text[c.clone()]))
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
            }
            Some(col) if col > 0 && projects.is_none() => {
                projects = Some(make_table(text, &lines, i, header, col, rows));
            }
            _ => {}
        }
        if projects.is_some() && states.is_some() {
            break;
        }
        i = next;
    }
    let table = projects.ok_or(ParseError::NoTable)?;
    Ok(Document {
        eol: dominant_eol(text),
        title: title(text, &lines),
        text: text.to_owned(),
        table,
        states: states.unwrap_or_default(),
    })
}

impl Document {
    /// The trimmed raw text of cell `col` of row `row` ("" when the row lacks that cell).
    pub fn raw_cell(&self, row: usize, col: usize) -> &str {
        self.table.rows[row]
            .cells
            .get(col)
            .map_or("", |r| self.text[r.clone()].trim_ascii())
    }

    /// The trimmed raw cells of a row, one per header column.
    pub fn raw_cells(&self, row: usize) -> Vec<String> {
        (0..self.table.columns.len())
            .map(|c| self.raw_cell(row, c).to_owned())
            .collect()
    }

    /// Writes the document back with the given rows in place of the table's rows.
    ///
    /// Each row is `(origin, cells)`: the index of the original row it comes from, if any, and its
    /// raw cell texts, one per column. A row with an origin keeps every byte of its original text
    /// but the cells that differ; a new row is written in the style of the table. Line terminators
    /// belong to positions, so a file without a final newline still has none.
    pub fn render<'a>(
        &self,
        rows: impl ExactSizeIterator<Item = (Option<usize>, &'a [String])>,
    ) -> String {
        let t = &self.table;
        let text = &self.text;
        let n = rows.len();
        let mut out = String::with_capacity(text.len() + n * 8);
        out.push_str(&text[..t.body.start]);
        // A delimiter row without a terminator ends the file: new rows go on lines of their
        // own, and the file still ends without one.
        let unterminated = t.rows.is_empty() && !text[..t.body.start].ends_with('\n');
        let last_term = t
            .rows
            .last()
            .map_or(if unterminated { "" } else { self.eol }, |r| {
                &text[r.term.clone()]
            });
        if unterminated && n > 0 {
            out.push_str(self.eol);
        }
        for (k, (origin, cells)) in rows.enumerate() {
            match origin {
                Some(r) => self.patch_row(&mut out, r, cells),
                None => self.new_row(&mut out, cells),
            }
            let term = if k + 1 == n {
                last_term
            } else {
                t.rows
                    .get(k)
                    .filter(|_| k + 1 < t.rows.len())
                    .map_or(self.eol, |r| &text[r.term.clone()])
            };
            out.push_str(term);
        }
        out.push_str(&text[t.body.end..]);
        out
    }

    fn patch_row(&self, out: &mut String, r: usize, cells: &[String]) {
        let row = &self.table.rows[r];
        let text = &self.text;
        let mut pos = row.span.start;
        let closed = ends_with_pipe(text[row.span.clone()].trim_ascii());
        for (i, span) in row.cells.iter().enumerate() {
            let Some(new) = cells.get(i) else { break };
            let content = cell::trim_range(text, span.clone());
            if text[content.clone()] == **new {
                continue;
            }
            if content.is_empty() {
                out.push_str(&text[pos..span.start]);
                let raw = &text[span.clone()];
                if raw.contains('\n') {
                    // An empty cell across a line break: the text goes on the continuation line,
                    // so the first line keeps the cells it had and the next still continues it.
                    out.push_str(raw);
                    out.push_str(new);
                    out.push(' ');
                } else {
                    out.push(' ');
                    out.push_str(new);
                    out.push(' ');
                }
                pos = span.end;
            } else {
                out.push_str(&text[pos..content.start]);
                if new.is_empty() && i == 0 && !text[row.span.start..span.start].contains('|') {
                    // Without a leading pipe, the row would start with its second cell.
                    out.push('|');
                } else {
                    out.push_str(new);
                    // Emptied, the last cell would no longer count without a pipe closing it:
                    // the row would have fewer cells and take the next indented line as its
                    // continuation.
                    if new.is_empty() && i + 1 == row.cells.len() && !closed {
                        out.push('|');
                    }
                }
                pos = content.end;
            }
        }
        let missing = cells.get(row.cells.len()..).unwrap_or_default();
        let rest = &text[pos..row.span.end];
        let Some(last_needed) = missing.iter().rposition(|c| !c.is_empty()) else {
            out.push_str(rest);
            return;
        };
        // Cells the row never had: appended after its last cell, in the row's own style.
        out.push_str(rest.trim_ascii_end());
        let trailing = ends_with_pipe(text[row.span.clone()].trim_ascii());
        // A row of no cells is a lone pipe, which opens the first cell: nothing to close.
        if !trailing && !row.cells.is_empty() {
            out.push_str(" |");
        }
        for (j, c) in missing[..=last_needed].iter().enumerate() {
            out.push(' ');
            out.push_str(c);
            if j < last_needed || trailing {
                out.push_str(" |");
            }
        }
    }

    fn new_row(&self, out: &mut String, cells: &[String]) {
        let t = &self.table;
        let start = out.len();
        // Without a leading pipe, an empty first cell would start the line with white space and
        // read as the continuation of the row before.
        if t.leading_pipe || cells.first().is_none_or(String::is_empty) {
            out.push_str("| ");
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            out.push_str(c);
        }
        if t.trailing_pipe {
            out.push_str(" |");
        }
        let trimmed = out[start..].trim_ascii_end().len();
        out.truncate(start + trimmed);
        // Empty last cells count only when a pipe closes them; else the row would have fewer
        // cells and take the next indented line as its continuation.
        if !t.trailing_pipe && cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
            out.push_str(" |");
        }
    }
}

/// A state name as a reader means it: unescaped, link markup and emphasis stripped, trimmed.
///
/// Stripping is repeated until nothing changes (`[a][(b](c))` leaves `[a](b)`, itself a link), so
/// that a state written back as `encode(plain(x))` reads back as the same state.
pub fn plain(raw: &str) -> String {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_ascii_whitespace() || matches!(c, '*' | '_' | '`'))
            .to_owned()
    };
    let mut text = trim(&decode(raw.trim_ascii()));
    // Each round removes at least the four characters of a link, so this ends; the bound keeps
    // a hostile cell from costing more than a few passes.
    for _ in 0..16 {
        let next = trim(&strip_links(&text).text);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

fn is_state_header(h: &str) -> bool {
    h.eq_ignore_ascii_case("state") || h.eq_ignore_ascii_case("states")
}

fn header_cells(line: &str) -> Vec<String> {
    cell::split_cells(line)
        .into_iter()
        .map(|r| plain(&line[r]))
        .collect()
}

fn is_delimiter_row(line: &str, columns: usize) -> bool {
    if !cell::has_pipe(line) {
        return false;
    }
    let cells = cell::split_cells(line);
    cells.len() == columns
        && cells.iter().all(|r| {
            let c = line[r.clone()].trim_ascii();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

/// True when the text ends with a pipe that is a delimiter (not escaped, not the only one).
fn ends_with_pipe(s: &str) -> bool {
    let Some(body) = s.strip_suffix('|') else {
        return false;
    };
    let escapes = body.bytes().rev().take_while(|&b| b == b'\\').count();
    escapes % 2 == 0 && !body.is_empty()
}

fn indent(line: &str) -> usize {
    line.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum()
}

/// A row and how many lines it took.
struct Parsed {
    row: Row,
    lines: usize,
}

fn table_rows(text: &str, lines: &[Line], first: usize, columns: usize) -> Vec<Parsed> {
    let mut rows: Vec<Parsed> = Vec::new();
    let mut i = first;
    while i < lines.len() {
        let line = lines[i].text(text);
        if line.trim_ascii().is_empty() {
            break;
        }
        let continues = rows.last().is_some_and(|r| {
            r.lines < 16 && r.row.cells.len() < columns && line.starts_with([' ', '\t'])
        });
        if continues {
            let last = rows.last_mut().expect("checked above");
            last.row.span.end = lines[i].end;
            last.row.term = lines[i].end..lines[i].term_end;
            last.row.cells = cells_at(text, last.row.span.clone());
            last.lines += 1;
        } else if cell::has_pipe(line) {
            let span = lines[i].start..lines[i].end;
            rows.push(Parsed {
                row: Row {
                    cells: cells_at(text, span.clone()),
                    span,
                    term: lines[i].end..lines[i].term_end,
                    line: i + 1,
                },
                lines: 1,
            });
        } else {
            break;
        }
        i += 1;
    }
    rows
}

fn cells_at(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    cell::split_cells(&text[span.clone()])
        .into_iter()
        .map(|r| r.start + span.start..r.end + span.start)
        .collect()
}

fn make_table(
    text: &str,
    lines: &[Line],
    header: usize,
    columns: Vec<String>,
    state_col: usize,
    rows: Vec<Parsed>,
) -> Table {
    let after_delim = lines[header + 1].term_end;
    let body = match (rows.first(), rows.last()) {
        (Some(f), Some(l)) => f.row.span.start..l.row.term.end,
        _ => after_delim..after_delim,
    };
    let style = rows
        .first()
        .map_or_else(|| lines[header].text(text), |r| &text[r.row.span.clone()]);
    let style = style.trim_ascii();
    Table {
        columns,
        state_col,
        header_line: header + 1,
        body,
        rows: rows.into_iter().map(|p| p.row).collect(),
        leading_pipe: style.starts_with('|'),
        trailing_pipe: ends_with_pipe(style),
    }
}

fn dominant_eol(text: &str) -> &'static str {
    let lf = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    if crlf * 2 > lf { "\r\n" } else { "\n" }
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
        let (end, term_end) = match rest.iter().position(|&b| b == b'\n') {
            Some(nl) if nl > 0 && rest[nl - 1] == b'\r' => (start + nl - 1, start + nl + 1),
            Some(nl) => (start + nl, start + nl + 1),
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

/// Which kind of block a line belongs to, as far as tables care: a table inside a fenced code
/// block or an HTML comment is not a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Text,
    /// Inside a fence of `len` times `ch`.
    Fence {
        ch: u8,
        len: usize,
    },
    /// The line that closes a fence or comment: not text yet.
    Closing,
    Comment,
}

impl Block {
    fn next(self, line: &str) -> Self {
        let stripped = line.trim_start_matches('\u{feff}');
        let lead = stripped.trim_start_matches(' ');
        match self {
            Self::Text | Self::Closing => {
                if stripped.len() - lead.len() <= 3 {
                    if let Some(fence) = fence_open(lead) {
                        return fence;
                    }
                    if lead.starts_with("<!--") && !lead[4..].contains("-->") {
                        return Self::Comment;
                    }
                }
                Self::Text
            }
            Self::Fence { ch, len } => {
                let run = lead.bytes().take_while(|&b| b == ch).count();
                let closes = stripped.len() - lead.len() <= 3
                    && run >= len
                    && lead[run..].trim_ascii().is_empty();
                if closes { Self::Closing } else { self }
            }
            Self::Comment => {
                if line.contains("-->") {
                    Self::Closing
                } else {
                    self
                }
            }
        }
    }
}

fn fence_open(lead: &str) -> Option<Block> {
    let ch = *lead.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = lead.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && lead[len..].contains('`')) {
        return None;
    }
    Some(Block::Fence { ch, len })
}

#[cfg(test)]
mod tests;
