//! The three-way merge of documents: each rule on small tables, then properties over random
//! edits of both sides.

#![allow(clippy::unwrap_used)]

use mdboard::board::layout::{self, Choice};
use mdboard::markdown;
use mdboard::merge::{self, Merge};
use proptest::prelude::*;

const HEAD: &str = "# Projects\n\nSome prose.\n\n| Name | Label | Description | State |\n| --- | --- | --- | --- |\n";
const TAIL: &str = "\n## States\n\nThe end.\n";

fn doc(rows: &[&str]) -> String {
    let mut text = HEAD.to_owned();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text.push_str(TAIL);
    text
}

fn run(base: &str, ours: &str, theirs: &str) -> Merge {
    merge::merge(base, ours, theirs, &Choice::default()).unwrap()
}

/// The raw cells of the projects table's rows, as the merged text reads again.
fn cards(text: &str) -> Vec<Vec<String>> {
    let doc = markdown::parse(text).unwrap();
    let layout = layout::layout(&doc, &Choice::default()).unwrap();
    let t = &doc.tables[layout.tables[0].table];
    (0..t.rows.len())
        .map(|r| {
            (0..t.columns.len())
                .map(|c| {
                    t.cell_range(&doc.text, r, c)
                        .map_or(String::new(), |x| doc.text[x].to_owned())
                })
                .collect()
        })
        .collect()
}

fn titles(text: &str) -> Vec<String> {
    cards(text).into_iter().map(|c| c[0].clone()).collect()
}

const A: &str = "| Alpha | al | First project | idea |";
const B: &str = "| Beta | be | Second project | spec |";
const C: &str = "| Gamma | ga | Third project | done |";
const D: &str = "| Delta | de | Fourth project | idea |";

#[test]
fn two_cells_of_one_row_changed_by_each_side_merge() {
    let base = doc(&[A, B, C]);
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let theirs = doc(&[A, "| Beta | beta-2 | Second project | spec |", C]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean(), "{m:?}");
    assert_eq!(
        m.text,
        doc(&[A, "| Beta | beta-2 | Second project | done |", C])
    );
    assert_eq!(m.marked, m.text);
    assert_eq!(m.theirs.edited, 1);
}

#[test]
fn neighbouring_rows_changed_by_each_side_merge() {
    let base = doc(&[A, B, C]);
    let ours = doc(&["| Alpha | al | First project | done |", B, C]);
    let theirs = doc(&[A, "| Beta | be | Second, better | spec |", C]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        doc(&[
            "| Alpha | al | First project | done |",
            "| Beta | be | Second, better | spec |",
            C
        ])
    );
}

#[test]
fn the_same_change_on_both_sides_is_made_once() {
    let base = doc(&[A, B]);
    let both = doc(&[A, "| Beta | be | Second project | done |"]);
    let m = run(&base, &both, &both);
    assert!(m.is_clean());
    assert_eq!(m.text, both);
    // The same cell changed alike, and other cells apart.
    let ours = doc(&[A, "| Beta | be | Second project! | done |"]);
    let theirs = doc(&[A, "| Beta | b2 | Second project | done |"]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.text, doc(&[A, "| Beta | b2 | Second project! | done |"]));
}

#[test]
fn a_cell_changed_differently_is_a_conflict_resolved_as_ours_in_the_text() {
    let base = doc(&[A, B, C]);
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let theirs = doc(&[A, "| Beta | bee | Second project | blocked |", C]);
    let m = run(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.title, "Beta");
    assert_eq!(c.field, Some((3, "State".to_owned())));
    assert_eq!(
        (c.base.as_deref(), c.ours.as_deref(), c.theirs.as_deref()),
        (Some("spec"), Some("done"), Some("blocked"))
    );
    assert_eq!((c.table, c.row, c.line), (0, Some(1), 8));
    // Theirs' label does not conflict: the text has it.
    assert_eq!(
        m.text,
        doc(&[A, "| Beta | bee | Second project | done |", C])
    );
    assert_eq!(
        m.marked,
        doc(&[
            A,
            "<<<<<<< ours",
            "| Beta | bee | Second project | done |",
            "=======",
            "| Beta | bee | Second project | blocked |",
            ">>>>>>> theirs",
            C
        ])
    );
}

