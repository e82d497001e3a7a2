//! States as the document defines them: known states, renaming one, and the change kinds a
//! rename needs (a cell of the states table, changes made as one).

use super::*;

/// Two spellings of `release` in cards (bold, a link), one plain, and the states table's bold.
const RELEASES: &str = "# Plans\n\n\
| Name | State |\n\
| --- | --- |\n\
| A | **release** |\n\
| B | [release](r.md) |\n\
| C | design |\n\
| D | Release |\n\
\n\
| State | Meaning |\n\
|-------|---------|\n\
| design | drawn |\n\
| **release** | out |\n";

#[test]
fn a_rename_changes_the_states_table_and_every_card_each_in_its_own_style() {
    let mut b = board(RELEASES);
    let change = b.rename_state("RELEASE", "released").unwrap().unwrap();
    let Change::Batch(changes) = &change else {
        panic!("one change: {change:?}")
    };
    assert_eq!(changes.len(), 4, "the states table's cell and three cards");
    b.apply(change).unwrap();
    let renamed = RELEASES
        .replace("| A | **release** |", "| A | **released** |")
        .replace("| B | [release](r.md) |", "| B | [released](r.md) |")
        .replace("| D | Release |", "| D | Released |")
        .replace("| **release** | out |", "| **released** | out |");
    assert_eq!(b.export(), renamed, "only those cells' bytes");
    assert_eq!(b.layout.states, owned(&["design", "**released**"]));
    assert_eq!(
        layout(&b),
        [
            ("No state".to_owned(), vec![]),
            ("design".to_owned(), owned(&["C"])),
            ("released".to_owned(), owned(&["A", "B", "D"])),
        ]
    );
    assert!(b.columns()[2].known);
    assert_eq!(
        b.describe(&b.history.done[0], false),
        "rename of state release → released (3 cards)"
    );
    let undone = b.undo().unwrap().unwrap().inverse();
    assert_eq!(b.export(), RELEASES, "undo restores everything");
    assert_eq!(b.layout.states, owned(&["design", "**release**"]));
    assert!(b.matches_snapshot());
    assert_eq!(
        b.describe(&undone, true),
        "rename of state released → release (3 cards)"
    );
    b.redo().unwrap();
    assert_eq!(b.export(), renamed);
}

#[test]
fn a_rename_is_refused_when_it_would_merge_or_names_nothing() {
    let b = board(RELEASES);
    assert_eq!(
        b.rename_state("release", "Design"),
        Err(StateError::Exists {
            old: "release".to_owned(),
            new: "Design".to_owned()
        })
    );
    let err = b.rename_state("relase", "out").unwrap_err();
    assert_eq!(
        err.to_string(),
        "no state \"relase\" (did you mean \"release\"?); the states are: design, release"
    );
    assert_eq!(
        b.rename_state("none", "x").map(|_| ()),
        Err(err_no_state(&b))
    );
    assert_eq!(b.rename_state("release", "  "), Err(StateError::Empty));
    assert_eq!(
        b.rename_state("release", "**None**"),
        Err(StateError::Reserved {
            new: "**None**".to_owned()
        })
    );
    assert!(matches!(
        b.rename_state("release", "no  State"),
        Err(StateError::Reserved { .. })
    ));
    // A new spelling of the same state is a rename too: the case as given.
    let mut b = board(RELEASES);
    b.apply(b.rename_state("release", "Release").unwrap().unwrap())
        .unwrap();
    assert!(b.export().contains("| A | **Release** |"));
    assert!(b.export().contains("| D | Release |"));
    assert_eq!(b.rename_state("release", "Release").unwrap(), None);
    // In every cell, whatever its case: that case is what the rename changes.
    b.apply(b.rename_state("release", "RELEASE").unwrap().unwrap())
        .unwrap();
    assert!(b.export().contains("| B | [RELEASE](r.md) |"));
    assert!(b.export().contains("| D | RELEASE |"));
    b.apply(b.rename_state("release", "release").unwrap().unwrap())
        .unwrap();
    assert_eq!(
        b.export(),
        RELEASES.replace("| D | Release |", "| D | release |")
    );
}

