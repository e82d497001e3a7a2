//! Pure tests of `update`: keys go in through `handle_key`, the state and the effects come out.
//! No terminal, no files: the board is the bundled seed, held in memory.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::board::Board;
use crate::markdown;
use crate::store::{self, Stored};

/// The seed at 80x24: a board read from `projects.md` (`sourced`) or the bundled list.
fn seed(sourced: bool) -> App {
    let doc = markdown::parse(store::BUNDLED).unwrap();
    let source = sourced.then(|| PathBuf::from("projects.md"));
    let stored = Stored::in_memory(Board::detect(doc).unwrap(), source);
    let disk = if sourced {
        Disk::Unchanged
    } else {
        Disk::Bundled
    };
    let mut app = App::new(stored, disk, Keymap::default());
    app.resize(80, 24);
    app
}

fn app() -> App {
    seed(true)
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A character's key: `\t` is Tab, `\n` is Enter, capitals come with Shift as terminals send them.
fn ch(app: &mut App, c: char) -> Option<Effect> {
    match c {
        '\t' => return press(app, KeyCode::Tab),
        '\n' => return press(app, KeyCode::Enter),
        _ => {}
    }
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    app.handle_key(KeyEvent::new(KeyCode::Char(c), mods))
}

fn ctrl(app: &mut App, c: char) -> Option<Effect> {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Presses each character as a key (the board's bindings apply), returning the last effect.
fn keys(app: &mut App, s: &str) -> Option<Effect> {
    s.chars().fold(None, |_, c| ch(app, c))
}

fn title(app: &App) -> String {
    let id = app.focused_card_id().expect("a focused card");
    let board = &app.stored.board;
    board.title(board.card(id).unwrap())
}

fn column_name(app: &App) -> &str {
    &app.columns[app.focus.col].name
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// Focuses the card with this title.
fn focus(app: &mut App, title: &str) {
    let id = app.stored.board.find(title).unwrap();
    assert!(app.focus_card(id));
    app.scroll_into_view();
}

fn titles_of(app: &App, col: usize) -> Vec<String> {
    let board = &app.stored.board;
    app.shown(col)
        .iter()
        .map(|&i| board.title(&board.cards[i]))
        .collect()
}

/// The lines that differ between two texts of the same length in lines.
fn diff(a: &str, b: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    assert_eq!(a.len(), b.len(), "the same number of lines");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| ((*x).to_owned(), (*y).to_owned()))
        .collect()
}

/// The table's row lines, in order (a line per row start, continuation lines skipped).
fn row_titles(text: &str) -> Vec<String> {
    let board = Board::detect(markdown::parse(text).unwrap()).unwrap();
    board.cards.iter().map(|c| board.title(c)).collect()
}

fn line_of<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

/// The focused column is among those drawn.
fn assert_focus_in_view(app: &App) {
    let shown = app.fitted(app.viewport.0);
    assert!(
        shown.iter().any(|&(c, _)| c == app.focus.col),
        "focused column {} not drawn (offset {}, shown {shown:?})",
        app.focus.col,
        app.col_offset
    );
    let page = app.page();
    let off = app.row_offsets[app.focus.col];
    assert!(app.focus.row >= off && app.focus.row < off + page.max(1));
}

// ---------------------------------------------------------------------------------------------
// Focus

#[test]
fn starts_on_the_first_card_of_the_first_column() {
    let app = app();
    assert_eq!(app.focus, Focus { col: 0, row: 0 });
    assert_eq!(column_name(&app), "No state");
    assert_eq!(title(&app), "Keeping up with Cosmos");
    assert_eq!(app.columns.len(), 10);
}

#[test]
fn focus_left_at_the_first_column_stays() {
    let mut app = app();
    assert_eq!(ch(&mut app, 'h'), None);
    assert_eq!(press(&mut app, KeyCode::Left), None);
    assert_eq!(app.focus, Focus { col: 0, row: 0 });
}

#[test]
fn focus_right_walks_every_column_and_stops_at_the_last() {
    let mut app = app();
    for col in 1..10 {
        ch(&mut app, 'l');
        assert_eq!(app.focus.col, col);
        assert_focus_in_view(&app);
    }
    assert_eq!(column_name(&app), "abandoned");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.focus, Focus { col: 9, row: 0 });
    assert!(app.col_offset > 0, "the board scrolled sideways");
    for col in (0..9).rev() {
        press(&mut app, KeyCode::Left);
        assert_eq!(app.focus.col, col);
        assert_focus_in_view(&app);
    }
    assert_eq!(app.col_offset, 0);
}

#[test]
fn focus_up_and_down_stop_at_the_ends_of_the_column() {
    let mut app = app();
    ch(&mut app, 'k');
    press(&mut app, KeyCode::Up);
    assert_eq!(app.focus.row, 0);
    let n = app.shown(0).len();
    assert_eq!(n, 19);
    for _ in 0..30 {
        ch(&mut app, 'j');
        assert_focus_in_view(&app);
    }
    assert_eq!(app.focus.row, n - 1);
    assert_eq!(title(&app), "On-Chain Analytics");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.focus.row, n - 1);
}

#[test]
fn first_and_last_card() {
    let mut app = app();
    ch(&mut app, 'G');
    assert_eq!(app.focus.row, 18);
    assert_focus_in_view(&app);
    ch(&mut app, 'g');
    assert_eq!(app.focus.row, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.focus.row, 18);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.focus.row, 0);
    assert_eq!(app.row_offsets[0], 0);
}

#[test]
fn a_page_of_cards_at_a_time() {
    let mut app = app();
    let page = layout::cards_per_page(24, false);
    assert_eq!(page, 6);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.focus.row, page);
    assert_focus_in_view(&app);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.focus.row, 18);
    assert_focus_in_view(&app);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.focus.row, 12);
    for _ in 0..5 {
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(app.focus.row, 0);
    assert_eq!(app.row_offsets[0], 0);
}

#[test]
fn stepping_to_a_shorter_column_lands_on_its_last_card() {
    let mut app = app();
    keys(&mut app, "jjj");
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(app.focus.row, 1);
    assert_eq!(title(&app), "Content Moderation");
}

