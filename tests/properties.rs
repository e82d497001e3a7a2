//! Property tests: random editing on the seed board and on generated documents reads back as
//! the board written and undoes to the original bytes; generated documents round-trip.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use mdboard::board::Board;
use mdboard::markdown::{self, cell};
use proptest::prelude::*;

const SEED: &str = include_str!("../assets/projects.md");

/// Pieces of text that have broken tables before.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("|".to_owned()),
        Just("\\".to_owned()),
        Just("\\|".to_owned()),
        Just("\\\\".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("<br>".to_owned()),
        Just("<BR />".to_owned()),
        Just("\\<br>".to_owned()),
        Just("<".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("](".to_owned()),
        Just("[x](https://a.b/c)".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("`".to_owned()),
        Just("``".to_owned()),
        Just("`a|b`".to_owned()),
        Just("`\\|`".to_owned()),
        Just("*".to_owned()),
        Just(" ".to_owned()),
        Just("  ".to_owned()),
        Just("\t".to_owned()),
        Just("-".to_owned()),
        Just("ünï".to_owned()),
        Just("漢字".to_owned()),
        Just("🎉".to_owned()),
        "[a-zA-Z0-9]{1,6}",
        any::<char>().prop_map(String::from),
    ]
}

/// A value a user might type or paste.
fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..6).prop_map(|v| v.concat())
}

/// One thing a user does to a board; cards and columns are picked by index, modulo.
#[derive(Debug, Clone)]
enum Op {
    Move {
        card: usize,
        column: usize,
    },
    Reorder {
        card: usize,
        up: bool,
    },
    Edit {
        card: usize,
        col: usize,
        value: String,
    },
    Add {
        at: usize,
        column: usize,
        values: Vec<String>,
    },
    Delete {
        card: usize,
    },
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<usize>(), any::<usize>()).prop_map(|(card, column)| Op::Move { card, column }),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(card, up)| Op::Reorder { card, up }),
        4 => (any::<usize>(), any::<usize>(), value())
            .prop_map(|(card, col, value)| Op::Edit { card, col, value }),
        2 => (any::<usize>(), any::<usize>(), prop::collection::vec(value(), 6))
            .prop_map(|(at, column, values)| Op::Add { at, column, values }),
        1 => any::<usize>().prop_map(|card| Op::Delete { card }),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

/// Applies the ops through the board's change constructors, checking that each edited value
/// reads back as entered (trimmed).
fn run(board: &mut Board, ops: &[Op]) {
    let projects = board.layout.tables[0].clone();
    let width = board.doc.tables[projects.table].columns.len();
    for op in ops {
        let len = board.cards.len();
        let id_at = |b: &Board, i: usize| b.cards[i % len].id;
        let change = match op {
            Op::Move { card, column } if len > 0 => {
                let columns = board.columns();
                board.move_to(id_at(board, *card), &columns[column % columns.len()])
            }
            Op::Reorder { card, up } if len > 0 => board.reorder(
                id_at(board, *card),
                &board.columns(),
                if *up { -1 } else { 1 },
            ),
            Op::Edit { card, col, value } if len > 0 => {
                let id = id_at(board, *card);
                let col = col % width;
                let change = board.edit(id, &[(col, cell::encode(value))]);
                if let Some(change) = change {
                    board.apply(change).unwrap();
                }
                let card = board.card(id).unwrap();
                assert_eq!(board.value(card, col), cell::normalize(value), "{value:?}");
                None
            }
            Op::Add { at, column, values } => {
                let columns = board.columns();
                let column = &columns[column % columns.len()];
                let mut cells: Vec<String> =
                    values.iter().take(width).map(|v| cell::encode(v)).collect();
                cells.resize(width, String::new());
                cells[projects.state] = cell::encode(&column.state);
                Some(board.insert(at % (len + 1), projects.table, cells))
            }
            Op::Delete { card } if len > 0 => board.remove(id_at(board, *card)),
            Op::Undo => {
                board.undo().unwrap();
                None
            }
            Op::Redo => {
                board.redo().unwrap();
                None
            }
            _ => None,
        };
        if let Some(change) = change {
            board.apply(change).unwrap();
        }
    }
}

