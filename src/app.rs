//! The application state and `update`: what a key does to it. Pure: no terminal, no files.
//! Saving, writing and quitting are `Effect`s that the runtime carries out and reports back.

mod board;
mod card;
mod changes;
mod columns;
mod confirm;
mod conflicts;
pub mod editor;
pub mod form;
mod help;
mod history;
pub mod hit;
mod input;
pub mod lanes;
pub mod layout;
mod marks;
pub mod messages;
pub mod mouse;
mod picker;
mod prompt;
mod report;
mod scroll;
mod search;
mod states;

use std::collections::BTreeSet;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

pub use form::Form;
pub use marks::BulkEdit;
pub use search::Search;

use crate::action::Action;
use crate::board::{CardId, Column, Group};
use crate::keymap::{Key, Keymap, Scope};
use crate::search::SearchIndex;
use crate::store::{Absorbed, Focus as SavedFocus, Stored};
use crate::timeline::Times;

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
    /// The board was written into this file; the file had changed outside and was followed
    /// first, when the second part says what that did.
    Wrote(PathBuf, Option<Absorbed>),
    WriteFailed(String),
    /// Not written: this many conflicts are left to resolve.
    Conflicts(usize),
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
    /// The cards' history from git, worked out off the screen's thread; with a new cache to
    /// keep with the board.
    History(Box<crate::timeline::read::ForBoard>),
    /// The history from git could not be worked out.
    NoHistory(String),
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

/// What kind of message: what was done, what needs an eye, what went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// What was done, or how things are.
    Info,
    /// Nothing failed, but something needs attention: the board opened read-only, conflicts
    /// left by following the file, a setting ignored.
    Warning,
    /// Something asked for was not done, or could not be read.
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
    /// Delete these cards.
    Delete(Vec<CardId>),
    /// Leave the form, dropping its changes; `No` goes back to it.
    DiscardForm(Box<Form>),
    /// Write a state the document does not know yet; `No` goes back to where it came from.
    NewState(Box<states::NewState>),
}

