#![allow(clippy::unwrap_used)]

use super::*;

const BASE: &str = "# P\n\n| Name | Label | State |\n| --- | --- | --- |\n| Alpha | a | x |\n| Beta | b | y |\n| Gamma | c | x |\n";

fn board(text: &str) -> Board {
    Board::detect(markdown::parse(text).unwrap()).unwrap()
}

fn names(b: &Board) -> Vec<String> {
    b.cards.iter().map(|c| c.cells[0].clone()).collect()
}

fn cell(b: &Board, name: &str, col: usize) -> String {
    b.cards.iter().find(|c| c.cells[0] == name).unwrap().cells[col].clone()
}

fn id(b: &Board, name: &str) -> CardId {
    b.cards.iter().find(|c| c.cells[0] == name).unwrap().id
}

fn moved(mut b: Board, name: &str, state: &str) -> Board {
    let change = b.edit(id(&b, name), &[(2, state.to_owned())]).unwrap();
    b.apply(change).unwrap();
    b
}

#[test]
fn without_changes_of_its_own_the_board_becomes_the_file_keeping_ids() {
    let b = board(BASE);
    // Beta renamed: known by its place and the cells that agree.
    let theirs = BASE.replace("| Beta | b | y |", "| Beta two | b | y |");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    assert!(f.on_theirs);
    assert_eq!(f.board.export(), theirs);
    assert_eq!(f.board.history.done, []);
    assert_eq!(id(&f.board, "Beta two"), id(&b, "Beta"));
    assert_eq!(f.changes.rows(), 1);
}

#[test]
fn a_change_of_its_own_stays_on_top_and_undoes_to_the_file() {
    let b = moved(board(BASE), "Alpha", "done");
    let theirs = BASE.replace("| Gamma | c | x |", "| Gamma | cc | x |");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    let mut nb = f.board;
    assert_eq!(
        (cell(&nb, "Alpha", 2), cell(&nb, "Gamma", 1)),
        ("done".into(), "cc".into())
    );
    assert_eq!((nb.history.done.len(), f.kept), (1, 1));
    assert!(f.conflicts.is_empty());
    nb.undo().unwrap();
    assert_eq!(nb.export(), theirs, "undo leaves the outside change");
}

#[test]
fn only_the_unwritten_changes_are_replayed() {
    // Alpha moved and written (the base), then Beta moved.
    let b = moved(board(BASE), "Alpha", "done");
    let written = b.export();
    let b = moved(b, "Beta", "done");
    let theirs = written.replace("| Gamma | c | x |", "| Gamma | c | y |");
    let f = follow(&b, Some(&written), Some(1), &theirs, &Choice::default()).unwrap();
    assert_eq!(f.kept, 1);
    assert_eq!(
        [
            cell(&f.board, "Alpha", 2),
            cell(&f.board, "Beta", 2),
            cell(&f.board, "Gamma", 2)
        ],
        ["done", "done", "y"]
    );
}

#[test]
fn the_same_cell_changed_both_ways_is_a_conflict_showing_mine() {
    let b = moved(board(BASE), "Beta", "mine");
    let theirs = BASE.replace("| Beta | b | y |", "| Beta | b | theirs |");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    assert_eq!(cell(&f.board, "Beta", 2), "mine");
    assert_eq!(f.conflicts.len(), 1);
    let c = &f.conflicts[0];
    assert_eq!(c.card, id(&b, "Beta"));
    assert_eq!(c.field, Some((2, "State".to_owned())));
    assert_eq!(
        (c.base.as_deref(), c.mine.as_deref(), c.theirs.as_deref()),
        (Some("y"), Some("mine"), Some("theirs"))
    );
}

#[test]
fn a_row_deleted_outside_and_edited_here_is_kept_as_a_conflict() {
    let b = moved(board(BASE), "Beta", "mine");
    let theirs = BASE.replace("| Beta | b | y |\n", "");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    assert_eq!(names(&f.board), ["Alpha", "Beta", "Gamma"]);
    assert_eq!(f.conflicts.len(), 1);
    assert_eq!(f.conflicts[0].field, None);
    assert_eq!(f.conflicts[0].theirs, None);
}

