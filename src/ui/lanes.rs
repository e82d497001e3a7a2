//! A column of a board in lanes: each lane a band with a label row (its name in the first column
//! shown, its count of cards in this state in every column) and its cards below, the bands lined
//! up across the columns ([`App::bands`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::board::{Look, card};
use super::text;
use super::theme::Theme;
use crate::app::{App, layout};

pub fn column(frame: &mut Frame, area: Rect, block: Block, app: &App, col: usize, theme: &Theme) {
    let Some(lanes) = &app.lanes else { return };
    let visible: Vec<usize> = app
        .fitted(frame.area().width)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let first = visible.iter().copied().find(|&c| !app.is_collapsed(c));
    let inner = block.inner(area);
    let bands = app.bands(inner.height, &visible);
    let mut block = block;
    if first == Some(col) {
        // Lanes above and below the ones drawn, said on the first column's frame.
        if app.lane_offset > 0 {
            let above = format!("↑{} lanes", app.lane_offset);
            block = block.title_bottom(Line::from(Span::styled(above, theme.dim)));
        }
        let last = bands.last().map_or(app.lane_offset, |b| b.lane + 1);
        let below = (last..lanes.lanes.len())
            .filter(|&l| visible.iter().any(|&c| !lanes.run(c, l).is_empty()))
            .count();
        if below > 0 {
            block = block.title_bottom(
                Line::from(Span::styled(format!("↓{below} lanes"), theme.dim)).right_aligned(),
            );
        }
    }
    frame.render_widget(block, area);
    let height = layout::card_height(frame.area().height);
    let describe = layout::show_description(frame.area().height);
    let focused_lane = app.focused_lane();
    for band in bands {
        let y = inner.y + band.top;
        if y >= inner.bottom() {
            break;
        }
        let run = lanes.run(col, band.lane);
        let focus_here = col == app.focus.col && focused_lane == Some(band.lane);
        let label = (first == Some(col)).then(|| lanes.lanes[band.lane].label.as_str());
        let row = Rect::new(inner.x, y, inner.width, 1);
        frame.render_widget(
            Paragraph::new(label_line(
                label,
                run.len(),
                band.collapsed,
                inner.width,
                theme,
            ))
            .style(if focus_here && band.collapsed {
                theme.focus
            } else {
                ratatui::style::Style::default()
            }),
            row,
        );
        if band.collapsed {
            continue;
        }
        let offset = app.run_offset(col, band.lane, band.slots);
        for k in 0..band.slots {
            let at = run.start + offset + k;
            if at >= run.end {
                break;
            }
            let top = y + 1 + u16::try_from(k).unwrap_or(u16::MAX).saturating_mul(height);
            if top >= inner.bottom() {
                break;
            }
            let rect = Rect::new(inner.x, top, inner.width, height.min(inner.bottom() - top));
            let index = lanes.columns[col][at];
            let look = Look {
                focus: col == app.focus.col && at == app.focus.row,
                marked: app.is_marked(index),
                conflict: app.has_conflict(index),
                describe,
            };
            card(
                frame,
                rect,
                app,
                &app.stored.board.cards[index],
                look,
                theme,
            );
        }
        // Cards of the lane not drawn, said in the gap under its last slot.
        let below = run.len().saturating_sub(offset + band.slots);
        let last_gap = y + u16::try_from(band.slots)
            .unwrap_or(u16::MAX)
            .saturating_mul(height);
        if below > 0 && last_gap < inner.bottom() && band.slots > 0 {
            let more =
                Line::from(Span::styled(format!("↓{below} more "), theme.dim)).right_aligned();
            frame.render_widget(
                Paragraph::new(more),
                Rect::new(inner.x, last_gap, inner.width, 1),
            );
        }
    }
}

/// A lane's label row in one column: its name (in the first column shown), a rule, and the
/// lane's count of cards in this column.
fn label_line(
    label: Option<&str>,
    count: usize,
    collapsed: bool,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
    let width = usize::from(width);
    let count = format!(" {count} ");
    let mut spans = Vec::new();
    let mut used = text::width(&count);
    if let Some(label) = label {
        let mark = if collapsed { "▸ " } else { "▾ " };
        let name = text::fit(label, width.saturating_sub(used + 4));
        used += 2 + text::width(&name) + 1;
        spans.push(Span::styled(mark, theme.lane));
        spans.push(Span::styled(name, theme.lane));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        "─".repeat(width.saturating_sub(used)),
        theme.dim,
    ));
    spans.push(Span::styled(count, theme.dim));
    Line::from(spans)
}
