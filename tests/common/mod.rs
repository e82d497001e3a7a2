//! What the command-line tests share: a home of their own for each test (its data directory and
//! working directory), the seed, and checks of how a command fails; a git repository in a home
//! ([`git`]).

#![allow(dead_code, clippy::unwrap_used)]

pub mod git;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub const SEED: &str = include_str!("../../assets/projects.md");

/// A home of its own: a data directory nothing else uses, and a working directory.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.path().join("data/mdboard")
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// `mdboard` set up as [`Home::cmd`] sets it up, as a plain process: for a test that gives
    /// it an output of its own.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mdboard"));
        cmd.env("XDG_DATA_HOME", self.path().join("data"))
            .env("HOME", self.path())
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .current_dir(self.path());
        cmd
    }

    /// `mdboard ARGS...`, which must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    }

    /// A copy of the seed in the working directory.
    pub fn seed(&self, name: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::write(&path, SEED).unwrap();
        path
    }

    /// The board files in the data directory.
    pub fn rons(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.data()) else {
            return Vec::new();
        };
        let mut rons: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        rons.sort();
        rons
    }

    /// Every file under the home, with its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    out.insert(path.clone(), Vec::new());
                    walk(&path, out);
                } else {
                    out.insert(path.clone(), fs::read(&path).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.path(), &mut out);
        out
    }
}

/// Runs `cmd` with an output whose reader has left (a pipe closed at the other end, as `| head`
/// leaves it): its exit status and what it printed on stderr.
pub fn reader_gone(cmd: &mut std::process::Command) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = cmd
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    (out.status, String::from_utf8(out.stderr).unwrap())
}

pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

pub fn json(text: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

pub fn card<'a>(cards: &'a [Value], name: &str) -> &'a Value {
    cards.iter().find(|c| c["name"] == name).unwrap()
}

/// The lines of `a` and `b` that differ, by number (both must have as many lines).
pub fn changed_lines<'a>(a: &'a str, b: &'a str) -> Vec<(&'a str, &'a str)> {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    assert_eq!(la.len(), lb.len(), "as many lines");
    la.into_iter().zip(lb).filter(|(x, y)| x != y).collect()
}

/// Runs `mdboard ARGS` expecting a clean failure: non-zero exit, one line on stderr containing
/// every `needles`, no panic, and not a byte changed or created under the home.
pub fn fails_cleanly(home: &Home, args: &[&str], needles: &[&str]) {
    fails(home, args, needles, false);
}

/// [`fails_cleanly`] for a command refused once it holds the board: its lock file (which says
/// who holds it) is the one file it may have written.
pub fn refused_on_board(home: &Home, args: &[&str], needles: &[&str]) {
    fails(home, args, needles, true);
}

fn fails(home: &Home, args: &[&str], needles: &[&str], locked: bool) {
    let before = home.snapshot();
    let out = home
        .cmd()
        .args(args)
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = home.snapshot();
    let differ: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .filter(|k| !(locked && k.extension().is_some_and(|e| e == "lock")))
        .collect();
    assert!(differ.is_empty(), "nothing created or changed: {differ:?}");
}
