//! Where the tables of a document are, as GitHub reads it.
//!
//! Block structure (which lines are a table, inside which block quote or list item, and where
//! fences, HTML blocks, indented code and front matter hide text that only looks like a table) is
//! decided by pulldown-cmark with its tables extension. Chosen over comrak, a port of GitHub's own
//! cmark-gfm, by measurement: both read every table example of the GFM spec and of cmark-gfm's
//! tests as GitHub does, and pulldown-cmark reads a 100,000-row document five times faster
//! (79 ms against 420 ms). comrak stays as the oracle of the differential tests.
//!
//! Where pulldown-cmark and GitHub still differ ([`rules`] lists how), the reading follows
//! GitHub: from each place they part, the lines are read again up to where both agree again
//! (a line at column 0 after a blank line, outside any fence or HTML block).
//!
//! A long document is read in two parts at once ([`parallel`]).

mod parallel;
mod reader;
mod rules;
mod shape;

use std::ops::Range;

use pulldown_cmark::{Options, Parser};

use super::Line;
use parallel::read_in_two;
use reader::Reader;
use rules::{container_prefix, within_markers};
pub use shape::Shape;

/// One line of a table: which line it is, and where its text starts after the prefix of its
/// containers (`> `, a list item's indentation) and its own indentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLine {
    /// Index into the document's lines.
    pub index: usize,
    /// Byte offset of the line's text (its first pipe or cell).
    pub content: usize,
}

/// The lines of one table as GitHub reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLines {
    pub header: TableLine,
    pub delimiter: TableLine,
    pub rows: Vec<TableLine>,
    /// The text of the nearest heading above the table, if there is one.
    pub heading: Option<String>,
}

/// A container a table stands in, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// A block quote: its lines carry a `>`.
    Quote,
    /// A list item whose content starts at column `column` of its lines.
    Item { column: usize },
}

/// A table as pulldown-cmark read it.
#[derive(Debug, Clone)]
struct Found {
    lines: TableLines,
    within: Vec<Container>,
    /// Where the table ends (after its last line's terminator).
    end: usize,
}

/// A part of the source to read again: from line `from` (in the containers `within`, the first
/// `unindent` lines without their indentation), replacing what pulldown-cmark read from line
/// `replace` on.
#[derive(Debug, Clone)]
struct Again {
    replace: usize,
    from: usize,
    within: Vec<Container>,
    unindent: usize,
}

impl Again {
    /// Read again from line `from` on.
    fn from(from: usize, within: Vec<Container>, unindent: usize) -> Self {
        Self {
            replace: from,
            from,
            within,
            unindent,
        }
    }
}

/// How a part of the document ended, to tell whether the next part reads the same on its own.
// Four independent facts about one ending, each read where it is needed.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Default)]
struct Ending {
    /// A fenced code block or an HTML block was still open at the end.
    open_block: bool,
    /// The last table is at top level and still open at the end.
    open_table: bool,
    /// The last block is a paragraph still open at the end (a lazy line would continue it).
    open_paragraph: bool,
    /// Part of the source was read again where GitHub reads otherwise.
    corrected: bool,
    /// The text of the last heading read, which the next part's tables stand under.
    heading: Option<String>,
    /// The link reference definitions read: label (case folded) and destination.
    links: Vec<(String, String)>,
}

/// Below this many bytes a document is read in one go: a thread costs more than it saves.
const PARALLEL_MIN: usize = 1 << 20;

/// Link reference definitions: case-folded label and destination.
pub type Links = Vec<(String, String)>;

/// What the block structure of a document holds for mdboard.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    /// Every table, in document order.
    pub tables: Vec<TableLines>,
    /// The link reference definitions.
    pub links: Links,
}

/// Every table of `text`, in document order, and its link reference definitions.
pub fn tables(text: &str, lines: &[Line]) -> Blocks {
    // GitHub reads a document without its byte-order mark.
    let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let input = Input {
        parsed: &without_header_breaks(text, lines),
        text,
        lines,
    };
    let (found, definitions) = if text.len() >= PARALLEL_MIN
        && let Some(read) = read_in_two(&input, from)
    {
        read
    } else {
        let source = Source::Slice {
            from,
            to: text.len(),
        };
        let (found, ending) = read(&input, &source, &[], None);
        (found, ending.links)
    };
    Blocks {
        tables: found.into_iter().map(|t| t.lines).collect(),
        links: definitions,
    }
}

/// The document, and the text pulldown-cmark reads of it (the same length, see the module's
/// summary).
struct Input<'a> {
    text: &'a str,
    parsed: &'a str,
    lines: &'a [Line],
}

