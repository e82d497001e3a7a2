//! The columns and their cards.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::text;
use super::theme::Theme;
use crate::app::{App, layout};
use crate::board::Card;
use crate::markdown;

/// Draws the visible columns side by side.
pub fn columns(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let n = app.columns.len();
    let collapsed: Vec<bool> = (0..n).map(|c| app.is_collapsed(c)).collect();
    let mut x = area.x;
    for (col, width) in layout::fit(&collapsed, app.col_offset, area.width) {
        let rect = Rect::new(x, area.y, width, area.height);
        x += width;
        if collapsed[col] {
            strip(frame, rect, app, col, theme);
        } else {
            column(frame, rect, app, col, theme);
        }
    }
}

/// An empty column collapsed to a strip: its name written downwards.
fn strip(frame: &mut Frame, area: Rect, app: &App, col: usize, theme: &Theme) {
    let name = &app.columns[col].name;
    let lines: Vec<Line> = std::iter::once('▏')
        .chain(name.chars())
        .take(usize::from(area.height))
        .map(|c| Line::from(Span::styled(c.to_string(), theme.dim)))
        .collect();
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn column(frame: &mut Frame, area: Rect, app: &App, col: usize, theme: &Theme) {
    let column = &app.columns[col];
    let focused = col == app.focus.col;
    let shown = app.shown(col);
    let total = column.cards.len();
    let count = if shown.len() == total {
        total.to_string()
    } else {
        format!("{}/{total}", shown.len())
    };
    let inner_width = usize::from(area.width.saturating_sub(2));
    let heading_style = if column.known {
        theme.heading
    } else {
        theme.heading_unknown
    };
    // The name, a gap, the count: a name that fits is never cut.
    let name_room = inner_width.saturating_sub(count.len() + 1);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title_top(Line::from(Span::styled(
            text::fit(&column.name, name_room),
            heading_style,
        )))
        .title_top(Line::from(Span::styled(count, theme.dim)).right_aligned());
    let page = layout::cards_per_page(frame.area().height);
    let offset = app.row_offsets.get(col).copied().unwrap_or(0);
    if offset > 0 {
        block = block.title_bottom(Line::from(Span::styled(format!("↑{offset}"), theme.dim)));
    }
    let below = shown.len().saturating_sub(offset + page);
    if below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(format!("↓{below} more"), theme.dim)).right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if shown.is_empty() {
        let empty = Paragraph::new(Line::from(Span::styled("no cards", theme.dim)).centered());
        frame.render_widget(
            empty,
            Rect {
                height: inner.height.min(1),
                ..inner
            },
        );
        return;
    }
    let height = layout::card_height(frame.area().height);
    let describe = layout::show_description(frame.area().height);
    for (k, &index) in shown.iter().skip(offset).take(page).enumerate() {
        let y = inner.y + u16::try_from(k).unwrap_or(u16::MAX).saturating_mul(height);
        if y >= inner.bottom() {
            break;
        }
        let rect = Rect::new(inner.x, y, inner.width, height.min(inner.bottom() - y));
        let is_focus = focused && offset + k == app.focus.row;
        card(
            frame,
            rect,
            app,
            &app.stored.board.cards[index],
            is_focus,
            describe,
            theme,
        );
    }
}

fn card(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    card: &Card,
    focus: bool,
    describe: bool,
    theme: &Theme,
) {
    let board = &app.stored.board;
    let width = usize::from(area.width).saturating_sub(2);
    let title = markdown::strip_links(&board.value(card, 0));
    let link = if title.targets.is_empty() { "" } else { " ↗" };
    let title_text = text::fit(
        text::first_line(&title.text),
        width.saturating_sub(link.len().min(2)),
    );
    let bar = if focus {
        Span::styled("▌", theme.focus_bar)
    } else {
        Span::raw(" ")
    };
    let line_style = if focus { theme.focus } else { Style::default() };
    let mut lines = vec![Line::from(vec![
        bar.clone(),
        Span::styled(title_text, theme.title),
        Span::styled(link, theme.dim),
    ])];
    let headers = board.headers();
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let label = find(&["label", "labels", "tag", "tags"]).map(|c| plain_value(app, card, c));
    let group =
        find(&["community group", "group", "owner", "team"]).map(|c| plain_value(app, card, c));
    let mut meta = Vec::new();
    if let Some(l) = label.filter(|l| !l.is_empty()) {
        meta.push(Span::styled(l, theme.label));
    }
    if let Some(g) = group.filter(|g| !g.is_empty()) {
        if !meta.is_empty() {
            meta.push(Span::styled(" · ", theme.dim));
        }
        meta.push(Span::styled(g, theme.group));
    }
    lines.push(Line::from(fit_spans(bar.clone(), meta, width)));
    if describe {
        let desc = find(&["description", "summary", "details"])
            .map_or_else(String::new, |c| plain_value(app, card, c));
        lines.push(Line::from(vec![
            bar,
            Span::styled(text::fit(text::first_line(&desc), width), theme.dim),
        ]));
    }
    let paragraph = Paragraph::new(lines).style(line_style);
    let rows = area.height.saturating_sub(1).max(1);
    frame.render_widget(
        paragraph,
        Rect {
            height: rows,
            ..area
        },
    );
}

/// A cell's value as a person reads it: unescaped, link markup stripped, one line.
fn plain_value(app: &App, card: &Card, col: usize) -> String {
    let v = markdown::strip_links(&app.stored.board.value(card, col)).text;
    v.replace('\n', " ")
}

/// Spans cut so that together they fit `width` columns after the leading bar.
fn fit_spans(bar: Span<'static>, spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = vec![bar];
    let mut used = 0;
    for s in spans {
        let room = width.saturating_sub(used);
        if room == 0 {
            break;
        }
        let t = text::fit(&s.content, room);
        used += text::width(&t);
        out.push(Span::styled(t, s.style));
    }
    out
}
