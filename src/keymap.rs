//! Keys as data: which key does what in which mode. The help screen and the status bar hints are
//! generated from here, so they never drift from what the keys do.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// A key with its modifiers, as bound. Letters carry their case; Shift is kept only for keys
/// that have no case (arrows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        Self { code, mods }
    }

    pub const fn plain(code: KeyCode) -> Self {
        Self::new(code, KeyModifiers::NONE)
    }

    pub const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub const fn shift(code: KeyCode) -> Self {
        Self::new(code, KeyModifiers::SHIFT)
    }

    /// The key of a terminal event, normalised for lookup.
    pub fn from_event(event: KeyEvent) -> Self {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift+")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::BackTab => f.write_str("Shift+Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other}"),
        }
    }
}

/// A key as a keymap file writes it: `x`, `X`, `ctrl+r`, `alt+x`, `shift+left`, `enter`, `esc`,
/// `tab`, `backtab`, `space`, `pgup`, `pgdn`, `home`, `end`, `up`, `down`, `left`, `right`,
/// `backspace`, `delete`, `f1`..`f12`.
pub fn parse_key(text: &str) -> Option<Key> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl+") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt+") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift+") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        if rest.len() == len {
            break;
        }
        mods |= m;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
            }
            _ => return None,
        },
    };
    // The same normalisation as a key from the terminal, so that `shift+h` is `H`.
    let code = match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_ascii_uppercase())
        }
        other => other,
    };
    Some(Key::from_event(KeyEvent::new(code, mods)))
}

/// Where a key is looked up: each mode has its own map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Board,
    Card,
    Help,
    Confirm,
    /// A line of text being entered (a file name): unbound keys type.
    Prompt,
    /// The edit form: unbound keys type into the field.
    Form,
    /// The list of states to move a card to.
    Picker,
    /// The search line: unbound keys type into the query.
    Search,
    /// The session's messages.
    Messages,
    /// The board's changes not written back.
    Changes,
    /// One field set on every marked card: unbound keys type into the value.
    Bulk,
    /// The list of hidden columns, to show one again.
    Hidden,
    /// The list of lanes to move cards to.
    Lanes,
}

impl Scope {
    /// The names a keymap file uses for the modes.
    pub const NAMES: [&'static str; 13] = [
        "board", "card", "help", "confirm", "prompt", "form", "picker", "search", "messages",
        "changes", "bulk", "hidden", "lanes",
    ];

    /// Every mode, in the order of [`Scope::NAMES`].
    pub const ALL: [Self; 13] = [
        Self::Board,
        Self::Card,
        Self::Help,
        Self::Confirm,
        Self::Prompt,
        Self::Form,
        Self::Picker,
        Self::Search,
        Self::Messages,
        Self::Changes,
        Self::Bulk,
        Self::Hidden,
        Self::Lanes,
    ];

    /// The mode a keymap file names.
    pub fn named(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name.trim()))
            .map(|i| Self::ALL[i])
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Board => "Board",
            Self::Card => "Card",
            Self::Help => "Help",
            Self::Confirm => "Question",
            Self::Prompt => "Prompt",
            Self::Form => "Edit form",
            Self::Picker => "Pick a state",
            Self::Search => "Search",
            Self::Messages => "Messages",
            Self::Changes => "Changes",
            Self::Bulk => "Set a field on marked cards",
            Self::Hidden => "Hidden columns",
            Self::Lanes => "Pick a lane",
        }
    }

    /// Whether keys no binding takes type into a text input (where `?` types, and Alt moves and
    /// deletes by words).
    pub fn takes_text(self) -> bool {
        matches!(self, Self::Prompt | Self::Form | Self::Search | Self::Bulk)
    }
}

