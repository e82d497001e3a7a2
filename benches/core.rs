//! Benchmarks of the core at 1,000, 10,000 and 100,000 cards: reading the document, building the
//! board, exporting, saving and loading the board through the store, and one durable move.
//!
//! `cargo bench --bench core`; the documents come from `benches/common/generator.rs`, the same
//! text `cargo run --release --example gen -- N` prints. The boards live under cargo's
//! `target/tmp`, on the disk the build uses, so that `fsync` costs what it costs there.
#![allow(clippy::unwrap_used, clippy::wildcard_imports)]

#[path = "common/documents.rs"]
mod documents;
#[path = "common/generator.rs"]
mod generator;

use divan::{Bencher, black_box};
use mdboard::board::{Board, Change, Column};
use mdboard::markdown::{self, Document};
use mdboard::store::{Store, Stored};

use documents::{SIZES, scratch, source, text};

fn main() {
    divan::main();
}

fn doc(n: usize) -> Document {
    markdown::parse(text(n)).unwrap()
}

/// The columns of a board, worked out once: a move only needs the target's state.
fn columns_of(board: &Board) -> Vec<Column> {
    board.columns()
}

/// A move of the middle card into the first or second state of the states table, whichever it
/// is not in, as the screen would build it (the columns are the ones on screen).
fn a_move(board: &Board, columns: &[Column]) -> Change {
    let id = board.cards[board.cards.len() / 2].id;
    let card = board.card(id).unwrap();
    let there = if board.state_of(card) == columns[1].state {
        &columns[2]
    } else {
        &columns[1]
    };
    board.move_to(id, there).unwrap()
}

mod document {
    use super::*;

    /// `markdown::parse` of the whole document.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 10)]
    fn parse(bencher: Bencher, n: usize) {
        let text = text(n);
        bencher.bench(|| markdown::parse(black_box(text)).unwrap());
    }
}

mod board {
    use super::*;

    /// A board from a parsed document, its layout detected (the document's clone is not timed).
    #[divan::bench(args = SIZES, sample_count = 30, sample_size = 1, max_time = 10)]
    fn new(bencher: Bencher, n: usize) {
        let doc = doc(n);
        bencher
            .with_inputs(|| doc.clone())
            .bench_local_values(|doc| Board::detect(doc).unwrap());
    }

    /// `board.columns()`: every card sorted into its state's column.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 10)]
    fn columns(bencher: Bencher, n: usize) {
        let board = Board::detect(doc(n)).unwrap();
        bencher.bench_local(|| black_box(&board).columns());
    }

    /// `board.export()` after one move: the whole document written back.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 10)]
    fn export(bencher: Bencher, n: usize) {
        let mut board = Board::detect(doc(n)).unwrap();
        let change = a_move(&board, &columns_of(&board));
        board.apply(change).unwrap();
        bencher.bench_local(|| black_box(&board).export());
    }
}

mod store {
    use super::*;

    /// `Store::open` of a file without a board: parse, build, write the snapshot and the RON.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 15)]
    fn open_first(bencher: Bencher, n: usize) {
        let (_dir, path) = source(n);
        bencher
            .with_inputs(scratch)
            .bench_local_values(|store_dir| {
                let store = Store::new(store_dir.path().to_owned());
                let opened = store.open(Some(&path)).unwrap();
                // Dropped (and the directory removed) after timing.
                (opened, store_dir)
            });
    }

    /// `Store::open` of a file whose board exists: what launching does every other time.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 15)]
    fn open_existing(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        store.open(Some(&path)).unwrap();
        bencher.bench_local(|| store.open(Some(&path)).unwrap());
    }

    /// `Store::load`: reading the RON file and the snapshot, replaying the history.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 15)]
    fn load(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (mut stored, _) = store.open(Some(&path)).unwrap();
        let columns = columns_of(&stored.board);
        apply(&store, &mut stored, &columns, 10);
        bencher.bench_local(|| store.load(Some(&path)).unwrap().unwrap());
    }

    /// `Store::save` of a board with a few changes (no compaction).
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 15)]
    fn save(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (mut stored, _) = store.open(Some(&path)).unwrap();
        let columns = columns_of(&stored.board);
        apply(&store, &mut stored, &columns, 10);
        bencher.bench_local(|| store.save(&mut stored).unwrap());
    }

    /// `Store::save` that folds the history into a new snapshot (past 1000 changes).
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1, max_time = 20)]
    fn save_compacting(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (mut stored, _) = store.open(Some(&path)).unwrap();
        let columns = columns_of(&stored.board);
        for _ in 0..1000 {
            let change = a_move(&stored.board, &columns);
            stored.board.apply(change).unwrap();
        }
        bencher
            .with_inputs(|| {
                let mut s = stored.clone();
                let change = a_move(&s.board, &columns);
                s.board.apply(change).unwrap();
                s
            })
            .bench_local_values(|mut s| {
                store.save(&mut s).unwrap();
                s
            });
    }

    /// Applies `k` moves, saving after each, as the screen does.
    fn apply(store: &Store, stored: &mut Stored, columns: &[Column], k: usize) {
        for _ in 0..k {
            durable_move(store, stored, columns);
        }
    }

    fn durable_move(store: &Store, stored: &mut Stored, columns: &[Column]) {
        let change = a_move(&stored.board, columns);
        stored.board.apply(change).unwrap();
        stored.note_change();
        store.save(stored).unwrap();
    }

    /// One move made durable: `move_to`, `apply`, then `Store::save`.
    #[divan::bench(args = SIZES, sample_count = 40, sample_size = 1, max_time = 15)]
    fn move_durable(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (mut stored, _) = store.open(Some(&path)).unwrap();
        let columns = columns_of(&stored.board);
        bencher.bench_local(|| durable_move(&store, &mut stored, &columns));
    }

    /// The same move with 900 changes in the history (the RON file grows with them; 1000 folds).
    #[divan::bench(args = SIZES, sample_count = 40, sample_size = 1, max_time = 15)]
    fn move_durable_long_history(bencher: Bencher, n: usize) {
        let (dir, path) = source(n);
        let store = Store::new(dir.path().join("store"));
        let (mut stored, _) = store.open(Some(&path)).unwrap();
        let columns = columns_of(&stored.board);
        for _ in 0..899 {
            let change = a_move(&stored.board, &columns);
            stored.board.apply(change).unwrap();
        }
        durable_move(&store, &mut stored, &columns);
        bencher.bench_local(|| durable_move(&store, &mut stored, &columns));
    }
}
