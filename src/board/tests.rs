//! Pure board tests: columns, every change and its undo and redo, finding cards, following.

#![allow(clippy::unwrap_used)]

use super::*;

const DOC: &str = "# Projects\n\n\
| Name | Label | State |\n\
| --- | --- | --- |\n\
| Alpha | a | Ideation |\n\
| Beta | b | |\n\
| Gamma | g | parked |\n\
| [Delta](d.md) | d | implementation |\n\
| Epsilon | e | ideation |\n\
| Zeta | z | |\n\
| Eta | h | IDEATION |\n\
\n\
| State | Description |\n\
| --- | --- |\n\
| ideation | idea |\n\
| design | design |\n\
| implementation | work |\n";

/// The board of `doc` following `old`, its layout detected.
fn follow(doc: Document, old: &Board) -> Board {
    let layout = layout::layout(&doc, &Choice::default()).unwrap();
    crate::merge::versions::follow(doc, layout, old)
}

fn board(text: &str) -> Board {
    Board::detect(markdown::parse(text).unwrap()).unwrap()
}

/// Each column's name and the titles of its cards.
fn layout(b: &Board) -> Vec<(String, Vec<String>)> {
    b.columns()
        .into_iter()
        .map(|c| {
            let titles = c.cards.iter().map(|&i| b.title(&b.cards[i])).collect();
            (c.name, titles)
        })
        .collect()
}

fn titles(b: &Board) -> Vec<String> {
    b.cards.iter().map(|c| b.title(c)).collect()
}

fn id(b: &Board, title: &str) -> CardId {
    b.find(title).unwrap()
}

fn column<'a>(columns: &'a [Column], name: &str) -> &'a Column {
    columns.iter().find(|c| c.name == name).unwrap()
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn columns_no_state_first_then_the_states_table_then_extras() {
    let b = board(DOC);
    assert_eq!(
        layout(&b),
        [
            ("No state".to_owned(), owned(&["Beta", "Zeta"])),
            ("ideation".to_owned(), owned(&["Alpha", "Epsilon", "Eta"])),
            ("design".to_owned(), owned(&[])),
            ("implementation".to_owned(), owned(&["Delta"])),
            ("parked".to_owned(), owned(&["Gamma"])),
        ]
    );
    let columns = b.columns();
    assert_eq!(
        columns.iter().map(|c| c.known).collect::<Vec<_>>(),
        [true, true, true, true, false]
    );
    assert_eq!(columns[0].state, "");
    assert_eq!(columns[1].state, "ideation");
}

#[test]
fn an_extra_column_goes_while_no_card_uses_it() {
    let mut b = board(DOC);
    let gamma = id(&b, "Gamma");
    let columns = b.columns();
    b.apply(b.move_to(gamma, column(&columns, "design")).unwrap())
        .unwrap();
    assert_eq!(
        b.columns()
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["No state", "ideation", "design", "implementation"]
    );
    b.undo().unwrap();
    assert_eq!(b.columns().last().unwrap().name, "parked");
}

