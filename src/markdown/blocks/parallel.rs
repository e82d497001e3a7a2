//! Reading a long document in two parts at once, one per core, when it can be cut where the
//! second part reads the same on its own: after a blank line, before a line at column 0 (once the
//! first part is known not to end inside a fence or an HTML block), or between two rows of a
//! top-level table (the second part then starts with that table's header and delimiter row, once
//! the first part is known to end inside that very table). Otherwise, or when the first part was
//! read again somewhere, the document is read in one go.

use super::super::Line;
use super::{Found, Input, Links, Source, read};

/// How far from the middle a place to cut the document is looked for, in lines.
const SPLIT_SEARCH: usize = 4096;

/// Reads the document in two parts at once, when a place to cut it is found where the second
/// part reads the same on its own; `None` when there is none (or the check fails).
pub(super) fn read_in_two(input: &Input, from: usize) -> Option<(Vec<Found>, Links)> {
    let (text, lines) = (input.text, input.lines);
    let cut = cut_point(text, lines)?;
    let start = lines[cut.line].start;
    let second = match cut.header {
        None => Source::Slice {
            from: start,
            to: text.len(),
        },
        Some(h) => {
            let (header, delimiter) = (lines[h].start, lines[h + 1].start);
            Source::Resumed {
                head: &input.parsed[header..lines[h + 1].term_end],
                header,
                delimiter,
                from: start,
            }
        }
    };
    let first = Source::Slice { from, to: start };
    let ((mut found, ending), second) = std::thread::scope(|s| {
        let second = s.spawn(|| read(input, &second, &[], None));
        let first = read(input, &first, &[], None);
        (first, second.join())
    });
    let (mut rest, second_ending) = second.ok()?;
    let mut definitions = ending.links.clone();
    definitions.extend(second_ending.links);
    // Tables before the second part's first heading stand under the first part's last one.
    for table in &mut rest {
        if table.lines.heading.is_some() {
            break;
        }
        table.lines.heading.clone_from(&ending.heading);
    }
    if ending.corrected {
        // Where the first part ended was read again: the checks below know nothing of it.
        return None;
    }
    match cut.header {
        None if ending.open_block => None,
        None => {
            found.extend(rest);
            Some((found, definitions))
        }
        Some(h) => {
            let last = found.last_mut()?;
            let resumed = rest.first()?;
            let fits = ending.open_table
                && !ending.open_block
                && last.lines.header.index == h
                && last.lines.rows.last().map(|r| r.index) == Some(cut.line - 1)
                && resumed.lines.header.index == h
                && resumed.within.is_empty();
            if !fits {
                return None;
            }
            last.lines.rows.extend_from_slice(&resumed.lines.rows);
            last.end = resumed.end;
            found.extend(rest.into_iter().skip(1));
            Some((found, definitions))
        }
    }
}

/// A place to cut the document in two: before line `line`, which follows a blank line
/// (`header: None`) or a row of the table whose header is line `header`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cut {
    line: usize,
    header: Option<usize>,
}

/// The first place near the middle where the document may be cut.
pub(super) fn cut_point(text: &str, lines: &[Line]) -> Option<Cut> {
    let first_byte = |i: usize| text.as_bytes().get(lines[i].start).copied();
    let blank = |i: usize| text[lines[i].start..lines[i].end].trim_ascii().is_empty();
    let middle = lines.len() / 2;
    let end = (middle + SPLIT_SEARCH).min(lines.len());
    for k in middle.max(2)..end {
        match (first_byte(k - 1), first_byte(k)) {
            (_, Some(b' ' | b'\t' | b'\n' | b'\r') | None) => {}
            _ if blank(k - 1) => {
                return Some(Cut {
                    line: k,
                    header: None,
                });
            }
            (Some(b'|'), Some(b'|')) => {
                return header_above(text, lines, k).map(|h| Cut {
                    line: k,
                    header: Some(h),
                });
            }
            _ => {}
        }
    }
    None
}

/// The header of the table that line `k` seems to be a row of: the line above the nearest
/// delimiter-like row above `k`, with no blank line between. Only a guess: reading the first
/// part checks it.
pub(super) fn header_above(text: &str, lines: &[Line], k: usize) -> Option<usize> {
    let mut i = k;
    while i >= 2 {
        i -= 1;
        let line = &text[lines[i].start..lines[i].end];
        if line.trim_ascii().is_empty() {
            return None;
        }
        let delimiter_like = line.contains('-')
            && line
                .bytes()
                .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
        if delimiter_like {
            return Some(i - 1);
        }
    }
    None
}