#[test]
fn an_empty_column_takes_the_focus_and_every_card_key_is_harmless() {
    let mut app = app();
    keys(&mut app, "lll");
    assert_eq!(column_name(&app), "spec-approved");
    assert_eq!(app.focused_card_id(), None);
    let before = app.stored.board.export();
    // `z` only changes how the board is shown: it saves that, and changes no card.
    assert_eq!(ch(&mut app, 'z'), Some(Effect::Save));
    ch(&mut app, 'z');
    for c in "jkgGHLJKedmuEa".chars() {
        // `a` opens the add form: leave it again.
        let effect = ch(&mut app, c);
        if matches!(app.mode, Mode::Form(_)) {
            press(&mut app, KeyCode::Esc);
        }
        assert!(matches!(app.mode, Mode::Board), "{c} left {:?}", app.mode);
        assert_eq!(effect, None, "{c}");
    }
    for code in [
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Enter,
        KeyCode::Home,
        KeyCode::End,
    ] {
        assert_eq!(press(&mut app, code), None);
        assert!(matches!(app.mode, Mode::Board));
    }
    assert_eq!(app.focus, Focus { col: 3, row: 0 });
    assert_eq!(app.stored.board.export(), before);
}

// ---------------------------------------------------------------------------------------------
// Moving cards between states

#[test]
fn moving_left_from_the_first_column_says_so() {
    let mut app = app();
    let before = app.stored.board.export();
    assert_eq!(ch(&mut app, 'H'), None);
    assert_eq!(message(&app), "already in the first column");
    assert_eq!(app.stored.board.export(), before);
    assert_eq!(app.focus, Focus { col: 0, row: 0 });
}

#[test]
fn moving_right_from_the_last_column_says_so() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, 'm');
    assert_eq!(ch(&mut app, '0'), Some(Effect::Save));
    assert_eq!(column_name(&app), "abandoned");
    assert_focus_in_view(&app);
    let before = app.stored.board.export();
    assert_eq!(ch(&mut app, 'L'), None);
    assert_eq!(message(&app), "already in the last column");
    assert_eq!(app.stored.board.export(), before);
    assert_eq!(title(&app), "GPU Support");
}

#[test]
fn moving_gpu_support_two_columns_right_changes_one_cell() {
    let mut app = app();
    let seed = app.stored.board.export();
    keys(&mut app, "lljjj");
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(ch(&mut app, 'L'), Some(Effect::Save));
    assert_eq!(column_name(&app), "spec-approved");
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(message(&app), "moved to spec-approved");
    assert_eq!(
        app.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT)),
        Some(Effect::Save)
    );
    assert_eq!(column_name(&app), "design");
    assert_eq!(app.focus, Focus { col: 4, row: 0 });
    assert_focus_in_view(&app);
    let changed = diff(&seed, &app.stored.board.export());
    let old = line_of(&seed, "| GPU Support");
    assert_eq!(
        changed,
        [(
            old.to_owned(),
            old.replace("| spec-definition |", "| design |")
        )]
    );
    assert!(app.stored.unsynced());
}

#[test]
fn moving_out_of_a_column_empties_it_and_back_into_it_fills_it() {
    let mut app = app();
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "ideation");
    ch(&mut app, 'L');
    ch(&mut app, 'h');
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(title(&app), "Content Moderation");
    ch(&mut app, 'L');
    assert_eq!(title(&app), "Content Moderation");
    assert_eq!(column_name(&app), "spec-definition");
    assert!(app.shown(1).is_empty());
    // Back into the now empty column: the focus follows.
    ch(&mut app, 'H');
    assert_eq!(app.focus, Focus { col: 1, row: 0 });
    assert_eq!(title(&app), "Content Moderation");
    // From "No state" into an empty column and back out of it.
    ch(&mut app, 'h');
    ch(&mut app, 'L');
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(app.shown(1).len(), 2);
    ch(&mut app, 'H');
    assert_eq!(column_name(&app), "No state");
    assert_eq!(title(&app), "Keeping up with Cosmos");
}

#[test]
fn a_moved_card_into_a_column_off_screen_scrolls_it_into_view() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    for _ in 0..7 {
        ch(&mut app, 'L');
        assert_focus_in_view(&app);
    }
    assert_eq!(column_name(&app), "abandoned");
    assert_eq!(title(&app), "GPU Support");
}

// ---------------------------------------------------------------------------------------------
// Reordering within a column

#[test]
fn reordering_past_the_ends_of_a_column_says_so() {
    let mut app = app();
    let before = app.stored.board.export();
    assert_eq!(ch(&mut app, 'K'), None);
    assert_eq!(message(&app), "already the first card of its column");
    ch(&mut app, 'G');
    assert_eq!(ch(&mut app, 'J'), None);
    assert_eq!(message(&app), "already the last card of its column");
    assert_eq!(
        app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT)),
        None
    );
    assert_eq!(app.stored.board.export(), before);
}

#[test]
fn reordering_moves_the_row_next_to_its_neighbour_in_the_column() {
    let mut app = app();
    // Make the ideation column's rows far apart in the table: Console GA (row 3) joins it.
    focus(&mut app, "Console General Availability");
    ch(&mut app, 'm');
    ch(&mut app, '2');
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(
        titles_of(&app, 1),
        [
            "Console General Availability",
            "Omnibus Maintenance",
            "Content Moderation"
        ]
    );
    // Up: Omnibus goes just before the previous card of its column.
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Omnibus Maintenance");
    assert_eq!(ch(&mut app, 'K'), Some(Effect::Save));
    assert_eq!(title(&app), "Omnibus Maintenance");
    assert_eq!(app.focus.row, 0);
    let rows = row_titles(&app.stored.board.export());
    assert_eq!(
        rows[..4],
        [
            "Provider Services Microservices Refactor",
            "Certification Program",
            "Omnibus Maintenance",
            "Console General Availability",
        ]
    );
    // Down: Console GA goes just after the next card of its column.
    ch(&mut app, 'j');
    assert_eq!(title(&app), "Console General Availability");
    assert_eq!(
        app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT)),
        Some(Effect::Save)
    );
    assert_eq!(title(&app), "Console General Availability");
    assert_eq!(app.focus.row, 2);
    let rows = row_titles(&app.stored.board.export());
    let at = |t: &str| rows.iter().position(|r| r == t).unwrap();
    assert_eq!(
        at("Console General Availability"),
        at("Content Moderation") + 1
    );
    assert_eq!(at("Omnibus Maintenance"), 2);
    assert_eq!(rows.len(), 30);
}

#[test]
fn reordering_gpu_support_up_and_down_in_spec_definition() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    ch(&mut app, 'K');
    assert_eq!(app.focus.row, 2);
    let rows = row_titles(&app.stored.board.export());
    assert_eq!(rows[5], "GPU Support");
    assert_eq!(rows[6], "Client Libraries");
    ch(&mut app, 'J');
    ch(&mut app, 'J');
    assert_eq!(app.focus.row, 4);
    let rows = row_titles(&app.stored.board.export());
    assert_eq!(rows[6], "Provider Attributes");
    assert_eq!(rows[7], "GPU Support");
    ch(&mut app, 'K');
    assert_eq!(app.stored.board.export(), seed);
}

