//! Benchmarks of what a person feels, at 1,000, 10,000 and 100,000 cards: a keystroke to its
//! frame, a move to its frame and to the disk, a filtering keystroke, and opening a file to the
//! first frame.
//!
//! `cargo bench --bench app`. Every frame is the whole screen, 200x50, drawn by `ui::view` into a
//! `TestBackend` through `Terminal::draw` (which also diffs it against the previous frame), as the
//! runtime draws after each event. The documents come from `benches/common/generator.rs`, the
//! same text `cargo run --release --example gen -- N` prints; boards on disk live under cargo's
//! `target/tmp`, in a store directory of their own (no XDG directory is read or written).
#![allow(clippy::unwrap_used, clippy::wildcard_imports)]

#[path = "common/documents.rs"]
mod documents;
#[path = "common/generator.rs"]
mod generator;

use std::cell::RefCell;
use std::path::PathBuf;

use divan::{Bencher, black_box};
use mdboard::app::{App, Disk, Effect};
use mdboard::board::{Board, History};
use mdboard::keymap::Keymap;
use mdboard::markdown;
use mdboard::store::{self, Store, Stored};
use mdboard::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use documents::{SIZES, scratch, source, tables_source, text};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn main() {
    divan::main();
}

/// The app of `n` cards at 200x50, its board in memory, in sync with its file.
fn app(n: usize) -> App {
    let board = Board::detect(markdown::parse(text(n)).unwrap()).unwrap();
    let stored = Stored::in_memory(board, Some(PathBuf::from("projects.md")));
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.resize(WIDTH, HEIGHT);
    app
}

/// A 200x50 terminal that has drawn `app` once, so the next draw diffs against a real frame.
fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    draw(&mut terminal, app);
    terminal
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| ui::view(frame, app, &Theme::color()))
        .unwrap();
}

/// A key as the terminal sends it (capitals with Shift).
fn key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// Focuses the busiest column, so that moves and steps have cards to work on.
fn focus_busiest(app: &mut App) {
    let col = (0..app.columns.len())
        .max_by_key(|&c| app.shown(c).len())
        .unwrap();
    app.focus.col = col;
    app.focus.row = 0;
    app.scroll_into_view();
}

/// Presses `forward` until it changes nothing, then `back` until that changes nothing, and so
/// on: every press does something (at the end of the board, the no-op and the press back).
struct PingPong {
    forward: char,
    back: char,
    going: bool,
}

impl PingPong {
    fn new(forward: char, back: char) -> Self {
        Self {
            forward,
            back,
            going: true,
        }
    }

    fn press(&mut self, app: &mut App) -> Option<Effect> {
        let before = app.focus;
        let c = if self.going { self.forward } else { self.back };
        let effect = app.handle_key(key(c));
        if app.focus == before && effect.is_none() {
            self.going = !self.going;
            let c = if self.going { self.forward } else { self.back };
            return app.handle_key(key(c));
        }
        effect
    }
}

mod open {
    use super::*;

    /// Opening a file to its first frame, the first time: `Store::open` (read, parse, build,
    /// write the snapshot and the RON file), `App::new`, `resize`, one draw.
    #[divan::bench(args = SIZES, sample_count = 15, sample_size = 1, max_time = 15)]
    fn first_time(bencher: Bencher, n: usize) {
        let (_dir, path) = source(n);
        bencher
            .with_inputs(scratch)
            .bench_local_values(|store_dir| {
                let store = Store::new(store_dir.path().to_owned());
                let (stored, _) = store.open(Some(&path)).unwrap();
                let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
                app.resize(WIDTH, HEIGHT);
                let terminal = terminal(&app);
                // Dropped (and the directory removed) after timing.
                (app, terminal, store_dir)
            });
    }

    /// `first_time` of a document of 200 tables of 500 cards: as many cards as the largest
    /// `first_time`, which it is compared with.
    #[divan::bench(sample_count = 15, sample_size = 1, max_time = 15)]
    fn first_time_200_tables(bencher: Bencher) {
        let (_dir, path) = tables_source();
        bencher
            .with_inputs(scratch)
            .bench_local_values(|store_dir| {
                let store = Store::new(store_dir.path().to_owned());
                let (stored, _) = store.open(Some(&path)).unwrap();
                let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
                app.resize(WIDTH, HEIGHT);
                let terminal = terminal(&app);
                (app, terminal, store_dir)
            });
    }

    /// The same when the board exists: every launch after the first.
    #[divan::bench(args = SIZES, sample_count = 15, sample_size = 1, max_time = 15)]
    fn board_exists(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        drop(store.open(Some(&path)).unwrap());
        bencher.bench_local(|| {
            let (stored, _) = store.open(Some(&path)).unwrap();
            let disk = mdboard::runtime::disk_state(&stored);
            let mut app = App::new(stored, disk, Keymap::default());
            app.resize(WIDTH, HEIGHT);
            let terminal = terminal(&app);
            (app, terminal)
        });
    }
}

