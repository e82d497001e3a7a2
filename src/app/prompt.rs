//! A line of text asked for: the file to write the bundled board into.

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use super::{App, Effect, Mode};
use crate::action::Action;

impl App {
    pub(super) fn on_prompt(
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
}
