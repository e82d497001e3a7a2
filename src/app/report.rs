//! What the runtime reports back after carrying out an effect.

use super::{App, Disk, Effect, Mode, Pending, Report, editor};

impl App {
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
}
