//! What a person sees: the whole screen drawn into a `TestBackend` and compared with the accepted
//! snapshots in `tests/snapshots/`. Drawn with the plain theme, so a snapshot is the text alone.
//!
//! After a deliberate change of the view: `INSTA_UPDATE=always cargo test --test snapshots`, then
//! read every changed `.snap` as a person would before committing it.

#![allow(clippy::unwrap_used)]

#[path = "common/screen.rs"]
mod screen;

use std::path::PathBuf;

use mdboard::action::{Action, Mouse};
use mdboard::app::{App, Disk, Level, Mode};
use mdboard::board::Board;
use mdboard::keymap::Keymap;
use mdboard::markdown;
use mdboard::store::{self, Stored};
use mdboard::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Modifier;
use screen::{draw, focus, keys, screen};

fn board_of(text: &str, width: u16, height: u16) -> App {
    let doc = markdown::parse(text).unwrap();
    let stored = Stored::in_memory(
        Board::detect(doc).unwrap(),
        Some(PathBuf::from("projects.md")),
    );
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.resize(width, height);
    app
}

fn seed(width: u16, height: u16) -> App {
    board_of(store::BUNDLED, width, height)
}

#[test]
fn seed_board_80x24() {
    let app = seed(80, 24);
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(text.contains("Keeping up with Cosmos"));
    assert!(text.contains("7 more ▶"));
    let hints = text.lines().last().unwrap();
    assert!(
        hints.trim_end().ends_with("? help   q quit"),
        "hints cut mid-word, or help and quit dropped: {hints}"
    );
    insta::assert_snapshot!("seed_80x24", terminal.backend());
}

#[test]
fn seed_board_120x40() {
    let terminal = draw(&seed(120, 40));
    insta::assert_snapshot!("seed_120x40", terminal.backend());
}

#[test]
fn seed_board_200x50_shows_all_ten_columns() {
    let app = seed(200, 50);
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("seed_200x50", terminal.backend());
    let header = text.lines().nth(1).unwrap();
    for column in &app.columns {
        assert!(
            header.contains(&column.name),
            "{} missing from {header}",
            column.name
        );
    }
    assert!(!text.contains("more ▶"));
}

#[test]
fn empty_columns_collapsed_at_80x24() {
    let mut app = seed(80, 24);
    keys(&mut app, "z");
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("collapsed_80x24", terminal.backend());
    for name in ["No state", "ideation", "spec-defini", "implementat"] {
        assert!(text.contains(name), "{name}");
    }
    assert!(!text.contains("more ▶"));
}

#[test]
fn board_scrolled_sideways_to_the_last_column() {
    let mut app = seed(80, 24);
    keys(&mut app, "lllllllll");
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("scrolled_to_last_column_80x24", terminal.backend());
    assert!(text.contains("abandoned"));
    assert!(text.contains("◀ 7 more"));
}

#[test]
fn board_scrolled_to_the_middle_shows_both_indicators() {
    let mut app = seed(80, 24);
    keys(&mut app, "lllll");
    let text = screen(&draw(&app));
    let title = text.lines().next().unwrap();
    assert!(title.contains("◀") && title.contains("▶"), "{title}");
}

/// The one row read otherwise than GitHub reads it says so in its card view.
#[test]
fn card_view_of_a_row_continued_on_the_next_line() {
    let mut app = seed(80, 24);
    focus(&mut app, "Cloud Parity Foundational Features");
    keys(&mut app, "\n");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("continues on line 42; GitHub shows two rows"));
    insta::assert_snapshot!("card_continued_row_80x24", terminal.backend());
}

#[test]
fn card_view_of_gpu_support() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "\n");
    assert!(matches!(app.mode, Mode::Card { .. }));
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(text.contains("../wg-gpu"), "link targets shown");
    insta::assert_snapshot!("card_gpu_support_80x24", terminal.backend());
}

#[test]
fn help_of_the_board() {
    let mut app = seed(80, 24);
    keys(&mut app, "?");
    let terminal = draw(&app);
    insta::assert_snapshot!("help_80x24", terminal.backend());
}

