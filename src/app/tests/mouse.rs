//! The mouse (issue 14): crossterm mouse events made into actions, through `update`; where a
//! card is comes from the screen the view draws, so that these tests also hold hit-testing to
//! the drawing.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::*;
use crate::action::{Gesture, Mouse};
use crate::app::hit::Spot;
use crate::ui::{self, Theme};

/// A terminal mouse event at (x, y), through `update` as the runtime passes it.
fn mouse(app: &mut App, kind: MouseEventKind, (x, y): (u16, u16)) -> Option<Effect> {
    let event = MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    let action = Mouse::from_event(event).map(Action::Mouse)?;
    app.update(action)
}

fn click(app: &mut App, at: (u16, u16)) -> Option<Effect> {
    let pressed = mouse(app, MouseEventKind::Down(MouseButton::Left), at);
    mouse(app, MouseEventKind::Up(MouseButton::Left), at).or(pressed)
}

/// A double click as the runtime reports it: a click, then the second press made a double click.
fn double_click(app: &mut App, (x, y): (u16, u16)) -> Option<Effect> {
    click(app, (x, y));
    let effect = app.update(Action::Mouse(Mouse {
        gesture: Gesture::DoubleClick,
        x,
        y,
    }));
    mouse(app, MouseEventKind::Up(MouseButton::Left), (x, y)).or(effect)
}

/// Presses at `from`, moves through the cells between to `to`, releases there.
fn drag(app: &mut App, from: (u16, u16), to: (u16, u16)) -> Option<Effect> {
    mouse(app, MouseEventKind::Down(MouseButton::Left), from);
    let half = (from.0.midpoint(to.0), from.1.midpoint(to.1));
    for at in [half, to] {
        mouse(app, MouseEventKind::Drag(MouseButton::Left), at);
    }
    mouse(app, MouseEventKind::Up(MouseButton::Left), to)
}

/// Clicks where `text` is drawn.
fn click_on(app: &mut App, text: &str) -> Option<Effect> {
    let at = drawn(app, text);
    click(app, at)
}

/// Drags from where `from` is drawn to where `to` is.
fn drag_onto(app: &mut App, from: &str, to: &str) -> Option<Effect> {
    let (from, to) = (drawn(app, from), drawn(app, to));
    drag(app, from, to)
}

fn wheel(app: &mut App, down: bool, at: (u16, u16)) -> Option<Effect> {
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    mouse(app, kind, at)
}

/// The screen as the view draws it: each row's cells.
fn cells(app: &App) -> Vec<Vec<String>> {
    let (w, h) = app.viewport;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::view(frame, app, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol().to_owned()).collect())
        .collect()
}

/// Where `text` is first drawn on screen: its first cell.
fn drawn(app: &App, text: &str) -> (u16, u16) {
    let want: Vec<char> = text.chars().collect();
    for (y, row) in cells(app).iter().enumerate() {
        for x in 0..row.len() {
            let here = row[x..].iter().take(want.len()).map(String::as_str);
            if here.eq(want
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str))
            {
                return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
            }
        }
    }
    panic!("{text:?} is not on screen")
}

fn col_named(app: &App, name: &str) -> usize {
    app.columns.iter().position(|c| c.name == name).unwrap()
}

fn grouped(width: u16, height: u16) -> App {
    let text = include_str!("../../../tests/fixtures/projects/several-tables.md");
    let stored = Stored::in_memory(
        Board::detect(markdown::parse(text).unwrap()).unwrap(),
        Some(PathBuf::from("several-tables.md")),
    );
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.resize(width, height);
    assert!(
        app.grouped,
        "a board of several tables shows their headings"
    );
    app
}

// ---------------------------------------------------------------------------------------------
// Clicks

#[test]
fn a_click_on_a_card_focuses_it() {
    let mut app = app();
    let at = drawn(&app, "GPU Support");
    assert_eq!(click(&mut app, at), None);
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(title(&app), "GPU Support");
    // Anywhere on its lines: its second line too, to the column's inner edge.
    let at = drawn(&app, "Client Libraries");
    click(&mut app, (at.0 + 20, at.1 + 1));
    assert_eq!(title(&app), "Client Libraries");
    assert_eq!(app.pointer.drag, None, "a click holds nothing afterwards");
}

