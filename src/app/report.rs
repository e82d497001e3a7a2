//! What the runtime reports back after carrying out an effect.

use super::states::Back;
use super::{App, Disk, Effect, Mode, Pending, Report, editor};

impl App {
    /// Takes in what the runtime reports after carrying out an effect.
    pub fn report(&mut self, report: Report) -> Option<Effect> {
        match report {
            Report::Saved | Report::Resumed => {}
            Report::SaveFailed(e) => self.fail(format!("not saved: {e}")),
            Report::Wrote(path, followed) => {
                self.unwritten = self.stored.unwritten();
                if self.stored.source.is_some() {
                    self.disk = Disk::Unchanged;
                }
                // The runtime rebuilt the screen when writing followed the file first.
                match followed {
                    Some(what) => {
                        self.say(format!(
                            "wrote {}, after following it: {what}",
                            path.display()
                        ));
                    }
                    None => self.say(format!("wrote {}", path.display())),
                }
            }
            Report::WriteFailed(e) => self.fail(format!("not written: {e}")),
            Report::Conflicts(count) => {
                // Rebuilt by the runtime: following the file left them.
                self.refuse_conflicts(count);
            }
            Report::WouldOverwrite { to, why } => {
                self.mode = Mode::Confirm {
                    question: format!("{why} Overwrite it with the board?"),
                    then: Pending::Overwrite(to),
                };
            }
            Report::Edited { id, text } => {
                let board = &self.stored.board;
                let card = board.card(id)?;
                match editor::from_text(board.headers_of(card), &text) {
                    Ok(values) => {
                        let state_col = board.state_col_of(card);
                        let question = values
                            .get(state_col)
                            .and_then(Option::as_deref)
                            .filter(|v| card.cells[state_col] != crate::markdown::encode(v))
                            .and_then(|v| self.unknown_state(v));
                        let cells: Vec<(usize, String)> = values
                            .into_iter()
                            .enumerate()
                            .filter_map(|(c, v)| {
                                v.map(|v| {
                                    // A state is written as the card's table spells it.
                                    let raw = if c == state_col
                                        && card.cells[c] != crate::markdown::encode(&v)
                                    {
                                        board.state_spelling(card.table, &v)
                                    } else {
                                        crate::markdown::encode(&v)
                                    };
                                    (c, raw)
                                })
                            })
                            .collect();
                        let change = board.edit(id, &cells);
                        let back = (id, Back::Editor(text));
                        let effect = self.commit_or_ask(question, change, back, "card saved");
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
            Report::History(found) => {
                let found = *found;
                self.times = Some(found.times);
                if let Some(cache) = found.cache
                    && self.read_only.is_none()
                {
                    // Kept with the board: worked out again only for a new commit.
                    self.stored.timeline = Some(cache);
                    return Some(Effect::Save);
                }
            }
            Report::NoHistory(e) => self.fail(format!("no history from git: {e}")),
        }
        None
    }
}