#[test]
fn help_of_the_board_tall() {
    // Tall enough for every key of the board (42 rows since `[` and `]` joined them).
    let mut app = seed(80, 42);
    keys(&mut app, "?");
    let terminal = draw(&app);
    let text = screen(&terminal);
    for what in [
        "previous column",
        "next card with a conflict",
        "quit (everything is saved)",
        "suspend",
    ] {
        assert!(text.contains(what), "{what}");
    }
    insta::assert_snapshot!("help_80x42", terminal.backend());
}

#[test]
fn help_of_setting_a_field_on_marked_cards() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "vjve");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("Set a field on 2 cards"));
    insta::assert_snapshot!("bulk_edit_80x24", terminal.backend());
    // Tall enough for its keys, the typing keys and the mouse.
    app.resize(80, 36);
    app.handle_key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE));
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("help_bulk_80x36", terminal.backend());
    assert!(
        text.contains("Set a field on marked cards (here)"),
        "{text}"
    );
    for not_here in ["save the card", "line break", "next known state"] {
        let here = text.split("Mouse").next().unwrap();
        assert!(!here.contains(not_here), "{not_here}: {text}");
    }
}

#[test]
fn tiny_terminal_30x8() {
    let terminal = draw(&seed(30, 8));
    insta::assert_snapshot!("tiny_30x8", terminal.backend());
}

#[test]
fn too_small_terminals_say_so() {
    let terminal = draw(&seed(10, 3));
    assert!(screen(&terminal).contains("Too small"));
    insta::assert_snapshot!("too_small_10x3", terminal.backend());
    let terminal = draw(&seed(1, 1));
    insta::assert_snapshot!("too_small_1x1", terminal.backend());
}

#[test]
fn edit_form_of_gpu_support() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t");
    assert!(matches!(app.mode, Mode::Form(_)));
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(
        text.contains("Description      Everything related"),
        "a field without the focus shows its start"
    );
    insta::assert_snapshot!("form_gpu_support_80x24", terminal.backend());
}

#[test]
fn edit_form_on_the_state_field() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t\t\t\t");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("states: "));
    insta::assert_snapshot!("form_state_field_80x24", terminal.backend());
}

#[test]
fn the_form_names_its_keys_as_the_keymap_binds_them() {
    let mut app = seed(100, 24);
    // Enter and PgDn rebound: the next keys bound to save and to the next state are named.
    app.keymap = Keymap::default()
        .with_user_file(
            r#"{ "form": { "ctrl+s": submit, "enter": new_line, "pgdn": next_field } }"#,
        )
        .unwrap();
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t\t\t\t");
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    keys(&mut app, "impl");
    let text = screen(&draw(&app));
    assert!(
        text.contains("Ctrl+S save · Tab next · Alt+Enter new line · Esc cancel"),
        "{text}"
    );
    assert!(
        text.contains("states: implementation (Ctrl+N/PgUp)"),
        "{text}"
    );
}

#[test]
fn edit_form_with_a_state_the_board_does_not_know() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t\t\t\t");
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    keys(&mut app, "shipping");
    let terminal = draw(&app);
    assert!(
        screen(&terminal).contains("not a known state yet: saving asks before adding it"),
        "{}",
        screen(&terminal)
    );
    insta::assert_snapshot!("form_new_state_80x24", terminal.backend());
}

#[test]
fn add_form() {
    let mut app = seed(80, 24);
    keys(&mut app, "lla");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("Add card"));
    insta::assert_snapshot!("form_add_80x24", terminal.backend());
}

#[test]
fn state_picker() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "mjj");
    assert!(matches!(app.mode, Mode::Picker { .. }));
    let terminal = draw(&app);
    insta::assert_snapshot!("picker_80x24", terminal.backend());
}

#[test]
fn delete_confirmation() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "d");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("Delete “GPU Support”?"));
    insta::assert_snapshot!("delete_80x24", terminal.backend());
}

#[test]
fn write_prompt_of_the_bundled_board() {
    let doc = markdown::parse(store::BUNDLED).unwrap();
    let stored = Stored::in_memory(Board::detect(doc).unwrap(), None);
    let mut app = App::new(stored, Disk::Bundled, Keymap::default());
    app.resize(80, 24);
    keys(&mut app, "w");
    let terminal = draw(&app);
    assert!(screen(&terminal).contains("projects.md"));
    insta::assert_snapshot!("write_prompt_80x24", terminal.backend());
}

