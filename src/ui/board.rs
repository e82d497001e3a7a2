//! The columns and their cards.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::text;
use super::theme::Theme;
use crate::app::{App, layout};
use crate::board::{Card, TableLayout};
use crate::markdown::{self, inline, inline::Marks};
use crate::search;

/// Draws the visible columns side by side.
pub fn columns(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    for (col, rect) in layout::column_rects(&app.shapes(), app.col_offset, area) {
        if app.is_collapsed(col) {
            strip(frame, rect, app, col, theme);
        } else {
            column(frame, rect, app, col, theme);
        }
    }
}

/// An empty column collapsed to a strip: its name written downwards.
fn strip(frame: &mut Frame, area: Rect, app: &App, col: usize, theme: &Theme) {
    let name = &app.columns[col].name;
    let lines: Vec<Line> = name
        .chars()
        .take(usize::from(area.height))
        .map(|c| Line::from(Span::styled(c.to_string(), theme.dim)))
        .collect();
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A column's frame: its name and its count of cards on top.
fn frame_of(app: &App, col: usize, width: u16, theme: &Theme) -> Block<'static> {
    let column = &app.columns[col];
    let focused = col == app.focus.col;
    let shown = app.shown(col);
    let total = column.cards.len();
    let limit = app.limit_of(col);
    let over = app.over_limit(col);
    let all = match limit {
        Some(limit) => format!("{total}/{limit}"),
        None => total.to_string(),
    };
    let mut count = if shown.len() == total && !app.filtering() {
        all
    } else if limit.is_some() {
        format!("{} of {all}", shown.len())
    } else {
        format!("{}/{total}", shown.len())
    };
    if over {
        // Said in a word too, for a terminal without colours.
        count.push_str(" over");
    }
    let count_style = if over { theme.over_limit } else { theme.dim };
    let inner_width = usize::from(width.saturating_sub(2));
    let heading_style = if over {
        theme.heading.patch(theme.over_limit)
    } else if column.known {
        theme.heading
    } else {
        theme.heading_unknown
    };
    // The name, a gap, the count: a name that fits is never cut.
    // Heading and count get a space either side where the width allows, so they do not touch
    // the border; a name that would not fit so loses its spaces before its letters.
    let name = text::width(&column.name);
    let (heading, count) = if name + 2 + 1 + count.len() + 2 <= inner_width {
        (
            format!(" {} ", markdown::cell::printable(&column.name)),
            format!(" {count} "),
        )
    } else {
        let room = inner_width.saturating_sub(count.len() + 1);
        (text::fit(&column.name, room), count)
    };
    Block::new()
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
        .title_top(Line::from(Span::styled(heading, heading_style)))
        .title_top(Line::from(Span::styled(count, count_style)).right_aligned())
}

fn column(frame: &mut Frame, area: Rect, app: &App, col: usize, theme: &Theme) {
    let focused = col == app.focus.col;
    let shown = app.shown(col);
    let mut block = frame_of(app, col, area.width, theme);
    if app.lanes_on() {
        super::lanes::column(frame, area, block, app, col, theme);
        return;
    }
    let page = layout::cards_per_page(frame.area().height, app.dividers());
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
    let describe = layout::show_description(frame.area().height);
    // On a grouped board the first row names the group of the first card shown; the gap above
    // a card of another group than the one before it becomes a divider naming its group.
    let board = &app.stored.board;
    let mut previous = offset.checked_sub(1).and_then(|k| shown.get(k)).copied();
    for (k, &index) in shown.iter().skip(offset).take(page).enumerate() {
        let Some(rect) = layout::card_slot(inner, app.dividers(), k, frame.area().height) else {
            break;
        };
        let y = rect.y;
        if app.dividers() {
            let group = app.groups.get(index).copied();
            let changed = previous.and_then(|p| app.groups.get(p).copied()) != group;
            if k == 0 || changed {
                let label = group.and_then(|g| board.group_label(g));
                if k == 0 && label.is_none() {
                    // Nothing to name above the first card.
                } else {
                    let row = Rect::new(inner.x, y - 1, inner.width, 1);
                    frame.render_widget(
                        Paragraph::new(divider(label.as_deref(), row.width, theme)),
                        row,
                    );
                }
            }
        }
        previous = Some(index);
        let is_focus = focused && offset + k == app.focus.row;
        let look = Look {
            focus: is_focus,
            marked: app.is_marked(index),
            conflict: app.has_conflict(index),
            describe,
        };
        card(frame, rect, app, &board.cards[index], look, theme);
    }
}

/// A rule across a column, naming a group when it has a name: ` ── Billing ───── `, in line with
/// the cards' text.
fn divider(label: Option<&str>, width: u16, theme: &Theme) -> Line<'static> {
    let width = usize::from(width).saturating_sub(2);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 0;
    if let Some(label) = label.filter(|l| !l.trim().is_empty()) {
        let name = text::fit(label, width.saturating_sub(4));
        used = 4 + text::width(&name);
        spans.push(Span::styled("── ", theme.dim));
        spans.push(Span::styled(name, theme.group));
        spans.push(Span::styled(" ", theme.dim));
    }
    spans.push(Span::styled(
        "─".repeat(width.saturating_sub(used)),
        theme.dim,
    ));
    Line::from(spans)
}

