//! Text cut to a display width: by grapheme, counting wide characters (CJK, emoji) as two
//! columns, with an ellipsis where something was cut. Control characters become placeholders.

use ratatui::style::Style;
use ratatui::text::Span;
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

/// Runs of styled text cut to at most `max` columns as [`fit`] cuts one text, the characters at
/// `marked` (char indices into the runs' text, one after another) with `mark` on top of their
/// style.
pub fn fit_styled(
    runs: &[(String, Style)],
    max: usize,
    marked: &[usize],
    mark: Style,
) -> Vec<Span<'static>> {
    let whole: String = runs.iter().map(|(t, _)| t.as_str()).collect();
    let shown = fit(&whole, max);
    let cut = shown.ends_with('…') && shown != whole;
    let keep = shown.chars().count() - usize::from(cut);
    // The style of each character of the whole text, by run.
    let styles: Vec<Style> = runs
        .iter()
        .flat_map(|(t, style)| printable(t).chars().map(|_| *style).collect::<Vec<_>>())
        .collect();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style: Option<Style> = None;
    for (i, c) in shown.chars().take(keep).enumerate() {
        let base = styles.get(i).copied().unwrap_or_default();
        let style = if marked.binary_search(&i).is_ok() {
            base.patch(mark)
        } else {
            base
        };
        if run_style.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                run_style.unwrap_or_default(),
            ));
        }
        run_style = Some(style);
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style.unwrap_or_default()));
    }
    if cut {
        let style = runs.last().map_or_else(Style::default, |(_, s)| *s);
        spans.push(Span::styled("…", style));
    }
    spans
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