// ---------------------------------------------------------------------------------------------
// Card, help, collapse

#[test]
fn enter_opens_the_card_and_esc_enter_or_q_close_it() {
    let mut app = app();
    for close in [KeyCode::Esc, KeyCode::Enter, KeyCode::Char('q')] {
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.mode, Mode::Card { scroll: 0 }));
        ch(&mut app, 'j');
        ch(&mut app, 'j');
        ch(&mut app, 'k');
        assert!(matches!(app.mode, Mode::Card { scroll: 1 }));
        assert_eq!(press(&mut app, close), None);
        assert!(matches!(app.mode, Mode::Board), "{close:?}");
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(ctrl(&mut app, 'z'), Some(Effect::Suspend));
    assert!(matches!(app.mode, Mode::Card { .. }));
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
}

#[test]
fn the_card_view_offers_the_form() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'e');
    assert!(matches!(app.mode, Mode::Form(_)));
}

#[test]
fn help_opens_closes_and_quits() {
    let mut app = app();
    for close in [
        KeyCode::Esc,
        KeyCode::Char('?'),
        KeyCode::F(1),
        KeyCode::Char('q'),
    ] {
        ch(&mut app, '?');
        assert!(matches!(
            app.mode,
            Mode::Help {
                of: Scope::Board,
                ..
            }
        ));
        ch(&mut app, 'j');
        assert!(matches!(app.mode, Mode::Help { scroll: 1, .. }));
        assert_eq!(press(&mut app, close), None);
        assert!(matches!(app.mode, Mode::Board), "{close:?}");
    }
    ch(&mut app, '?');
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
}

#[test]
fn help_over_the_card_goes_back_to_the_card() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '?');
    assert!(matches!(
        app.mode,
        Mode::Help {
            of: Scope::Card,
            ..
        }
    ));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Card { .. }));
}

#[test]
fn z_collapses_empty_columns_and_navigation_skips_them() {
    let mut app = app();
    assert!(!app.stored.view.collapse_empty, "columns start expanded");
    ch(&mut app, 'z');
    assert!(app.stored.view.collapse_empty);
    assert_eq!(message(&app), "empty columns collapsed (z expands them)");
    assert!(app.is_collapsed(3) && !app.is_collapsed(2));
    keys(&mut app, "ll");
    assert_eq!(column_name(&app), "spec-definition");
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "implementation");
    // Nothing but empty columns to the right: the focus stays.
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "implementation");
    ch(&mut app, 'h');
    assert_eq!(column_name(&app), "spec-definition");
    // Every column is drawn at 80 columns once the empty ones are strips.
    assert_eq!(app.fitted(80).len(), 10);
    ch(&mut app, 'z');
    assert!(!app.stored.view.collapse_empty);
    assert_eq!(message(&app), "empty columns expanded");
    ch(&mut app, 'l');
    assert_eq!(column_name(&app), "spec-approved");
}

#[test]
fn esc_on_the_board_clears_the_message() {
    let mut app = app();
    ch(&mut app, 'H');
    assert!(app.message.is_some());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.message, None);
}

// ---------------------------------------------------------------------------------------------
// Writing back

#[test]
fn writing_a_board_read_from_a_file_writes_that_file() {
    let mut app = app();
    assert_eq!(
        ch(&mut app, 'w'),
        Some(Effect::Write {
            to: None,
            overwrite: false
        })
    );
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(app.report(Report::Wrote("projects.md".into(), None)), None);
    assert_eq!(message(&app), "wrote projects.md");
}

#[test]
fn writing_the_bundled_board_asks_for_a_file_name() {
    let mut app = seed(false);
    assert_eq!(ch(&mut app, 'w'), None);
    let Mode::Prompt { input, .. } = &app.mode else {
        panic!("a prompt, not {:?}", app.mode);
    };
    assert_eq!(input.lines(), ["projects.md"]);
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Some(Effect::Write {
            to: Some("projects.md".into()),
            overwrite: false
        })
    );
    assert!(matches!(app.mode, Mode::Board));
}

#[test]
fn the_file_name_can_be_changed_and_pasted() {
    let mut app = seed(false);
    ch(&mut app, 'w');
    // Ctrl+U clears to the start of the line, as in a shell.
    ctrl(&mut app, 'u');
    // Board keys type in a prompt.
    keys(&mut app, "q-w");
    app.paste("x\ny.md");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Some(Effect::Write {
            to: Some("q-wx y.md".into()),
            overwrite: false
        })
    );
}

#[test]
fn an_empty_file_name_writes_nothing() {
    let mut app = seed(false);
    ch(&mut app, 'w');
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(message(&app), "no file name given; nothing written");
}

#[test]
fn esc_and_ctrl_c_cancel_the_prompt() {
    let mut app = seed(false);
    ch(&mut app, 'w');
    assert_eq!(press(&mut app, KeyCode::Esc), None);
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(message(&app), "nothing written");
    ch(&mut app, 'w');
    assert_eq!(ctrl(&mut app, 'c'), None, "Ctrl+C cancels, not quits");
    assert!(matches!(app.mode, Mode::Board));
}

#[test]
fn a_changed_file_is_overwritten_only_after_yes() {
    let mut app = app();
    ch(&mut app, 'w');
    let report = Report::WouldOverwrite {
        to: None,
        why: "projects.md changed on disk.".to_owned(),
    };
    assert_eq!(app.report(report.clone()), None);
    let Mode::Confirm { question, .. } = &app.mode else {
        panic!("a question, not {:?}", app.mode);
    };
    assert!(question.contains("projects.md changed on disk."));
    assert!(question.contains("Overwrite"));
    // Keys that are not an answer keep the question.
    keys(&mut app, "qxw");
    assert!(matches!(app.mode, Mode::Confirm { .. }));
    assert_eq!(
        ch(&mut app, 'y'),
        Some(Effect::Write {
            to: None,
            overwrite: true
        })
    );
    assert!(matches!(app.mode, Mode::Board));
    for no in [
        KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        app.report(report.clone());
        assert_eq!(app.handle_key(no), None);
        assert!(matches!(app.mode, Mode::Board));
        assert_eq!(message(&app), "nothing done");
    }
}

#[test]
fn an_existing_file_for_the_bundled_board_is_overwritten_only_after_yes() {
    let mut app = seed(false);
    ch(&mut app, 'w');
    press(&mut app, KeyCode::Enter);
    app.report(Report::WouldOverwrite {
        to: Some("projects.md".into()),
        why: "projects.md exists.".to_owned(),
    });
    assert_eq!(
        ch(&mut app, 'Y'),
        Some(Effect::Write {
            to: Some("projects.md".into()),
            overwrite: true
        })
    );
}

