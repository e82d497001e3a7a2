//! One table of a document: its header, its rows as byte ranges, and how its rows are written
//! (outer pipes, prefix, padding), so that a row changed or added looks like its neighbours.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::{Line, blocks, cell, ends_with_pipe, plain};

/// One row of a table, as byte ranges into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What stands before the row's text on its first line: the `> ` of a block quote, a list
    /// item's indentation, the row's own indentation.
    pub prefix: Range<usize>,
    /// The row's text from its first pipe or cell, continuation lines included, without its
    /// final line terminator.
    pub span: Range<usize>,
    /// The line terminator after it (`\n`, `\r\n`, `\r`, or empty at the end of the file).
    pub term: Range<usize>,
    /// Each cell's raw range between its pipes (untrimmed).
    pub cells: Vec<Range<usize>>,
    /// 1-based line number of the row's first line.
    pub line: usize,
    /// For a row read across lines (the one exception to reading a table as GitHub does): the
    /// 1-based line its continuation starts on. GitHub shows the continuation as a row of its own.
    pub continued: Option<usize>,
}

/// How a delimiter cell aligns its column: `:--` left, `--:` right, `:-:` center, `---` none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    None,
    Left,
    Right,
    Center,
}

/// A table: its header, where its rows stand and how they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Header names: each header cell as a reader means it (unescaped, markup stripped).
    pub columns: Vec<String>,
    /// 1-based line number of the header row.
    pub header_line: usize,
    /// The text of the nearest heading above the table.
    pub heading: Option<String>,
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
    /// Per column, how its delimiter cell aligns it.
    pub align: Vec<Align>,
    /// Per column, the display width of its cells (padding included) when the table is laid
    /// out in columns: the header and every row give it, or the header, the delimiter row and
    /// all but one row in twenty.
    pub widths: Vec<Option<usize>>,
    /// How the rows write an empty cell between its pipes (`" "` for `| |`), when they agree.
    pub empty: Option<String>,
}

impl Table {
    /// The raw range of cell `col` of row `row`, trimmed; an empty range when the row lacks it.
    pub fn cell_range(&self, text: &str, row: usize, col: usize) -> Option<Range<usize>> {
        self.rows[row]
            .cells
            .get(col)
            .map(|r| cell::trim_range(text, r.clone()))
    }
}

/// Builds a table found in `text`.
pub fn build(text: &str, lines: &[Line], found: &blocks::TableLines) -> Table {
    let header_cells = cells_at(text, blocks::content(found.header, lines));
    let columns: Vec<String> = header_cells
        .iter()
        .map(|r| plain(&text[r.clone()]))
        .collect();
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
    let delimiter_cells = cells_at(text, blocks::content(found.delimiter, lines));
    Table {
        align: delimiter_cells
            .iter()
            .map(|r| align_of(text[r.clone()].trim_ascii()))
            .collect(),
        widths: widths(text, &header_cells, &delimiter_cells, &rows, columns.len()),
        empty: empty_style(text, &rows),
        columns,
        header_line: found.header.index + 1,
        heading: found.heading.clone(),
        body,
        rows,
        leading_pipe: style.starts_with('|'),
        trailing_pipe: ends_with_pipe(style),
        row_prefix: delimiter.start..found.delimiter.content,
    }
}

fn align_of(delimiter: &str) -> Align {
    match (delimiter.starts_with(':'), delimiter.ends_with(':')) {
        (true, true) => Align::Center,
        (true, false) => Align::Left,
        (false, true) => Align::Right,
        (false, false) => Align::None,
    }
}

/// Per column, the one display width its cells are laid out at (the header's), when they share
/// one: every cell has it, or the delimiter row has it too and at most one row in twenty
/// (written by hand since) does not. Most tables are not laid out in columns, and two rows
/// usually tell.
fn widths(
    text: &str,
    header: &[Range<usize>],
    delimiter: &[Range<usize>],
    rows: &[Row],
    columns: usize,
) -> Vec<Option<usize>> {
    (0..columns)
        .map(|col| {
            if rows.is_empty() {
                return None;
            }
            let width = |r: &Range<usize>| text[r.clone()].width();
            let want = width(header.get(col)?);
            let allowed = if delimiter.get(col).map(width) == Some(want) {
                rows.len() / 20
            } else {
                0
            };
            let mut off = 0;
            for row in rows {
                let fits =
                    row.continued.is_none() && row.cells.get(col).is_some_and(|r| width(r) == want);
                if !fits {
                    off += 1;
                    if off > allowed {
                        return None;
                    }
                }
            }
            Some(want)
        })
        .collect()
}

/// How the rows write an empty cell: the spelling most of their empty cells have.
fn empty_style(text: &str, rows: &[Row]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for row in rows.iter().take(200) {
        for r in &row.cells {
            let raw = &text[r.clone()];
            if raw.trim_ascii().is_empty() && !raw.contains(['\n', '\r']) {
                match counts.iter_mut().find(|(s, _)| *s == raw) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((raw, 1)),
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(s, _)| s.to_owned())
}

/// The rows of a table, each one line but for the one exception GitHub does not make: a row
/// whose line starts but does not end with a pipe and has fewer cells than the header, followed by indented
/// lines that start with a pipe and carry only the missing cells, is one row (GitHub shows two).
///
/// A long table is read in two halves at once, cut before a row at column 0, which cannot
/// continue the row above it.
pub fn table_rows(
    text: &str,
    lines: &[Line],
    table: &blocks::TableLines,
    columns: usize,
) -> Vec<Row> {
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
    let row_text = text[row.span.clone()].trim_ascii();
    // A row written as one: it opens with a pipe (a line without pipes, which GitHub also
    // reads as a row, is not one broken across lines) and no pipe closes it.
    let open = row_text.starts_with('|') && !ends_with_pipe(row_text);
    indented
        && open
        && text[prefix.end..].starts_with('|')
        && row.cells.len() < columns
        && row.cells.len() + cells.len() <= columns
}

/// The cells of the text at `span`, as ranges of the whole text.
pub fn cells_at(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut cells = cell::split_cells(&text[span.clone()]);
    for c in &mut cells {
        *c = c.start + span.start..c.end + span.start;
    }
    cells
}
