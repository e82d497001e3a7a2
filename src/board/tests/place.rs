//! Placing a row within its table: before or after a card, at the top or the bottom.

use super::*;

#[test]
fn a_row_goes_before_or_after_a_card_or_to_the_top_or_bottom_of_its_table() {
    let mut b = board(DOC);
    let all = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"];
    assert_eq!(titles(&b), all);
    let mut kept = b.columns();
    for (card, place, expected) in [
        (
            "Eta",
            Place::Before(id(&b, "Beta")),
            ["Alpha", "Eta", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
        ),
        (
            "Alpha",
            Place::After(id(&b, "Gamma")),
            ["Eta", "Beta", "Gamma", "Alpha", "Delta", "Epsilon", "Zeta"],
        ),
        (
            "Zeta",
            Place::Top,
            ["Zeta", "Eta", "Beta", "Gamma", "Alpha", "Delta", "Epsilon"],
        ),
        (
            "Eta",
            Place::Bottom,
            ["Zeta", "Beta", "Gamma", "Alpha", "Delta", "Epsilon", "Eta"],
        ),
        (
            "Delta",
            Place::Before(id(&b, "Beta")),
            ["Zeta", "Delta", "Beta", "Gamma", "Alpha", "Epsilon", "Eta"],
        ),
        (
            "Delta",
            Place::After(id(&b, "Epsilon")),
            ["Zeta", "Beta", "Gamma", "Alpha", "Epsilon", "Delta", "Eta"],
        ),
    ] {
        let change = b.place(id(&b, card), place).unwrap().unwrap();
        b.apply(change.clone()).unwrap();
        assert_eq!(titles(&b), expected, "{card} {place:?}");
        b.update_columns(&mut kept, &change);
        assert_eq!(kept, b.columns());
    }
    // Rows move with their bytes: the document's rows in the new order, nothing else.
    let rows = |text: &str| -> Vec<String> {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(rows(&b.export()), rows(DOC));
    for _ in 0..6 {
        b.undo().unwrap();
    }
    assert_eq!(b.export(), DOC);
}

#[test]
fn a_row_already_there_is_no_change() {
    let b = board(DOC);
    let alpha = id(&b, "Alpha");
    assert_eq!(b.place(alpha, Place::Top), Ok(None));
    assert_eq!(b.place(alpha, Place::Before(id(&b, "Beta"))), Ok(None));
    assert_eq!(b.place(id(&b, "Eta"), Place::Bottom), Ok(None));
    assert_eq!(b.place(99, Place::Top), Err(PlaceError::NoCard(99)));
}

#[test]
fn a_row_is_not_placed_by_itself() {
    let b = board(DOC);
    let alpha = id(&b, "Alpha");
    let err = b.place(alpha, Place::Before(alpha)).unwrap_err();
    assert_eq!(err, PlaceError::Itself { after: false });
    assert_eq!(
        err.to_string(),
        "a row cannot be placed before itself; name another card of its table"
    );
    let eta = id(&b, "Eta");
    assert_eq!(
        b.place(eta, Place::After(eta)),
        Err(PlaceError::Itself { after: true }),
        "the last row, after itself"
    );
}

#[test]
fn a_row_never_leaves_its_table() {
    let b = board(
        "## One\n\n| Name | State |\n| - | - |\n| A | x |\n| B | x |\n\n\
         ## Two\n\n| Name | State |\n| - | - |\n| C | x |\n| D | x |\n",
    );
    let err = b
        .place(id(&b, "A"), Place::Before(id(&b, "C")))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"A\" stands in table 1 (\"One\") and \"C\" in table 2 (\"Two\"); a row is placed \
         within its own table"
    );
    // The top and bottom of a card's own table.
    let change = b.place(id(&b, "C"), Place::Bottom).unwrap().unwrap();
    assert_eq!(
        change,
        Change::Reorder {
            id: 3,
            from: 2,
            to: 3
        }
    );
    let change = b.place(id(&b, "B"), Place::Top).unwrap().unwrap();
    assert_eq!(
        change,
        Change::Reorder {
            id: 2,
            from: 1,
            to: 0
        }
    );
    // Where a new card of a table goes.
    assert_eq!(b.place_index(1, Place::Top), Ok(2));
    assert_eq!(b.place_index(0, Place::Bottom), Ok(2));
    assert_eq!(b.place_index(1, Place::After(id(&b, "C"))), Ok(3));
    assert!(matches!(
        b.place_index(0, Place::Before(id(&b, "D"))),
        Err(PlaceError::OtherTable { .. })
    ));
}