#[test]
fn conflicting_rows_in_a_run_share_their_markers_of_the_size_asked() {
    let base = doc(&[A, B, C]);
    let ours = doc(&[
        "| Alpha | al | First project | done |",
        "| Beta | be | Second project | done |",
        C,
    ]);
    let theirs = doc(&[
        "| Alpha | al | First project | spec |",
        "| Beta | be | Second project | idea |",
        C,
    ]);
    let m = merge::merge_with(&base, &ours, &theirs, &Choice::default(), 9).unwrap();
    assert_eq!(m.conflicts.len(), 2);
    assert_eq!(
        m.marked,
        doc(&[
            "<<<<<<<<< ours",
            "| Alpha | al | First project | done |",
            "| Beta | be | Second project | done |",
            "=========",
            "| Alpha | al | First project | spec |",
            "| Beta | be | Second project | idea |",
            ">>>>>>>>> theirs",
            C
        ])
    );
    assert_eq!(m.text, ours);
}

#[test]
fn rows_added_after_the_same_row_keep_ours_first() {
    let base = doc(&[A, B]);
    let ours = doc(&[A, C, B]);
    let theirs = doc(&[A, D, B]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.text, doc(&[A, C, D, B]));
    assert_eq!(m.theirs.added, 1);
    let m = run(&base, &theirs, &ours);
    assert_eq!(m.text, doc(&[A, D, C, B]));
}

#[test]
fn a_row_added_on_one_side_and_another_edited_on_the_other() {
    let base = doc(&[A, B]);
    let ours = doc(&[A, "| Beta | be | Second project | done |"]);
    let theirs = doc(&[A, B, C]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        doc(&[A, "| Beta | be | Second project | done |", C])
    );
    // Added first, before any row.
    let theirs = doc(&[D, A, B]);
    let m = run(&base, &ours, &theirs);
    assert_eq!(
        m.text,
        doc(&[D, A, "| Beta | be | Second project | done |"])
    );
}

#[test]
fn a_row_both_add_alike_is_kept_once_and_cells_added_differently_conflict() {
    let base = doc(&[A]);
    let m = run(&base, &doc(&[A, B]), &doc(&[A, B]));
    assert_eq!(m.text, doc(&[A, B]));
    let m = run(
        &base,
        &doc(&[A, B]),
        &doc(&[A, "| Beta | be | Second project | done |"]),
    );
    assert_eq!(m.text, doc(&[A, B]));
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].base, None);
    assert_eq!(m.conflicts[0].field.as_ref().unwrap().1, "State");
}

#[test]
fn a_row_deleted_on_one_side_and_unchanged_on_the_other_is_deleted() {
    let base = doc(&[A, B, C]);
    let m = run(
        &base,
        &doc(&[A, C]),
        &doc(&[A, B, "| Gamma | ga | Third project | idea |"]),
    );
    assert!(m.is_clean());
    assert_eq!(m.text, doc(&[A, "| Gamma | ga | Third project | idea |"]));
    let m = run(
        &base,
        &doc(&[A, B, "| Gamma | ga | Third project | idea |"]),
        &doc(&[A, C]),
    );
    assert!(m.is_clean());
    assert_eq!(m.text, doc(&[A, "| Gamma | ga | Third project | idea |"]));
    assert_eq!(m.theirs.deleted, 1);
}

#[test]
fn a_row_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = doc(&[A, B, C]);
    let edited = "| Beta | be | Second project | done |";
    // Theirs deleted it: ours keeps it.
    let m = run(&base, &doc(&[A, edited, C]), &doc(&[A, C]));
    assert_eq!(m.text, doc(&[A, edited, C]));
    let c = &m.conflicts[0];
    assert_eq!(
        (c.field.as_ref(), c.row, c.theirs.as_deref()),
        (None, Some(1), None)
    );
    assert_eq!(c.ours.as_deref(), Some(edited));
    assert_eq!(
        m.marked,
        doc(&[A, "<<<<<<< ours", edited, "=======", ">>>>>>> theirs", C])
    );
    // Ours deleted it: the text lacks it, the markers show theirs.
    let m = run(&base, &doc(&[A, C]), &doc(&[A, edited, C]));
    assert_eq!(m.text, doc(&[A, C]));
    let c = &m.conflicts[0];
    assert_eq!((c.row, c.line, c.ours.as_deref()), (None, 8, None));
    assert_eq!(c.title, "Beta");
    assert_eq!(
        m.marked,
        doc(&[A, "<<<<<<< ours", "=======", edited, ">>>>>>> theirs", C])
    );
}

