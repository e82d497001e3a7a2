//! The text of one table cell: splitting a row into cells, reading a cell's value and writing one.
//!
//! A cell is kept *as written* (its raw text, trimmed). Its *value* is what a person means by it:
//! the raw text with the table's escapes undone. `encode` and `decode` are exact inverses on any
//! value that has no surrounding white space, so whatever a user types reads back unchanged and can
//! never add, remove or shift a cell.

use std::borrow::Cow;
use std::ops::Range;

/// Splits one table row into the byte ranges of its cells.
///
/// The leading pipe, if any, opens the first cell; a trailing pipe closes the last one. A pipe
/// right after a backslash is text, even when that backslash is itself escaped (`\\|`), as
/// GitHub's table extension reads it; code spans do not protect pipes.
pub fn split_cells(row: &str) -> Vec<Range<usize>> {
    let bytes = row.as_bytes();
    let delims = memchr::memchr_iter(b'|', bytes).filter(|&i| i == 0 || bytes[i - 1] != b'\\');
    let mut cells = Vec::new();
    let leading = row.len() - row.trim_ascii_start().len();
    let mut start = 0;
    let mut last = None;
    for d in delims {
        if last.is_none() && d == leading {
            // A leading pipe: what stands before it is indentation, not a cell.
            start = d + 1;
            last = Some(d);
            continue;
        }
        cells.push(start..d);
        start = d + 1;
        last = Some(d);
    }
    let tail = &row[start.min(row.len())..];
    if !tail.trim_ascii().is_empty() || last.is_none_or(|d| d + 1 != row.trim_ascii_end().len()) {
        cells.push(start.min(row.len())..row.len());
    }
    cells
}

/// True when the row holds at least one pipe that is a delimiter.
pub fn has_pipe(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'|', bytes).any(|i| i == 0 || bytes[i - 1] != b'\\')
}

/// What GitHub's inline parser reads of a cell: its raw text with the table's pipe escapes
/// undone (`\|` is `|`, in code spans too), every other backslash pair left as it is (so `\\|`
/// stays: an escaped backslash, then a pipe).
pub fn inline_source(raw: &str) -> Cow<'_, str> {
    if !raw.contains("\\|") {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('|') => out.push('|'),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// The code spans of a cell's inline source, as byte ranges from the opening backtick run to
/// the end of the closing one: a run of backticks not escaped by a backslash opens a span that
/// the next run of the same length closes; inside, backslashes are text.
pub fn code_spans(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    if memchr::memchr(b'`', b).is_none() {
        return Vec::new();
    }
    // Every maximal run of backticks, to find closers without rescanning: (start, length).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'`', &b[i..]) {
        let start = i + at;
        let len = b[start..].iter().take_while(|&&c| c == b'`').count();
        runs.push((start, len));
        i = start + len;
    }
    let mut spans = Vec::new();
    let mut next_run = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let len = b[i..].iter().take_while(|&&c| c == b'`').count();
                while runs.get(next_run).is_some_and(|&(s, _)| s < i + len) {
                    next_run += 1;
                }
                match runs[next_run..].iter().find(|&&(_, l)| l == len) {
                    Some(&(close, _)) => {
                        spans.push(i..close + len);
                        i = close + len;
                    }
                    None => i += len,
                }
            }
            _ => i += 1,
        }
    }
    spans
}

/// The byte range of `s[range]` without surrounding ASCII white space (line breaks included);
/// an empty range at its start when there is nothing else.
pub fn trim_range(s: &str, range: Range<usize>) -> Range<usize> {
    let text = &s[range.clone()];
    let trimmed = text.trim_ascii();
    if trimmed.is_empty() {
        return range.start..range.start;
    }
    let start = range.start + (text.len() - text.trim_ascii_start().len());
    start..start + trimmed.len()
}

/// The value of a cell, what a person reads and edits: GitHub's [`inline_source`], then outside
/// code spans `\\`, `\<` and `` \` `` become the character and `<br>` (also `<br/>`, `<br />`,
/// any case) a line break. Inside a code span everything stays as written. Any other markdown
/// (`\*`, emphasis, links) is kept: a value is markdown text.
pub fn decode(raw: &str) -> String {
    if !raw.contains(['\\', '<', '`']) {
        return raw.to_owned();
    }
    let source = inline_source(raw);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for span in code_spans(&source) {
        decode_text(&source[at..span.start], &mut out);
        out.push_str(&source[span.clone()]);
        at = span.end;
    }
    decode_text(&source[at..], &mut out);
    out
}

