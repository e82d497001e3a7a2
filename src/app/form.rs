//! The edit form: one text input per column of the table, and saving what it holds.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

use super::states::Back;
use super::{App, Effect, Mode, Pending, input};
use crate::action::Action;
use crate::board::{Board, CardId};
use crate::markdown::{encode, normalize};

/// A card being edited (`id`) or added (`id: None`) to a table of the document.
#[derive(Debug, Clone)]
pub struct Form {
    pub id: Option<CardId>,
    /// The document table of the card.
    pub table: usize,
    /// For a card being added: the card the user stood on, whose section it joins.
    pub anchor: Option<CardId>,
    /// The header names, as labels.
    pub labels: Vec<String>,
    /// One input per column. A value with line breaks spans lines, every one shown.
    pub fields: Vec<TextArea<'static>>,
    original: Vec<String>,
    pub focus: usize,
    pub state_col: usize,
    /// The states the State field offers, in board order.
    pub states: Vec<String>,
}

impl Form {
    pub fn new(board: &Board, id: Option<CardId>, table: usize, values: &[String]) -> Self {
        let fields = values.iter().map(|v| field(v)).collect();
        let states = board.known_states();
        let labels = board
            .doc
            .tables
            .get(table)
            .map_or_else(Vec::new, |t| t.columns.clone());
        Self {
            id,
            table,
            anchor: None,
            labels,
            fields,
            original: values.iter().map(|v| normalize(v)).collect(),
            focus: 0,
            state_col: board.layout.of_table(table).map_or(0, |t| t.state),
            states,
        }
    }

    /// Moves to the next (`1`) or previous (`-1`) field, wrapping around.
    pub fn step(&mut self, delta: isize) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = (self.focus.cast_signed() + delta)
                .rem_euclid(n.cast_signed())
                .cast_unsigned();
        }
    }

    /// The next line of the focused field (`1`) or the previous one (`-1`); from its last line
    /// (or first) the next field (or previous), entered on its first line (or last).
    pub fn step_line(&mut self, delta: isize) {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        let row = f.cursor().0;
        let last = f.lines().len().saturating_sub(1);
        if delta > 0 && row < last {
            f.move_cursor(CursorMove::Down);
        } else if delta < 0 && row > 0 {
            f.move_cursor(CursorMove::Up);
        } else {
            self.step(delta);
            if let Some(f) = self.fields.get_mut(self.focus) {
                f.move_cursor(if delta > 0 {
                    CursorMove::Top
                } else {
                    CursorMove::Bottom
                });
            }
        }
    }

    /// Breaks the focused field's line at the cursor.
    pub fn new_line(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.insert_newline();
        }
    }

    /// A key for the focused field.
    pub fn input(&mut self, event: KeyEvent) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            input::type_key(f, event);
        }
    }

    /// Pasted text, line breaks included, into the focused field.
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
    }

    /// The value of field `i` as typed.
    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map_or_else(String::new, |f| f.lines().join("\n"))
    }

    /// The values, trimmed as they will be written.
    pub fn values(&self) -> Vec<String> {
        (0..self.fields.len())
            .map(|i| normalize(&self.value(i)))
            .collect()
    }

    /// The raw cells to write: each value made safe for a table cell.
    pub fn raw_cells(&self) -> Vec<String> {
        (0..self.fields.len())
            .map(|i| encode(&self.value(i)))
            .collect()
    }

    /// True when any field differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.values() != self.original
    }

    /// The known states that start with (else contain) what the State field holds.
    pub fn suggestions(&self) -> Vec<&str> {
        let typed = self.value(self.state_col).trim().to_lowercase();
        if self.states.iter().any(|s| s.to_lowercase() == typed) {
            // A known state is there already: offer every other one.
            return self.states.iter().map(String::as_str).collect();
        }
        let mut starts: Vec<&str> = Vec::new();
        let mut contains: Vec<&str> = Vec::new();
        for s in &self.states {
            let lower = s.to_lowercase();
            if lower.starts_with(&typed) {
                starts.push(s);
            } else if lower.contains(&typed) {
                contains.push(s);
            }
        }
        starts.extend(contains);
        starts
    }

    /// The line under the State field while it has the focus: the known states that fit what
    /// it holds and `keys`, the keys that offer them (`PgDn/PgUp`), else what saving a state the
    /// document does not know does (it asks first).
    pub fn state_hint(&self, keys: &str) -> String {
        let suggestions = self.suggestions();
        if suggestions.is_empty() {
            "not a known state yet: saving asks before adding it".to_owned()
        } else if keys.is_empty() {
            format!("states: {}", suggestions.join(", "))
        } else {
            format!("states: {} ({keys})", suggestions.join(", "))
        }
    }

    /// Puts the next or previous known state into the State field, and focuses it.
    pub fn cycle_state(&mut self, delta: isize) {
        if self.states.is_empty() {
            return;
        }
        self.focus = self.state_col;
        let current = self.value(self.state_col).trim().to_lowercase();
        let n = self.states.len().cast_signed();
        let next = match self.states.iter().position(|s| s.to_lowercase() == current) {
            Some(i) => (i.cast_signed() + delta).rem_euclid(n),
            None if delta > 0 => 0,
            None => n - 1,
        };
        self.fields[self.state_col] = field(&self.states[next.cast_unsigned()]);
    }
}

