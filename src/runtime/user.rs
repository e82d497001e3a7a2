//! The user's own files in mdboard's config directory (`~/.config/mdboard/` on Linux):
//! `keys.ron`, `theme.ron` and `config.ron`. A file that cannot be used is reported, not fatal:
//! the defaults stand in for it.

use std::io;
use std::path::{Path, PathBuf};

use crate::app::Level;
use crate::config::{ConfigError, Personal, Unknown, personal};
use crate::keymap::Keymap;
use crate::ui::{Theme, theme};

/// What the user's files make of the board, and what was wrong with them.
#[derive(Debug)]
pub struct User {
    pub keymap: Keymap,
    pub theme: Theme,
    pub personal: Personal,
    /// Files that could not be used (errors) and keys they have that mdboard does not know
    /// (warnings, as information), each naming its file.
    pub notices: Vec<(Level, String)>,
}

/// mdboard's config directory.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "mdboard").map(|d| d.config_dir().to_owned())
}

/// Reads the user's files from `dir` (none without one); under `no_color` the theme is the
/// plain one, the file's emphasis over it and its colours left out.
pub fn load(dir: Option<&Path>, no_color: bool) -> User {
    let mut notices = Vec::new();
    let keymap = from_file(
        dir,
        "keys.ron",
        "default keys",
        &mut notices,
        |path, text| {
            Keymap::default()
                .with_user_file(text)
                .map(|keymap| (keymap, Vec::new()))
                .map_err(|e| format!("{}: {e}", path.display()))
        },
    )
    .unwrap_or_default();
    let base = if no_color {
        Theme::plain()
    } else {
        Theme::color()
    };
    let theme = from_file(
        dir,
        theme::FILE_NAME,
        "default theme",
        &mut notices,
        |path, text| said(base.with_user_file(text, path, !no_color)),
    )
    .unwrap_or(base);
    let personal = from_file(
        dir,
        personal::FILE_NAME,
        "default settings",
        &mut notices,
        |path, text| said(Personal::parse(text, path)),
    )
    .unwrap_or_default();
    User {
        keymap,
        theme,
        personal,
        notices,
    }
}

/// A settings file read, its warnings and its error as the messages say them.
fn said<T>(read: Result<(T, Vec<Unknown>), ConfigError>) -> Result<(T, Vec<String>), String> {
    read.map(|(value, unknown)| (value, unknown.iter().map(ToString::to_string).collect()))
        .map_err(|e| e.to_string())
}

/// What `parse` makes of file `name` in `dir`: `None` when there is none, or when it cannot be
/// used (said in `notices`, with `fallback`: what is used instead). Its warnings go to
/// `notices` too.
fn from_file<T>(
    dir: Option<&Path>,
    name: &str,
    fallback: &str,
    notices: &mut Vec<(Level, String)>,
    parse: impl FnOnce(&Path, &str) -> Result<(T, Vec<String>), String>,
) -> Option<T> {
    let path = dir?.join(name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            notices.push((Level::Error, format!("{}: {e}; {fallback}", path.display())));
            return None;
        }
    };
    match parse(&path, &text) {
        Ok((value, warnings)) => {
            notices.extend(warnings.into_iter().map(|w| (Level::Warning, w)));
            Some(value)
        }
        Err(e) => {
            notices.push((Level::Error, format!("{e}; {fallback}")));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::action::Action;
    use crate::keymap::{Key, Scope};

    #[test]
    fn no_directory_or_no_files_is_the_defaults_unremarked() {
        let none = load(None, false);
        assert!(none.personal.mouse);
        assert!(none.notices.is_empty());
        let dir = tempfile::tempdir().unwrap();
        let empty = load(Some(dir.path()), false);
        assert!(empty.personal.mouse);
        assert!(empty.notices.is_empty());
    }

    #[test]
    fn the_files_are_read_and_their_unknown_keys_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.ron"), "(mouse: false, sound: true)").unwrap();
        std::fs::write(
            dir.path().join("keys.ron"),
            r#"{ "board": { "x": delete } }"#,
        )
        .unwrap();
        let user = load(Some(dir.path()), false);
        assert!(!user.personal.mouse);
        assert_eq!(
            user.keymap.lookup(Scope::Board, Key::ch('x')),
            Some(Action::Delete)
        );
        assert_eq!(user.notices.len(), 1, "{:?}", user.notices);
        let (level, text) = &user.notices[0];
        assert_eq!(*level, Level::Warning, "a setting ignored is a warning");
        assert!(
            text.contains("config.ron:1: unknown setting `sound`"),
            "{text}"
        );
    }

    #[test]
    fn the_theme_file_is_put_over_the_defaults_and_no_color_leaves_its_colours_out() {
        use ratatui::style::{Color, Modifier};
        let dir = tempfile::tempdir().unwrap();
        let text = "(border: (fg: \"blue\", modifiers: [bold]))";
        std::fs::write(dir.path().join("theme.ron"), text).unwrap();
        let user = load(Some(dir.path()), false);
        assert!(user.notices.is_empty(), "{:?}", user.notices);
        assert_eq!(user.theme.border.fg, Some(Color::Blue));
        assert_eq!(user.theme.dim, Theme::color().dim);
        let user = load(Some(dir.path()), true);
        assert_eq!(user.theme.border.fg, None);
        assert_eq!(user.theme.border.add_modifier, Modifier::BOLD);
        assert_eq!(user.theme.dim, Theme::plain().dim);
        // Without a file, NO_COLOR is the plain theme.
        assert_eq!(load(None, true).theme, Theme::plain());
        assert_eq!(load(None, false).theme, Theme::color());
    }

    #[test]
    fn a_theme_that_cannot_be_read_is_reported_and_the_default_theme_used() {
        let dir = tempfile::tempdir().unwrap();
        let text = "(\n  border: (fg: \"blue\"),\n  focus: (fg: \"bleu\"),\n)";
        std::fs::write(dir.path().join("theme.ron"), text).unwrap();
        let user = load(Some(dir.path()), false);
        assert_eq!(user.theme, Theme::color(), "none of the file");
        let [(level, text)] = user.notices.as_slice() else {
            panic!("{:?}", user.notices);
        };
        assert_eq!(*level, Level::Error);
        assert!(text.contains("theme.ron:3:"), "{text}");
        assert!(text.contains("\"bleu\" is not a colour"), "{text}");
        assert!(text.ends_with("; default theme"), "{text}");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_reported_with_line_and_column_and_the_defaults_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.ron"), "(\n  mouse: off,\n)").unwrap();
        std::fs::write(
            dir.path().join("keys.ron"),
            "{ \"board\": {\n \"x\": nothing } }",
        )
        .unwrap();
        let user = load(Some(dir.path()), false);
        assert!(user.personal.mouse, "the default");
        assert_eq!(user.keymap.lookup(Scope::Board, Key::ch('x')), None);
        let texts: Vec<&str> = user.notices.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(user.notices.iter().all(|(l, _)| *l == Level::Error));
        assert!(
            texts[0].contains("keys.ron: line 2, column"),
            "{}",
            texts[0]
        );
        assert!(texts[0].ends_with("; default keys"), "{}", texts[0]);
        assert!(texts[1].contains("config.ron:2:"), "{}", texts[1]);
        assert!(texts[1].ends_with("; default settings"), "{}", texts[1]);
    }
}