#[test]
fn quit_and_suspend() {
    let mut app = app();
    assert_eq!(ch(&mut app, 'q'), Some(Effect::Quit));
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
    assert_eq!(
        app.handle_key(KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        )),
        Some(Effect::Quit)
    );
    assert_eq!(ctrl(&mut app, 'z'), Some(Effect::Suspend));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(app.report(Report::Resumed), None);
}

#[test]
fn reports_of_saving_and_writing_failures_are_shown_as_errors() {
    let mut app = app();
    app.report(Report::SaveFailed("disk full".to_owned()));
    assert_eq!(app.message.as_ref().unwrap().level, Level::Error);
    assert_eq!(message(&app), "not saved: disk full");
    app.report(Report::WriteFailed("read-only file system".to_owned()));
    assert_eq!(message(&app), "not written: read-only file system");
    app.report(Report::EditorFailed("cannot run vi".to_owned()));
    assert_eq!(message(&app), "cannot run vi");
}

// ---------------------------------------------------------------------------------------------
// The edit form

fn form(app: &App) -> &Form {
    match &app.mode {
        Mode::Form(f) => f,
        other => panic!("a form, not {other:?}"),
    }
}

#[test]
fn the_form_edits_a_label_and_only_that_cell_changes() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    ch(&mut app, 'e');
    let f = form(&app);
    assert_eq!(
        f.labels,
        [
            "Project Name",
            "Label",
            "Description",
            "Community Group",
            "State"
        ]
    );
    assert_eq!(f.value(1), "gpu");
    assert_eq!(f.focus, 0);
    press(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, 1);
    // Board keys type in a form; the cursor starts at the end of the value.
    keys(&mut app, "-hjkl");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Home);
    keys(&mut app, "q ");
    assert_eq!(form(&app).value(1), "q gpu-hjk");
    // Word-wise delete from the end.
    press(&mut app, KeyCode::End);
    ctrl(&mut app, 'w');
    keys(&mut app, "new");
    assert_eq!(form(&app).value(1), "q gpu-new");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(message(&app), "card saved");
    assert_eq!(title(&app), "GPU Support");
    let old = line_of(&seed, "| GPU Support");
    assert_eq!(
        diff(&seed, &app.stored.board.export()),
        [(old.to_owned(), old.replace("| gpu |", "| q gpu-new |"))]
    );
}

#[test]
fn tab_and_shift_tab_walk_the_fields_around() {
    let mut app = app();
    ch(&mut app, 'e');
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form(&app).focus, 4);
    press(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, 0);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(form(&app).focus, 2);
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(form(&app).focus, 1);
}

#[test]
fn the_state_field_offers_the_known_states() {
    let mut app = app();
    ch(&mut app, 'e');
    press(&mut app, KeyCode::PageDown);
    let f = form(&app);
    assert_eq!(f.focus, 4);
    assert_eq!(f.value(4), "ideation");
    ctrl(&mut app, 'n');
    assert_eq!(form(&app).value(4), "spec-definition");
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(form(&app).value(4), "abandoned");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(column_name(&app), "abandoned");
    assert_eq!(title(&app), "Keeping up with Cosmos");
    assert_focus_in_view(&app);
}

#[test]
fn a_pasted_line_break_is_written_as_br_and_reads_back() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, 'e');
    keys(&mut app, "\t\t");
    assert_eq!(form(&app).focus, 2);
    ctrl(&mut app, 'u'); // delete to the start of the line
    assert_eq!(form(&app).value(2), "");
    app.paste("GPUs | everywhere\r\nsecond line\nthird <br> line ");
    // The cell keeps its padding (two spaces before the pipe): only its text changes.
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    let text = app.stored.board.export();
    let line = line_of(&text, "| GPU Support");
    assert_eq!(
        line,
        "| GPU Support | gpu | GPUs \\| everywhere<br>second line<br>third \\<br> line  | \
         [wg-gpu](../wg-gpu) | spec-definition |"
    );
    let back = Board::detect(markdown::parse(&text).unwrap()).unwrap();
    let id = back.find("GPU Support").unwrap();
    assert_eq!(
        back.value(back.card(id).unwrap(), 2),
        "GPUs | everywhere\nsecond line\nthird <br> line"
    );
    assert_eq!(back.cards.len(), 30);
}

#[test]
fn esc_in_an_unchanged_form_just_closes_it() {
    let mut app = app();
    ch(&mut app, 'e');
    assert_eq!(press(&mut app, KeyCode::Esc), None);
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(message(&app), "nothing changed");
    ch(&mut app, 'e');
    assert_eq!(ctrl(&mut app, 'c'), None, "Ctrl+C cancels the form");
    assert!(matches!(app.mode, Mode::Board));
    // Typing and deleting it again is no change.
    ch(&mut app, 'e');
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Board));
    // Nor is saving an unchanged form.
    ch(&mut app, 'e');
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(message(&app), "nothing changed");
    assert!(app.stored.board.history.done.is_empty());
}

#[test]
fn esc_in_a_changed_form_asks_first() {
    let mut app = app();
    let seed = app.stored.board.export();
    ch(&mut app, 'e');
    keys(&mut app, "!!");
    press(&mut app, KeyCode::Esc);
    let Mode::Confirm { question, .. } = &app.mode else {
        panic!("a question, not {:?}", app.mode);
    };
    assert_eq!(question, "Drop the changes to this card?");
    // No: back to the form, with what was typed.
    ch(&mut app, 'n');
    assert_eq!(form(&app).value(0), "Keeping up with Cosmos!!");
    ctrl(&mut app, 'c');
    assert!(matches!(app.mode, Mode::Confirm { .. }));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Form(_)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(ch(&mut app, 'y'), None);
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(message(&app), "changes dropped");
    assert_eq!(app.stored.board.export(), seed);
}

// ---------------------------------------------------------------------------------------------
// Adding and deleting

#[test]
fn a_adds_a_card_after_the_last_card_of_the_focused_state() {
    let mut app = app();
    let seed = app.stored.board.export();
    keys(&mut app, "ll");
    assert_eq!(column_name(&app), "spec-definition");
    ch(&mut app, 'a');
    let f = form(&app);
    assert_eq!(f.id, None);
    assert_eq!(f.focus, 0);
    assert_eq!(f.values(), ["", "", "", "", "spec-definition"]);
    keys(&mut app, "New | thing");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "new-label");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(message(&app), "card added");
    assert_eq!(title(&app), "New | thing");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(app.focus.row, 6);
    assert_focus_in_view(&app);
    let text = app.stored.board.export();
    let rows = row_titles(&text);
    assert_eq!(rows[8], "Economics 2.0");
    assert_eq!(rows[9], "New | thing");
    assert_eq!(rows.len(), 31);
    assert!(text.contains("| New \\| thing | new-label |  |  | spec-definition |\n"));
    assert_eq!(text.lines().count(), seed.lines().count() + 1);
}

