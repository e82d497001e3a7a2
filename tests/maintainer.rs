//! The maintainer's workflow from the command line, each test with its own data directory:
//! renaming a state, states as the document defines them, placing rows, undo and redo, and what
//! a board changes.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::*;

#[test]
fn rename_state_changes_the_states_table_and_every_card() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    let out = home.ok(&["rename-state", "-f", f, "Implementation", "in-progress"]);
    assert_eq!(
        out,
        "renamed state \"implementation\" to \"in-progress\" (in the states table and 3 cards)\n"
    );
    let exported = home.ok(&["export", "-f", f]);
    let changed = changed_lines(SEED, &exported);
    assert_eq!(changed.len(), 4, "{changed:#?}");
    for (before, after) in &changed {
        assert_eq!(
            *after,
            before.replacen("| implementation |", "| in-progress |", 1),
            "only the state's cell"
        );
    }
    let cards = json(&home.ok(&["list", "--json", "-f", f, "--state", "in-progress"]));
    assert_eq!(cards.len(), 3);
    // The new name is a state of the document: moving a card to it needs no asking.
    home.ok(&["move", "-f", f, "GPU Support", "in-progress"]);
    refused_on_board(
        &home,
        &["rename-state", "-f", f, "in-progress", "ideation"],
        &["\"ideation\" exists already", "merge two states"],
    );
    refused_on_board(
        &home,
        &["rename-state", "-f", f, "inprogress", "x"],
        &["no state \"inprogress\"", "did you mean \"in-progress\"?"],
    );
}

#[test]
fn rename_state_writes_the_new_name_in_each_cell_s_case_and_markup() {
    let home = Home::new();
    let file = home.path().join("plans.md");
    let plans = "# Plans\n\n| Name | State |\n| --- | --- |\n\
                 | A | **Release** |\n\
                 | B | [release](x) |\n\
                 | C |  RELEASE  |\n\
                 | D | release|\n\
                 | E | design |\n\n\
                 | State | Meaning |\n| --- | --- |\n| design | drawn |\n| Release | out |\n";
    fs::write(&file, plans).unwrap();
    let f = p(&file);
    let out = home.ok(&["rename-state", "-f", f, "release", "released"]);
    assert_eq!(
        out,
        "renamed state \"Release\" to \"Released\" (in the states table and 4 cards)\n"
    );
    let exported = home.ok(&["export", "-f", f]);
    assert_eq!(
        changed_lines(plans, &exported),
        [
            ("| A | **Release** |", "| A | **Released** |"),
            ("| B | [release](x) |", "| B | [released](x) |"),
            ("| C |  RELEASE  |", "| C |  RELEASED  |"),
            ("| D | release|", "| D | released|"),
            ("| Release | out |", "| Released | out |"),
        ]
    );
    let cards = json(&home.ok(&["list", "--json", "-f", f, "--state", "RELEASED"]));
    assert_eq!(cards.len(), 4);
}

#[test]
fn move_set_and_add_refuse_a_state_the_document_does_not_know_unless_asked() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["list", "-f", f]);
    for args in [
        &["move", "-f", f, "GPU Support", "implmentation"][..],
        &["set", "-f", f, "GPU Support", "STATE=implmentation"],
        &["add", "-f", f, "Project Name=New", "state=implmentation"],
    ] {
        refused_on_board(
            &home,
            args,
            &[
                "is not a known state (did you mean \"implementation\"?)",
                "--new-state adds it",
            ],
        );
    }
    refused_on_board(
        &home,
        &["set", "-f", f, "GPU Support", "State=released"],
        &[
            "card \"GPU Support\": \"released\"",
            "(did you mean \"release\"?)",
        ],
    );
    // Asked for, it is written as typed; then a row uses it, and it is known everywhere.
    let out = home.ok(&[
        "set",
        "-f",
        f,
        "GPU Support",
        "State=released",
        "--new-state",
    ]);
    assert_eq!(out, "updated \"GPU Support\"\n");
    let out = home.ok(&["move", "-f", f, "Economics 2.0", "RELEASED"]);
    assert_eq!(out, "moved \"Economics 2.0\" to released\n");
    home.ok(&["add", "-f", f, "Project Name=New", "State=released"]);
    let cards = json(&home.ok(&["list", "--json", "-f", f, "--state", "released"]));
    let names: Vec<&str> = cards.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["GPU Support", "Economics 2.0", "New"]);
    // A move to a state no one uses yet, asked for.
    let out = home.ok(&["move", "-f", f, "New", "parked", "--new-state"]);
    assert_eq!(out, "moved \"New\" to parked\n");
    // Other fields of a card with a new state change without asking.
    home.ok(&["set", "-f", f, "New", "Label=new"]);
}

