//! The help: the keys of the mode it was asked from, then every other mode's.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::popup::{centered, frame_block};
use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::{self, HelpLine, Key, Scope};

fn keys_text(keys: &[Key]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, of: Scope, scroll: u16, theme: &Theme) {
    let help = app.help_lines(of);
    let key_width = help
        .iter()
        .filter_map(|l| match l {
            HelpLine::Keys(_, keys, _) => Some(text::width(&keys_text(keys))),
            HelpLine::Fixed(what, _) => Some(text::width(what)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = help
        .iter()
        .map(|line| match line {
            HelpLine::Heading(scope) if *scope == of => Line::from(Span::styled(
                format!("{} (here)", scope.title()),
                theme.heading,
            )),
            HelpLine::Heading(scope) => Line::from(Span::styled(scope.title(), theme.heading)),
            HelpLine::Keys(scope, keys, action) => Line::from(vec![
                Span::styled(format!("{:<key_width$}", keys_text(keys)), theme.key),
                Span::raw("  "),
                Span::raw(keymap::describe(*action, *scope)),
            ]),
            HelpLine::Section(name) => Line::from(Span::styled(*name, theme.heading)),
            HelpLine::Fixed(what, does) => Line::from(vec![
                Span::styled(format!("{what:<key_width$}"), theme.key),
                Span::raw("  "),
                Span::raw(*does),
            ]),
            HelpLine::Blank => Line::default(),
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 72, height);
    frame.render_widget(Clear, rect);
    let rows = usize::from(rect.height.saturating_sub(2));
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(rows));
    let below = lines.len().saturating_sub(scroll + rows);
    let mut block = frame_block(&format!("Keys: {}", of.title()), theme)
        .title_bottom(Line::from(Span::styled(" Esc close ", theme.dim)).right_aligned());
    if below > 0 {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" ↓{below} more (j) "),
            theme.key,
        )));
    } else if scroll > 0 {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" ↑{scroll} (k) "),
            theme.key,
        )));
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
