//! The view: draws the app into a frame. Reads the app, never changes it.

mod board;
mod changes;
mod form;
mod help;
mod messages;
mod popup;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub use theme::Theme;

use crate::action::Action;
use crate::app::{App, Disk, Level, Mode, Search, layout};
use crate::keymap::{self, Scope};

/// Draws the whole screen.
pub fn view(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < layout::MIN_WIDTH || area.height < layout::MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let (top, bottom) = layout::chrome(area.height);
    let [title, columns, status] = Layout::vertical([
        Constraint::Length(top),
        Constraint::Fill(1),
        Constraint::Length(bottom),
    ])
    .areas(area);
    title_bar(frame, title, app, theme);
    board::columns(frame, columns, app, theme);
    let cut = status_bar(frame, status, app, theme);
    popup::draw(frame, area, app, theme);
    if cut && app.message_new {
        messages::whole(frame, columns, app, theme);
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "Too small: {}x{} < {}x{}",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let p = Paragraph::new(msg)
        .style(theme.warn)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}

fn title_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let n = app.columns.len();
    let collapsed: Vec<bool> = (0..n).map(|c| app.is_collapsed(c)).collect();
    let shown = layout::fit(&collapsed, app.col_offset, area.width);
    let left_hidden = app.col_offset;
    let right_hidden = n - shown.last().map_or(n, |&(c, _)| c + 1);
    let mut right = Vec::new();
    if left_hidden > 0 {
        right.push(Span::styled(format!("◀ {left_hidden} more"), theme.key));
    }
    if right_hidden > 0 {
        if !right.is_empty() {
            right.push(Span::styled("  ", theme.bar));
        }
        right.push(Span::styled(format!("{right_hidden} more ▶"), theme.key));
    }
    right.push(Span::styled(" ", theme.bar));
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let name = app.stored.name();
    let left_room = usize::from(area.width).saturating_sub(right_width + 2);
    let left = Line::from(vec![
        Span::styled(" ", theme.bar),
        Span::styled(text::fit(&name, left_room), theme.bar.patch(theme.title)),
    ]);
    frame.render_widget(Paragraph::new(left).style(theme.bar), area);
    frame.render_widget(
        Paragraph::new(Line::from(right))
            .alignment(Alignment::Right)
            .style(theme.bar),
        area,
    );
}

/// The status line (the board's state, the last message) and the hints; true when the message
/// was too long to show whole.
fn status_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> bool {
    let rows = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).split(area);
    if area.height > 1 {
        frame.render_widget(Paragraph::new(hints(app, theme, area.width)), rows[1]);
    }
    if let (Mode::Search, Some(search)) = (&app.mode, &app.search) {
        search_line(frame, area, search, theme);
        return false;
    }
    let file = app.file_name.clone().unwrap_or_else(|| {
        app.stored
            .source
            .as_ref()
            .map_or_else(String::new, |p| p.display().to_string())
    });
    let (sync, style) = sync_state(app, theme);
    let mut left = vec![Span::raw(" ")];
    if let Some(query) = app.search.as_ref().and_then(|s| s.query.as_ref()) {
        let matches: usize = (0..app.columns.len()).map(|c| app.shown(c).len()).sum();
        left.push(Span::styled(
            format!("/{} ", text::fit(query.as_str(), 24)),
            theme.key,
        ));
        left.push(Span::styled(format!("{matches} shown · "), theme.dim));
    }
    left.push(Span::styled(sync, style));
    if !file.is_empty() {
        left.push(Span::styled(" · ", theme.dim));
    }
    let msg = app.message.as_ref().map(|m| {
        let style = if m.level == Level::Error {
            theme.error
        } else {
            theme.text
        };
        (m.text.clone(), style)
    });
    let used: usize = left.iter().map(|s| text::width(&s.content)).sum();
    let msg_width = msg.as_ref().map_or(0, |(t, _)| text::width(t) + 2);
    let room =
        usize::from(area.width).saturating_sub(used + msg_width.min(usize::from(area.width) / 2));
    let file = text::fit(&file, room);
    let used = used + text::width(&file);
    left.push(Span::styled(file, theme.dim));
    frame.render_widget(Paragraph::new(Line::from(left)), rows[0]);
    let Some((text, style)) = msg else {
        return false;
    };
    // Two spaces at least between the status and the message.
    let max = usize::from(area.width).saturating_sub(used + 3);
    let line = Line::from(vec![
        Span::styled(text::fit(&text, max), style),
        Span::raw(" "),
    ]);
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Right), rows[0]);
    text::width(&text) > max
}

/// The search line while typing: the query, and why it cannot be read when it cannot.
/// The search line while typing; why the query cannot be read, when it cannot, takes the line
/// below (the hints) whole, so that the list of fields shows.
fn search_line(frame: &mut Frame, area: Rect, search: &Search, theme: &Theme) {
    let [line, below] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let [slash, input] =
        Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(line);
    frame.render_widget(Paragraph::new(Span::styled(" /", theme.key)), slash);
    frame.render_widget(&*search.input, input);
    if let Some(e) = &search.error {
        let target = if below.height > 0 { below } else { line };
        let shown = text::fit(e, usize::from(target.width.saturating_sub(2)));
        frame.render_widget(Clear, target);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(" "),
                Span::styled(shown, theme.error),
            ])),
            target,
        );
    }
}