/// The project names of the first table's rows, in the order of the exported document.
fn row_order(home: &Home, f: &str) -> Vec<String> {
    json(&home.ok(&["list", "--json", "-f", f]))
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The lines of a text, sorted: two texts with the same lines in another order agree.
fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn place_puts_a_row_before_or_after_a_card_or_at_either_end_of_its_table() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    let out = home.ok(&["place", "-f", f, "GPU Support", "--top"]);
    assert_eq!(out, "placed \"GPU Support\" at the top of its table\n");
    assert_eq!(
        row_order(&home, f)[..2],
        ["GPU Support", "Provider Services Microservices Refactor"]
    );
    let out = home.ok(&["place", "-f", f, "Economics 2.0", "--after", "gpu support"]);
    assert_eq!(out, "placed \"Economics 2.0\" after \"GPU Support\"\n");
    home.ok(&[
        "place",
        "-f",
        f,
        "On-Chain Analytics",
        "--before",
        "Economics 2.0",
    ]);
    home.ok(&[
        "place",
        "-f",
        f,
        "Provider Services Microservices Refactor",
        "--bottom",
    ]);
    let order = row_order(&home, f);
    assert_eq!(
        order[..4],
        [
            "GPU Support",
            "On-Chain Analytics",
            "Economics 2.0",
            "Certification Program"
        ]
    );
    assert_eq!(
        order.last().unwrap(),
        "Provider Services Microservices Refactor"
    );
    // Whole rows move, byte for byte, and their states stay.
    let exported = home.ok(&["export", "-f", f]);
    assert_eq!(sorted_lines(&exported), sorted_lines(SEED));
    assert_ne!(exported, SEED);
    let cards = json(&home.ok(&["list", "--json", "-f", f]));
    assert_eq!(card(&cards, "GPU Support")["state"], "spec-definition");
    // Already there: said so, and nothing to change, said on stderr; never "placed".
    home.cmd()
        .args(["place", "-f", f, "GPU Support", "--top"])
        .assert()
        .success()
        .stdout("\"GPU Support\" is at the top of its table already\n")
        .stderr("mdboard: nothing to change\n");
    home.cmd()
        .args([
            "place",
            "-f",
            f,
            "On-Chain Analytics",
            "--after",
            "GPU Support",
        ])
        .assert()
        .success()
        .stdout("\"On-Chain Analytics\" is after \"GPU Support\" already\n")
        .stderr("mdboard: nothing to change\n");
    // Before or after itself (by any of its names) is refused, and says why.
    for (by, word) in [("--before", "before"), ("--after", "after")] {
        refused_on_board(
            &home,
            &["place", "-f", f, "GPU Support", by, "gpu support"],
            &[&format!(
                "card \"GPU Support\": a row cannot be placed {word} itself; name another card"
            )],
        );
    }
    let last = order.last().unwrap();
    refused_on_board(
        &home,
        &["place", "-f", f, last, "--after", last],
        &["cannot be placed after itself"],
    );
    // One of the four, and only one.
    for args in [
        &["place", "-f", f, "GPU Support"][..],
        &["place", "-f", f, "GPU Support", "--top", "--bottom"],
    ] {
        home.cmd().args(args).assert().failure().code(2);
    }
    fails_cleanly(
        &home,
        &["place", "-f", f, "GPU Support", "--before", " "],
        &["CARD is empty"],
    );
}