/// The text with each line that has a pipe and ends with a backslash given an `x` for that
/// backslash.
fn without_header_breaks<'a>(text: &'a str, lines: &[Line]) -> std::borrow::Cow<'a, str> {
    let ends_with_backslash = |l: &Line| l.end > l.start && text.as_bytes()[l.end - 1] == b'\\';
    let needs = |l: &Line| {
        let line = &text[l.start..l.end];
        ends_with_backslash(l) && line.contains('|')
    };
    if !lines.iter().any(ends_with_backslash) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for l in lines.iter().filter(|l| needs(l)) {
        bytes[l.end - 1] = b'x';
    }
    // Only an ASCII backslash became an ASCII letter.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// Where the text pulldown-cmark reads comes from.
enum Source<'a> {
    /// `text[from..to]`.
    Slice { from: usize, to: usize },
    /// Lines of the document without the prefix of the containers they stand in, one after
    /// another: `(start in the parsed text, offset in the document)` of each piece.
    Lines {
        text: String,
        pieces: Vec<(usize, usize)>,
    },
    /// A top-level table's header and delimiter lines, then `text[from..]`: the rest of a table
    /// cut between two rows.
    Resumed {
        head: &'a str,
        header: usize,
        delimiter: usize,
        from: usize,
    },
}

impl Source<'_> {
    /// The text to parse, from the text pulldown-cmark reads.
    fn text<'t>(&'t self, text: &'t str) -> std::borrow::Cow<'t, str> {
        match self {
            Self::Slice { from, to } => std::borrow::Cow::Borrowed(&text[*from..*to]),
            Self::Lines { text, .. } => std::borrow::Cow::Borrowed(text),
            Self::Resumed { head, from, .. } => {
                let mut s = String::with_capacity(head.len() + text.len() - from);
                s.push_str(head);
                s.push_str(&text[*from..]);
                std::borrow::Cow::Owned(s)
            }
        }
    }

    /// The offset in the document of offset `at` of the parsed text.
    fn map(&self, at: usize) -> usize {
        match self {
            Self::Slice { from, .. } => from + at,
            Self::Lines { pieces, .. } => {
                let k = pieces
                    .partition_point(|&(start, _)| start <= at)
                    .saturating_sub(1);
                pieces
                    .get(k)
                    .map_or(at, |&(start, offset)| offset + (at - start))
            }
            Self::Resumed {
                head,
                header,
                delimiter,
                from,
            } => {
                let header_len = delimiter - header;
                if at < header_len {
                    header + at
                } else if at < head.len() {
                    delimiter + (at - header_len)
                } else {
                    from + (at - head.len())
                }
            }
        }
    }
}

/// The tables pulldown-cmark finds in a source (which stands in the containers `outer`), and
/// how the source ended.
fn read(
    input: &Input,
    source: &Source,
    outer: &[Container],
    heading: Option<&str>,
) -> (Vec<Found>, Ending) {
    let part = source.text(input.parsed);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut reader = Reader::new(input, source, part.len(), outer, heading);
    let mut events = Parser::new_ext(&part, options).into_offset_iter();
    for (event, range) in events.by_ref() {
        reader.event(&event, &range);
    }
    reader.links(events.reference_definitions());
    let (text, lines) = (input.text, input.lines);
    let read = reader.finish();
    let (mut found, mut ending, last_line) = (read.found, read.ending, read.last_line);
    let (again, open_blocks, headings) = (read.again, read.open_blocks, read.headings);
    ending.links = read.links;
    // The heading in force at a line, for what is read again from there.
    let heading_at = |line: usize| {
        headings
            .iter()
            .rev()
            .find(|(at, _)| *at < line)
            .map(|(_, h)| h.clone())
            .or_else(|| heading.map(str::to_owned))
    };
    // From each place GitHub reads otherwise, lines are read again up to where both readings
    // agree again: before a line at column 0 after a blank line, where neither reading has a
    // fence or an HTML block open. What pulldown-cmark found in between gives way; later places
    // are found by the reading again itself.
    let mut again = again;
    again.sort_by_key(|a| a.replace);
    let mut done = 0;
    let mut replaced: Vec<Range<usize>> = Vec::new();
    let mut more = Vec::new();
    for Again {
        replace,
        from: first,
        within,
        unindent,
    } in again
    {
        if replace < done {
            continue;
        }
        if first > last_line {
            // Only pulldown-cmark's reading to drop, to the end.
            replaced.push(replace..last_line);
            done = last_line + 1;
            ending.corrected = true;
            continue;
        }
        let end;
        let mut candidates = (first + 1..=last_line).filter(|&k| {
            text[lines[k - 1].start..lines[k - 1].end]
                .trim_ascii()
                .is_empty()
                && !is_blank(text, lines[k])
                && !text[lines[k].start..].starts_with([' ', '\t', '>'])
                && !open_blocks.iter().any(|b| b.start < k && k <= b.end)
        });
        let found_again = loop {
            let to = candidates.next().map_or(last_line, |k| k - 1);
            let (tables, open) = read_again(
                input,
                first,
                to,
                within.clone(),
                unindent,
                heading_at(first).as_deref(),
            );
            if !open || to == last_line {
                end = to;
                break tables;
            }
        };
        replaced.push(replace..end);
        more.extend(found_again);
        done = end + 1;
        ending.corrected = true;
    }
    if !replaced.is_empty() {
        found.retain(|t| {
            let h = t.lines.header.index;
            !replaced.iter().any(|r| r.start <= h && h <= r.end)
        });
        found.extend(more);
        found.sort_by_key(|t| t.lines.header.index);
    }
    (found, ending)
}

