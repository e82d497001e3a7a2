//! How GitHub reads the lines of a document where pulldown-cmark reads them otherwise:
//! - A line of a table indented by four columns or more past its container is indented code for
//!   GitHub, which ends the table; pulldown-cmark reads it as a row. The table is cut there.
//! - A line that is only an HTML tag (`<br>`, `<span class="x">`, `</b>`) starts an HTML block
//!   for GitHub, which ends a table; pulldown-cmark reads it as a row. The table is cut there too.
//! - A delimiter row that starts with `- ` starts a list item for GitHub: there is no table
//!   (pulldown-cmark reads one).
//! - A delimiter row that does not make a table (its cell count differs from the line above)
//!   leaves a paragraph in which GitHub reads no table any more, until the paragraph ends (or a
//!   setext underline makes it a heading); pulldown-cmark reads a header and delimiter row found
//!   later in it as a table. Such a table is dropped.
//! - A table whose header row has no leading pipe interrupts a paragraph (or a setext heading's
//!   text, or a tight list item's) for GitHub, not for pulldown-cmark, which lets only "heavy"
//!   tables do that. A line without the markers of its containers (a lazy continuation) starts
//!   no table.
//! - A header row ending with a backslash is a table for GitHub; pulldown-cmark takes the
//!   backslash for a hard line break and sees a paragraph. It is given an `x` in its place on
//!   lines with a pipe (the same length, so every offset holds; a hard break is inline and the
//!   cell keeps some text, so nothing else of the block structure changes).

use super::super::Line;
use super::{Container, LineCursor};
use crate::markdown::cell;

/// The first line of a paragraph's lines `first..=last` (after the first) where GitHub starts a
/// table that pulldown-cmark does not: a line with a pipe over a delimiter row of as many cells
/// (indented less than code), both with the markers of the paragraph's containers (a lazy continuation line starts no
/// table), before any delimiter-like line that makes no table (GitHub reads no table after one).
pub(super) fn light_table(
    text: &str,
    lines: &[Line],
    first: usize,
    last: usize,
    within: &[Container],
) -> Option<usize> {
    let line = |i: usize| &text[lines[i].start..lines[i].end];
    let inside = |i: usize| {
        let bytes = line(i).as_bytes();
        let (at, _) = walk_containers(bytes, within);
        let after = &line(i)[at..];
        within_markers(bytes, within).then_some(after)
    };
    for i in first + 1..last {
        if delimiter_like(line(i)) && indentation(text, lines[i], within) < 4 {
            return None;
        }
        let (Some(header), Some(next)) = (inside(i), inside(i + 1)) else {
            continue;
        };
        // The delimiter row, unlike the header, must not be indented as code.
        let code = indentation(text, lines[i + 1], within) >= 4;
        if cell::has_pipe(header)
            && !code
            && delimiter_like(next)
            && cell::split_cells(header.trim_start_matches([' ', '\t'])).len()
                == cell::split_cells(next.trim_start_matches([' ', '\t'])).len()
        {
            return Some(i);
        }
    }
    None
}

/// Whether a line carries the marker of every container: each block quote's `>`, each list
/// item's indentation.
pub(super) fn within_markers(bytes: &[u8], within: &[Container]) -> bool {
    walk(bytes, within).2
}

/// How many bytes of a line the prefix of its containers takes: the `>` (and one space) of each
/// block quote, the indentation of each list item.
pub(super) fn container_prefix(text: &str, line: Line, within: &[Container]) -> usize {
    walk_containers(&text.as_bytes()[line.start..line.end], within).0
}

/// How far a table line is indented past its containers, in columns (a tab to the next
/// multiple of four).
pub(super) fn indentation(text: &str, line: Line, within: &[Container]) -> usize {
    let bytes = &text.as_bytes()[line.start..line.end];
    let (mut i, mut col) = walk_containers(bytes, within);
    let begin = col;
    spaces(bytes, &mut i, &mut col, usize::MAX);
    col - begin
}

/// Walks a line over the prefix of its containers: the byte and the column after it.
pub(super) fn walk_containers(bytes: &[u8], within: &[Container]) -> (usize, usize) {
    let (i, col, _) = walk(bytes, within);
    (i, col)
}

