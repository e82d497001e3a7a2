//! Yes/no questions.

use super::{App, Effect, Mode, Pending};
use crate::action::Action;

impl App {
    pub(super) fn on_confirm(
        &mut self,
        action: Action,
        question: String,
        then: Pending,
    ) -> Option<Effect> {
        match (action, then) {
            (Action::Yes, Pending::Overwrite(to)) => {
                return Some(Effect::Write {
                    to,
                    overwrite: true,
                });
            }
            (Action::Yes, Pending::Delete(ids)) => return self.delete(&ids),
            (Action::Yes, Pending::DiscardForm(_)) => self.say("changes dropped"),
            (Action::Yes, Pending::NewState(pending)) => return self.on_new_state(true, *pending),
            (Action::No, Pending::NewState(pending)) => return self.on_new_state(false, *pending),
            (Action::No, Pending::DiscardForm(form)) => self.mode = Mode::Form(form),
            (Action::No, _) => self.say("nothing done"),
            (_, then) => self.mode = Mode::Confirm { question, then },
        }
        None
    }
}
