//! Following pulldown-cmark's events: the tables it finds, and where GitHub reads otherwise.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, RefDefs, Tag, TagEnd};

use super::rules::{
    delimiter_like, delimiter_start, indentation, item_column, light_table, list_item_start,
    lone_tag, paragraph_end,
};
use super::{Again, Container, Ending, Found, Input, LineCursor, Source, TableLine, TableLines};

/// What reading a source keeps track of between pulldown-cmark's events.
pub(super) struct Reader<'a, 's> {
    input: &'a Input<'a>,
    source: &'s Source<'s>,
    part_len: usize,
    found: Vec<Found>,
    ending: Ending,
    containers: Vec<Container>,
    current: Option<Found>,
    cursor: LineCursor<'a>,
    /// The end of the paragraph just read, when it held a delimiter-like line: a table starting
    /// right there (in the same container) is one GitHub does not see.
    blind_until: Option<usize>,
    /// Inside a table GitHub does not see: its events are skipped.
    hidden: Option<Hidden>,
    /// The first line of the hidden table.
    hidden_from: Option<usize>,
    /// Where to read again once the source is read: where GitHub starts a table in a paragraph,
    /// where a table it does not see stood, where it ends a table pulldown-cmark goes on with.
    again: Vec<Again>,
    /// How many leaf blocks (paragraphs, headings, code, HTML, tables) are open.
    leaves: usize,
    /// The lines of the text of a tight list item read so far: a paragraph without its events.
    item_text: Option<(usize, usize)>,
    /// The last line of the last paragraph read.
    last_paragraph: Option<usize>,
    /// The lines of every fenced code block and HTML block, where reading cannot start anew.
    open_blocks: Vec<Range<usize>>,
    /// The last heading read (its first line and text): tables stand under it.
    heading: Option<(usize, String)>,
    /// The text of the heading being read.
    heading_text: Option<(usize, String)>,
    /// Every heading read.
    headings: Vec<(usize, String)>,
    /// The link reference definitions read.
    links: Vec<(String, String)>,
}

/// Why GitHub does not see a table pulldown-cmark reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    /// It goes on with a blind paragraph (see `rules`).
    Blind,
    /// Its delimiter row, on this line, starts a list item: read again from there.
    ListItem(usize),
}

/// What a source's events came to.
pub(super) struct Read {
    pub found: Vec<Found>,
    pub ending: Ending,
    pub again: Vec<Again>,
    pub open_blocks: Vec<Range<usize>>,
    /// Every heading read: its first line and its text.
    pub headings: Vec<(usize, String)>,
    /// The link reference definitions: label (case folded) and destination.
    pub links: Vec<(String, String)>,
    /// The source's last line.
    pub last_line: usize,
}