#[test]
fn a_card_added_in_an_empty_column_goes_to_the_end_of_the_table() {
    let mut app = app();
    keys(&mut app, "lll");
    assert_eq!(column_name(&app), "spec-approved");
    ch(&mut app, 'a');
    keys(&mut app, "Fresh");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert_eq!(app.focus, Focus { col: 3, row: 0 });
    assert_eq!(title(&app), "Fresh");
    let rows = row_titles(&app.stored.board.export());
    assert_eq!(rows.last().unwrap(), "Fresh");
}

#[test]
fn a_card_added_without_a_state_goes_to_no_state() {
    let mut app = app();
    ch(&mut app, 'a');
    keys(&mut app, "Loose end");
    press(&mut app, KeyCode::Enter);
    assert_eq!(column_name(&app), "No state");
    assert_eq!(title(&app), "Loose end");
    assert_eq!(app.focus.row, 19);
    assert_focus_in_view(&app);
}

#[test]
fn a_card_needs_a_name() {
    let mut app = app();
    ch(&mut app, 'a');
    keys(&mut app, "   ");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert_eq!(message(&app), "Project Name must not be empty");
    assert_eq!(app.stored.board.cards.len(), 30);
}

#[test]
fn d_deletes_after_a_question_naming_the_card() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    ch(&mut app, 'd');
    let Mode::Confirm { question, .. } = &app.mode else {
        panic!("a question, not {:?}", app.mode);
    };
    assert_eq!(question, "Delete “GPU Support”?");
    assert_eq!(ch(&mut app, 'n'), None);
    assert_eq!(app.stored.board.export(), seed);
    ch(&mut app, 'd');
    assert_eq!(ch(&mut app, 'y'), Some(Effect::Save));
    assert!(app.stored.board.find("GPU Support").is_err());
    assert_eq!(app.focus, Focus { col: 2, row: 3 });
    assert_eq!(title(&app), "Provider Attributes");
    let text = app.stored.board.export();
    assert!(!text.contains("GPU Support"));
    assert_eq!(text.lines().count(), seed.lines().count() - 1);
}

#[test]
fn deleting_the_last_card_of_a_column_leaves_it_empty() {
    let mut app = app();
    focus(&mut app, "Content Moderation");
    keys(&mut app, "dy");
    assert_eq!(app.focus, Focus { col: 1, row: 0 });
    assert_eq!(title(&app), "Omnibus Maintenance");
    keys(&mut app, "dy");
    assert_eq!(app.focus, Focus { col: 1, row: 0 });
    assert_eq!(app.focused_card_id(), None);
    // Nothing to delete now.
    ch(&mut app, 'd');
    assert!(matches!(app.mode, Mode::Board));
}

#[test]
fn deleting_a_card_that_spans_lines_removes_its_continuation() {
    let mut app = app();
    let seed = app.stored.board.export();
    focus(&mut app, "Cloud Parity Foundational Features");
    keys(&mut app, "dy");
    let text = app.stored.board.export();
    assert_eq!(text.lines().count(), seed.lines().count() - 2);
    assert!(!text.contains("State Management"));
}

// ---------------------------------------------------------------------------------------------
// The state picker

fn picker_selected(app: &App) -> usize {
    match app.mode {
        Mode::Picker { selected, .. } => selected,
        ref other => panic!("the picker, not {other:?}"),
    }
}

#[test]
fn m_picks_a_state_with_arrows_and_enter() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, 'm');
    assert_eq!(picker_selected(&app), 2);
    press(&mut app, KeyCode::Down);
    ch(&mut app, 'j');
    ch(&mut app, 'j');
    press(&mut app, KeyCode::Up);
    assert_eq!(picker_selected(&app), 4);
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(column_name(&app), "design");
    assert_eq!(title(&app), "GPU Support");
}

#[test]
fn the_picker_stops_at_its_ends() {
    let mut app = app();
    ch(&mut app, 'm');
    ch(&mut app, 'k');
    assert_eq!(picker_selected(&app), 0);
    for _ in 0..20 {
        ch(&mut app, 'j');
    }
    assert_eq!(picker_selected(&app), 9);
    // Picking where it is already is no change.
    let mut app = self::app();
    ch(&mut app, 'm');
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert_eq!(message(&app), "already in No state");
}

#[test]
fn m_picks_a_state_by_its_number() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    ch(&mut app, 'm');
    assert_eq!(ch(&mut app, '6'), Some(Effect::Save));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(column_name(&app), "implementation");
    assert_eq!(title(&app), "GPU Support");
    assert_focus_in_view(&app);
    ch(&mut app, 'm');
    assert_eq!(ch(&mut app, '1'), Some(Effect::Save));
    assert_eq!(column_name(&app), "No state");
    assert_focus_in_view(&app);
}

