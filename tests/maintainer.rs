//! The maintainer's workflow from the command line, each test with its own data directory:
//! renaming a state, states as the document defines them, placing rows, undo and redo, and what
//! a board changes.

#![allow(clippy::unwrap_used)]

mod common;

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