/// How a card is drawn: focused, marked, in conflict, with its description.
#[derive(Clone, Copy)]
// Four independent ways to draw a card, not states of one thing.
#[allow(clippy::struct_excessive_bools)]
pub(super) struct Look {
    pub focus: bool,
    pub marked: bool,
    /// The card has a conflict left by following its file.
    pub conflict: bool,
    pub describe: bool,
}

pub(super) fn card(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    card: &Card,
    look: Look,
    theme: &Theme,
) {
    let Look {
        focus,
        marked,
        conflict,
        describe,
    } = look;
    let board = &app.stored.board;
    let width = usize::from(area.width).saturating_sub(2);
    let query = app.search.as_ref().and_then(|s| s.query.as_ref());
    let state_field = board.field_state();
    let bar = if focus {
        Span::styled("▌", theme.focus_bar)
    } else {
        Span::raw(" ")
    };
    let Some(table) = board.table_of(card) else {
        return;
    };
    // A cell as shown, its markup as styles, and the search's marks on what is shown.
    let shown = |col: usize, style: Style| -> Shown {
        let rendered = inline::render(
            card.cells.get(col).map_or("", String::as_str),
            &board.doc.links,
        );
        let runs: Vec<(String, Style)> = rendered
            .spans
            .iter()
            .map(|s| (s.text.replace('\n', " "), styled(style, s.marks, theme)))
            .collect();
        let text: String = runs.iter().map(|(t, _)| t.as_str()).collect();
        let marks = query.map_or_else(Vec::new, |q| {
            search::highlights_in(&text, board.field_of(card, col), state_field, q)
        });
        (runs, marks, !rendered.targets.is_empty())
    };
    let (runs, marks, linked) = shown(table.title, theme.title);
    let mut first = vec![bar.clone()];
    let mut used = 0;
    if marked {
        first.push(Span::styled("● ", theme.mark));
        used = 2;
    }
    if conflict {
        // Said with a sign too, for a terminal without colours.
        first.push(Span::styled("≠ ", theme.conflict));
        used += 2;
    }
    if let Some(id) = board.doc_id(card) {
        // The ID before the title, or alone when the title is empty.
        let id = if runs.iter().all(|(t, _)| t.trim().is_empty()) {
            text::fit(&id, width.saturating_sub(used))
        } else {
            format!("{} · ", text::fit(&id, width.saturating_sub(used) / 2))
        };
        used += text::width(&id);
        first.push(Span::styled(id, theme.dim));
    }
    let link = if linked { " ↗" } else { "" };
    first.extend(text::fit_styled(
        &runs,
        width.saturating_sub(used + text::width(link)),
        &marks,
        theme.matched,
    ));
    first.push(Span::styled(link, theme.dim));
    let mut lines = vec![Line::from(first)];
    lines.push(fields_line(
        app,
        card,
        table,
        width,
        bar.clone(),
        &shown,
        theme,
    ));
    if describe && let Some(col) = table.description {
        let (runs, marks, _) = shown(col, theme.dim);
        let mut described = vec![bar];
        described.extend(text::fit_styled(&runs, width, &marks, theme.matched));
        lines.push(Line::from(described));
    }
    let line_style = if focus { theme.focus } else { Style::default() };
    let paragraph = Paragraph::new(lines).style(line_style);
    frame.render_widget(paragraph, layout::card_text(area));
}

/// A cell as a card shows it: its runs of text with their styles, the search's marks on them,
/// and whether it links somewhere.
type Shown = (Vec<(String, Style)>, Vec<usize>, bool);

/// A card's line of short fields, with how long it has been in its state at its right (when
/// the card is wide enough for some fields too).
fn fields_line<'a>(
    app: &App,
    card: &Card,
    table: &TableLayout,
    width: usize,
    bar: Span<'a>,
    shown: &dyn Fn(usize, Style) -> Shown,
    theme: &Theme,
) -> Line<'a> {
    let mut meta = vec![bar];
    let mut used = 0;
    let age = app
        .age_of(card)
        .filter(|(age, _)| text::width(age) + 6 <= width);
    let room = age
        .as_ref()
        .map_or(width, |(age, _)| width.saturating_sub(text::width(age) + 1));
    for (k, &col) in table.fields.iter().enumerate() {
        let style = match k {
            0 => theme.label,
            1 => theme.group,
            _ => theme.dim,
        };
        let (runs, marks, _) = shown(col, style);
        if runs.iter().all(|(t, _)| t.trim().is_empty()) {
            continue;
        }
        if used > 0 {
            // A separator with nothing readable after it is noise.
            if room.saturating_sub(used + 3) < 2 {
                break;
            }
            meta.push(Span::styled(" · ", theme.dim));
            used += 3;
        }
        let spans = text::fit_styled(&runs, room.saturating_sub(used), &marks, theme.matched);
        used += spans.iter().map(|s| text::width(&s.content)).sum::<usize>();
        meta.extend(spans);
    }
    if let Some((age, stale)) = age {
        let pad = width.saturating_sub(used + text::width(&age));
        meta.push(Span::raw(" ".repeat(pad)));
        meta.push(Span::styled(
            age,
            if stale { theme.stale } else { theme.dim },
        ));
    }
    Line::from(meta)
}

/// A run of a cell's text styled as its marks say, over the style of where it is shown.
fn styled(base: Style, marks: Marks, theme: &Theme) -> Style {
    let mut style = if marks.code {
        base.patch(theme.code)
    } else {
        base
    };
    if marks.strong {
        style = style.add_modifier(Modifier::BOLD);
    }
    if marks.emphasis {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if marks.strike {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    style
}