#[test]
fn esc_q_and_ctrl_c_leave_the_picker() {
    let mut app = app();
    for code in [KeyCode::Esc, KeyCode::Char('q')] {
        ch(&mut app, 'm');
        assert_eq!(press(&mut app, code), None);
        assert!(matches!(app.mode, Mode::Board));
    }
    ch(&mut app, 'm');
    assert_eq!(ctrl(&mut app, 'c'), None);
    assert!(matches!(app.mode, Mode::Board));
    assert!(app.stored.board.history.done.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Undo and redo

/// Does `change` with keys, then checks that `u` gives back the seed with the focus on `before`
/// and that both redo keys give back the change with the focus on `after`.
fn undo_redo(change: &str, before: Option<&str>, after: Option<&str>) {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    keys(&mut app, change);
    assert!(matches!(app.mode, Mode::Board), "{change}");
    let changed = app.stored.board.export();
    let changed_focus = app.focus;
    assert_ne!(changed, seed, "{change}");
    for redo in [
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
        KeyEvent::new(KeyCode::Char('U'), KeyModifiers::SHIFT),
    ] {
        assert_eq!(ch(&mut app, 'u'), Some(Effect::Save), "{change}");
        assert_eq!(app.stored.board.export(), seed, "{change}");
        assert_focus_in_view(&app);
        if let Some(t) = before {
            assert_eq!(title(&app), t, "{change}: undo focus");
        }
        assert_eq!(ch(&mut app, 'u'), None);
        assert_eq!(message(&app), "nothing to undo");
        assert_eq!(app.handle_key(redo), Some(Effect::Save), "{change}");
        assert_eq!(app.stored.board.export(), changed, "{change}");
        assert_focus_in_view(&app);
        if let Some(t) = after {
            assert_eq!(title(&app), t, "{change}: redo focus");
            assert_eq!(app.focus, changed_focus, "{change}");
        }
        assert_eq!(app.handle_key(redo), None);
        assert_eq!(message(&app), "nothing to redo");
    }
}

#[test]
fn undo_and_redo_a_move() {
    undo_redo("L", Some("GPU Support"), Some("GPU Support"));
    undo_redo("m0", Some("GPU Support"), Some("GPU Support"));
}

#[test]
fn undo_and_redo_a_reorder() {
    undo_redo("K", Some("GPU Support"), Some("GPU Support"));
    undo_redo("J", Some("GPU Support"), Some("GPU Support"));
}

#[test]
fn undo_and_redo_an_edit() {
    undo_redo("e\t!\n", Some("GPU Support"), Some("GPU Support"));
}

#[test]
fn undo_and_redo_an_add() {
    undo_redo("aAdded\n", None, Some("Added"));
}

#[test]
fn undo_and_redo_a_delete() {
    undo_redo("dy", Some("GPU Support"), None);
}

/// The message after `u` and then after redo (Ctrl+R), once `change` is made on GPU Support.
fn undo_messages(change: &str) -> (String, String) {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, change);
    ch(&mut app, 'u');
    let undone = message(&app);
    ctrl(&mut app, 'r');
    (undone, message(&app))
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let (undone, redone) = undo_messages("m5");
    assert_eq!(
        undone,
        "undone: GPU Support design → spec-definition (0 more to undo)"
    );
    assert_eq!(
        redone,
        "redone: GPU Support spec-definition → design (0 more to redo)"
    );
    let (undone, redone) = undo_messages("KL");
    assert_eq!(
        undone,
        "undone: GPU Support spec-approved → spec-definition (1 more to undo)"
    );
    assert_eq!(
        redone,
        "redone: GPU Support spec-definition → spec-approved (0 more to redo)"
    );
    let (undone, redone) = undo_messages("K");
    assert_eq!(
        undone,
        "undone: GPU Support down in spec-definition (0 more to undo)"
    );
    assert_eq!(
        redone,
        "redone: GPU Support up in spec-definition (0 more to redo)"
    );
    let (undone, _) = undo_messages("e\tgraphics\n");
    assert_eq!(
        undone,
        "undone: GPU Support: Label “gpugraphics” → “gpu” (0 more to undo)"
    );
    let (undone, _) = undo_messages("e\tx\tx\n");
    assert_eq!(
        undone,
        "undone: edit of GPU Support (Label, Description) (0 more to undo)"
    );
    let (undone, redone) = undo_messages("aNew card\n");
    assert_eq!(undone, "undone: add of “New card” (0 more to undo)");
    assert_eq!(redone, "redone: add of “New card” (0 more to redo)");
    let (undone, redone) = undo_messages("dy");
    assert_eq!(undone, "undone: delete of “GPU Support” (0 more to undo)");
    assert_eq!(redone, "redone: delete of “GPU Support” (0 more to redo)");
}

#[test]
fn undo_walks_back_many_changes_in_order() {
    let mut app = app();
    let seed = app.stored.board.export();
    focus(&mut app, "GPU Support");
    for _ in 0..120 {
        keys(&mut app, "LH");
    }
    assert_eq!(app.stored.board.history.done.len(), 240);
    for _ in 0..240 {
        assert_eq!(ch(&mut app, 'u'), Some(Effect::Save));
    }
    assert_eq!(app.stored.board.export(), seed);
    assert!(!app.stored.unsynced(), "back where the file is");
    for _ in 0..240 {
        ctrl(&mut app, 'r');
    }
    assert_eq!(app.stored.board.history.done.len(), 240);
}

#[test]
fn a_new_change_after_undo_drops_the_redo() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, "Lu");
    keys(&mut app, "K");
    assert_eq!(ctrl(&mut app, 'r'), None);
    assert_eq!(message(&app), "nothing to redo");
}

#[test]
fn undo_follows_a_card_into_a_column_off_screen() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, "m0");
    keys(&mut app, "hhhhhhhhh");
    assert_eq!(app.col_offset, 0);
    ctrl(&mut app, 'r');
    ch(&mut app, 'u');
    assert_eq!(column_name(&app), "spec-definition");
    ctrl(&mut app, 'r');
    assert_eq!(column_name(&app), "abandoned");
    assert_focus_in_view(&app);
}

// ---------------------------------------------------------------------------------------------
// The external editor

fn edit_text(app: &mut App) -> (CardId, String) {
    match ch(app, 'E') {
        Some(Effect::EditExternal { id, text }) => (id, text),
        other => panic!("an editor, not {other:?}"),
    }
}

#[test]
fn e_hands_the_card_to_the_editor_and_takes_the_text_back() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    let (id, text) = edit_text(&mut app);
    assert!(text.contains("\nProject Name: GPU Support\nLabel: gpu\n"));
    let text = text
        .replace("Label: gpu\n", "Label: gpu | pipes\n")
        .replace("State: spec-definition", "State: design");
    assert_eq!(app.report(Report::Edited { id, text }), Some(Effect::Save));
    assert_eq!(message(&app), "card saved");
    assert_eq!(column_name(&app), "design");
    assert_eq!(title(&app), "GPU Support");
    assert_focus_in_view(&app);
    let old = line_of(&seed, "| GPU Support");
    assert_eq!(
        diff(&seed, &app.stored.board.export()),
        [(
            old.to_owned(),
            old.replace("| gpu |", "| gpu \\| pipes |")
                .replace("spec-definition", "design")
        )]
    );
}

#[test]
fn unchanged_editor_text_changes_nothing() {
    let mut app = app();
    let (id, text) = edit_text(&mut app);
    assert_eq!(app.report(Report::Edited { id, text }), None);
    assert_eq!(message(&app), "nothing changed");
}

#[test]
fn bad_editor_text_is_kept_for_the_next_try() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    let (id, text) = edit_text(&mut app);
    let bad = format!("{text}Colour: blue\n");
    assert_eq!(
        app.report(Report::Edited {
            id,
            text: bad.clone()
        }),
        None
    );
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, Level::Error);
    assert!(m.text.contains("unknown field \"Colour\""), "{}", m.text);
    assert!(m.text.contains("E edits your text again"), "{}", m.text);
    assert_eq!(app.editor_draft, Some((id, bad.clone())));
    assert_eq!(app.stored.board.export(), seed);
    // The next E starts from the kept text, and only once.
    assert_eq!(edit_text(&mut app), (id, bad));
    assert_eq!(app.editor_draft, None);
    assert_eq!(edit_text(&mut app), (id, text));
}