/// Walks a line over the prefix of its containers: the byte and the column after it, and
/// whether the marker of every container was there.
fn walk(bytes: &[u8], within: &[Container]) -> (usize, usize, bool) {
    let (mut i, mut col, mut all) = (0, 0, true);
    for container in within {
        match container {
            Container::Quote => {
                spaces(bytes, &mut i, &mut col, 3);
                if bytes.get(i) == Some(&b'>') {
                    i += 1;
                    col += 1;
                    if bytes.get(i) == Some(&b' ') {
                        i += 1;
                        col += 1;
                    }
                } else {
                    all = false;
                }
            }
            Container::Item { column } => {
                let limit = column.saturating_sub(col);
                spaces(bytes, &mut i, &mut col, limit);
                all &= col >= *column;
            }
        }
    }
    (i, col, all)
}

/// Steps over spaces and tabs, at most `limit` columns of them.
pub(super) fn spaces(bytes: &[u8], i: &mut usize, col: &mut usize, limit: usize) {
    let begin = *col;
    while *i < bytes.len() && *col - begin < limit {
        match bytes[*i] {
            b' ' => *col += 1,
            b'\t' => *col = (*col / 4 + 1) * 4,
            _ => break,
        }
        *i += 1;
    }
}

/// The column where a list item's content starts: after what stands before its marker on its
/// line (the prefix of outer containers, indentation), the marker and the spaces after it.
pub(super) fn item_column(
    text: &str,
    start: usize,
    lines: &[Line],
    cursor: &mut LineCursor,
) -> usize {
    let line = lines[cursor.line_at(start).index];
    let rest = &text[start..line.end];
    let marker = if rest.starts_with(['-', '+', '*']) {
        1
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits + usize::from(matches!(rest.as_bytes().get(digits), Some(b'.' | b')')))
    };
    let indent = text[line.start..start]
        .bytes()
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum::<usize>();
    let after = &rest[marker.min(rest.len())..];
    let spaces = after.bytes().take_while(|&b| b == b' ').count();
    let gap = if after.trim_ascii().is_empty() || spaces > 4 {
        1
    } else {
        spaces
    };
    indent + marker + gap
}

/// The line where a paragraph that goes on at line `from` ends for GitHub: the first blank line,
/// the line after a setext underline, or the first line that starts a block able to interrupt a
/// paragraph (a heading, a fence, a block quote, a list item with text, a thematic break, an HTML
/// block of the first six kinds). Lines indented as code and lone tags go on with it.
pub(super) fn paragraph_end(
    text: &str,
    lines: &[Line],
    from: usize,
    within: &[Container],
) -> usize {
    for (i, line) in lines.iter().enumerate().skip(from) {
        let bytes = &text.as_bytes()[line.start..line.end];
        let (at, _) = walk_containers(bytes, within);
        let content = &text[line.start + at..line.end];
        if content.trim_ascii().is_empty() {
            return i;
        }
        if indentation(text, *line, within) >= 4 {
            continue;
        }
        let content = content.trim_start_matches([' ', '\t']);
        if setext_underline(content) {
            return i + 1;
        }
        if interrupts_paragraph(content) {
            return i;
        }
    }
    lines.len()
}

/// Whether a line's text (indented less than code) starts a block that interrupts a paragraph.
fn interrupts_paragraph(line: &str) -> bool {
    let b = line.as_bytes();
    let run = |c: u8| b.iter().take_while(|&&x| x == c).count();
    let spaced_rest = |n: usize| b.get(n).is_none_or(|c| matches!(c, b' ' | b'\t'));
    let atx = run(b'#');
    if (1..=6).contains(&atx) && spaced_rest(atx) {
        return true;
    }
    if run(b'`') >= 3 && !line[3..].contains('`') || run(b'~') >= 3 {
        return true;
    }
    if line.starts_with('>') {
        return true;
    }
    let thematic = |c: u8| {
        line.bytes().filter(|&x| x == c).count() >= 3
            && line.bytes().all(|x| x == c || x == b' ' || x == b'\t')
    };
    if thematic(b'*') || thematic(b'_') || thematic(b'-') {
        return true;
    }
    let bullet = matches!(b.first(), Some(b'-' | b'+' | b'*'))
        && b.get(1).is_some_and(|c| matches!(c, b' ' | b'\t'))
        && !line[2..].trim_ascii().is_empty();
    let ordered = line.starts_with("1.") || line.starts_with("1)");
    let ordered = ordered
        && b.get(2).is_some_and(|c| matches!(c, b' ' | b'\t'))
        && !line[3..].trim_ascii().is_empty();
    bullet || ordered || html_block_start(line)
}

