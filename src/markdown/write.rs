//! Writing a document back: every byte copied but the cells that changed, rows added in the
//! style of their table (outer pipes, prefix, padding, empty cells), rows removed or moved with
//! their lines as they are.

use unicode_width::UnicodeWidthStr;

use super::{Align, Document, Row, Table, cell, ends_with_pipe};

/// The rows of one table as they are to be written: per row, the index of the original row it
/// comes from (if any) and its raw cell texts, one per column.
pub type Rows<'a> = Vec<(Option<usize>, &'a [String])>;

impl Document {
    /// Writes the document back with the given rows in place of the rows of the given tables
    /// (`(table index, rows)`, in any order); every other table keeps its bytes.
    ///
    /// A row with an origin keeps every byte of its original text but the cells that differ; a
    /// new row is written in the style of its table. Line terminators belong to positions, so a
    /// file without a final newline still has none.
    pub fn render_tables(&self, mut changed: Vec<(usize, Rows<'_>)>) -> String {
        changed.sort_by_key(|(t, _)| *t);
        let text = &self.text;
        let extra: usize = changed.iter().map(|(_, rows)| rows.len() * 8).sum();
        let mut out = String::with_capacity(text.len() + extra);
        let mut pos = 0;
        for (t, rows) in changed {
            let Some(table) = self.tables.get(t) else {
                continue;
            };
            out.push_str(&text[pos..table.body.start]);
            Writer {
                text,
                eol: self.eol,
                table,
            }
            .rows(&mut out, &rows);
            pos = table.body.end;
        }
        out.push_str(&text[pos..]);
        out
    }

    /// Row `row` of table `table` with `cells` in place of its cells, as [`render_tables`]
    /// writes it: every byte kept but those of the cells that differ; its prefix included, its
    /// line terminator not.
    ///
    /// [`render_tables`]: Self::render_tables
    pub fn patch_row(&self, table: usize, row: usize, cells: &[String]) -> String {
        let mut out = String::new();
        let Some(t) = self.tables.get(table) else {
            return out;
        };
        let Some(r) = t.rows.get(row) else {
            return out;
        };
        out.push_str(&self.text[r.prefix.clone()]);
        Writer {
            text: &self.text,
            eol: self.eol,
            table: t,
        }
        .patch_row(&mut out, r, cells);
        out
    }
}

/// Writes the rows of one table.
struct Writer<'a> {
    text: &'a str,
    eol: &'static str,
    table: &'a Table,
}

impl Writer<'_> {
    fn rows(&self, out: &mut String, rows: &Rows<'_>) {
        let (t, text) = (self.table, self.text);
        let n = rows.len();
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
        for (k, &(origin, cells)) in rows.iter().enumerate() {
            if let Some(r) = origin {
                prefix = &text[t.rows[r].prefix.clone()];
                out.push_str(prefix);
                self.patch_row(out, &t.rows[r], cells);
            } else {
                out.push_str(prefix);
                self.new_row(out, cells);
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
    }

    fn patch_row(&self, out: &mut String, row: &Row, cells: &[String]) {
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
        let text = self.text;
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
        let text = self.text;
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
            let between_pipes = text[span.end..].starts_with('|') && (i > 0 || leading_pipe);
            let laid_out = self.table.widths.get(i).is_some_and(Option::is_some);
            if laid_out && between_pipes && row.continued.is_none() {
                // A column laid out at one width keeps it where the value fits: only this
                // cell's padding changes, aligned as the cell was (else as the delimiter row
                // says). One that does not fit widens its row alone.
                out.push_str(&text[pos..span.start]);
                if let Some(padded) =
                    repadded(&text[span.clone()], new).or_else(|| self.padded(i, new))
                {
                    out.push_str(&padded);
                } else {
                    out.push(' ');
                    out.push_str(new);
                    out.push(' ');
                }
                pos = span.end;
            } else if content.is_empty() {
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
        let t = self.table;
        let start = out.len();
        // Without a leading pipe, an empty first cell would make the row start with its second
        // cell, and some first cells would start another block (`# x`, `- x`) and end the table.
        let lead = t.leading_pipe
            || cells
                .first()
                .is_none_or(|c| c.is_empty() || starts_block(c));
        if lead {
            out.push('|');
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            let span = self.new_cell(i, c);
            if i == 0 && !lead {
                out.push_str(span.trim_ascii_start());
            } else {
                out.push_str(&span);
            }
        }
        if t.trailing_pipe {
            out.push('|');
        } else {
            let trimmed = out[start..].trim_ascii_end().len();
            out.truncate(start + trimmed);
            // Empty last cells count only when a pipe closes them.
            if cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
                out.push_str(" |");
            }
        }
    }

    /// A cell of a new row, between its pipes: padded to its column's width where the table is
    /// laid out in columns, an empty one as the table's rows write theirs.
    fn new_cell(&self, col: usize, value: &str) -> String {
        if let Some(padded) = self.padded(col, value) {
            return padded;
        }
        if value.is_empty() {
            return self.table.empty.clone().unwrap_or_else(|| "  ".to_owned());
        }
        format!(" {value} ")
    }

    /// A value padded to the width every cell of its column has, aligned as the delimiter row
    /// says; `None` when the column has no one width or the value does not fit in it.
    fn padded(&self, col: usize, value: &str) -> Option<String> {
        let width = (*self.table.widths.get(col)?)?;
        let own = value.width();
        let room = width.checked_sub(own + 2)?;
        let (left, right) = match self.table.align.get(col).copied().unwrap_or_default() {
            Align::Right => (room + 1, 1),
            Align::Center => {
                let left = usize::midpoint(room, 2);
                (left, room + 2 - left)
            }
            Align::Left | Align::None => (1, room + 1),
        };
        Some(format!("{}{value}{}", " ".repeat(left), " ".repeat(right)))
    }
}

/// `value` in place of a cell's text (`old`, between its pipes) padded beyond one space a side:
/// at the cell's width, aligned as its text was (its padding kept on the side it has less of,
/// or centred when it has about as much on both). `None` when the cell has no padding of its
/// own, is empty, or the value does not fit.
fn repadded(old: &str, value: &str) -> Option<String> {
    let content = old.trim_matches(' ');
    if content.is_empty() || old.contains(['\t', '\n', '\r']) {
        return None;
    }
    let lead = old.len() - old.trim_start_matches(' ').len();
    let trail = old.len() - old.trim_end_matches(' ').len();
    if lead + trail <= 2 {
        return None;
    }
    // The spaces the value leaves in the cell's width.
    let spaces = old.width().checked_sub(value.width())?;
    let (left, right) = if lead > 1 && trail > 1 && lead.abs_diff(trail) <= 1 {
        let left = spaces / 2;
        (left, spaces - left)
    } else if lead <= trail {
        (lead, spaces.checked_sub(lead)?)
    } else {
        (spaces.checked_sub(trail)?, trail)
    };
    // A side that had a space keeps one.
    if (left == 0 && lead > 0) || (right == 0 && trail > 0) {
        return None;
    }
    Some(format!("{}{value}{}", " ".repeat(left), " ".repeat(right)))
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
