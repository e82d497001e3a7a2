//! The text of one table cell: splitting a row into cells, reading a cell's value and writing one.
//!
//! A cell is kept *as written* (its raw text, trimmed). Its *value* is what a person means by it:
//! the raw text with the table's escapes undone. `encode` and `decode` are exact inverses on any
//! value that has no surrounding white space, so whatever a user types reads back unchanged and can
//! never add, remove or shift a cell.

use std::ops::Range;

/// Splits one table row (possibly spanning continuation lines) into the byte ranges of its cells.
///
/// The leading pipe, if any, opens the first cell; a trailing pipe closes the last one. A backslash
/// escapes the character after it (so `\|` is text and `\\|` is a backslash then a delimiter),
/// as GitHub's table extension does.
pub fn split_cells(row: &str) -> Vec<Range<usize>> {
    let bytes = row.as_bytes();
    let mut delims = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                delims.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    let mut cells = Vec::with_capacity(delims.len() + 1);
    let leading = row.len() - row.trim_ascii_start().len();
    let mut start = 0;
    for (n, &d) in delims.iter().enumerate() {
        if n == 0 && d == leading {
            // A leading pipe: what stands before it is indentation, not a cell.
            start = d + 1;
            continue;
        }
        cells.push(start..d);
        start = d + 1;
    }
    let tail = &row[start.min(row.len())..];
    if !tail.trim_ascii().is_empty()
        || delims
            .last()
            .is_none_or(|&d| d + 1 != row.trim_ascii_end().len())
    {
        cells.push(start.min(row.len())..row.len());
    }
    cells
}

/// True when the row holds at least one unescaped pipe.
pub fn has_pipe(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => return true,
            _ => i += 1,
        }
    }
    false
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

/// The value of a cell: `\|`, `\\` and `\<` become the character; `<br>` (also `<br/>`,
/// `<br />`, any case) becomes a line break. Any other backslash stays, as markdown keeps it.
pub fn decode(raw: &str) -> String {
    if !raw.contains(['\\', '<']) {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['\\', '<']) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        if let Some(after) = rest.strip_prefix('\\') {
            if let Some(c @ ('\\' | '|' | '<')) = after.chars().next() {
                out.push(c);
                rest = &after[1..];
            } else {
                out.push('\\');
                rest = after;
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
    out
}

/// The raw cell text for a value: trimmed, then `\` → `\\`, `|` → `\|`, a line break → `<br>`,
/// and a `<` that would start a break tag → `\<`.
pub fn encode(value: &str) -> String {
    let value = value.trim_ascii();
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '<' if break_tag_len(&value[i..]).is_some() => out.push_str("\\<"),
            _ => out.push(c),
        }
    }
    out
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
}

/// Strips `[text](target)` (and images `![alt](src)`) to their text, keeping the targets.
///
/// Brackets and parentheses nest (`[sig]([url](https://x))` has the target `[url](https://x)`);
/// anything that is not a complete link is left as it stands.
pub fn strip_links(value: &str) -> Linked {
    let mut out = Linked::default();
    if !value.contains("](") {
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
        let inner = strip_links(&rest[open + 1..open + text_end]);
        out.text.push_str(&inner.text);
        out.targets.extend(inner.targets);
        out.targets.push(
            rest[open + text_end + 2..open + target_end]
                .trim()
                .to_owned(),
        );
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
        assert_eq!(cells(r"| a \\| b |"), [r"a \\", "b"]);
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
