//! A git repository made in a test's home ([`Home`]): commits of a small document of plans with
//! set dates and authors, git's configuration the test's alone (no global or system file), and
//! mdboard run in its working tree.

#![allow(dead_code, clippy::unwrap_used)]

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Home;

/// The document, relative to the working tree.
pub const DOC: &str = "docs/plans.md";

/// The days of the commits, in order.
pub const DAYS: [&str; 5] = [
    "2023-01-02T10:00:00Z",
    "2023-03-01T10:00:00+01:00",
    "2023-06-01T10:00:00Z",
    "2023-09-01T10:00:00Z",
    "2023-12-01T10:00:00Z",
];

/// A working tree (`work/` under the home), a repository or not.
pub struct Repo {
    pub home: Home,
}

impl Repo {
    /// A repository, its branch `main`, without commits.
    pub fn new() -> Self {
        let repo = Self::bare_folder();
        repo.git(&["init", "-q", "-b", "main"], DAYS[0], "Ann");
        repo
    }

    /// The working tree without a repository.
    pub fn bare_folder() -> Self {
        let repo = Self { home: Home::new() };
        fs::create_dir_all(repo.work().join("docs")).unwrap();
        repo
    }

    pub fn work(&self) -> PathBuf {
        self.home.path().join("work")
    }

    /// git in the working tree as `author` on `date`; what it printed.
    pub fn git(&self, args: &[&str], date: &str, author: &str) -> String {
        self.git_in(&self.work(), args, date, author)
    }

    /// git in `dir` as `author` on `date`; what it printed.
    pub fn git_in(&self, dir: &Path, args: &[&str], date: &str, author: &str) -> String {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .envs(isolated(self.home.path()))
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", "someone@example.com")
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", "someone@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// mdboard in the working tree, its git the test's alone.
    pub fn mdboard(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.process())
    }

    /// [`Repo::mdboard`] as a plain process (see [`Home::process`]).
    pub fn process(&self) -> std::process::Command {
        let mut cmd = self.home.process();
        cmd.current_dir(self.work())
            .envs(isolated(self.home.path()))
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        cmd
    }

    /// `mdboard ARGS...` in the working tree, which must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.mdboard().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// `mdboard ARGS...` in the working tree, which must succeed without touching a file under
    /// the home (the working tree, the repository, the data directory): its stdout.
    pub fn reads(&self, args: &[&str]) -> String {
        let (before, had_data) = (self.home.snapshot(), self.home.data().exists());
        let out = self.ok(args);
        assert!(
            had_data || !self.home.data().exists(),
            "{args:?} made a data directory"
        );
        assert!(
            self.home.snapshot() == before,
            "{args:?} wrote something under the home"
        );
        out
    }

    /// The document with these rows, in the working tree.
    pub fn write(&self, rows: &[(&str, &str)]) {
        fs::write(self.work().join(DOC), plans(rows)).unwrap();
    }

    /// The document with these rows, committed by `author` on `date`.
    pub fn commit(&self, rows: &[(&str, &str)], date: &str, author: &str) {
        self.write(rows);
        self.git(&["add", "-A"], date, author);
        self.git(&["commit", "-q", "-m", date], date, author);
    }

    /// The full hash of a revision.
    pub fn rev(&self, rev: &str) -> String {
        self.git(&["rev-parse", rev], DAYS[0], "Ann")
            .trim()
            .to_owned()
    }
}

/// The environment that keeps git to the test's configuration: no global or system file, the
/// home's own `HOME`, no repository looked for above the home (and none named from outside:
/// `GIT_DIR` and `GIT_WORK_TREE` are removed).
fn isolated(home: &Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("GIT_CONFIG_GLOBAL", "/dev/null".into()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("HOME", home.into()),
        ("XDG_CONFIG_HOME", home.join("config").into()),
        ("GIT_CEILING_DIRECTORIES", home.into()),
    ]
}

/// A document of plans: a Name, a State and Notes (each plan's notes unique), and a states
/// table.
pub fn plans(rows: &[(&str, &str)]) -> String {
    let mut text = String::from("# Plans\n\n| Name | State | Notes |\n| --- | --- | --- |\n");
    for (name, state) in rows {
        let notes = name.split(' ').next().unwrap_or_default().to_lowercase();
        let _ = writeln!(text, "| {name} | {state} | about {notes} |");
    }
    text.push_str(
        "\n| State | Meaning |\n| --- | --- |\n| idea | new |\n| design | drawn |\n\
         | released | out |\n",
    );
    text
}

/// A card's history from JSON as (state, day it entered it, author).
pub fn stints(card: &Value) -> Vec<(String, Option<String>, Option<String>)> {
    card["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["state"].as_str().unwrap().to_owned(),
                s["from"].as_str().map(|d| d[..10].to_owned()),
                s["author"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// A stint as [`stints`] reads it.
pub fn stint(
    state: &str,
    day: Option<&str>,
    author: Option<&str>,
) -> (String, Option<String>, Option<String>) {
    (
        state.to_owned(),
        day.map(str::to_owned),
        author.map(str::to_owned),
    )
}
