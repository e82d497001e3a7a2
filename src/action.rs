//! Everything a key can ask for: the vocabulary of the keymap and of `update`.
//!
//! Below both: the keymap binds keys to these names and `app` carries them out, so neither needs
//! the other to say what a key does.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use serde::{Deserialize, Serialize};

/// An action a key is bound to. Named in `snake_case` so a keymap file can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Focus the previous column.
    FocusLeft,
    /// Focus the next column.
    FocusRight,
    /// Focus the previous card.
    FocusUp,
    /// Focus the next card.
    FocusDown,
    /// Focus the first card of the column.
    FocusFirst,
    /// Focus the last card of the column.
    FocusLast,
    /// Focus a screen of cards up.
    PageUp,
    /// Focus a screen of cards down.
    PageDown,
    /// Move the card to the previous state.
    MoveLeft,
    /// Move the card to the next state.
    MoveRight,
    /// Move the card up within its column.
    ReorderUp,
    /// Move the card down within its column.
    ReorderDown,
    /// Open the focused card.
    OpenCard,
    /// Collapse empty columns to a narrow strip, or expand them again.
    ToggleCollapse,
    /// Hide the focused column.
    HideColumn,
    /// Mark the focused card, or unmark it.
    ToggleMark,
    /// Lanes by the next column (or by table), or none.
    CycleLanes,
    /// Collapse the focused card's lane, or expand it.
    ToggleLane,
    /// Move the focused (or marked) cards to a lane picked from a list.
    PickLane,
    /// List the hidden columns, to show one again.
    ShowHidden,
    /// Write the board back into its markdown file.
    Write,
    /// Show the keys.
    Help,
    /// Show the session's messages, newest first.
    Messages,
    /// Show what the board changes that is not written back, as `mdboard changes` lists it.
    Changes,
    /// Close what is open.
    Close,
    /// Quit (the board is already saved).
    Quit,
    /// Suspend to the shell (`fg` comes back).
    Suspend,
    /// Scroll up.
    ScrollUp,
    /// Scroll down.
    ScrollDown,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Accept what was entered.
    Submit,
    /// Cancel what is open.
    Cancel,
    /// Edit the focused card in a form.
    Edit,
    /// Edit the focused card in $VISUAL / $EDITOR.
    EditExternal,
    /// Add a card to the focused column.
    Add,
    /// Delete the focused card (asks first).
    Delete,
    /// Move the focused card by picking a state.
    PickState,
    /// Undo the last change.
    Undo,
    /// Redo what was undone.
    Redo,
    /// A line break in the form's field.
    NewLine,
    /// Next field of the form.
    NextField,
    /// Previous field of the form.
    PrevField,
    /// Offer the next known state in the State field.
    NextChoice,
    /// Offer the previous known state in the State field.
    PrevChoice,
    /// Search the board.
    Search,
    /// Focus the next match.
    NextMatch,
    /// Focus the previous match.
    PrevMatch,
    /// A mouse gesture at a cell of the screen. Never bound to a key: the runtime makes it.
    #[serde(skip)]
    Mouse(Mouse),
}

/// A mouse gesture at a cell of the screen (0-based: column `x` from the left, row `y` from the
/// top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mouse {
    pub gesture: Gesture,
    pub x: u16,
    pub y: u16,
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gesture {
    /// The left button went down.
    Press,
    /// The left button went down a second time on the same cell, soon after the first (the
    /// runtime tells, by the clock).
    DoubleClick,
    /// The pointer moved with the left button down.
    Drag,
    /// The left button came up.
    Release,
    /// The wheel turned away from the user.
    WheelUp,
    /// The wheel turned towards the user.
    WheelDown,
}

impl Mouse {
    /// The gesture of a terminal mouse event; `None` for what mdboard does not use (other
    /// buttons, motion without a button, sideways scrolling).
    pub fn from_event(event: MouseEvent) -> Option<Self> {
        let gesture = match event.kind {
            MouseEventKind::Down(MouseButton::Left) => Gesture::Press,
            MouseEventKind::Drag(MouseButton::Left) => Gesture::Drag,
            MouseEventKind::Up(MouseButton::Left) => Gesture::Release,
            MouseEventKind::ScrollUp => Gesture::WheelUp,
            MouseEventKind::ScrollDown => Gesture::WheelDown,
            _ => return None,
        };
        Some(Self {
            gesture,
            x: event.column,
            y: event.row,
        })
    }
}

impl Action {
    /// The one-line description the help screen shows.
    pub fn describe(self) -> &'static str {
        match self {
            Self::FocusLeft => "previous column",
            Self::FocusRight => "next column",
            Self::FocusUp => "previous card",
            Self::FocusDown => "next card",
            Self::FocusFirst => "first card",
            Self::FocusLast => "last card",
            Self::PageUp => "a screen of cards up",
            Self::PageDown => "a screen of cards down",
            Self::MoveLeft => "move card to the previous state",
            Self::MoveRight => "move card to the next state",
            Self::ReorderUp => "move card up in its column",
            Self::ReorderDown => "move card down in its column",
            Self::OpenCard => "open the card",
            Self::ToggleCollapse => "collapse / expand empty columns",
            Self::HideColumn => "hide the column",
            Self::CycleLanes => "lanes: by the next column, by table, or none",
            Self::ToggleLane => "collapse / expand the card's lane",
            Self::PickLane => "move the card (or the marked cards) to a lane picked from a list",
            Self::ToggleMark => {
                "mark / unmark the card (H/L, m, d, e then act on every marked card)"
            }
            Self::ShowHidden => "list the hidden columns, to show one again",
            Self::Write => "write the board back into the markdown file",
            Self::Help => "show the keys",
            Self::Messages => "the session's messages, newest first",
            Self::Changes => "the changes not written back, by state",
            Self::Close => "close",
            Self::Quit => "quit (everything is saved)",
            Self::Suspend => "suspend to the shell (fg to come back)",
            Self::ScrollUp => "scroll up",
            Self::ScrollDown => "scroll down",
            Self::Yes => "yes",
            Self::No => "no",
            Self::Submit => "accept",
            Self::Cancel => "cancel",
            Self::Edit => "edit the card",
            Self::EditExternal => "edit the card in $VISUAL / $EDITOR",
            Self::Add => "add a card to this column",
            Self::Delete => "delete the card",
            Self::PickState => "move the card to a state picked from a list",
            Self::Undo => "undo",
            Self::Redo => "redo",
            Self::NewLine => "line break",
            Self::NextField => "next field",
            Self::PrevField => "previous field",
            Self::NextChoice => "next known state (in the State field)",
            Self::PrevChoice => "previous known state (in the State field)",
            Self::Search => "search",
            Self::NextMatch => "next best match",
            Self::PrevMatch => "previous best match",
            Self::Mouse(_) => "the mouse",
        }
    }
}
