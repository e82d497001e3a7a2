//! Messages: the status line's, and the session's log that `M` shows, newest first.

use super::{App, Effect, Level, Message, Mode};
use crate::action::Action;

/// How many messages the session keeps: far more than a sitting makes, little memory.
pub const KEEP: usize = 1000;

impl App {
    /// Shows a message on the status line (whole, over the board, when it is too long for it,
    /// until the next key) and keeps it in the session's log.
    pub fn notify(&mut self, level: Level, text: impl Into<String>) {
        let message = Message {
            level,
            text: text.into(),
        };
        if self.log.len() >= KEEP {
            self.log.remove(0);
        }
        self.log.push(message.clone());
        self.message = Some(message);
        self.message_new = true;
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.notify(Level::Info, text);
    }

    pub(super) fn warn(&mut self, text: impl Into<String>) {
        self.notify(Level::Warning, text);
    }

    pub(super) fn fail(&mut self, text: impl Into<String>) {
        self.notify(Level::Error, text);
    }

    /// The messages view: scrolls, closes, quits.
    pub(super) fn on_messages(&mut self, action: Action, scroll: u16) -> Option<Effect> {
        self.mode = match action {
            Action::ScrollUp => Mode::Messages {
                scroll: scroll.saturating_sub(1),
            },
            // Bounded by the number of messages; the view stops at the last line.
            Action::ScrollDown => Mode::Messages {
                scroll: scroll
                    .saturating_add(1)
                    .min(u16::try_from(self.log.len()).unwrap_or(u16::MAX)),
            },
            Action::Quit => return Some(Effect::Quit),
            Action::Close | Action::Messages => Mode::Board,
            _ => Mode::Messages { scroll },
        };
        None
    }
}
