//! The board itself: moving the focus, moving and reordering cards, and what the board's
//! keys open.

use ratatui_textarea::TextArea;

use super::{App, Effect, Focus, Mode, Search, editor};
use crate::action::Action;
use crate::board::{CardId, Change};

impl App {
    pub(super) fn on_board(&mut self, action: Action) -> Option<Effect> {
        let page = self.page();
        match action {
            Action::FocusLeft => self.step_column(-1),
            Action::FocusRight => self.step_column(1),
            Action::FocusUp if self.lanes_on() => self.step_lane_row(-1),
            Action::FocusDown if self.lanes_on() => self.step_lane_row(1),
            Action::FocusUp => self.step_row(-1),
            Action::FocusDown => self.step_row(1),
            Action::FocusFirst => self.focus.row = 0,
            Action::FocusLast => {
                self.focus.row = self.shown(self.focus.col).len().saturating_sub(1);
            }
            Action::PageUp => self.step_row(-isize::try_from(page).unwrap_or(1)),
            Action::PageDown => self.step_row(isize::try_from(page).unwrap_or(1)),
            Action::MoveLeft if !self.marked.is_empty() => return self.move_marked_step(-1),
            Action::MoveRight if !self.marked.is_empty() => return self.move_marked_step(1),
            Action::MoveLeft => return self.move_step(-1),
            Action::MoveRight => return self.move_step(1),
            Action::ToggleMark => self.toggle_mark(),
            Action::ReorderUp => return self.reorder(-1),
            Action::ReorderDown => return self.reorder(1),
            Action::OpenCard if self.focused_index().is_some() => {
                self.conflict_cursor = 0;
                self.mode = Mode::Card { scroll: 0 };
            }
            Action::ToggleCollapse => return Some(self.toggle_collapse()),
            Action::HideColumn => return self.hide_focused(),
            Action::CycleLanes => return Some(self.cycle_lanes()),
            Action::ToggleLane => return self.toggle_lane(),
            Action::PickLane => self.open_lane_picker(),
            Action::ShowHidden => self.open_hidden(),
            Action::Write => return self.write(),
            Action::Messages => self.mode = Mode::Messages { scroll: 0 },
            Action::Close if self.clear_marks() => {}
            Action::Changes => self.open_changes(),
            Action::Close if self.search.is_some() => {
                self.clear_search();
                self.say("search cleared");
            }
            Action::Close => self.message = None,
            Action::Search => {
                let search = self.search.get_or_insert_with(|| Search {
                    input: Box::new(TextArea::default()),
                    query: None,
                    error: None,
                    filtered: None,
                    pinned: Vec::new(),
                    ranked: None,
                });
                search.input.move_cursor(ratatui_textarea::CursorMove::End);
                self.mode = Mode::Search;
            }
            Action::NextConflict => self.jump_conflict(1),
            Action::PrevConflict => self.jump_conflict(-1),
            Action::NextMatch => self.jump_match(1),
            Action::PrevMatch => self.jump_match(-1),
            Action::Quit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Edit if !self.marked.is_empty() => self.open_bulk_edit(),
            Action::Edit => self.open_form(),
            Action::EditExternal => return self.edit_external(),
            Action::Add => self.open_add_form(),
            Action::Delete => self.ask_delete(),
            Action::PickState => {
                if let Some(id) = self
                    .focused_card_id()
                    .or_else(|| self.marked_ids().first().copied())
                {
                    self.mode = Mode::Picker {
                        id,
                        selected: self.focus.col,
                    };
                }
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            _ => {}
        }
        None
    }

    pub(super) fn step_column(&mut self, delta: isize) {
        let mut col = self.focus.col;
        loop {
            let Some(next) = col
                .checked_add_signed(delta)
                .filter(|&c| c < self.columns.len())
            else {
                return;
            };
            col = next;
            let collapsed = self.stored.view.collapse_empty && self.shown(col).is_empty();
            if !(collapsed || self.is_hidden(col)) {
                break;
            }
        }
        let rows = self.shown(col).len();
        if self.lanes_on() {
            // The same lane, where the new column has cards in it.
            let row = self.lane_row_in(col).unwrap_or(0);
            self.focus = Focus { col, row };
            return;
        }
        // Keep the same screen row where the new column allows.
        let screen_row = self
            .focus
            .row
            .saturating_sub(self.row_offset(self.focus.col));
        let row = (self.row_offset(col) + screen_row).min(rows.saturating_sub(1));
        self.focus = Focus { col, row };
    }

    pub(super) fn step_row(&mut self, delta: isize) {
        let rows = self.shown(self.focus.col).len();
        let row = self.focus.row.saturating_add_signed(delta);
        self.focus.row = row.min(rows.saturating_sub(1));
    }

    pub(super) fn row_offset(&self, col: usize) -> usize {
        self.row_offsets.get(col).copied().unwrap_or(0)
    }

    /// The next column shown `delta` from column `from`: a hidden column is passed over (`m`
    /// still moves a card there); `None` past the first or the last.
    pub(super) fn next_shown(&self, from: usize, delta: isize) -> Option<usize> {
        let mut to = from.checked_add_signed(delta);
        while let Some(c) = to.filter(|&c| c < self.columns.len() && self.is_hidden(c)) {
            to = c.checked_add_signed(delta);
        }
        to.filter(|&c| c < self.columns.len())
    }

    pub(super) fn move_step(&mut self, delta: isize) -> Option<Effect> {
        let id = self.focused_card_id()?;
        let Some(to) = self.next_shown(self.focus.col, delta) else {
            self.say(if delta < 0 {
                "already in the first column"
            } else {
                "already in the last column"
            });
            return None;
        };
        self.move_card(id, to)
    }

    /// Moves a card into the state of column `to`; the focus follows it.
    pub(super) fn move_card(&mut self, id: CardId, to: usize) -> Option<Effect> {
        let column = self.columns.get(to)?;
        let name = column.name.clone();
        let change = self.stored.board.move_to(id, column);
        if change.is_none() {
            self.say(format!("already in {name}"));
            return None;
        }
        let effect = self.commit(change, Some(id));
        if effect.is_some() {
            let note = self.limit_note(to);
            self.say(format!("moved to {name}{note}"));
        }
        effect
    }

    pub(super) fn reorder(&mut self, delta: isize) -> Option<Effect> {
        let id = self.focused_card_id()?;
        let change = if self.filtering() {
            // Past the next card shown: the hidden cards in between keep their places.
            let from = self.focused_index()?;
            self.focus
                .row
                .checked_add_signed(delta)
                .and_then(|row| self.shown(self.focus.col).get(row))
                .map(|&to| Change::Reorder { id, from, to })
        } else {
            self.stored.board.reorder(id, &self.columns, delta)
        };
        if change.is_none() {
            self.say(if delta < 0 {
                "already the first card of its column"
            } else {
                "already the last card of its column"
            });
            return None;
        }
        self.commit(change, Some(id))
    }

    pub(super) fn write(&mut self) -> Option<Effect> {
        if !self.stored.conflicts.is_empty() {
            self.refuse_conflicts(self.stored.conflicts.len());
            return None;
        }
        if self.stored.source.is_some() {
            return Some(Effect::Write {
                to: None,
                overwrite: false,
            });
        }
        let mut input = TextArea::new(vec!["projects.md".to_owned()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        self.mode = Mode::Prompt {
            title: "Write the board to which file?".to_owned(),
            input: Box::new(input),
        };
        None
    }

    pub(super) fn edit_external(&mut self) -> Option<Effect> {
        let id = self.focused_card_id()?;
        if self.refuse_read_only() {
            return None;
        }
        let text = match self.editor_draft.take() {
            Some((draft_id, text)) if draft_id == id => text,
            _ => {
                let board = &self.stored.board;
                let card = board.card(id)?;
                editor::to_text(board, card)
            }
        };
        Some(Effect::EditExternal { id, text })
    }
}
