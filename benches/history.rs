//! Time in state from git: the history of a 1,000-row document over 1,000 commits, worked out
//! the first time and from the board's cache.
//!
//! `cargo bench --bench history`. The repository is made once per run under cargo's
//! `target/tmp` with `git fast-import` (a few seconds): the generated list of 1,000 cards
//! (`benches/common/generator.rs`), then 999 commits, each moving three cards to another
//! state as the board moves them. What is timed is what the board's history thread does:
//! `git log`, one `git cat-file --batch` reading every version, each version followed, the
//! file on disk and the board on top.
#![allow(clippy::unwrap_used)]

#[path = "common/documents.rs"]
mod documents;
#[path = "common/generator.rs"]
mod generator;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use mdboard::board::{Board, CardId, Choice};
use mdboard::markdown;
use mdboard::timeline::read::{self, Kept};
use tempfile::TempDir;

const COMMITS: usize = 1_000;
const CARDS: usize = 1_000;
const FILE: &str = "docs/projects.md";

fn main() {
    divan::main();
}

/// The repository, made once per run.
fn repository() -> &'static (TempDir, PathBuf) {
    static REPO: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    REPO.get_or_init(|| {
        let dir = documents::scratch();
        let work = dir.path().join("repo");
        std::fs::create_dir_all(&work).unwrap();
        git(&work, &["init", "-q", "-b", "main"], None);
        let mut stream = Vec::new();
        let mut board = Board::detect(markdown::parse(documents::text(CARDS)).unwrap()).unwrap();
        let mut seed: u64 = 7;
        for k in 0..COMMITS {
            if k > 0 {
                for _ in 0..3 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let columns = board.columns();
                    let card =
                        &board.cards[usize::try_from(seed >> 33).unwrap() % board.cards.len()];
                    if board.is_section(card) {
                        continue;
                    }
                    let to =
                        &columns[1 + usize::try_from(seed >> 40).unwrap() % (columns.len() - 1)];
                    if let Some(change) = board.move_to(card.id, to) {
                        board.apply(change).unwrap();
                    }
                }
            }
            let text = board.export();
            let time = 1_500_000_000 + i64::try_from(k).unwrap() * 86_400;
            write!(stream, "blob\nmark :{}\ndata {}\n", 2 * k + 1, text.len()).unwrap();
            stream.extend_from_slice(text.as_bytes());
            let message = format!("version {k}");
            write!(
                stream,
                "\ncommit refs/heads/main\nmark :{}\nauthor A{} <a@example.com> {time} +0000\n\
                 committer C <c@example.com> {time} +0000\ndata {}\n{message}\n",
                2 * k + 2,
                k % 7,
                message.len()
            )
            .unwrap();
            if k > 0 {
                writeln!(stream, "from :{}", 2 * k).unwrap();
            }
            writeln!(stream, "M 100644 :{} {FILE}\n", 2 * k + 1).unwrap();
        }
        git(&work, &["fast-import", "--quiet"], Some(&stream));
        git(&work, &["checkout", "-q", "main"], None);
        let file = work.join(FILE);
        (dir, file)
    })
}

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(input) = input {
        stdin.write_all(input).unwrap();
    }
    drop(stdin);
    assert!(child.wait().unwrap().success(), "git {args:?}");
}

/// The board of the file as it stands, and its cards' ids.
fn board_of(file: &Path) -> (String, Vec<CardId>) {
    let text = std::fs::read_to_string(file).unwrap();
    let board = Board::detect(markdown::parse(&text).unwrap()).unwrap();
    let ids = board.cards.iter().map(|c| c.id).collect();
    (board.export(), ids)
}

fn history(file: &Path, cache: Option<&Kept>, board: &(String, Vec<CardId>)) -> read::ForBoard {
    let on_disk = std::fs::read(file).unwrap();
    read::for_board(
        file,
        &Choice::default(),
        cache,
        Some(&on_disk),
        (&board.0, &board.1),
        read::now(),
    )
    .unwrap()
    .unwrap()
}

/// No cache: every version read and followed.
#[divan::bench(sample_count = 10, max_time = 60)]
fn first_time(bencher: Bencher) {
    let (_, file) = repository();
    let board = board_of(file);
    bencher.bench(|| {
        let found = history(black_box(file), None, &board);
        assert!(found.cache.is_some());
        found
    });
}

/// The cache at the file's last commit: `git log -1`, the last version read, the file and the
/// board followed from it.
#[divan::bench(sample_count = 30, max_time = 20)]
fn from_cache(bencher: Bencher) {
    let (_, file) = repository();
    let board = board_of(file);
    let cache = history(file, None, &board).cache.unwrap();
    bencher.bench(|| {
        let found = history(black_box(file), Some(&cache), &board);
        assert!(found.cache.is_none());
        found
    });
}
