//! States as the document defines them, on the board: the form and `E` ask before writing a
//! state the document does not know; `H`/`L` keep a moved card's row, `J`/`K` reorder.

use super::*;

fn ask(app: &App) -> &str {
    match &app.mode {
        Mode::Confirm {
            question,
            then: Pending::NewState(_),
        } => question,
        other => panic!("a question about a new state, not {other:?}"),
    }
}

/// Puts `state` in the State field of the open form.
fn type_state(app: &mut App, state: &str) {
    press(app, KeyCode::PageDown);
    ctrl(app, 'u');
    keys(app, state);
}

#[test]
fn the_form_asks_before_a_state_the_document_does_not_know() {
    let mut app = app_at("GPU Support");
    let seed = app.stored.board.export();
    ch(&mut app, 'e');
    type_state(&mut app, "implmentation");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(
        ask(&app),
        "“implmentation” is not a state of this board yet (did you mean “implementation”?). \
         Add it as a new state?"
    );
    assert_eq!(app.stored.board.export(), seed, "nothing written yet");
    // No: back to the form as it was, to choose a known state.
    ch(&mut app, 'n');
    assert_eq!(form(&app).value(4), "implmentation");
    assert!(message(&app).starts_with("not saved: choose a known state"));
    type_state(&mut app, "Implementation");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(
        column_name(&app),
        "implementation",
        "a known state asks nothing"
    );
    // Yes: the new state is written, and from then on it is known.
    ch(&mut app, 'e');
    type_state(&mut app, "shipping");
    press(&mut app, KeyCode::Enter);
    ask(&app);
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(message(&app), "card saved");
    assert_eq!(column_name(&app), "shipping");
    assert_eq!(title(&app), "GPU Support");
    focus(&mut app, "Economics 2.0");
    ch(&mut app, 'e');
    type_state(&mut app, "SHIPPING");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(column_name(&app), "shipping");
}

#[test]
fn the_state_fields_hint_says_saving_asks_before_a_new_state() {
    let mut app = app_at("GPU Support");
    ch(&mut app, 'e');
    type_state(&mut app, "shipping");
    assert_eq!(
        form(&app).state_hint("PgDn/PgUp"),
        "not a known state yet: saving asks before adding it"
    );
    // As it says: saving asks.
    press(&mut app, KeyCode::Enter);
    assert!(ask(&app).ends_with("Add it as a new state?"));
    ch(&mut app, 'n');
    type_state(&mut app, "impl");
    assert_eq!(
        form(&app).state_hint("PgDn/PgUp"),
        "states: implementation (PgDn/PgUp)"
    );
}

#[test]
fn adding_a_card_asks_too() {
    let mut app = app_at("GPU Support");
    ch(&mut app, 'a');
    keys(&mut app, "New one");
    type_state(&mut app, "specdefinition");
    press(&mut app, KeyCode::Enter);
    assert!(ask(&app).contains("did you mean “spec-definition”?"));
    let cards = app.stored.board.cards.len();
    ch(&mut app, 'n');
    assert_eq!(form(&app).value(0), "New one");
    type_state(&mut app, "wishlist");
    press(&mut app, KeyCode::Enter);
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(message(&app), "card added");
    assert_eq!(app.stored.board.cards.len(), cards + 1);
    assert_eq!(
        (column_name(&app), title(&app)),
        ("wishlist", "New one".to_owned())
    );
}

#[test]
fn the_editor_asks_too_and_a_no_keeps_the_text() {
    let mut app = app_at("GPU Support");
    let (id, text) = edit_text(&mut app);
    let typo = text.replace("State: spec-definition", "State: desgin");
    assert_eq!(
        app.report(Report::Edited {
            id,
            text: typo.clone()
        }),
        None
    );
    assert!(ask(&app).contains("did you mean “design”?"));
    ch(&mut app, 'n');
    assert_eq!(message(&app), "not saved (E edits your text again)");
    let (_, again) = edit_text(&mut app);
    assert_eq!(again, typo, "E starts from the text");
    app.report(Report::Edited { id, text: typo });
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(column_name(&app), "desgin");
}

#[test]
fn h_and_l_keep_the_row_where_it_is_and_j_and_k_reorder_it() {
    let mut app = app_at("GPU Support");
    let rows = |app: &App| row_titles(&app.stored.board.export());
    let before = rows(&app);
    ch(&mut app, 'L');
    ch(&mut app, 'L');
    ch(&mut app, 'H');
    assert_eq!(column_name(&app), "spec-approved");
    assert_eq!(rows(&app), before, "a move changes the state cell only");
    focus(&mut app, "Provider Attributes");
    ch(&mut app, 'K');
    let at = |rows: &[String], t: &str| rows.iter().position(|r| r == t).unwrap();
    let after = rows(&app);
    assert_eq!(
        at(&after, "Provider Attributes") + 1,
        at(&after, "Client Libraries"),
        "before the card above it in its column: {after:?}"
    );
}

#[test]
fn setting_the_state_of_marked_cards_asks_too() {
    let mut app = app_at("GPU Support");
    let seed = app.stored.board.export();
    super::views::mark(&mut app, &["GPU Support", "Omnibus Maintenance"]);
    ch(&mut app, 'e');
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "implmentation");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert!(ask(&app).contains("did you mean “implementation”?"));
    assert_eq!(app.stored.board.export(), seed, "nothing written yet");
    // No: back to the value typed.
    ch(&mut app, 'n');
    let Mode::BulkEdit(bulk) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(bulk.input.lines(), ["implmentation"]);
    assert_eq!(message(&app), "not set: type a known state");
    // Yes: both take the new state, as one change.
    press(&mut app, KeyCode::Enter);
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(message(&app), "State set on 2 cards");
    for t in ["GPU Support", "Omnibus Maintenance"] {
        let board = &app.stored.board;
        let card = board.card(board.find(t).unwrap()).unwrap();
        assert_eq!(board.state_of(card), "implmentation", "{t}");
    }
    assert_eq!(app.stored.board.history.done.len(), 1);
}
