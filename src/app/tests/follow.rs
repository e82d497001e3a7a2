//! The board rebuilt after the file changed outside (issue 12): the focus stays on its card,
//! whatever the old columns pointed at.

use super::*;

/// The board's text without the rows of its first `n` cards.
fn without_first_rows(app: &App, n: usize) -> String {
    let board = &app.stored.board;
    let mut text = board.doc.text.clone();
    let mut rows: Vec<std::ops::Range<usize>> = board.cards[..n]
        .iter()
        .map(|c| {
            let row = board.source_row(c.id).unwrap();
            row.prefix.start..row.term.end
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.start));
    for r in rows {
        text.replace_range(r, "");
    }
    text
}

/// Follows `theirs` as the runtime does: the focused card asked first, then the board
/// replaced, then the screen rebuilt.
fn follow(app: &mut App, theirs: &str) {
    let focused = app.focused_card_id();
    let what = app.stored.absorb(theirs).unwrap();
    app.followed(&what, focused);
}

#[test]
fn rows_gone_above_the_focused_card_leave_the_focus_on_it() {
    let mut app = app();
    app.resize(200, 50);
    let last = app.stored.board.cards.last().unwrap().id;
    let title = app.stored.board.title(app.stored.board.card(last).unwrap());
    assert!(app.focus_card(last));
    let theirs = without_first_rows(&app, 8);
    follow(&mut app, &theirs);
    assert_eq!(app.stored.board.doc.text, theirs);
    let focused = app.focused_card_id().unwrap();
    assert_eq!(
        app.stored
            .board
            .title(app.stored.board.card(focused).unwrap()),
        title
    );
    assert!(
        message(&app).starts_with("followed the file: 8 rows changed outside"),
        "{}",
        message(&app)
    );
}

#[test]
fn lanes_and_a_filter_are_rebuilt_for_a_board_with_fewer_cards() {
    let mut app = app();
    app.resize(200, 50);
    // Lanes by the first column that can make them, and a filter that keeps most cards.
    ch(&mut app, 's');
    assert!(app.lanes.is_some());
    for c in "/e\n".chars() {
        ch(&mut app, c);
    }
    assert!(app.filtering());
    let first = app.stored.board.cards[0].id;
    app.focus_card(first);
    let theirs = without_first_rows(&app, 8);
    follow(&mut app, &theirs);
    assert!(app.lanes.is_some());
    // Every card the lanes hold is a card of the new board.
    let n = app.stored.board.cards.len();
    for col in 0..app.columns.len() {
        assert!(app.shown(col).iter().all(|&i| i < n));
    }
}

/// The seed with GPU Support moved a state on (`L`), then its file changed outside with GPU
/// Support in ideation: the board follows, its move kept, a conflict on the State.
fn conflicted() -> App {
    let mut app = app_at("GPU Support");
    let seed = app.stored.board.export();
    ch(&mut app, 'L');
    let row = line_of(&seed, "| GPU Support");
    let theirs = seed.replace(row, &row.replace("| spec-definition |", "| ideation |"));
    follow(&mut app, &theirs);
    assert_eq!(app.stored.conflicts.len(), 1);
    app
}

#[test]
fn following_the_file_into_a_conflict_is_a_warning_not_an_error() {
    let followed = conflicted();
    let said = followed.message.as_ref().unwrap();
    assert!(
        said.text.starts_with("followed the file: "),
        "{}",
        said.text
    );
    assert!(said.text.contains("1 conflict"), "{}", said.text);
    assert_eq!(said.level, Level::Warning);
    // Following without a conflict is news, no more.
    let mut app = app();
    let theirs = without_first_rows(&app, 1);
    follow(&mut app, &theirs);
    assert_eq!(app.message.as_ref().unwrap().level, Level::Info);
}

#[test]
fn taking_theirs_for_the_last_difference_leaves_the_board_in_sync() {
    let mut app = conflicted();
    assert!(app.unwritten);
    // In the card, `>` takes the file's State: the board is the file again.
    ch(&mut app, '\n');
    assert_eq!(ch(&mut app, '>'), Some(Effect::Save));
    assert!(app.stored.conflicts.is_empty());
    let theirs = app.stored.base.clone().unwrap();
    assert_eq!(app.stored.board.export(), *theirs);
    // The status agrees with `D`: nothing to write.
    assert!(!app.unwritten, "the board is its file");
    ch(&mut app, 'q');
    ch(&mut app, 'D');
    let Mode::Changes { lines, .. } = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(lines, &["No changes."]);
    // Undoing the pick differs from the file again.
    ch(&mut app, 'q');
    ch(&mut app, 'u');
    assert!(app.unwritten);
}