fn field(value: &str) -> TextArea<'static> {
    let mut t = TextArea::new(value.split('\n').map(str::to_owned).collect());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

impl App {
    pub(super) fn open_form(&mut self) {
        let Some(id) = self.focused_card_id() else {
            return;
        };
        if self.refuse_read_only() {
            return;
        }
        let board = &self.stored.board;
        let Some(card) = board.card(id) else { return };
        let values: Vec<String> = (0..board.headers_of(card).len())
            .map(|c| board.value(card, c))
            .collect();
        self.mode = Mode::Form(Box::new(Form::new(board, Some(id), card.table, &values)));
    }

    pub(super) fn open_add_form(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        // The table of the card the user stands on; in an empty column, the table last focused.
        let table = self.focused_table();
        let anchor = self.focused_card_id();
        let board = &self.stored.board;
        let Some(layout) = board.layout.of_table(table) else {
            return;
        };
        let mut values = vec![String::new(); board.doc.tables[table].columns.len()];
        if let Some(column) = self.columns.get(self.focus.col) {
            values[layout.state].clone_from(&column.state);
        }
        // In lanes, a card added joins the lane it is added in.
        if let Some((col, value)) = self.lane_prefill(table) {
            values[col] = value;
        }
        let mut form = Form::new(board, None, table, &values);
        form.focus = layout.title;
        form.anchor = anchor;
        self.mode = Mode::Form(Box::new(form));
    }

    pub(super) fn on_form(&mut self, action: Action, mut form: Box<Form>) -> Option<Effect> {
        match action {
            Action::NextField => form.step(1),
            Action::PrevField => form.step(-1),
            Action::FocusDown => form.step_line(1),
            Action::FocusUp => form.step_line(-1),
            Action::NewLine => form.new_line(),
            Action::NextChoice => form.cycle_state(1),
            Action::PrevChoice => form.cycle_state(-1),
            Action::Submit => return self.submit_form(form),
            Action::Cancel => {
                if form.changed() {
                    self.mode = Mode::Confirm {
                        question: "Drop the changes to this card?".to_owned(),
                        then: Pending::DiscardForm(form),
                    };
                } else {
                    self.say("nothing changed");
                }
                return None;
            }
            _ => {}
        }
        self.mode = Mode::Form(form);
        None
    }

    pub(super) fn submit_form(&mut self, form: Box<Form>) -> Option<Effect> {
        let board = &self.stored.board;
        let cells = form.raw_cells();
        let Some(id) = form.id else {
            return self.submit_new(form, cells);
        };
        let mut pairs: Vec<(usize, String)> = cells.into_iter().enumerate().collect();
        let mut question = None;
        if let Some(card) = board.card(id) {
            let col = board.state_col_of(card);
            // A state typed as the board knows it is written as the card's table spells it.
            if let Some(pair) = pairs.get_mut(col)
                && pair.1 != card.cells[col]
            {
                let state = crate::markdown::decode(&pair.1);
                question = self.unknown_state(&state);
                pair.1 = board.state_spelling(card.table, &state);
            }
        }
        let change = board.edit(id, &pairs);
        self.commit_or_ask(question, change, (id, Back::Form(form)), "card saved")
    }

    pub(super) fn submit_new(&mut self, form: Box<Form>, mut cells: Vec<String>) -> Option<Effect> {
        let board = &self.stored.board;
        let layout = board.layout.of_table(form.table)?;
        if cells[layout.title].is_empty() {
            let name = form.labels[layout.title].clone();
            self.fail(format!("{name} must not be empty"));
            self.mode = Mode::Form(form);
            return None;
        }
        let state = crate::markdown::decode(&cells[layout.state]);
        let question = self.unknown_state(&state);
        cells[layout.state] = board.state_spelling(form.table, &state);
        let columns = board.columns();
        let column = board.find_column(
            &columns,
            if state.trim().is_empty() {
                "none"
            } else {
                &state
            },
        );
        let at = column.map_or_else(
            || board.table_span(form.table).1,
            |c| board.insert_position(form.table, c, form.anchor),
        );
        // The id the new card gets.
        let id = board.next_id;
        let change = board.insert(at, form.table, cells);
        self.commit_or_ask(question, Some(change), (id, Back::Form(form)), "card added")
    }
}