/// What is on screen and which keys apply.
#[derive(Debug, Clone)]
pub enum Mode {
    Board,
    /// The focused card, every field.
    Card {
        scroll: u16,
    },
    /// The session's messages, newest first.
    Messages {
        scroll: u16,
    },
    /// What the board changes that is not written back: the lines of its summary.
    Changes {
        scroll: u16,
        lines: Vec<String>,
    },
    /// The keys of `of` first, then every other mode's; closing goes `back`.
    Help {
        of: Scope,
        scroll: u16,
        back: Box<Mode>,
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
    /// The hidden columns, to show one again: `selected` indexes them.
    Hidden {
        selected: usize,
    },
    /// Picking the lane to move cards to: `selected` indexes the lanes.
    LanePicker {
        selected: usize,
    },
    /// One field set on every marked card.
    BulkEdit(Box<BulkEdit>),
    /// Typing in the search line.
    Search,
}

impl Mode {
    pub fn scope(&self) -> Scope {
        match self {
            Self::Board => Scope::Board,
            Self::Card { .. } => Scope::Card,
            Self::Help { .. } => Scope::Help,
            Self::Messages { .. } => Scope::Messages,
            Self::Changes { .. } => Scope::Changes,
            Self::Confirm { .. } => Scope::Confirm,
            Self::Prompt { .. } => Scope::Prompt,
            Self::Form(_) => Scope::Form,
            Self::BulkEdit(_) => Scope::Bulk,
            Self::Picker { .. } => Scope::Picker,
            Self::Hidden { .. } => Scope::Hidden,
            Self::LanePicker { .. } => Scope::Lanes,
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
    /// Every card's group (its section, else its table), recomputed after every change.
    pub groups: Vec<Group>,
    /// Whether columns show dividers between groups.
    pub grouped: bool,
    pub focus: Focus,
    /// The first column shown.
    pub col_offset: usize,
    /// The first card shown, per column.
    pub row_offsets: Vec<usize>,
    pub mode: Mode,
    /// The last message, on the status line until the next (or Esc).
    pub message: Option<Message>,
    /// Set when a message is given, cleared by the next key: until then a message too long for
    /// the status line is shown whole.
    pub message_new: bool,
    /// The session's messages, oldest first (the last [`messages::KEEP`]).
    pub log: Vec<Message>,
    pub disk: Disk,
    /// Whether the board differs from its file ([`Stored::unwritten`]): worked out when the
    /// board changes, so that the status line and `D` agree without the board compared with
    /// its file every frame.
    pub unwritten: bool,
    /// Terminal width and height.
    pub viewport: (u16, u16),
    /// Set when another process holds the board: changes are refused, with this reason.
    pub read_only: Option<String>,
    /// Editor text that could not be read, kept so the next `E` starts from it.
    pub editor_draft: Option<(CardId, String)>,
    /// How the status bar names the file: as given by the runtime (relative to where mdboard was
    /// started, when the file is under it), else its path.
    pub file_name: Option<String>,
    /// The marked cards.
    pub marked: BTreeSet<CardId>,
    /// The lanes, when the board is in lanes.
    pub lanes: Option<lanes::Lanes>,
    /// The first lane shown.
    pub lane_offset: usize,
    /// The document table of the card last focused: where `a` adds in an empty column.
    pub last_table: Option<usize>,
    /// The search line and the filter in force.
    pub search: Option<Search>,
    /// Every card's searched text, built at the first search and kept in step with changes.
    index: Option<SearchIndex>,
    /// What each column shows while a filter is in force.
    view: Option<Vec<Vec<usize>>>,
    pub keymap: Keymap,
    /// The mouse: whether it is on, the card it holds.
    pub pointer: mouse::Pointer,
    /// In the card view, which of the card's conflicts the cursor is on.
    pub conflict_cursor: usize,
    /// The cards' history from git, when the runtime has worked it out (none without git).
    pub times: Option<Times>,
}

impl App {
    pub fn new(stored: Stored, disk: Disk, keymap: Keymap) -> Self {
        let groups = stored.board.groups();
        let mut app = Self {
            columns: stored.board.columns(),
            grouped: stored.board.grouped(&groups),
            groups,
            stored,
            focus: Focus::default(),
            col_offset: 0,
            row_offsets: Vec::new(),
            mode: Mode::Board,
            message: None,
            message_new: false,
            log: Vec::new(),
            disk,
            unwritten: false,
            viewport: (80, 24),
            read_only: None,
            editor_draft: None,
            file_name: None,
            marked: BTreeSet::new(),
            lanes: None,
            lane_offset: 0,
            last_table: None,
            search: None,
            index: None,
            view: None,
            keymap,
            pointer: mouse::Pointer::default(),
            conflict_cursor: 0,
            times: None,
        };
        app.unwritten = app.stored.unwritten();
        app.build_lanes();
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

    /// How many cards a column shows at once (in lanes, a lane of it).
    pub fn page(&self) -> usize {
        if self.lanes.is_some() {
            return self.lane_slots();
        }
        layout::cards_per_page(self.viewport.1, self.dividers())
    }

    /// Whether columns show dividers between groups (not in lanes, which show them as bands).
    pub fn dividers(&self) -> bool {
        self.grouped && self.lanes.is_none()
    }

    /// Where the focus is, as the board file keeps it.
    pub fn saved_focus(&self) -> SavedFocus {
        SavedFocus {
            card: self.focused_card_id(),
            column: self.columns.get(self.focus.col).map(|c| c.name.clone()),
        }
    }

    /// The cards a column shows (indices into the board's cards): in lanes, lane by lane.
    pub fn shown(&self, col: usize) -> &[usize] {
        if let Some(lanes) = &self.lanes {
            return lanes.columns.get(col).map_or(&[], Vec::as_slice);
        }
        self.base(col)
    }

    /// The cards a column shows, lanes aside: the filter's, else all of them, in board order.
    fn base(&self, col: usize) -> &[usize] {
        match &self.view {
            Some(view) => view.get(col).map_or(&[], Vec::as_slice),
            None => self.columns.get(col).map_or(&[], |c| c.cards.as_slice()),
        }
    }

    /// Index into the board's cards of the focused card.
    pub fn focused_index(&self) -> Option<usize> {
        self.shown(self.focus.col).get(self.focus.row).copied()
    }

    /// The document table of the focused card; with none focused (an empty column), the table
    /// last focused, else the first projects table.
    pub fn focused_table(&self) -> usize {
        let board = &self.stored.board;
        self.focused_index()
            .map(|i| board.cards[i].table)
            .or(self.last_table)
            .or_else(|| board.layout.tables.first().map(|t| t.table))
            .unwrap_or(0)
    }

    pub fn focused_card_id(&self) -> Option<CardId> {
        self.focused_index().map(|i| self.stored.board.cards[i].id)
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

    fn refuse_read_only(&mut self) -> bool {
        if let Some(why) = &self.read_only {
            let why = why.clone();
            self.fail(format!("read-only: {why}"));
            return true;
        }
        false
    }

    /// Handles a key: the mode's binding if there is one, else text input where the mode takes it.
    pub fn handle_key(&mut self, event: KeyEvent) -> Option<Effect> {
        self.message_new = false;
        let key = Key::from_event(event);
        let scope = self.mode.scope();
        if let Some(action) = self.keymap.lookup(scope, key) {
            return self.update(action);
        }
        if key.mods.contains(KeyModifiers::ALT) && key.code != KeyCode::Esc && !scope.takes_text() {
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
            Mode::Prompt { input, .. } => {
                input::type_key(input, event);
            }
            Mode::Form(form) => form.input(event),
            Mode::BulkEdit(bulk) => Self::type_bulk(bulk, event),
            Mode::Search => {
                if let Some(search) = &mut self.search
                    && input::type_key(&mut search.input, event)
                {
                    self.requery();
                    self.scroll_into_view();
                }
            }
            Mode::Picker { id, .. } => {
                let id = *id;
                return self.pick_by_number(id, event);
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
            Mode::BulkEdit(bulk) => {
                bulk.input.insert_str(text.replace(['\r', '\n'], " "));
            }
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
        if let Action::Mouse(m) = action {
            let effect = self.on_mouse(m);
            self.scroll_into_view();
            return effect;
        }
        // A key lets go of a card being dragged: its release then drops nothing.
        self.pointer.drag = None;
        if action == Action::Help && !matches!(self.mode, Mode::Help { .. }) {
            self.open_help();
            return None;
        }
        let effect = match std::mem::replace(&mut self.mode, Mode::Board) {
            Mode::Board => self.on_board(action),
            Mode::Card { scroll } => self.on_card(action, scroll),
            Mode::Help { of, scroll, back } => self.on_help(action, of, scroll, back),
            Mode::Messages { scroll } => self.on_messages(action, scroll),
            Mode::Changes { scroll, lines } => self.on_changes(action, scroll, lines),
            Mode::Confirm { question, then } => self.on_confirm(action, question, then),
            Mode::Prompt { title, input } => self.on_prompt(action, title, input),
            Mode::Form(form) => self.on_form(action, form),
            Mode::Picker { id, selected } => self.on_picker(action, id, selected),
            Mode::Hidden { selected } => self.on_hidden(action, selected),
            Mode::LanePicker { selected } => self.on_lane_picker(action, selected),
            Mode::BulkEdit(bulk) => self.on_bulk_edit(action, bulk),
            Mode::Search => self.on_search(action),
        };
        self.scroll_into_view();
        effect
    }
}

#[cfg(test)]
mod tests;
