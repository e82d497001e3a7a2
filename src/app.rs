//! The application state and `update`: what a key does to it. Pure: no terminal, no files.
//! Saving, writing and quitting are `Effect`s that the runtime carries out and reports back.

pub mod editor;
pub mod form;
pub mod layout;
mod search;

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

pub use form::Form;
pub use search::Search;

use crate::action::Action;
use crate::board::{CardId, Change, Column};
use crate::keymap::{Key, Keymap, Scope};
use crate::search::SearchIndex;
use crate::store::{Focus as SavedFocus, Stored};

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The board changed: save it.
    Save,
    /// Write the board's markdown: into its source file (`to: None`) or into `to`.
    /// `overwrite` is set once the user agreed to replace a file that changed or exists.
    Write {
        to: Option<PathBuf>,
        overwrite: bool,
    },
    /// Edit a card's fields as text in the user's editor.
    EditExternal { id: CardId, text: String },
    /// Suspend to the shell.
    Suspend,
    /// Save where the focus is and quit.
    Quit,
}

/// What the runtime reports back after carrying out an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Saved,
    /// Saving failed: the board in memory is intact, the message says why.
    SaveFailed(String),
    Wrote(PathBuf),
    WriteFailed(String),
    /// The target changed on disk since the board read it (or exists, for a new file): ask.
    WouldOverwrite {
        to: Option<PathBuf>,
        why: String,
    },
    /// The editor returned this text for the card.
    Edited {
        id: CardId,
        text: String,
    },
    /// The editor could not be run.
    EditorFailed(String),
    /// Back from a suspension or an editor.
    Resumed,
}

/// The state of the source file on disk, as last checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disk {
    /// As the board last read or wrote it.
    Unchanged,
    /// Changed outside since the board last read or wrote it.
    Changed,
    /// Gone.
    Missing,
    /// No file: the bundled list.
    Bundled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

/// What a yes/no question leads to.
#[derive(Debug, Clone)]
pub enum Pending {
    /// Write even though the target changed or exists.
    Overwrite(Option<PathBuf>),
    Delete(CardId),
    /// Leave the form, dropping its changes; `No` goes back to it.
    DiscardForm(Box<Form>),
}

/// What is on screen and which keys apply.
#[derive(Debug, Clone)]
pub enum Mode {
    Board,
    /// The focused card, every field.
    Card {
        scroll: u16,
    },
    /// The keys of `of`.
    Help {
        of: Scope,
        scroll: u16,
    },
    Confirm {
        question: String,
        then: Pending,
    },
    /// A line of text: the file to write the bundled board into.
    Prompt {
        title: String,
        input: Box<TextArea<'static>>,
    },
    Form(Box<Form>),
    /// Picking a state for a card: `selected` indexes the board's columns.
    Picker {
        id: CardId,
        selected: usize,
    },
    /// Typing in the search line.
    Search,
}

impl Mode {
    pub fn scope(&self) -> Scope {
        match self {
            Self::Board => Scope::Board,
            Self::Card { .. } => Scope::Card,
            Self::Help { .. } => Scope::Help,
            Self::Confirm { .. } => Scope::Confirm,
            Self::Prompt { .. } => Scope::Prompt,
            Self::Form(_) => Scope::Form,
            Self::Picker { .. } => Scope::Picker,
            Self::Search => Scope::Search,
        }
    }
}

/// Which card has the focus: a column and a row among the cards it shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Focus {
    pub col: usize,
    pub row: usize,
}

/// Everything the screen shows and the keys act on.
#[derive(Debug, Clone)]
pub struct App {
    pub stored: Stored,
    /// The board's columns, recomputed after every change.
    pub columns: Vec<Column>,
    pub focus: Focus,
    /// The first column shown.
    pub col_offset: usize,
    /// The first card shown, per column.
    pub row_offsets: Vec<usize>,
    pub collapse_empty: bool,
    pub mode: Mode,
    pub message: Option<Message>,
    pub disk: Disk,
    /// Terminal width and height.
    pub viewport: (u16, u16),
    /// Set when another process holds the board: changes are refused, with this reason.
    pub read_only: Option<String>,
    /// Editor text that could not be read, kept so the next `E` starts from it.
    pub editor_draft: Option<(CardId, String)>,
    /// The search line and the filter in force.
    pub search: Option<Search>,
    /// Every card's searched text, built at the first search and kept in step with changes.
    index: Option<SearchIndex>,
    /// What each column shows while a filter is in force.
    view: Option<Vec<Vec<usize>>>,
    pub keymap: Keymap,
}

