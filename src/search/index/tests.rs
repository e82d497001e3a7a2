use super::*;
use crate::board::{Board, Change};
use crate::search::cell_text;
use crate::search::tests::{board, board_of, matching, query};

#[test]
fn narrowing_tests_only_previous_matches() {
    let b = board();
    let index = SearchIndex::build(&b);
    let g = index.filter(&query(&b, "g"), None);
    assert_eq!(g.query().as_str(), "g");
    let gp = index.filter(&query(&b, "~gp"), Some(&g));
    assert_eq!(gp.cards, [0, 1, 3]);
    let strict = index.filter(&query(&b, "gp"), Some(&g));
    assert_eq!(
        strict.cards,
        [0, 3],
        "the load balancer's g…p is too scattered"
    );
    assert_eq!(strict.candidates, [0, 1, 3]);
    // Narrowing is not a fresh look: candidates dropped before are not tested again.
    let fake = Filtered {
        cards: vec![3],
        candidates: vec![3],
        ..g.clone()
    };
    assert_eq!(index.filter(&query(&b, "~gp"), Some(&fake)).cards, [3]);
    assert_eq!(index.filter(&query(&b, "g"), Some(&fake)).cards, [3]);
    // Nor are the cards a strict term already tested out: only the previous matches are.
    let fake = Filtered {
        cards: vec![3],
        ..strict.clone()
    };
    assert_eq!(index.filter(&query(&b, "gp d"), Some(&fake)).cards, [3]);
    assert_eq!(index.filter(&query(&b, "gp d"), None).cards, [0, 3]);
    // A query that can match more is a fresh look.
    assert_eq!(
        index.filter(&query(&b, ""), Some(&fake)).cards,
        [0, 1, 2, 3]
    );
    assert_eq!(
        index.filter(&query(&b, "label:g"), Some(&fake)).cards,
        [0, 2]
    );
    assert_eq!(index.filter(&query(&b, "-gp"), Some(&fake)).cards, [1, 2]);
}

#[test]
fn a_result_from_before_a_change_is_not_narrowed() {
    let mut b = board();
    let mut index = SearchIndex::build(&b);
    let before = index.filter(&query(&b, "load"), None);
    assert_eq!(before.cards, [1]);
    let change = b
        .edit(b.cards[2].id, &[(2, "Loading balance".to_owned())])
        .expect("a change");
    b.apply(change.clone()).expect("applies");
    index.apply(&b, &change);
    assert_eq!(
        index.filter(&query(&b, "load b"), Some(&before)).cards,
        [1, 2]
    );
    assert_eq!(
        SearchIndex::build(&b)
            .filter(&query(&b, "load"), Some(&before))
            .cards,
        [1, 2],
        "nor one of another index"
    );
}

type MakeChange = dyn Fn(&Board) -> Option<Change>;

#[test]
fn the_index_follows_every_change_and_undo() {
    let mut b = board();
    let mut index = SearchIndex::build(&b);
    let q = query(&b, "z");
    let check = |b: &Board, index: &SearchIndex| {
        assert_eq!(
            index.filter(&q, None),
            Filtered {
                generation: index.generation,
                ..SearchIndex::build(b).filter(&q, None)
            }
        );
        assert_eq!(index.len(), b.cards.len());
    };
    // Each change is made against the board as it is by then.
    let changes: [&MakeChange; 5] = [
        &|b| b.edit(b.cards[0].id, &[(1, "zebra".to_owned())]),
        &|b| b.move_to(b.cards[3].id, &b.columns()[0]),
        &|b| b.reorder(b.cards[2].id, &b.columns(), -1),
        &|b| {
            let cells = ["Zq new", "zq", "zq desc", "sig-zq", "ideation"];
            Some(b.insert(1, 0, cells.map(str::to_owned).to_vec()))
        },
        &|b| b.remove(b.cards[0].id),
    ];
    for make in changes {
        let change = make(&b).expect("a change");
        b.apply(change.clone()).expect("applies");
        index.apply(&b, &change);
        check(&b, &index);
    }
    while let Some(undone) = b.undo().expect("undoes").cloned() {
        index.apply(&b, &undone.inverse());
        check(&b, &index);
    }
    // A change that does not fit rebuilds.
    index.apply(
        &b,
        &Change::Remove {
            at: 99,
            card: b.cards[0].clone(),
        },
    );
    check(&b, &index);
}

