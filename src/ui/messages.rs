//! Messages: one too long for the status line, shown whole; the session's messages (`M`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::popup::{centered, first_key, frame_block, scrolled};
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, Level, Message};
use crate::keymap::Scope;
use crate::markdown::cell::printable;

/// A message's lines, wrapped to `width`: the first after a mark of its level, the others
/// indented under it.
fn wrapped(message: &Message, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (mark, style) = match message.level {
        Level::Error => ("! ", theme.error),
        Level::Warning => ("⚠ ", theme.warn),
        Level::Info => ("· ", theme.text),
    };
    let body = printable(&message.text).into_owned();
    textwrap::wrap(&body, width.saturating_sub(2).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            Line::from(vec![
                Span::styled(if i == 0 { mark } else { "  " }, style),
                Span::styled(piece.into_owned(), style),
            ])
        })
        .collect()
}

/// The last message, whole, at the foot of `area` (the columns): it was too long for the status
/// line. Shown until the next key; `M` shows it again.
pub fn whole(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(message) = &app.message else {
        return;
    };
    let width = area.width.saturating_sub(2).min(100);
    let lines = wrapped(message, usize::from(width.saturating_sub(4)), theme);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.bottom().saturating_sub(height),
        width,
        height,
    );
    let title = match message.level {
        Level::Error => "Error",
        Level::Warning => "Warning",
        Level::Info => "Message",
    };
    let mut block = frame_block(title, theme);
    if let Some(key) = first_key(app, Scope::Board, Action::Messages) {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {key} all messages "), theme.dim)).right_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The session's messages, newest first.
pub fn log(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    let width = usize::from(rect.width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    for message in app.log.iter().rev() {
        lines.extend(wrapped(message, width, theme));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled("no messages yet", theme.dim)));
    }
    let title = format!("Messages, newest first ({})", app.log.len());
    let close = first_key(app, Scope::Messages, Action::Close);
    scrolled(frame, rect, (&title, close), lines, scroll, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_wrap_under_their_mark() {
        let message = Message {
            level: Level::Error,
            text: "one two three four five six".to_owned(),
        };
        let lines: Vec<String> = wrapped(&message, 12, &Theme::plain())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(lines, ["! one two", "  three four", "  five six"]);
    }
}