/// The export reads back as the board written, and undoing everything gives the original bytes.
fn check_edits(original: &str, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut board = Board::detect(markdown::parse(original).unwrap()).unwrap();
    run(&mut board, ops);
    let exported = board.export();
    let reread = Board::detect(
        markdown::parse(&exported).map_err(|e| TestCaseError::fail(format!("{e}:\n{exported}")))?,
    )
    .map_err(|e| TestCaseError::fail(format!("{e}:\n{exported}")))?;
    let cells = |b: &Board| b.cards.iter().map(|c| c.cells.clone()).collect::<Vec<_>>();
    prop_assert_eq!(cells(&reread), cells(&board), "{}", exported);
    prop_assert_eq!(reread.export(), exported.clone());
    let names = |b: &Board| {
        b.columns()
            .into_iter()
            .map(|c| (c.name, c.cards))
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(names(&reread), names(&board));
    while board.undo().unwrap().is_some() {}
    prop_assert_eq!(board.export(), original);
    Ok(())
}

/// A generated document, with what it should read as.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    columns: Vec<String>,
    state_col: usize,
    rows: Vec<Vec<String>>,
    states: Vec<String>,
}

/// How a generated document is written: independent random choices.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
struct Style {
    crlf: bool,
    bom: bool,
    final_newline: bool,
    leading: bool,
    trailing: bool,
    header_trailing: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<[bool; 6]>()).prop_map(
        |[crlf, bom, final_newline, leading, trailing, header_trailing]| Style {
            crlf,
            bom,
            final_newline,
            leading,
            trailing,
            header_trailing,
        },
    )
}

fn prose() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-z0-9][A-Za-z0-9 .,*_#>!?'-]{0,40}", 0..3)
}

/// A raw cell: an encoded value, with random padding around it.
fn raw_cell() -> impl Strategy<Value = (String, usize, usize)> {
    (value(), 0..3usize, 0..3usize).prop_map(|(v, l, r)| (cell::encode(&v), l, r))
}

/// A row of pipes around the cells, with or without the outer ones.
fn line(cells: &[String], leading: bool, trailing: bool) -> String {
    let mut s = String::new();
    if leading {
        s.push('|');
    }
    s.push_str(&cells.join("|"));
    if trailing {
        s.push('|');
    }
    s
}

/// Row `i` as written, and its raw cells as they should read.
fn table_row(i: usize, row: &[(String, usize, usize)], style: &Style) -> (String, Vec<String>) {
    let mut raws: Vec<String> = row.iter().map(|(raw, _, _)| raw.clone()).collect();
    // Without a leading pipe, an empty first cell would make the row start with a pipe.
    raws[0] = format!("R{i}{}", raws[0]);
    let cells: Vec<String> = raws
        .iter()
        .zip(row)
        .enumerate()
        .map(|(c, (raw, (_, l, r)))| {
            let l = if c == 0 && !style.leading { 0 } else { *l };
            // A backslash right before a pipe escapes it, so the writer puts a space between.
            let r = if raw.is_empty() || raw.ends_with('\\') {
                *r.max(&1)
            } else {
                *r
            };
            format!("{}{raw}{}", " ".repeat(l), " ".repeat(r))
        })
        .collect();
    (line(&cells, style.leading, style.trailing), raws)
}