#[test]
fn place_and_add_stay_within_a_table_and_add_goes_next_to_a_card() {
    let home = Home::new();
    let file = home.path().join("proposals.md");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/projects/several-tables.md"
    );
    let original = fs::read_to_string(fixture).unwrap();
    fs::write(&file, &original).unwrap();
    let f = p(&file);
    home.ok(&["list", "-f", f]);
    refused_on_board(
        &home,
        &["place", "-f", f, "Alpha", "--before", "Gamma"],
        &[
            "card \"Alpha\": \"Alpha\" stands in table 1 (\"Accepted\") and \"Gamma\" in table 2 \
             (\"Draft\"); a row is placed within its own table",
        ],
    );
    // add --after: the new row goes after that card, in its table.
    let out = home.ok(&[
        "add",
        "-f",
        f,
        "Proposal=Zeta",
        "Status=Review",
        "--after",
        "Gamma",
    ]);
    assert_eq!(out, "added \"Zeta\" (id 6)\n");
    home.ok(&[
        "add",
        "-f",
        f,
        "Proposal=Eta",
        "Status=Final",
        "--before",
        "alpha",
        "--table",
        "accepted",
    ]);
    let exported = home.ok(&["export", "-f", f]);
    assert!(
        exported.contains("| Gamma | Draft |\n| Zeta | Review |\n| Delta | Review |\n"),
        "{exported}"
    );
    assert!(
        exported.contains("| Eta | Final |\n| Alpha | Final |\n"),
        "{exported}"
    );
    refused_on_board(
        &home,
        &[
            "add",
            "-f",
            f,
            "Proposal=Theta",
            "--before",
            "Alpha",
            "--table",
            "2",
        ],
        &["--table names table 2 (\"Draft\"), and \"Alpha\" stands in table 1 (\"Accepted\")"],
    );
    home.cmd()
        .args([
            "add",
            "-f",
            f,
            "Proposal=Iota",
            "--before",
            "Alpha",
            "--after",
            "Beta",
        ])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn undo_and_redo_walk_the_board_s_history_in_its_words() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["move", "-f", f, "GPU Support", "design"]);
    home.ok(&["set", "-f", f, "GPU Support", "Label=gpus"]);
    home.ok(&["rename-state", "-f", f, "implementation", "building"]);
    home.ok(&["place", "-f", f, "GPU Support", "--top"]);
    let out = home.ok(&["undo", "-f", f, "2"]);
    assert_eq!(
        out,
        "undone: GPU Support down in design (3 more to undo)\n\
         undone: rename of state building → implementation (3 cards) (2 more to undo)\n"
    );
    let exported = home.ok(&["export", "-f", f]);
    assert_eq!(
        changed_lines(SEED, &exported).len(),
        1,
        "the rename undone whole"
    );
    let out = home.ok(&["redo", "-f", f]);
    assert_eq!(
        out,
        "redone: rename of state implementation → building (3 cards) (1 more to redo)\n"
    );
    home.ok(&["undo", "-f", f, "2"]);
    let out = home
        .cmd()
        .args(["undo", "-f", f, "2"])
        .assert()
        .success()
        .stderr("mdboard: nothing more to undo\n")
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "undone: GPU Support design → spec-definition (0 more to undo)\n"
    );
    assert_eq!(home.ok(&["export", "-f", f]), SEED);
    home.cmd()
        .args(["undo", "-f", f])
        .assert()
        .success()
        .stdout("")
        .stderr("mdboard: nothing to undo\n");
    home.cmd()
        .args(["undo", "-f", f, "0"])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn undoing_a_change_written_back_changes_the_board_and_write_writes_it() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["move", "-f", f, "GPU Support", "beta", "--write"]);
    let written = fs::read_to_string(&file).unwrap();
    assert_ne!(written, SEED);
    home.ok(&["undo", "-f", f]);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        written,
        "the file as it was"
    );
    assert_eq!(home.ok(&["export", "-f", f]), SEED, "the board undone");
    let boards = home.ok(&["boards"]);
    assert!(boards.contains("not written back"), "{boards}");
    home.ok(&["redo", "-f", f]);
    let boards = home.ok(&["boards"]);
    assert!(
        !boards.contains("not written back"),
        "in sync again: {boards}"
    );
    home.ok(&["undo", "-f", f, "--write"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), SEED);
}

#[test]
fn undo_is_refused_while_another_mdboard_holds_the_board() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["move", "-f", f, "GPU Support", "beta"]);
    let store = mdboard::store::Store::new(home.data());
    let (held, _) = store.open(Some(&file)).unwrap();
    let me = format!("process {}", std::process::id());
    for args in [
        &["undo", "-f", f][..],
        &["redo", "-f", f],
        &["place", "-f", f, "GPU Support", "--top"],
        &["rename-state", "-f", f, "beta", "testing"],
    ] {
        refused_on_board(&home, args, &["in use", &me, "try again when it quits"]);
        let err = home
            .cmd()
            .args(args)
            .assert()
            .failure()
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(err).unwrap();
        assert!(
            !err.contains("--write"),
            "only move, set, add and rm can: {err}"
        );
    }
    // A move can go into the file instead, and says so.
    refused_on_board(
        &home,
        &["move", "-f", f, "GPU Support", "design"],
        &["in use", &me, "or add --write"],
    );
    drop(held);
    home.ok(&["undo", "-f", f]);
}