#[test]
fn within_keeps_the_matching_cards_of_a_column() {
    let f = Filtered {
        cards: vec![1, 4, 5, 9],
        ..Filtered::default()
    };
    assert_eq!(f.within(&[0, 1, 2, 5, 9, 10]), [1, 5, 9]);
    assert_eq!(f.within(&[]), Vec::<usize>::new());
    assert!(f.contains(4) && !f.contains(3));
}

#[test]
fn edits_do_not_grow_the_index_without_bound() {
    let mut b = board();
    let mut index = SearchIndex::build(&b);
    let id = b.cards[1].id;
    for i in 0..200 {
        let change = b
            .edit(id, &[(2, format!("edit number {i} of the load balancer"))])
            .expect("a change");
        b.apply(change.clone()).expect("applies");
        index.apply(&b, &change);
    }
    let fresh = SearchIndex::build(&b);
    assert!(index.arena.len() <= 2 * fresh.arena.len() + 64);
    let q = query(&b, "number 199");
    assert_eq!(index.filter(&q, None).cards, [1]);
}

#[test]
fn a_big_scan_shared_among_threads_keeps_board_order() {
    use std::fmt::Write as _;
    let mut text = String::from("| Name | Label | State |\n| - | - | - |\n");
    for i in 0..(2 * SCAN_CHUNK_MIN + 5) {
        writeln!(text, "| card {i} | l{} | s |", i % 7).expect("a String");
    }
    let b = board_of(&text);
    let want: Vec<usize> = (0..b.cards.len()).filter(|i| i % 7 == 3).collect();
    assert_eq!(matching(&b, "label:l3"), want);
    assert_eq!(matching(&b, "l3 -l5").len(), want.len());
}

#[test]
fn the_index_holds_what_cell_text_reads() {
    // Plain cells are copied as they are; escapes, break tags, links, long and non-ASCII cells
    // are read by `cell_text`: either way the index holds its lowercased text and byte classes.
    let long = "Lång ".repeat(1000);
    let b = board_of(&format!(
        "| Name | Label | State |\n| --- | --- | --- |\n\
         | Plain NAME | a\\|b | ideation |\n\
         | [Linked](https://x) | one<br>two | <b> |\n\
         | Ünïcode \\\\ slash | [not a link | {long} |\n"
    ));
    let index = SearchIndex::build(&b);
    for (i, card) in b.cards.iter().enumerate() {
        for col in 0..b.field_names().len() {
            let want = cell_text(&b, card, col).to_ascii_lowercase();
            let span =
                index.bounds[i * index.stride() + col]..index.bounds[i * index.stride() + col + 1];
            assert_eq!(index.arena[span], want, "card {i}, column {col}");
            assert_eq!(
                index.classes[i * index.columns + col],
                Classes::of(want.as_bytes())
            );
        }
    }
}

#[test]
fn byte_classes_as_documented() {
    assert_eq!(byte_classes(b"a"), 1);
    assert_eq!(byte_classes(b"z9"), 1 << 25 | 1 << 35);
    assert_eq!(byte_classes(b"-"), 1 << (36 + b'-' % 27));
    assert_eq!(byte_classes("é".as_bytes()), 1 << 63);
    assert_eq!(byte_classes(b""), 0);
}

#[test]
fn head_classes_are_the_classes_of_the_word_starts() {
    for text in [
        "gpu sup-port (wg)é-x",
        "",
        "  a",
        "é",
        "x.y/z[w]",
        "aaa bbb\tccc",
    ] {
        let mut heads = 0;
        crate::search::skim::word_starts(text.as_bytes(), |b| heads |= byte_classes(&[b]));
        assert_eq!(Classes::of(text.as_bytes()).heads, heads, "{text:?}");
    }
}