/// Decodes text outside code spans into `out`.
fn decode_text(mut rest: &str, out: &mut String) {
    while let Some(pos) = rest.find(['\\', '<']) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        if let Some(after) = rest.strip_prefix('\\') {
            match after.chars().next() {
                Some(c @ ('\\' | '<' | '`')) => {
                    out.push(c);
                    rest = &after[1..];
                }
                Some(c) => {
                    // Kept as markdown wrote it; the pair is skipped so that its second
                    // character is not read as the start of an escape.
                    out.push('\\');
                    out.push(c);
                    rest = &after[c.len_utf8()..];
                }
                None => {
                    out.push('\\');
                    rest = after;
                }
            }
        } else if let Some(len) = break_tag_len(rest) {
            out.push('\n');
            rest = &rest[len..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// The raw cell text for a value, the exact inverse of [`decode`]: trimmed; outside code spans
/// `\` is written `\\`, `|` `\|`, a line break `<br>` and a `<` that would start a break tag
/// `\<`; inside a code span a `|` is written `\|` and a backslash as it is. Where a code span
/// cannot hold its text (a line break, a backslash right before a pipe) its backticks are
/// escaped instead. Every pipe written is escaped, so a value never adds or removes a cell.
pub fn encode(value: &str) -> String {
    let value = normalize(value);
    if let Some(raw) = encode_with_spans(&value)
        && decode(&raw) == value
    {
        return raw;
    }
    // Every backtick escaped: no code spans, and every character read back as itself.
    let mut out = String::with_capacity(value.len() + 8);
    encode_text(&value, &mut out, true);
    out
}

/// Encodes the value keeping its code spans (found as in raw text, backslashes being text in a
/// value); `None` when a span's text cannot be written inside one.
fn encode_with_spans(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len() + 8);
    let mut at = 0;
    for span in literal_code_spans(value) {
        encode_text(&value[at..span.start], &mut out, false);
        let code = &value[span.clone()];
        if code.contains('\n') {
            return None;
        }
        out.push_str(&code.replace('|', "\\|"));
        at = span.end;
    }
    encode_text(&value[at..], &mut out, false);
    Some(out)
}

/// Code spans of a value: runs of backticks closed by the next run of the same length.
fn literal_code_spans(value: &str) -> Vec<Range<usize>> {
    if !value.contains('`') {
        return Vec::new();
    }
    // Doubling every backslash makes them text to `code_spans`, without moving any backtick
    // relative to the others; the offsets are mapped back.
    let mut doubled = String::with_capacity(value.len() * 2);
    let mut map = Vec::with_capacity(value.len() * 2 + 1);
    for (i, c) in value.char_indices() {
        if c == '\\' {
            doubled.push_str("\\\\");
            map.extend([i, i]);
        } else {
            doubled.push(c);
            map.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
    }
    map.push(value.len());
    code_spans(&doubled)
        .into_iter()
        .map(|r| map[r.start]..map[r.end])
        .collect()
}

/// Encodes text that is outside code spans; with `backticks`, every backtick is escaped too.
fn encode_text(text: &str, out: &mut String, backticks: bool) {
    for (i, c) in text.char_indices() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '`' if backticks => out.push_str("\\`"),
            '<' if break_tag_len(&text[i..]).is_some() => out.push_str("\\<"),
            _ => out.push(c),
        }
    }
}

/// A value as it will read back after `encode`: trimmed, with CR LF and lone CR as LF.
pub fn normalize(value: &str) -> String {
    value.trim_ascii().replace("\r\n", "\n").replace('\r', "\n")
}

/// The length of a `<br>`, `<br/>` or `<br />` tag (any case) at the start of `s`.
fn break_tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 4 || b[0] != b'<' || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i < b.len() && b[i] == b'/' {
        i += 1;
    }
    (i < b.len() && b[i] == b'>').then_some(i + 1)
}

/// Text safe to put on a terminal: control characters (C0, DEL, C1) and bidirectional
/// overrides shown as visible placeholders instead of reaching the terminal raw. A tab becomes a
/// space.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_placeholder) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if needs_placeholder(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn needs_placeholder(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

/// Text with markdown link markup stripped, and the link targets it held.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Linked {
    pub text: String,
    pub targets: Vec<String>,
    /// The labels of reference links (`[22.x][]`, `[text][label]`), which the document's link
    /// reference definitions resolve.
    pub references: Vec<String>,
}

