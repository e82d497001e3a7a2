//! Writing a state the document does not know (the states table does not list it and no row
//! uses it): asked first, so that a slip (`implmentation`) does not quietly
//! become a column of its own. Yes writes it, and from then on a row uses it: it is known.

use super::marks::BulkEdit;
use super::{App, Effect, Form, Mode, Pending};
use crate::board::{CardId, Change, StateError};

/// A change writing a state the document does not know, waiting for a yes.
#[derive(Debug, Clone)]
pub struct NewState {
    pub change: Change,
    /// The card the change is about: the focus follows it.
    pub id: CardId,
    /// Where a no goes back to.
    pub back: Back,
    /// What to say once it is done.
    pub done: String,
}

/// Where the change came from: a no goes back there.
#[derive(Debug, Clone)]
pub enum Back {
    /// The form, as it was, to choose a known state.
    Form(Box<Form>),
    /// The editor's text, which the next `E` starts from.
    Editor(String),
    /// The value set on several cards, to choose a known state.
    Bulk(Box<BulkEdit>),
}

impl App {
    /// The question to ask before a card takes `state`, when the document does not know it;
    /// `None` when it does.
    pub(super) fn unknown_state(&self, state: &str) -> Option<String> {
        let board = &self.stored.board;
        match board.check_state_in(&self.columns, state) {
            Err(StateError::Unknown { state, closest, .. }) => {
                let near = closest.map_or_else(String::new, |c| format!(" (did you mean “{c}”?)"));
                Some(format!(
                    "“{state}” is not a state of this board yet{near}. Add it as a new state?"
                ))
            }
            _ => None,
        }
    }

    /// Commits a change of card `id` (from the form or the editor), saying `done`; when
    /// `question` asks about a state the document does not know, asks it first, a no going
    /// `back`. No change: nothing to commit, and it says so.
    pub(super) fn commit_or_ask(
        &mut self,
        question: Option<String>,
        change: Option<Change>,
        (id, back): (CardId, Back),
        done: &str,
    ) -> Option<Effect> {
        let Some(change) = change else {
            self.say("nothing changed");
            return None;
        };
        if let Some(question) = question {
            let done = done.to_owned();
            let pending = NewState {
                change,
                id,
                back,
                done,
            };
            self.mode = Mode::Confirm {
                question,
                then: Pending::NewState(Box::new(pending)),
            };
            return None;
        }
        let effect = self.commit(Some(change), Some(id));
        if effect.is_some() {
            self.say(done);
        }
        effect
    }

    /// The answer to the question of [`App::commit_or_ask`].
    pub(super) fn on_new_state(&mut self, yes: bool, pending: NewState) -> Option<Effect> {
        if yes {
            let what = (pending.id, pending.back);
            return self.commit_or_ask(None, Some(pending.change), what, &pending.done);
        }
        match pending.back {
            Back::Form(form) => {
                self.mode = Mode::Form(form);
                let offers = self
                    .keymap
                    .first_key(
                        crate::keymap::Scope::Form,
                        crate::action::Action::NextChoice,
                    )
                    .map_or_else(String::new, |k| format!(" ({k} offers them)"));
                self.say(format!("not saved: choose a known state{offers}"));
            }
            Back::Editor(text) => {
                self.editor_draft = Some((pending.id, text));
                self.say("not saved (E edits your text again)");
            }
            Back::Bulk(bulk) => {
                self.mode = Mode::BulkEdit(bulk);
                self.say("not set: type a known state");
            }
        }
        None
    }
}