impl App {
    pub fn new(stored: Stored, disk: Disk, keymap: Keymap) -> Self {
        let mut app = Self {
            columns: stored.board.columns(),
            stored,
            focus: Focus::default(),
            col_offset: 0,
            row_offsets: Vec::new(),
            collapse_empty: false,
            mode: Mode::Board,
            message: None,
            disk,
            viewport: (80, 24),
            read_only: None,
            editor_draft: None,
            search: None,
            index: None,
            view: None,
            keymap,
        };
        app.restore_focus();
        app.scroll_into_view();
        app
    }

    fn restore_focus(&mut self) {
        let saved = self.stored.focus.clone();
        if let Some(id) = saved.card
            && self.focus_card(id)
        {
            return;
        }
        if let Some(col) = saved
            .column
            .and_then(|name| self.columns.iter().position(|c| c.name == name))
        {
            self.focus = Focus { col, row: 0 };
        }
    }

    /// Where the focus is, as the board file keeps it.
    pub fn saved_focus(&self) -> SavedFocus {
        SavedFocus {
            card: self.focused_card_id(),
            column: self.columns.get(self.focus.col).map(|c| c.name.clone()),
        }
    }

    /// The cards a column shows (indices into the board's cards).
    pub fn shown(&self, col: usize) -> &[usize] {
        match &self.view {
            Some(view) => view.get(col).map_or(&[], Vec::as_slice),
            None => self.columns.get(col).map_or(&[], |c| c.cards.as_slice()),
        }
    }

    /// Index into the board's cards of the focused card.
    pub fn focused_index(&self) -> Option<usize> {
        self.shown(self.focus.col).get(self.focus.row).copied()
    }

    pub fn focused_card_id(&self) -> Option<CardId> {
        self.focused_index().map(|i| self.stored.board.cards[i].id)
    }

    /// Whether column `col` is drawn as a strip.
    pub fn is_collapsed(&self, col: usize) -> bool {
        self.collapse_empty && self.shown(col).is_empty() && col != self.focus.col
    }