/// What an action does in a mode, as the help says it: the board's wording where it fits, a
/// mode's own where the board's would mislead.
pub fn describe(action: Action, scope: Scope) -> &'static str {
    match (scope, action) {
        (Scope::Picker, Action::FocusUp) => "previous state",
        (Scope::Picker, Action::FocusDown) => "next state",
        (Scope::Picker, Action::Submit) => "move the card there (or press its number)",
        (Scope::Form, Action::Submit) => "save the card",
        (Scope::Form, Action::FocusUp) => "previous line (from the first: previous field)",
        (Scope::Form, Action::FocusDown) => "next line (from the last: next field)",
        (Scope::Search, Action::Submit) => "keep the filter and go to the best match",
        (Scope::Search, Action::Cancel) => "clear the filter",
        (Scope::Board, Action::Close) => "clear the marks, else the filter, else the message",
        (Scope::Help | Scope::Card, Action::Close) => "close",
        (Scope::Help, Action::Quit) => {
            "quit (over a form, a list, a question or a typed line: back to it)"
        }
        (Scope::Bulk, Action::Submit) => "set the value on every marked card",
        (Scope::Bulk, Action::Cancel) => "cancel: nothing is set",
        (Scope::Hidden, Action::FocusUp) => "previous hidden column",
        (Scope::Hidden, Action::FocusDown) => "next hidden column",
        (Scope::Hidden, Action::Submit) => "show it again",
        (Scope::Lanes, Action::FocusUp) => "previous lane",
        (Scope::Lanes, Action::FocusDown) => "next lane",
        (Scope::Lanes, Action::Submit) => "move the card (or the marked cards) there",
        (Scope::Card, Action::NextConflict) => "next conflict (on to the next card with one)",
        (Scope::Card, Action::PrevConflict) => "previous conflict",
        _ => action.describe(),
    }
}

/// A line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A mode's name, before its keys.
    Heading(Scope),
    /// Keys of a mode and what they do there.
    Keys(Scope, Vec<Key>, Action),
    /// A heading that names no mode (the mouse's, typing's).
    Section(&'static str),
    /// What the keymap does not bind and what it does: a mouse gesture, a key that edits text.
    Fixed(&'static str, &'static str),
    /// Between modes.
    Blank,
}

/// The bindings of every scope, in the order the help lists them.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Scope, Key, Action)>,
}

impl Default for Keymap {
    // One line per binding: a table, not logic.
    #[allow(clippy::too_many_lines)]
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Scope as S;
        let mut b = Vec::new();
        let mut bind = |scope: Scope, keys: &[Key], action: Action| {
            for &k in keys {
                b.push((scope, k, action));
            }
        };
        bind(S::Board, &[Key::ch('h'), Key::plain(K::Left)], A::FocusLeft);
        bind(
            S::Board,
            &[Key::ch('l'), Key::plain(K::Right)],
            A::FocusRight,
        );
        bind(S::Board, &[Key::ch('k'), Key::plain(K::Up)], A::FocusUp);
        bind(S::Board, &[Key::ch('j'), Key::plain(K::Down)], A::FocusDown);
        bind(
            S::Board,
            &[Key::ch('g'), Key::plain(K::Home)],
            A::FocusFirst,
        );
        bind(S::Board, &[Key::ch('G'), Key::plain(K::End)], A::FocusLast);
        bind(S::Board, &[Key::plain(K::PageUp)], A::PageUp);
        bind(S::Board, &[Key::plain(K::PageDown)], A::PageDown);
        bind(S::Board, &[Key::ch('H'), Key::shift(K::Left)], A::MoveLeft);
        bind(
            S::Board,
            &[Key::ch('L'), Key::shift(K::Right)],
            A::MoveRight,
        );
        bind(S::Board, &[Key::ch('K'), Key::shift(K::Up)], A::ReorderUp);
        bind(
            S::Board,
            &[Key::ch('J'), Key::shift(K::Down)],
            A::ReorderDown,
        );
        bind(S::Board, &[Key::ch('m')], A::PickState);
        bind(S::Board, &[Key::plain(K::Enter)], A::OpenCard);
        bind(S::Board, &[Key::ch('e')], A::Edit);
        bind(S::Board, &[Key::ch('E')], A::EditExternal);
        bind(S::Board, &[Key::ch('a')], A::Add);
        bind(S::Board, &[Key::ch('d')], A::Delete);
        bind(S::Board, &[Key::ch('u')], A::Undo);
        bind(S::Board, &[Key::ctrl('r'), Key::ch('U')], A::Redo);
        bind(S::Board, &[Key::ch('/')], A::Search);
        bind(S::Board, &[Key::ch('n')], A::NextMatch);
        bind(S::Board, &[Key::ch('N')], A::PrevMatch);
        bind(S::Board, &[Key::ch('z')], A::ToggleCollapse);
        bind(S::Board, &[Key::ch('c')], A::HideColumn);
        bind(S::Board, &[Key::ch('v'), Key::ch(' ')], A::ToggleMark);
        bind(S::Board, &[Key::ch('s')], A::CycleLanes);
        bind(S::Board, &[Key::ch('Z')], A::ToggleLane);
        bind(S::Board, &[Key::ch('S')], A::PickLane);
        bind(S::Board, &[Key::ch('C')], A::ShowHidden);
        bind(S::Board, &[Key::ch(']')], A::NextConflict);
        bind(S::Board, &[Key::ch('[')], A::PrevConflict);
        bind(S::Board, &[Key::ch('w')], A::Write);
        bind(S::Board, &[Key::ch('M')], A::Messages);
        bind(S::Board, &[Key::ch('D')], A::Changes);
        bind(S::Board, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);
        bind(S::Board, &[Key::plain(K::Esc)], A::Close);
        bind(S::Board, &[Key::ch('q'), Key::ctrl('c')], A::Quit);
        bind(S::Board, &[Key::ctrl('z')], A::Suspend);