#[test]
fn a_row_deleted_here_and_edited_outside_shows_theirs_as_a_conflict() {
    let mut b = board(BASE);
    let remove = b.remove(id(&b, "Beta")).unwrap();
    b.apply(remove).unwrap();
    let theirs = BASE.replace("| Beta | b | y |", "| Beta | b | z |");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    assert_eq!(names(&f.board), ["Alpha", "Beta", "Gamma"]);
    assert_eq!(cell(&f.board, "Beta", 2), "z");
    assert_eq!(f.conflicts.len(), 1);
    assert_eq!(f.conflicts[0].mine, None);
    assert_eq!(f.conflicts[0].card, id(&f.board, "Beta"));
}

#[test]
fn rows_added_on_both_sides_are_all_kept_in_place() {
    let mut b = board(BASE);
    let add = b.insert(
        1,
        b.cards[0].table,
        vec!["New".into(), "n".into(), "x".into()],
    );
    b.apply(add).unwrap();
    let theirs = BASE.replace("| Gamma | c | x |", "| Gamma | c | x |\n| Delta | d | y |");
    let f = follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()).unwrap();
    assert_eq!(names(&f.board), ["Alpha", "New", "Beta", "Gamma", "Delta"]);
    let mut nb = f.board;
    nb.undo().unwrap();
    assert_eq!(nb.export(), theirs);
}

#[test]
fn a_table_of_other_columns_makes_the_merge_the_snapshot() {
    // Lines far enough apart to merge line by line: the header and the last row outside, the
    // middle row on the board.
    let base = "# P\n\n| Name | Label | State |\n| --- | --- | --- |\n| Alpha | a | x |\n\
                | Beta | b | y |\n| Gamma | c | x |\n| Delta | d | y |\n| Eta | e | x |\n";
    let b = moved(board(base), "Gamma", "done");
    let theirs = base
        .replace(
            "| Name | Label | State |\n| --- | --- | --- |",
            "| Name | Label | State | Owner |\n| --- | --- | --- | --- |",
        )
        .replace("| Eta | e | x |", "| Eta | e | x | me |");
    let f = follow(&b, Some(base), Some(0), &theirs, &Choice::default()).unwrap();
    assert!(!f.on_theirs);
    assert_eq!(f.board.history.done, []);
    let text = f.board.export();
    assert!(text.contains("| Name | Label | State | Owner |"), "{text}");
    assert!(text.contains("| Eta | e | x | me |"), "{text}");
    assert!(text.contains("| Gamma | c | done |"), "{text}");
}

#[test]
fn a_file_with_conflict_markers_is_refused() {
    let b = board(BASE);
    let theirs = BASE.replace(
        "| Beta | b | y |",
        "<<<<<<< ours\n| Beta | b | y |\n=======\n| Beta | b | z |\n>>>>>>> theirs",
    );
    assert!(matches!(
        follow(&b, Some(BASE), Some(0), &theirs, &Choice::default()),
        Err(FollowError::Markdown(_))
    ));
}

#[test]
fn lines_both_changed_beyond_a_row_merge_are_refused_not_dropped() {
    // The board moved Beta; outside, a column was added (every row's line changed) and Alpha
    // renamed: the table merges line by line and Beta's line conflicts. Following must not
    // keep the board as it was (its next write would drop the column and the rename).
    let b = moved(board(BASE), "Beta", "x");
    let theirs = "# P\n\n| Name | Label | Owner | State |\n| --- | --- | --- | --- |\n\
                  | Alpha One | a | ann | x |\n| Beta | b | bob | y |\n| Gamma | c | cy | x |\n";
    let err = follow(&b, Some(BASE), Some(0), theirs, &Choice::default()).unwrap_err();
    assert!(matches!(err, FollowError::Unmerged { .. }), "{err:?}");
    assert!(err.to_string().contains("nothing is written"), "{err}");
}
