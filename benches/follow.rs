//! Following an outside change of the file on screen, at 1,000 and 10,000 cards: the board has
//! one change of its own not written back (a card moved), the file one row changed outside (its
//! title). Timed: the three-way merge of the text last read, the board's and the file's, the
//! board rebuilt on the file's text with its own change on top (`Stored::absorb`), the app
//! rebuilt (columns, groups, lanes) and one 200x50 frame drawn into a `TestBackend` that has
//! drawn the board before the change. Not timed: the watcher's debounce before it, and the
//! board's save to the data directory after it (the runtime's `Store::follow_file` does both
//! around what is timed here).
//!
//! `cargo bench --bench follow`.
#![allow(clippy::unwrap_used)]

#[path = "common/documents.rs"]
mod documents;
#[path = "common/generator.rs"]
mod generator;

use std::cell::RefCell;
use std::path::PathBuf;

use divan::{Bencher, black_box};
use mdboard::app::{App, Disk};
use mdboard::board::Board;
use mdboard::keymap::Keymap;
use mdboard::markdown;
use mdboard::store::Stored;
use mdboard::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use documents::text;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn main() {
    divan::main();
}

/// The app of `n` cards at 200x50, in sync with its file but for one change of its own (the
/// tenth card moved to another state), and the file's new text: the title of the middle card
/// changed outside.
fn setup(n: usize) -> (App, String) {
    let doc = text(n);
    let board = Board::detect(markdown::parse(doc).unwrap()).unwrap();
    let mut stored = Stored::in_memory(board, Some(PathBuf::from("projects.md")));

    let board = &stored.board;
    let card = &board.cards[10];
    let col = board.state_col_of(card);
    let state = board
        .cards
        .iter()
        .map(|c| &c.cells[board.state_col_of(c)])
        .find(|s| !s.is_empty() && **s != card.cells[col])
        .unwrap()
        .clone();
    let change = board.edit(card.id, &[(col, state)]).unwrap();
    stored.board.apply(change).unwrap();
    stored.note_change();
    assert!(stored.unsynced());

    let projects = &stored.board.layout.tables[0];
    let table = &stored.board.doc.tables[projects.table];
    let title = table.cell_range(doc, n / 2, projects.title).unwrap();
    assert!(!title.is_empty());
    let theirs = format!(
        "{}changed outside{}",
        &doc[..title.start],
        &doc[title.end..]
    );

    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.resize(WIDTH, HEIGHT);
    (app, theirs)
}

#[divan::bench(args = [1_000, 10_000], sample_count = 30, sample_size = 1, max_time = 20)]
fn outside_change_to_frame(bencher: Bencher, n: usize) {
    let (ready, theirs) = setup(n);
    let theme = Theme::color();
    let terminal = RefCell::new(Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap());

    // What is timed does what it says: one row followed, the board's change kept, no conflict.
    let mut check = ready.clone();
    let what = check.stored.absorb(&theirs).unwrap();
    assert_eq!(what.changes.rows(), 1, "{what}");
    assert_eq!((what.kept, what.conflicts), (1, 0), "{what}");
    assert!(what.undoable);

    bencher
        .with_inputs(|| {
            // The screen as it was before the file changed.
            let app = ready.clone();
            terminal
                .borrow_mut()
                .draw(|frame| ui::view(frame, &app, &theme))
                .unwrap();
            app
        })
        .bench_local_values(|mut app| {
            let focused = app.focused_card_id();
            let what = app.stored.absorb(black_box(&theirs)).unwrap();
            app.followed(&what, focused);
            terminal
                .borrow_mut()
                .draw(|frame| ui::view(frame, &app, &theme))
                .unwrap();
            app
        });
}
