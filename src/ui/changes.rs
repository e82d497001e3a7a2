//! `D`: the board's changes not written back, as `mdboard changes` lists them: a heading per
//! state, a line per card, its title standing out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::popup::{centered, frame_block};
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
    let rows = usize::from(rect.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(shown.len().saturating_sub(rows));
    let below = shown.len().saturating_sub(scroll + rows);
    let mut block = frame_block("Changes not written back", theme);
    let key = |scope, action| app.keymap.keys_for(scope, action);
    let close = key(Scope::Changes, Action::Close);
    if let Some(close) = close.split('/').next().filter(|k| !k.is_empty()) {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {close} close "), theme.dim)).right_aligned(),
        );
    }
    if below > 0 {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" ↓{below} more (j) "),
            theme.key,
        )));
    }
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
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