#[test]
fn a_reorder_on_one_side_is_kept_and_on_both_sides_ours_wins() {
    let base = doc(&[A, B, C, D]);
    // Theirs moved Delta up; ours edited Beta.
    let edited = "| Beta | be | Second project | done |";
    let m = run(&base, &doc(&[A, edited, C, D]), &doc(&[D, A, B, C]));
    assert!(m.is_clean());
    assert_eq!(m.text, doc(&[D, A, edited, C]));
    assert_eq!(m.theirs.moved, 1);
    // Both moved Delta: ours' place.
    let m = run(&base, &doc(&[A, D, B, C]), &doc(&[D, A, B, C]));
    assert_eq!(titles(&m.text), ["Alpha", "Delta", "Beta", "Gamma"]);
    // Each moved a different row: both moves.
    let m = run(&base, &doc(&[B, A, C, D]), &doc(&[A, B, D, C]));
    assert_eq!(titles(&m.text), ["Beta", "Alpha", "Delta", "Gamma"]);
}

#[test]
fn a_row_is_known_by_its_title_when_its_line_changed() {
    let base = doc(&[A, B, C]);
    // Theirs moved Beta to the end and changed it; ours changed another cell of it.
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let theirs = doc(&[A, C, "| [Beta](https://x.y) | be | Second project | spec |"]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(
        m.text,
        doc(&[A, C, "| [Beta](https://x.y) | be | Second project | done |"])
    );
}

#[test]
fn a_row_is_known_by_its_id_when_its_title_changed() {
    let head = "| ID | Name | State |\n| --- | --- | --- |\n";
    let base = format!("{head}| CAP-1 | One | idea |\n| CAP-2 | Two | idea |\n");
    let ours = format!("{head}| CAP-1 | One | idea |\n| CAP-2 | Two | done |\n");
    let theirs = format!("{head}| CAP-1 | One | idea |\n| CAP-2 | Second | idea |\n");
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        format!("{head}| CAP-1 | One | idea |\n| CAP-2 | Second | done |\n")
    );
}

#[test]
fn a_row_is_known_by_a_column_of_unique_values_or_by_its_place_when_most_cells_agree() {
    let base = doc(&[A, B, C]);
    // Theirs renamed Beta; its label is unique in the table.
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let theirs = doc(&[A, "| Bêta | be | Second project | spec |", C]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        doc(&[A, "| Bêta | be | Second project | done |", C])
    );
    // Labels repeat: renamed and relabelled, the row is known by its place, most cells agreeing.
    let base = doc(&[
        "| Alpha | x | First project | idea |",
        "| Beta | x | Second project | spec |",
        C,
    ]);
    let ours = doc(&[
        "| Alpha | x | First project | idea |",
        "| Beta | x | Second project | done |",
        C,
    ]);
    let theirs = doc(&[
        "| Alpha | x | First project | idea |",
        "| Bêta | y | Second project | spec |",
        C,
    ]);
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        doc(&[
            "| Alpha | x | First project | idea |",
            "| Bêta | y | Second project | done |",
            C
        ])
    );
}

#[test]
fn a_row_replaced_by_another_project_is_a_delete_and_an_add() {
    let base = doc(&[A, B, C]);
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let theirs = doc(&[A, "| Omega | om | Something else | idea |", C]);
    let m = run(&base, &ours, &theirs);
    // Never Omega's cells applied to Beta: theirs deleted Beta, which ours edited.
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].field, None);
    assert_eq!(
        m.text,
        doc(&[
            A,
            "| Omega | om | Something else | idea |",
            "| Beta | be | Second project | done |",
            C
        ])
    );
}