    /// Puts the focus on a card; false when no column shows it.
    pub fn focus_card(&mut self, id: CardId) -> bool {
        let Some(index) = self.stored.board.index_of(id) else {
            return false;
        };
        for col in 0..self.columns.len() {
            if let Some(row) = self.shown(col).iter().position(|&i| i == index) {
                self.focus = Focus { col, row };
                return true;
            }
        }
        false
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Info,
            text: text.into(),
        });
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Error,
            text: text.into(),
        });
    }

    /// Handles a key: the mode's binding if there is one, else text input where the mode takes it.
    pub fn handle_key(&mut self, event: KeyEvent) -> Option<Effect> {
        let key = Key::from_event(event);
        let scope = self.mode.scope();
        if let Some(action) = self.keymap.lookup(scope, key) {
            return self.update(action);
        }
        let takes_text = matches!(scope, Scope::Prompt | Scope::Form | Scope::Search);
        if key.mods.contains(KeyModifiers::ALT) && key.code != KeyCode::Esc && !takes_text {
            // Terminals send Alt+x as Esc then x, so an Esc quickly followed by a key (over a
            // slow link, or typed fast) arrives as Alt+key. Outside text input nothing is bound
            // to Alt: take it as the two keys it most likely was. (In text input Alt moves and
            // deletes by words.)
            let first = self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mut rest = event;
            rest.modifiers.remove(KeyModifiers::ALT);
            let second = self.handle_key(rest);
            return second.or(first);
        }
        match &mut self.mode {
            Mode::Prompt { input, .. } => form::line_input(input, event),
            Mode::Form(form) => form.input(event),
            Mode::Search => {
                if let Some(search) = &mut self.search
                    && search.input.input(event)
                {
                    self.requery();
                    self.scroll_into_view();
                }
            }
            Mode::Picker { id, .. } => {
                let id = *id;
                if let KeyCode::Char(c @ '0'..='9') = event.code {
                    let n = c.to_digit(10).unwrap_or(0) as usize;
                    let pick = if n == 0 { 9 } else { n - 1 };
                    if pick < self.columns.len() {
                        self.mode = Mode::Board;
                        let effect = self.move_card(id, pick);
                        // Not through `update`: keep the card's new column in view here.
                        self.scroll_into_view();
                        return effect;
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Pasted text goes to the text input that has the focus.
    pub fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Prompt { input, .. } => {
                input.insert_str(text.replace(['\r', '\n'], " "));
            }
            Mode::Form(form) => form.paste(text),
            Mode::Search => {
                if let Some(search) = &mut self.search {
                    search.input.insert_str(text.replace(['\r', '\n'], " "));
                    self.requery();
                    self.scroll_into_view();
                }
            }
            _ => {}
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.viewport = (width, height);
        self.scroll_into_view();
    }

    /// Carries out an action.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = match std::mem::replace(&mut self.mode, Mode::Board) {
            Mode::Board => self.on_board(action),
            Mode::Card { scroll } => self.on_card(action, scroll),
            Mode::Help { of, scroll } => {
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
            Mode::Confirm { question, then } => self.on_confirm(action, question, then),
            Mode::Prompt { title, input } => self.on_prompt(action, title, input),
            Mode::Form(form) => self.on_form(action, form),
            Mode::Picker { id, selected } => self.on_picker(action, id, selected),
            Mode::Search => {
                match action {
                    // A query that cannot be read stays open, its error shown, rather than
                    // leaving an older filter in force behind a line that says otherwise.
                    Action::Submit if self.search.as_ref().is_some_and(|s| s.error.is_some()) => {
                        self.mode = Mode::Search;
                    }
                    Action::Submit => {
                        if self.search.as_ref().is_some_and(|s| s.query.is_none()) {
                            self.clear_search();
                        }
                    }
                    Action::Cancel => self.clear_search(),
                    _ => self.mode = Mode::Search,
                }
                None
            }
        };
        self.scroll_into_view();
        effect
    }

    fn on_board(&mut self, action: Action) -> Option<Effect> {
        let page = layout::cards_per_page(self.viewport.1);
        match action {
            Action::FocusLeft => self.step_column(-1),
            Action::FocusRight => self.step_column(1),
            Action::FocusUp => self.step_row(-1),
            Action::FocusDown => self.step_row(1),
            Action::FocusFirst => self.focus.row = 0,
            Action::FocusLast => {
                self.focus.row = self.shown(self.focus.col).len().saturating_sub(1);
            }
            Action::PageUp => self.step_row(-isize::try_from(page).unwrap_or(1)),
            Action::PageDown => self.step_row(isize::try_from(page).unwrap_or(1)),
            Action::MoveLeft => return self.move_step(-1),
            Action::MoveRight => return self.move_step(1),
            Action::ReorderUp => return self.reorder(-1),
            Action::ReorderDown => return self.reorder(1),
            Action::OpenCard if self.focused_index().is_some() => {
                self.mode = Mode::Card { scroll: 0 };
            }
            Action::ToggleCollapse => {
                self.collapse_empty = !self.collapse_empty;
                self.say(if self.collapse_empty {
                    "empty columns collapsed (z expands them)"
                } else {
                    "empty columns expanded"
                });
            }
            Action::Write => return self.write(),
            Action::Help => {
                self.mode = Mode::Help {
                    of: Scope::Board,
                    scroll: 0,
                };
            }
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
                });
                search.input.move_cursor(ratatui_textarea::CursorMove::End);
                self.mode = Mode::Search;
            }
            Action::NextMatch => self.jump_match(1),
            Action::PrevMatch => self.jump_match(-1),
            Action::Quit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Edit => self.open_form(),
            Action::EditExternal => return self.edit_external(),
            Action::Add => self.open_add_form(),
            Action::Delete => {
                if let Some(id) = self.focused_card_id() {
                    let board = &self.stored.board;
                    let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
                    self.mode = Mode::Confirm {
                        question: format!("Delete “{title}”?"),
                        then: Pending::Delete(id),
                    };
                }
            }
            Action::PickState => {
                if let Some(id) = self.focused_card_id() {
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

    fn on_card(&mut self, action: Action, scroll: u16) -> Option<Effect> {
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
                    (0..board.headers().len())
                        .map(|c| board.value(card, c).lines().count() + 3)
                        .sum::<usize>()
                });
                self.mode = Mode::Card {
                    scroll: scroll
                        .saturating_add(1)
                        .min(u16::try_from(max).unwrap_or(u16::MAX)),
                };
            }
            Action::Edit => self.open_form(),
            Action::Help => {
                self.mode = Mode::Help {
                    of: Scope::Card,
                    scroll: 0,
                };
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

    fn on_confirm(&mut self, action: Action, question: String, then: Pending) -> Option<Effect> {
        match (action, then) {
            (Action::Yes, Pending::Overwrite(to)) => {
                return Some(Effect::Write {
                    to,
                    overwrite: true,
                });
            }
            (Action::Yes, Pending::Delete(id)) => {
                let board = &self.stored.board;
                let title = board.card(id).map(|c| board.title(c)).unwrap_or_default();
                let change = board.remove(id);
                let effect = self.commit(change, None);
                if effect.is_some() {
                    self.say(format!("deleted “{title}” (u undoes)"));
                }
                return effect;
            }
            (Action::Yes, Pending::DiscardForm(_)) => self.say("changes dropped"),
            (Action::No, Pending::DiscardForm(form)) => self.mode = Mode::Form(form),
            (Action::No, _) => self.say("nothing done"),
            (_, then) => self.mode = Mode::Confirm { question, then },
        }
        None
    }

    fn on_prompt(
        &mut self,
        action: Action,
        title: String,
        input: Box<TextArea<'static>>,
    ) -> Option<Effect> {
        match action {
            Action::Submit => {
                let path = input.lines().join("").trim().to_owned();
                if path.is_empty() {
                    self.fail("no file name given; nothing written");
                    return None;
                }
                Some(Effect::Write {
                    to: Some(PathBuf::from(path)),
                    overwrite: false,
                })
            }
            Action::Cancel => {
                self.say("nothing written");
                None
            }
            _ => {
                self.mode = Mode::Prompt { title, input };
                None
            }
        }
    }

    fn on_picker(&mut self, action: Action, id: CardId, selected: usize) -> Option<Effect> {
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
            Action::Submit => return self.move_card(id, selected),
            _ => {}
        }
        None
    }

    fn step_column(&mut self, delta: isize) {
        let mut col = self.focus.col;
        loop {
            let Some(next) = col
                .checked_add_signed(delta)
                .filter(|&c| c < self.columns.len())
            else {
                return;
            };
            col = next;
            if !(self.collapse_empty && self.shown(col).is_empty()) {
                break;
            }
        }
        let rows = self.shown(col).len();
        // Keep the same screen row where the new column allows.
        let screen_row = self
            .focus
            .row
            .saturating_sub(self.row_offset(self.focus.col));
        let row = (self.row_offset(col) + screen_row).min(rows.saturating_sub(1));
        self.focus = Focus { col, row };
    }

    fn step_row(&mut self, delta: isize) {
        let rows = self.shown(self.focus.col).len();
        let row = self.focus.row.saturating_add_signed(delta);
        self.focus.row = row.min(rows.saturating_sub(1));
    }

    fn row_offset(&self, col: usize) -> usize {
        self.row_offsets.get(col).copied().unwrap_or(0)
    }

    fn refuse_read_only(&mut self) -> bool {
        if let Some(why) = &self.read_only {
            let why = why.clone();
            self.fail(format!("read-only: {why}"));
            return true;
        }
        false
    }

    fn move_step(&mut self, delta: isize) -> Option<Effect> {
        let id = self.focused_card_id()?;
        let Some(to) = self
            .focus
            .col
            .checked_add_signed(delta)
            .filter(|&c| c < self.columns.len())
        else {
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
    fn move_card(&mut self, id: CardId, to: usize) -> Option<Effect> {
        let column = self.columns.get(to)?;
        let name = column.name.clone();
        let change = self.stored.board.move_to(id, column);
        if change.is_none() {
            self.say(format!("already in {name}"));
            return None;
        }
        let effect = self.commit(change, Some(id));
        if effect.is_some() {
            self.say(format!("moved to {name}"));
        }
        effect
    }

    fn reorder(&mut self, delta: isize) -> Option<Effect> {
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

    /// Applies a change to the board, refreshes the columns and focuses `follow` (else keeps the
    /// focus where it was, clamped).
    fn commit(&mut self, change: Option<Change>, follow: Option<CardId>) -> Option<Effect> {
        let change = change?;
        if self.refuse_read_only() {
            return None;
        }
        let follow = follow.or_else(|| match &change {
            Change::Remove { .. } => None,
            other => Some(other.card_id()),
        });
        if let Err(e) = self.stored.board.apply(change.clone()) {
            self.fail(format!("not done: {e}"));
            return None;
        }
        self.stored.note_change();
        self.after_change(follow, &change);
        Some(Effect::Save)
    }

    /// Brings the columns, the search and the focus in step with a change just applied (for an
    /// undo, the inverse of the undone change).
    fn after_change(&mut self, follow: Option<CardId>, applied: &Change) {
        self.stored.board.update_columns(&mut self.columns, applied);
        debug_assert_eq!(self.columns, self.stored.board.columns());
        if let Some(index) = &mut self.index {
            index.apply(&self.stored.board, applied);
        }
        if let Some(search) = &mut self.search {
            if !matches!(applied, Change::Remove { .. })
                && !search.pinned.contains(&applied.card_id())
            {
                search.pinned.push(applied.card_id());
            }
            if let (Some(query), Some(index)) = (&search.query, &self.index) {
                // An edit changes one card's text: only its match can have changed. Anything
                // else moves cards to other indices, and the board is filtered again.
                let one = match (applied, &mut search.filtered) {
                    (Change::Edit { id, .. }, Some(filtered)) => {
                        self.stored.board.index_of(*id).map(|i| {
                            filtered.set(i, index.matches_query(i, query));
                        })
                    }
                    _ => None,
                };
                if one.is_none() {
                    search.filtered = Some(index.filter(query, None));
                }
            }
        }
        self.refresh_view();
        self.focus.col = self.focus.col.min(self.columns.len().saturating_sub(1));
        if !follow.is_some_and(|id| self.focus_card(id)) {
            let rows = self.shown(self.focus.col).len();
            self.focus.row = self.focus.row.min(rows.saturating_sub(1));
        }
    }

    fn undo(&mut self) -> Option<Effect> {
        self.travel(true)
    }

    fn redo(&mut self) -> Option<Effect> {
        self.travel(false)
    }

    /// Undoes (`back`) or redoes the last change; the focus follows the card it was about.
    fn travel(&mut self, back: bool) -> Option<Effect> {
        if self.refuse_read_only() {
            return None;
        }
        let board = &mut self.stored.board;
        let (word, result) = if back {
            ("undo", board.undo())
        } else {
            ("redo", board.redo())
        };
        match result {
            Ok(Some(change)) => {
                // What the board just did: an undone change's inverse, or the redone change.
                let applied = if back {
                    change.inverse()
                } else {
                    change.clone()
                };
                let follow = match &applied {
                    Change::Remove { .. } => None,
                    other => Some(other.card_id()),
                };
                self.after_change(follow, &applied);
                let history = &self.stored.board.history;
                let (left, what) = if back {
                    (history.done.len(), "undone")
                } else {
                    (history.undone.len(), "redone")
                };
                self.say(format!("{what} ({left} more to {word})"));
                Some(Effect::Save)
            }
            Ok(None) => {
                self.say(format!("nothing to {word}"));
                None
            }
            Err(e) => {
                self.fail(format!("cannot {word}: {e}"));
                None
            }
        }
    }

    fn write(&mut self) -> Option<Effect> {
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

    fn open_form(&mut self) {
        let Some(id) = self.focused_card_id() else {
            return;
        };
        if self.refuse_read_only() {
            return;
        }
        let board = &self.stored.board;
        let Some(card) = board.card(id) else { return };
        let values: Vec<String> = (0..board.headers().len())
            .map(|c| board.value(card, c))
            .collect();
        self.mode = Mode::Form(Box::new(Form::new(board, Some(id), &values)));
    }

    fn open_add_form(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        let board = &self.stored.board;
        let mut values = vec![String::new(); board.headers().len()];
        if let Some(column) = self.columns.get(self.focus.col) {
            values[board.state_col()].clone_from(&column.state);
        }
        let mut form = Form::new(board, None, &values);
        form.focus = 0;
        self.mode = Mode::Form(Box::new(form));
    }

    fn on_form(&mut self, action: Action, mut form: Box<Form>) -> Option<Effect> {
        match action {
            Action::NextField => form.step(1),
            Action::PrevField => form.step(-1),
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

    fn submit_form(&mut self, form: Box<Form>) -> Option<Effect> {
        let board = &self.stored.board;
        let cells = form.raw_cells();
        let Some(id) = form.id else {
            return self.submit_new(form, cells);
        };
        let pairs: Vec<(usize, String)> = cells.into_iter().enumerate().collect();
        let change = board.edit(id, &pairs);
        self.save_card(id, change)
    }

    /// Commits an edit of a card (from the form or the editor), saying what came of it.
    fn save_card(&mut self, id: CardId, change: Option<Change>) -> Option<Effect> {
        if change.is_none() {
            self.say("nothing changed");
            return None;
        }
        let effect = self.commit(change, Some(id));
        if effect.is_some() {
            self.say("card saved");
        }
        effect
    }

    fn submit_new(&mut self, form: Box<Form>, cells: Vec<String>) -> Option<Effect> {
        let board = &self.stored.board;
        if cells[0].is_empty() {
            let name = board.headers()[0].clone();
            self.fail(format!("{name} must not be empty"));
            self.mode = Mode::Form(form);
            return None;
        }
        let state = crate::markdown::plain(&cells[board.state_col()]);
        let columns = board.columns();
        let column = board.find_column(&columns, if state.is_empty() { "none" } else { &state });
        let at = column.map_or(board.cards.len(), |c| board.insert_position(c));
        let change = board.insert(at, cells);
        let id = change.card_id();
        let effect = self.commit(Some(change), Some(id));
        if effect.is_some() {
            self.say("card added");
        }
        effect
    }

    fn edit_external(&mut self) -> Option<Effect> {
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

    /// Takes in what the runtime reports after carrying out an effect.
    pub fn report(&mut self, report: Report) -> Option<Effect> {
        match report {
            Report::Saved | Report::Resumed => {}
            Report::SaveFailed(e) => self.fail(format!("not saved: {e}")),
            Report::Wrote(path) => {
                if self.stored.source.is_some() {
                    self.disk = Disk::Unchanged;
                }
                self.say(format!("wrote {}", path.display()));
            }
            Report::WriteFailed(e) => self.fail(format!("not written: {e}")),
            Report::WouldOverwrite { to, why } => {
                self.mode = Mode::Confirm {
                    question: format!("{why} Overwrite it with the board?"),
                    then: Pending::Overwrite(to),
                };
            }
            Report::Edited { id, text } => {
                let board = &self.stored.board;
                match editor::from_text(board, &text) {
                    Ok(values) => {
                        let cells: Vec<(usize, String)> = values
                            .into_iter()
                            .enumerate()
                            .filter_map(|(c, v)| v.map(|v| (c, crate::markdown::encode(&v))))
                            .collect();
                        let change = board.edit(id, &cells);
                        let effect = self.save_card(id, change);
                        // A new State moves the card: keep its column in view.
                        self.scroll_into_view();
                        return effect;
                    }
                    Err(e) => {
                        self.fail(format!("not saved (E edits your text again): {e}"));
                        self.editor_draft = Some((id, text));
                    }
                }
            }
            Report::EditorFailed(e) => self.fail(e),
        }
        None
    }

    /// Keeps the focused column and card on screen.
    pub fn scroll_into_view(&mut self) {
        let n = self.columns.len();
        self.row_offsets.resize(n, 0);
        self.focus.col = self.focus.col.min(n.saturating_sub(1));
        let (width, height) = self.viewport;
        let collapsed: Vec<bool> = (0..n).map(|c| self.is_collapsed(c)).collect();
        if self.focus.col < self.col_offset {
            self.col_offset = self.focus.col;
        }
        while self.col_offset < self.focus.col
            && !layout::fit(&collapsed, self.col_offset, width)
                .iter()
                .any(|&(c, _)| c == self.focus.col)
        {
            self.col_offset += 1;
        }
        // After a resize there may be room to show columns on the left again.
        while self.col_offset > 0 {
            let wider = layout::fit(&collapsed, self.col_offset - 1, width);
            if wider.last().map(|&(c, _)| c) == Some(n - 1)
                && wider.iter().any(|&(c, _)| c == self.focus.col)
            {
                self.col_offset -= 1;
            } else {
                break;
            }
        }
        let page = layout::cards_per_page(height);
        for col in 0..n {
            let rows = self.shown(col).len();
            let mut off = self.row_offsets[col].min(rows.saturating_sub(page));
            if col == self.focus.col {
                if self.focus.row < off {
                    off = self.focus.row;
                } else if self.focus.row >= off + page {
                    off = self.focus.row + 1 - page;
                }
            }
            self.row_offsets[col] = off;
        }
    }
}

#[cfg(test)]
mod tests;
