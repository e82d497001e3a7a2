//! The card view: every field of the focused card.

use super::{App, Effect, Mode};
use crate::action::Action;
use crate::board::conflicts::Side;

impl App {
    pub(super) fn on_card(&mut self, action: Action, scroll: u16) -> Option<Effect> {
        match action {
            Action::ScrollUp => {
                self.mode = Mode::Card {
                    scroll: scroll.saturating_sub(1),
                };
            }
            Action::ScrollDown => {
                // Bounded by the card's lines before wrapping; the view stops at its last line.
                let max = self.focused_index().map_or(0, |i| {
                    let board = &self.stored.board;
                    let card = &board.cards[i];
                    (0..board.headers_of(card).len())
                        .map(|c| board.value(card, c).lines().count() + 3)
                        .sum::<usize>()
                });
                self.mode = Mode::Card {
                    scroll: scroll
                        .saturating_add(1)
                        .min(u16::try_from(max).unwrap_or(u16::MAX)),
                };
            }
            Action::Edit => {
                self.open_form();
                self.focus_form_on_conflict();
            }
            Action::NextConflict | Action::PrevConflict => {
                let delta = if action == Action::NextConflict {
                    1
                } else {
                    -1
                };
                self.step_conflict(delta);
                self.mode = Mode::Card { scroll };
            }
            Action::TakeMine | Action::TakeTheirs => {
                self.mode = Mode::Card { scroll };
                let side = if action == Action::TakeMine {
                    Side::Mine
                } else {
                    Side::Theirs
                };
                return self.take_side(side);
            }
            Action::Quit => return Some(Effect::Quit),
            Action::Suspend => {
                self.mode = Mode::Card { scroll };
                return Some(Effect::Suspend);
            }
            _ => {}
        }
        None
    }
}
