//! The edit form: a label and an input per column, every line of every field shown.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

use super::popup::{centered, first_key, frame_block};
use super::text;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, Form};
use crate::keymap::Scope;
use crate::markdown;

/// Where the form's rows go: a row per line of each field, and under the State field while it
/// has the focus the states it offers.
struct Rows {
    /// Per field, its first row and its number of rows.
    fields: Vec<(u16, u16)>,
    /// The row of the known states, when shown.
    states: Option<u16>,
    /// Every row.
    total: u16,
}

impl Rows {
    fn of(form: &Form) -> Self {
        let offers = form.focus == form.state_col && !form.states.is_empty();
        let mut fields = Vec::new();
        let mut states = None;
        let mut next = 0u16;
        for (i, f) in form.fields.iter().enumerate() {
            let height = u16::try_from(f.lines().len().max(1)).unwrap_or(u16::MAX);
            fields.push((next, height));
            next = next.saturating_add(height);
            if offers && i == form.state_col {
                states = Some(next);
                next = next.saturating_add(1);
            }
        }
        Self {
            fields,
            states,
            total: next,
        }
    }
}

/// The keys of the form as bound (a keymap file may have rebound them): the bottom line's, and
/// those that offer the known states.
fn keys(app: &App) -> (String, String) {
    let key = |action| first_key(app, Scope::Form, action);
    let bottom: Vec<String> = [
        (Action::Submit, "save"),
        (Action::NextField, "next"),
        (Action::NewLine, "new line"),
        (Action::Cancel, "cancel"),
    ]
    .into_iter()
    .filter_map(|(action, what)| key(action).map(|k| format!("{k} {what}")))
    .collect();
    let choices: Vec<String> = [Action::NextChoice, Action::PrevChoice]
        .into_iter()
        .filter_map(key)
        .collect();
    (format!(" {} ", bottom.join(" · ")), choices.join("/"))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, form: &Form, theme: &Theme) {
    let (bottom, choices) = keys(app);
    let rows = Rows::of(form);
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(90),
        rows.total.saturating_add(2),
    );
    frame.render_widget(Clear, rect);
    let title = if form.id.is_some() {
        "Edit card"
    } else {
        "Add card"
    };
    let mut block = frame_block(title, theme)
        .title_bottom(Line::from(Span::styled(bottom, theme.dim)).right_aligned());
    let height = block.inner(rect).height;
    // Taller than the screen: scrolled so that the cursor's line is the last one shown.
    let cursor = form
        .fields
        .get(form.focus)
        .map_or(0, |f| u16::try_from(f.cursor().0).unwrap_or(u16::MAX));
    let cursor_row = rows
        .fields
        .get(form.focus)
        .map_or(0, |&(top, _)| top.saturating_add(cursor));
    let offset = (cursor_row + 1).saturating_sub(height);
    let below = rows.total.saturating_sub(offset + height);
    if offset > 0 {
        block = block
            .title(Line::from(Span::styled(format!(" ↑{offset} "), theme.key)).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::from(Span::styled(format!(" ↓{below} "), theme.key)));
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label_width = form
        .labels
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0)
        .min(24);
    let view = View {
        inner,
        offset,
        label: u16::try_from(label_width + 3)
            .unwrap_or(2)
            .min(inner.width / 2),
    };
    for (i, field) in form.fields.iter().enumerate() {
        let (top, height) = rows.fields[i];
        if let Some(at) = view.place(top, height) {
            draw_field(frame, &view, at, form, i, field, theme);
        }
    }
    if let Some(at) = rows.states.and_then(|row| view.place(row, 1)) {
        let list = form.state_hint(&choices);
        let width = view.field_width();
        frame.render_widget(
            Paragraph::new(Span::styled(
                text::fit(&list, usize::from(width)),
                theme.dim,
            )),
            Rect::new(inner.x + view.label, at.y, width, 1),
        );
    }
}

/// The form's inside, scrolled by `offset` rows, labels `label` wide.
struct View {
    inner: Rect,
    offset: u16,
    label: u16,
}

/// Where rows of the form land on screen.
#[derive(Clone, Copy)]
struct Placed {
    /// The screen row of the first row shown.
    y: u16,
    /// Rows cut at the top, and rows shown.
    skip: u16,
    shown: u16,
}

impl View {
    /// The rows from `top`, `height` of them, as far as they are on screen.
    fn place(&self, top: u16, height: u16) -> Option<Placed> {
        let start = top.max(self.offset);
        let end = top
            .saturating_add(height)
            .min(self.offset + self.inner.height);
        (start < end).then(|| Placed {
            y: self.inner.y + start - self.offset,
            skip: start - top,
            shown: end - start,
        })
    }

    fn field_width(&self) -> u16 {
        self.inner.width.saturating_sub(self.label)
    }
}

fn draw_field(
    frame: &mut Frame,
    view: &View,
    at: Placed,
    form: &Form,
    i: usize,
    field: &TextArea<'static>,
    theme: &Theme,
) {
    let focused = i == form.focus;
    if at.skip == 0 {
        let label_style = if focused { theme.focus_bar } else { theme.dim };
        let marker = if focused { "▌" } else { " " };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(marker, theme.focus_bar),
                Span::styled(
                    text::fit(&form.labels[i], usize::from(view.label.saturating_sub(2))),
                    label_style,
                ),
            ])),
            Rect::new(view.inner.x, at.y, view.label, 1),
        );
    }
    let rect = Rect::new(
        view.inner.x + view.label,
        at.y,
        view.field_width(),
        at.shown,
    );
    if focused {
        // The textarea keeps its cursor in view: cut at the top, it starts where the form
        // does, since the cursor is then on the last row shown.
        let mut shown = shown_field(field);
        shown.set_style(theme.focus);
        frame.render_widget(&shown, rect);
    } else {
        // From its start: a textarea scrolls to its cursor, which sits at the end of the text,
        // so a long value would show only its tail, cut mid-word.
        let room = usize::from(rect.width);
        let lines: Vec<Line> = field
            .lines()
            .iter()
            .map(|l| Line::from(Span::styled(text::fit(l, room), theme.text)))
            .collect();
        frame.render_widget(Paragraph::new(lines).scroll((at.skip, 0)), rect);
    }
}

/// The focused field as drawn: control characters as the placeholders the board shows (the text
/// keeps them), the cursor where it is.
fn shown_field(field: &TextArea<'static>) -> TextArea<'static> {
    let raw = field
        .lines()
        .iter()
        .any(|l| matches!(markdown::cell::printable(l), Cow::Owned(_)));
    if !raw {
        return field.clone();
    }
    // `printable` maps character for character, so the cursor stays where it was.
    let lines = field
        .lines()
        .iter()
        .map(|l| markdown::cell::printable(l).into_owned())
        .collect();
    let mut shown = TextArea::new(lines);
    shown.set_cursor_line_style(field.cursor_line_style());
    let cursor = field.cursor();
    shown.move_cursor(CursorMove::Jump(
        u16::try_from(cursor.0).unwrap_or(u16::MAX),
        u16::try_from(cursor.1).unwrap_or(u16::MAX),
    ));
    shown
}