/// Whether a line starts an HTML block of the first six kinds, which interrupt paragraphs.
fn html_block_start(line: &str) -> bool {
    const BLOCK_TAGS: [&str; 62] = [
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ];
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") || rest.starts_with('?') || rest.starts_with("![CDATA[") {
        return true;
    }
    if rest.starts_with('!') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let after = &rest[name.len()..];
    let ends_name =
        after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>");
    (matches!(name.as_str(), "script" | "pre" | "style" | "textarea")
        && (after.is_empty() || after.starts_with([' ', '\t', '>'])))
        || (BLOCK_TAGS.contains(&name.as_str()) && ends_name)
}

/// Whether a delimiter row's text starts a list item for GitHub (`- ` then more).
pub(super) fn list_item_start(text: &str) -> bool {
    (text.starts_with("- ") || text.starts_with("-\t")) && !text[2..].trim_ascii().is_empty()
}

/// Whether a line underlines a paragraph into a setext heading: `=` or `-` only (after at most
/// three spaces), then white space.
pub(super) fn setext_underline(line: &str) -> bool {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let body = line.trim_ascii();
    lead <= 3
        && !body.is_empty()
        && (body.bytes().all(|b| b == b'=') || body.bytes().all(|b| b == b'-'))
}

/// Whether a line's text is a complete HTML open or closing tag and nothing else: what starts
/// the seventh kind of HTML block (a tag other than `script`, `style`, `pre`, `textarea`, which
/// start blocks of their own kinds).
pub(super) fn lone_tag(line: &str) -> bool {
    let rest = line.trim_ascii_end();
    let Some(rest) = rest.strip_prefix('<') else {
        return false;
    };
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .bytes()
        .enumerate()
        .take_while(|&(i, b)| {
            b.is_ascii_alphabetic() || (i > 0 && (b.is_ascii_digit() || b == b'-'))
        })
        .count();
    if name_len == 0 {
        return false;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    if matches!(name.as_str(), "script" | "style" | "pre" | "textarea") {
        return false;
    }
    let mut rest = &rest[name_len..];
    if closing {
        return rest.trim_ascii_start() == ">";
    }
    loop {
        let trimmed = rest.trim_ascii_start();
        let spaced = trimmed.len() < rest.len();
        if trimmed == ">" || trimmed == "/>" {
            return true;
        }
        // An attribute: a name, then perhaps `=` and a value; white space before it.
        let attr_len = trimmed
            .bytes()
            .enumerate()
            .take_while(|&(i, b)| {
                b.is_ascii_alphabetic()
                    || matches!(b, b'_' | b':')
                    || (i > 0 && (b.is_ascii_digit() || matches!(b, b'.' | b'-')))
            })
            .count();
        if !spaced || attr_len == 0 {
            return false;
        }
        rest = &trimmed[attr_len..];
        let after = rest.trim_ascii_start();
        if let Some(value) = after.strip_prefix('=') {
            let value = value.trim_ascii_start();
            let len = match value.as_bytes().first() {
                Some(q @ (b'"' | b'\'')) => match value[1..].find(char::from(*q)) {
                    Some(end) => end + 2,
                    None => return false,
                },
                _ => value
                    .bytes()
                    .take_while(|b| !b.is_ascii_whitespace() && !b"\"'=<>`".contains(b))
                    .count(),
            };
            if len == 0 {
                return false;
            }
            rest = &value[len..];
        }
    }
}

/// Whether a line (after the `>` and indentation of its containers) has the shape of a delimiter
/// row: cells of `:?-+:?` between pipes.
pub(super) fn delimiter_like(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '>']).trim_ascii_end();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    !inner.is_empty()
        && line.contains('|')
        && inner.split('|').all(|cell| {
            let cell = cell.trim_matches([' ', '\t']);
            let cell = cell.strip_prefix(':').unwrap_or(cell);
            let cell = cell.strip_suffix(':').unwrap_or(cell);
            !cell.is_empty() && cell.bytes().all(|b| b == b'-')
        })
}

/// Where the text of a delimiter row starts: after its containers' `>` and indentation.
pub(super) fn delimiter_start(text: &str, line: Line) -> usize {
    line.start
        + text[line.start..line.end]
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'>'))
            .count()
}