#[test]
fn only_cells_theirs_changed_are_rewritten() {
    let base = "| Name | State |\n|:-|-|\n|Alpha|idea|\n|  Beta  |   spec|\n";
    let ours = "| Name | State |\n|:-|-|\n|Alpha|done|\n|  Beta  |   spec|\n";
    let theirs = "| Name | State |\n|:-|-|\n| Alpha | idea |\n|  Beta  |   done   |\n";
    let m = run(base, ours, theirs);
    assert!(m.is_clean());
    // Beta untouched by ours: theirs' line as it is. Alpha: ours' line (theirs only re-spaced).
    assert_eq!(
        m.text,
        "| Name | State |\n|:-|-|\n|Alpha|done|\n|  Beta  |   done   |\n"
    );
}

#[test]
fn a_row_both_changed_is_ours_with_theirs_cells_patched_in() {
    let base = "| Name | Label | State |\n| - | - | - |\n|Alpha|a|idea|\n";
    let ours = "| Name | Label | State |\n| - | - | - |\n|Alpha  |a|done|\n";
    let theirs = "| Name | Label | State |\n| - | - | - |\n| Alpha | b | idea |\n";
    let m = run(base, ours, theirs);
    assert_eq!(
        m.text,
        "| Name | Label | State |\n| - | - | - |\n|Alpha  |b|done|\n"
    );
}

#[test]
fn prose_merges_line_by_line_and_conflicts_between_markers() {
    let base = doc(&[A, B]);
    let ours = base.replace("Some prose.", "Some better prose.");
    let theirs = base.replace("The end.", "The very end.");
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        base.replace("Some prose.", "Some better prose.")
            .replace("The end.", "The very end.")
    );
    assert!(m.theirs.prose);

    let theirs = base.replace("Some prose.", "Other prose.");
    let m = run(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.prose.len(), 1);
    assert_eq!(m.prose[0].line, 3);
    assert_eq!(m.prose[0].ours, "Some better prose.\n");
    assert_eq!(m.prose[0].theirs, "Other prose.\n");
    assert_eq!(m.text, ours);
    assert!(
        m.marked
            .contains("<<<<<<< ours\nSome better prose.\n=======\nOther prose.\n>>>>>>> theirs\n")
    );
}

#[test]
fn a_table_whose_columns_changed_merges_line_by_line() {
    let base = doc(&[A, B]);
    let ours = base.replace(
        "| State |\n| --- | --- | --- | --- |",
        "| State | Owner |\n| --- | --- | --- | --- | --- |",
    );
    let theirs = doc(&[A, "| Beta | be | Second project | done |"]);
    let m = run(&base, &ours, &theirs);
    // Lines far apart merge; the row theirs changed is theirs' line.
    assert!(m.is_clean());
    assert!(m.text.contains("| State | Owner |"));
    assert!(m.text.contains("| Beta | be | Second project | done |"));
}

#[test]
fn rows_in_crlf_documents_and_at_the_end_without_a_newline_keep_their_endings() {
    let base = "| Name | State |\r\n| - | - |\r\n| A | x |\r\n| B | y |";
    let ours = "| Name | State |\r\n| - | - |\r\n| A | z |\r\n| B | y |";
    let theirs = "| Name | State |\r\n| - | - |\r\n| A | x |\r\n| B | y |\r\n| C | w |";
    let m = run(base, ours, theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        "| Name | State |\r\n| - | - |\r\n| A | z |\r\n| B | y |\r\n| C | w |"
    );
}

#[test]
fn a_version_with_conflict_markers_in_a_table_cannot_be_read() {
    let base = doc(&[A, B]);
    let ours = doc(&[A, "<<<<<<< ours", B, "=======", C, ">>>>>>> theirs"]);
    let err = merge::merge(&base, &ours, &doc(&[A]), &Choice::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the ours version cannot be read"),
        "{err}"
    );
}

#[test]
fn the_line_merge_falls_back_on_bytes() {
    let (out, conflicted) = merge::merge_lines(b"a\nb\n", b"a\nb\nc\n", b"z\na\nb\n", 7);
    assert!(!conflicted);
    assert_eq!(out, b"z\na\nb\nc\n");
}

#[test]
fn a_merged_table_after_prose_theirs_added_is_numbered_as_the_text_reads() {
    let base = doc(&[A, B]);
    let ours = doc(&[A, "| Beta | be | Second project | done |"]);
    let theirs = doc(&[A, "| Beta | be | Second project | idea |"]).replace(
        "Some prose.",
        "Some prose.\n\n| x | y |\n| - | - |\n| 1 | 2 |",
    );
    let m = run(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].table, 1);
    assert_eq!(m.conflicts[0].line, 12);
}

