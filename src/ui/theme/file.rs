//! `theme.ron` in mdboard's config directory: a style for any element of the theme, over the
//! defaults, as `keys.ron` is over the default keys.
//!
//! ```ron
//! (
//!     border_focus: (fg: "light_blue", modifiers: [bold]),
//!     focus: (bg: "#303030"),
//!     matched: (fg: 214, modifiers: [bold, underlined]),
//! )
//! ```
//!
//! An element named takes what its style gives and keeps the default's other parts: `fg` and
//! `bg` replace the default's colours, `modifiers` (even `[]`) its emphasis. Under `NO_COLOR`
//! the colours are left out and the emphasis applies, over the plain theme.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::{File, Theme};
use crate::config::{ConfigError, Unknown, parse_ron};

/// The file's name in mdboard's config directory.
pub const FILE_NAME: &str = "theme.ron";

/// What a theme file looks like, for errors.
pub const EXAMPLE: &str =
    "styles like ( border_focus: (fg: \"light_blue\", bg: \"#303030\", modifiers: [bold]) )";

/// An element's style as the file gives it.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Spec {
    #[serde(default)]
    fg: Option<Colour>,
    #[serde(default)]
    bg: Option<Colour>,
    #[serde(default)]
    modifiers: Option<Vec<Emphasis>>,
}

impl Spec {
    /// Puts what the file gives over `style`; colours only when `colours`.
    pub(super) fn apply(self, style: &mut Style, colours: bool) {
        if colours {
            if let Some(Colour(fg)) = self.fg {
                style.fg = Some(fg);
            }
            if let Some(Colour(bg)) = self.bg {
                style.bg = Some(bg);
            }
        }
        if let Some(modifiers) = self.modifiers {
            style.add_modifier = modifiers
                .into_iter()
                .fold(Modifier::empty(), |all, e| all | e.modifier());
            style.sub_modifier = Modifier::empty();
        }
    }
}

/// A colour: a name (ratatui's: `red`, `dark_gray`, `light_blue`, `reset` for the terminal's
/// own, ...), `#rrggbb`, or an index into the terminal's 256 colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Colour(Color);

const COLOURS: &str = "a colour: a name (red, green, yellow, blue, magenta, cyan, gray, \
     dark_gray, light_red, ..., white, black, reset), \"#rrggbb\" or 0-255";

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ColourVisitor)
    }
}

struct ColourVisitor;