#[test]
fn update_columns_gives_what_columns_gives() {
    // Every card into every column and back by undo, then edits, reorders, inserts, removals and
    // states typed by hand (an unknown one, mixed case): the kept columns always equal a fresh
    // `columns()`.
    let mut b = board(DOC);
    let mut kept = b.columns();
    let check = |b: &Board, kept: &mut Vec<Column>, applied: &Change| {
        b.update_columns(kept, applied);
        assert_eq!(*kept, b.columns(), "after {applied:?}");
    };
    let ids: Vec<CardId> = b.cards.iter().map(|c| c.id).collect();
    for &card in &ids {
        for to in 0..kept.len() {
            let Some(change) = b.move_to(card, &kept[to].clone()) else {
                continue;
            };
            b.apply(change.clone()).unwrap();
            check(&b, &mut kept, &change);
            let undone = b.undo().unwrap().unwrap().inverse();
            check(&b, &mut kept, &undone);
        }
    }
    let state = b.state_col_of(&b.cards[0]);
    for (card, typed) in [
        (ids[0], "IMPLEMENTATION"),
        (ids[1], "parked"),
        (ids[2], "[design](d.md)"),
        (ids[3], ""),
        (ids[4], "someday"),
    ] {
        let change = b.edit(card, &[(state, typed.to_owned())]).unwrap();
        b.apply(change.clone()).unwrap();
        check(&b, &mut kept, &change);
    }
    let change = b.edit(ids[5], &[(1, "relabelled".to_owned())]).unwrap();
    b.apply(change.clone()).unwrap();
    check(&b, &mut kept, &change);
    let change = b.reorder(ids[5], &kept, -1).unwrap();
    b.apply(change.clone()).unwrap();
    check(&b, &mut kept, &change);
    // Reorders far and near, up and down, undone and redone, on the board as it started.
    let mut b = board(DOC);
    let mut kept = b.columns();
    for (title, delta) in [("Epsilon", -1), ("Alpha", 1), ("Zeta", -1), ("Eta", -1)] {
        let change = b.reorder(id(&b, title), &kept, delta).unwrap();
        b.apply(change.clone()).unwrap();
        check(&b, &mut kept, &change);
        let undone = b.undo().unwrap().unwrap().inverse();
        check(&b, &mut kept, &undone);
        b.redo().unwrap();
        check(&b, &mut kept, &change);
    }
    let ids: Vec<CardId> = b.cards.iter().map(|c| c.id).collect();
    let change = b.insert(1, 0, owned(&["Theta", "t", "design"]));
    b.apply(change.clone()).unwrap();
    check(&b, &mut kept, &change);
    let change = b.remove(ids[2]).unwrap();
    b.apply(change.clone()).unwrap();
    check(&b, &mut kept, &change);
}

#[test]
fn without_a_states_table_states_come_in_order_of_first_use() {
    let b = board(
        "| Name | State |\n| --- | --- |\n| A | later |\n| B | |\n| C | Sooner |\n| D | LATER |\n| E | sooner |\n",
    );
    assert_eq!(
        layout(&b),
        [
            ("No state".to_owned(), owned(&["B"])),
            ("later".to_owned(), owned(&["A", "D"])),
            ("Sooner".to_owned(), owned(&["C", "E"])),
        ]
    );
    assert!(b.columns().iter().skip(1).all(|c| !c.known));
}