#[test]
fn export_reads_a_board_another_mdboard_holds_and_refuses_to_write_it_back() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["move", "-f", f, "GPU Support", "beta"]);
    let store = mdboard::store::Store::new(home.data());
    let (held, _) = store.open(Some(&file)).unwrap();
    let me = format!("process {}", std::process::id());
    // Onto another file it only reads the board: it works, and says nothing of changes
    // refused.
    let copy = home.path().join("copy.md");
    home.cmd()
        .args(["export", "-f", f, "-o", p(&copy)])
        .assert()
        .success()
        .stdout("")
        .stderr(format!("mdboard: wrote {}\n", p(&copy)));
    let exported = fs::read_to_string(&copy).unwrap();
    assert!(exported.contains("| beta |"), "the board's changes");
    assert_eq!(home.ok(&["export", "-f", f]), exported);
    // Onto its own file it writes the board back: refused, saying what and why, once.
    refused_on_board(
        &home,
        &["export", "-f", f, "-o", f],
        &[
            &format!("{f}: not written: export onto the board's own file writes the board back"),
            "the board is in use by",
            &me,
            "export to another file, or try again when it quits",
        ],
    );
    drop(held);
    home.ok(&["export", "-f", f, "-o", f]);
    assert_eq!(fs::read_to_string(&file).unwrap(), exported);
}

/// `mdboard changes ARGS` on `f`, which must leave every file as it was.
fn changes(home: &Home, f: &str, args: &[&str]) -> String {
    let before = home.snapshot();
    let mut all = vec!["changes", "-f", f];
    all.extend_from_slice(args);
    let out = home.ok(&all);
    assert!(home.snapshot() == before, "changes wrote something");
    out
}

#[test]
fn changes_lists_what_the_board_would_write_by_state() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    // No board yet: nothing changes, and nothing is made.
    assert_eq!(changes(&home, f, &[]), "No changes.\n");
    assert!(home.rons().is_empty(), "no board made");
    home.ok(&["move", "-f", f, "GPU Support", "implementation"]);
    home.ok(&["move", "-f", f, "Omnibus Maintenance", "none"]);
    home.ok(&[
        "set",
        "-f",
        f,
        "Economics 2.0",
        "Label=econ-2",
        "Description=New economics",
    ]);
    home.ok(&[
        "set",
        "-f",
        f,
        "JWT Authentication",
        "Project Name=JSON Web Tokens",
    ]);
    home.ok(&[
        "add",
        "-f",
        f,
        "Project Name=Provider Audits",
        "State=ideation",
        "--after",
        "Content Moderation",
    ]);
    home.ok(&["rm", "-f", f, "Event Planning 2023"]);
    home.ok(&["place", "-f", f, "Console General Availability", "--top"]);
    home.ok(&["rename-state", "-f", f, "spec-definition", "specification"]);
    insta::assert_snapshot!("changes_markdown", changes(&home, f, &[]));
    insta::assert_snapshot!("changes_json", changes(&home, f, &["--format", "json"]));
    // Written back, the board changes nothing; an undo changes the board again.
    home.ok(&["export", "-f", f, "-o", f]);
    assert_eq!(changes(&home, f, &[]), "No changes.\n");
    home.ok(&["undo", "-f", f]);
    assert_eq!(
        changes(&home, f, &[]),
        "States renamed: specification → spec-definition (5 cards)\n"
    );
}

#[test]
fn changes_against_a_file_changed_outside_recognises_its_rows() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.ok(&["move", "-f", f, "GPU Support", "beta"]);
    home.ok(&[
        "set",
        "-f",
        f,
        "Pricing Stability",
        "Project Name=Stable Pricing",
    ]);
    // Someone else renames a row and adds one: the board has neither.
    let outside = SEED
        .replacen("| Provider Analytics |", "| Provider Analytics (v2) |", 1)
        .replacen(
            "| On-Chain Analytics |",
            "| Marketplace | | A new one |  |  |\n| On-Chain Analytics |",
            1,
        );
    fs::write(&file, &outside).unwrap();
    let out = changes(&home, f, &[]);
    assert_eq!(
        out,
        "1 moved, 1 removed, 2 renamed\n\n### No state\n\n\
         - **Provider Analytics**: renamed from “Provider Analytics (v2)”\n\
         - **Stable Pricing**: renamed from “Pricing Stability”\n\
         - **Marketplace**: removed\n\n\
         ### beta\n\n- **GPU Support**: moved spec-definition → beta\n",
        "{out}"
    );
}

#[test]
fn changes_refuses_a_file_it_cannot_read_in_one_line() {
    let home = Home::new();
    fails_cleanly(
        &home,
        &["changes", "-f", "missing.md"],
        &["missing.md: cannot read it to compare the board with"],
    );
    fs::write(home.path().join("notes.md"), "# Notes\n\nNo table here.\n").unwrap();
    fails_cleanly(
        &home,
        &["changes", "-f", "notes.md"],
        &["notes.md", "no projects table"],
    );
    home.cmd()
        .args(["changes", "--format", "yaml"])
        .assert()
        .failure()
        .code(2);
}
