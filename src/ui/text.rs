//! Text cut to a display width: by grapheme, counting wide characters (CJK, emoji) as two
//! columns, with an ellipsis where something was cut. Control characters become placeholders.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::markdown::cell::printable;

/// The display width of a text.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` made printable and cut to at most `max` columns, ending in `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    let s = printable(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// The first line of a text (a value may hold line breaks).
pub fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width_never_mid_character() {
        assert_eq!(fit("hello", 5), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("漢字漢字", 5), "漢字…");
        assert_eq!(width(&fit("漢字漢字", 4)), 3);
        assert_eq!(fit("🎉🎉🎉", 4), "🎉…");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a\u{241b}[2Jb");
    }
}
