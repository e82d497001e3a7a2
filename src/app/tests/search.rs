//! Searching on the board (issue 5): `/` and its line, the filter kept on the board, `n`/`N`,
//! and changes made while a filter is in force.

use super::*;
use crate::search;

fn col_of(app: &App, name: &str) -> usize {
    app.columns
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// Every column's shown cards, by title.
fn shown_titles(app: &App) -> Vec<Vec<String>> {
    (0..app.columns.len()).map(|c| titles_of(app, c)).collect()
}

/// The titles of every card the query matches, column by column in board order, found by
/// Skim itself (`search::score`), not by the index the app uses.
fn expected(app: &App, query: &str) -> Vec<Vec<String>> {
    let board = &app.stored.board;
    let query = search::Query::parse(query, board.field_names()).unwrap();
    app.columns
        .iter()
        .map(|c| {
            c.cards
                .iter()
                .map(|&i| &board.cards[i])
                .filter(|card| search::score(board, card, &query).is_some())
                .map(|card| board.title(card))
                .collect()
        })
        .collect()
}

/// Replaces what the search line holds with `text`, as typed.
fn retype(app: &mut App, text: &str) {
    let typed = app
        .search
        .as_ref()
        .map_or(0, |s| s.input.lines()[0].chars().count());
    for _ in 0..typed {
        press(app, KeyCode::Backspace);
    }
    keys(app, text);
}

fn error(app: &App) -> Option<String> {
    app.search.as_ref().and_then(|s| s.error.clone())
}

fn query_text(app: &App) -> Option<String> {
    app.search
        .as_ref()
        .and_then(|s| s.query.as_ref())
        .map(|q| q.as_str().to_owned())
}

fn count_shown(app: &App) -> usize {
    (0..app.columns.len()).map(|c| app.shown(c).len()).sum()
}

/// `/`, the query typed key by key, Enter: the filter kept on the board.
fn search_for(app: &mut App, query: &str) {
    ch(app, '/');
    assert!(matches!(app.mode, Mode::Search));
    keys(app, query);
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.mode, Mode::Board),
        "Enter returns to the board"
    );
    assert!(app.filtering(), "{query}: the filter is kept");
}

#[test]
fn every_keystroke_filters_every_column() {
    let mut app = app();
    ch(&mut app, '/');
    assert!(matches!(app.mode, Mode::Search));
    assert!(!app.filtering(), "an empty line filters nothing");
    let mut typed = String::new();
    for c in "gpu".chars() {
        ch(&mut app, c);
        typed.push(c);
        assert!(matches!(app.mode, Mode::Search));
        assert_eq!(
            shown_titles(&app),
            expected(&app, &typed),
            "after {typed:?}"
        );
        for col in 0..app.columns.len() {
            assert!(app.shown(col).is_sorted(), "board order in column {col}");
        }
    }
    assert_eq!(query_text(&app).as_deref(), Some("gpu"));
    let spec = col_of(&app, "spec-definition");
    assert!(titles_of(&app, spec).contains(&"GPU Support".to_owned()));
    assert!(count_shown(&app) < app.stored.board.cards.len());
    // Backspace widens the filter again, to everything once the line is empty.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(shown_titles(&app), expected(&app, "gp"));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert!(!app.filtering());
    assert_eq!(count_shown(&app), app.stored.board.cards.len());
}

#[test]
fn board_keys_type_in_the_search_line() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "jklqHLnN");
    assert!(matches!(app.mode, Mode::Search));
    assert_eq!(app.search.as_ref().unwrap().input.lines(), ["jklqHLnN"]);
    assert_eq!(app.stored.board.history.done.len(), 0, "nothing moved");
}

#[test]
fn the_focus_stays_on_its_card_while_it_matches() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, '/');
    for c in "gpu".chars() {
        ch(&mut app, c);
        assert_eq!(title(&app), "GPU Support");
    }
    assert_focus_in_view(&app);
}

