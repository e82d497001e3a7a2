//! Setting one field on every marked card: which field, and its value.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::popup::{centered, first_key, frame_block};
use super::text;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, BulkEdit};
use crate::keymap::Scope;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, bulk: &BulkEdit, theme: &Theme) {
    let board = &app.stored.board;
    let name = board
        .field_names()
        .get(bulk.field)
        .map_or("", String::as_str);
    let rect = centered(area, 60, 6);
    frame.render_widget(Clear, rect);
    let block = frame_block(
        &format!("Set a field on {}", crate::board::cards(bulk.ids.len())),
        theme,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    // The keys as bound: a keymap file may have rebound them.
    let key = |action| first_key(app, Scope::Bulk, action);
    let next = key(Action::NextField).map_or_else(String::new, |k| format!("  ({k}: next field)"));
    let value = match (key(Action::Submit), key(Action::Cancel)) {
        (Some(set), Some(cancel)) => {
            format!("Value  ({set} sets it on every card, {cancel} cancels)")
        }
        _ => "Value".to_owned(),
    };
    let lines = vec![
        Line::from(vec![
            Span::styled("Field  ", theme.dim),
            Span::styled(
                text::fit(name, width.saturating_sub(7 + text::width(&next))),
                theme.heading,
            ),
            Span::styled(next, theme.dim),
        ]),
        Line::from(Span::styled(text::fit(&value, width), theme.dim)),
    ];
    frame.render_widget(Paragraph::new(lines), Rect { height: 2, ..inner });
    let input = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2).min(1),
        ..inner
    };
    frame.render_widget(&bulk.input, input);
}
