//! Board views (issue 14) as a person sees them and as the board keeps them: hidden columns,
//! marks, lanes and limits, drawn into a `TestBackend` and compared with the accepted snapshots.

#![allow(clippy::unwrap_used)]

use std::fs;

use mdboard::app::{App, Disk};
use mdboard::keymap::Keymap;
use mdboard::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let (code, mods) = match c {
            '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            c if c.is_ascii_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.handle_key(KeyEvent::new(code, mods));
    }
}

#[test]
fn hidden_and_collapsed_columns_are_kept_with_the_board() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("projects.md");
    fs::write(&file, mdboard::store::BUNDLED).unwrap();
    let store = Store::new(work.path().join("data"));
    let (stored, _) = store.open(Some(&file)).unwrap();
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    keys(&mut app, "llcz");
    store.save(&mut app.stored).unwrap();
    drop(app);

    let (stored, _) = store.open(Some(&file)).unwrap();
    assert_eq!(stored.view.hidden, ["spec-definition"]);
    assert!(stored.view.collapse_empty);
    let app = App::new(stored, Disk::Unchanged, Keymap::default());
    assert_eq!(app.hidden_columns().len(), 1);
    // Nothing of the document changed.
    assert_eq!(app.stored.board.export(), mdboard::store::BUNDLED);
}
