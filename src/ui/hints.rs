//! The line of key hints at the bottom: a few keys of the current mode, from the keymap.

use ratatui::text::{Line, Span};

use super::text;
use super::theme::Theme;
use crate::action::Action;
use crate::app::App;
use crate::keymap::{self, Scope};

/// The hints for the current mode, as many whole ones as fit in `width`.
pub fn line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let scope = app.mode.scope();
    let mut items = items(app, scope);
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

type Hint = Option<(String, String)>;

/// The board's hints: while dragging, read-only (only what works there), with conflicts, with
/// cards marked, with a filter, or plain.
fn board(
    app: &App,
    one: &dyn Fn(Action, &str) -> Hint,
    pair: &dyn Fn(Action, Action, &str) -> Hint,
) -> Vec<Hint> {
    if app.dragging().is_some() {
        return vec![super::drag::hint(app)];
    }
    if app.read_only.is_some() {
        return vec![
            one(Action::OpenCard, "open"),
            one(Action::Search, "search"),
            one(Action::Messages, "messages"),
            one(Action::Help, "help"),
            one(Action::Quit, "quit"),
        ];
    }
    if !app.marked.is_empty() {
        return vec![
            one(Action::ToggleMark, "mark"),
            pair(Action::MoveLeft, Action::MoveRight, "move marked"),
            one(Action::PickState, "move to"),
            one(Action::Edit, "set a field"),
            one(Action::Delete, "delete"),
            one(Action::Close, "clear marks"),
            one(Action::Undo, "undo"),
            one(Action::Help, "help"),
        ];
    }
    if app.filtering() {
        return vec![
            pair(Action::NextMatch, Action::PrevMatch, "matches"),
            one(Action::Close, "clear filter"),
            one(Action::Search, "edit query"),
            pair(Action::MoveLeft, Action::MoveRight, "move"),
            one(Action::OpenCard, "open"),
            one(Action::Edit, "edit"),
            one(Action::Undo, "undo"),
            one(Action::Help, "help"),
            one(Action::Quit, "quit"),
        ];
    }
    if !app.stored.conflicts.is_empty() {
        return vec![
            pair(Action::NextConflict, Action::PrevConflict, "conflicts"),
            one(Action::OpenCard, "open"),
            pair(Action::MoveLeft, Action::MoveRight, "move"),
            one(Action::Edit, "edit"),
            one(Action::Search, "search"),
            one(Action::Undo, "undo"),
            one(Action::Help, "help"),
            one(Action::Quit, "quit"),
        ];
    }
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
    if app.unwritten {
        items.insert(items.len() - 2, one(Action::Changes, "changes"));
    }
    items
}

/// The card view's hints when it is read-only, or the card has conflicts.
fn special_card(
    app: &App,
    one: &dyn Fn(Action, &str) -> Hint,
    pair: &dyn Fn(Action, Action, &str) -> Hint,
) -> Vec<Hint> {
    if app.read_only.is_some() {
        return vec![
            pair(Action::ScrollDown, Action::ScrollUp, "scroll"),
            one(Action::Close, "close"),
            one(Action::Help, "help"),
        ];
    }
    vec![
        one(Action::TakeMine, "keep mine"),
        one(Action::TakeTheirs, "take theirs"),
        pair(
            Action::NextConflict,
            Action::PrevConflict,
            "next / previous conflict",
        ),
        one(Action::Edit, "edit"),
        one(Action::Close, "close"),
    ]
}

/// The hints of a mode, most useful first: (keys, what they do).
fn items(app: &App, scope: Scope) -> Vec<(String, String)> {
    let km = &app.keymap;
    let first = |a: Action| km.first_key(scope, a).map(|k| k.to_string());
    let pair = |a: Action, b: Action, what: &str| match (first(a), first(b)) {
        (Some(x), Some(y)) => Some((format!("{x}/{y}"), what.to_owned())),
        _ => None,
    };
    let one = |a: Action, what: &str| first(a).map(|k| (k, what.to_owned()));
    let items: Vec<Option<(String, String)>> = match scope {
        Scope::Board => board(app, &one, &pair),
        Scope::Card
            if app.read_only.is_some()
                || app.focused_index().is_some_and(|i| app.has_conflict(i)) =>
        {
            special_card(app, &one, &pair)
        }
        Scope::Hidden => vec![
            pair(Action::FocusDown, Action::FocusUp, "choose"),
            one(Action::Submit, "show it"),
            one(Action::Cancel, "cancel"),
        ],
        Scope::Lanes => vec![
            pair(Action::FocusDown, Action::FocusUp, "choose"),
            one(Action::Submit, "move"),
            one(Action::Cancel, "cancel"),
        ],
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
        Scope::Bulk => vec![
            one(Action::Submit, "set on every marked card"),
            pair(Action::NextField, Action::PrevField, "field"),
            one(Action::Cancel, "cancel"),
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
            // The keys of conflicts, where there are none, are not worth the room.
            .filter(|(_, a)| {
                !matches!(
                    a,
                    Action::NextConflict
                        | Action::PrevConflict
                        | Action::TakeMine
                        | Action::TakeTheirs
                )
            })
            .map(|(keys, a)| {
                keys.first()
                    .map(|k| (k.to_string(), keymap::describe(a, scope).to_owned()))
            })
            .collect(),
    };
    items.into_iter().flatten().collect()
}
