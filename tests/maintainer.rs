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
