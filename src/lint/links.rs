//! Links to files: a relative link, in a table's cell or in the prose around the tables, must
//! lead to a file or folder that exists. Resolved as GitHub resolves them: from the document's
//! folder, and from the repository's root for a link starting with `/`. URLs with a scheme
//! (`https:`, `mailto:`), `//host` and `#anchors` are not files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{Finding, Level, cell_position};
use crate::markdown::{Document, inline};

/// Where a document's relative links lead from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The document's folder.
    pub folder: PathBuf,
    /// The repository's root (the folder holding `.git`), for links starting with `/`; outside
    /// a repository they are not checked.
    pub root: Option<PathBuf>,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A URL, an anchor, or a `/` link outside a repository: not checked.
    Elsewhere,
    /// A file or folder, to be looked for.
    Path(PathBuf),
    /// Above the repository's root, where GitHub has nothing to show.
    Outside,
}

impl Places {
    /// Where the link `target` leads.
    pub fn resolve(&self, target: &str) -> Target {
        let target = target.trim();
        if !is_file_link(target) {
            return Target::Elsewhere;
        }
        let path = target.split(['#', '?']).next().unwrap_or_default();
        let path = percent_decoded(path);
        if path.is_empty() {
            return Target::Elsewhere;
        }
        let (base, rest) = match path.strip_prefix('/') {
            Some(rest) => match &self.root {
                Some(root) => (root, rest.trim_start_matches('/')),
                None => return Target::Elsewhere,
            },
            None => (&self.folder, path.as_str()),
        };
        let joined = normal(&base.join(rest));
        match &self.root {
            Some(root) if !joined.starts_with(normal(root)) => Target::Outside,
            _ => Target::Path(joined),
        }
    }
}

/// Whether a link target may name a file: not empty, not an anchor, not `//host`, no scheme.
fn is_file_link(target: &str) -> bool {
    !(target.is_empty()
        || target.starts_with('#')
        || target.starts_with("//")
        || has_scheme(target))
}

/// `https:`, `mailto:`, `ftp:`: a letter, then letters, digits, `+`, `-` or `.`, then a colon.
fn has_scheme(target: &str) -> bool {
    let Some((scheme, _)) = target.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20` and the like decoded; the text as it is when the bytes are not UTF-8.
fn percent_decoded(path: &str) -> String {
    if !path.contains('%') {
        return path.to_owned();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

/// The path with `.` and `..` worked out on its text, as a URL's are: GitHub does not follow
/// symbolic links.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Every broken link of the document: in the rows of its tables, and in the rest (headers
/// included), read as GitHub reads it.
pub fn check(
    doc: &Document,
    places: &Places,
    exists: &(dyn Fn(&Path) -> bool + Sync),
    findings: &mut Vec<Finding>,
) {
    let mut known: HashMap<PathBuf, bool> = HashMap::new();
    // Lists link to the same few places over and over: each target is looked at once.
    let mut said: HashMap<String, Option<String>> = HashMap::new();
    let mut broken = |target: &str| -> Option<String> {
        if let Some(message) = said.get(target) {
            return message.clone();
        }
        let message = match places.resolve(target) {
            Target::Elsewhere => None,
            Target::Outside => Some(format!(
                "link to {target:?} leads out of the repository: GitHub has nothing to show there"
            )),
            Target::Path(path) => {
                let found = *known.entry(path).or_insert_with_key(|p| exists(p));
                (!found).then(|| format!("link to {target:?}: no such file or folder"))
            }
        };
        said.insert(target.to_owned(), message.clone());
        message
    };
    // Reference definitions are used by name: a cell may link to a file through one.
    let file_references = doc.links.values().any(|d| is_file_link(d.trim()));
    for (t, table) in doc.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for c in 0..row.cells.len() {
                let Some(range) = table.cell_range(&doc.text, r, c) else {
                    continue;
                };
                let raw = &doc.text[range.clone()];
                if !may_link_to_a_file(raw, file_references) {
                    continue;
                }
                // Most linking cells are one plain link: its target is read in place.
                if let Some(at) = only_link(raw, doc) {
                    if let Some(message) = broken(&raw[at.clone()]) {
                        let (line, column) =
                            super::position(&doc.text, row, range.start + at.start);
                        findings.push(finding(line, column, message));
                    }
                    continue;
                }
                for target in targets(raw, doc) {
                    let Some(message) = broken(&target) else {
                        continue;
                    };
                    let (line, column) = match raw.find(target.as_str()) {
                        Some(at) => super::position(&doc.text, row, range.start + at),
                        None => cell_position(doc, t, r, c),
                    };
                    findings.push(finding(line, column, message));
                }
            }
        }
    }
    let mut lines = LineCounter::new(&doc.text);
    for (at, target) in prose_links(doc) {
        if let Some(message) = broken(&target) {
            let (line, column) = lines.position(at);
            findings.push(finding(line, column, message));
        }
    }
}

fn finding(line: usize, column: usize, message: String) -> Finding {
    Finding {
        line,
        column,
        level: Level::Warning,
        rule: Cow::Borrowed("broken-link"),
        message,
        suggestion: None,
        fix: None,
    }
}

/// The link targets of a cell, as GitHub reads them. Most cells that hold links hold plain
/// `[text](target)` ones, read here without a markdown parser: no code, escapes, HTML,
/// entities or quotes, no reference links, brackets only around link texts, none inside
/// another, and no space in a target. Any other cell is read by the parser.
pub(super) fn targets(raw: &str, doc: &Document) -> Vec<String> {
    let plain_links = doc.links.is_empty()
        && !raw.contains(['`', '\\', '<', '>', '&', '"', '\''])
        && brackets_flat(raw);
    if plain_links {
        let opens = raw.matches('[').count();
        let linked = crate::markdown::strip_links(raw);
        let every_one = linked.targets.len() == opens && raw.matches("](").count() == opens;
        if every_one
            && linked.references.is_empty()
            && linked
                .targets
                .iter()
                .all(|t| !t.contains(char::is_whitespace))
        {
            return linked.targets;
        }
    }
    inline::render(raw, &doc.links).targets
}

