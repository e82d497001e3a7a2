//! What the mouse does: a click focuses, a double click opens, the wheel scrolls the column under
//! the pointer, a card dragged onto another column moves there and within its column reorders.
//!
//! Pure like the rest of `update`: the runtime turns terminal events into [`Mouse`] actions and
//! tells a double click by the clock; where things are comes from [`super::hit`].

use super::hit::Spot;
use super::{App, Effect, Focus, Mode};
use crate::action::{Action, Gesture, Mouse};
use crate::board::{CardId, Change};

/// The mouse's part of the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// Whether the runtime reports the mouse (else the terminal keeps it for its selection).
    pub enabled: bool,
    /// A card held by the left button.
    pub drag: Option<Drag>,
}

impl Default for Pointer {
    fn default() -> Self {
        Self {
            enabled: true,
            drag: None,
        }
    }
}

/// A card pressed on, perhaps being dragged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drag {
    pub id: CardId,
    /// The column it was picked up from.
    pub col: usize,
    /// Where the button went down.
    pub at: (u16, u16),
    /// Whether the pointer has left that cell since: a press and release on one cell is a click.
    pub moved: bool,
    /// The column under the pointer.
    pub over: Option<usize>,
}

/// Cards the wheel scrolls by, a turn.
const WHEEL_STEP: usize = 1;

/// What the mouse does, as the help says it: on the board, then in the windows over it.
pub const GESTURES: [(&str, &str); 7] = [
    ("click", "focus a card, or a column by its heading"),
    ("double click", "open the card"),
    ("wheel", "scroll the column under the pointer"),
    ("drag a card", "onto another column: move it there"),
    ("", "within its column: reorder it"),
    (
        "click / wheel",
        "close / scroll the card, the help, the messages",
    ),
    ("wheel", "walk the lists: states, hidden columns, lanes"),
];

impl App {
    /// Carries out a mouse action.
    pub(super) fn on_mouse(&mut self, m: Mouse) -> Option<Effect> {
        if m.gesture != Gesture::Drag {
            self.message_new = false;
        }
        match (&self.mode, m.gesture) {
            (Mode::Board, _) => return self.mouse_on_board(m),
            (Mode::Search, Gesture::WheelUp | Gesture::WheelDown) => self.wheel(m),
            (Mode::Card { .. } | Mode::Help { .. } | Mode::Messages { .. }, gesture) => {
                let action = match gesture {
                    Gesture::Press => Action::Close,
                    Gesture::WheelUp => Action::ScrollUp,
                    Gesture::WheelDown => Action::ScrollDown,
                    _ => return None,
                };
                return self.update(action);
            }
            // The lists: the wheel walks them as the arrows do.
            (
                Mode::Picker { .. } | Mode::Hidden { .. } | Mode::LanePicker { .. },
                Gesture::WheelUp,
            ) => return self.update(Action::FocusUp),
            (
                Mode::Picker { .. } | Mode::Hidden { .. } | Mode::LanePicker { .. },
                Gesture::WheelDown,
            ) => return self.update(Action::FocusDown),
            // A question, a form, a line being typed: a stray click must not decide for them.
            _ => {}
        }
        None
    }

    fn mouse_on_board(&mut self, m: Mouse) -> Option<Effect> {
        let spot = self.spot_at(m.x, m.y);
        match m.gesture {
            Gesture::Press => {
                self.pointer.drag = None;
                match spot? {
                    Spot::Card { col, row } => {
                        self.focus = Focus { col, row };
                        self.pointer.drag = self.focused_card_id().map(|id| Drag {
                            id,
                            col,
                            at: (m.x, m.y),
                            moved: false,
                            over: Some(col),
                        });
                    }
                    Spot::Heading(col) => self.focus_column(col),
                    Spot::Lane { lane, .. } => return self.toggle_lane_at(lane),
                    Spot::Column(_) => {}
                }
            }
            Gesture::DoubleClick => {
                self.pointer.drag = None;
                if let Some(Spot::Card { col, row }) = spot {
                    self.focus = Focus { col, row };
                    return self.update(Action::OpenCard);
                }
            }
            Gesture::Drag => {
                if let Some(drag) = &mut self.pointer.drag {
                    drag.moved |= drag.at != (m.x, m.y);
                    drag.over = spot.map(Spot::col);
                }
            }
            Gesture::Release => {
                let drag = self.pointer.drag.take()?;
                let over = spot.map(Spot::col).filter(|_| drag.moved)?;
                if over != drag.col {
                    return self.move_card(drag.id, over);
                }
                let row = self.drop_row(over, m.y)?;
                return self.reorder_to(drag.id, over, row);
            }
            Gesture::WheelUp | Gesture::WheelDown => self.wheel(m),
        }
        None
    }

    /// Focuses a column: the first card it shows.
    fn focus_column(&mut self, col: usize) {
        let rows = self.shown(col).len();
        let row = self.row_offsets.get(col).copied().unwrap_or(0);
        self.focus = Focus {
            col,
            row: row.min(rows.saturating_sub(1)),
        };
    }

    /// Scrolls the column under the pointer by a card; the focus stays on screen.
    fn wheel(&mut self, m: Mouse) {
        let Some(col) = self.spot_at(m.x, m.y).map(Spot::col) else {
            return;
        };
        if self.lanes_on() {
            // In lanes the wheel goes through the column's cards, lane after lane.
            if col != self.focus.col {
                self.focus = Focus { col, row: 0 };
            }
            self.step_lane_row(if m.gesture == Gesture::WheelUp { -1 } else { 1 });
            return;
        }
        let page = self.page();
        let last = self.shown(col).len().saturating_sub(page);
        let Some(offset) = self.row_offsets.get_mut(col) else {
            return;
        };
        *offset = if m.gesture == Gesture::WheelUp {
            offset.saturating_sub(WHEEL_STEP)
        } else {
            (*offset + WHEEL_STEP).min(last)
        };
        let offset = *offset;
        if col == self.focus.col {
            self.focus.row = self.focus.row.clamp(offset, offset + page - 1);
        }
    }

    /// Moves a card within its column `col` to `row` (an index into what the column shows), as
    /// repeated `J`/`K` would: among the cards of its own table, one undo step.
    fn reorder_to(&mut self, id: CardId, col: usize, row: usize) -> Option<Effect> {
        let board = &self.stored.board;
        let from = board.index_of(id)?;
        let table = board.cards[from].table;
        let shown = self.shown(col);
        // The nearest card of its table to where it was dropped: a card stays in its table.
        let to = shown
            .iter()
            .enumerate()
            .filter(|&(_, &i)| board.cards[i].table == table)
            .min_by_key(|&(r, _)| r.abs_diff(row))
            .map(|(_, &i)| i)?;
        if to == from {
            return None;
        }
        self.commit(Some(Change::Reorder { id, from, to }), Some(id))
    }

    /// Whether a card is being dragged (the pointer has moved since the press).
    pub fn dragging(&self) -> Option<&Drag> {
        self.pointer.drag.as_ref().filter(|d| d.moved)
    }
}
