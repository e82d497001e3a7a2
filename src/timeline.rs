//! How long each card has been in its state, and where it was before: its *timeline*, worked
//! out from the versions of its document in git.
//!
//! The versions are followed oldest first, each read as the board reads it, and each projects
//! row is followed from one version to the next as the merge matches rows
//! ([`merge::versions`](crate::merge::versions)): by an unchanged line, its title, its ID, a
//! column of unique values, its position. A row keeps its timeline through edits and renames;
//! a row matched by none starts one. A *stint* starts at the version whose state differs (states
//! compared as the board compares them: case and markup aside) from the row's state before.
//! After the commits come the versions not committed yet (the working tree, the board's
//! snapshot), whose stints start "now, not committed".
//!
//! Pure: versions in, timelines out. Reading them from git is [`read`]'s.

mod age;
pub mod read;
mod tracker;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use age::{age, days, short_date};
pub use tracker::Tracker;

use crate::board::{CardId, layout};

/// A commit that changed the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    /// Its full hash.
    pub hash: String,
    pub author: String,
    /// When it landed (the committer's date), in seconds since the epoch.
    pub time: i64,
    /// The same date in RFC 3339, with the committer's offset.
    pub date: String,
}

impl Commit {
    /// The hash as `git log --oneline` shortens it at least.
    pub fn short(&self) -> &str {
        &self.hash[..self.hash.len().min(7)]
    }
}

/// Where a stint starts: a commit, as an index into the commits of its [`History`], or `None`
/// for a change not committed yet.
pub type Mark = Option<u32>;

/// A time a card spent in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stint {
    /// The state as read (markup stripped), "" for none.
    pub state: String,
    /// Where it started.
    pub from: Mark,
}

/// A card's states, oldest first: each stint ends where the next starts, the last goes on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timeline(pub Vec<Stint>);

impl Timeline {
    /// The stint the card is in.
    pub fn current(&self) -> Option<&Stint> {
        self.0.last()
    }

    /// Records that the card is in state `raw` (a raw cell) at `mark`: a new stint when it was
    /// in another state (or none is known).
    pub fn enter(&mut self, raw: &str, mark: Mark) {
        let key = layout::state_key(raw);
        match self.0.last_mut() {
            Some(last) if layout::state_key(&last.state) == key => {}
            _ => self.0.push(Stint {
                state: crate::markdown::plain(raw),
                from: mark,
            }),
        }
    }

    /// This timeline as it stands for a card now in state `raw`: with a stint "not committed"
    /// when the card left the state its last stint records.
    #[must_use]
    pub fn now_in(&self, raw: &str) -> Self {
        let mut now = self.clone();
        now.enter(raw, None);
        now
    }
}

/// The timelines of a document's rows and the commits they name: what a file's history says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The commits the timelines name, oldest first.
    pub commits: Vec<Commit>,
    /// Per projects row of the last version (table after table, as a board counts them), its
    /// timeline.
    pub rows: Vec<Timeline>,
}

impl History {
    /// The commit a mark names, when it names one.
    pub fn commit(&self, mark: Mark) -> Option<&Commit> {
        self.commits.get(usize::try_from(mark?).ok()?)
    }

    /// Keeps only the commits some timeline names, renumbering the marks.
    pub fn prune(&mut self) {
        let mut used = vec![false; self.commits.len()];
        for stint in self.rows.iter().flat_map(|t| &t.0) {
            if let Some(k) = stint.from.and_then(|m| usize::try_from(m).ok()) {
                used[k] = true;
            }
        }
        let mut renumber = vec![None; self.commits.len()];
        let mut kept = Vec::new();
        for (k, commit) in std::mem::take(&mut self.commits).into_iter().enumerate() {
            if used[k] {
                renumber[k] = u32::try_from(kept.len()).ok();
                kept.push(commit);
            }
        }
        self.commits = kept;
        for stint in self.rows.iter_mut().flat_map(|t| &mut t.0) {
            stint.from = stint.from.and_then(|m| renumber[usize::try_from(m).ok()?]);
        }
    }
}

/// The timelines of a board's cards, by id, as the board's file has them (its unwritten
/// changes are the board's: [`Times::of`] adds them): what the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Times {
    pub commits: Vec<Commit>,
    pub cards: HashMap<CardId, Timeline>,
    /// When they were worked out, in seconds since the epoch: ages are counted to then.
    pub now: i64,
}

impl Times {
    /// The timeline of card `id`, now in state `raw`: a card the history does not know (added
    /// since) is in its state "not committed".
    pub fn of(&self, id: CardId, raw: &str) -> Timeline {
        self.cards
            .get(&id)
            .map_or_else(Timeline::default, Clone::clone)
            .now_in(raw)
    }

    /// The commit a mark names, when it names one.
    pub fn commit(&self, mark: Mark) -> Option<&Commit> {
        self.commits.get(usize::try_from(mark?).ok()?)
    }

    /// The commit that put card `id`, now in state `raw`, in that state; `None` when that
    /// change is not committed.
    pub fn entered(&self, id: CardId, raw: &str) -> Option<&Commit> {
        let current = self.cards.get(&id)?.current()?;
        if layout::state_key(&current.state) != layout::state_key(raw) {
            return None;
        }
        self.commit(current.from)
    }

    /// How long card `id`, in state `raw`, has been in it, in whole days; `None` when its
    /// stint is not committed.
    pub fn days_in_state(&self, id: CardId, raw: &str) -> Option<i64> {
        Some(days(self.now - self.entered(id, raw)?.time))
    }

    /// How long card `id`, in state `raw`, has been in it as a card shows it: `312d`, `10mo`;
    /// `now` when that change is not committed.
    pub fn age_of(&self, id: CardId, raw: &str) -> String {
        self.entered(id, raw)
            .map_or_else(|| "now".to_owned(), |c| age(self.now - c.time))
    }

    /// A timeline one line a stint, oldest first, its columns aligned: the state, the days it
    /// started and ended (`now` while it lasts), the commit and its author; `not committed`
    /// for a change not committed.
    pub fn lines(&self, timeline: &Timeline) -> Vec<String> {
        let stints = &timeline.0;
        let name = |s: &Stint| {
            if s.state.is_empty() {
                "no state".to_owned()
            } else {
                crate::markdown::cell::printable(&s.state).into_owned()
            }
        };
        let width = stints
            .iter()
            .map(|s| unicode_width::UnicodeWidthStr::width(name(s).as_str()))
            .max()
            .unwrap_or(0);
        let day = |mark: Mark| self.commit(mark).map(|c| short_date(&c.date).to_owned());
        stints
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let state = name(s);
                let pad = width - unicode_width::UnicodeWidthStr::width(state.as_str());
                let Some(c) = self.commit(s.from) else {
                    return format!("{state}{:pad$}  not committed", "");
                };
                let to = stints
                    .get(k + 1)
                    .and_then(|next| day(next.from))
                    .unwrap_or_else(|| "now".to_owned());
                let author = crate::markdown::cell::printable(&c.author);
                format!(
                    "{state}{:pad$}  {} → {to:10}  {}  {author}",
                    "",
                    short_date(&c.date),
                    c.short()
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