// Properties over random edits.

/// A base table of `n` rows with unique titles, and edits of it.
#[derive(Debug, Clone)]
struct Row {
    cells: Vec<String>,
}

fn render(rows: &[Row], pad: &[usize]) -> String {
    let mut text = HEAD.to_owned();
    for (i, r) in rows.iter().enumerate() {
        let sp = " ".repeat(pad.get(i).copied().unwrap_or(1) % 3 + 1);
        text.push('|');
        for c in &r.cells {
            text.push_str(&sp);
            text.push_str(c);
            text.push_str(&sp);
            text.push('|');
        }
        text.push('\n');
    }
    text.push_str(TAIL);
    text
}

/// Titles that read as names, not IDs.
const NAMES: [&str; 10] = [
    "Apple", "Banana", "Cherry", "Damson", "Elder", "Fig", "Grape", "Hazel", "Ivy", "Juniper",
];

fn base_rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            "[a-c]{0,2}",
            "[a-e]{1,3}",
            prop::sample::select(vec!["", "idea", "spec", "done"]),
        ),
        1..10,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (label, desc, state))| Row {
                cells: vec![NAMES[i].to_owned(), label, desc, state.to_owned()],
            })
            .collect()
    })
}

/// What a side does to one row of the base.
#[derive(Debug, Clone)]
enum Op {
    Keep,
    Edit(usize, String),
    Delete,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Keep),
        2 => (1..4usize, "[f-h]{1,2}").prop_map(|(c, v)| Op::Edit(c, v)),
        1 => Just(Op::Delete),
    ]
}

/// A side's version: its ops applied to the rows it owns, rows added, a row moved.
#[derive(Debug, Clone)]
struct Edits {
    ops: Vec<Op>,
    added: Vec<(usize, String)>,
    moved: Option<(usize, usize)>,
    pad: Vec<usize>,
}

fn edits() -> impl Strategy<Value = Edits> {
    (
        prop::collection::vec(op(), 10),
        prop::collection::vec((0..12usize, "[x-z]{1,2}"), 0..3),
        prop::option::of((0..12usize, 0..12usize)),
        prop::collection::vec(0..3usize, 16),
    )
        .prop_map(|(ops, added, moved, pad)| Edits {
            ops,
            added,
            moved,
            pad,
        })
}

/// Applies a side's edits to the rows it owns (`owns(i)`), its additions named with `tag`.
fn apply(base: &[Row], e: &Edits, owns: impl Fn(usize) -> bool, tag: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, r) in base.iter().enumerate() {
        match (owns(i), &e.ops[i % e.ops.len()]) {
            (true, Op::Delete) => {}
            (true, Op::Edit(c, v)) => {
                let mut r = r.clone();
                r.cells[*c].clone_from(v);
                rows.push(r);
            }
            _ => rows.push(r.clone()),
        }
    }
    if let Some((from, to)) = e.moved {
        // Only its own rows, kept, move.
        let own: Vec<usize> = (0..rows.len())
            .filter(|&k| {
                let title = &rows[k].cells[0];
                base.iter()
                    .position(|b| &b.cells[0] == title)
                    .is_some_and(&owns)
            })
            .collect();
        if !own.is_empty() {
            let row = rows.remove(own[from % own.len()]);
            rows.insert(to % (rows.len() + 1), row);
        }
    }
    for (k, (at, desc)) in e.added.iter().enumerate() {
        let at = at % (rows.len() + 1);
        rows.insert(
            at,
            Row {
                cells: vec![
                    format!("{tag} {}", NAMES[k]),
                    String::new(),
                    desc.clone(),
                    "idea".to_owned(),
                ],
            },
        );
    }
    rows
}