fn generated() -> impl Strategy<Value = Generated> {
    (2..6usize)
        .prop_flat_map(|n| {
            (
                prop::collection::vec("[A-Z][a-z]{0,7}( [A-Z][a-z]{0,5})?", n - 1),
                1..n,
                prop_oneof![
                    Just("State"),
                    Just("state"),
                    Just("**State**"),
                    Just("STATES")
                ],
                prop::collection::vec(prop::collection::vec(raw_cell(), n), 0..7),
                prop::collection::vec(
                    prop_oneof![Just("---"), Just(":--"), Just(":-:"), Just("-:"), Just("-")],
                    n,
                ),
                style(),
                prose(),
                prose(),
                prop::option::of(prop::collection::vec("[a-z][a-z-]{0,10}", 1..5)),
            )
        })
        .prop_map(
            |(names, state_col, state_name, rows, delims, style, before, after, states)| {
                let eol = if style.crlf { "\r\n" } else { "\n" };
                let mut columns: Vec<String> = names
                    .into_iter()
                    .map(|n| {
                        if n.eq_ignore_ascii_case("state") || n.eq_ignore_ascii_case("states") {
                            format!("{n}x")
                        } else {
                            n
                        }
                    })
                    .collect();
                columns.insert(state_col, state_name.to_owned());
                let mut text = String::new();
                if style.bom {
                    text.push('\u{feff}');
                }
                for p in &before {
                    text.push_str(p);
                    text.push_str(eol);
                    text.push_str(eol);
                }
                let header: Vec<String> = columns.iter().map(|c| format!(" {c} ")).collect();
                text.push_str(&line(&header, true, style.header_trailing));
                text.push_str(eol);
                let delims: Vec<String> = delims.iter().map(|d| format!(" {d} ")).collect();
                text.push_str(&line(&delims, true, true));
                let mut raw_rows = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    text.push_str(eol);
                    let (written, raws) = table_row(i, row, &style);
                    text.push_str(&written);
                    raw_rows.push(raws);
                }
                let mut states_read = Vec::new();
                if let Some(states) = &states {
                    text.push_str(eol);
                    text.push_str(eol);
                    write!(text, "| State | Description |{eol}| --- | --- |").unwrap();
                    for s in states {
                        write!(text, "{eol}| {s} | the {s} state |").unwrap();
                    }
                    states_read.clone_from(states);
                }
                for p in &after {
                    text.push_str(eol);
                    text.push_str(eol);
                    text.push_str(p);
                }
                if style.final_newline {
                    text.push_str(eol);
                }
                Generated {
                    text,
                    columns: columns
                        .iter()
                        .map(|c| c.trim_matches('*').to_owned())
                        .collect(),
                    state_col,
                    rows: raw_rows,
                    states: states_read,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// Whatever a user enters reads back exactly, trimmed, and cannot break a row: the encoder
    /// is the exact inverse of the decoder (code spans included).
    #[test]
    fn values_read_back_as_entered(v in value(), s in any::<String>()) {
        for v in [v, s] {
            let raw = cell::encode(&v);
            prop_assert_eq!(cell::decode(&raw), cell::normalize(&v));
            prop_assert!(!cell::has_pipe(&raw), "{:?}", raw);
            prop_assert!(!raw.contains(['\n', '\r']), "{:?}", raw);
            prop_assert_eq!(raw.trim_ascii(), raw.as_str());
        }
    }

    /// A name read from a cell (a state, a title) and written back reads as the same name.
    #[test]
    fn names_read_back_as_read(v in value(), s in any::<String>()) {
        for v in [v, s] {
            // As a cell holds it: line breaks as the encoder writes them.
            let name = cell::normalize(&markdown::plain(&v));
            prop_assert_eq!(markdown::plain(&cell::encode(&name)), name);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Issue 4: random editing of the seed board.
    #[test]
    fn edits_of_the_seed_read_back_and_undo_to_its_bytes(ops in prop::collection::vec(op(), 1..40)) {
        check_edits(SEED, &ops)?;
    }


    /// Whether the board is back at a point of its history, as its history tells it, is what
    /// replaying to that point and exporting both says.
    #[test]
    fn the_history_tells_a_board_back_at_a_point_as_replaying_does(ops in prop::collection::vec(op(), 1..40)) {
        let mut board = Board::detect(markdown::parse(SEED).unwrap()).unwrap();
        run(&mut board, &ops);
        let now = board.export();
        for k in 0..=board.timeline_len() {
            if let Some(same) = board.same_as_at(k) {
                prop_assert_eq!(same, board.at(k).unwrap().export() == now, "point {}", k);
            }
        }
    }

    /// Issue 6: generated documents read as generated and render back unchanged.
    #[test]
    fn generated_documents_round_trip(g in generated()) {
        let doc = markdown::parse(&g.text).map_err(|e| TestCaseError::fail(format!("{e}:\n{}", g.text)))?;
        let rows: Vec<Vec<String>> = (0..doc.tables[0].rows.len()).map(|r| doc.cells(0, r)).collect();
        let out = doc.render_tables(vec![(0, rows.iter().enumerate().map(|(i, c)| (Some(i), c.as_slice())).collect())]);
        prop_assert_eq!(&out, &g.text);
        prop_assert_eq!(&doc.tables[0].columns, &g.columns);
        prop_assert_eq!(&rows, &g.rows, "{}", g.text);
        let board = Board::detect(doc).map_err(|e| TestCaseError::fail(format!("{e}:\n{}", g.text)))?;
        prop_assert_eq!(board.layout.tables[0].table, 0);
        prop_assert_eq!(board.layout.tables[0].state, g.state_col);
        prop_assert_eq!(&board.layout.states, &g.states);
        prop_assert_eq!(board.export(), g.text);
    }

    /// Issue 6 and 4: random editing of generated documents reads back and undoes to the bytes.
    #[test]
    fn edits_of_generated_documents_read_back(g in generated(), ops in prop::collection::vec(op(), 1..25)) {
        check_edits(&g.text, &ops)?;
    }
}