#[test]
fn a_draft_of_another_card_is_not_offered_for_this_one() {
    let mut app = app();
    let (id, text) = edit_text(&mut app);
    app.report(Report::Edited {
        id,
        text: "no colon here".to_owned(),
    });
    assert!(app.editor_draft.is_some());
    ch(&mut app, 'j');
    let (other, fresh) = edit_text(&mut app);
    assert_ne!(other, id);
    assert_ne!(fresh, text);
    assert!(fresh.contains("Private Image Repository"));
}

// ---------------------------------------------------------------------------------------------
// Read-only

#[test]
fn a_read_only_board_refuses_every_change() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    let seed = app.stored.board.export();
    app.read_only = Some("in use by process 4242".to_owned());
    for k in ["L", "H", "K", "J", "u", "U", "dy", "m1"] {
        app.message = None;
        assert_eq!(keys(&mut app, k), None, "{k}");
        assert!(matches!(app.mode, Mode::Board), "{k}: {:?}", app.mode);
        let m = app.message.clone().unwrap();
        assert_eq!(m.level, Level::Error, "{k}");
        assert_eq!(m.text, "read-only: in use by process 4242", "{k}");
    }
    for k in ['e', 'a', 'E'] {
        assert_eq!(ch(&mut app, k), None, "{k}");
        assert!(matches!(app.mode, Mode::Board), "{k}");
    }
    assert_eq!(ctrl(&mut app, 'r'), None);
    // An editor that was already open when the board became read-only.
    let id = app.focused_card_id().unwrap();
    let text = "Label: other\n".to_owned();
    assert_eq!(app.report(Report::Edited { id, text }), None);
    assert_eq!(app.stored.board.export(), seed);
    assert!(app.stored.board.history.done.is_empty());
    // Looking around still works, and writing the file back too.
    keys(&mut app, "jl?");
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(ch(&mut app, 'w'), Some(Effect::Write { .. })));
}

// ---------------------------------------------------------------------------------------------
// Resizing

#[test]
fn resizing_keeps_the_focus_in_view() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, "m0G");
    for (w, h) in [
        (200, 50),
        (80, 24),
        (30, 8),
        (1, 1),
        (0, 0),
        (120, 40),
        (20, 6),
    ] {
        app.resize(w, h);
        assert_eq!(column_name(&app), "abandoned");
        if w > 0 {
            assert_focus_in_view(&app);
        }
    }
    app.resize(200, 50);
    assert_eq!(app.col_offset, 0, "everything fits again");
    app.resize(80, 24);
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'h');
    ch(&mut app, 'G');
    assert_eq!(column_name(&app), "spec-definition");
    assert_focus_in_view(&app);
}

#[test]
fn esc_quickly_followed_by_a_key_is_taken_as_both() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    app.update(Action::Help);
    assert!(matches!(app.mode, Mode::Help { .. }));
    // What a terminal sends for Esc then `l` in one read: Alt+l.
    app.handle_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::ALT));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(app.focus.col, 1);
}

mod changes;
mod follow;
mod mouse;
mod search;
mod states;
mod views;

#[test]
fn the_session_keeps_its_messages_and_m_shows_them() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, "Lu");
    ch(&mut app, 'n');
    let said: Vec<String> = app.log.iter().map(|m| m.text.clone()).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert_eq!(said[0], "moved to spec-approved");
    assert!(said[1].starts_with("undone: GPU Support"), "{said:?}");
    assert!(said[2].contains("no search"), "{said:?}");
    ch(&mut app, 'M');
    assert!(matches!(app.mode, Mode::Messages { scroll: 0 }));
    ch(&mut app, 'j');
    assert!(matches!(app.mode, Mode::Messages { scroll: 1 }));
    ch(&mut app, 'k');
    ch(&mut app, 'k');
    assert!(matches!(app.mode, Mode::Messages { scroll: 0 }));
    for close in ['M', 'q'] {
        ch(&mut app, close);
        assert!(matches!(app.mode, Mode::Board), "{close}");
        ch(&mut app, 'M');
    }
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Board));
    ch(&mut app, 'M');
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
}

#[test]
fn a_message_is_new_until_the_next_key() {
    let mut app = app();
    assert!(!app.message_new);
    ch(&mut app, 'H');
    assert_eq!(message(&app), "already in the first column");
    assert!(app.message_new);
    ch(&mut app, 'j');
    assert!(!app.message_new, "shown whole until the next key");
    assert_eq!(
        message(&app),
        "already in the first column",
        "kept on the status line"
    );
}

#[test]
fn the_form_breaks_lines_and_walks_them_with_the_arrows() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t\t");
    assert_eq!(form(&app).focus, 2);
    // Alt+Enter and Ctrl+J break the line; the value has three lines.
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    keys(&mut app, "drivers");
    ctrl(&mut app, 'j');
    keys(&mut app, "pricing");
    assert_eq!(
        form(&app).value(2),
        "Everything related to supporting, launching and growing GPUs on Akash\ndrivers\npricing"
    );
    // Up walks the lines, and from the first goes to the field above, on its last line.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert_eq!(form(&app).focus, 2);
    assert_eq!(form(&app).fields[2].cursor().0, 0);
    press(&mut app, KeyCode::Up);
    assert_eq!(form(&app).focus, 1, "the Label field");
    // Down enters the description on its first line, walks it, and leaves from its last.
    press(&mut app, KeyCode::Down);
    assert_eq!((form(&app).focus, form(&app).fields[2].cursor().0), (2, 0));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!((form(&app).focus, form(&app).fields[2].cursor().0), (2, 2));
    press(&mut app, KeyCode::Down);
    assert_eq!(form(&app).focus, 3, "the Community Group field");
    // Enter saves; the breaks are written as <br>.
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Save));
    let text = app.stored.board.export();
    assert!(
        line_of(&text, "| GPU Support").contains("GPUs on Akash<br>drivers<br>pricing"),
        "{text}"
    );
}