#[test]
fn else_the_focus_goes_to_the_first_match_of_its_column() {
    let mut app = app();
    focus(&mut app, "Docs site migration");
    ch(&mut app, '/');
    keys(&mut app, "gpu");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(app.focus.row, 0);
}

#[test]
fn else_on_the_first_match_of_the_board() {
    let mut app = app();
    assert_eq!(title(&app), "Keeping up with Cosmos");
    ch(&mut app, '/');
    keys(&mut app, "label:gpu");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(title(&app), "GPU Support");
    assert_focus_in_view(&app);
}

#[test]
fn no_match_at_all_leaves_every_column_empty_and_the_keys_harmless() {
    let mut app = app();
    search_for(&mut app, "zzzzqqq");
    assert_eq!(count_shown(&app), 0);
    assert_eq!(app.focused_card_id(), None);
    let before = app.stored.board.export();
    for c in "jkhlHLKJgGnNedm".chars() {
        ch(&mut app, c);
        assert!(matches!(app.mode, Mode::Board), "{c}");
    }
    assert_eq!(app.stored.board.export(), before);
}

#[test]
fn enter_keeps_the_filter_and_the_board_keys_walk_it() {
    let mut app = app();
    search_for(&mut app, "group:sig-clients");
    let implementation = col_of(&app, "implementation");
    let spec = col_of(&app, "spec-definition");
    assert_eq!(
        titles_of(&app, implementation),
        ["Console General Availability"]
    );
    assert_eq!(
        titles_of(&app, spec),
        ["Console Authorized Spend Support", "Client Libraries"]
    );
    assert_eq!(count_shown(&app), 3);
    // The best match of the board: the three are alike, the first in the table wins.
    assert_eq!(title(&app), "Console General Availability");
    focus(&mut app, "Console Authorized Spend Support");
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Client Libraries");
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Client Libraries", "the last shown card");
    ch(&mut app, 'g');
    assert_eq!(title(&app), "Console Authorized Spend Support");
    ch(&mut app, 'G');
    assert_eq!(title(&app), "Client Libraries");
    // Columns with no match are empty: `l` goes through them.
    ch(&mut app, 'l');
    assert_eq!(app.focused_card_id(), None);
    // Enter on the board opens the focused card, as without a filter.
    focus(&mut app, "Console General Availability");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Card { .. }));
    press(&mut app, KeyCode::Esc);
    assert!(app.filtering(), "closing the card keeps the filter");
    assert_eq!(title(&app), "Console General Availability");
}

#[test]
fn enter_n_and_shift_n_go_by_rank_across_columns_and_wrap() {
    let mut app = app();
    search_for(&mut app, "provider");
    // "Provider" as a word (titles and labels first: they score higher), then in descriptions,
    // then "providers"; alike ones in table order.
    let order = [
        ("implementation", "Provider Services Microservices Refactor"),
        ("spec-definition", "Provider Attributes"),
        ("No state", "Provider Attribute Auditing"),
        ("No state", "Provider Monitoring"),
        ("No state", "Provider Analytics"),
        ("No state", "Provider Onboarding"),
        ("No state", "Provider Pricing & Profitability"),
        ("No state", "Cloud Parity Foundational Features"),
        ("No state", "Reference Provider Setup"),
        ("ideation", "Content Moderation"),
    ];
    let at = |app: &App| (column_name(app).to_owned(), title(app));
    let want = |i: usize| (order[i].0.to_owned(), order[i].1.to_owned());
    assert_eq!(at(&app), want(0), "Enter: the best match, in any column");
    for i in (1..order.len()).chain([0]) {
        assert_eq!(ch(&mut app, 'n'), None);
        assert_eq!(at(&app), want(i));
        assert_focus_in_view(&app);
    }
    for i in [9, 8, 7] {
        ch(&mut app, 'N');
        assert_eq!(at(&app), want(i));
        assert_focus_in_view(&app);
    }
    // From a card that is not a match (here: no card at all), n takes the best and N the last.
    app.focus.col = col_of(&app, "design");
    assert_eq!(app.focused_card_id(), None);
    ch(&mut app, 'n');
    assert_eq!(at(&app), want(0));
    app.focus.col = col_of(&app, "design");
    ch(&mut app, 'N');
    assert_eq!(at(&app), want(9));
    // `/` then Enter again goes back to the best.
    keys(&mut app, "/\n");
    assert_eq!(at(&app), want(0));
}

