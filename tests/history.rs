//! Time in state from git history, and `changes --since`, in real repositories made in the test:
//! commits with set dates and authors, a renamed project, a file renamed with `git mv`, a
//! shallow clone, a file git does not know, changes not committed. Git's configuration is the
//! test's alone (no global or system file).

#![allow(clippy::unwrap_used)]

use std::ffi::OsStr;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DOC: &str = "docs/plans.md";

/// A repository in a folder of its own, with its own data directory for mdboard.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Self {
        let repo = Self::bare_folder();
        repo.git(["init", "-q", "-b", "main"], DAYS[0], "Ann");
        repo
    }

    /// The folder, without a repository.
    fn bare_folder() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(repo.work().join("docs")).unwrap();
        repo
    }

    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn env(&self, cmd: &mut Command, date: &str, author: &str) {
        cmd.current_dir(self.work())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", "someone@example.com")
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", "someone@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.data())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
    }

    fn git<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(
        &self,
        args: I,
        date: &str,
        author: &str,
    ) -> String {
        let mut cmd = Command::new("git");
        self.env(&mut cmd, date, author);
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success(), "git: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn mdboard<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mdboard"));
        self.env(&mut cmd, DAYS[0], "Ann");
        cmd.args(args).output().unwrap()
    }

    /// mdboard, which must succeed; its stdout.
    fn ok<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> String {
        let out = self.mdboard(args);
        assert!(out.status.success(), "mdboard: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn write(&self, rows: &[(&str, &str)]) {
        fs::write(self.work().join(DOC), plans(rows)).unwrap();
    }

    fn commit(&self, rows: &[(&str, &str)], date: &str, author: &str) {
        self.write(rows);
        self.git(["add", "-A"], date, author);
        self.git(["commit", "-q", "-m", date], date, author);
    }

    /// `history --json` of the document: each card's name with its history.
    fn history(&self, path: &str) -> Vec<Value> {
        let out = self.ok(["history", "-f", path, "--json"]);
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

/// The days of the commits, in order.
const DAYS: [&str; 5] = [
    "2023-01-02T10:00:00Z",
    "2023-03-01T10:00:00+01:00",
    "2023-06-01T10:00:00Z",
    "2023-09-01T10:00:00Z",
    "2023-12-01T10:00:00Z",
];

/// A document of plans: a Name, a State and Notes (each plan's notes unique).
fn plans(rows: &[(&str, &str)]) -> String {
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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A card of a JSON list by its name.
fn card<'a>(cards: &'a [Value], name: &str) -> &'a Value {
    cards
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no card {name}: {cards:?}"))
}

/// A card's history as (state, from, author), `from` the day alone.
fn stints(card: &Value) -> Vec<(String, Option<String>, Option<String>)> {
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

fn s(
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

/// Alpha from idea to design to released over three commits by three people; Beta in design.
fn moved_through_states() -> Repo {
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea"), ("Beta", "design")], DAYS[0], "Ann");
    repo.commit(&[("Alpha", "design"), ("Beta", "design")], DAYS[1], "Bob");
    repo.commit(&[("Alpha", "released"), ("Beta", "Design")], DAYS[2], "Cy");
    repo
}

#[test]
fn a_card_moved_through_several_states_over_several_commits() {
    let repo = moved_through_states();
    let cards = repo.history(DOC);
    let alpha = card(&cards, "Alpha");
    assert_eq!(
        stints(alpha),
        [
            s("idea", Some("2023-01-02"), Some("Ann")),
            s("design", Some("2023-03-01"), Some("Bob")),
            s("released", Some("2023-06-01"), Some("Cy")),
        ]
    );
    assert_eq!(alpha["since"], "2023-06-01T10:00:00Z");
    assert_eq!(alpha["history"][1]["from"], "2023-03-01T10:00:00+01:00");
    assert_eq!(alpha["history"][0]["to"], "2023-03-01T10:00:00+01:00");
    assert_eq!(alpha["history"][2]["to"], Value::Null);
    let head = repo.git(["rev-parse", "HEAD"], DAYS[0], "Ann");
    assert_eq!(alpha["history"][2]["commit"], head.trim());
    // A state written otherwise is the same state.
    let beta = card(&cards, "Beta");
    assert_eq!(stints(beta), [s("design", Some("2023-01-02"), Some("Ann"))]);

    // As text, one card.
    let out = repo.ok(["history", "-f", DOC, "Alpha"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("Alpha: released for ") && lines[0].ends_with(" (since 2023-06-01)"),
        "{out}"
    );
    let short = &head.trim()[..7];
    assert!(
        lines[1].starts_with("  idea      2023-01-02 → 2023-03-01  "),
        "{out}"
    );
    assert!(lines[1].ends_with("  Ann"), "{out}");
    assert_eq!(
        lines[3],
        format!("  released  2023-06-01 → now         {short}  Cy")
    );
    // Nothing made in the data directory.
    assert!(!repo.data().exists());
}

#[test]
fn a_renamed_project_keeps_its_history() {
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea"), ("Beta", "design")], DAYS[0], "Ann");
    // Renamed and moved in one commit: its notes say it is still Alpha.
    repo.commit(
        &[("Alpha Two", "design"), ("Beta", "design")],
        DAYS[1],
        "Bob",
    );
    let mut rows = plans(&[("Alpha Two", "design"), ("Beta", "design")]);
    rows = rows.replace("about alpha", "about alpha, renamed");
    fs::write(repo.work().join(DOC), rows).unwrap();
    repo.git(["commit", "-qam", "notes"], DAYS[2], "Cy");
    let cards = repo.history(DOC);
    assert_eq!(
        stints(card(&cards, "Alpha Two")),
        [
            s("idea", Some("2023-01-02"), Some("Ann")),
            s("design", Some("2023-03-01"), Some("Bob")),
        ]
    );
}

#[test]
fn a_file_renamed_with_git_mv_keeps_its_history() {
    let repo = moved_through_states();
    repo.git(["mv", DOC, "roadmap.md"], DAYS[3], "Dee");
    repo.git(["commit", "-qm", "moved"], DAYS[3], "Dee");
    let cards = repo.history("roadmap.md");
    assert_eq!(stints(card(&cards, "Alpha")).len(), 3);
    assert_eq!(card(&cards, "Alpha")["since"], "2023-06-01T10:00:00Z");
    // `changes --since` a revision where the file had its old name cannot find it there.
    let out = repo.mdboard(["changes", "-f", "roadmap.md", "--since", "HEAD~1"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("roadmap.md at HEAD~1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_shallow_clone_reports_the_history_it_has() {
    let repo = moved_through_states();
    let clone = repo.dir.path().join("clone");
    let url = format!("file://{}", repo.work().display());
    let mut cmd = Command::new("git");
    repo.env(&mut cmd, DAYS[0], "Ann");
    let out = cmd
        .args(["clone", "-q", "--depth", "2", &url])
        .arg(&clone)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mdboard"));
    repo.env(&mut cmd, DAYS[0], "Ann");
    let out = cmd
        .args(["history", "--json", "-f"])
        .arg(clone.join(DOC))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cards: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stints(card(&cards, "Alpha")),
        [
            s("design", Some("2023-03-01"), Some("Bob")),
            s("released", Some("2023-06-01"), Some("Cy")),
        ]
    );
}

#[test]
fn without_git_or_for_a_file_git_does_not_track_there_is_no_history_and_no_error() {
    let loose = Repo::bare_folder();
    loose.write(&[("Alpha", "idea")]);
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea")], DAYS[0], "Ann");
    fs::write(repo.work().join("new.md"), plans(&[("Alpha", "idea")])).unwrap();
    for (r, path) in [(&loose, DOC), (&repo, "new.md")] {
        let out = r.mdboard(["history", "-f", path]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "");
        assert!(
            text(&out.stderr).contains("has no history in git"),
            "{}",
            text(&out.stderr)
        );
        let cards = r.history(path);
        assert_eq!(card(&cards, "Alpha")["since"], Value::Null);
        assert_eq!(card(&cards, "Alpha")["history"], serde_json::json!([]));
        let listed: Vec<Value> =
            serde_json::from_str(&r.ok(["list", "-f", path, "--json", "--history"])).unwrap();
        assert_eq!(card(&listed, "Alpha")["since"], Value::Null);
        assert_eq!(card(&listed, "Alpha")["history"], serde_json::json!([]));
    }
    // The bundled list is no file of any repository.
    let out = loose.ok(["history", "--json"]);
    assert!(out.contains("\"since\": null"), "{out}");
}

#[test]
fn a_change_not_committed_counts_from_now() {
    let repo = moved_through_states();
    repo.write(&[
        ("Alpha", "released"),
        ("Beta", "released"),
        ("Gamma", "idea"),
    ]);
    let cards = repo.history(DOC);
    let beta = card(&cards, "Beta");
    assert_eq!(beta["since"], Value::Null);
    assert_eq!(
        stints(beta),
        [
            s("design", Some("2023-01-02"), Some("Ann")),
            s("released", None, None)
        ]
    );
    assert_eq!(beta["history"][1]["commit"], Value::Null);
    assert_eq!(stints(card(&cards, "Gamma")), [s("idea", None, None)]);
    let out = repo.ok(["history", "-f", DOC, "Beta"]);
    assert_eq!(
        out.lines().next().unwrap(),
        "Beta: released, not committed",
        "{out}"
    );
    assert!(out.ends_with("  released  not committed\n"), "{out}");
}

#[test]
fn list_history_is_kept_with_the_board_and_read_again_for_a_new_commit() {
    let repo = moved_through_states();
    let list = |repo: &Repo| -> Vec<Value> {
        serde_json::from_str(&repo.ok(["list", "-f", DOC, "--json", "--history"])).unwrap()
    };
    let cards = list(&repo);
    assert_eq!(card(&cards, "Alpha")["since"], "2023-06-01T10:00:00Z");
    assert_eq!(
        card(&cards, "Alpha")["history"].as_array().unwrap().len(),
        3
    );
    let board_file = || -> String {
        let dir = repo.data().join("mdboard");
        let ron = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
            .unwrap();
        fs::read_to_string(ron).unwrap()
    };
    let head = repo.git(["rev-parse", "HEAD"], DAYS[0], "Ann");
    let saved = board_file();
    assert!(
        saved.contains(&format!("commit:\"{}\"", head.trim())),
        "{saved}"
    );
    // A move on the board, not written: that card counts from now.
    repo.ok(["move", "-f", DOC, "Beta", "released"]);
    let cards = list(&repo);
    assert_eq!(card(&cards, "Beta")["since"], Value::Null);
    assert_eq!(card(&cards, "Alpha")["since"], "2023-06-01T10:00:00Z");
    // Written and committed: the history is read again, from the commit the board kept on.
    repo.ok(["move", "-f", DOC, "Beta", "released", "--write"]);
    repo.git(["commit", "-qam", "beta"], DAYS[3], "Dee");
    let cards = list(&repo);
    assert_eq!(card(&cards, "Beta")["since"], "2023-09-01T10:00:00Z");
    assert_eq!(
        stints(card(&cards, "Beta")),
        [
            s("design", Some("2023-01-02"), Some("Ann")),
            s("released", Some("2023-09-01"), Some("Dee")),
        ]
    );
    let head = repo.git(["rev-parse", "HEAD"], DAYS[0], "Ann");
    assert!(board_file().contains(&format!("commit:\"{}\"", head.trim())));
}

/// The repository of `changes --since`: a move, an add, a removal, an edit and a rename.
fn changed() -> Repo {
    let repo = Repo::new();
    repo.commit(
        &[
            ("Alpha", "idea"),
            ("Beta", "design"),
            ("Gamma", "design"),
            ("Delta", ""),
        ],
        DAYS[0],
        "Ann",
    );
    repo.git(["tag", "v1"], DAYS[0], "Ann");
    let text = plans(&[
        ("Alpha", "design"),
        ("Beta Prime", "design"),
        ("Delta", ""),
        ("Epsilon", "idea"),
    ])
    .replace("about delta", "about delta, with more");
    fs::write(repo.work().join(DOC), text).unwrap();
    repo
}

#[test]
fn changes_since_a_revision_as_markdown_for_a_pull_request() {
    let repo = changed();
    let out = repo.ok(["changes", "-f", DOC, "--since", "v1"]);
    insta::assert_snapshot!("changes_since_markdown", out);
    let out = repo.ok(["changes", "-f", DOC, "--since", "v1", "--format", "json"]);
    insta::assert_snapshot!("changes_since_json", out);
    assert!(!repo.data().exists(), "no board made");
    // Nothing changed since HEAD once committed.
    repo.git(["commit", "-qam", "x"], DAYS[1], "Bob");
    assert_eq!(
        repo.ok(["changes", "-f", DOC, "--since", "HEAD"]),
        "No changes to the projects tables.\n"
    );
}

#[test]
fn changes_says_why_it_cannot_compare() {
    let repo = changed();
    let err = |args: &[&str]| {
        let out = repo.mdboard(args);
        assert!(!out.status.success(), "{args:?}");
        text(&out.stderr)
    };
    let e = err(&["changes", "-f", DOC, "--since", "no-such-rev"]);
    assert!(e.contains("docs/plans.md at no-such-rev"), "{e}");
    let e = err(&["changes", "-f", DOC]);
    assert!(e.contains("give --since REV"), "{e}");
    let e = err(&["changes", "--since", "v1"]);
    assert!(e.contains("the bundled list is none"), "{e}");
    let loose = Repo::bare_folder();
    loose.write(&[("Alpha", "idea")]);
    let out = loose.mdboard(["changes", "-f", DOC, "--since", "HEAD"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not in a git repository"),
        "{}",
        text(&out.stderr)
    );
    assert!(!Path::new(&loose.data()).exists());
}
