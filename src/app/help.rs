//! The keys of a mode, listed.

use super::{App, Effect, Mode};
use crate::action::Action;
use crate::keymap::Scope;

impl App {
    pub(super) fn on_help(&mut self, action: Action, of: Scope, scroll: u16) -> Option<Effect> {
        self.mode = match action {
            Action::ScrollUp => Mode::Help {
                of,
                scroll: scroll.saturating_sub(1),
            },
            Action::ScrollDown => {
                // As far as the last key shows, no further.
                let rows = usize::from(self.viewport.1.saturating_sub(2));
                let max = self.keymap.entries(of).len().saturating_sub(rows);
                Mode::Help {
                    of,
                    scroll: scroll
                        .saturating_add(1)
                        .min(u16::try_from(max).unwrap_or(u16::MAX)),
                }
            }
            Action::Quit => return Some(Effect::Quit),
            _ => match of {
                Scope::Card => Mode::Card { scroll: 0 },
                _ => Mode::Board,
            },
        };
        None
    }
}
