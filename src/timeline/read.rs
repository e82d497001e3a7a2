//! A file's history read through git ([`crate::git`]): its versions, oldest first, followed by a
//! [`Tracker`]; from a cache when the file has no new commit, from the cache's commit on when
//! it has.
//!
//! Two git processes in all: `git log` lists the commits that changed the file (with the blob
//! of each version) and one `git cat-file --batch` reads every version, each followed while
//! git reads the next.

use std::collections::HashMap;
use std::path::Path;

use ron::value::RawValue;
use serde::{Deserialize, Serialize};

use crate::board::{CardId, Choice};
use crate::git::{self, GitError};

use super::{Commit, History, Mark, Timeline, Times, Tracker};

/// How histories are worked out: a cache made otherwise is read again.
const VERSION: u32 = 1;

/// What a board keeps of its file's history, so that it is read again only for new commits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    pub version: u32,
    /// The file's last commit, the history's last version.
    pub commit: String,
    /// The git object of the file's text at that commit.
    pub object: String,
    /// The columns the versions were read with.
    pub choice: Choice,
    pub history: History,
}

/// A [`Cache`] as a board file keeps it: its RON text, written out as it is. A board is saved
/// after every change, and a history grows with the cards and the commits (a quarter of a
/// megabyte at 1,000 cards and 1,000 commits): serializing it on every save would cost a
/// millisecond a change on the screen's thread, copying its text costs next to nothing. It is
/// read back when the history is worked out, off that thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Kept(Box<RawValue>);

impl Kept {
    /// The cache's text.
    pub fn of(cache: &Cache) -> Option<Self> {
        RawValue::from_rust(cache).ok().map(Self)
    }

    /// The cache, when its text reads as one (a cache of another mdboard may not).
    pub fn cache(&self) -> Option<Cache> {
        self.0.into_rust().ok()
    }

