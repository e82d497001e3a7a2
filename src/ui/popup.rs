//! What opens over the board: the card, the help, questions, the prompt, the picker (the form,
//! the messages and the changes have modules of their own).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Wrap};

use super::text;
use super::theme::Theme;
use crate::action::Action;
use crate::app::{App, Mode};
use crate::keymap::Scope;
use crate::markdown;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    draw_mode(frame, area, app, &app.mode, theme);
}

fn draw_mode(frame: &mut Frame, area: Rect, app: &App, mode: &Mode, theme: &Theme) {
    match mode {
        Mode::Board | Mode::Search => {}
        Mode::Card { scroll } => card(frame, area, app, *scroll, theme),
        Mode::Help { of, scroll, back } => {
            // Over what it was asked from, which it goes back to.
            draw_mode(frame, area, app, back, theme);
            super::help::draw(frame, area, app, *of, *scroll, theme);
        }
        Mode::Messages { scroll } => super::messages::log(frame, area, app, *scroll, theme),
        Mode::Changes { scroll, lines } => {
            super::changes::draw(frame, area, app, lines, *scroll, theme);
        }
        Mode::Confirm { question, .. } => confirm(frame, area, app, question, theme),
        Mode::Prompt { title, input } => {
            let rect = centered(area, 60, 3);
            frame.render_widget(Clear, rect);
            let block = frame_block(title, theme);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            frame.render_widget(&**input, inner);
        }
        Mode::Form(form) => super::form::draw(frame, area, app, form, theme),
        Mode::Picker { selected, .. } => picker(frame, area, app, *selected, theme),
        Mode::Hidden { selected } => hidden(frame, area, app, *selected, theme),
        Mode::LanePicker { selected } => lane_picker(frame, area, app, *selected, theme),
        Mode::BulkEdit(bulk) => super::bulk::draw(frame, area, app, bulk, theme),
    }
}

pub(super) fn frame_block<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::new()
        .padding(Padding::horizontal(1))
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::from(Span::styled(
            format!(" {} ", text::fit(title, 60)),
            theme.heading,
        )))
}

/// Lines in a framed box at `rect`, scrolled down by `scroll` (as far as the last line
/// shows), saying at its foot how to close it (`close`, a key) and how many lines are below (a
/// line each, wrapped or not).
pub(super) fn scrolled(
    frame: &mut Frame,
    rect: Rect,
    (title, close): (&str, Option<String>),
    lines: Vec<Line<'_>>,
    scroll: u16,
    theme: &Theme,
) {
    let rows = usize::from(rect.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(rows));
    let below = lines.len().saturating_sub(scroll + rows);
    let mut block = frame_block(title, theme);
    if let Some(key) = close {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {key} close "), theme.dim)).right_aligned(),
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
    // Lines too long for the box wrap rather than lose their end.
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    frame.render_widget(text.scroll((scroll, 0)), inner);
}

/// The first key bound to an action in a scope, as the help writes it.
pub(super) fn first_key(app: &App, scope: Scope, action: Action) -> Option<String> {
    app.keymap.first_key(scope, action).map(|k| k.to_string())
}

/// A rectangle of at most `width` x `height` in the middle of `area`.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(h);
    v
}