#[test]
fn a_click_on_a_heading_focuses_the_column() {
    let mut app = app();
    focus(&mut app, "GPU Support");
    click_on(&mut app, "ideation");
    assert_eq!(column_name(&app), "ideation");
    assert_eq!(title(&app), "Omnibus Maintenance");
    // The heading's whole border row, its count too.
    let (_, y) = drawn(&app, "No state");
    click(&mut app, (3, y));
    assert_eq!(app.focus, Focus { col: 0, row: 0 });
}

#[test]
fn a_click_on_a_heading_focuses_the_first_card_the_column_shows() {
    let mut app = app();
    keys(&mut app, "G");
    let offset = app.row_offsets[0];
    assert!(offset > 0);
    focus(&mut app, "GPU Support");
    click_on(&mut app, "No state");
    assert_eq!(
        app.focus,
        Focus {
            col: 0,
            row: offset
        }
    );
}

#[test]
fn clicks_on_empty_space_do_nothing() {
    let mut app = seed(true);
    app.resize(120, 40);
    focus(&mut app, "GPU Support");
    let before = (app.focus, app.col_offset, app.row_offsets.clone());
    let (x, y) = drawn(&app, "Omnibus Maintenance");
    let below_cards = (x, y + 12);
    let no_cards = drawn(&app, "no cards");
    let status = (5, 38);
    let title_bar = (5, 0);
    let gap = (x, y + 3);
    let left_border = (x - 2, y);
    for at in [below_cards, no_cards, status, title_bar, gap, left_border] {
        assert_eq!(click(&mut app, at), None, "{at:?}");
        assert_eq!(
            (app.focus, app.col_offset, app.row_offsets.clone()),
            before,
            "a click at {at:?} changed the board"
        );
        assert!(matches!(app.mode, Mode::Board));
    }
}

#[test]
fn a_click_on_a_collapsed_column_focuses_it() {
    let mut app = app();
    keys(&mut app, "z");
    let col = col_named(&app, "spec-approved");
    assert!(app.is_collapsed(col));
    let (_, rect) = app
        .column_rects()
        .into_iter()
        .find(|&(c, _)| c == col)
        .unwrap();
    click(&mut app, (rect.x + 1, rect.y + 5));
    assert_eq!(app.focus.col, col);
}

