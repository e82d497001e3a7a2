//! The view: draws the app into a frame. Reads the app, never changes it.

mod board;
mod bulk;
mod changes;
mod drag;
mod form;
mod help;
mod hints;
mod lanes;
mod messages;
mod popup;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub use theme::Theme;

use crate::app::{App, Disk, Level, Mode, Search, layout};

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
    drag::target(frame, app, theme);
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
    let shown = app.fitted(area.width);
    // Columns off screen to either side, hidden ones apart.
    let visible = |range: std::ops::Range<usize>| range.filter(|&c| !app.is_hidden(c)).count();
    let left_hidden = visible(0..shown.first().map_or(0, |&(c, _)| c));
    let right_hidden = visible(shown.last().map_or(n, |&(c, _)| c + 1)..n);
    let mut right = Vec::new();
    if let Some(lanes) = &app.lanes {
        let by = match &lanes.by {
            crate::store::LaneBy::Field(name) => name.clone(),
            _ => "table".to_owned(),
        };
        right.push(Span::styled(
            format!("lanes: {by}  "),
            theme.bar.patch(theme.dim),
        ));
    }
    let hidden = app.hidden_columns().len();
    if hidden > 0 {
        right.push(Span::styled(
            format!("{hidden} hidden"),
            theme.bar.patch(theme.dim),
        ));
    }
    if left_hidden > 0 {
        if !right.is_empty() {
            right.push(Span::styled("  ", theme.bar));
        }
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
        frame.render_widget(Paragraph::new(hints::line(app, theme, area.width)), rows[1]);
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
    let marked = app.marked_ids().len();
    if marked > 0 {
        left.push(Span::styled(" · ", theme.dim));
        left.push(Span::styled(format!("● {marked} marked"), theme.mark));
    }
    if !file.is_empty() {
        left.push(Span::styled(" · ", theme.dim));
    }
    let msg = app.message.as_ref().map(|m| {
        let style = match m.level {
            Level::Error => theme.error,
            Level::Warning => theme.warn,
            Level::Info => theme.text,
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
    let conflicts = app.stored.conflicts.len();
    if conflicts > 0 {
        let s = if conflicts == 1 { "" } else { "s" };
        return (
            format!("≠ {conflicts} conflict{s} ([ ] go to them)"),
            theme.conflict,
        );
    }
    let pending = app.unwritten;
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
