//! The keys: those of the mode help was asked from first, then every other mode's.

use super::{App, Effect, Mode};
use crate::action::Action;

impl App {
    /// Opens the help over the mode in force, which it goes back to.
    pub(super) fn open_help(&mut self) {
        let back = std::mem::replace(&mut self.mode, Mode::Board);
        self.mode = Mode::Help {
            of: back.scope(),
            scroll: 0,
            back: Box::new(back),
        };
    }

    pub(super) fn on_help(
        &mut self,
        action: Action,
        of: crate::keymap::Scope,
        scroll: u16,
        back: Box<Mode>,
    ) -> Option<Effect> {
        self.mode = match action {
            Action::ScrollUp => Mode::Help {
                of,
                scroll: scroll.saturating_sub(1),
                back,
            },
            Action::ScrollDown => {
                // As far as the last key shows, no further.
                let rows = usize::from(self.viewport.1.saturating_sub(2));
                let max = self.keymap.help(of).len().saturating_sub(rows);
                Mode::Help {
                    of,
                    scroll: scroll
                        .saturating_add(1)
                        .min(u16::try_from(max).unwrap_or(u16::MAX)),
                    back,
                }
            }
            // Quitting from over a form, a question or a line being typed would drop what is
            // there unasked: from those it goes back instead.
            Action::Quit
                if matches!(
                    *back,
                    Mode::Board | Mode::Card { .. } | Mode::Messages { .. } | Mode::Changes { .. }
                ) =>
            {
                return Some(Effect::Quit);
            }
            _ => *back,
        };
        None
    }
}