#[test]
fn a_renamed_state_is_written_in_each_cell_s_case() {
    // All in capitals: in capitals.
    assert_eq!(in_case_of("RELEASE", "released"), "RELEASED");
    assert_eq!(in_case_of("IN REVIEW", "Done"), "DONE");
    assert_eq!(in_case_of("✅ DONE", "✅ shipped"), "✅ SHIPPED");
    assert_eq!(in_case_of("СДЕЛАНО", "готово"), "ГОТОВО");
    // A capital first letter, the rest lower case: capitalised, the rest as typed.
    assert_eq!(in_case_of("Release", "released"), "Released");
    assert_eq!(in_case_of("Release", "in-progress"), "In-progress");
    assert_eq!(in_case_of("Release", "QA ready"), "QA ready");
    assert_eq!(in_case_of("⏳ Planned", "⏳ scheduled"), "⏳ Scheduled");
    assert_eq!(in_case_of("In review", "done"), "Done");
    assert_eq!(in_case_of("A", "beta"), "Beta", "one capital letter");
    // Anything else: as typed.
    assert_eq!(in_case_of("release", "Released"), "Released");
    assert_eq!(in_case_of("release", "RELEASED"), "RELEASED");
    assert_eq!(in_case_of("In Review", "done"), "done", "mixed");
    assert_eq!(in_case_of("iOS", "android"), "android");
    assert_eq!(in_case_of("✅", "✔️ ok"), "✔️ ok", "no letters");
    assert_eq!(in_case_of("1.0", "2.0"), "2.0");
    assert_eq!(in_case_of("RELEASE", "🚀"), "🚀");
    assert_eq!(in_case_of("Release", "🚀"), "🚀");
}

#[test]
fn a_rename_keeps_each_cell_s_markup_padding_and_case() {
    let text = "| Name | State |\n| --- | --- |\n\
                | A | **Release** |\n\
                | B | [release](x) |\n\
                | C |  RELEASE  |\n\
                | D | release|\n\
                | E | design |\n";
    let mut b = board(text);
    b.apply(b.rename_state("release", "released").unwrap().unwrap())
        .unwrap();
    assert_eq!(
        b.export(),
        "| Name | State |\n| --- | --- |\n\
         | A | **Released** |\n\
         | B | [released](x) |\n\
         | C |  RELEASED  |\n\
         | D | released|\n\
         | E | design |\n"
    );
}

fn err_no_state(b: &Board) -> StateError {
    b.rename_state("none", "x").unwrap_err()
}

#[test]
fn a_state_only_cards_use_renames_without_a_states_table() {
    let mut b = board("| Name | State |\n| --- | --- |\n| A | beta |\n| B | gamma |\n");
    b.apply(b.rename_state("beta", "alpha").unwrap().unwrap())
        .unwrap();
    assert_eq!(
        b.export(),
        "| Name | State |\n| --- | --- |\n| A | alpha |\n| B | gamma |\n"
    );
}

#[test]
fn a_cell_of_a_table_without_cards_changes_alone_and_undoes() {
    let mut b = board(RELEASES);
    let states = b.layout.states_table.unwrap();
    assert_eq!(b.table_cell(states, 0, 1), "drawn");
    let change = b
        .edit_table_cell(states, 0, 1, "drawn up".to_owned())
        .unwrap();
    assert_eq!(b.edit_table_cell(states, 0, 1, "drawn".to_owned()), None);
    assert_eq!(b.edit_table_cell(states, 9, 0, "x".to_owned()), None);
    assert_eq!(b.edit_table_cell(0, 0, 0, "x".to_owned()), None, "cards");
    b.apply(change).unwrap();
    assert_eq!(
        b.export(),
        RELEASES.replace("| design | drawn |", "| design | drawn up |")
    );
    assert!(!b.matches_snapshot());
    assert_eq!(b.layout.states, owned(&["design", "**release**"]));
    b.undo().unwrap();
    assert_eq!(b.export(), RELEASES);
    assert!(b.matches_snapshot());
    // Refused: a projects table's cell, a cell not as the change expects.
    let cell = |table, before: &str| Change::TableCell {
        table,
        row: 0,
        col: 0,
        before: before.to_owned(),
        after: "x".to_owned(),
    };
    assert_eq!(b.apply(cell(0, "A")), Err(BoardError::CardTable(0)));
    assert!(matches!(
        b.apply(cell(states, "stale")),
        Err(BoardError::Cell { .. })
    ));
    assert_eq!(b.export(), RELEASES);
}

