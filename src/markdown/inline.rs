//! What a cell shows: its inline markdown read as GitHub reads it (emphasis, code, links, line
//! breaks), as text with marks for the screen to style. Reference links resolve through the
//! document's definitions; GitHub's emoji shortcodes (`:white_check_mark:`) become emoji. Nothing
//! here changes what is written back.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::cell;

/// How a piece of a cell's text is set: independent marks, any of them together.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Marks {
    pub emphasis: bool,
    pub strong: bool,
    pub code: bool,
    pub link: bool,
    pub strike: bool,
}

/// A run of text set one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub marks: Marks,
}

/// A cell as shown: its runs of text, and the targets of its links in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub spans: Vec<Span>,
    pub targets: Vec<String>,
}

impl Inline {
    /// The text alone, marks dropped.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A zero-width space written as a reference: put before the text it keeps any block from
/// starting (a cell `# x` is text, not a heading), and being punctuation in the source it leaves
/// emphasis after it as it would be at the start of a cell.
const GUARD: &str = "&#8203;";

/// Reads a cell's raw text as GitHub shows it. `links` are the document's reference definitions
/// (case-folded label to destination).
pub fn render<S: std::hash::BuildHasher>(raw: &str, links: &HashMap<String, String, S>) -> Inline {
    let source = cell::inline_source(raw.trim());
    if source.is_empty() {
        return Inline::default();
    }
    let text = format!("{GUARD}{source}");
    let mut resolve = |link: BrokenLink<'_>| {
        let label = link.reference.to_lowercase();
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        links
            .get(&label)
            .map(|dest| (CowStr::from(dest.clone()), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(
        &text,
        Options::ENABLE_STRIKETHROUGH,
        Some(&mut resolve),
    );
    let mut out = Inline::default();
    let mut marks = Marks::default();
    let push = |out: &mut Inline, text: &str, marks: Marks| {
        let text = text.trim_start_matches('\u{200b}');
        if text.is_empty() {
            return;
        }
        match out.spans.last_mut() {
            Some(last) if last.marks == marks => last.text.push_str(text),
            _ => out.spans.push(Span {
                text: text.to_owned(),
                marks,
            }),
        }
    };
    for event in parser {
        match event {
            Event::Text(t) => {
                let shown = if marks.code {
                    Cow::Borrowed(&*t)
                } else {
                    shortcodes(&t)
                };
                push(&mut out, &shown, marks);
            }
            Event::Code(t) => {
                let code = Marks {
                    code: true,
                    ..marks
                };
                push(&mut out, &t, code);
            }
            Event::SoftBreak => push(&mut out, " ", marks),
            Event::HardBreak => push(&mut out, "\n", marks),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    push(&mut out, "\n", marks);
                } else {
                    push(&mut out, &h, marks);
                }
            }
            Event::Start(Tag::Emphasis) => marks.emphasis = true,
            Event::End(TagEnd::Emphasis) => marks.emphasis = false,
            Event::Start(Tag::Strong) => marks.strong = true,
            Event::End(TagEnd::Strong) => marks.strong = false,
            Event::Start(Tag::Strikethrough) => marks.strike = true,
            Event::End(TagEnd::Strikethrough) => marks.strike = false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                marks.link = true;
                out.targets.push(dest_url.to_string());
            }
            Event::End(TagEnd::Link | TagEnd::Image) => marks.link = false,
            _ => {}
        }
    }
    out
}