impl<'a, 's> Reader<'a, 's> {
    pub(super) fn new(
        input: &'a Input<'a>,
        source: &'s Source<'s>,
        part_len: usize,
        outer: &[Container],
        heading: Option<&str>,
    ) -> Self {
        Self {
            input,
            source,
            part_len,
            found: Vec::new(),
            ending: Ending::default(),
            containers: outer.to_vec(),
            current: None,
            cursor: LineCursor::new(input.lines),
            blind_until: None,
            hidden: None,
            hidden_from: None,
            again: Vec::new(),
            leaves: 0,
            item_text: None,
            last_paragraph: None,
            open_blocks: Vec::new(),
            heading: heading.map(|h| (0, h.to_owned())),
            heading_text: None,
            headings: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Keeps the link reference definitions pulldown-cmark read.
    pub(super) fn links(&mut self, defs: &RefDefs<'_>) {
        self.links = defs
            .iter()
            .map(|(label, def)| (label.to_lowercase(), def.dest.to_string()))
            .collect();
    }

    /// What the events came to, once the last is read.
    pub(super) fn finish(mut self) -> Read {
        let last_line = self
            .cursor
            .line_at(self.source.map(self.part_len.saturating_sub(1)))
            .index;
        self.ending.open_paragraph = self.last_paragraph == Some(last_line);
        self.ending.heading = self.heading.map(|(_, h)| h);
        Read {
            found: self.found,
            ending: self.ending,
            again: self.again,
            open_blocks: self.open_blocks,
            headings: self.headings,
            links: self.links,
            last_line,
        }
    }

    pub(super) fn event(&mut self, event: &Event, range: &Range<usize>) {
        // Inside a table only its rows and its end matter: the events of its cells (most of a
        // long document's) are passed over first.
        if self.current.is_some()
            && self.hidden.is_none()
            && !matches!(
                event,
                Event::Start(Tag::TableRow) | Event::End(TagEnd::Table)
            )
        {
            return;
        }
        let start = self.source.map(range.start);
        let end = self.source.map(range.end).max(start + 1);
        // The lines of the event: its first, and its last.
        let first = self.cursor.line_at(start).index;
        let last = if matches!(event, Event::Start(Tag::TableRow)) {
            first
        } else {
            self.cursor.line_at(end - 1).index.max(first)
        };
        if self.hidden.is_some() {
            self.hidden_event(event, first, last);
            return;
        }
        self.item_text_event(event, first, last);
        self.heading_event(event, first);
        // Only a table right after the paragraph, in the same container, continues it.
        let blind = self
            .blind_until
            .take()
            .is_some_and(|end| end == self.input.lines[first].start);
        match event {
            Event::Start(tag) if is_leaf(tag) => self.leaves += 1,
            Event::End(tag) if is_leaf_end(*tag) => self.leaves = self.leaves.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::End(TagEnd::Paragraph) => self.paragraph(first, last),
            // A setext heading is a paragraph with an underline, read as one by GitHub until a
            // table interrupts it; the underline closes it, so what follows is not blind.
            Event::End(TagEnd::Heading(_)) if last > first => {
                self.paragraph(first, last);
                self.blind_until = None;
            }
            Event::Start(Tag::Table(_)) if blind => {
                self.hidden = Some(Hidden::Blind);
                self.hidden_from = Some(first);
            }
            Event::Start(Tag::BlockQuote(_)) => self.containers.push(Container::Quote),
            Event::Start(Tag::Item) => {
                let (text, lines) = (self.input.text, self.input.lines);
                let column = item_column(text, start, lines, &mut self.cursor);
                self.containers.push(Container::Item { column });
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => {
                self.containers.pop();
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)) | Tag::HtmlBlock) => {
                self.open_blocks.push(first..last);
                self.ending.open_block |= range.end >= self.part_len;
            }
            Event::Start(Tag::TableHead) => self.table_head(start, first),
            Event::Start(Tag::TableRow) => {
                let row = self.cursor.line_at(start);
                if let Some(table) = &mut self.current {
                    table.lines.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut table) = self.current.take() {
                    table.end = self.source.map(range.end);
                    self.ending.open_table = range.end >= self.part_len && table.within.is_empty();
                    self.cut_where_github_ends(&mut table);
                    self.found.push(table);
                }
            }
            _ => {}
        }
    }

    /// An event inside a table GitHub does not see.
    fn hidden_event(&mut self, event: &Event, first: usize, last: usize) {
        let (text, lines) = (self.input.text, self.input.lines);
        match event {
            // A delimiter row that starts a list item ends the blind paragraph too.
            Event::Start(Tag::TableHead) if self.hidden == Some(Hidden::Blind) => {
                let index = first + 1;
                if lines
                    .get(index)
                    .is_some_and(|l| list_item_start(&text[delimiter_start(text, *l)..l.end]))
                {
                    self.hidden = Some(Hidden::ListItem(index));
                }
            }
            Event::End(TagEnd::Table) => {
                self.leaves = self.leaves.saturating_sub(1);
                let from = self.hidden_from.take().unwrap_or(last);
                let within = self.containers.clone();
                if let Some(Hidden::ListItem(at)) = self.hidden.take() {
                    self.again.push(Again::from(at, within, 0));
                    return;
                }
                // Its lines went on with the blind paragraph, which goes on as far as GitHub's
                // paragraph continuation does; the rest is read again from there.
                let end = paragraph_end(text, lines, from + 1, &within);
                self.again.push(Again {
                    replace: from,
                    from: end,
                    within,
                    unindent: 0,
                });
            }
            _ => {}
        }
    }

    /// Follows the text of headings: the tables after one stand under it.
    fn heading_event(&mut self, event: &Event, first: usize) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading_text = Some((first, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut self.heading_text {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut self.heading_text {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((line, text)) = self.heading_text.take() {
                    let text = text.trim().to_owned();
                    self.headings.push((line, text.clone()));
                    self.heading = Some((line, text));
                }
            }
            _ => {}
        }
    }

    /// Follows the text of a tight list item (no paragraph events) and where it ends.
    fn item_text_event(&mut self, event: &Event, first: usize, last: usize) {
        match event {
            Event::Start(tag) if is_block(tag) => {
                self.flush_item_text();
                self.last_paragraph = None;
            }
            Event::End(TagEnd::Item) | Event::Rule => self.flush_item_text(),
            Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineHtml(_)
                if self.leaves == 0
                    && matches!(self.containers.last(), Some(Container::Item { .. })) =>
            {
                let (from, _) = self.item_text.unwrap_or((first, last));
                self.item_text = Some((from, last));
            }
            _ => {}
        }
    }

    /// A table's header row: where its delimiter row is, and whether GitHub sees a table.
    fn table_head(&mut self, start: usize, first: usize) {
        let (text, lines) = (self.input.text, self.input.lines);
        let index = first + 1;
        let delimiter = TableLine {
            index,
            content: lines
                .get(index)
                .map_or(start, |l| delimiter_start(text, *l)),
        };
        if lines
            .get(index)
            .is_some_and(|l| list_item_start(&text[delimiter.content..l.end]))
        {
            // A list item for GitHub: no table (see `rules`).
            self.current = None;
            self.hidden = Some(Hidden::ListItem(index));
            self.hidden_from = Some(first);
            return;
        }
        self.current = Some(Found {
            lines: TableLines {
                header: TableLine {
                    index: first,
                    content: start,
                },
                delimiter,
                rows: Vec::new(),
                heading: self.heading.as_ref().map(|(_, h)| h.clone()),
            },
            within: self.containers.clone(),
            end: start,
        });
    }

    /// A paragraph of lines `first..=last` was read: where GitHub goes blind to tables after it,
    /// and where it starts a table pulldown-cmark did not.
    fn paragraph(&mut self, first: usize, last: usize) {
        let (text, lines) = (self.input.text, self.input.lines);
        self.last_paragraph = Some(last);
        // A delimiter-like first line has no header above it, and one indented as code is not
        // tried as a delimiter row: nothing failed there.
        let within = &self.containers;
        self.blind_until = (first + 1..=last)
            .any(|i| {
                delimiter_like(&text[lines[i].start..lines[i].end])
                    && indentation(text, lines[i], within) < 4
            })
            .then_some(lines[last].term_end);
        if let Some(header) = light_table(text, lines, first, last, &self.containers) {
            // The header and delimiter rows continue the paragraph for GitHub: their
            // indentation does not make them code.
            self.again
                .push(Again::from(header, self.containers.clone(), 2));
        }
    }

    /// Cuts a table where GitHub sees indented code or an HTML block (see the module's
    /// summary); from there on is read again.
    fn cut_where_github_ends(&mut self, table: &mut Found) {
        let (text, lines) = (self.input.text, self.input.lines);
        let within = &table.within;
        let ends_table = |row: &TableLine| {
            let line = lines[row.index];
            // Most rows start with their pipe at column 0: neither code nor a tag.
            let plain = row.content == line.start && text.as_bytes()[row.content] != b'<';
            !plain
                && (indentation(text, line, within) >= 4 || lone_tag(&text[row.content..line.end]))
        };
        let Some(cut) = table.lines.rows.iter().position(ends_table) else {
            return;
        };
        let first = table.lines.rows[cut].index;
        table.lines.rows.truncate(cut);
        self.again.push(Again::from(first, table.within.clone(), 0));
        self.ending.open_table = false;
    }

    /// The text of a tight list item ends (a block starts, or the item ends): it is read as the
    /// paragraph it is.
    fn flush_item_text(&mut self) {
        if let Some((first, last)) = self.item_text.take() {
            self.paragraph(first, last);
        }
    }
}

/// Tags of blocks, which end the text of a tight list item.
pub(super) fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
    )
}

/// Tags of leaf blocks, inside which text is not a list item's own.
pub(super) fn is_leaf(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
    )
}

pub(super) fn is_leaf_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Table
            | TagEnd::MetadataBlock(_)
    )
}
