//! How the board is shown (issue 14): hidden columns, marks, lanes, limits.

use super::*;
use crate::store::LaneBy;

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

/// Marks `titles` with `v`.
pub(super) fn mark(app: &mut App, titles: &[&str]) {
    for t in titles {
        focus(app, t);
        ch(app, 'v');
    }
}

#[test]
fn a_value_pasted_for_marked_cards_goes_in_on_one_line() {
    let mut app = app();
    mark(&mut app, &["GPU Support", "Omnibus Maintenance"]);
    ch(&mut app, 'e');
    app.paste("sig-\r\nx");
    let Mode::BulkEdit(bulk) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(bulk.input.lines(), ["sig-  x"]);
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "Label set on 2 cards");
}

fn state_of(app: &App, title: &str) -> String {
    let board = &app.stored.board;
    let card = board.card(board.find(title).unwrap()).unwrap();
    board.state_raw(card).to_owned()
}

#[test]
fn marked_cards_move_together_and_undo_as_one() {
    let mut app = app();
    mark(
        &mut app,
        &["GPU Support", "Omnibus Maintenance", "Content Moderation"],
    );
    assert_eq!(app.marked_ids().len(), 3);
    assert_eq!(message(&app), "3 marked (Esc clears)");
    let before = app.stored.board.export();
    // L moves each a state on: spec-definition -> spec-approved, ideation -> spec-definition.
    assert_eq!(ch(&mut app, 'L'), Some(Effect::Save));
    assert_eq!(state_of(&app, "GPU Support"), "spec-approved");
    assert_eq!(state_of(&app, "Omnibus Maintenance"), "spec-definition");
    assert_eq!(state_of(&app, "Content Moderation"), "spec-definition");
    assert_eq!(message(&app), "moved 3 cards");
    assert_eq!(app.stored.board.history.done.len(), 1, "one undo step");
    // The marks stay for the next action; m moves them all to one state.
    ch(&mut app, 'm');
    assert!(matches!(app.mode, Mode::Picker { .. }));
    ch(&mut app, '7');
    assert_eq!(state_of(&app, "GPU Support"), "beta");
    assert_eq!(state_of(&app, "Content Moderation"), "beta");
    assert_eq!(message(&app), "moved 3 cards to beta");
    ch(&mut app, 'u');
    ch(&mut app, 'u');
    assert_eq!(app.stored.board.export(), before);
    assert!(
        message(&app).contains("move of 3 cards"),
        "{}",
        message(&app)
    );
}

#[test]
fn esc_clears_the_marks_first_then_the_search() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "gpu\n");
    assert!(app.filtering());
    focus(&mut app, "GPU Support");
    ch(&mut app, ' ');
    assert_eq!(app.marked_ids().len(), 1);
    press(&mut app, KeyCode::Esc);
    assert!(app.marked.is_empty());
    assert!(app.filtering(), "the search stays");
    assert_eq!(message(&app), "marks cleared");
    press(&mut app, KeyCode::Esc);
    assert!(!app.filtering());
}

#[test]
fn d_deletes_every_marked_card_after_one_question_saying_how_many_are_not_shown() {
    let mut app = app();
    mark(
        &mut app,
        &["GPU Support", "Omnibus Maintenance", "Content Moderation"],
    );
    // A filter that shows only one of them.
    ch(&mut app, '/');
    keys(&mut app, "gpu\n");
    let cards = app.stored.board.cards.len();
    ch(&mut app, 'd');
    let Mode::Confirm { question, .. } = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(question, "Delete 3 marked cards, 2 of them not shown?");
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(app.stored.board.cards.len(), cards - 3);
    assert!(app.marked.is_empty());
    assert_eq!(message(&app), "deleted 3 cards (u undoes)");
    ch(&mut app, 'u');
    assert_eq!(app.stored.board.cards.len(), cards);
    assert_eq!(app.stored.board.export(), store::BUNDLED);
}