#[test]
fn a_batch_is_all_or_nothing() {
    let mut b = board(RELEASES);
    let good = b.edit(1, &[(0, "A2".to_owned())]).unwrap();
    let bad = Change::Edit {
        id: 99,
        cells: vec![],
    };
    assert_eq!(
        b.apply(Change::Batch(vec![good.clone(), bad])),
        Err(BoardError::NoCard(99))
    );
    assert_eq!(b.export(), RELEASES);
    assert!(b.history.done.is_empty());
    b.apply(Change::Batch(vec![good])).unwrap();
    assert_eq!(b.describe(&b.history.done[0], false), "edit of 1 card");
}

#[test]
fn a_folded_board_holds_the_cells_of_its_states_table() {
    let mut b = board(RELEASES);
    b.apply(b.rename_state("release", "out").unwrap().unwrap())
        .unwrap();
    // Folding history: a board of the exported text, holding what the first holds.
    let mut folded = board(&b.export());
    folded.hold_as(&b);
    assert!(folded.edited.is_empty(), "the new snapshot has the cells");
    assert_eq!(folded.export(), b.export());
    // Folding part of it: the older snapshot still needs the change the board holds.
    let mut old = board(RELEASES);
    old.hold_as(&b);
    assert_eq!(old.export(), b.export());
    assert_eq!(old.layout.states, b.layout.states);
}

#[test]
fn a_state_is_known_when_the_states_table_lists_it_or_a_row_uses_it() {
    let b = board(DOC);
    assert_eq!(b.check_state("design"), Ok(()), "the states table's");
    assert_eq!(b.check_state("PARKED"), Ok(()), "a row's, any case");
    assert_eq!(b.check_state(""), Ok(()), "no state");
    assert_eq!(
        b.known_states(),
        owned(&["ideation", "design", "implementation", "parked"])
    );
    let err = b.check_state("implmentation").unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"implmentation\" is not a known state (did you mean \"implementation\"?); the \
         states are: ideation, design, implementation, parked"
    );
    let StateError::Unknown { closest, .. } = b.check_state("impl").unwrap_err() else {
        panic!("unknown")
    };
    assert_eq!(closest.as_deref(), Some("implementation"), "a prefix");
    let StateError::Unknown { closest, .. } = b.check_state("shipped").unwrap_err() else {
        panic!("unknown")
    };
    assert_eq!(closest, None, "nothing near");
    // A document keeping a table per state: another table's rows make a state known.
    let two = board(
        "## Draft\n\n| Name | State |\n| - | - |\n| A | draft |\n\n\
         ## Review\n\n| Name | State |\n| - | - |\n| B | review |\n",
    );
    assert_eq!(two.check_state("review"), Ok(()));
}

#[test]
fn respelling_keeps_the_markup_around_the_state() {
    assert_eq!(respell("**Old**", "New"), "**New**");
    assert_eq!(respell("[Old](x.md)", "New"), "[New](x.md)");
    assert_eq!(respell("✅ Done", "✅ Shipped"), "✅ Shipped");
    assert_eq!(respell("`old`", "new"), "`new`");
    assert_eq!(respell("a\\|b", "c"), "c");
    assert_eq!(respell("", "c"), "c");
}
