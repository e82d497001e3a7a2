//! While a card is dragged: the border of the column it would land in stands out, and the hints
//! say what letting go does.

use ratatui::Frame;

use super::theme::Theme;
use crate::app::App;

/// Styles the border of the column under a dragged card.
pub fn target(frame: &mut Frame, app: &App, theme: &Theme) {
    let Some(over) = app.dragging().and_then(|d| d.over) else {
        return;
    };
    let Some((_, rect)) = app.column_rects().into_iter().find(|&(c, _)| c == over) else {
        return;
    };
    let rect = rect.intersection(frame.area());
    if rect.is_empty() {
        return;
    }
    let buffer = frame.buffer_mut();
    let (right, bottom) = (rect.right() - 1, rect.bottom() - 1);
    for x in rect.left()..rect.right() {
        buffer[(x, rect.top())].set_style(theme.drop);
        buffer[(x, bottom)].set_style(theme.drop);
    }
    for y in rect.top()..rect.bottom() {
        buffer[(rect.left(), y)].set_style(theme.drop);
        buffer[(right, y)].set_style(theme.drop);
    }
}

/// What letting go of the dragged card does, as a hint; `None` when no card is dragged.
pub fn hint(app: &App) -> Option<(String, String)> {
    let drag = app.dragging()?;
    let what = match drag.over {
        Some(col) if col == drag.col => "reorder it in its column".to_owned(),
        Some(col) => format!("move it to {}", app.columns.get(col)?.name),
        None => "outside the columns: nothing moves".to_owned(),
    };
    Some(("let go".to_owned(), what))
}
