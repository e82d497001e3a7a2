//! The round trip the fuzz target checks, shared with the regression tests of `tests/trust.rs`.

use mdboard::board::Board;
use mdboard::markdown;

/// Checks one input: whatever the bytes, no panic; when they are a document, writing it back
/// gives them back; a move (chosen from the bytes) exports into a document that reads back with
/// the board's cells and undoes to the original bytes; so does a new card.
pub fn check(data: &[u8]) {
    let Ok(doc) = markdown::parse_bytes(data) else {
        return;
    };
    let text = std::str::from_utf8(data).expect("a parsed document is UTF-8");
    assert_eq!(
        doc.render_tables(Vec::new()),
        text,
        "a document writes back its bytes"
    );
    // A document without a projects table is no board: there is nothing to change.
    let Ok(mut board) = Board::detect(doc) else {
        return;
    };
    assert_eq!(board.export(), text, "an unchanged board exports its bytes");

    // Changes chosen from the bytes, so that the fuzzer can steer them.
    let seed = data.iter().fold(0usize, |h, &b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    let columns = board.columns();
    let column = &columns[(seed / 7) % columns.len()];
    if !board.cards.is_empty() {
        let card = board.cards[seed % board.cards.len()].id;
        if let Some(change) = board.move_to(card, column) {
            board.apply(change).expect("a move applies");
            assert_reads_back(&board);
            let state = board
                .card(card)
                .map(|c| board.state_of(c))
                .expect("the card is there");
            // A value is written as `encode` writes it: a lone CR in a state reads back as a
            // line break (`normalize`).
            assert!(
                state.eq_ignore_ascii_case(&markdown::normalize(&column.state)),
                "the card reads back in its new state"
            );
            board.undo().expect("the move undoes");
            assert_eq!(
                board.export(),
                text,
                "undoing the move gives the bytes back"
            );
        }
    }

    // A new card in that column, its other cells empty: it reads back as written too.
    let projects = board.layout.tables[0].clone();
    let table = projects.table;
    let mut cells = vec![String::new(); board.doc.tables[table].columns.len()];
    "New".clone_into(&mut cells[projects.title]);
    cells[projects.state] = markdown::encode(&column.state);
    let at = (seed / 13) % (board.cards.len() + 1);
    board
        .apply(board.insert(at, table, cells))
        .expect("an insert applies");
    assert_reads_back(&board);
}

fn assert_reads_back(board: &Board) {
    let text = board.export();
    let again = markdown::parse(&text).expect("an exported board parses");
    // Each table of projects holds its cards, in board order, and nothing else.
    for projects in &board.layout.tables {
        let cards: Vec<_> = board
            .cards
            .iter()
            .filter(|c| c.table == projects.table)
            .collect();
        assert_eq!(
            again.tables[projects.table].rows.len(),
            cards.len(),
            "table {} has one row per card:\n{text}",
            projects.table
        );
        for (row, card) in cards.iter().enumerate() {
            assert_eq!(
                again.cells(card.table, row),
                card.cells,
                "row {row} of table {} reads back as the card:\n{text}",
                projects.table
            );
        }
    }
}