#[test]
fn f1_opens_the_help_in_every_mode_and_goes_back_to_it() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    // The form: `?` types, F1 helps; closing the help finds the form as it was.
    keys(&mut app, "e?");
    assert_eq!(form(&app).value(0), "GPU Support?");
    press(&mut app, KeyCode::F(1));
    assert!(matches!(
        app.mode,
        Mode::Help {
            of: Scope::Form,
            ..
        }
    ));
    // Ctrl+C over a form goes back rather than quitting with its edits unsaved.
    assert_eq!(ctrl(&mut app, 'c'), None);
    assert_eq!(form(&app).value(0), "GPU Support?");
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'y');
    // Every other mode, opened as a person would.
    let opened: [(&str, Scope); 11] = [
        ("", Scope::Board),
        ("\n", Scope::Card),
        ("d", Scope::Confirm),
        ("m", Scope::Picker),
        ("/", Scope::Search),
        ("M", Scope::Messages),
        ("?", Scope::Help),
        ("LD", Scope::Changes),
        ("ve", Scope::Bulk),
        ("cC", Scope::Hidden),
        ("sS", Scope::Lanes),
    ];
    // With the form and the prompt, every mode: each has keys (and a help) of its own.
    let covered: std::collections::HashSet<Scope> = opened
        .iter()
        .map(|&(_, scope)| scope)
        .chain([Scope::Form, Scope::Prompt])
        .collect();
    assert_eq!(covered.len(), Scope::ALL.len());
    for (open, scope) in opened {
        let mut app = app_at("GPU Support");
        keys(&mut app, open);
        assert_eq!(app.mode.scope(), scope, "{open:?} opens its mode");
        let before = format!("{:?}", app.mode);
        press(&mut app, KeyCode::F(1));
        match &app.mode {
            Mode::Help { of, .. } => {
                // From the help itself F1 closes it.
                assert_eq!(
                    *of,
                    if scope == Scope::Help {
                        Scope::Board
                    } else {
                        scope
                    }
                );
            }
            other if scope == Scope::Help => assert!(matches!(other, Mode::Board)),
            other => panic!("{open:?}: {other:?}"),
        }
        press(&mut app, KeyCode::Esc);
        if scope != Scope::Help {
            assert_eq!(
                format!("{:?}", app.mode),
                before,
                "{open:?}: back where it was"
            );
        }
    }
    // `?` types where text is typed, and helps elsewhere.
    let mut app = app_at("GPU Support");
    keys(&mut app, "/?");
    assert_eq!(app.search.as_ref().unwrap().input.lines(), ["?"]);
    let mut app = seed(false);
    keys(&mut app, "w");
    press(&mut app, KeyCode::F(1));
    assert!(matches!(
        app.mode,
        Mode::Help {
            of: Scope::Prompt,
            ..
        }
    ));
}

/// The keys the help lists first: those of the mode it was asked from.
fn keys_here(app: &App) -> Vec<Action> {
    let Mode::Help { of, .. } = app.mode else {
        panic!("the help, not {:?}", app.mode)
    };
    let lines = app.help_lines(of);
    assert_eq!(lines[0], crate::keymap::HelpLine::Heading(of));
    lines[1..]
        .iter()
        .map_while(|l| match l {
            crate::keymap::HelpLine::Keys(s, _, a) if *s == of => Some(*a),
            _ => None,
        })
        .collect()
}

#[test]
fn setting_a_field_on_marked_cards_has_a_help_of_its_own() {
    let mut app = app_at("GPU Support");
    keys(&mut app, "ve");
    assert!(matches!(app.mode, Mode::BulkEdit(_)));
    press(&mut app, KeyCode::F(1));
    let Mode::Help { of, .. } = app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(of, Scope::Bulk);
    // What `on_bulk_edit` does, no more: no line breaks, no states offered, no lines to walk.
    assert_eq!(
        keys_here(&app),
        [
            Action::Submit,
            Action::NextField,
            Action::PrevField,
            Action::Cancel,
            Action::Help
        ]
    );
    assert_eq!(
        crate::keymap::describe(Action::Submit, of),
        "set the value on every marked card"
    );
    // Then the keys that edit the value.
    let lines = app.help_lines(of);
    let typing = lines
        .iter()
        .position(|l| *l == crate::keymap::HelpLine::Section("Typing"))
        .expect("a Typing section");
    assert_eq!(lines[typing - 1], crate::keymap::HelpLine::Blank);
    assert_eq!(typing, keys_here(&app).len() + 2, "right after its keys");
    // Back to the value, where those keys do what the help says.
    press(&mut app, KeyCode::Esc);
    let field = |app: &App| match &app.mode {
        Mode::BulkEdit(bulk) => bulk.field,
        other => panic!("{other:?}"),
    };
    let first = field(&app);
    press(&mut app, KeyCode::Tab);
    assert_eq!(field(&app), first + 1);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(field(&app), first);
    keys(&mut app, "sig word");
    ctrl(&mut app, 'w');
    app.handle_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT));
    ch(&mut app, '+');
    let Mode::BulkEdit(bulk) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        bulk.input.lines(),
        ["+sig "],
        "Ctrl+W, then Alt+B a word back"
    );
    ctrl(&mut app, 'c');
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(message(&app), "nothing set");
}

#[test]
fn the_lists_of_hidden_columns_and_of_lanes_have_helps_of_their_own() {
    for (open, scope, chosen) in [
        ("cC", Scope::Hidden, "next hidden column"),
        ("sS", Scope::Lanes, "next lane"),
    ] {
        let mut app = app_at("GPU Support");
        keys(&mut app, open);
        press(&mut app, KeyCode::F(1));
        assert!(matches!(app.mode, Mode::Help { of, .. } if of == scope));
        assert_eq!(
            keys_here(&app),
            [
                Action::FocusUp,
                Action::FocusDown,
                Action::Submit,
                Action::Cancel,
                Action::Help
            ]
        );
        assert_eq!(crate::keymap::describe(Action::FocusDown, scope), chosen);
        // No number picks there, as the state picker's does.
        assert!(!crate::keymap::describe(Action::Submit, scope).contains("number"));
        press(&mut app, KeyCode::Esc);
        let before = format!("{:?}", app.mode);
        ch(&mut app, '1');
        assert_eq!(
            format!("{:?}", app.mode),
            before,
            "{scope:?}: 1 does nothing"
        );
    }
}

#[test]
fn the_help_lists_the_keys_of_its_mode_first_then_the_rest() {
    let km = Keymap::default();
    let help = km.help(Scope::Form);
    assert_eq!(help[0], crate::keymap::HelpLine::Heading(Scope::Form));
    let headings: Vec<Scope> = help
        .iter()
        .filter_map(|l| match l {
            crate::keymap::HelpLine::Heading(s) => Some(*s),
            _ => None,
        })
        .collect();
    assert_eq!(headings.len(), Scope::ALL.len(), "every mode");
    assert_eq!(headings[1], Scope::Board, "then the others, in order");
    assert!(help.iter().any(|l| matches!(
        l,
        crate::keymap::HelpLine::Keys(Scope::Form, _, Action::NewLine)
    )));
}

/// The seed with the focus on a card.
fn app_at(title: &str) -> App {
    let mut app = app();
    focus(&mut app, title);
    app
}