const WIDE: &str = "\
# Wide text

| Project Name | Label | Description | Community Group | State |
| --- | --- | --- | --- | --- |
| 漢字のプロジェクト名はとても長いです | 多言語 | 日本語の説明文がここに入ります。とても長い説明です。 | 中文组 | ideation |
| 🎉🎉 Party 🎉 planning for the whole 🌍 | 🏷️ emoji | Families: 👨‍👩‍👧‍👦 and flags 🇯🇵🇫🇷 | 🧑‍💻 devs | ideation |
| Ünïcödé ñame with combining e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301} | x | y | z | ideation |
| 한국어 제목도 길게 써 봅니다 정말로 | 라벨 | 설명 | 그룹 | done |

| State | Description |
| --- | --- |
| ideation | An idea |
| done | Done |
";

#[test]
fn wide_characters_are_cut_with_an_ellipsis() {
    let app = board_of(WIDE, 80, 24);
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(text.contains('…'));
    insta::assert_snapshot!("wide_text_80x24", terminal.backend());
}

#[test]
fn wide_characters_in_the_card_view() {
    let mut app = board_of(WIDE, 60, 20);
    keys(&mut app, "l\n");
    let terminal = draw(&app);
    insta::assert_snapshot!("wide_text_card_60x20", terminal.backend());
}

const HOSTILE: &str = "\
# Hostile \u{1b}]0;pwned\u{7} title

| Project Name | Label | Description | Community Group | State |
| --- | --- | --- | --- | --- |
| Red \u{1b}[31mALERT\u{1b}[0m and clear \u{1b}[2J | bell\u{7}\u{7} | C1 \u{9b}6n and \u{85}next line | right-to-left \u{202e}txet.exe | ideation |
| Isolate \u{2066}abc\u{2069} and delete \u{7f} and tab\tin | x\u{0}nul | y | z | ideation |

| State | Description |
| --- | --- |
| ideation | An idea |
";

#[test]
fn control_characters_are_shown_as_placeholders() {
    let mut app = board_of(HOSTILE, 80, 24);
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(text.contains('␛'), "ESC shown as ␛");
    insta::assert_snapshot!("hostile_board_80x24", terminal.backend());
    keys(&mut app, "l\n");
    let terminal = draw(&app);
    insta::assert_snapshot!("hostile_card_80x24", terminal.backend());
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut app, "e");
    let terminal = draw(&app);
    let text = screen(&terminal);
    assert!(
        text.contains("Red ␛[31mALERT"),
        "the form shows placeholders too"
    );
    assert!(text.contains("bell␇␇"), "and in fields without the focus");
    insta::assert_snapshot!("hostile_form_80x24", terminal.backend());
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut app, "d");
    let terminal = draw(&app);
    insta::assert_snapshot!("hostile_delete_80x24", terminal.backend());
}

// ---------------------------------------------------------------------------------------------
// Searching (issue 5)

/// Where `needle` starts on the screen: (x, y) of its first cell.
fn find_on_screen(terminal: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in 0..buffer.area.width {
            starts.push((line.len(), x));
            line.push_str(buffer[(x, y)].symbol());
        }
        if let Some(at) = line.find(needle) {
            let x = starts.iter().find(|&&(b, _)| b == at).unwrap().1;
            return (x, y);
        }
    }
    panic!("{needle:?} is not on the screen:\n{}", screen(terminal));
}

/// Which of the `len` cells from `(x, y)` carry every modifier of the `matched` style.
fn marked_cells(terminal: &Terminal<TestBackend>, (x, y): (u16, u16), len: u16) -> Vec<bool> {
    let matched = Theme::plain().matched.add_modifier;
    assert_eq!(matched, Modifier::UNDERLINED | Modifier::BOLD);
    let buffer = terminal.backend().buffer();
    (x..x + len)
        .map(|x| buffer[(x, y)].modifier.contains(matched))
        .collect()
}

