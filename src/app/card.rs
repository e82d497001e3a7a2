//! The card view: every field of the focused card.

use super::{App, Effect, Mode};
use crate::action::Action;
use crate::board::Card;
use crate::board::conflicts::Side;

impl App {
    /// How long a card has been in its state as the board shows it (`312d`; `now` for a change
    /// not committed), and whether that is longer than the settings' stale threshold for the
    /// state; `None` without a history from git.
    pub fn age_of(&self, card: &Card) -> Option<(String, bool)> {
        let times = self.times.as_ref()?;
        let raw = self.stored.board.state_raw(card);
        let stale = self
            .stored
            .settings
            .stale_after(raw)
            .zip(times.days_in_state(card.id, raw))
            .is_some_and(|(limit, days)| days >= i64::from(limit));
        Some((times.age_of(card.id, raw), stale))
    }

    /// The focused card's timeline, one line a stint, oldest first; empty without a history.
    pub fn timeline_lines(&self) -> Vec<String> {
        let (Some(times), Some(i)) = (&self.times, self.focused_index()) else {
            return Vec::new();
        };
        let board = &self.stored.board;
        let card = &board.cards[i];
        times.lines(&times.of(card.id, board.state_raw(card)))
    }

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
                    let history = self.timeline_lines().len();
                    (0..board.headers_of(card).len())
                        .map(|c| board.value(card, c).lines().count() + 3)
                        .sum::<usize>()
                        + history
                        + if history > 0 { 2 } else { 0 }
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