#[test]
fn e_with_marks_sets_one_field_on_every_marked_card() {
    let mut app = app();
    mark(&mut app, &["GPU Support", "Omnibus Maintenance"]);
    ch(&mut app, 'e');
    let Mode::BulkEdit(bulk) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(app.stored.board.field_names()[bulk.field], "Label");
    // Tab to Community Group, type, Enter.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "sig-x");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "Community Group set on 2 cards");
    let board = &app.stored.board;
    for t in ["GPU Support", "Omnibus Maintenance"] {
        let card = board.card(board.find(t).unwrap()).unwrap();
        assert_eq!(board.value(card, 3), "sig-x", "{t}");
    }
    assert_eq!(board.history.done.len(), 1);
    // The status field is written as the table spells the state.
    ch(&mut app, 'e');
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "BETA\n");
    assert_eq!(state_of(&app, "GPU Support"), "beta");
}

#[test]
fn a_soft_limit_marks_its_column_and_a_move_into_it_says_so_but_is_not_blocked() {
    let mut app = app();
    app.stored.settings.limits = Some(
        [("Spec-Definition".to_owned(), 6), ("beta".to_owned(), 1)]
            .into_iter()
            .collect(),
    );
    let spec = col_of(&app, "spec-definition");
    assert_eq!(app.limit_of(spec), Some(6));
    assert!(!app.over_limit(spec), "6 of 6 is at the limit, not over");
    assert_eq!(app.limit_of(col_of(&app, "design")), None);
    focus(&mut app, "Omnibus Maintenance");
    assert_eq!(ch(&mut app, 'L'), Some(Effect::Save));
    assert_eq!(column_name(&app), "spec-definition");
    assert!(app.over_limit(spec));
    assert_eq!(
        message(&app),
        "moved to spec-definition; spec-definition is over its limit (7 of 6)"
    );
}

fn lane_label(app: &App) -> String {
    let lane = app.focused_lane().expect("a focused lane");
    app.lanes.as_ref().unwrap().lanes[lane].label.clone()
}

fn cell_of(app: &App, title: &str, col: usize) -> String {
    let board = &app.stored.board;
    board.card(board.find(title).unwrap()).unwrap().cells[col].clone()
}

#[test]
fn s_cycles_the_lanes_through_every_column_that_can_make_them() {
    let mut app = app();
    assert!(!app.lanes_on());
    assert_eq!(ch(&mut app, 's'), Some(Effect::Save));
    assert_eq!(message(&app), "lanes by Label (s: next)");
    ch(&mut app, 's');
    assert_eq!(message(&app), "lanes by Community Group (s: next)");
    assert_eq!(
        app.stored.view.lanes,
        Some(LaneBy::Field("Community Group".to_owned()))
    );
    // Values compared as states are: a link and its text are one lane.
    let lanes = app.lanes.as_ref().unwrap();
    let labels: Vec<&str> = lanes.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "sig-providers",
            "sig-community",
            "sig-clients",
            "sig-docs",
            "wg-gpu",
            "wg-provider-attributes",
            "sig-economics",
            "sig-network-upgrade",
            "No Community Group"
        ]
    );
    // The Akash page has one table and no sections: no lanes by table.
    ch(&mut app, 's');
    assert_eq!(message(&app), "lanes off");
    assert!(!app.lanes_on());
}

#[test]
fn in_lanes_j_goes_through_a_lane_into_the_next_and_h_l_keep_the_lane() {
    let mut app = app();
    keys(&mut app, "ss");
    focus(&mut app, "Console Authorized Spend Support");
    assert_eq!(lane_label(&app), "sig-clients");
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Client Libraries");
    assert_eq!(lane_label(&app), "sig-clients");
    ch(&mut app, 'j');
    assert_eq!(lane_label(&app), "sig-docs", "past the lane's last card");
    // h to a column without sig-docs cards, nor any in a lane below: the nearest lane above.
    ch(&mut app, 'h');
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(lane_label(&app), "sig-community");
    // l back: the same lane where the column has it, else the nearest below.
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(lane_label(&app), "sig-clients");
}