#[test]
fn the_ranking_follows_changes() {
    let mut app = app();
    search_for(&mut app, "provider");
    assert_eq!(title(&app), "Provider Services Microservices Refactor");
    // Neither its title nor its label says provider any more, only its description: it drops
    // among the description matches (first of them, being first in the table).
    ch(&mut app, 'e');
    ctrl(&mut app, 'u');
    keys(&mut app, "Services Refactor\t");
    ctrl(&mut app, 'u');
    keys(&mut app, "svc-split\n");
    assert_eq!(
        title(&app),
        "Services Refactor",
        "the focus stays on the card"
    );
    ch(&mut app, 'n');
    assert_eq!(title(&app), "Cloud Parity Foundational Features");
    keys(&mut app, "/\n");
    assert_eq!(title(&app), "Provider Attributes", "the best now");
}

#[test]
fn n_without_a_filter_says_how_to_search() {
    let mut app = app();
    ch(&mut app, 'n');
    assert_eq!(title(&app), "Keeping up with Cosmos");
    assert!(message(&app).contains("no search"), "{}", message(&app));
}

#[test]
fn esc_in_the_search_line_clears_it() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, '/');
    keys(&mut app, "gpu");
    assert!(app.filtering());
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Board));
    assert!(!app.filtering());
    assert!(app.search.is_none());
    assert_eq!(count_shown(&app), app.stored.board.cards.len());
    assert_eq!(title(&app), "GPU Support", "the focus stays on its card");
    // Ctrl+C too, and the next `/` starts from an empty line.
    ch(&mut app, '/');
    keys(&mut app, "docs");
    ctrl(&mut app, 'c');
    assert!(app.search.is_none());
    ch(&mut app, '/');
    assert_eq!(app.search.as_ref().unwrap().input.lines(), [""]);
}

#[test]
fn esc_on_the_board_clears_a_kept_filter() {
    let mut app = app();
    search_for(&mut app, "label:gpu");
    assert_eq!(title(&app), "GPU Support");
    press(&mut app, KeyCode::Esc);
    assert!(!app.filtering());
    assert!(app.search.is_none());
    assert_eq!(message(&app), "search cleared");
    assert_eq!(title(&app), "GPU Support");
    assert_focus_in_view(&app);
    // The next Esc only clears the message, as without a search.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.message, None);
}

#[test]
fn slash_again_edits_the_kept_query() {
    let mut app = app();
    search_for(&mut app, "group:sig");
    ch(&mut app, '/');
    keys(&mut app, "-clients");
    press(&mut app, KeyCode::Enter);
    assert_eq!(query_text(&app).as_deref(), Some("group:sig-clients"));
    assert_eq!(count_shown(&app), 3);
    // Emptying the line and Enter drop the filter.
    ch(&mut app, '/');
    for _ in 0.."group:sig-clients".len() {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Board));
    assert!(!app.filtering());
    assert!(app.search.is_none());
}

#[test]
fn an_unknown_field_is_an_error_and_keeps_the_results() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "label:gpu");
    let before = shown_titles(&app);
    assert_eq!(error(&app), None);
    app.paste(" owner:x");
    let e = error(&app).expect("an error");
    assert!(e.contains("unknown field \"owner\""), "{e}");
    assert!(e.contains("Community Group"), "{e}");
    assert_eq!(shown_titles(&app), before, "the previous results stay");
    assert_eq!(query_text(&app).as_deref(), Some("label:gpu"));
    assert_eq!(title(&app), "GPU Support");
    // Enter does not leave a line that cannot be read: the error stays in view.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Search));
    assert_eq!(error(&app).as_deref(), Some(e.as_str()));
    assert_eq!(shown_titles(&app), before);
    // Fixing the term clears the error.
    for _ in 0.."owner:x".len() {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(error(&app), None);
    keys(&mut app, "group:wg");
    assert_eq!(error(&app), None);
    assert_eq!(shown_titles(&app), before);
}

