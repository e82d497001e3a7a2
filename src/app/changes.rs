//! `D`: what the board changes that is not written back, as `mdboard changes` lists it for a
//! pull request: moved, added, removed, edited, reordered, by state.

use super::{App, Effect, Mode};
use crate::action::Action;

impl App {
    /// Opens the summary of the changes not written back: the board now against the board as
    /// it was when last written or read (a point of its history).
    pub(super) fn open_changes(&mut self) {
        let board = &self.stored.board;
        let synced = self.stored.synced_at.filter(|&k| k <= board.timeline_len());
        let before = match board.at(synced.unwrap_or(0)) {
            Ok(before) => before,
            Err(e) => {
                self.fail(format!("cannot tell the changes: {e}"));
                return;
            }
        };
        let mut lines: Vec<String> = Vec::new();
        if synced.is_none() {
            // Written, then undone below that point and changed anew: what was written is no
            // longer in the history.
            lines.push("Against the file as the board last read it.".to_owned());
            lines.push(String::new());
        }
        let summary = board.changes_since(&before);
        lines.extend(summary.text().lines().map(str::to_owned));
        self.mode = Mode::Changes { scroll: 0, lines };
    }

    /// The summary's view: scrolls, closes, quits.
    pub(super) fn on_changes(
        &mut self,
        action: Action,
        scroll: u16,
        lines: Vec<String>,
    ) -> Option<Effect> {
        // Bounded by the number of lines; the view stops at the last one.
        let last = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        self.mode = match action {
            Action::ScrollUp => Mode::Changes {
                scroll: scroll.saturating_sub(1),
                lines,
            },
            Action::ScrollDown => Mode::Changes {
                scroll: scroll.saturating_add(1).min(last),
                lines,
            },
            Action::Quit => return Some(Effect::Quit),
            Action::Close | Action::Changes => Mode::Board,
            _ => Mode::Changes { scroll, lines },
        };
        None
    }
}