        bind(S::Card, &[Key::ch('k'), Key::plain(K::Up)], A::ScrollUp);
        bind(S::Card, &[Key::ch('j'), Key::plain(K::Down)], A::ScrollDown);
        bind(S::Card, &[Key::ch('e')], A::Edit);
        bind(S::Card, &[Key::ch(']')], A::NextConflict);
        bind(S::Card, &[Key::ch('[')], A::PrevConflict);
        bind(S::Card, &[Key::ch('<')], A::TakeMine);
        bind(S::Card, &[Key::ch('>')], A::TakeTheirs);
        bind(S::Card, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);
        bind(
            S::Card,
            &[Key::plain(K::Esc), Key::plain(K::Enter), Key::ch('q')],
            A::Close,
        );
        bind(S::Card, &[Key::ctrl('c')], A::Quit);
        bind(S::Card, &[Key::ctrl('z')], A::Suspend);

        bind(S::Help, &[Key::ch('k'), Key::plain(K::Up)], A::ScrollUp);
        bind(S::Help, &[Key::ch('j'), Key::plain(K::Down)], A::ScrollDown);
        bind(
            S::Help,
            &[
                Key::plain(K::Esc),
                Key::ch('?'),
                Key::plain(K::F(1)),
                Key::ch('q'),
            ],
            A::Close,
        );
        bind(S::Help, &[Key::ctrl('c')], A::Quit);

        bind(S::Confirm, &[Key::ch('y'), Key::ch('Y')], A::Yes);
        bind(
            S::Confirm,
            &[
                Key::ch('n'),
                Key::ch('N'),
                Key::plain(K::Esc),
                Key::ctrl('c'),
            ],
            A::No,
        );
        bind(S::Confirm, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);

        bind(S::Prompt, &[Key::plain(K::Enter)], A::Submit);
        bind(S::Prompt, &[Key::plain(K::Esc), Key::ctrl('c')], A::Cancel);
        bind(S::Prompt, &[Key::plain(K::F(1))], A::Help);

        bind(S::Form, &[Key::plain(K::Enter)], A::Submit);
        bind(
            S::Form,
            &[Key::new(K::Enter, KeyModifiers::ALT), Key::ctrl('j')],
            A::NewLine,
        );
        bind(S::Form, &[Key::plain(K::Tab)], A::NextField);
        bind(S::Form, &[Key::plain(K::BackTab)], A::PrevField);
        bind(S::Form, &[Key::plain(K::Down)], A::FocusDown);
        bind(S::Form, &[Key::plain(K::Up)], A::FocusUp);
        bind(
            S::Form,
            &[Key::plain(K::PageDown), Key::ctrl('n')],
            A::NextChoice,
        );
        bind(
            S::Form,
            &[Key::plain(K::PageUp), Key::ctrl('p')],
            A::PrevChoice,
        );
        bind(S::Form, &[Key::plain(K::Esc), Key::ctrl('c')], A::Cancel);
        bind(S::Form, &[Key::plain(K::F(1))], A::Help);

        bind(S::Picker, &[Key::ch('k'), Key::plain(K::Up)], A::FocusUp);
        bind(
            S::Picker,
            &[Key::ch('j'), Key::plain(K::Down)],
            A::FocusDown,
        );
        bind(S::Picker, &[Key::plain(K::Enter)], A::Submit);
        bind(
            S::Picker,
            &[Key::plain(K::Esc), Key::ch('q'), Key::ctrl('c')],
            A::Cancel,
        );
        bind(S::Picker, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);

        bind(S::Messages, &[Key::ch('k'), Key::plain(K::Up)], A::ScrollUp);
        bind(
            S::Messages,
            &[Key::ch('j'), Key::plain(K::Down)],
            A::ScrollDown,
        );
        bind(
            S::Messages,
            &[Key::plain(K::Esc), Key::ch('q'), Key::ch('M')],
            A::Close,
        );
        bind(S::Messages, &[Key::ctrl('c')], A::Quit);
        bind(S::Messages, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);