#[test]
fn typing_an_unknown_field_keeps_the_results_of_the_text_before_the_colon() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "label:gpu owner");
    let before = shown_titles(&app);
    assert_eq!(before, expected(&app, "label:gpu owner"));
    ch(&mut app, ':');
    assert!(error(&app).is_some());
    assert_eq!(shown_titles(&app), before);
    assert_eq!(query_text(&app).as_deref(), Some("label:gpu owner"));
}

#[test]
fn a_field_is_a_header_word_or_prefix() {
    let mut app = app();
    ch(&mut app, '/');
    // "p" starts one header only: Project Name.
    keys(&mut app, "p:gpu");
    assert_eq!(error(&app), None);
    assert_eq!(
        titles_of(&app, col_of(&app, "spec-definition")),
        ["GPU Support"]
    );
}

#[test]
fn the_query_language_on_the_board() {
    let cases: &[(&str, &[&str])] = &[
        ("label:gpu", &["GPU Support"]),
        (
            "group:sig-clients",
            &[
                "Console Authorized Spend Support",
                "Client Libraries",
                "Console General Availability",
            ],
        ),
        (
            "state:impl",
            &[
                "Provider Services Microservices Refactor",
                "Certification Program",
                "Console General Availability",
            ],
        ),
        ("\"load bal\"", &["Cloud Parity Foundational Features"]),
        (
            "~\"load bal\"",
            &[
                "Provider Attribute Auditing",
                "Cloud Parity Foundational Features",
                "Content Moderation",
            ],
        ),
        ("label:gpu -\"GPU Support\"", &[]),
        ("group:sig-clients -console", &["Client Libraries"]),
        (
            "group:sig-clients -label:libs",
            &[
                "Console Authorized Spend Support",
                "Console General Availability",
            ],
        ),
    ];
    for &(query, titles) in cases {
        let mut app = app();
        ch(&mut app, '/');
        keys(&mut app, query);
        assert_eq!(error(&app), None, "{query}");
        let mut shown: Vec<String> = shown_titles(&app).concat();
        shown.sort();
        let mut want: Vec<String> = titles.iter().map(|&t| t.to_owned()).collect();
        want.sort();
        assert_eq!(shown, want, "{query}");
        assert_eq!(shown_titles(&app), expected(&app, query), "{query}");
    }
}

#[test]
fn a_loose_term_matches_more_than_a_strict_one() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "~gpu");
    assert_eq!(count_shown(&app), 16, "g…p…u anywhere");
    retype(&mut app, "gpu");
    assert_eq!(count_shown(&app), 1, "GPU Support alone");
    retype(&mut app, "-~gpu");
    assert_eq!(count_shown(&app), 30 - 16);
    retype(&mut app, "-gpu");
    assert_eq!(count_shown(&app), 30 - 1);
    retype(&mut app, "label:~gpu");
    assert_eq!(shown_titles(&app), expected(&app, "~label:gpu"));
}

#[test]
fn pasting_into_the_search_line_filters() {
    let mut app = app();
    ch(&mut app, '/');
    app.paste("label:\ngpu");
    // A line break is a space: two terms, the first an empty label filter.
    assert_eq!(app.search.as_ref().unwrap().input.lines(), ["label: gpu"]);
    assert_eq!(shown_titles(&app), expected(&app, "label: gpu"));
    assert!(matches!(app.mode, Mode::Search));
    let mut app = self::app();
    ch(&mut app, '/');
    app.paste("group:sig-clients");
    assert_eq!(count_shown(&app), 3);
    assert_eq!(title(&app), "Console Authorized Spend Support");
    // On the board, a paste does nothing.
    press(&mut app, KeyCode::Enter);
    app.paste("zzz");
    assert_eq!(query_text(&app).as_deref(), Some("group:sig-clients"));
}