#[test]
fn filtered_board_with_highlights() {
    let mut app = seed(120, 40);
    focus(&mut app, "GPU Support");
    // Loosely, so that cards matching elsewhere than in their title show too.
    keys(&mut app, "/~gpu\n");
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("search_gpu_120x40", terminal.backend());
    // Headers count the matches of their column.
    assert!(
        text.contains("spec-definition") && text.contains("5/6"),
        "{text}"
    );
    assert!(text.contains("9/19"), "No state: {text}");
    assert!(
        !text.contains("Docs site migration"),
        "non-matching cards are hidden"
    );

    // "GPU" of "GPU Support" is marked, " Support" is not.
    let title = find_on_screen(&terminal, "GPU Support");
    let marks = marked_cells(&terminal, title, 11);
    assert_eq!(marks[..3], [true; 3], "GPU marked");
    assert_eq!(marks[3..], [false; 8], " Support not marked");
    // So is its label, on the line below.
    let label = find_on_screen(&terminal, "gpu · wg-gpu");
    assert_eq!(marked_cells(&terminal, label, 3), [true; 3]);
    // A card matching elsewhere than in its title has no mark in it.
    let other = find_on_screen(&terminal, "Console Authorize");
    assert!(
        marked_cells(&terminal, other, 17).iter().all(|&m| !m),
        "no match in this title"
    );
}

#[test]
fn search_line_with_an_error() {
    let mut app = seed(80, 24);
    keys(&mut app, "/label:gpu");
    // Pasted at once: the results of `label:gpu` stay under the error.
    app.paste(" owner:x");
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("search_error_80x24", terminal.backend());
    let line = text.lines().nth(22).unwrap();
    assert!(line.starts_with(" /label:gpu owner:x"), "{line}");
    // The error takes the hints' line, so the list of fields shows.
    let below = text.lines().nth(23).unwrap();
    assert!(below.contains("unknown field \"owner\""), "{below}");
    assert!(below.contains("Project Name, Label"), "{below}");
    assert!(text.contains("GPU Support"), "the last results stay");
}

#[test]
fn status_bar_with_a_kept_filter() {
    let mut app = seed(80, 24);
    keys(&mut app, "/label:gpu\n");
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("search_kept_80x24", terminal.backend());
    let status = text.lines().nth(22).unwrap();
    assert!(
        status.starts_with(" /label:gpu 1 shown · ✓ in sync"),
        "{status}"
    );
    assert!(text.contains("GPU Support"));
    // Esc clears it: the status bar is back to the file alone.
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let text = screen(&draw(&app));
    let status = text.lines().nth(22).unwrap();
    assert!(status.starts_with(" ✓ in sync"), "{status}");
    assert!(status.contains("search cleared"), "{status}");
}

/// The message the board gives when another mdboard holds it, as the runtime hands it over.
const IN_USE: &str = "the board is in use by mdboard, process 4242; opened read-only (changes are \
refused)";

#[test]
fn a_message_too_long_for_the_status_line_is_shown_whole() {
    let mut app = seed(80, 24);
    app.notify(Level::Warning, IN_USE);
    app.notify(
        Level::Error,
        "projects.md changed on disk since the board last read or wrote it, and the board has \
         changes the file does not; both kept as they are (export --force overwrites the file, \
         reset drops the board's changes)",
    );
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("long_message_80x24", terminal.backend());
    assert!(text.contains("reset drops the board's changes)"), "{text}");
    // The next key puts the board back; the status line keeps the message, cut.
    keys(&mut app, "j");
    let text = screen(&draw(&app));
    assert!(!text.contains("reset drops"), "{text}");
    assert!(text.contains("projects.md changed on"), "{text}");
    // A message that fits is not repeated above the status line.
    app.notify(Level::Info, "moved to design");
    let text = screen(&draw(&app));
    assert_eq!(text.matches("moved to design").count(), 1, "{text}");
}