fn sorted(mut cards: Vec<Vec<String>>) -> Vec<Vec<String>> {
    cards.sort();
    cards
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merging_a_side_with_the_base_gives_that_side(base in base_rows(), e in edits(), pad in prop::collection::vec(0..3usize, 16)) {
        let b = render(&base, &pad);
        let side = render(&apply(&base, &e, |_| true, "N"), &e.pad);
        let m = run(&b, &b, &side);
        prop_assert!(m.is_clean());
        prop_assert_eq!(&m.text, &side);
        let m = run(&b, &side, &b);
        prop_assert_eq!(&m.text, &side);
    }

    #[test]
    fn without_conflicts_both_sides_changes_are_kept_whichever_side_is_ours(
        base in base_rows(),
        ours in edits(),
        theirs in edits(),
        split in 0..3usize,
    ) {
        // Each row is changed by one side at most: no conflict can arise.
        let owned_by_ours = |i: usize| (i + split).is_multiple_of(2);
        let o = apply(&base, &ours, owned_by_ours, "O");
        let t = apply(&base, &theirs, |i| !owned_by_ours(i), "T");
        let (b, ot, tt) = (render(&base, &[1]), render(&o, &ours.pad), render(&t, &theirs.pad));

        // The expected cards: every base row with its owner's edit, and both sides' additions.
        let mut expected: Vec<Vec<String>> = Vec::new();
        for (i, row) in base.iter().enumerate() {
            let (e, _) = if owned_by_ours(i) { (&ours, "O") } else { (&theirs, "T") };
            match &e.ops[i % e.ops.len()] {
                Op::Delete => {}
                Op::Edit(c, v) => {
                    let mut r = row.cells.clone();
                    r[*c].clone_from(v);
                    expected.push(r);
                }
                Op::Keep => expected.push(row.cells.clone()),
            }
        }
        for (side, tag) in [(&o, "O"), (&t, "T")] {
            expected.extend(side.iter().filter(|r| r.cells[0].starts_with(&format!("{tag} "))).map(|r| r.cells.clone()));
        }
        let expected = sorted(expected);

        let m = run(&b, &ot, &tt);
        prop_assert!(m.is_clean(), "{:?}", m.conflicts);
        prop_assert_eq!(sorted(cards(&m.text)), expected.clone());
        let swapped = run(&b, &tt, &ot);
        prop_assert!(swapped.is_clean(), "{:?}", swapped.conflicts);
        prop_assert_eq!(sorted(cards(&swapped.text)), expected);
    }

    #[test]
    fn conflicts_resolve_as_ours_in_the_text_and_as_either_between_the_markers(
        base in base_rows(),
        ours in edits(),
        theirs in edits(),
    ) {
        let o = apply(&base, &ours, |_| true, "O");
        let t = apply(&base, &theirs, |_| true, "T");
        let (b, ot, tt) = (render(&base, &[1]), render(&o, &ours.pad), render(&t, &theirs.pad));
        let m = run(&b, &ot, &tt);
        // The text reads as a document with every row of ours that has a conflict.
        let merged = cards(&m.text);
        for c in &m.conflicts {
            match c.row {
                Some(r) => {
                    prop_assert_eq!(&merged[r][0], &c.title);
                    if let Some((col, _)) = &c.field {
                        prop_assert_eq!(Some(&merged[r][*col]), c.ours.as_ref());
                    }
                }
                None => prop_assert!(merged.iter().all(|r| r[0] != c.title)),
            }
        }
        // Keeping one side of every block of markers gives a document that reads.
        if !m.is_clean() {
            for keep in [0, 1] {
                let resolved = resolve(&m.marked, keep);
                prop_assert!(markdown::parse(&resolved).is_ok(), "{}", resolved);
            }
        }
    }
}

/// The marked text with one side of each block kept (0 ours, 1 theirs).
fn resolve(marked: &str, keep: usize) -> String {
    let mut out = String::new();
    let mut side = None;
    for line in marked.split_inclusive('\n') {
        match line.trim_end() {
            "<<<<<<< ours" => side = Some(0),
            "=======" if side.is_some() => side = Some(1),
            ">>>>>>> theirs" => side = None,
            _ if side.is_none_or(|s| s == keep) => out.push_str(line),
            _ => {}
        }
    }
    out
}