/// The text with the delimiters of emphasis, strong emphasis, strikethrough and code spans
/// removed where GitHub reads them so (`**Core Auth** v2` is `Core Auth v2`, `snake_case` and
/// `2 * 3` stay as they are); everything else as written.
pub fn strip_emphasis(text: &str) -> Cow<'_, str> {
    if !could_have_emphasis(text) {
        return Cow::Borrowed(text);
    }
    let source = format!("{GUARD}{text}");
    let bytes = source.as_bytes();
    let run = |at: usize, of: u8| bytes[at..].iter().take_while(|&&b| b == of).count();
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut cut = |range: &std::ops::Range<usize>, n: usize| {
        if n > 0 && range.len() >= 2 * n {
            cuts.push(range.start..range.start + n);
            cuts.push(range.end - n..range.end);
        }
    };
    for (event, range) in Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Emphasis) => cut(&range, 1),
            Event::Start(Tag::Strong) => cut(&range, 2),
            Event::Start(Tag::Strikethrough) => cut(&range, run(range.start, b'~').min(2)),
            Event::Code(_) => cut(&range, run(range.start, b'`')),
            _ => {}
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = GUARD.len();
    for r in cuts {
        if r.start >= at {
            out.push_str(&source[at..r.start]);
            at = r.end;
        }
    }
    out.push_str(&source[at..]);
    Cow::Owned(out)
}

/// Whether a text holds a delimiter that could open or close emphasis, strikethrough or a code
/// span: any `*`, `~` or backtick, or a `_` not between two ASCII letters or digits (`snake_case`
/// names, the common case, are left without reading them as markdown).
fn could_have_emphasis(text: &str) -> bool {
    if text.contains(['*', '~', '`']) {
        return true;
    }
    let bytes = text.as_bytes();
    // ASCII letters and digits only: a character beyond ASCII may be punctuation.
    let word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'_' && !(i > 0 && word(bytes.get(i - 1)) && word(bytes.get(i + 1))))
}

/// The text with GitHub's emoji shortcodes (`:rocket:`) as the emoji they stand for.
pub fn shortcodes(text: &str) -> Cow<'_, str> {
    if !text.contains(':') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        let code_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let closes = after.as_bytes().get(code_len) == Some(&b':');
        let emoji = emojis::get_by_shortcode(&after[..code_len]).filter(|_| closes && code_len > 0);
        if let Some(emoji) = emoji {
            out.push_str(&rest[..start]);
            out.push_str(emoji.as_str());
            rest = &after[code_len + 1..];
        } else {
            out.push_str(&rest[..=start]);
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(raw: &str) -> Inline {
        let links = HashMap::from([("22.x".to_owned(), "https://nodejs.org/22".to_owned())]);
        render(raw, &links)
    }

    #[test]
    fn emphasis_and_code_are_marks_not_markers() {
        let i = show("**Core Auth** and `UITableView`");
        assert_eq!(i.text(), "Core Auth and UITableView");
        assert!(i.spans[0].marks.strong);
        assert!(i.spans[2].marks.code);
        assert!(show("_Future_").spans[0].marks.emphasis);
    }

    #[test]
    fn links_inline_and_by_reference_keep_their_targets() {
        let i = show("[Incubating](process/incubating.md)");
        assert_eq!(
            (i.text(), i.targets.clone()),
            (
                "Incubating".to_owned(),
                vec!["process/incubating.md".to_owned()]
            )
        );
        let i = show("[22.x][]");
        assert_eq!(
            (i.text(), i.targets),
            ("22.x".to_owned(), vec!["https://nodejs.org/22".to_owned()])
        );
        assert_eq!(show("[unknown][]").text(), "[unknown][]");
    }

    #[test]
    fn nothing_in_a_cell_starts_a_block() {
        assert_eq!(show("# not a heading").text(), "# not a heading");
        assert_eq!(show("- not a list").text(), "- not a list");
        assert_eq!(show("1. not a list").text(), "1. not a list");
        assert_eq!(show("> not a quote").text(), "> not a quote");
    }

    #[test]
    fn escapes_breaks_and_shortcodes() {
        assert_eq!(show(r"a \| b \* c").text(), "a | b * c");
        assert_eq!(show("one<br>two").text(), "one\ntwo");
        assert_eq!(show(":white_check_mark: Done").text(), "✅ Done");
        assert_eq!(show("`:rocket:`").text(), ":rocket:");
        assert_eq!(show("at 10:30: lunch").text(), "at 10:30: lunch");
    }
}