    /// The text, as the board file has it.
    pub fn text(&self) -> &str {
        self.0.get_ron()
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Kept {}

/// A file's history up to its last commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub cache: Cache,
    /// The file's text at its last commit.
    pub text: String,
    /// True when it was worked out now (the cache is new), false when it is the cache given.
    pub fresh: bool,
}

/// The history of `file` up to its last commit, its versions read with `choice`: `cache` when
/// it is of that commit, else worked out (from the cache's commit on, when it is in the file's
/// history). `None` when git has no history of the file (no repository, not tracked, git
/// missing).
pub fn committed(
    file: &Path,
    choice: &Choice,
    cache: Option<&Cache>,
) -> Result<Option<Committed>, GitError> {
    let last = match git::file_log(file, Some(1)) {
        Ok(last) => last,
        Err(GitError::Missing { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(last) = last.into_iter().next() else {
        return Ok(None);
    };
    let cache = cache.filter(|c| c.version == VERSION && c.choice == *choice);
    if let Some(c) = cache.filter(|c| c.commit == last.hash)
        && let Some(text) = text_of(file, &c.object)?
    {
        return Ok(Some(Committed {
            cache: c.clone(),
            text,
            fresh: false,
        }));
    }
    let log = git::file_log(file, None)?;
    // From the cache's commit on, when the file's history still has it.
    let resumed = cache.and_then(|c| {
        let at = log.iter().position(|l| l.hash == c.commit)?;
        let text = text_of(file, &c.object).ok()??;
        let tracker = Tracker::resume(choice.clone(), &text, c.history.rows.clone())?;
        Some((tracker, c.history.commits.clone(), at))
    });
    let (mut tracker, mut commits, newer) =
        resumed.unwrap_or_else(|| (Tracker::new(choice.clone()), Vec::new(), log.len()));
    let versions: Vec<&git::FileCommit> = log[..newer].iter().rev().collect();
    let first = commits.len();
    commits.extend(versions.iter().map(|v| Commit {
        hash: v.hash.clone(),
        author: v.author.clone(),
        time: v.time,
        date: v.date.clone(),
    }));
    let objects: Vec<String> = versions.iter().map(|v| v.object.clone()).collect();
    // The object of the last version read: a version that does not read is passed over.
    let mut object = cache
        .filter(|_| newer < log.len())
        .map(|c| c.object.clone());
    git::read_objects(file, &objects, |k, bytes| {
        if let Some(text) = bytes.and_then(|b| std::str::from_utf8(b).ok()) {
            let mark: Mark = u32::try_from(first + k).ok();
            if tracker.push(text, mark) {
                object = Some(objects[k].clone());
            }
        }
    })?;
    let text = tracker.text().unwrap_or_default().to_owned();
    let mut history = History {
        commits,
        rows: tracker.into_rows(),
    };
    history.prune();
    Ok(Some(Committed {
        cache: Cache {
            version: VERSION,
            object: object.unwrap_or(last.object),
            commit: last.hash,
            choice: choice.clone(),
            history,
        },
        text,
        fresh: true,
    }))
}

/// The text of a git object, when git has it and it is UTF-8.
fn text_of(file: &Path, object: &str) -> Result<Option<String>, GitError> {
    let mut text = None;
    git::read_objects(file, &[object.to_owned()], |_, bytes| {
        text = bytes.and_then(|b| String::from_utf8(b.to_vec()).ok());
    })?;
    Ok(text)
}

/// The timelines of the rows of the last of `later` (versions not committed: the working tree,
/// a board's snapshot), followed on from the file's last commit; with no later version, of the
/// commit's rows.
pub fn follow_on(committed: &Committed, later: &[&str]) -> Vec<Timeline> {
    let c = &committed.cache;
    let Some(mut tracker) =
        Tracker::resume(c.choice.clone(), &committed.text, c.history.rows.clone())
    else {
        return Vec::new();
    };
    for text in later {
        tracker.push(text, None);
    }
    tracker.into_rows()
}

/// What a board needs to show its cards' history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForBoard {
    pub times: Times,
    /// A cache worked out now, to keep with the board.
    pub cache: Option<Kept>,
}

/// The history of the cards of a board of `file`: the file's commits (from the cache `kept`
/// when the file has no new commit), then the file on disk (`on_disk`) and the board as it stands
/// (`board`: what it would write, and its cards' ids in order) where they differ, not
/// committed. Ages count to `now`. `None` when git has no history of the file.
pub fn for_board(
    file: &Path,
    choice: &Choice,
    kept: Option<&Kept>,
    on_disk: Option<&[u8]>,
    (board, ids): (&str, &[CardId]),
    now: i64,
) -> Result<Option<ForBoard>, GitError> {
    let cache = kept.and_then(Kept::cache);
    let Some(committed) = committed(file, choice, cache.as_ref())? else {
        return Ok(None);
    };
    let disk = on_disk.and_then(|b| std::str::from_utf8(b).ok());
    let later: Vec<&str> = disk.into_iter().chain([board]).collect();
    let rows = follow_on(&committed, &later);
    if rows.len() != ids.len() {
        // The board was read otherwise than the history (not expected): no history beats a
        // wrong one.
        return Ok(None);
    }
    let cards: HashMap<CardId, Timeline> = ids.iter().copied().zip(rows).collect();
    Ok(Some(ForBoard {
        times: Times {
            commits: committed.cache.history.commits.clone(),
            cards,
            now,
        },
        cache: committed
            .fresh
            .then(|| Kept::of(&committed.cache))
            .flatten(),
    }))
}

/// Seconds since the epoch, now: what ages are counted to.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::git::tests::{git, repo};

    fn plans(alpha: &str, beta: &str) -> String {
        format!("| Name | State |\n| --- | --- |\n| Alpha | {alpha} |\n| Beta | {beta} |\n")
    }

    fn commit(dir: &Path, text: &str, date: &str) {
        std::fs::write(dir.join("plans.md"), text).unwrap();
        git(dir, &["add", "plans.md"], date);
        git(dir, &["commit", "-qm", date], date);
    }

    #[test]
    fn worked_out_once_then_from_the_cache_then_on_from_it_for_a_new_commit() {
        let repo = repo();
        let dir = repo.path();
        let file = dir.join("plans.md");
        let choice = Choice::default();
        commit(dir, &plans("idea", "idea"), "2024-01-01T00:00:00Z");
        commit(dir, &plans("design", "idea"), "2024-02-01T00:00:00Z");
        let first = committed(&file, &choice, None).unwrap().unwrap();
        assert!(first.fresh);
        assert_eq!(first.text, plans("design", "idea"));
        assert_eq!(first.cache.history.rows.len(), 2);
        let again = committed(&file, &choice, Some(&first.cache))
            .unwrap()
            .unwrap();
        assert!(!again.fresh, "from the cache");
        assert_eq!(again.cache, first.cache);
        // Another choice of columns is another history.
        let named = Choice {
            state_column: Some("State".to_owned()),
            ..Choice::default()
        };
        assert!(
            committed(&file, &named, Some(&first.cache))
                .unwrap()
                .unwrap()
                .fresh
        );

        commit(dir, &plans("design", "released"), "2024-03-01T00:00:00Z");
        let on = committed(&file, &choice, Some(&first.cache))
            .unwrap()
            .unwrap();
        let whole = committed(&file, &choice, None).unwrap().unwrap();
        assert!(on.fresh);
        assert_eq!(
            on.cache, whole.cache,
            "on from the cache as if read through"
        );
        let beta = &on.cache.history.rows[1];
        assert_eq!(beta.0.len(), 2);
        assert_eq!(
            on.cache.history.commit(beta.0[1].from).unwrap().date,
            "2024-03-01T00:00:00Z"
        );
        // The working tree and the board on top, not committed.
        let rows = follow_on(&on, &[&plans("released", "released")]);
        assert_eq!(rows[0].current().unwrap().from, None);
        assert_eq!(rows[1], *beta);
    }
}
