//! Colors and emphasis, passed to the view: the defaults, `theme.ron` over them (`theme::file`);
//! with `NO_COLOR` set, emphasis only.

use ratatui::style::{Color, Modifier, Style};

mod file;

pub use file::{EXAMPLE, FILE_NAME};

/// Declares the theme's elements once: the `Theme` struct and the `theme.ron` file that may
/// restyle any of them. A new element is one line here (and its two defaults below).
macro_rules! elements {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The style of each element the view draws.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Theme {
            $($(#[$doc])* pub $name: Style,)*
        }

        impl Theme {
            /// Every element, by its name in `theme.ron`.
            pub const NAMES: &[&str] = &[$(stringify!($name)),*];
        }

        /// A `theme.ron`: a style for any element.
        #[derive(Debug, Default, serde::Deserialize)]
        struct File {
            $(#[serde(default)] $name: Option<file::Spec>,)*
        }

        impl File {
            /// Restyles the elements the file names.
            fn apply(self, theme: &mut Theme, colours: bool) {
                $(if let Some(spec) = self.$name {
                    spec.apply(&mut theme.$name, colours);
                })*
            }
        }
    };
}

elements! {
    /// Plain text: messages, the picker's states.
    text,
    /// What is secondary: counts, separators, hints, descriptions.
    dim,
    /// A card's title, the board's name.
    title,
    /// A card's first short field.
    label,
    /// A card's second short field; a divider's group name.
    group,
    /// The focused card's lines.
    focus,
    /// The bar left of the focused card.
    focus_bar,
    /// The columns' borders.
    border,
    /// The focused column's border; the borders of windows over the board.
    border_focus,
    /// Column headings, window titles.
    heading,
    /// The heading of a state the states table does not list.
    heading_unknown,
    /// The title bar.
    bar,
    /// Errors.
    error,
    /// The board in sync with its file.
    ok,
    /// Warnings: a file changed outside, changes not written back.
    warn,
    /// Keys in the hints and the help; "more" indicators.
    key,
    /// Code in a cell (`` `x` ``).
    code,
    /// Characters a search matched.
    matched,
    /// The chosen line of a list.
    selected,
    /// The mark of a marked card.
    mark,
    /// A column heading over its work-in-progress limit.
    over_limit,
    /// A lane's label.
    lane,
    /// The border of the column a dragged card would be dropped in.
    drop,
    /// A card with a conflict left by following its file; the conflicting values.
    conflict,
    /// How long a card has been in its state, past the state's stale threshold.
    stale,
}

impl Theme {
    /// Colors, unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        if Self::no_color() {
            Self::plain()
        } else {
            Self::color()
        }
    }

    /// Whether `NO_COLOR` is set to anything non-empty (<https://no-color.org>).
    pub fn no_color() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
            conflict: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            stale: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
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
            conflict: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            stale: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}