/// Where the target of a cell that is exactly one plain inline link (`[text](target)`: no
/// other bracket or parenthesis, nothing [`targets`] would read otherwise) stands in it; `None`
/// for any other cell.
pub(super) fn only_link(raw: &str, doc: &Document) -> Option<Range<usize>> {
    if !doc.links.is_empty()
        || raw.contains(['`', '\\', '<', '>', '&', '"', '\''])
        || !raw.starts_with('[')
        || !raw.ends_with(')')
    {
        return None;
    }
    let close = raw.find("](")?;
    let target = close + 2..raw.len() - 1;
    let text = &raw[1..close];
    let inner = &raw[target.clone()];
    let single = !text.contains(['[', ']'])
        && !inner.contains(['[', ']', '(', ')'])
        && !inner.is_empty()
        && !inner.contains(char::is_whitespace);
    single.then_some(target)
}

/// Whether every `[` is closed by a `]` before the next `[` opens.
fn brackets_flat(raw: &str) -> bool {
    let mut open = false;
    for b in raw.bytes() {
        match b {
            b'[' if open => return false,
            b'[' => open = true,
            b']' if !open => return false,
            b']' => open = false,
            _ => {}
        }
    }
    !open
}

/// Whether a cell may hold a link to a file: most cells hold no link, or only links to URLs,
/// and are not read as markdown at all.
fn may_link_to_a_file(raw: &str, file_references: bool) -> bool {
    if !raw.contains('[') {
        return false;
    }
    if file_references && raw.contains(']') {
        return true;
    }
    raw.match_indices("](").any(|(i, _)| {
        let target = raw[i + 2..].trim_start().trim_start_matches('<');
        is_file_link(target)
    })
}

/// The links of the document outside the rows of its tables, each with the byte where it
/// starts: the document read without those rows, which were checked cell by cell.
fn prose_links(doc: &Document) -> Vec<(usize, String)> {
    let text = &doc.text;
    // Pieces of the text kept, each as (start in the prose, start in the text).
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut prose = String::new();
    let mut pos = 0;
    let mut keep = |prose: &mut String, range: Range<usize>| {
        pieces.push((prose.len(), range.start));
        prose.push_str(&text[range]);
    };
    for t in &doc.tables {
        keep(&mut prose, pos..t.body.start);
        pos = t.body.end;
    }
    keep(&mut prose, pos..text.len());
    if !prose.contains('[') && !prose.contains('<') {
        return Vec::new();
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let in_text = |at: usize| {
        let i = pieces.partition_point(|&(p, _)| p <= at).saturating_sub(1);
        let (p, t) = pieces[i];
        t + (at - p)
    };
    Parser::new_ext(&prose, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                // Where the target stands, as for a cell's links; else where the link does.
                let at = prose[range.clone()]
                    .find(dest_url.as_ref())
                    .filter(|_| !dest_url.is_empty())
                    .map_or(range.start, |at| range.start + at);
                Some((in_text(at), dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Lines and columns of bytes asked for in increasing order, counted as it goes.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn position(&mut self, at: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[self.pos..at]) {
            let i = self.pos + i;
            // CR LF is one line break, counted at its LF.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            self.line += 1;
            self.line_start = i + 1;
        }
        self.pos = at;
        let shown = self.text[self.line_start..at].trim_start_matches('\u{feff}');
        (self.line, shown.chars().count() + 1)
    }
}