#[test]
fn a_warning_shown_whole_is_titled_a_warning_and_an_error_an_error() {
    let mut app = seed(80, 24);
    app.notify(Level::Warning, IN_USE);
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("long_warning_80x24", terminal.backend());
    assert!(text.contains("╭ Warning ─"), "{text}");
    assert!(text.contains("│ ⚠ the board is in use"), "{text}");
    assert!(!text.contains("Error"), "{text}");
    let long = "not written: projects.md: permission denied (os error 13); the board keeps its \
                changes, w tries again";
    app.notify(Level::Error, long);
    let text = screen(&draw(&app));
    assert!(text.contains("╭ Error ─"), "{text}");
    assert!(text.contains("│ ! not written"), "{text}");
    app.notify(Level::Info, format!("{long}, as an aside"));
    let text = screen(&draw(&app));
    assert!(text.contains("╭ Message ─"), "{text}");
    assert!(text.contains("│ · not written"), "{text}");
}

#[test]
fn the_session_messages_newest_first() {
    let mut app = seed(80, 24);
    app.notify(Level::Warning, IN_USE);
    focus(&mut app, "GPU Support");
    keys(&mut app, "LuHM");
    let terminal = draw(&app);
    insta::assert_snapshot!("messages_80x24", terminal.backend());
    let text = screen(&terminal);
    let newest = text.find("moved to ideation").unwrap();
    let oldest = text.find("the board is in use").unwrap();
    assert!(newest < oldest, "{text}");
}

const MULTI_LINE: &str = "\
| Project Name | Label | Description | Community Group | State |
| --- | --- | --- | --- | --- |
| GPU Support | gpu | Everything GPU:<br>drivers<br>providers<br>pricing | wg-gpu | ideation |
| Docs | docs | One line | sig-docs | ideation |
";

#[test]
fn the_form_shows_every_line_of_a_multi_line_value() {
    let mut app = board_of(MULTI_LINE, 80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "e\t\t");
    let terminal = draw(&app);
    insta::assert_snapshot!("form_multi_line_80x24", terminal.backend());
    let text = screen(&terminal);
    for line in ["Everything GPU:", "drivers", "providers", "pricing"] {
        assert!(text.contains(line), "{line}: {text}");
    }
    // Alt+Enter breaks the line where the cursor is: the form grows by a line.
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    keys(&mut app, "margins");
    let text = screen(&draw(&app));
    assert!(
        text.contains("pricing") && text.contains("margins"),
        "{text}"
    );
}

#[test]
fn a_form_taller_than_the_screen_keeps_the_cursor_in_view() {
    let long = (1..=30)
        .map(|i| format!("line {i}<br>"))
        .collect::<Vec<_>>()
        .concat();
    let doc = MULTI_LINE.replace("One line", &long);
    let mut app = board_of(&doc, 80, 24);
    focus(&mut app, "Docs");
    keys(&mut app, "e\t\t");
    // The cursor is at the end of the value: its last lines show, the first ones do not.
    let text = screen(&draw(&app));
    assert!(text.contains("line 30"), "{text}");
    assert!(!text.contains("line 2 "), "{text}");
    assert!(text.contains('↑'), "says there is more above: {text}");
    // Up to the first line: the top of the form shows again.
    for _ in 0..30 {
        app.handle_key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    }
    let text = screen(&draw(&app));
    assert!(
        text.contains("line 1") && text.contains("Project Name"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// The mouse (issue 14)

fn mouse(app: &mut App, kind: MouseEventKind, (x, y): (u16, u16)) {
    let event = MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    if let Some(m) = Mouse::from_event(event) {
        app.update(Action::Mouse(m));
    }
}

#[test]
fn dragging_a_card_shows_the_column_it_would_land_in() {
    let mut app = seed(80, 24);
    let terminal = draw(&app);
    let gpu = find_on_screen(&terminal, "GPU Support");
    let ideation = find_on_screen(&terminal, "ideation");
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), gpu);
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (ideation.0, 12),
    );
    let terminal = draw(&app);
    insta::assert_snapshot!("dragging_80x24", terminal.backend());
    let text = screen(&terminal);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains("let go move it to ideation"),
        "{text}"
    );
    // The border of ideation stands out, all around; the others do not.
    let buffer = terminal.backend().buffer();
    let drop = Theme::plain().drop.add_modifier;
    let (_, rect) = app.column_rects()[1];
    for (x, y) in [
        (rect.x, rect.y),
        (rect.right() - 1, rect.y + 5),
        (rect.x + 5, rect.bottom() - 1),
        (rect.x, rect.bottom() - 1),
    ] {
        assert!(buffer[(x, y)].modifier.contains(drop), "({x}, {y})");
    }
    assert!(
        !buffer[(rect.x + 5, rect.y + 1)].modifier.contains(drop),
        "not inside"
    );
    assert!(!buffer[(0, rect.y)].modifier.contains(drop), "not No state");

    // Back over its own column, then let go outside: nothing moved, nothing stands out.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), gpu);
    let text = screen(&draw(&app));
    assert!(text.contains("let go reorder it in its column"), "{text}");
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (gpu.0, 0),
    );
    let text = screen(&draw(&app));
    assert!(
        text.contains("let go outside the columns: nothing moves"),
        "{text}"
    );
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), (gpu.0, 0));
    let terminal = draw(&app);
    assert_eq!(
        screen(&terminal),
        screen(&draw(&{
            let mut fresh = seed(80, 24);
            focus(&mut fresh, "GPU Support");
            fresh
        }))
    );
}