#[test]
fn every_card_drawn_is_the_card_a_click_there_focuses() {
    let mut checked = 0;
    for (width, height) in [(80, 24), (120, 40), (200, 50), (30, 8)] {
        let mut boards = vec![seed(true), grouped(width, height)];
        boards[0].resize(width, height);
        keys(&mut boards[0], "lljjjjjjj");
        for app in &boards {
            for (col, rect) in app.column_rects() {
                let offset = app.row_offsets[col];
                for row in offset..app.shown(col).len() {
                    let mut drawn_focused = app.clone();
                    drawn_focused.focus = Focus { col, row };
                    // The focus bar marks the lines of the card drawn at that row, unless the
                    // focus moved the column's offset (the card is not drawn).
                    drawn_focused.scroll_into_view();
                    if drawn_focused.row_offsets[col] != offset
                        || app.col_offset != drawn_focused.col_offset
                    {
                        break;
                    }
                    let screen = cells(&drawn_focused);
                    let bars: Vec<(u16, u16)> = (rect.y..rect.bottom())
                        .filter(|&y| screen[usize::from(y)][usize::from(rect.x + 1)] == "▌")
                        .map(|y| (rect.x + 1, y))
                        .collect();
                    assert!(!bars.is_empty(), "{width}x{height}: no bar for {col}/{row}");
                    for (x, y) in bars {
                        let right = rect.right() - 2;
                        for at in [(x, y), (right, y)] {
                            assert_eq!(
                                app.spot_at(at.0, at.1),
                                Some(Spot::Card { col, row }),
                                "{width}x{height}: the card drawn at {at:?}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 300, "{checked} cells checked");
}

#[test]
fn in_lanes_every_card_drawn_is_the_card_a_click_there_focuses_and_a_label_toggles_its_lane() {
    let mut checked = 0;
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = seed(true);
        app.resize(width, height);
        keys(&mut app, "ss");
        assert!(app.lanes_on());
        for (col, rect) in app.column_rects() {
            for row in 0..app.shown(col).len() {
                let mut focused = app.clone();
                focused.focus = Focus { col, row };
                focused.scroll_into_view();
                let screen = cells(&focused);
                let bars: Vec<(u16, u16)> = (rect.y..rect.bottom())
                    .filter(|&y| screen[usize::from(y)][usize::from(rect.x + 1)] == "▌")
                    .map(|y| (rect.x + 1, y))
                    .collect();
                if bars.is_empty() {
                    // Below the bands drawn.
                    continue;
                }
                for (x, y) in bars {
                    assert_eq!(
                        focused.spot_at(x, y),
                        Some(Spot::Card { col, row }),
                        "{width}x{height}: the card drawn at {x},{y}"
                    );
                    checked += 1;
                }
            }
        }
        // A click on a lane's label collapses it, another expands it.
        let (x, y) = drawn(&app, "▾ ");
        let Some(Spot::Lane { lane, .. }) = app.spot_at(x, y) else {
            panic!("no lane label at {x},{y}")
        };
        click(&mut app, (x, y));
        assert!(app.lane_collapsed(lane));
        click(&mut app, (x, y));
        assert!(!app.lane_collapsed(lane));
    }
    assert!(checked > 50, "{checked} cells checked");
}

// ---------------------------------------------------------------------------------------------
// Double click, wheel

#[test]
fn a_double_click_opens_the_card() {
    let mut app = app();
    let at = drawn(&app, "GPU Support");
    double_click(&mut app, at);
    assert!(matches!(app.mode, Mode::Card { .. }));
    assert_eq!(title(&app), "GPU Support");
    // A click closes it.
    click(&mut app, (2, 2));
    assert!(matches!(app.mode, Mode::Board));
    assert_eq!(title(&app), "GPU Support");
    // On empty space, nothing opens.
    double_click(&mut app, (5, 0));
    assert!(matches!(app.mode, Mode::Board));
}

#[test]
fn the_wheel_scrolls_the_column_under_the_pointer_and_the_focus_follows() {
    let mut app = app();
    let page = app.page();
    let rows = app.shown(0).len();
    let over_first = drawn(&app, "No state");
    wheel(&mut app, true, over_first);
    assert_eq!(app.row_offsets[0], 1);
    assert_eq!(
        app.focus,
        Focus { col: 0, row: 1 },
        "the focus stays on screen"
    );
    for _ in 0..40 {
        wheel(&mut app, true, (over_first.0, over_first.1 + 5));
    }
    assert_eq!(
        app.row_offsets[0],
        rows - page,
        "no further than the last card"
    );
    assert_eq!(app.focus.row, rows - page);
    wheel(&mut app, false, over_first);
    assert_eq!(app.row_offsets[0], rows - page - 1);
    assert_eq!(app.focus.row, rows - page, "still on screen: it stays");
    assert_focus_in_view(&app);

    // Another column scrolls alone; the focus stays where it is.
    let mut app = seed(true);
    app.resize(80, 16);
    let col = col_named(&app, "spec-definition");
    let focus = app.focus;
    let at = drawn(&app, "spec-definition");
    wheel(&mut app, true, at);
    assert_eq!(app.row_offsets[col], 1);
    assert_eq!(app.focus, focus);
    // Nothing to scroll outside the columns.
    wheel(&mut app, true, (1, 0));
    assert_eq!(app.row_offsets[0], 0);
}

#[test]
fn the_wheel_scrolls_the_card_and_the_help() {
    let mut app = app();
    keys(&mut app, "?");
    wheel(&mut app, true, (40, 12));
    wheel(&mut app, true, (40, 12));
    assert!(matches!(app.mode, Mode::Help { scroll: 2, .. }));
    wheel(&mut app, false, (40, 12));
    assert!(matches!(app.mode, Mode::Help { scroll: 1, .. }));
    click(&mut app, (40, 12));
    assert!(matches!(app.mode, Mode::Board));
}

#[test]
fn clicks_do_not_answer_questions_or_leave_a_form() {
    let mut app = app();
    keys(&mut app, "d");
    click(&mut app, (40, 12));
    assert!(matches!(app.mode, Mode::Confirm { .. }));
    keys(&mut app, "n");
    keys(&mut app, "e");
    click(&mut app, (1, 1));
    drag(&mut app, (1, 1), (40, 10));
    assert!(matches!(app.mode, Mode::Form(_)));
}

// ---------------------------------------------------------------------------------------------
// Dragging

#[test]
fn dragging_a_card_onto_another_column_moves_it_and_undo_brings_it_back() {
    let mut app = app();
    let from = drawn(&app, "GPU Support");
    let onto = drawn(&app, "Omnibus Maintenance");
    let effect = drag(&mut app, from, (onto.0, onto.1 + 10));
    assert_eq!(effect, Some(Effect::Save));
    assert_eq!(column_name(&app), "ideation", "the focus follows the card");
    assert_eq!(title(&app), "GPU Support");
    assert_eq!(message(&app), "moved to ideation");
    let card = app.stored.board.find("GPU Support").unwrap();
    let card = app.stored.board.card(card).unwrap();
    assert_eq!(app.stored.board.value(card, 4), "ideation");
    assert_eq!(app.pointer.drag, None);

    // As H would: one change, one undo.
    let mut by_key = self::app();
    focus(&mut by_key, "GPU Support");
    keys(&mut by_key, "H");
    assert_eq!(by_key.stored.board.export(), app.stored.board.export());
    keys(&mut app, "u");
    assert_eq!(app.stored.board.export(), self::app().stored.board.export());
}

#[test]
fn dropping_on_a_heading_moves_too() {
    let mut app = app();
    drag_onto(&mut app, "Keeping up with Cosmos", "spec-definition");
    assert_eq!(column_name(&app), "spec-definition");
    assert_eq!(title(&app), "Keeping up with Cosmos");
}

#[test]
fn dragging_within_a_column_reorders_as_j_would() {
    let mut app = app();
    let from = drawn(&app, "Keeping up with Cosmos");
    let third = drawn(&app, "CI/ CD Workflows");
    assert_eq!(drag(&mut app, from, third), Some(Effect::Save));
    let mut by_key = self::app();
    keys(&mut by_key, "JJ");
    assert_eq!(titles_of(&app, 0), titles_of(&by_key, 0));
    assert_eq!(titles_of(&app, 0)[2], "Keeping up with Cosmos");
    assert_eq!(app.focus, Focus { col: 0, row: 2 });
    // And back up onto the first card, as K would; each drag one undo step.
    let first = drawn(&app, "Private Image Reposito");
    drag(&mut app, (first.0, first.1 + 6), first);
    assert_eq!(titles_of(&app, 0)[0], "Keeping up with Cosmos");
    keys(&mut app, "u");
    assert_eq!(titles_of(&app, 0), titles_of(&by_key, 0));
    keys(&mut app, "u");
    assert_eq!(titles_of(&app, 0), titles_of(&self::app(), 0));
}

#[test]
fn dropped_below_the_cards_it_goes_last_of_those_shown() {
    let mut app = app();
    let from = drawn(&app, "Omnibus Maintenance");
    let (x, y) = drawn(&app, "Content Moderation");
    drag(&mut app, from, (x, y + 10));
    assert_eq!(
        titles_of(&app, 1),
        ["Content Moderation", "Omnibus Maintenance"]
    );
}

#[test]
fn a_press_and_release_in_place_or_a_drop_outside_the_board_moves_nothing() {
    let mut app = app();
    let before = app.stored.board.export();
    let at = drawn(&app, "GPU Support");
    assert_eq!(drag(&mut app, at, at), None);
    assert_eq!(drag(&mut app, at, (at.0, 0)), None, "onto the title bar");
    assert_eq!(drag(&mut app, at, (at.0, 23)), None, "onto the hints");
    assert_eq!(app.stored.board.export(), before);
    assert_eq!(title(&app), "GPU Support");
}

#[test]
fn a_key_lets_go_of_the_card() {
    let mut app = app();
    let from = drawn(&app, "GPU Support");
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), from);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), (2, 5));
    assert_eq!(app.dragging().map(|d| d.over), Some(Some(0)));
    keys(&mut app, "l");
    assert_eq!(app.pointer.drag, None);
    assert_eq!(
        mouse(&mut app, MouseEventKind::Up(MouseButton::Left), (2, 5)),
        None
    );
    assert_eq!(app.stored.board.export(), self::app().stored.board.export());
}

#[test]
fn other_buttons_and_sideways_scrolling_are_not_actions() {
    for kind in [
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Down(MouseButton::Middle),
        MouseEventKind::Moved,
        MouseEventKind::ScrollLeft,
    ] {
        let event = MouseEvent {
            kind,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(Mouse::from_event(event), None, "{kind:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// A board of several tables: a divider row tops each column

#[test]
fn on_a_grouped_board_clicks_find_the_cards_below_the_dividers() {
    let mut app = grouped(80, 24);
    let final_col = col_named(&app, "Final");
    let (x, y) = drawn(&app, "Beta");
    let divider = drawn(&app, "Accepted");
    assert_eq!(divider.1 + 1, drawn(&app, "Alpha").1);
    click(&mut app, (x, y));
    assert_eq!(title(&app), "Beta");
    click(&mut app, divider);
    assert_eq!(title(&app), "Beta", "a divider is no card");
    click_on(&mut app, "Alpha");
    assert_eq!(
        app.focus,
        Focus {
            col: final_col,
            row: 0
        }
    );
}

#[test]
fn on_a_grouped_board_drags_move_and_reorder_within_a_table() {
    let mut app = grouped(80, 24);
    // Beta above Alpha.
    drag_onto(&mut app, "Beta", "Alpha");
    assert_eq!(titles_of(&app, col_named(&app, "Final")), ["Beta", "Alpha"]);
    // Gamma onto Final: it joins the column, in its own table.
    drag_onto(&mut app, "Gamma", "Final");
    assert_eq!(column_name(&app), "Final");
    let final_col = col_named(&app, "Final");
    assert_eq!(titles_of(&app, final_col), ["Beta", "Alpha", "Gamma"]);
    // Dragged to the top of the column, it stays in its table: the nearest place is its own.
    assert_eq!(drag_onto(&mut app, "Gamma", "Beta"), None);
    assert_eq!(titles_of(&app, final_col), ["Beta", "Alpha", "Gamma"]);
    keys(&mut app, "uu");
    assert_eq!(titles_of(&app, final_col), ["Alpha", "Beta"]);
}

#[test]
fn the_wheel_walks_the_hidden_columns_and_the_lanes_as_the_arrows_do() {
    let mut app = app();
    // Two columns hidden, then listed.
    keys(&mut app, "cc");
    keys(&mut app, "C");
    assert!(matches!(app.mode, Mode::Hidden { selected: 0 }));
    wheel(&mut app, true, (40, 12));
    assert!(matches!(app.mode, Mode::Hidden { selected: 1 }));
    wheel(&mut app, false, (40, 12));
    assert!(matches!(app.mode, Mode::Hidden { selected: 0 }));
    press(&mut app, KeyCode::Esc);
    // Lanes by Community Group; the lane picker.
    let mut app = super::app();
    keys(&mut app, "ss");
    focus(&mut app, "GPU Support");
    keys(&mut app, "S");
    let Mode::LanePicker { selected } = app.mode else {
        panic!("{:?}", app.mode)
    };
    wheel(&mut app, false, (40, 12));
    assert!(matches!(app.mode, Mode::LanePicker { selected: s } if s + 1 == selected));
}
