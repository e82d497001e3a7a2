//! Time in state from git history in real repositories made in the test: commits with set dates
//! and authors, a renamed project, a file renamed with `git mv`, a shallow clone, a file git does
//! not know, changes not committed; `history` and `list --json --history` as they print it, the
//! history kept with the board, and the commands that only read leaving the data directory alone.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::git::{DAYS, DOC, Repo, plans, stint, stints};
use common::{card, json, p};
use serde_json::Value;

/// Alpha from idea to design to released over three commits by three people; Beta in design
/// all along (once written otherwise).
fn moved_through_states() -> Repo {
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea"), ("Beta", "design")], DAYS[0], "Ann");
    repo.commit(&[("Alpha", "design"), ("Beta", "design")], DAYS[1], "Bob");
    repo.commit(&[("Alpha", "released"), ("Beta", "Design")], DAYS[2], "Cy");
    repo
}

/// `history` as text, how long each card has been in its state (which depends on today) left
/// out: `Alpha: released for AGE (since 2023-06-01)`.
fn without_ages(text: &str) -> String {
    text.lines()
        .map(|line| match (line.find(" for "), line.find(" (since ")) {
            (Some(a), Some(b)) if a < b => format!("{} for AGE{}\n", &line[..a], &line[b..]),
            _ => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn a_card_moved_through_several_states_over_several_commits() {
    let repo = moved_through_states();
    let cards = json(&repo.reads(&["history", "-f", DOC, "--json"]));
    let alpha = card(&cards, "Alpha");
    assert_eq!(
        stints(alpha),
        [
            stint("idea", Some("2023-01-02"), Some("Ann")),
            stint("design", Some("2023-03-01"), Some("Bob")),
            stint("released", Some("2023-06-01"), Some("Cy")),
        ]
    );
    assert_eq!(alpha["since"], "2023-06-01T10:00:00Z");
    // Dates with the committer's offset; each stint ends where the next starts.
    assert_eq!(alpha["history"][1]["from"], "2023-03-01T10:00:00+01:00");
    assert_eq!(alpha["history"][0]["to"], "2023-03-01T10:00:00+01:00");
    assert_eq!(alpha["history"][2]["to"], Value::Null);
    assert_eq!(alpha["history"][2]["commit"], repo.rev("HEAD"));
    // A state written otherwise is the same state.
    let beta = card(&cards, "Beta");
    assert_eq!(
        stints(beta),
        [stint("design", Some("2023-01-02"), Some("Ann"))]
    );
    insta::assert_snapshot!(
        "history_json",
        repo.reads(&["history", "-f", DOC, "--json"])
    );
    insta::assert_snapshot!(
        "history_text",
        without_ages(&repo.reads(&["history", "-f", DOC]))
    );
    // One card, by a prefix of its title.
    let alpha = repo.reads(&["history", "-f", DOC, "alp"]);
    assert_eq!(alpha.lines().count(), 4, "{alpha}");
    assert!(alpha.starts_with("Alpha: released for "), "{alpha}");
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
    // Then its notes edited too: the title it has now says it.
    let text = plans(&[("Alpha Two", "design"), ("Beta", "design")])
        .replace("about alpha", "about alpha, renamed");
    fs::write(repo.work().join(DOC), text).unwrap();
    repo.git(&["commit", "-qam", "notes"], DAYS[2], "Cy");
    let cards = json(&repo.reads(&["history", "-f", DOC, "--json"]));
    assert_eq!(
        stints(card(&cards, "Alpha Two")),
        [
            stint("idea", Some("2023-01-02"), Some("Ann")),
            stint("design", Some("2023-03-01"), Some("Bob")),
        ]
    );
}

#[test]
fn a_file_renamed_with_git_mv_keeps_its_history() {
    let repo = moved_through_states();
    repo.git(&["mv", DOC, "roadmap.md"], DAYS[3], "Dee");
    repo.git(&["commit", "-qm", "moved"], DAYS[3], "Dee");
    let cards = json(&repo.reads(&["history", "-f", "roadmap.md", "--json"]));
    assert_eq!(
        stints(card(&cards, "Alpha")),
        [
            stint("idea", Some("2023-01-02"), Some("Ann")),
            stint("design", Some("2023-03-01"), Some("Bob")),
            stint("released", Some("2023-06-01"), Some("Cy")),
        ]
    );
    // Moved again and edited in the working tree: the edit counts from now.
    let text = fs::read_to_string(repo.work().join("roadmap.md")).unwrap();
    fs::create_dir(repo.work().join("plans")).unwrap();
    repo.git(&["mv", "roadmap.md", "plans/all.md"], DAYS[4], "Eve");
    repo.git(&["commit", "-qm", "again"], DAYS[4], "Eve");
    fs::write(
        repo.work().join("plans/all.md"),
        text.replace("| Beta | Design |", "| Beta | idea |"),
    )
    .unwrap();
    let cards = json(&repo.reads(&["history", "-f", "plans/all.md", "--json"]));
    assert_eq!(card(&cards, "Alpha")["since"], "2023-06-01T10:00:00Z");
    assert_eq!(
        stints(card(&cards, "Beta")),
        [
            stint("design", Some("2023-01-02"), Some("Ann")),
            stint("idea", None, None),
        ]
    );
}

#[test]
fn a_shallow_clone_reports_the_history_it_has() {
    let repo = moved_through_states();
    let url = format!("file://{}", repo.work().display());
    let clone = repo.home.path().join("clone");
    repo.git_in(
        repo.home.path(),
        &["clone", "-q", "--depth", "2", &url, p(&clone)],
        DAYS[0],
        "Ann",
    );
    let file = clone.join(DOC);
    let cards = json(&repo.reads(&["history", "--json", "-f", p(&file)]));
    // The first commit is beyond the clone's edge: Alpha's first state is the one it had in
    // the oldest commit the clone has, Beta's since then.
    assert_eq!(
        stints(card(&cards, "Alpha")),
        [
            stint("design", Some("2023-03-01"), Some("Bob")),
            stint("released", Some("2023-06-01"), Some("Cy")),
        ]
    );
    assert_eq!(card(&cards, "Beta")["since"], "2023-03-01T10:00:00+01:00");
}

#[test]
fn without_git_or_for_a_file_git_does_not_track_there_is_no_history_and_no_error() {
    let loose = Repo::bare_folder();
    loose.write(&[("Alpha", "idea")]);
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea")], DAYS[0], "Ann");
    fs::write(repo.work().join("new.md"), plans(&[("Alpha", "idea")])).unwrap();
    for (r, path) in [(&loose, DOC), (&repo, "new.md")] {
        let out = r.mdboard().args(["history", "-f", path]).assert().success();
        let out = out.get_output();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("has no history in git"), "{said}");
        let cards = json(&r.reads(&["history", "-f", path, "--json"]));
        assert_eq!(card(&cards, "Alpha")["since"], Value::Null);
        assert_eq!(card(&cards, "Alpha")["history"], serde_json::json!([]));
        let listed = json(&r.ok(&["list", "-f", path, "--json", "--history"]));
        assert_eq!(card(&listed, "Alpha")["since"], Value::Null);
        assert_eq!(card(&listed, "Alpha")["history"], serde_json::json!([]));
        // Nothing to keep with the board.
        let ron = fs::read_to_string(&r.home.rons()[0]).unwrap();
        assert!(!ron.contains("timeline"), "{ron}");
    }
    // The bundled list is no file of any repository.
    let out = loose.reads(&["history", "--json"]);
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
    let cards = json(&repo.reads(&["history", "-f", DOC, "--json"]));
    let beta = card(&cards, "Beta");
    assert_eq!(beta["since"], Value::Null);
    assert_eq!(
        stints(beta),
        [
            stint("design", Some("2023-01-02"), Some("Ann")),
            stint("released", None, None)
        ]
    );
    assert_eq!(beta["history"][1]["commit"], Value::Null);
    assert_eq!(beta["history"][0]["to"], Value::Null, "left it uncommitted");
    assert_eq!(stints(card(&cards, "Gamma")), [stint("idea", None, None)]);
    let out = repo.reads(&["history", "-f", DOC, "Beta"]);
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
    let list = |repo: &Repo| json(&repo.ok(&["list", "-f", DOC, "--json", "--history"]));
    let cards = list(&repo);
    insta::assert_snapshot!(
        "list_json_history_alpha",
        serde_json::to_string_pretty(card(&cards, "Alpha")).unwrap()
    );
    let board_file = || fs::read_to_string(&repo.home.rons()[0]).unwrap();
    let saved = board_file();
    assert!(
        saved.contains(&format!("commit:\"{}\"", repo.rev("HEAD"))),
        "kept at the file's last commit: {saved}"
    );
    // A move on the board, not written: that card counts from now.
    repo.ok(&["move", "-f", DOC, "Beta", "released"]);
    let cards = list(&repo);
    assert_eq!(card(&cards, "Beta")["since"], Value::Null);
    assert_eq!(card(&cards, "Alpha")["since"], "2023-06-01T10:00:00Z");
    // Written and committed: the history is read again, on from the commit the board kept.
    repo.ok(&["move", "-f", DOC, "Beta", "released", "--write"]);
    repo.git(&["commit", "-qam", "beta"], DAYS[3], "Dee");
    let cards = list(&repo);
    assert_eq!(card(&cards, "Beta")["since"], "2023-09-01T10:00:00Z");
    assert_eq!(
        stints(card(&cards, "Beta")),
        [
            stint("design", Some("2023-01-02"), Some("Ann")),
            stint("released", Some("2023-09-01"), Some("Dee")),
        ]
    );
    assert!(board_file().contains(&format!("commit:\"{}\"", repo.rev("HEAD"))));
    // Without --history, list prints no history.
    let plain = repo.ok(&["list", "-f", DOC, "--json"]);
    assert!(!plain.contains("\"since\""), "{plain}");
}

#[test]
fn the_commands_that_only_read_make_no_board_and_take_no_lock() {
    let repo = moved_through_states();
    repo.write(&[("Alpha", "released"), ("Beta", "desing")]);
    // `reads` checks that nothing under the home changed and no data directory was made.
    repo.reads(&["history", "-f", DOC]);
    repo.reads(&["history", "-f", DOC, "Beta", "--json"]);
    repo.reads(&["changes", "-f", DOC, "--since", "HEAD~1"]);
    repo.reads(&["changes", "-f", DOC, "--since", "main", "--format", "json"]);
    let lint = repo.reads(&["lint", "-f", DOC, "--format", "github"]);
    assert!(lint.starts_with("::warning file=docs/plans.md"), "{lint}");
}
