//! Picking the state to move a card to.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Mode};
use crate::action::Action;
use crate::board::CardId;

impl App {
    pub(super) fn on_picker(
        &mut self,
        action: Action,
        id: CardId,
        selected: usize,
    ) -> Option<Effect> {
        let last = self.columns.len().saturating_sub(1);
        match action {
            Action::FocusUp => {
                self.mode = Mode::Picker {
                    id,
                    selected: selected.saturating_sub(1),
                };
            }
            Action::FocusDown => {
                self.mode = Mode::Picker {
                    id,
                    selected: (selected + 1).min(last),
                };
            }
            Action::Submit => return self.move_targets_to(id, selected),
            _ => {}
        }
        None
    }

    /// A digit picks a state by its number: 1 to 9, then 0 for the tenth.
    pub(super) fn pick_by_number(&mut self, id: CardId, event: KeyEvent) -> Option<Effect> {
        if let KeyCode::Char(c @ '0'..='9') = event.code {
            let n = c.to_digit(10).unwrap_or(0) as usize;
            let pick = if n == 0 { 9 } else { n - 1 };
            if pick < self.columns.len() {
                self.mode = Mode::Board;
                let effect = self.move_targets_to(id, pick);
                // Not through `update`: keep the card's new column in view here.
                self.scroll_into_view();
                return effect;
            }
        }
        None
    }
}