fn card(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let Some(index) = app.focused_index() else {
        return;
    };
    let board = &app.stored.board;
    let card = &board.cards[index];
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    let title = board.display_title(card);
    let block = frame_block(&title, theme).title_bottom(
        Line::from(Span::styled(format!(" id {} ", card.id), theme.dim)).right_aligned(),
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width.saturating_sub(1)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(next) = board.source_row(card.id).and_then(|r| r.continued) {
        // The one row mdboard reads otherwise than GitHub: say so where it shows.
        let note = format!("continues on line {next}; GitHub shows two rows");
        for piece in textwrap::wrap(&note, width.max(1)) {
            lines.push(Line::from(Span::styled(piece.into_owned(), theme.dim)));
        }
        lines.push(Line::default());
    }
    let conflicts = app.conflicts_at(index);
    let cursor = app.conflict_cursor.min(conflicts.len().saturating_sub(1));
    if let Some(k) = conflicts.iter().position(|c| c.field.is_none()) {
        let c = conflicts[k];
        let what = if c.theirs.is_none() {
            "Deleted in the file, edited here: < keeps it, > deletes it"
        } else {
            "Deleted here, edited in the file: < deletes it, > keeps it"
        };
        let style = if k == cursor {
            theme.conflict.patch(theme.selected)
        } else {
            theme.conflict
        };
        for piece in textwrap::wrap(what, width.max(1)) {
            lines.push(Line::from(Span::styled(piece.into_owned(), style)));
        }
        lines.push(Line::default());
    }
    for (col, name) in board.headers_of(card).iter().enumerate() {
        if let Some(k) = conflicts.iter().position(|c| c.col() == Some(col)) {
            conflict_field(&mut lines, name, conflicts[k], k == cursor, width, theme);
            continue;
        }
        let raw = card.cells.get(col).map_or("", String::as_str);
        let shown = markdown::inline::render(raw, &board.doc.links);
        let text = shown.text();
        lines.push(Line::from(Span::styled(
            text::fit(name, width),
            theme.heading,
        )));
        if text.trim().is_empty() {
            lines.push(Line::from(Span::styled("  —", theme.dim)));
            lines.push(Line::default());
            continue;
        }
        for para in text.split('\n') {
            for piece in textwrap::wrap(
                &markdown::cell::printable(para),
                width.saturating_sub(2).max(1),
            ) {
                lines.push(Line::from(format!("  {piece}")));
            }
        }
        for target in &shown.targets {
            lines.push(Line::from(Span::styled(
                text::fit(&format!("  → {target}"), width),
                theme.label,
            )));
        }
        lines.push(Line::default());
    }
    let history = app.timeline_lines();
    if !history.is_empty() {
        lines.push(Line::from(Span::styled("History", theme.heading)));
        for line in history {
            lines.push(Line::from(Span::styled(
                text::fit(&format!("  {line}"), width),
                theme.dim,
            )));
        }
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// A conflicting field in the card view: both values (and the one they came from), the one
/// under the cursor standing out.
fn conflict_field(
    lines: &mut Vec<Line<'static>>,
    name: &str,
    c: &crate::board::CardConflict,
    under_cursor: bool,
    width: usize,
    theme: &Theme,
) {
    let heading = format!(
        "{}  ≠ conflict (< mine, > theirs)",
        text::fit(name, width / 2)
    );
    let style = if under_cursor {
        theme.conflict.patch(theme.selected)
    } else {
        theme.conflict
    };
    lines.push(Line::from(Span::styled(text::fit(&heading, width), style)));
    let value = |v: &Option<String>| {
        v.as_deref().map_or_else(
            || "(no row)".to_owned(),
            |raw| {
                let text = markdown::decode(raw);
                if text.trim().is_empty() {
                    "—".to_owned()
                } else {
                    markdown::cell::printable(&text).replace('\n', " ")
                }
            },
        )
    };
    for (label, v, style) in [
        ("mine   ", &c.mine, theme.text),
        ("theirs ", &c.theirs, theme.text),
        ("was    ", &c.base, theme.dim),
    ] {
        let line = format!("  {label}{}", value(v));
        lines.push(Line::from(Span::styled(text::fit(&line, width), style)));
    }
    lines.push(Line::default());
}

fn confirm(frame: &mut Frame, area: Rect, app: &App, question: &str, theme: &Theme) {
    let width = area.width.saturating_sub(4).min(64);
    let wrapped = textwrap::wrap(question, usize::from(width.saturating_sub(4)).max(1));
    let mut lines: Vec<Line> = wrapped
        .iter()
        .map(|l| Line::from(markdown::cell::printable(l).into_owned()))
        .collect();
    lines.push(Line::default());
    let yes = app.keymap.keys_for(Scope::Confirm, Action::Yes);
    let no = app.keymap.keys_for(Scope::Confirm, Action::No);
    lines.push(Line::from(vec![
        Span::styled(yes.split('/').next().unwrap_or("y").to_owned(), theme.key),
        Span::raw(" yes   "),
        Span::styled(no.split('/').next().unwrap_or("n").to_owned(), theme.key),
        Span::raw(" no"),
    ]));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = frame_block("Are you sure?", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn picker(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let lines: Vec<Line> = app
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let number = match i {
                0..9 => (i + 1).to_string(),
                9 => "0".to_owned(),
                _ => " ".to_owned(),
            };
            let here = if i == app.focus.col { " (here)" } else { "" };
            let hidden = if app.is_hidden(i) { " (hidden)" } else { "" };
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(format!(" {number} "), theme.key),
                Span::styled(format!("{}{here}{hidden}", text::fit(&c.name, 40)), style),
            ])
        })
        .collect();
    let title = match app.marked_ids().len() {
        0 | 1 => "Move to".to_owned(),
        n => format!("Move {n} marked cards to"),
    };
    choose(frame, area, &title, lines, selected, theme);
}

/// The hidden columns, to show one again.
fn hidden(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let lines: Vec<Line> = app
        .hidden_columns()
        .into_iter()
        .enumerate()
        .map(|(i, col)| {
            let column = &app.columns[col];
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            Line::from(vec![
                Span::raw(" "),
                Span::styled(text::fit(&column.name, 40), style),
                Span::styled(format!("  {}", column.cards.len()), theme.dim),
            ])
        })
        .collect();
    choose(frame, area, "Show again", lines, selected, theme);
}

/// The lanes, to move cards to one.
fn lane_picker(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let Some(all) = &app.lanes else { return };
    let here = app.focused_lane();
    let lines: Vec<Line> = all
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            let here = if Some(i) == here { " (here)" } else { "" };
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{}{here}", text::fit(&lane.label, 40)), style),
            ])
        })
        .collect();
    let title = match app.marked_ids().len() {
        0 | 1 => "Move to lane".to_owned(),
        n => format!("Move {n} marked cards to lane"),
    };
    choose(frame, area, &title, lines, selected, theme);
}

/// A list to pick from, in a frame in the middle of the screen, scrolled to `selected`.
fn choose(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line>,
    selected: usize,
    theme: &Theme,
) {
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 40, height);
    frame.render_widget(Clear, rect);
    let block = frame_block(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let top = usize::from(inner.height);
    let scroll = selected.saturating_sub(top.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        inner,
    );
}