/// Strips `[text](target)` (and images `![alt](src)`) and reference links `[text][label]`,
/// `[text][]` to their text, keeping the targets and labels.
///
/// Brackets and parentheses nest (`[sig]([url](https://x))` has the target `[url](https://x)`);
/// anything that is not a complete link is left as it stands.
pub fn strip_links(value: &str) -> Linked {
    let mut out = Linked::default();
    if !value.contains("](") && !value.contains("][") {
        value.clone_into(&mut out.text);
        return out;
    }
    let mut rest = value;
    while let Some(open) = rest.find('[') {
        let Some((text_end, target_end)) = link_at(&rest[open..]) else {
            out.text.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        let before = &rest[..open];
        out.text
            .push_str(before.strip_suffix('!').unwrap_or(before));
        let text = &rest[open + 1..open + text_end];
        let inner = strip_links(text);
        out.text.push_str(&inner.text);
        out.targets.extend(inner.targets);
        out.references.extend(inner.references);
        let target = rest[open + text_end + 2..open + target_end].trim();
        if rest.as_bytes()[open + text_end + 1] == b'[' {
            let label = if target.is_empty() { text } else { target };
            out.references.push(label.trim().to_owned());
        } else {
            out.targets.push(target.to_owned());
        }
        rest = &rest[open + target_end + 1..];
    }
    out.text.push_str(rest);
    out
}

/// For `s` starting with `[`: the offsets of the `]` closing the text and of the `)` closing the
/// target, when `s` starts with a complete link. Bounded depth keeps hostile nesting linear.
fn link_at(s: &str) -> Option<(usize, usize)> {
    const MAX_DEPTH: usize = 64;
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let text_end = loop {
        match *b.get(i)? {
            b'\\' => i += 1,
            b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
            }
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    if b.get(text_end + 1) == Some(&b'[') {
        // A reference link: its label runs to the next `]`, with no brackets in it.
        let label = b[text_end + 2..]
            .iter()
            .position(|&c| matches!(c, b']' | b'[' | b'\n'))?;
        return (b[text_end + 2 + label] == b']').then_some((text_end, text_end + 2 + label));
    }
    if b.get(text_end + 1) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = text_end + 1;
    loop {
        match *b.get(i)? {
            b'\\' => i += 1,
            b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((text_end, i));
                }
            }
            b'\n' => return None,
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &str) -> Vec<&str> {
        split_cells(row)
            .into_iter()
            .map(|r| row[r].trim())
            .collect()
    }

    #[test]
    fn splits_with_and_without_outer_pipes() {
        assert_eq!(cells("| a | b | c |"), ["a", "b", "c"]);
        assert_eq!(cells("| a | b | c"), ["a", "b", "c"]);
        assert_eq!(cells("a | b | c"), ["a", "b", "c"]);
        assert_eq!(cells("a | b |"), ["a", "b"]);
        assert_eq!(cells("| a | | |"), ["a", "", ""]);
        assert_eq!(cells("||"), [""]);
        assert_eq!(cells("  | x |"), ["x"]);
    }

    #[test]
    fn escaped_pipes_stay_in_their_cell() {
        assert_eq!(cells(r"| a \| b | c |"), [r"a \| b", "c"]);
        assert_eq!(cells(r"| a \\| b |"), [r"a \\| b"]);
        assert_eq!(cells(r"| trailing \|"), [r"trailing \|"]);
    }

    #[test]
    fn a_row_over_two_lines_is_one_row() {
        let row = "| Cloud | | Load balancers\n  |  |  |";
        assert_eq!(cells(row), ["Cloud", "", "Load balancers", "", ""]);
    }

    #[test]
    fn decode_undoes_table_escapes_only() {
        assert_eq!(decode(r"a \| b"), "a | b");
        assert_eq!(decode(r"C:\Users\\x"), r"C:\Users\x");
        assert_eq!(
            decode("one<br>two<BR/>three<br />four"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(decode(r"\<br> and <b>"), "<br> and <b>");
        assert_eq!(decode(r"end\"), r"end\");
    }

    #[test]
    fn encode_is_the_inverse_of_decode() {
        for v in [
            "plain",
            "a | b",
            r"literal \| pipe",
            "line\nbreak",
            "literal <br> tag",
            r"\<br>",
            r"back\slash\",
            "<b>bold</b>",
            "ünïcødé 漢字 🎉",
            "<",
            "<br",
        ] {
            let raw = encode(v);
            assert_eq!(decode(&raw), v, "{v:?} encoded as {raw:?}");
            assert!(!has_pipe(&raw), "{raw:?} would split the cell");
            assert!(!raw.contains('\n'));
        }
        assert_eq!(encode("  padded \r\n"), "padded");
        assert_eq!(encode("a\r\nb\rc"), "a<br>b<br>c");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\u{1b}[31mb\u{7}"), "a\u{241b}[31mb\u{2407}");
        assert_eq!(
            printable("\u{9b}x\u{202e}y\u{7f}"),
            "\u{fffd}x\u{fffd}y\u{2421}"
        );
        assert_eq!(printable("tab\there"), "tab here");
        assert_eq!(printable("line\nbreak"), "line\u{240a}break");
    }

    #[test]
    fn strip_links_keeps_text_and_targets() {
        let l = strip_links("[GPU Support](../wg-gpu/prd.md)");
        assert_eq!(l.text, "GPU Support");
        assert_eq!(l.targets, ["../wg-gpu/prd.md"]);
        let l = strip_links("[sig-providers]([url](https://x/sig-providers))");
        assert_eq!(l.text, "sig-providers");
        assert_eq!(l.targets, ["[url](https://x/sig-providers)"]);
        let l = strip_links("see [a](x) and ![img](y.png) [not a link]");
        assert_eq!(l.text, "see a and img [not a link]");
        assert_eq!(l.targets, ["x", "y.png"]);
        assert_eq!(strip_links("[[[[(((").text, "[[[[(((");
    }

    #[test]
    fn deep_nesting_is_not_followed() {
        let deep = format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000));
        let input = format!("{deep}(t)");
        assert_eq!(strip_links(&input).text, input);
    }
}