#[test]
fn the_help_says_what_the_mouse_does_and_when_it_is_off() {
    // Tall enough for the board's keys and the mouse's lines after them.
    let mut app = seed(80, 60);
    keys(&mut app, "?");
    let text = screen(&draw(&app));
    for what in ["Mouse", "double click", "open the card", "drag a card"] {
        assert!(text.contains(what), "{what}: {text}");
    }
    app.pointer.enabled = false;
    let text = screen(&draw(&app));
    assert!(!text.contains("double click"), "{text}");
    assert!(
        text.contains("--no-mouse or mouse: false in config.ron"),
        "{text}"
    );
}

#[test]
fn d_shows_the_changes_not_written_back() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "LLK");
    focus(&mut app, "Economics 2.0");
    keys(&mut app, "e\t-v2\n");
    focus(&mut app, "Omnibus Maintenance");
    keys(&mut app, "H");
    // Unwritten changes: the hints offer D.
    let text = screen(&draw(&seed_wide(&app)));
    assert!(text.contains("D changes"), "{text}");
    keys(&mut app, "D");
    let terminal = draw(&app);
    insta::assert_snapshot!("changes_80x24", terminal.backend());
    let text = screen(&terminal);
    assert!(
        text.contains("GPU Support  moved spec-definition → design"),
        "{text}"
    );
    assert!(text.contains("Esc close"), "{text}");
}

#[test]
fn d_on_a_board_in_sync_says_so() {
    let mut app = seed(60, 12);
    let text = screen(&draw(&seed_wide(&app)));
    assert!(!text.contains("D changes"), "nothing to look at: {text}");
    keys(&mut app, "D");
    let terminal = draw(&app);
    insta::assert_snapshot!("changes_none_60x12", terminal.backend());
}

#[test]
fn taking_theirs_for_the_last_difference_says_in_sync() {
    let mut app = seed(80, 24);
    focus(&mut app, "GPU Support");
    keys(&mut app, "L");
    // The file changed outside: GPU Support went to ideation there.
    let row = store::BUNDLED
        .lines()
        .find(|l| l.starts_with("| GPU Support"))
        .unwrap();
    let theirs = store::BUNDLED.replace(row, &row.replace("| spec-definition |", "| ideation |"));
    let focused = app.focused_card_id();
    let what = app.stored.absorb(&theirs).unwrap();
    app.followed(&what, focused);
    keys(&mut app, "\n>q");
    assert_eq!(app.stored.board.export(), theirs);
    let terminal = draw(&app);
    let text = screen(&terminal);
    insta::assert_snapshot!("took_theirs_in_sync_80x24", terminal.backend());
    let status = text.lines().nth(22).unwrap();
    assert!(status.starts_with(" ✓ in sync"), "{status}");
    assert!(!text.contains("D changes"), "nothing to look at: {text}");
    keys(&mut app, "D");
    assert!(screen(&draw(&app)).contains("No changes."));
}

/// The app at 120 columns, room for every hint.
fn seed_wide(app: &App) -> App {
    let mut wide = app.clone();
    wide.resize(120, 24);
    wide
}
