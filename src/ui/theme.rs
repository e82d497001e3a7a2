//! Colors and emphasis, passed to the view; with `NO_COLOR` set, emphasis only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub label: Style,
    pub group: Style,
    /// The focused card's lines.
    pub focus: Style,
    /// The bar left of the focused card.
    pub focus_bar: Style,
    pub border: Style,
    pub border_focus: Style,
    pub heading: Style,
    pub heading_unknown: Style,
    pub bar: Style,
    pub error: Style,
    pub ok: Style,
    pub warn: Style,
    pub key: Style,
    /// Code in a cell (`` `x` ``).
    pub code: Style,
    /// Characters a search matched.
    pub matched: Style,
    pub selected: Style,
    /// The mark of a marked card.
    pub mark: Style,
    /// A column heading over its work-in-progress limit.
    pub over_limit: Style,
    /// A lane's label.
    pub lane: Style,
    /// The border of the column a dragged card would be dropped in.
    pub drop: Style,
}

impl Theme {
    /// Colors, unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::plain(),
            _ => Self::color(),
        }
    }

    pub fn color() -> Self {
        let base = Style::default();
        Self {
            text: base,
            dim: base.fg(Color::DarkGray),
            title: base.add_modifier(Modifier::BOLD),
            label: base.fg(Color::Cyan),
            group: base.fg(Color::Magenta),
            focus: base.bg(Color::Indexed(237)),
            focus_bar: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            border: base.fg(Color::DarkGray),
            border_focus: base.fg(Color::Yellow),
            heading: base.add_modifier(Modifier::BOLD),
            heading_unknown: base.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            bar: base.bg(Color::Indexed(236)),
            error: base.fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: base.fg(Color::Green),
            warn: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            key: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            code: base.fg(Color::Green),
            matched: base
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: base.bg(Color::Blue).fg(Color::White),
            mark: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            over_limit: base.fg(Color::Red).add_modifier(Modifier::BOLD),
            lane: base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            drop: base.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
        }
    }

    /// No color at all: bold, reverse, underline and dim carry the meaning.
    pub fn plain() -> Self {
        let base = Style::default();
        Self {
            text: base,
            dim: base.add_modifier(Modifier::DIM),
            title: base.add_modifier(Modifier::BOLD),
            label: base,
            group: base,
            focus: base.add_modifier(Modifier::REVERSED),
            focus_bar: base.add_modifier(Modifier::BOLD),
            border: base,
            border_focus: base.add_modifier(Modifier::BOLD),
            heading: base.add_modifier(Modifier::BOLD),
            heading_unknown: base.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            bar: base.add_modifier(Modifier::REVERSED),
            error: base.add_modifier(Modifier::BOLD),
            ok: base,
            warn: base.add_modifier(Modifier::BOLD),
            key: base.add_modifier(Modifier::BOLD),
            code: base,
            matched: base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            selected: base.add_modifier(Modifier::REVERSED),
            mark: base.add_modifier(Modifier::BOLD),
            over_limit: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            lane: base.add_modifier(Modifier::BOLD),
            drop: base.add_modifier(Modifier::REVERSED),
        }
    }
}