/// Whether the board and its file agree, in a few words.
fn sync_state(app: &App, theme: &Theme) -> (String, ratatui::style::Style) {
    if let Some(why) = &app.read_only {
        return (format!("read-only ({why})"), theme.warn);
    }
    let pending = app.stored.unsynced();
    match app.disk {
        Disk::Changed => ("⚠ file changed on disk".to_owned(), theme.warn),
        Disk::Missing => ("⚠ file missing".to_owned(), theme.warn),
        Disk::Bundled if pending => (
            "● bundled project list, changed (w writes a copy)".to_owned(),
            theme.warn,
        ),
        Disk::Bundled => ("bundled project list".to_owned(), theme.dim),
        Disk::Unchanged if pending => ("● not written back (w)".to_owned(), theme.warn),
        Disk::Unchanged => ("✓ in sync".to_owned(), theme.ok),
    }
}

/// A few key hints for the current mode, from the keymap.
fn hints(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let scope = app.mode.scope();
    let km = &app.keymap;
    let first = |a: Action| {
        km.entries(scope)
            .into_iter()
            .find(|(_, action)| *action == a)
            .and_then(|(keys, _)| keys.first().map(ToString::to_string))
    };
    let pair = |a: Action, b: Action, what: &str| match (first(a), first(b)) {
        (Some(x), Some(y)) => Some((format!("{x}/{y}"), what.to_owned())),
        _ => None,
    };
    let one = |a: Action, what: &str| first(a).map(|k| (k, what.to_owned()));
    let items: Vec<Option<(String, String)>> = match scope {
        Scope::Board if app.filtering() => vec![
            pair(Action::NextMatch, Action::PrevMatch, "matches"),
            one(Action::Close, "clear filter"),
            one(Action::Search, "edit query"),
            pair(Action::MoveLeft, Action::MoveRight, "move"),
            one(Action::OpenCard, "open"),
            one(Action::Edit, "edit"),
            one(Action::Undo, "undo"),
            one(Action::Help, "help"),
            one(Action::Quit, "quit"),
        ],
        Scope::Board => {
            let mut items = vec![
                pair(Action::MoveLeft, Action::MoveRight, "move"),
                pair(Action::ReorderUp, Action::ReorderDown, "reorder"),
                one(Action::OpenCard, "open"),
                one(Action::Edit, "edit"),
                one(Action::Add, "add"),
                one(Action::Search, "search"),
                one(Action::Undo, "undo"),
                one(Action::Write, "write"),
                one(Action::Help, "help"),
                one(Action::Quit, "quit"),
            ];
            // What is not written back can be looked at before writing it.
            if app.stored.unsynced() {
                items.insert(items.len() - 2, one(Action::Changes, "changes"));
            }
            items
        }
        Scope::Picker => vec![
            pair(Action::FocusDown, Action::FocusUp, "choose"),
            one(Action::Submit, "move"),
            Some(("1-9 0".to_owned(), "by number".to_owned())),
            one(Action::Cancel, "cancel"),
        ],
        Scope::Search => vec![
            one(Action::Submit, "keep the filter"),
            one(Action::Cancel, "clear it"),
            Some(("field:text".to_owned(), "one field".to_owned())),
            Some(("-term".to_owned(), "exclude".to_owned())),
            Some(("~term".to_owned(), "loose".to_owned())),
            Some(("\"a b\"".to_owned(), "spaces".to_owned())),
            one(Action::Help, "help"),
        ],
        Scope::Form => vec![
            one(Action::Submit, "save"),
            pair(Action::NextField, Action::PrevField, "field"),
            one(Action::NextChoice, "next state"),
            one(Action::Cancel, "cancel"),
            one(Action::NewLine, "line break"),
            one(Action::Help, "help"),
        ],
        _ => km
            .entries(scope)
            .into_iter()
            .map(|(keys, a)| {
                keys.first()
                    .map(|k| (k.to_string(), keymap::describe(a, scope).to_owned()))
            })
            .collect(),
    };
    let mut items: Vec<(String, String)> = items.into_iter().flatten().collect();
    // A hint is "key what", three spaces between hints. When they do not all fit, whole hints
    // go, from the end; on the board the last two (help, quit) stay, so a narrow terminal still
    // says how to learn the rest and how to leave.
    let line_width = |items: &[(String, String)]| {
        1 + items
            .iter()
            .map(|(k, w)| text::width(k) + 1 + text::width(w) + 3)
            .sum::<usize>()
            .saturating_sub(3)
    };
    let pinned = if scope == Scope::Board { 2 } else { 0 };
    while !items.is_empty() && line_width(&items) > usize::from(width) {
        let drop = items.len().saturating_sub(pinned + 1);
        items.remove(drop);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("   ", theme.dim));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
}
