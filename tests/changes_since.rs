//! `changes --since REV`: what changed between the file at a git revision and the file in the
//! working tree, in real repositories made in the test; the same summary as `changes` without
//! `--since` (what the board would write), and no board read, made or locked.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::git::{DAYS, DOC, Repo, plans};
use common::{SEED, fails_cleanly, p};

/// A repository whose document, since tag `v1`, has a card moved, one added, one removed, one
/// edited, one renamed, one placed elsewhere, and a state renamed in the states table.
fn changed() -> Repo {
    let repo = Repo::new();
    repo.commit(
        &[
            ("Alpha", "idea"),
            ("Beta", "design"),
            ("Gamma", "design"),
            ("Delta", ""),
            ("Zeta", "released"),
        ],
        DAYS[0],
        "Ann",
    );
    repo.git(&["tag", "v1"], DAYS[0], "Ann");
    let text = plans(&[
        ("Zeta", "released"),
        ("Alpha", "design"),
        ("Beta Prime", "design"),
        ("Delta", ""),
        ("Epsilon", "idea"),
    ])
    .replace("about delta", "about delta, with more")
    .replace("released", "shipped");
    fs::write(repo.work().join(DOC), text).unwrap();
    repo
}

#[test]
fn changes_since_a_revision_as_markdown_for_a_pull_request_and_as_json() {
    let repo = changed();
    let out = repo.reads(&["changes", "-f", DOC, "--since", "v1"]);
    insta::assert_snapshot!("changes_since_markdown", out);
    // The README's example is this output.
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let example = format!("--since origin/main\n{out}```");
    assert!(
        readme.contains(&example),
        "the README's example of changes --since is out of date"
    );
    let out = repo.reads(&["changes", "-f", DOC, "--since", "v1", "--format", "json"]);
    insta::assert_snapshot!("changes_since_json", out);
    // Once committed, nothing changed since HEAD; all of it since the commit before.
    repo.git(&["commit", "-qam", "x"], DAYS[1], "Bob");
    assert_eq!(
        repo.reads(&["changes", "-f", DOC, "--since", "HEAD"]),
        "No changes.\n"
    );
    assert_eq!(
        repo.reads(&["changes", "-f", DOC, "--since", "HEAD~1"]),
        repo.reads(&["changes", "-f", DOC, "--since", "v1"]),
    );
}

#[test]
fn a_document_that_had_no_projects_table_then_has_every_card_added() {
    let repo = Repo::new();
    fs::write(repo.work().join(DOC), "# Plans\n\nNone yet.\n").unwrap();
    repo.git(&["add", "-A"], DAYS[0], "Ann");
    repo.git(&["commit", "-qm", "empty"], DAYS[0], "Ann");
    repo.write(&[("Alpha", "idea"), ("Beta", "")]);
    assert_eq!(
        repo.reads(&["changes", "-f", DOC, "--since", "HEAD"]),
        "2 added\n\n### No state\n\n- **Beta**: added\n\n### idea\n\n- **Alpha**: added\n"
    );
}

#[test]
fn since_the_last_commit_says_what_the_board_said_before_writing_it() {
    // The Akash page committed, then edited on the board: `changes` lists what the board would
    // write; written back, `changes --since HEAD` lists the same, read from git.
    let repo = Repo::new();
    fs::write(repo.work().join("projects.md"), SEED).unwrap();
    repo.git(&["add", "-A"], DAYS[0], "Ann");
    repo.git(&["commit", "-qm", "seed"], DAYS[0], "Ann");
    let f = "projects.md";
    repo.ok(&["move", "-f", f, "GPU Support", "implementation"]);
    repo.ok(&["move", "-f", f, "Omnibus Maintenance", "none"]);
    repo.ok(&["set", "-f", f, "Economics 2.0", "Label=econ-2"]);
    repo.ok(&["set", "-f", f, "JWT Authentication", "Project Name=JWT"]);
    repo.ok(&[
        "add",
        "-f",
        f,
        "Project Name=Provider Audits",
        "State=ideation",
        "--after",
        "Content Moderation",
    ]);
    repo.ok(&["rm", "-f", f, "Event Planning 2023"]);
    repo.ok(&["place", "-f", f, "Console General Availability", "--top"]);
    repo.ok(&["rename-state", "-f", f, "spec-definition", "specification"]);
    let board = repo.ok(&["changes", "-f", f]);
    assert!(
        board.starts_with("2 moved, 1 added, 1 removed, 1 renamed, 1 edited, 1 reordered\n"),
        "{board}"
    );
    repo.ok(&["export", "-f", f, "-o", f]);
    assert_eq!(repo.reads(&["changes", "-f", f, "--since", "HEAD"]), board);
}

#[test]
fn changes_since_says_why_it_cannot_compare_in_one_line() {
    let repo = changed();
    let file = repo.work().join(DOC);
    let f = p(&file);
    fails_cleanly(
        &repo.home,
        &["changes", "-f", f, "--since", "no-such-rev"],
        &["docs/plans.md at no-such-rev"],
    );
    fails_cleanly(
        &repo.home,
        &["changes", "--since", "v1"],
        &["needs a FILE", "the bundled list is none"],
    );
    // A file renamed since the revision (`git mv`) is read where it stood then, and said so.
    let since_v1 = repo.reads(&["changes", "-f", f, "--since", "v1"]);
    repo.git(&["commit", "-qam", "x"], DAYS[1], "Bob");
    repo.git(&["mv", DOC, "roadmap.md"], DAYS[2], "Cy");
    repo.git(&["commit", "-qm", "moved"], DAYS[2], "Cy");
    let moved = repo.work().join("roadmap.md");
    let out = repo
        .mdboard()
        .args(["changes", "-f", p(&moved), "--since", "v1"])
        .assert()
        .success();
    let out = out.get_output();
    assert_eq!(String::from_utf8_lossy(&out.stdout), since_v1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("roadmap.md was {DOC} at v1")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        repo.reads(&["changes", "-f", p(&moved), "--since", "HEAD~1"]),
        "No changes.\n"
    );
    // A file that did not exist at the revision, under any name.
    fs::write(repo.work().join("new.md"), plans(&[("Alpha", "idea")])).unwrap();
    repo.git(&["add", "new.md"], DAYS[2], "Cy");
    fails_cleanly(
        &repo.home,
        &[
            "changes",
            "-f",
            p(&repo.work().join("new.md")),
            "--since",
            "v1",
        ],
        &["new.md at v1"],
    );
    // Outside a repository.
    let loose = Repo::bare_folder();
    loose.write(&[("Alpha", "idea")]);
    let file = loose.work().join(DOC);
    fails_cleanly(
        &loose.home,
        &["changes", "-f", p(&file), "--since", "HEAD"],
        &["not in a git repository"],
    );
}
