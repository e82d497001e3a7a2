//! `D`: the board's changes not written back, as `mdboard changes` lists them: a heading per
//! state, a line per card, its title standing out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup::{centered, first_key, scrolled};
use super::theme::Theme;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Scope;
use crate::markdown::cell::printable;

/// The summary's lines (as `Summary::text` writes them), over the board.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    lines: &[String],
    scroll: u16,
    theme: &Theme,
) {
    let shown: Vec<Line> = lines.iter().map(|l| styled(l, theme)).collect();
    // As tall as its lines (unwrapped), at most the screen but a line above and below.
    let tall = u16::try_from(shown.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        tall.clamp(5, area.height.saturating_sub(2).max(5)),
    );
    let close = first_key(app, Scope::Changes, Action::Close);
    scrolled(
        frame,
        rect,
        ("Changes not written back", close),
        shown,
        scroll,
        theme,
    );
}

/// A line of the summary: a state's heading, a card's line with its title standing out, or
/// text.
fn styled<'a>(line: &'a str, theme: &Theme) -> Line<'a> {
    if let Some(state) = line.strip_prefix("### ") {
        return Line::from(Span::styled(printable(state).into_owned(), theme.heading));
    }
    if let Some((title, what)) = line
        .strip_prefix("- **")
        .and_then(|rest| rest.split_once("**: "))
    {
        return Line::from(vec![
            Span::styled("• ", theme.dim),
            Span::styled(printable(title).into_owned(), theme.title),
            Span::styled(format!("  {}", printable(what)), theme.text),
        ]);
    }
    Line::from(Span::styled(printable(line).into_owned(), theme.text))
}