// ---------------------------------------------------------------------------------------------
// Changes on the filtered view

#[test]
fn a_card_moved_out_of_the_filter_stays_until_the_query_changes() {
    let mut app = app();
    search_for(&mut app, "state:spec-def");
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    assert_eq!(ch(&mut app, 'L'), Some(Effect::Save));
    assert_eq!(column_name(&app), "spec-approved");
    assert_eq!(title(&app), "GPU Support", "the focus follows the card");
    assert_eq!(titles_of(&app, app.focus.col), ["GPU Support"]);
    assert_focus_in_view(&app);
    let old = line_of(&seed, "| GPU Support");
    assert_eq!(
        diff(&seed, &app.stored.board.export()),
        [(
            old.to_owned(),
            old.replace("| spec-definition |", "| spec-approved |")
        )]
    );
    // Moved again, it still stays.
    assert_eq!(ch(&mut app, 'L'), Some(Effect::Save));
    assert_eq!(title(&app), "GPU Support");
    // Undo brings it back; it stays shown and focused all along.
    assert_eq!(ch(&mut app, 'u'), Some(Effect::Save));
    assert_eq!(ch(&mut app, 'u'), Some(Effect::Save));
    assert_eq!(app.stored.board.export(), seed);
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(title(&app), "GPU Support");
    // Another query: the moved card is a card like any other again.
    ch(&mut app, 'L');
    ch(&mut app, '/');
    ch(&mut app, 'i');
    let approved = col_of(&app, "spec-approved");
    assert!(
        titles_of(&app, approved).is_empty(),
        "{:?}",
        shown_titles(&app)
    );
}

#[test]
fn reordering_on_the_filtered_view() {
    let mut app = app();
    search_for(&mut app, "group:sig-clients");
    let spec = col_of(&app, "spec-definition");
    focus(&mut app, "Client Libraries");
    assert_eq!(ch(&mut app, 'K'), Some(Effect::Save));
    assert_eq!(title(&app), "Client Libraries");
    assert_eq!(
        titles_of(&app, spec),
        ["Client Libraries", "Console Authorized Spend Support"]
    );
    let rows = row_titles(&app.stored.board.export());
    let at = |t: &str| rows.iter().position(|r| r == t).unwrap();
    assert!(at("Client Libraries") < at("Console Authorized Spend Support"));
}

#[test]
fn reordering_steps_over_the_hidden_cards_to_the_next_shown_one() {
    let mut app = app();
    search_for(&mut app, "group:sig");
    let spec = col_of(&app, "spec-definition");
    let shown = [
        "Docs site migration",
        "Console Authorized Spend Support",
        "Client Libraries",
        "Economics 2.0",
    ];
    assert_eq!(titles_of(&app, spec), shown);
    focus(&mut app, "Economics 2.0");
    let seed = app.stored.board.export();
    // GPU Support and Provider Attributes, hidden, stand between Client Libraries and Economics.
    assert_eq!(ch(&mut app, 'K'), Some(Effect::Save));
    assert_eq!(title(&app), "Economics 2.0");
    assert_eq!(
        titles_of(&app, spec),
        [shown[0], shown[1], shown[3], shown[2]],
        "one step up on the screen"
    );
    let rows = row_titles(&app.stored.board.export());
    let at = |t: &str| rows.iter().position(|r| r == t).unwrap();
    assert_eq!(at("Economics 2.0") + 1, at("Client Libraries"));
    assert!(
        at("Client Libraries") < at("GPU Support"),
        "hidden cards keep their order"
    );
    assert!(at("GPU Support") < at("Provider Attributes"));
    // And back down: just after Client Libraries, before the hidden cards. Undo follows.
    assert_eq!(ch(&mut app, 'J'), Some(Effect::Save));
    assert_eq!(titles_of(&app, spec), shown);
    let rows = row_titles(&app.stored.board.export());
    let at = |t: &str| rows.iter().position(|r| r == t).unwrap();
    assert_eq!(at("Client Libraries") + 1, at("Economics 2.0"));
    ch(&mut app, 'u');
    assert_eq!(
        titles_of(&app, spec),
        [shown[0], shown[1], shown[3], shown[2]]
    );
    ch(&mut app, 'u');
    assert_eq!(app.stored.board.export(), seed);
    assert_eq!(title(&app), "Economics 2.0");
    // At the ends of what is shown, it says so and changes nothing.
    ch(&mut app, 'J');
    assert_eq!(message(&app), "already the last card of its column");
    focus(&mut app, "Docs site migration");
    assert_eq!(ch(&mut app, 'K'), None);
    assert_eq!(app.stored.board.export(), seed);
}