/// The tables of lines `first..=last` in the containers `within`, read again, the first
/// `unindent` without their indentation. A line without the containers' markers
/// (a lazy continuation of the paragraph) ends the table: the lines from there on are read in
/// the containers whose markers they carry, unless they lazily continue a paragraph.
fn read_again(
    input: &Input,
    first: usize,
    last: usize,
    within: Vec<Container>,
    unindent: usize,
    heading: Option<&str>,
) -> (Vec<Found>, bool) {
    let (text, lines) = (input.text, input.lines);
    let carries = |i: usize, ctx: &[Container]| {
        within_markers(&text.as_bytes()[lines[i].start..lines[i].end], ctx)
    };
    let mut found = Vec::new();
    let (mut from, mut ctx, mut unindent) = (first, within, unindent);
    loop {
        let lazy = (from + 1..=last).find(|&i| !carries(i, &ctx));
        let end = lazy.map_or(last, |i| i - 1);
        let heading = found
            .last()
            .map_or(heading, |f: &Found| f.lines.heading.as_deref());
        let (more, ending) = read_lines(input, from, end, &ctx, unindent, heading);
        found.extend(more);
        let Some(mut next) = lazy else {
            return (found, ending.open_block);
        };
        if ending.open_paragraph {
            // The lazy line continues that paragraph, in which GitHub starts no table: on
            // after the next blank line.
            match (next..=last).find(|&i| is_blank(text, lines[i])) {
                Some(b) if b < last => next = b + 1,
                _ => return (found, false),
            }
        }
        let keep = (0..=ctx.len())
            .rev()
            .find(|&k| carries(next, &ctx[..k]))
            .unwrap_or(0);
        ctx.truncate(keep);
        (from, unindent) = (next, 0);
    }
}

/// Whether a line is blank, but for the `>` of block quotes.
fn is_blank(text: &str, line: Line) -> bool {
    text[line.start..line.end]
        .trim_matches(|c: char| c.is_ascii_whitespace() || c == '>')
        .is_empty()
}

/// The tables of lines `first..=last`, which stand in the containers `within`, read as a
/// document of their own (without the containers' prefixes, and without the indentation of the
/// first `unindent` lines).
fn read_lines(
    input: &Input,
    first: usize,
    last: usize,
    within: &[Container],
    unindent: usize,
    heading: Option<&str>,
) -> (Vec<Found>, Ending) {
    let lines = input.lines;
    if within.is_empty() && unindent == 0 {
        let source = Source::Slice {
            from: lines[first].start,
            to: lines[last].term_end,
        };
        return read(input, &source, within, heading);
    }
    let mut parsed = String::new();
    let mut pieces = Vec::with_capacity(last + 1 - first);
    for (k, line) in lines[first..=last].iter().enumerate() {
        let mut from = line.start + container_prefix(input.text, *line, within);
        if k < unindent {
            from += input.text[from..line.end]
                .bytes()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
        }
        pieces.push((parsed.len(), from));
        parsed.push_str(&input.parsed[from..line.term_end]);
    }
    let source = Source::Lines {
        text: parsed,
        pieces,
    };
    read(input, &source, within, heading)
}

/// Finds the line of a byte offset: a step to the next line when the offsets come in order, a
/// binary search when they jump.
struct LineCursor<'a> {
    lines: &'a [Line],
    at: usize,
}

impl<'a> LineCursor<'a> {
    fn new(lines: &'a [Line]) -> Self {
        Self { lines, at: 0 }
    }

    fn line_at(&mut self, offset: usize) -> TableLine {
        let holds = |l: &Line| l.start <= offset && offset < l.term_end.max(l.start + 1);
        if !self.lines.get(self.at).is_some_and(holds) {
            self.at = if self.lines.get(self.at + 1).is_some_and(holds) {
                self.at + 1
            } else {
                self.lines
                    .partition_point(|l| l.term_end <= offset)
                    .min(self.lines.len().saturating_sub(1))
            };
        }
        TableLine {
            index: self.at,
            content: offset,
        }
    }
}

/// The byte range of a table line's text, from its content start to its end.
pub fn content(line: TableLine, lines: &[Line]) -> Range<usize> {
    line.content..lines[line.index].end
}

#[cfg(test)]
mod tests;