mod keystroke {
    use super::*;

    /// `j`, down a card (`k` back up at the end of the column), and the frame.
    #[divan::bench(args = SIZES, sample_count = 200, max_time = 5)]
    fn down(bencher: Bencher, n: usize) {
        let mut app = app(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('j', 'k');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// `l`, right a column (`h` back at the last one), and the frame.
    #[divan::bench(args = SIZES, sample_count = 200, max_time = 5)]
    fn right(bencher: Bencher, n: usize) {
        let mut app = app(n);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('l', 'h');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// The frame alone, nothing changed: what drawing costs.
    #[divan::bench(args = SIZES, sample_count = 200, max_time = 5)]
    fn frame_only(bencher: Bencher, n: usize) {
        let mut app = app(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        bencher.bench_local(|| draw(&mut terminal, black_box(&app)));
    }
}

mod move_card {
    use super::*;

    /// A board of `n` cards opened from a file through a `Store` in a directory of its own (kept
    /// while the first value lives), the focus on the busiest column.
    fn on_disk(n: usize) -> (TempDir, Store, App) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (stored, _) = store.open(Some(&path)).unwrap();
        let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
        app.resize(WIDTH, HEIGHT);
        focus_busiest(&mut app);
        (dir, store, app)
    }

    /// `L`, the focused card into the next column (`H` back from the last one), and the frame.
    /// The save the move asks for is not carried out here: see `durable`.
    #[divan::bench(args = SIZES, sample_count = 50, max_time = 10)]
    fn frame(bencher: Bencher, n: usize) {
        let mut app = app(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('L', 'H');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// The same with a filter in force (`/gpu`, Enter): the board is filtered again after the
    /// move.
    #[divan::bench(args = SIZES, sample_count = 50, max_time = 10)]
    fn frame_filtered(bencher: Bencher, n: usize) {
        let mut app = app(n);
        for c in "/gpu".chars() {
            app.handle_key(key(c));
        }
        app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('L', 'H');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// `J`, the focused card below the next one of its column (`K` back up at the end), and the
    /// frame.
    #[divan::bench(args = SIZES, sample_count = 50, max_time = 10)]
    fn reorder(bencher: Bencher, n: usize) {
        let mut app = app(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('J', 'K');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// What makes the move durable: `Store::save` after each `L`/`H` (only the save is timed),
    /// with up to 1,000 changes in the history; past 1,000 a save compacts (`core`'s
    /// `store::save_compacting`).
    #[divan::bench(args = SIZES, sample_count = 40, sample_size = 1, max_time = 10)]
    fn durable(bencher: Bencher, n: usize) {
        let (_dir, store, app) = on_disk(n);
        let mut keys = PingPong::new('L', 'H');
        let app = RefCell::new(app);
        bencher
            .with_inputs(|| assert!(keys.press(&mut app.borrow_mut()).is_some()))
            .bench_local_values(|()| {
                let app = &mut *app.borrow_mut();
                app.stored.focus = app.saved_focus();
                store.save(&mut app.stored).unwrap();
            });
    }
    /// What the input thread does to make a move durable on screen: the board file made
    /// (`Store::prepare_save`, the history as RON) and handed to the saving thread; the writing
    /// and its `fsync` happen there, while the frame is drawn.
    #[divan::bench(args = SIZES, sample_count = 40, sample_size = 1, max_time = 10)]
    fn on_screen(bencher: Bencher, n: usize) {
        let (_dir, store, app) = on_disk(n);
        let mut keys = PingPong::new('L', 'H');
        let app = RefCell::new(app);
        bencher
            .with_inputs(|| assert!(keys.press(&mut app.borrow_mut()).is_some()))
            .bench_local_values(|()| {
                let app = &mut *app.borrow_mut();
                app.stored.focus = app.saved_focus();
                divan::black_box(store.prepare_save(&app.stored).unwrap());
            });
    }
}

mod views {
    use super::*;

    /// The app in lanes by Community Group (`s` until it is).
    fn in_lanes(n: usize) -> App {
        let mut app = app(n);
        for _ in 0..4 {
            if app
                .lanes
                .as_ref()
                .is_some_and(|l| matches!(&l.by, store::LaneBy::Field(f) if f == "Community Group"))
            {
                break;
            }
            app.handle_key(key('s'));
        }
        assert!(app.lanes_on(), "lanes by Community Group");
        app
    }

    /// A frame of the board in lanes by Community Group, nothing changed.
    #[divan::bench(args = SIZES, sample_count = 100, max_time = 5)]
    fn lanes_frame(bencher: Bencher, n: usize) {
        let mut app = in_lanes(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        bencher.bench_local(|| draw(&mut terminal, black_box(&app)));
    }

    /// `j` in lanes (`k` back at the end of the column), and the frame.
    #[divan::bench(args = SIZES, sample_count = 100, max_time = 5)]
    fn lanes_down(bencher: Bencher, n: usize) {
        let mut app = in_lanes(n);
        focus_busiest(&mut app);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('j', 'k');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }

    /// `L` with 1,000 cards marked (`H` back once they reach the last column), and the frame:
    /// one change of 1,000 moves.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 10)]
    fn move_1000_marked(bencher: Bencher, n: usize) {
        let mut app = app(n);
        focus_busiest(&mut app);
        let ids: Vec<_> = app
            .stored
            .board
            .cards
            .iter()
            .take(1000)
            .map(|c| c.id)
            .collect();
        app.marked.extend(ids);
        let mut terminal = terminal(&app);
        let mut keys = PingPong::new('L', 'H');
        bencher.bench_local(|| {
            keys.press(&mut app);
            draw(&mut terminal, &app);
        });
    }
}

/// What a save would cost if interactive saves never compacted: the RON text of a history of `k`
/// moves (as `Store::save` writes it, less its few other fields) written atomically. The history
/// does not depend on the number of cards.
#[divan::bench(args = [1_000, 5_000, 20_000], sample_count = 20, sample_size = 1, max_time = 10)]
fn uncompacted_save(bencher: Bencher, k: usize) {
    let mut app = app(1_000);
    focus_busiest(&mut app);
    let mut keys = PingPong::new('L', 'H');
    while app.stored.board.history.done.len() < k {
        keys.press(&mut app);
    }
    let history: History = app.stored.board.history.clone();
    let dir = scratch();
    let path = dir.path().join("board.ron");
    bencher.bench_local(|| {
        let text =
            ron::ser::to_string_pretty(&history, ron::ser::PrettyConfig::default().depth_limit(4))
                .unwrap();
        store::write_atomic(&path, text.as_bytes()).unwrap();
    });
}

mod filter {
    use super::*;

    /// The app with `/` pressed and `typed` typed (its frames drawn), the search index built.
    fn searching(n: usize, typed: &str) -> App {
        let mut app = app(n);
        for c in "/x".chars() {
            app.handle_key(key(c));
        }
        app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        for c in typed.chars() {
            app.handle_key(key(c));
        }
        app
    }

    /// One character typed into the search line, the board filtered and drawn; the app before it
    /// is a clone of one prepared once (not timed).
    fn typing(bencher: Bencher, n: usize, typed: &str, c: char) {
        let ready = searching(n, typed);
        let mut terminal = terminal(&ready);
        bencher
            .with_inputs(|| ready.clone())
            .bench_local_values(|mut app| {
                app.handle_key(key(c));
                draw(&mut terminal, &app);
                app
            });
    }

    /// `g` after `/`: every card tested.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 10)]
    fn g(bencher: Bencher, n: usize) {
        typing(bencher, n, "", 'g');
    }

    /// `p` after `/g`: the matches of `g` tested again.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 10)]
    fn gp(bencher: Bencher, n: usize) {
        typing(bencher, n, "g", 'p');
    }

    /// `u` after `/gp`.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 10)]
    fn gpu(bencher: Bencher, n: usize) {
        typing(bencher, n, "gp", 'u');
    }

    /// Enter in the search line after `typed`: the matches ranked, the focus on the best, and
    /// the frame; the app before it is a clone of one prepared once (not timed).
    fn enter(bencher: Bencher, n: usize, typed: &str) {
        let ready = searching(n, typed);
        let mut terminal = terminal(&ready);
        bencher
            .with_inputs(|| ready.clone())
            .bench_local_values(|mut app| {
                app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                draw(&mut terminal, &app);
                app
            });
    }

    /// Enter after `/g`: nearly every card a match, every one ranked.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1, max_time = 10)]
    fn enter_after_g(bencher: Bencher, n: usize) {
        enter(bencher, n, "g");
    }

    /// Enter after `/gpu`.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1, max_time = 10)]
    fn enter_after_gpu(bencher: Bencher, n: usize) {
        enter(bencher, n, "gpu");
    }

    /// `/` then `g` once the runtime has built the index while no key was waiting
    /// (`App::warm_up`, right after the first frame).
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1, max_time = 10)]
    fn first_search_warmed(bencher: Bencher, n: usize) {
        let mut ready = app(n);
        ready.warm_up();
        let mut terminal = terminal(&ready);
        bencher
            .with_inputs(|| ready.clone())
            .bench_local_values(|mut app| {
                app.handle_key(key('/'));
                draw(&mut terminal, &app);
                app.handle_key(key('g'));
                draw(&mut terminal, &app);
                app
            });
    }

    /// `/` then `g` on a board never searched: the search index is built on the way.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1, max_time = 10)]
    fn first_search(bencher: Bencher, n: usize) {
        let ready = app(n);
        let mut terminal = terminal(&ready);
        bencher
            .with_inputs(|| ready.clone())
            .bench_local_values(|mut app| {
                app.handle_key(key('/'));
                draw(&mut terminal, &app);
                app.handle_key(key('g'));
                draw(&mut terminal, &app);
                app
            });
    }
}