#[test]
fn a_card_edited_out_of_the_filter_stays_until_the_query_changes() {
    let mut app = app();
    search_for(&mut app, "label:gpu");
    assert_eq!(title(&app), "GPU Support");
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'w');
    keys(&mut app, "graphics");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "card saved");
    assert_eq!(
        title(&app),
        "GPU Support",
        "shown though it no longer matches"
    );
    assert_eq!(count_shown(&app), 1);
    // Undo, redo: still there.
    ch(&mut app, 'u');
    assert_eq!(title(&app), "GPU Support");
    ctrl(&mut app, 'r');
    assert_eq!(title(&app), "GPU Support");
    // The same query typed again is a new query: the card is gone.
    ch(&mut app, '/');
    press(&mut app, KeyCode::Backspace);
    ch(&mut app, 'u');
    assert_eq!(count_shown(&app), 0);
}

#[test]
fn a_card_added_under_a_filter_stays_shown() {
    let mut app = app();
    search_for(&mut app, "label:gpu");
    ch(&mut app, 'a');
    keys(&mut app, "Fresh card");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "card added");
    assert_eq!(title(&app), "Fresh card");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(
        titles_of(&app, app.focus.col),
        ["GPU Support", "Fresh card"]
    );
    // Undoing the add takes it away and leaves the focus on a shown card.
    assert_eq!(ch(&mut app, 'u'), Some(Effect::Save));
    assert_eq!(count_shown(&app), 1);
    assert_eq!(title(&app), "GPU Support");
}

#[test]
fn deleting_under_a_filter_focuses_a_shown_card() {
    let mut app = app();
    search_for(&mut app, "group:sig-clients");
    focus(&mut app, "Client Libraries");
    ch(&mut app, 'd');
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert_eq!(count_shown(&app), 2);
    assert_eq!(title(&app), "Console Authorized Spend Support");
    assert_eq!(ch(&mut app, 'u'), Some(Effect::Save));
    assert_eq!(count_shown(&app), 3);
    assert_eq!(title(&app), "Client Libraries");
}

#[test]
fn the_picker_moves_a_match_and_keeps_it_shown() {
    let mut app = app();
    search_for(&mut app, "label:gpu");
    ch(&mut app, 'm');
    let done = col_of(&app, "implementation");
    let key = char::from_digit(u32::try_from((done + 1) % 10).unwrap(), 10).unwrap();
    assert_eq!(ch(&mut app, key), Some(Effect::Save));
    assert_eq!(column_name(&app), "implementation");
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(titles_of(&app, done), ["GPU Support"]);
    assert_focus_in_view(&app);
}