#[test]
fn z_collapses_a_lane_which_j_then_passes_as_one_stop() {
    let mut app = app();
    keys(&mut app, "ss");
    focus(&mut app, "Console Authorized Spend Support");
    assert_eq!(ch(&mut app, 'Z'), Some(Effect::Save));
    assert_eq!(message(&app), "lane “sig-clients” collapsed (Z expands it)");
    assert_eq!(app.stored.view.collapsed_lanes, ["sig-clients"]);
    ch(&mut app, 'j');
    assert_eq!(
        lane_label(&app),
        "sig-docs",
        "the collapsed lane is one stop"
    );
    ch(&mut app, 'k');
    assert_eq!(
        title(&app),
        "Console Authorized Spend Support",
        "on its first card"
    );
    ch(&mut app, 'Z');
    assert!(app.stored.view.collapsed_lanes.is_empty());
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Client Libraries");
}

#[test]
fn capital_s_moves_cards_to_a_lane_in_the_spelling_the_table_uses_most() {
    let mut app = app();
    keys(&mut app, "ss");
    focus(&mut app, "GPU Support");
    let before = cell_of(&app, "GPU Support", 3);
    ch(&mut app, 'S');
    let Mode::LanePicker { selected } = app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(app.lanes.as_ref().unwrap().lanes[selected].label, "wg-gpu");
    // Up to sig-clients (lane 2, from wg-gpu at 4).
    keys(&mut app, "kk");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "moved to lane “sig-clients”");
    assert_eq!(
        lane_label(&app),
        "sig-clients",
        "the focus follows the card"
    );
    let after = cell_of(&app, "GPU Support", 3);
    assert_ne!(after, before);
    // As the other sig-clients cards write it.
    let spelled: Vec<String> = ["Console Authorized Spend Support", "Client Libraries"]
        .iter()
        .map(|t| cell_of(&app, t, 3))
        .collect();
    assert!(spelled.contains(&after), "{after:?} in {spelled:?}");
    ch(&mut app, 'u');
    assert_eq!(cell_of(&app, "GPU Support", 3), before);
}

#[test]
fn lanes_by_table_refuse_a_move_to_another_lane() {
    let text = "## One\n\n| Name | Status |\n| - | - |\n| A | x |\n\n\
                ## Two\n\n| Name | Status |\n| - | - |\n| B | y |\n";
    let doc = markdown::parse(text).unwrap();
    let stored = Stored::in_memory(Board::detect(doc).unwrap(), Some(PathBuf::from("t.md")));
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.resize(80, 24);
    ch(&mut app, 's');
    assert_eq!(message(&app), "lanes by table and section (s: next)");
    let labels: Vec<String> = app
        .lanes
        .as_ref()
        .unwrap()
        .lanes
        .iter()
        .map(|l| l.label.clone())
        .collect();
    assert_eq!(labels, ["One", "Two"]);
    ch(&mut app, 'S');
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(
        message(&app),
        "lanes by table: a card cannot change its table (m moves it to a state)"
    );
}

#[test]
fn the_settings_give_the_lanes_a_board_opens_with() {
    let doc = markdown::parse(store::BUNDLED).unwrap();
    let mut stored = Stored::in_memory(Board::detect(doc).unwrap(), None);
    stored.settings.lanes = Some("community group".to_owned());
    let mut app = App::new(stored, Disk::Bundled, Keymap::default());
    assert!(app.lanes_on());
    // Chosen on the board, "none" is kept over the default.
    ch(&mut app, 's');
    assert!(!app.lanes_on());
    assert_eq!(app.stored.view.lanes, Some(LaneBy::Off));
}

#[test]
fn lanes_hold_what_a_filter_shows() {
    let mut app = app();
    keys(&mut app, "ss");
    ch(&mut app, '/');
    keys(&mut app, "gpu\n");
    let shown: usize = (0..app.columns.len()).map(|c| app.shown(c).len()).sum();
    assert_eq!(shown, 1);
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(lane_label(&app), "wg-gpu");
}

#[test]
fn a_card_added_in_a_lane_joins_it() {
    let mut app = app();
    keys(&mut app, "ss");
    focus(&mut app, "GPU Support");
    keys(&mut app, "aGPU Pricing\n");
    assert_eq!(lane_label(&app), "wg-gpu");
    assert_eq!(title(&app), "GPU Pricing");
    assert_eq!(
        cell_of(&app, "GPU Pricing", 3),
        cell_of(&app, "GPU Support", 3)
    );
}
