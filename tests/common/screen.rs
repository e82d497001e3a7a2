//! What the screen tests share: keys typed into the app, the app drawn into a `TestBackend`
//! with the plain theme, and the screen read back as text. Not every test file uses every one.

#![allow(dead_code)]

use mdboard::app::App;
use mdboard::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Presses each character as a key: `\n` is Enter, `\t` Tab, capitals come with Shift as
/// terminals send them.
pub fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let (code, mods) = match c {
            '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            '\t' => (KeyCode::Tab, KeyModifiers::NONE),
            c if c.is_ascii_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.handle_key(KeyEvent::new(code, mods));
    }
}

/// Focuses the card of this title, in view.
pub fn focus(app: &mut App, title: &str) {
    let id = app.stored.board.find(title).unwrap();
    assert!(app.focus_card(id));
    app.scroll_into_view();
}

/// Draws the app at its viewport's size; checks that no control character reached a cell.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.viewport;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::view(frame, app, &Theme::plain()))
        .unwrap();
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(raw),
            "a control character reached the terminal: {:?}",
            cell.symbol()
        );
    }
    terminal
}

/// A character that must never reach the terminal: controls (C0, DEL, C1) and bidi overrides.
fn raw(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

/// The screen as lines of text.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