#[test]
fn every_projects_table_merges_row_by_row() {
    let two = |a: &str, b: &str| {
        format!(
            "## Now\n\n| Name | State |\n| - | - |\n{a}\n| Two | x |\n\n## Later\n\n| Name | State |\n| - | - |\n{b}\n| Four | x |\n"
        )
    };
    let base = two("| One | x |", "| Three | x |");
    let ours = two("| One | y |", "| Three | x |");
    let theirs = two("| One | x |", "| Three | z |");
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.text, two("| One | y |", "| Three | z |"));
    // A conflict in the second table names it.
    let m = run(&base, &two("| One | x |", "| Three | y |"), &theirs);
    assert_eq!((m.conflicts[0].table, m.conflicts[0].row), (1, Some(0)));
}

#[test]
fn rows_in_a_block_quote_keep_their_prefix() {
    let base = "> | Name | State |\n> | - | - |\n> | One | x |\n> | Two | x |\n";
    let ours = "> | Name | State |\n> | - | - |\n> | One | y |\n> | Two | x |\n";
    let theirs = "> | Name | State |\n> | - | - |\n> | One | x |\n> | Two | z |\n> | Three | x |\n";
    let m = run(base, ours, theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        "> | Name | State |\n> | - | - |\n> | One | y |\n> | Two | z |\n> | Three | x |\n"
    );
}

#[test]
fn the_akash_rows_read_across_two_lines_merge_like_the_others() {
    let seed = include_str!("../assets/projects.md");
    let row = "| Cloud Parity Foundational Features | | Cross Provider Deployments for High Availability (HA). Load balancers. State Management\n  |  |  |";
    assert!(seed.contains(row));
    let ours = seed.replace(row, &row.replace("  |  |  |", "  | sig-clients |  |"));
    let theirs = seed.replace("| JWT Authentication | |", "| JWT Authentication | jwt |");
    let m = run(seed, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        ours.replace("| JWT Authentication | |", "| JWT Authentication | jwt |")
    );
    // Theirs fills the row's State, ours its group: the row both changed is patched.
    let theirs = seed.replace(row, &row.replace("  |  |  |", "  |  | design |"));
    let m = run(seed, &ours, &theirs);
    assert!(m.is_clean());
    let merged = cards(&m.text);
    let cloud = merged
        .iter()
        .find(|c| c[0] == "Cloud Parity Foundational Features")
        .unwrap();
    assert_eq!(
        (cloud[3].as_str(), cloud[4].as_str()),
        ("sig-clients", "design")
    );
}

#[test]
fn rows_both_sides_add_to_an_empty_table() {
    let base = "| Name | State |\n| - | - |\n\nText.\n";
    let ours = "| Name | State |\n| - | - |\n| One | x |\n\nText.\n";
    let theirs = "| Name | State |\n| - | - |\n| Two | x |\n\nText.\n";
    let m = run(base, ours, theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.text,
        "| Name | State |\n| - | - |\n| One | x |\n| Two | x |\n\nText.\n"
    );
}

#[test]
fn what_was_taken_from_theirs_is_counted() {
    let base = doc(&[A, B, C, D]);
    let ours = doc(&[A, "| Beta | be | Second project | done |", C, D]);
    let theirs = doc(&[
        D,
        A,
        "| Beta | bee | Second project | spec |",
        "| Omega | om | New | idea |",
    ])
    .replace("The end.", "The very end.");
    let m = run(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.theirs,
        merge::Changes {
            added: 1,
            deleted: 1,
            edited: 1,
            moved: 1,
            prose: true
        }
    );
    assert_eq!(m.theirs.rows(), 4);
}

#[test]
fn a_side_that_converted_every_line_ending_keeps_the_conversion() {
    let base = doc(&[A, B, C]);
    let ours = doc(&[A, "| Beta | be | Second project | done |", C]);
    let crlf = |t: &str| t.replace('\n', "\r\n");
    // Theirs converted the file to CR LF; ours moved Beta: every line CR LF, Beta moved.
    let m = run(&base, &ours, &crlf(&base));
    assert!(m.is_clean(), "{m:?}");
    assert_eq!(m.text, crlf(&ours));
    // Ours converted it, theirs moved Beta.
    let m = run(&base, &crlf(&base), &ours);
    assert_eq!(m.text, crlf(&ours));
    // Back from CR LF to LF.
    let m = run(&crlf(&base), &crlf(&ours), &base);
    assert_eq!(m.text, ours);
    // Both sides converted: nothing to choose between.
    let m = run(&base, &crlf(&ours), &crlf(&base));
    assert_eq!(m.text, crlf(&ours));
}
