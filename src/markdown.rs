//! Reading a markdown document that holds a project table, and writing it back.
//!
//! The document is kept verbatim. Parsing only records where things are (byte ranges of the rows
//! of the projects table and of their cells), so that writing back can copy every byte it has no
//! reason to touch and patch only the cells that changed. Knows nothing of boards, files or
//! terminals.

mod blocks;
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
    #[error(
        "git conflict markers in or next to a table, on {} (expected a merged document: \
         resolve the conflict, then open it again)",
        lines_list(.lines)
    )]
    ConflictMarkers { lines: Vec<usize> },
}

/// `line 3` or `lines 3, 5, 7`.
fn lines_list(lines: &[usize]) -> String {
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
            Self::NoTable => None,
        }
    }
}

/// One row of the projects table, as byte ranges into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What stands before the row's text on its first line: the `> ` of a block quote, a list
    /// item's indentation, the row's own indentation.
    pub prefix: Range<usize>,
    /// The row's text from its first pipe or cell, continuation lines included, without its
    /// final line terminator.
    pub span: Range<usize>,
    /// The line terminator after it (`\n`, `\r\n`, or empty at the end of the file).
    pub term: Range<usize>,
    /// Each cell's raw range between its pipes (untrimmed).
    pub cells: Vec<Range<usize>>,
    /// 1-based line number of the row's first line.
    pub line: usize,
    /// For a row read across lines (the one exception to reading a table as GitHub does): the
    /// 1-based line its continuation starts on. GitHub shows the continuation as a row of its own.
    pub continued: Option<usize>,
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
    /// The prefix of the delimiter row: what a row added to a table without rows starts with.
    pub row_prefix: Range<usize>,
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
/// first column; the states table is the first one whose first column is State. Which lines are
/// tables is decided as GitHub decides it ([`blocks`]).
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let lines = Lines::new(text).collect::<Vec<_>>();
    let found = blocks::tables(text, &lines);
    let markers = conflict_markers(text, &lines, &found);
    if !markers.is_empty() {
        return Err(ParseError::ConflictMarkers { lines: markers });
    }
    let mut projects: Option<Table> = None;
    let mut states: Option<Vec<String>> = None;
    for found in &found {
        let header = header_cells(&text[blocks::content(found.header, &lines)]);
        let state_col = header.iter().position(|h| is_state_header(h));
        match state_col {
            Some(0) if states.is_none() => {
                states = Some(
                    found
                        .rows
                        .iter()
                        .filter_map(|r| {
                            let span = blocks::content(*r, &lines);
                            cells_at(text, span)
                                .first()
                                .map(|c| plain(&text[c.clone()]))
                        })
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
            }
            Some(col) if col > 0 && projects.is_none() => {
                projects = Some(make_table(text, &lines, found, header, col));
            }
            _ => {}
        }
        if projects.is_some() && states.is_some() {
            break;
        }
    }
    let Some(table) = projects else {
        // A half-merged document may have lost its table to the markers: say so rather than
        // that there is no table.
        let markers: Vec<usize> = (0..lines.len())
            .filter(|&i| is_conflict_marker(lines[i].text(text)))
            .map(|i| i + 1)
            .collect();
        return Err(if markers.is_empty() {
            ParseError::NoTable
        } else {
            ParseError::ConflictMarkers { lines: markers }
        });
    };
    Ok(Document {
        eol: dominant_eol(text, &lines),
        title: title(text, &lines),
        text: text.to_owned(),
        table,
        states: states.unwrap_or_default(),
    })
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
        .iter()
        .map(|found| {
            let header = cells_at(text, blocks::content(found.header, &lines));
            let trimmed = |cells: &[Range<usize>]| -> Vec<String> {
                cells
                    .iter()
                    .map(|c| text[c.clone()].trim_ascii().to_owned())
                    .collect()
            };
            ReadTable {
                header_line: found.header.index + 1,
                header: trimmed(&header),
                rows: table_rows(text, &lines, found, header.len())
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
fn is_conflict_marker(line: &str) -> bool {
    if !line.starts_with(['<', '|', '>', '=']) {
        return false;
    }
    ["<<<<<<<", "|||||||", ">>>>>>>"]
        .iter()
        .any(|m| line == *m || line.strip_prefix(m).is_some_and(|r| r.starts_with(' ')))
        || line == "======="
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
        let unterminated = t.rows.is_empty() && !text[..t.body.start].ends_with(['\n', '\r']);
        let last_term = t
            .rows
            .last()
            .map_or(if unterminated { "" } else { self.eol }, |r| {
                &text[r.term.clone()]
            });
        if unterminated && n > 0 {
            out.push_str(self.eol);
        }
        // A new row starts as the row above it does (`> ` in a block quote, a list item's
        // indentation); the first takes the delimiter row's.
        let mut prefix = &text[t.row_prefix.clone()];
        for (k, (origin, cells)) in rows.enumerate() {
            if let Some(r) = origin {
                prefix = &text[t.rows[r].prefix.clone()];
                out.push_str(prefix);
                self.patch_row(&mut out, r, cells);
            } else {
                out.push_str(prefix);
                self.new_row(&mut out, cells);
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
        let begin = out.len();
        self.patch_cells(out, row, cells);
        if row.continued.is_some() && self.empties_a_line_end(row, cells) {
            // An emptied cell at the end of a line without a closing pipe would vanish: the row
            // becomes one line instead, each continuation line's pipe closing the cell before.
            let joined = join_lines(&out[begin..]);
            out.truncate(begin);
            out.push_str(&joined);
        }
    }

    /// Whether `cells` empty a cell that ends a line of a row read across lines.
    fn empties_a_line_end(&self, row: &Row, cells: &[String]) -> bool {
        let text = &self.text;
        row.cells.windows(2).enumerate().any(|(i, pair)| {
            let gap = &text[pair[0].end..pair[1].start];
            let before_break = gap.split(['\n', '\r']).next().unwrap_or("");
            gap.contains(['\n', '\r'])
                && !before_break.trim_ascii().ends_with('|')
                && cells.get(i).is_some_and(String::is_empty)
                && !cell::trim_range(text, pair[0].clone()).is_empty()
        })
    }

    fn patch_cells(&self, out: &mut String, row: &Row, cells: &[String]) {
        let text = &self.text;
        let mut pos = row.span.start;
        let closed = ends_with_pipe(text[row.span.clone()].trim_ascii());
        let leading_pipe = text[row.span.clone()].starts_with('|');
        for (i, span) in row.cells.iter().enumerate() {
            let Some(new) = cells.get(i) else { break };
            let content = cell::trim_range(text, span.clone());
            if text[content.clone()] == **new {
                continue;
            }
            if i == 0 && !leading_pipe && (new.is_empty() || starts_block(new)) {
                // Without a leading pipe the row would start with its second cell, or the line
                // would start another block (a heading, a list item) and end the table.
                out.push_str(&text[pos..content.start]);
                out.push('|');
                if !new.is_empty() {
                    out.push(' ');
                    out.push_str(new);
                }
                pos = content.end;
                if content.is_empty() {
                    out.push(' ');
                    pos = span.end;
                } else if new.ends_with('\\') && text[pos..].starts_with('|') {
                    // A backslash right before the next pipe would escape it.
                    out.push(' ');
                }
                continue;
            }
            if content.is_empty() {
                out.push_str(&text[pos..span.start]);
                out.push(' ');
                out.push_str(new);
                out.push(' ');
                pos = span.end;
            } else {
                out.push_str(&text[pos..content.start]);
                out.push_str(new);
                // Emptied, the last cell would no longer count without a pipe closing it.
                if new.is_empty() && i + 1 == row.cells.len() && !closed {
                    out.push('|');
                }
                // A backslash right before the next pipe would escape it.
                if new.ends_with('\\') && text[content.end..].starts_with('|') {
                    out.push(' ');
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
        // A row of no cells is a lone pipe, which opens the first cell: nothing to close.
        if !closed && !row.cells.is_empty() {
            if out.ends_with('\\') {
                out.push(' ');
            }
            out.push_str(" |");
        }
        for (j, c) in missing[..=last_needed].iter().enumerate() {
            out.push(' ');
            out.push_str(c);
            if j < last_needed || closed {
                out.push_str(" |");
            }
        }
    }

    fn new_row(&self, out: &mut String, cells: &[String]) {
        let t = &self.table;
        let start = out.len();
        // Without a leading pipe, an empty first cell would make the row start with its second
        // cell, and some first cells would start another block (`# x`, `- x`) and end the table.
        if t.leading_pipe
            || cells
                .first()
                .is_none_or(|c| c.is_empty() || starts_block(c))
        {
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
        // Empty last cells count only when a pipe closes them.
        if !t.trailing_pipe && cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
            out.push_str(" |");
        }
    }
}

/// The lines of a row as one line: each line break and the prefix after it (up to the pipe the
/// continuation line starts with) become one space.
fn join_lines(row: &str) -> String {
    let mut lines = row.split("\r\n").flat_map(|l| l.split(['\n', '\r']));
    let mut out = lines.next().unwrap_or_default().trim_ascii_end().to_owned();
    for line in lines {
        out.push(' ');
        out.push_str(line.trim_start_matches([' ', '\t', '>']));
    }
    out
}

/// Whether a row's text starting with `cell` could be read as the start of another block (a
/// heading, a quote, a list item, a fence, HTML, a thematic break or setext underline), which
/// ends a table. Erring on the side of yes costs only a leading pipe.
fn starts_block(cell: &str) -> bool {
    let digits = cell.bytes().take_while(u8::is_ascii_digit).count();
    cell.starts_with(['#', '>', '-', '+', '*', '=', '<', '`', '~', '_'])
        || (digits > 0 && matches!(cell.as_bytes().get(digits), Some(b'.' | b')')))
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

/// True when the text ends with a pipe that is a delimiter (not after a backslash, not the only
/// one).
fn ends_with_pipe(s: &str) -> bool {
    s.strip_suffix('|')
        .is_some_and(|body| !body.is_empty() && !body.ends_with('\\'))
}

/// The rows of a table, each one line but for the one exception GitHub does not make: a row
/// whose line does not end with a pipe and has fewer cells than the header, followed by indented
/// lines that start with a pipe and carry only the missing cells, is one row (GitHub shows two).
///
/// A long table is read in two halves at once, cut before a row at column 0, which cannot
/// continue the row above it.
fn table_rows(text: &str, lines: &[Line], table: &blocks::TableLines, columns: usize) -> Vec<Row> {
    const PARALLEL_MIN: usize = 20_000;
    let found = &table.rows;
    let middle = found.len() / 2;
    let cut = (found.len() >= PARALLEL_MIN)
        .then(|| {
            (middle..found.len())
                .take(1024)
                .find(|&i| found[i].content == lines[found[i].index].start)
        })
        .flatten();
    let Some(cut) = cut else {
        return rows_of(text, lines, found, columns);
    };
    let (first, second) = found.split_at(cut);
    let (mut rows, rest) = std::thread::scope(|s| {
        let rest = s.spawn(|| rows_of(text, lines, second, columns));
        (rows_of(text, lines, first, columns), rest.join())
    });
    match rest {
        Ok(rest) => rows.extend(rest),
        Err(_) => rows.extend(rows_of(text, lines, second, columns)),
    }
    rows
}

fn rows_of(text: &str, lines: &[Line], found: &[blocks::TableLine], columns: usize) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::with_capacity(found.len());
    for found in found {
        let line = lines[found.index];
        let span = blocks::content(*found, lines);
        let cells = cells_at(text, span.clone());
        if let Some(row) = rows.last_mut()
            && continues(text, row, line.start..found.content, &cells, columns)
        {
            row.span.end = span.end;
            row.term = line.end..line.term_end;
            row.cells.extend(cells);
            row.continued.get_or_insert(found.index + 1);
            continue;
        }
        rows.push(Row {
            prefix: line.start..found.content,
            span,
            term: line.end..line.term_end,
            cells,
            line: found.index + 1,
            continued: None,
        });
    }
    rows
}

/// Whether a line (its prefix and cells) carries on `row`, as the exception above says.
fn continues(
    text: &str,
    row: &Row,
    prefix: Range<usize>,
    cells: &[Range<usize>],
    columns: usize,
) -> bool {
    let own = &text[prefix.clone()];
    let indented = prefix.len() > row.prefix.len() && own.ends_with([' ', '\t']);
    let open = !ends_with_pipe(text[row.span.clone()].trim_ascii());
    indented
        && open
        && text[prefix.end..].starts_with('|')
        && row.cells.len() < columns
        && row.cells.len() + cells.len() <= columns
}

fn cells_at(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut cells = cell::split_cells(&text[span.clone()]);
    for c in &mut cells {
        *c = c.start + span.start..c.end + span.start;
    }
    cells
}

fn make_table(
    text: &str,
    lines: &[Line],
    found: &blocks::TableLines,
    columns: Vec<String>,
    state_col: usize,
) -> Table {
    let rows = table_rows(text, lines, found, columns.len());
    let after_delim = lines[found.delimiter.index].term_end;
    let body = match (rows.first(), rows.last()) {
        (Some(f), Some(l)) => f.prefix.start..l.term.end,
        _ => after_delim..after_delim,
    };
    let style = rows.first().map_or_else(
        || &text[blocks::content(found.header, lines)],
        |r| &text[r.span.clone()],
    );
    let style = style.trim_ascii();
    let delimiter = lines[found.delimiter.index];
    Table {
        columns,
        state_col,
        header_line: found.header.index + 1,
        body,
        rows,
        leading_pipe: style.starts_with('|'),
        trailing_pipe: ends_with_pipe(style),
        row_prefix: delimiter.start..found.delimiter.content,
    }
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
