//! Which columns show and how: `c` hides the focused column, `C` lists the hidden ones to bring
//! back, `z` collapses empty ones to strips. Kept with the board (`Stored::view`), so a restart
//! shows the board as it was left.

use super::layout::{self, Shape};
use super::{App, Effect, Mode};
use crate::action::Action;

impl App {
    /// Whether column `col` is hidden.
    pub fn is_hidden(&self, col: usize) -> bool {
        self.columns
            .get(col)
            .is_some_and(|c| self.stored.view.hidden.contains(&c.key))
    }

    /// Whether column `col` is drawn as a strip: an empty column, collapsed, not focused.
    pub fn is_collapsed(&self, col: usize) -> bool {
        self.stored.view.collapse_empty
            && !self.is_hidden(col)
            && self.shown(col).is_empty()
            && col != self.focus.col
    }

    /// How each column is drawn.
    pub fn shapes(&self) -> Vec<Shape> {
        (0..self.columns.len())
            .map(|c| {
                if self.is_hidden(c) {
                    Shape::Hidden
                } else if self.is_collapsed(c) {
                    Shape::Strip
                } else {
                    Shape::Wide
                }
            })
            .collect()
    }

    /// The columns on screen in `width`, from the first one shown, with their widths.
    pub fn fitted(&self, width: u16) -> Vec<(usize, u16)> {
        layout::fit(&self.shapes(), self.col_offset, width)
    }

    /// The soft limit of column `col`'s state, when the settings give it one (states compared
    /// as columns are).
    pub fn limit_of(&self, col: usize) -> Option<usize> {
        let column = self.columns.get(col)?;
        self.stored.settings.limit_of(&column.key)
    }

    /// Whether column `col` holds more cards than its limit (all tables, any filter aside).
    pub fn over_limit(&self, col: usize) -> bool {
        self.limit_of(col)
            .is_some_and(|limit| self.columns[col].cards.len() > limit)
    }

    /// ", over its limit (5 of 4)" after a move into column `col` when it is over.
    pub(super) fn limit_note(&self, col: usize) -> String {
        match self.limit_of(col) {
            Some(limit) if self.over_limit(col) => format!(
                "; {} is over its limit ({} of {limit})",
                self.columns[col].name,
                self.columns[col].cards.len()
            ),
            _ => String::new(),
        }
    }

    /// The columns of the board that are hidden, in board order.
    pub fn hidden_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&c| self.is_hidden(c))
            .collect()
    }

    pub(super) fn toggle_collapse(&mut self) -> Effect {
        let collapse = !self.stored.view.collapse_empty;
        self.stored.view.collapse_empty = collapse;
        self.say(if collapse {
            "empty columns collapsed (z expands them)"
        } else {
            "empty columns expanded"
        });
        Effect::Save
    }

    /// Hides the focused column; the focus goes to the next column shown.
    pub(super) fn hide_focused(&mut self) -> Option<Effect> {
        let col = self.focus.col;
        let shown = (0..self.columns.len())
            .filter(|&c| !self.is_hidden(c))
            .count();
        if shown <= 1 {
            self.say("the last column shown stays");
            return None;
        }
        let column = self.columns.get(col)?;
        let name = column.name.clone();
        self.stored.view.hidden.push(column.key.clone());
        let next = (col + 1..self.columns.len())
            .chain((0..col).rev())
            .find(|&c| !self.is_hidden(c))
            .unwrap_or(col);
        self.focus.col = next;
        self.focus.row = 0;
        let n = self.hidden_columns().len();
        self.say(format!("“{name}” hidden ({n} hidden; C shows them again)"));
        Some(Effect::Save)
    }

    /// Opens the list of hidden columns.
    pub(super) fn open_hidden(&mut self) {
        if self.hidden_columns().is_empty() {
            self.say("no column is hidden (c hides the focused one)");
            return;
        }
        self.mode = Mode::Hidden { selected: 0 };
    }

    /// Keys in the list of hidden columns: pick one to show it again.
    pub(super) fn on_hidden(&mut self, action: Action, selected: usize) -> Option<Effect> {
        let hidden = self.hidden_columns();
        let last = hidden.len().saturating_sub(1);
        match action {
            Action::FocusUp => {
                self.mode = Mode::Hidden {
                    selected: selected.saturating_sub(1),
                };
            }
            Action::FocusDown => {
                self.mode = Mode::Hidden {
                    selected: (selected + 1).min(last),
                };
            }
            Action::Submit => {
                let &col = hidden.get(selected)?;
                let key = self.columns[col].key.clone();
                self.stored.view.hidden.retain(|k| *k != key);
                self.focus.col = col;
                self.focus.row = 0;
                let name = self.columns[col].name.clone();
                self.say(format!("“{name}” shown again"));
                return Some(Effect::Save);
            }
            _ => {}
        }
        None
    }
}
