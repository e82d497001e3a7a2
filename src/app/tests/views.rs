//! How the board is shown (issue 14): hidden columns, marks, lanes, limits.

use super::*;

fn col_of(app: &App, name: &str) -> usize {
    app.columns
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn shown_names(app: &App) -> Vec<String> {
    app.fitted(200)
        .iter()
        .map(|&(c, _)| app.columns[c].name.clone())
        .collect()
}

#[test]
fn c_hides_the_focused_column_and_capital_c_brings_it_back() {
    let mut app = app();
    app.resize(200, 50);
    focus(&mut app, "GPU Support");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(ch(&mut app, 'c'), Some(Effect::Save));
    assert_eq!(app.stored.view.hidden, ["spec-definition"]);
    // The focus goes to the next column shown; the column is drawn no more.
    assert_eq!(column_name(&app), "spec-approved");
    assert!(!shown_names(&app).contains(&"spec-definition".to_owned()));
    assert_eq!(
        message(&app),
        "“spec-definition” hidden (1 hidden; C shows them again)"
    );
    // h and l skip it.
    ch(&mut app, 'h');
    assert_eq!(column_name(&app), "ideation");
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "spec-approved");
    // m lists it, marked hidden, and can move a card there.
    focus(&mut app, "Omnibus Maintenance");
    ch(&mut app, 'm');
    assert!(matches!(app.mode, Mode::Picker { .. }));
    press(&mut app, KeyCode::Esc);

    // The last column shown cannot go.
    let mut other = app.clone();
    for _ in 0..20 {
        ch(&mut other, 'c');
    }
    assert_eq!(other.hidden_columns().len(), other.columns.len() - 1);
    assert_eq!(message(&other), "the last column shown stays");

    // C lists the hidden columns; Enter shows the one picked and focuses it.
    ch(&mut app, 'C');
    assert!(matches!(app.mode, Mode::Hidden { selected: 0 }));
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert!(app.stored.view.hidden.is_empty());
    assert_eq!(column_name(&app), "spec-definition");
    ch(&mut app, 'C');
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(
        message(&app),
        "no column is hidden (c hides the focused one)"
    );
}

#[test]
fn a_move_with_h_and_l_skips_hidden_columns() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let design = col_of(&app, "spec-approved");
    app.focus.col = design;
    ch(&mut app, 'c');
    focus(&mut app, "GPU Support");
    ch(&mut app, 'L');
    assert_eq!(column_name(&app), "design", "spec-approved is hidden");
    assert_eq!(title(&app), "GPU Support");
}