        bind(S::Changes, &[Key::ch('k'), Key::plain(K::Up)], A::ScrollUp);
        bind(
            S::Changes,
            &[Key::ch('j'), Key::plain(K::Down)],
            A::ScrollDown,
        );
        bind(
            S::Changes,
            &[Key::plain(K::Esc), Key::ch('q'), Key::ch('D')],
            A::Close,
        );
        bind(S::Changes, &[Key::ctrl('c')], A::Quit);
        bind(S::Changes, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);

        bind(S::Search, &[Key::plain(K::Enter)], A::Submit);
        bind(S::Search, &[Key::plain(K::Esc), Key::ctrl('c')], A::Cancel);
        bind(S::Search, &[Key::plain(K::F(1))], A::Help);

        bind(S::Bulk, &[Key::plain(K::Enter)], A::Submit);
        bind(S::Bulk, &[Key::plain(K::Tab)], A::NextField);
        bind(S::Bulk, &[Key::plain(K::BackTab)], A::PrevField);
        bind(S::Bulk, &[Key::plain(K::Esc), Key::ctrl('c')], A::Cancel);
        bind(S::Bulk, &[Key::plain(K::F(1))], A::Help);

        // The two other lists to pick from take the state picker's keys, but no numbers.
        for scope in [S::Hidden, S::Lanes] {
            bind(scope, &[Key::ch('k'), Key::plain(K::Up)], A::FocusUp);
            bind(scope, &[Key::ch('j'), Key::plain(K::Down)], A::FocusDown);
            bind(scope, &[Key::plain(K::Enter)], A::Submit);
            bind(
                scope,
                &[Key::plain(K::Esc), Key::ch('q'), Key::ctrl('c')],
                A::Cancel,
            );
            bind(scope, &[Key::ch('?'), Key::plain(K::F(1))], A::Help);
        }
        Self { bindings: b }
    }
}

/// Why a user keymap file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error(
        "line {line}, column {column}: {message} (expected {{ \"board\": {{ \"x\": delete }} }})"
    )]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unknown mode {0:?} (the modes are: {modes})", modes = Scope::NAMES.join(", "))]
    Scope(String),
    #[error("{0:?} is not a key (keys look like x, X, ctrl+r, shift+left, enter, esc, pgdn, f2)")]
    Key(String),
}

impl Keymap {
    /// The default keymap with a user's keymap file (RON) on top: for each mode, keys bound to
    /// actions, e.g. `{ "board": { "x": delete, "ctrl+d": page_down } }`. A key bound there
    /// replaces what that key did in that mode; everything else stays.
    pub fn with_user_file(mut self, text: &str) -> Result<Self, KeymapError> {
        let file: std::collections::BTreeMap<String, std::collections::BTreeMap<String, Action>> =
            ron::from_str(text).map_err(|e| KeymapError::Syntax {
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        for (scope_name, keys) in file {
            let scope = Scope::named(&scope_name).ok_or(KeymapError::Scope(scope_name))?;
            for (key_name, action) in keys {
                let key = parse_key(&key_name).ok_or(KeymapError::Key(key_name))?;
                self.bindings
                    .retain(|(s, k, _)| !(*s == scope && *k == key));
                self.bindings.push((scope, key, action));
            }
        }
        Ok(self)
    }

    /// The action bound to a key in a scope.
    pub fn lookup(&self, scope: Scope, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(s, k, _)| *s == scope && *k == key)
            .map(|&(_, _, a)| a)
    }

    /// The first key bound to `action` in `scope` (the first of its keys in [`Keymap::entries`]).
    pub fn first_key(&self, scope: Scope, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|&&(s, _, a)| s == scope && a == action)
            .map(|&(_, k, _)| k)
    }

    /// The bindings of a scope grouped by action, in the order they were bound.
    pub fn entries(&self, scope: Scope) -> Vec<(Vec<Key>, Action)> {
        let mut out: Vec<(Vec<Key>, Action)> = Vec::new();
        for &(s, k, a) in &self.bindings {
            if s != scope {
                continue;
            }
            match out.iter_mut().find(|(_, action)| *action == a) {
                Some((keys, _)) => keys.push(k),
                None => out.push((vec![k], a)),
            }
        }
        out
    }