impl Visitor<'_> for ColourVisitor {
    type Value = Colour;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(COLOURS)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Colour, E> {
        Color::from_str(v)
            .map(Colour)
            .map_err(|_| E::custom(format!("{v:?} is not {COLOURS}")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Colour, E> {
        u8::try_from(v)
            .map(|i| Colour(Color::Indexed(i)))
            .map_err(|_| E::custom(format!("{v} is not {COLOURS}")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Colour, E> {
        u64::try_from(v)
            .map_err(|_| E::custom(format!("{v} is not {COLOURS}")))
            .and_then(|v| self.visit_u64(v))
    }
}

/// Emphasis, named as in `theme.ron`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Emphasis {
    Bold,
    Dim,
    Italic,
    Underlined,
    Reversed,
    CrossedOut,
}

impl Emphasis {
    fn modifier(self) -> Modifier {
        match self {
            Self::Bold => Modifier::BOLD,
            Self::Dim => Modifier::DIM,
            Self::Italic => Modifier::ITALIC,
            Self::Underlined => Modifier::UNDERLINED,
            Self::Reversed => Modifier::REVERSED,
            Self::CrossedOut => Modifier::CROSSED_OUT,
        }
    }
}

impl Theme {
    /// This theme with a theme file's text on top (`path` names it in errors and warnings);
    /// its colours only when `colours` (not under `NO_COLOR`). The theme and the keys it
    /// ignored.
    pub fn with_user_file(
        self,
        text: &str,
        path: &Path,
        colours: bool,
    ) -> Result<(Self, Vec<Unknown>), ConfigError> {
        let (file, unknown): (File, _) = parse_ron(text, path, EXAMPLE)?;
        let mut theme = self;
        file.apply(&mut theme, colours);
        Ok((theme, unknown))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn over_colours(text: &str) -> Result<(Theme, Vec<Unknown>), ConfigError> {
        Theme::color().with_user_file(text, Path::new("theme.ron"), true)
    }

    #[test]
    fn named_elements_are_restyled_and_the_rest_keep_their_defaults() {
        let (theme, unknown) = over_colours(
            "(\n    border_focus: (fg: \"light_blue\", modifiers: [bold]),\n    focus: (bg: \
             \"#303030\"),\n    matched: (fg: 214, bg: \"Dark Gray\", modifiers: [underlined, \
             italic]),\n    drop: (modifiers: []),\n)",
        )
        .unwrap();
        assert!(unknown.is_empty(), "{unknown:?}");
        let default = Theme::color();
        assert_eq!(
            theme.border_focus,
            Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(theme.focus, Style::new().bg(Color::Rgb(0x30, 0x30, 0x30)));
        assert_eq!(
            theme.matched,
            Style::new()
                .fg(Color::Indexed(214))
                .bg(Color::DarkGray)
                .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
        );
        assert_eq!(theme.drop, Style::new().fg(Color::LightCyan), "[] clears");
        let (mut rest, mut expected) = (theme, default);
        for t in [&mut rest, &mut expected] {
            (t.border_focus, t.focus, t.matched, t.drop) =
                (Style::new(), Style::new(), Style::new(), Style::new());
        }
        assert_eq!(rest, expected, "every other element as it was");
        // A colour kept when only the emphasis is given.
        let (theme, _) = over_colours("(focus_bar: (modifiers: [reversed]))").unwrap();
        assert_eq!(
            theme.focus_bar,
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::REVERSED)
        );
    }

    #[test]
    fn every_element_has_a_key() {
        for name in Theme::NAMES {
            let text = format!("({name}: (fg: \"#010203\"))");
            let (theme, unknown) = over_colours(&text).unwrap();
            assert!(unknown.is_empty(), "{name}");
            assert_ne!(theme, Theme::color(), "{name} restyled");
        }
        assert_eq!(Theme::NAMES.len(), 25);
    }

    /// The README's section on `theme.ron`.
    fn readme_section() -> &'static str {
        let readme = include_str!("../../../README.md");
        let start = readme.find("### Colours: `theme.ron`").unwrap();
        let end = start + readme[start..].find("\n## ").unwrap();
        &readme[start..end]
    }

    #[test]
    fn the_readme_documents_every_key_and_its_example_reads() {
        let section = readme_section();
        for name in Theme::NAMES {
            assert!(
                section.contains(&format!("\n| `{name}` | ")),
                "the README's theme table lacks {name}"
            );
        }
        let rows = section.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(rows, Theme::NAMES.len(), "no key the theme does not have");
        let start = section.find("```ron\n").unwrap() + "```ron\n".len();
        let example = &section[start..start + section[start..].find("```").unwrap()];
        let (theme, unknown) = over_colours(example).unwrap();
        assert!(unknown.is_empty(), "{unknown:?}");
        assert_eq!(theme.focus.bg, Some(Color::Rgb(0x30, 0x30, 0x30)));
    }

    #[test]
    fn a_file_that_cannot_be_read_names_line_and_column() {
        let err = over_colours("(\n  border: (fg: \"red\"\n  focus: (bg: 1),\n)").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().starts_with("theme.ron:3:"), "{err}");
        assert!(err.to_string().contains("(expected styles like"), "{err}");
        let err = over_colours("(\n  focus: (modifiers: [bald]),\n)").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("bald"), "{err}");
    }

    #[test]
    fn a_colour_that_is_no_colour_is_an_error_naming_it() {
        for (text, named) in [
            ("(border: (fg: \"lightblu\"))", "\"lightblu\""),
            ("(border: (fg: \"#12345\"))", "\"#12345\""),
            ("(border: (bg: 256))", "256"),
            ("(border: (bg: -1))", "-1"),
        ] {
            let err = over_colours(text).unwrap_err();
            assert_eq!(err.line, 1, "{err}");
            assert!(err.message.contains(named), "{text}: {err}");
            assert!(err.message.contains("#rrggbb"), "{err}");
        }
    }

    #[test]
    fn an_unknown_key_is_a_warning_naming_it() {
        let (theme, unknown) = over_colours(
            "(\n  bordr: (fg: \"red\"),\n  border: (fg: \"blue\", underline: true),\n)",
        )
        .unwrap();
        assert_eq!(theme.border, Style::new().fg(Color::Blue));
        let named: Vec<(usize, &str)> = unknown.iter().map(|u| (u.line, u.key.as_str())).collect();
        assert_eq!(named, [(2, "bordr"), (3, "border.underline")]);
        assert!(
            unknown[0]
                .to_string()
                .starts_with("theme.ron:2: unknown setting `bordr`"),
            "{}",
            unknown[0]
        );
    }

    #[test]
    fn under_no_color_the_colours_are_left_out_and_the_emphasis_applies() {
        let text = "(\n  focus: (bg: 237),\n  border: (fg: \"red\", modifiers: [bold]),\n  \
                    matched: (fg: \"#ff0000\", modifiers: [italic]),\n)";
        let (theme, _) = Theme::plain()
            .with_user_file(text, Path::new("theme.ron"), false)
            .unwrap();
        let plain = Theme::plain();
        assert_eq!(
            theme.focus, plain.focus,
            "no colour, the plain emphasis kept"
        );
        assert_eq!(theme.border, Style::new().add_modifier(Modifier::BOLD));
        assert_eq!(theme.matched, Style::new().add_modifier(Modifier::ITALIC));
        for style in [theme.focus, theme.border, theme.matched] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
    }
}
