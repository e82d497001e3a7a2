//! The keys: those of the mode help was asked from first, then every other mode's.

use super::{App, Effect, Mode, input, mouse};
use crate::action::Action;
use crate::keymap::{HelpLine, Scope};

impl App {
    /// The help asked from `of`: its keys (where it takes text, the keys that edit it), what
    /// the mouse does, then every other mode's keys.
    pub fn help_lines(&self, of: Scope) -> Vec<HelpLine> {
        let mut lines = self.keymap.help(of);
        let mut after = Vec::new();
        if of.takes_text() {
            after.extend([HelpLine::Blank, HelpLine::Section("Typing")]);
            after.extend(input::TYPING.map(|(keys, does)| HelpLine::Fixed(keys, does)));
        }
        after.extend([HelpLine::Blank, HelpLine::Section("Mouse")]);
        if self.pointer.enabled {
            after.extend(mouse::GESTURES.map(|(what, does)| HelpLine::Fixed(what, does)));
        } else {
            after.push(HelpLine::Fixed(
                "off",
                "--no-mouse or mouse: false in config.ron; the terminal selects text",
            ));
        }
        let after_first = lines
            .iter()
            .position(|l| *l == HelpLine::Blank)
            .unwrap_or(lines.len());
        lines.splice(after_first..after_first, after);
        lines
    }

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
        of: Scope,
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
                let max = self.help_lines(of).len().saturating_sub(rows);
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