#[test]
fn cards_keep_their_cells_and_ids_in_table_order() {
    let b = board(DOC);
    assert_eq!(
        b.cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(b.next_id, 8);
    let delta = b.card(4).unwrap();
    assert_eq!(
        delta.cells,
        owned(&["[Delta](d.md)", "d", "implementation"])
    );
    assert_eq!(b.title(delta), "Delta");
    assert_eq!(b.state_of(b.card(1).unwrap()), "Ideation");
    assert!(b.matches_snapshot());
    assert_eq!(b.export(), DOC);
}

#[test]
fn move_writes_the_state_as_the_states_table_spells_it() {
    let mut b = board(DOC);
    let beta = id(&b, "Beta");
    let columns = b.columns();
    let change = b.move_to(beta, column(&columns, "implementation")).unwrap();
    assert_eq!(
        change,
        Change::Edit {
            id: beta,
            cells: vec![CellEdit {
                col: 2,
                before: String::new(),
                after: "implementation".to_owned()
            }]
        }
    );
    b.apply(change).unwrap();
    assert_eq!(
        b.export(),
        DOC.replace("| Beta | b | |", "| Beta | b | implementation |")
    );
    assert!(!b.matches_snapshot());
    // Back to No state empties the cell.
    let columns = b.columns();
    b.apply(b.move_to(beta, &columns[0]).unwrap()).unwrap();
    assert_eq!(b.cards[1].cells[2], "");
    assert!(b.matches_snapshot());
}

#[test]
fn a_state_is_written_with_its_link_only_when_its_cards_link_it_alike() {
    let b = board(
        "| Name | State |\n| - | - |\n| A | [Incubating](incubating.md) |\n\
         | B | [Incubating](incubating.md) |\n| C | **[Graduated](c-graduated.md)** |\n\
         | D | **[Graduated](d-graduated.md)** |\n| E | Sandbox |\n",
    );
    let columns = b.columns();
    // One document for the state: its link is the state's style.
    assert_eq!(
        b.state_spelling_in(&columns, 0, "incubating"),
        "[Incubating](incubating.md)"
    );
    // A document per row: the state as its link text, emphasis kept.
    assert_eq!(
        b.state_spelling_in(&columns, 0, "graduated"),
        "**Graduated**"
    );
    // One row's link alone is that row's: not copied.
    let b = board(
        "| Name | State |\n| - | - |\n| Policy | Incubating |\n\
         | Tools | [Graduated](docs/tools_graduation.md) |\n",
    );
    assert_eq!(
        b.state_spelling_in(&b.columns(), 0, "graduated"),
        "Graduated"
    );
}

#[test]
fn the_history_tells_whether_the_board_is_back_at_an_earlier_point() {
    let mut b = board(DOC);
    assert_eq!(b.same_as_at(0), Some(true));
    let beta = id(&b, "Beta");
    let columns = b.columns();
    b.apply(b.move_to(beta, column(&columns, "design")).unwrap())
        .unwrap();
    assert_eq!(b.same_as_at(0), Some(false));
    assert_eq!(b.same_as_at(1), Some(true));
    // Moved back by hand, not undone: where it was.
    b.apply(b.move_to(beta, &columns[0]).unwrap()).unwrap();
    assert_eq!(b.same_as_at(0), Some(true));
    assert_eq!(b.same_as_at(1), Some(false));
    // Down past the next card of its column (Zeta, four rows below) and up again: before
    // Zeta once more, but no longer above Gamma, Delta and Epsilon.
    let columns = b.columns();
    b.apply(b.reorder(beta, &columns, 1).unwrap()).unwrap();
    assert_eq!(b.same_as_at(0), Some(false), "reordered");
    let columns = b.columns();
    b.apply(b.reorder(beta, &columns, -1).unwrap()).unwrap();
    assert_ne!(b.export(), DOC);
    assert_eq!(b.same_as_at(0), Some(false), "not where it was");
    // Back to its row.
    let from = b.index_of(beta).unwrap();
    b.apply(Change::Reorder {
        id: beta,
        from,
        to: 1,
    })
    .unwrap();
    assert_eq!(b.export(), DOC);
    assert_eq!(b.same_as_at(0), Some(true), "where it was");
    // Undone: the points ahead are the changes to redo.
    for _ in 0..5 {
        b.undo().unwrap();
    }
    assert_eq!(b.same_as_at(1), Some(false), "moved, to redo");
    assert_eq!(b.same_as_at(2), Some(true), "moved and moved back");
    assert_eq!(b.same_as_at(3), Some(false), "and reordered");
    assert_eq!(b.same_as_at(5), Some(true), "redone all");
    assert_eq!(b.same_as_at(6), None, "past the history");
    for _ in 0..5 {
        b.redo().unwrap();
    }
    // A card added differs; added and deleted again, only replaying can tell.
    let added = b.insert(2, 0, owned(&["New", "n", ""]));
    b.apply(added).unwrap();
    let k = b.history.done.len();
    assert_eq!(b.same_as_at(k - 1), Some(false));
    let new = id(&b, "New");
    b.apply(b.remove(new).unwrap()).unwrap();
    assert_eq!(b.same_as_at(k - 1), None);
    assert_eq!(b.same_as_at(k), Some(false), "deleted");
}

#[test]
fn moving_into_the_column_a_card_is_in_is_no_change() {
    let b = board(DOC);
    let columns = b.columns();
    // "Eta" says IDEATION: it is in the ideation column already.
    assert_eq!(b.move_to(id(&b, "Eta"), column(&columns, "ideation")), None);
    assert_eq!(b.move_to(id(&b, "Beta"), &columns[0]), None);
    assert_eq!(b.move_to(99, &columns[0]), None);
}

#[test]
fn undo_and_redo_a_move() {
    let mut b = board(DOC);
    let alpha = id(&b, "Alpha");
    let columns = b.columns();
    b.apply(b.move_to(alpha, column(&columns, "design")).unwrap())
        .unwrap();
    let moved = b.export();
    assert_eq!(
        moved,
        DOC.replace("| Alpha | a | Ideation |", "| Alpha | a | design |")
    );
    assert_eq!(b.undo().unwrap().and_then(Change::card_id), Some(alpha));
    assert_eq!(b.export(), DOC);
    assert_eq!(b.cards[0].cells[2], "Ideation");
    assert_eq!(b.redo().unwrap().and_then(Change::card_id), Some(alpha));
    assert_eq!(b.export(), moved);
    assert_eq!(b.redo().unwrap(), None);
    b.undo().unwrap();
    assert_eq!(b.undo().unwrap(), None);
    assert_eq!(b.export(), DOC);
}

#[test]
fn a_new_change_clears_the_redo_stack() {
    let mut b = board(DOC);
    let alpha = id(&b, "Alpha");
    b.apply(b.edit(alpha, &[(1, "x".to_owned())]).unwrap())
        .unwrap();
    b.undo().unwrap();
    assert_eq!(b.history.undone.len(), 1);
    b.apply(b.edit(alpha, &[(1, "y".to_owned())]).unwrap())
        .unwrap();
    assert!(b.history.undone.is_empty());
    assert_eq!(b.redo().unwrap(), None);
    assert_eq!(b.cards[0].cells[1], "y");
}

#[test]
fn reorder_up_and_down_within_a_column() {
    let mut b = board(DOC);
    let eta = id(&b, "Eta");
    // Up: just before the previous card of its column (Epsilon, row 4).
    let change = b.reorder(eta, &b.columns(), -1).unwrap();
    assert_eq!(
        change,
        Change::Reorder {
            id: eta,
            from: 6,
            to: 4
        }
    );
    b.apply(change).unwrap();
    assert_eq!(
        titles(&b),
        ["Alpha", "Beta", "Gamma", "Delta", "Eta", "Epsilon", "Zeta"]
    );
    assert_eq!(layout(&b)[1].1, ["Alpha", "Eta", "Epsilon"]);
    let exported = b.export();
    assert_eq!(
        exported,
        DOC.replace(
            "| Epsilon | e | ideation |\n| Zeta | z | |\n| Eta | h | IDEATION |\n",
            "| Eta | h | IDEATION |\n| Epsilon | e | ideation |\n| Zeta | z | |\n"
        )
    );
    // Down: just after the next card of its column.
    let alpha = id(&b, "Alpha");
    b.apply(b.reorder(alpha, &b.columns(), 1).unwrap()).unwrap();
    assert_eq!(
        titles(&b),
        ["Beta", "Gamma", "Delta", "Eta", "Alpha", "Epsilon", "Zeta"]
    );
    b.undo().unwrap();
    assert_eq!(b.export(), exported);
    b.undo().unwrap();
    assert_eq!(b.export(), DOC);
    b.redo().unwrap();
    assert_eq!(b.export(), exported);
}

#[test]
fn reorder_at_the_edges_of_a_column_is_no_change() {
    let b = board(DOC);
    let columns = b.columns();
    assert_eq!(b.reorder(id(&b, "Alpha"), &columns, -1), None);
    assert_eq!(b.reorder(id(&b, "Eta"), &columns, 1), None);
    assert_eq!(b.reorder(id(&b, "Gamma"), &columns, 1), None);
    assert_eq!(b.reorder(id(&b, "Gamma"), &columns, -1), None);
    assert_eq!(b.reorder(id(&b, "Beta"), &columns, -1), None);
    assert_eq!(b.reorder(99, &columns, 1), None);
}

#[test]
fn edit_changes_only_the_given_cells_and_undoes() {
    let mut b = board(DOC);
    let gamma = id(&b, "Gamma");
    assert_eq!(b.edit(gamma, &[(1, "g".to_owned())]), None, "same text");
    assert_eq!(
        b.edit(gamma, &[(9, "x".to_owned())]),
        None,
        "no such column"
    );
    let change = b
        .edit(
            gamma,
            &[
                (0, "Gamma 2".to_owned()),
                (1, "g".to_owned()),
                (2, String::new()),
            ],
        )
        .unwrap();
    let Change::Edit { cells, .. } = &change else {
        panic!("an edit: {change:?}")
    };
    assert_eq!(cells.iter().map(|e| e.col).collect::<Vec<_>>(), [0, 2]);
    b.apply(change).unwrap();
    assert_eq!(
        b.export(),
        DOC.replace("| Gamma | g | parked |", "| Gamma 2 | g |  |")
    );
    assert_eq!(layout(&b)[0].1, ["Beta", "Gamma 2", "Zeta"]);
    b.undo().unwrap();
    assert_eq!(b.export(), DOC);
    b.redo().unwrap();
    assert_eq!(b.cards[2].cells, owned(&["Gamma 2", "g", ""]));
}

#[test]
fn insert_adds_a_card_with_a_fresh_id_and_undoes() {
    let mut b = board(DOC);
    let columns = b.columns();
    let at = b.insert_position(0, column(&columns, "ideation"), None);
    assert_eq!(at, 7, "after Eta, the last ideation card");
    assert_eq!(
        b.insert_position(0, column(&columns, "design"), None),
        7,
        "no card: at the end"
    );
    assert_eq!(b.insert_position(0, &columns[0], None), 6, "after Zeta");
    let change = b.insert(1, 0, owned(&["New", "n", "design"]));
    assert_eq!(change.card_id(), Some(8));
    b.apply(change).unwrap();
    assert_eq!(b.next_id, 9);
    assert_eq!(titles(&b)[..3], ["Alpha", "New", "Beta"]);
    assert_eq!(
        b.export(),
        DOC.replace(
            "| Alpha | a | Ideation |\n",
            "| Alpha | a | Ideation |\n| New | n | design |\n"
        )
    );
    assert_eq!(layout(&b)[2].1, ["New"]);
    b.undo().unwrap();
    assert_eq!(b.export(), DOC);
    assert!(b.card(8).is_none());
    b.redo().unwrap();
    assert_eq!(b.card(8).unwrap().cells[0], "New");
    // Ids are never reused, even after an undo.
    b.undo().unwrap();
    assert_eq!(b.insert(0, 0, owned(&["Other", "", ""])).card_id(), Some(9));
}

#[test]
fn insert_checks_the_width() {
    let mut b = board(DOC);
    let change = b.insert(0, 0, owned(&["Too", "few"]));
    assert_eq!(b.apply(change), Err(BoardError::Width { got: 2, want: 3 }));
    assert_eq!(b.cards.len(), 7);
    assert!(b.history.done.is_empty());
}

#[test]
fn remove_deletes_a_card_and_undo_puts_it_back_in_place() {
    let mut b = board(DOC);
    let delta = id(&b, "Delta");
    b.apply(b.remove(delta).unwrap()).unwrap();
    assert!(b.card(delta).is_none());
    assert_eq!(
        b.export(),
        DOC.replace("| [Delta](d.md) | d | implementation |\n", "")
    );
    assert_eq!(layout(&b)[3].1, Vec::<String>::new());
    b.undo().unwrap();
    assert_eq!(b.index_of(delta), Some(3));
    assert_eq!(b.export(), DOC);
    assert!(b.matches_snapshot());
    assert_eq!(b.remove(99), None);
}

#[test]
fn changes_that_do_not_fit_are_refused_and_leave_the_board() {
    let mut b = board(DOC);
    let stale = Change::Reorder {
        id: 1,
        from: 2,
        to: 0,
    };
    assert_eq!(b.apply(stale), Err(BoardError::NoCard(1)));
    let stale = Change::Remove {
        at: 0,
        card: b.cards[1].clone(),
    };
    assert_eq!(b.apply(stale), Err(BoardError::NoCard(2)));
    assert_eq!(
        b.apply(Change::Edit {
            id: 42,
            cells: vec![]
        }),
        Err(BoardError::NoCard(42))
    );
    assert!(b.history.done.is_empty());
    assert_eq!(b.export(), DOC);
}

#[test]
fn a_long_history_undoes_back_to_the_document() {
    let mut b = board(DOC);
    for round in 0..250 {
        let i = round % b.cards.len();
        let card_id = b.cards[i].id;
        let change = match round % 4 {
            0 => b.edit(card_id, &[(1, format!("v{round}"))]),
            1 => b.reorder(card_id, &b.columns(), 1),
            2 => Some(b.insert(i, 0, owned(&[&format!("N{round}"), "", ""]))),
            _ => b.remove(card_id),
        };
        if let Some(change) = change {
            b.apply(change).unwrap();
        }
    }
    assert!(b.history.done.len() >= 200);
    while b.undo().unwrap().is_some() {}
    assert_eq!(b.export(), DOC);
    assert!(b.matches_snapshot());
}

#[test]
fn find_by_exact_title_then_id_then_prefix() {
    let b = board(DOC);
    assert_eq!(b.find("alpha"), Ok(1));
    assert_eq!(b.find("  DELTA "), Ok(4), "the title without link markup");
    assert_eq!(b.find("6"), Ok(6));
    assert_eq!(b.find("#6"), Ok(6));
    assert_eq!(b.find("gam"), Ok(3));
    assert_eq!(b.find("nothing"), Err(FindError::Unknown));
    assert_eq!(b.find("99"), Err(FindError::Unknown));
    assert_eq!(
        b.find("e"),
        Err(FindError::Ambiguous(owned(&["\"Epsilon\"", "\"Eta\""])))
    );
}

#[test]
fn an_exact_title_wins_over_an_id_and_a_prefix() {
    let b = board("| Name | State |\n| --- | --- |\n| 2 | |\n| Go | |\n| Gopher | |\n");
    assert_eq!(
        b.find("2"),
        Ok(1),
        "the card named 2, not the card with id 2"
    );
    assert_eq!(b.find("go"), Ok(2), "exact before prefix");
    assert_eq!(b.find("goph"), Ok(3));
}

#[test]
fn ambiguity_lists_ids_when_titles_repeat() {
    let b = board("| Name | State |\n| --- | --- |\n| Twin | |\n| twin | beta |\n| Twine | |\n");
    assert_eq!(
        b.find("twin"),
        Err(FindError::Ambiguous(owned(&[
            "\"Twin\" (id 1)",
            "\"twin\" (id 2)"
        ])))
    );
    assert_eq!(b.find("3"), Ok(3));
    let err = b.find("tw").unwrap_err().to_string();
    assert_eq!(
        err,
        "more than one card matches: \"Twin\" (id 1), \"twin\" (id 2), \"Twine\""
    );
}

#[test]
fn find_column_by_state_any_case_or_none() {
    let b = board(DOC);
    let columns = b.columns();
    assert_eq!(b.find_column(&columns, "none").unwrap().name, "No state");
    assert_eq!(
        b.find_column(&columns, "No State").unwrap().name,
        "No state"
    );
    assert_eq!(b.find_column(&columns, "DESIGN").unwrap().name, "design");
    assert_eq!(b.find_column(&columns, "Parked").unwrap().name, "parked");
    assert!(b.find_column(&columns, "release").is_none());
}

#[test]
fn follow_keeps_ids_as_the_merge_matches_rows() {
    let mut old = board(DOC);
    let inserted = old.insert(7, 0, owned(&["Theta", "", ""]));
    old.apply(inserted).unwrap();
    // The file changed outside: Alpha renamed (known by its label), Beta gone, Gamma moved
    // last, Iota new, and a "theta" of another label than the board's new Theta: a card of its
    // own.
    let changed = DOC
        .replace("| Alpha | a |", "| Alpha One | a |")
        .replace("| Beta | b | |\n", "")
        .replace("| Gamma | g | parked |\n", "")
        .replace(
            "| Eta | h | IDEATION |\n",
            "| Eta | h | IDEATION |\n| Iota | i | |\n| Gamma | g | parked |\n| theta | t | |\n",
        );
    let b = follow(markdown::parse(&changed).unwrap(), &old);
    let ids: Vec<(String, CardId)> = b.cards.iter().map(|c| (b.title(c), c.id)).collect();
    assert_eq!(
        ids,
        [
            ("Alpha One".to_owned(), 1),
            ("Delta".to_owned(), 4),
            ("Epsilon".to_owned(), 5),
            ("Zeta".to_owned(), 6),
            ("Eta".to_owned(), 7),
            ("Iota".to_owned(), 9),
            ("Gamma".to_owned(), 3),
            ("theta".to_owned(), 10),
        ]
    );
    assert_eq!(b.next_id, 11);
    assert!(b.history.done.is_empty());
    assert_eq!(b.export(), changed);
}

#[test]
fn follow_gives_repeated_titles_their_ids_in_order() {
    let old = board("| Name | State |\n| --- | --- |\n| Twin | a |\n| Twin | b |\n");
    let doc = markdown::parse(
        "| Name | State |\n| --- | --- |\n| New | |\n| Twin | a |\n| Twin | b |\n| Twin | c |\n",
    )
    .unwrap();
    let b = follow(doc, &old);
    assert_eq!(
        b.cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [3, 1, 2, 4]
    );
}

#[test]
fn replay_rebuilds_the_board_and_its_history() {
    let mut b = board(DOC);
    let columns = b.columns();
    b.apply(b.move_to(2, column(&columns, "design")).unwrap())
        .unwrap();
    b.apply(b.insert(0, 0, owned(&["N", "", ""]))).unwrap();
    b.apply(b.remove(5).unwrap()).unwrap();
    b.undo().unwrap();
    let mut again = board(DOC);
    again.replay(b.history.clone()).unwrap();
    assert_eq!(again.cards, b.cards);
    assert_eq!(again.export(), b.export());
    assert_eq!(again.next_id, 9);
    again.redo().unwrap();
    assert!(again.card(5).is_none());
    let mut other = board(DOC);
    let bad = History {
        done: vec![Change::Remove {
            at: 0,
            card: Card {
                table: 0,
                id: 77,
                cells: vec![],
            },
        }],
        undone: vec![],
    };
    assert!(matches!(
        other.replay(bad),
        Err(BoardError::Conflict { index: 0, .. })
    ));
}

#[test]
fn fingerprints_tell_texts_apart() {
    assert_eq!(Fingerprint::of(b"abc"), Fingerprint::of(b"abc"));
    assert_ne!(Fingerprint::of(b"abc"), Fingerprint::of(b"abd"));
    assert_eq!(Fingerprint::of(b"").len, 0);
    assert_eq!(Fingerprint::of(b"abc").len, 3);
}

#[test]
fn a_card_stands_under_the_section_above_it_in_its_own_table() {
    let b = board(
        "## One\n\n| Name | State |\n| - | - |\n| Before | x |\n| **Part** | |\n| In | x |\n\n\
         ## Two\n\n| Name | State |\n| - | - |\n| Other | x |\n",
    );
    let groups = b.groups();
    assert_eq!(
        groups,
        [
            Group::Table(0),
            Group::Section(1),
            Group::Section(1),
            Group::Table(1)
        ]
    );
    assert!(b.grouped(&groups));
    let labels: Vec<Option<String>> = groups.iter().map(|&g| b.group_label(g)).collect();
    assert_eq!(
        labels,
        [
            Some("One".to_owned()),
            Some("Part".to_owned()),
            Some("Part".to_owned()),
            Some("Two".to_owned())
        ]
    );
    // One table without sections: no dividers.
    let b = board(DOC);
    assert!(!b.grouped(&b.groups()));
    assert_eq!(b.group_label(Group::Table(0)), None);
}

#[test]
fn a_batch_applies_whole_or_not_at_all_and_undoes_as_one() {
    let mut b = board(DOC);
    let before = b.export();
    let alpha = b.find("Alpha").unwrap();
    let beta = b.find("Beta").unwrap();
    let columns = b.columns();
    let design = columns.iter().find(|c| c.name == "design").unwrap();
    let moves = vec![
        b.move_to(alpha, design).unwrap(),
        b.move_to(beta, design).unwrap(),
    ];
    // A batch whose last part cannot apply leaves the board as it was.
    let mut broken = moves.clone();
    broken.push(Change::Reorder {
        id: 999,
        from: 0,
        to: 1,
    });
    assert!(b.apply(Change::Batch(broken)).is_err());
    assert_eq!(b.export(), before);
    assert!(b.history.done.is_empty());

    b.apply(Change::batch(moves).unwrap()).unwrap();
    assert_eq!(b.history.done.len(), 1);
    assert!(b.export().contains("| Alpha | a | design |"));
    assert!(b.export().contains("| Beta | b | design |"));
    b.undo().unwrap();
    assert_eq!(b.export(), before);
    b.redo().unwrap();
    assert!(b.export().contains("| Beta | b | design |"));
    // One change is no batch; none is nothing.
    assert!(matches!(
        Change::batch(vec![b.move_to(alpha, &columns[0]).unwrap()]),
        Some(Change::Edit { .. })
    ));
    assert_eq!(Change::batch(Vec::new()), None);
}
mod diff;
mod place;
mod states;

#[test]
fn a_section_row_is_no_card_by_any_name() {
    let b =
        board("| Name | State |\n| - | - |\n| **Part** | |\n| In | x |\n| **Other part** | |\n");
    let section = b.cards[0].id;
    assert!(b.is_section(&b.cards[0]));
    for name in ["#1", "Part", "part", "1", "Oth"] {
        assert_eq!(b.find(name), Err(FindError::Unknown), "{name}");
    }
    assert_eq!(b.find(&format!("#{}", b.cards[1].id)), Ok(b.cards[1].id));
    assert_ne!(b.find("in"), Ok(section));
}