#[test]
fn filtering_a_scrolled_column_scrolls_it_back() {
    let mut app = app();
    focus(&mut app, "On-Chain Analytics");
    assert!(app.row_offsets[0] > 0);
    ch(&mut app, '/');
    keys(&mut app, "p:analytics");
    assert_eq!(title(&app), "On-Chain Analytics");
    assert_eq!(
        titles_of(&app, 0),
        ["Provider Analytics", "On-Chain Analytics"]
    );
    assert_eq!(app.row_offsets[0], 0, "both matches on screen");
    assert_focus_in_view(&app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(title(&app), "On-Chain Analytics");
    assert_focus_in_view(&app);
}

#[test]
fn an_index_built_ahead_follows_the_changes_made_before_searching() {
    let mut app = app();
    assert!(app.warm_up(), "the first warm-up builds the index");
    assert!(!app.warm_up(), "once");
    focus(&mut app, "GPU Support");
    keys(&mut app, "LL");
    keys(&mut app, "e\t");
    ctrl(&mut app, 'u');
    keys(&mut app, "graphics\n");
    let board = &app.stored.board;
    let gpu = board.card(board.find("GPU Support").unwrap()).unwrap();
    assert_eq!(board.value(gpu, 1), "graphics", "{}", message(&app));
    let q = search::Query::parse("label:graph", board.field_names()).unwrap();
    let fresh = search::SearchIndex::build(board).filter(&q, None);
    let kept = app.index.as_ref().unwrap().filter(&q, None);
    assert_eq!(kept.cards, fresh.cards, "the kept index");
    search_for(&mut app, "label:graph");
    assert_eq!(shown_titles(&app), expected(&app, "label:graph"));
    assert_eq!(count_shown(&app), 1);
    press(&mut app, KeyCode::Esc);
    search_for(&mut app, "state:design");
    assert_eq!(shown_titles(&app), expected(&app, "state:design"));
    assert_eq!(title(&app), "GPU Support");
}

#[test]
fn after_every_change_under_a_filter_the_result_is_the_fresh_filters() {
    /// Sets the focused card's label (the second field) to `label`.
    fn relabel(app: &mut App, label: &str) {
        keys(app, "e\t");
        for _ in 0..40 {
            press(app, KeyCode::Backspace);
        }
        keys(app, label);
        press(app, KeyCode::Enter);
    }
    let mut app = app();
    search_for(&mut app, "label:g");
    let labels = ["x", "gg", "", "go"];
    for n in 0..60 {
        match n % 8 {
            0 => relabel(&mut app, labels[n / 8 % labels.len()]),
            1 => keys(&mut app, "L").map_or((), |_| ()),
            2 => keys(&mut app, "jK").map_or((), |_| ()),
            3 => keys(&mut app, "u").map_or((), |_| ()),
            4 => keys(&mut app, "U").map_or((), |_| ()),
            5 => keys(&mut app, "hH").map_or((), |_| ()),
            6 => keys(&mut app, "ag\n").map_or((), |_| ()),
            _ => keys(&mut app, "N").map_or((), |_| ()),
        }
        assert!(matches!(app.mode, Mode::Board), "step {n}: {:?}", app.mode);
        let search = app.search.as_ref().unwrap();
        let query = search.query.as_ref().unwrap();
        let fresh = search::SearchIndex::build(&app.stored.board).filter(query, None);
        assert_eq!(
            search.filtered.as_ref().unwrap().cards,
            fresh.cards,
            "step {n}"
        );
    }
    assert!(
        app.stored.board.history.done.len() > 20,
        "the steps changed the board"
    );
}

#[test]
fn ctrl_u_clears_the_search_line_to_its_start() {
    let mut app = app();
    ch(&mut app, '/');
    keys(&mut app, "gpu support");
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 'u');
    assert_eq!(app.search.as_ref().unwrap().input.lines(), ["t"]);
    press(&mut app, KeyCode::End);
    ctrl(&mut app, 'u');
    assert_eq!(app.search.as_ref().unwrap().input.lines(), [""]);
    assert!(!app.filtering(), "an empty line filters nothing");
    // Ctrl+J and Ctrl+M break no line here.
    keys(&mut app, "gpu");
    ctrl(&mut app, 'j');
    ctrl(&mut app, 'm');
    assert_eq!(app.search.as_ref().unwrap().input.lines(), ["gpu"]);
    assert!(matches!(app.mode, Mode::Search));
}