    /// The help asked from `of`: its keys first, then every other mode's, each under its name.
    pub fn help(&self, of: Scope) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        let others = Scope::ALL.into_iter().filter(|&s| s != of);
        for scope in std::iter::once(of).chain(others) {
            let entries = self.entries(scope);
            if entries.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(scope));
            lines.extend(
                entries
                    .into_iter()
                    .map(|(keys, action)| HelpLine::Keys(scope, keys, action)),
            );
        }
        lines
    }

    /// The keys of an action in a scope, written as the help writes them (`h/←`).
    pub fn keys_for(&self, scope: Scope, action: Action) -> String {
        self.bindings
            .iter()
            .filter(|(s, _, a)| *s == scope && *a == action)
            .map(|(_, k, _)| k.to_string())
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_and_arrows_are_told_apart() {
        let km = Keymap::default();
        let shift_h = Key::from_event(KeyEvent::new(KeyCode::Char('H'), KeyModifiers::SHIFT));
        assert_eq!(km.lookup(Scope::Board, shift_h), Some(Action::MoveLeft));
        let shift_left = Key::from_event(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT));
        assert_eq!(km.lookup(Scope::Board, shift_left), Some(Action::MoveLeft));
        let left = Key::from_event(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(km.lookup(Scope::Board, left), Some(Action::FocusLeft));
        let ctrl_r = Key::from_event(KeyEvent::new(
            KeyCode::Char('R'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ));
        assert_eq!(km.lookup(Scope::Board, ctrl_r), Some(Action::Redo));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        let km = Keymap::default();
        for (i, (s, k, _)) in km.bindings.iter().enumerate() {
            assert!(
                !km.bindings[..i]
                    .iter()
                    .any(|(s2, k2, _)| s2 == s && k2 == k),
                "{k} bound twice in {s:?}"
            );
        }
    }

    #[test]
    fn a_user_file_rebinds_keys_on_top_of_the_defaults() {
        let km = Keymap::default()
            .with_user_file(r#"{ "board": { "x": delete, "ctrl+d": page_down, "d": quit } }"#)
            .unwrap();
        assert_eq!(km.lookup(Scope::Board, Key::ch('x')), Some(Action::Delete));
        assert_eq!(
            km.lookup(Scope::Board, Key::ctrl('d')),
            Some(Action::PageDown)
        );
        assert_eq!(km.lookup(Scope::Board, Key::ch('d')), Some(Action::Quit));
        assert_eq!(
            km.lookup(Scope::Board, Key::ch('h')),
            Some(Action::FocusLeft)
        );
        assert_eq!(km.keys_for(Scope::Board, Action::Delete), "x");
    }

    #[test]
    fn a_bad_user_file_says_what_is_wrong() {
        let km = Keymap::default;
        assert!(matches!(
            km().with_user_file(r#"{ "bored": { "x": delete } }"#),
            Err(KeymapError::Scope(s)) if s == "bored"
        ));
        assert!(matches!(
            km().with_user_file(r#"{ "board": { "ctrl+": delete } }"#),
            Err(KeymapError::Key(_))
        ));
        let err = km()
            .with_user_file("{ \"board\": {\n \"x\": destroy } }")
            .unwrap_err();
        assert!(matches!(err, KeymapError::Syntax { line: 2, .. }), "{err}");
    }

    #[test]
    fn keys_are_written_as_people_write_them() {
        assert_eq!(parse_key("x"), Some(Key::ch('x')));
        assert_eq!(parse_key("shift+h"), Some(Key::ch('H')));
        assert_eq!(parse_key("Ctrl+R"), Some(Key::ctrl('r')));
        assert_eq!(parse_key("shift+left"), Some(Key::shift(KeyCode::Left)));
        assert_eq!(parse_key("pgdn"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(parse_key("f2"), Some(Key::plain(KeyCode::F(2))));
        assert_eq!(parse_key("+"), Some(Key::ch('+')));
        assert_eq!(parse_key("ctrl++"), Some(Key::ctrl('+')));
        assert_eq!(parse_key("nope"), None);
        assert_eq!(parse_key("f99"), None);
    }

    #[test]
    fn help_groups_keys_by_action() {
        let km = Keymap::default();
        assert_eq!(km.keys_for(Scope::Board, Action::FocusLeft), "h/←");
        assert_eq!(km.keys_for(Scope::Board, Action::Quit), "q/Ctrl+C");
        let entries = km.entries(Scope::Board);
        assert_eq!(entries[0].1, Action::FocusLeft);
        assert_eq!(entries[0].0.len(), 2);
    }
}
