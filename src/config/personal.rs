//! Personal settings: `config.ron` in mdboard's config directory (`~/.config/mdboard/config.ron`
//! on Linux), beside `keys.ron` and `theme.ron`. Unlike `.mdboard.ron`, which a team shares
//! beside its documents, these are one person's, for every board.
//!
//! ```ron
//! (
//!     mouse: false,   // leave the mouse to the terminal: its own selection works
//! )
//! ```

use std::path::Path;

use serde::Deserialize;

use super::{ConfigError, Unknown, parse_ron};

/// The file's name in mdboard's config directory.
pub const FILE_NAME: &str = "config.ron";

const EXAMPLE: &str = "settings like ( mouse: false )";

/// One person's settings, for every board.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Personal {
    /// Whether the board takes the mouse (clicks, the wheel, dragging cards); without it the
    /// terminal's own selection works.
    pub mouse: bool,
}

impl Default for Personal {
    fn default() -> Self {
        Self { mouse: true }
    }
}

impl Personal {
    /// Reads the file's text (`path` names it in errors and warnings): the settings and the
    /// keys it ignored.
    pub fn parse(text: &str, path: &Path) -> Result<(Self, Vec<Unknown>), ConfigError> {
        parse_ron(text, path, EXAMPLE)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> Result<(Personal, Vec<Unknown>), ConfigError> {
        Personal::parse(text, Path::new("config.ron"))
    }

    #[test]
    fn the_mouse_is_on_unless_the_file_says_otherwise() {
        assert_eq!(parse("()").unwrap().0, Personal { mouse: true });
        let (p, unknown) = parse("(\n    mouse: false,\n)").unwrap();
        assert_eq!(p, Personal { mouse: false });
        assert!(unknown.is_empty());
    }

    #[test]
    fn the_readme_example() {
        let readme = include_str!("../../README.md");
        let section = readme.find("### Your settings: `config.ron`").unwrap();
        let start = section + readme[section..].find("```ron\n").unwrap() + "```ron\n".len();
        let example = &readme[start..start + readme[start..].find("```").unwrap()];
        let (p, unknown) = parse(example).unwrap();
        assert!(unknown.is_empty());
        assert!(!p.mouse);
    }

    #[test]
    fn a_bad_file_names_line_and_column_and_an_unknown_key_is_a_warning() {
        let err = parse("(\n    mouse: nope,\n)").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().starts_with("config.ron:2:"), "{err}");
        assert!(
            err.to_string()
                .ends_with("(expected settings like ( mouse: false ))")
        );
        let (p, unknown) = parse("(\n  mouse: false,\n  colour: true,\n)").unwrap();
        assert!(!p.mouse);
        assert_eq!((unknown[0].line, unknown[0].key.as_str()), (3, "colour"));
    }
}
