//! Trust: tests that try hard to break mdboard. Killed mid-save, two processes on one board,
//! files changed outside, corrupt boards, failing disks, hostile files and tiny terminals.
//!
//! Every test keeps its boards in its own temporary data directory (`XDG_DATA_HOME`).

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    clippy::cast_possible_truncation,
    clippy::similar_names,
    clippy::needless_pass_by_value
)]

#[path = "trust/roundtrip.rs"]
mod roundtrip;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use mdboard::action::Action;
use mdboard::app::{App, Disk};
use mdboard::board::Board;
use mdboard::keymap::Keymap;
use mdboard::markdown::{self, ParseError};
use mdboard::store::Store;
use mdboard::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SAMPLE: &str = "# Plans\n\n\
| Project | Owner | State |\n\
| --- | --- | --- |\n\
| Alpha | ann | ideation |\n\
| Beta | bob | implementation |\n\
| Gamma | cy | |\n\
\n\
| State | Meaning |\n\
| --- | --- |\n\
| ideation | thinking |\n\
| implementation | doing |\n\
| released | done |\n";

/// A data directory and a work directory, and the binary run in them.
struct Env {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            data: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
        }
    }

    /// A markdown file in the work directory.
    fn file(&self, name: &str, text: &[u8]) -> PathBuf {
        let path = self.work.path().join(name);
        fs::write(&path, text).unwrap();
        path
    }

    /// The store the binary uses.
    fn store(&self) -> Store {
        Store::new(self.data.path().join("mdboard"))
    }

    fn store_dir(&self) -> PathBuf {
        self.data.path().join("mdboard")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mdboard"));
        c.args(args)
            .env("XDG_DATA_HOME", self.data.path())
            .env("HOME", self.work.path())
            .current_dir(self.work.path())
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs and expects success: stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mdboard {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure: stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "mdboard {args:?} should fail; it printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// The state of card `name` as `list --json` reads it.
    fn state_of(&self, file: &Path, name: &str) -> String {
        let json = self.ok(&["list", "-f", s(file), "--json"]);
        card_state(&json, name)
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn card_state(json: &str, name: &str) -> String {
    let cards: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let card = cards
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no card {name} in {json}"));
    card["state"].as_str().unwrap().to_owned()
}

/// Every file under `dir` with its bytes and modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let meta = e.metadata().unwrap();
        if meta.is_dir() {
            out.extend(tree(&e.path()));
        } else {
            out.insert(
                e.path(),
                (fs::read(e.path()).unwrap(), meta.modified().unwrap()),
            );
        }
    }
    out
}

/// The board's files, without the lock file (which any opening process takes and writes).
fn board_files(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut t = tree(dir);
    t.retain(|p, _| p.extension().is_none_or(|e| e != "lock"));
    t
}

/// A small xorshift generator: reproducible from the seed printed by the test.
struct Rng(u64);

impl Rng {
    fn seeded() -> Self {
        let seed = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        eprintln!("rng seed {seed}");
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

// ---------------------------------------------------------------------------------------------
// Never lose data
// ---------------------------------------------------------------------------------------------

/// Loads a `.ron.bak` as a board: copied, with the snapshots, into a scratch store as the board
/// file of `source`.
fn load_backup(env: &Env, source: &Path) -> Option<Board> {
    let dir = env.store_dir();
    let ron = env
        .store()
        .board_path(Some(&mdboard::store::absolute(source)));
    let bak = ron.with_extension("ron.bak");
    let bytes = fs::read(&bak).ok()?;
    let scratch = tempfile::tempdir().unwrap();
    for e in fs::read_dir(&dir).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            fs::copy(e.path(), scratch.path().join(e.file_name())).unwrap();
        }
    }
    fs::write(scratch.path().join(ron.file_name().unwrap()), bytes).unwrap();
    let stored = Store::new(scratch.path().to_owned())
        .load(Some(&mdboard::store::absolute(source)))
        .unwrap_or_else(|e| panic!("the backup does not load: {e}"))?;
    Some(stored.board)
}

fn state_in(board: &Board, title: &str) -> String {
    let card = board
        .cards
        .iter()
        .find(|c| board.title(c) == title)
        .unwrap();
    board.state_of(card)
}

/// SIGKILL at a random moment of `mdboard move`, hundreds of times: the board always loads, in
/// the old state or the new one, and so does its backup.
#[test]
fn killed_at_any_moment_the_board_is_old_or_new() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    let states = ["released", "ideation"];
    let mut current = env.state_of(&file, "Alpha");
    assert_eq!(current, "ideation");

    // How long an undisturbed move takes, so that the kills fall before, during and after it.
    let mut took = Duration::ZERO;
    for target in states {
        let start = Instant::now();
        env.ok(&["move", "-f", s(&file), "Alpha", target]);
        took = took.max(start.elapsed());
        current = target.to_owned();
    }
    let window = u64::try_from(took.as_micros()).unwrap() * 3 / 2;

    let mut rng = Rng::seeded();
    let (mut old, mut new) = (0, 0);
    for i in 0..300 {
        let target = states[i % 2];
        let mut child = env
            .cmd(&["move", "-f", s(&file), "Alpha", target])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill();
        let status = child.wait().unwrap();

        let store = env.store();
        let board = store
            .load(Some(&mdboard::store::absolute(&file)))
            .unwrap_or_else(|e| panic!("kill {i}: the board does not load: {e}"))
            .unwrap()
            .board;
        let state = state_in(&board, "Alpha");
        assert!(
            state == current || state == target,
            "kill {i}: Alpha is {state:?}, expected {current:?} or {target:?}"
        );
        if status.success() {
            assert_eq!(
                state, target,
                "kill {i}: the move finished but is not saved"
            );
        }
        if state == target {
            new += 1;
        } else {
            old += 1;
        }
        if let Some(backup) = load_backup(&env, &file) {
            let b = state_in(&backup, "Alpha");
            assert!(states.contains(&b.as_str()), "kill {i}: backup has {b:?}");
        }
        current = state;
        // The full command still reads it, lock and all (every few rounds: it is slower).
        if i % 25 == 0 {
            assert_eq!(env.state_of(&file, "Alpha"), current, "kill {i}");
        }
    }
    eprintln!("{old} kills left the old state, {new} the new one");
    assert!(old > 0 && new > 0, "the kills should fall on both sides");
    assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE, "no --write");
    let litter: Vec<_> = fs::read_dir(env.store_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".mdboard-"))
        .collect();
    // A kill between creating a temporary file and renaming it leaves it behind: never read, and
    // removed by a later save once it is old.
    eprintln!("{} temporary files left by kills", litter.len());
    let long_ago = SystemTime::now() - Duration::from_secs(7200);
    for name in &litter {
        let f = fs::File::options()
            .write(true)
            .open(env.store_dir().join(name))
            .unwrap();
        f.set_modified(long_ago).unwrap();
    }
    // Named like the board, but not like a snapshot of it.
    let stray = env
        .store()
        .board_path(Some(&mdboard::store::absolute(&file)))
        .with_extension("md");
    fs::write(&stray, "not a snapshot").unwrap();
    env.ok(&["move", "-f", s(&file), "Alpha", "ideation"]);
    env.ok(&["move", "-f", s(&file), "Alpha", "released"]);
    for name in &litter {
        assert!(!env.store_dir().join(name).exists(), "{name} removed");
    }
    assert!(
        stray.exists(),
        "a file not named like a snapshot of this board is kept"
    );
}

/// The helper process of the two-process test: holds the board of `MDBOARD_TRUST_HOLD` open
/// until it is killed. Does nothing when run by `cargo test -- --ignored`.
#[test]
#[ignore = "a helper process for two_processes_never_overwrite_each_other"]
fn hold_board_open() {
    let Ok(file) = std::env::var("MDBOARD_TRUST_HOLD") else {
        return;
    };
    let dir = PathBuf::from(std::env::var("MDBOARD_TRUST_STORE").unwrap());
    let (stored, notices) = Store::new(dir).open(Some(Path::new(&file))).unwrap();
    assert!(stored.held_by().is_none(), "{notices:?}");
    println!("holding");
    std::thread::sleep(Duration::from_secs(120));
    drop(stored);
}

#[test]
fn two_processes_never_overwrite_each_other() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    env.ok(&["move", "-f", s(&file), "Alpha", "released"]);

    // In this process: the lock is an OS lock on a file, so it holds against other processes.
    {
        let (stored, _) = env.store().open(Some(&file)).unwrap();
        let before = board_files(&env.store_dir());
        let err = env.fails(&["move", "-f", s(&file), "Beta", "released"]);
        let me = format!("process {}", std::process::id());
        assert!(err.contains("in use") && err.contains(&me), "{err}");
        assert!(err.contains("--write"), "says what works: {err}");
        assert_eq!(board_files(&env.store_dir()), before, "nothing written");
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
        // With --write the change goes into the file itself; the holder follows the file.
        let said = env.ok(&["move", "-f", s(&file), "Beta", "released", "--write"]);
        assert!(said.contains("directly"), "{said}");
        assert_eq!(
            board_files(&env.store_dir()),
            before,
            "the board's files untouched"
        );
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            SAMPLE.replace(
                "| Beta | bob | implementation |",
                "| Beta | bob | released |"
            )
        );
        assert_eq!(env.state_of(&file, "Alpha"), "released", "list still works");
        let err = env.fails(&["reset", "-f", s(&file), "--yes"]);
        assert!(err.contains("in use"), "{err}");
        assert_eq!(board_files(&env.store_dir()), before, "nothing written");
        drop(stored);
    }

    // Another process holds it, and dies by SIGKILL: its lock dies with it.
    let mut holder = Command::new(std::env::current_exe().unwrap())
        .args(["hold_board_open", "--exact", "--ignored", "--nocapture"])
        .env("MDBOARD_TRUST_HOLD", &file)
        .env("MDBOARD_TRUST_STORE", env.store_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = holder.stdout.take().unwrap();
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !seen.contains("holding") {
        assert!(Instant::now() < deadline, "the holder never held the board");
        let mut buf = [0; 256];
        let n = std::io::Read::read(&mut stdout, &mut buf).unwrap();
        assert!(n > 0, "the holder quit: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let err = env.fails(&["move", "-f", s(&file), "Beta", "released"]);
    assert!(
        err.contains(&format!("process {}", holder.id())),
        "names the holder: {err}"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    env.ok(&["move", "-f", s(&file), "Beta", "released"]);
    assert_eq!(env.state_of(&file, "Beta"), "released");
}

#[test]
fn an_outside_change_is_never_overwritten_silently() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    env.ok(&["move", "-f", s(&file), "Alpha", "released"]);
    let theirs = SAMPLE.replace("| Gamma | cy | |", "| Gamma | cy | released |");
    fs::write(&file, &theirs).unwrap();

    // Every write merges: the outside change stays, the board's change joins it.
    env.ok(&["export", "-f", s(&file), "-o", s(&file)]);
    let written = fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        theirs.replace("| Alpha | ann | ideation |", "| Alpha | ann | released |")
    );
    // Through a relative path or a symlink to it, the file is the same file.
    let again = written.replace(
        "| Beta | bob | implementation |",
        "| Beta | bob | ideation |",
    );
    fs::write(&file, &again).unwrap();
    env.ok(&["move", "-f", "plans.md", "Gamma", "ideation"]);
    env.ok(&["export", "-f", "plans.md", "-o", "./plans.md"]);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        again.replace("| Gamma | cy | released |", "| Gamma | cy | ideation |")
    );
    let boards = env.ok(&["boards"]);
    assert!(!boards.contains("not written back"), "{boards}");

    // With no changes of its own, the board follows the file.
    let written = fs::read_to_string(&file).unwrap();
    let again = written.replace("| Alpha | ann | released |", "| Alpha | ann | ideation |");
    fs::write(&file, &again).unwrap();
    assert_eq!(env.state_of(&file, "Alpha"), "ideation");
    env.ok(&["move", "-f", s(&file), "Beta", "released", "--write"]);
    let written = fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        again.replace("| Beta | bob | ideation |", "| Beta | bob | released |")
    );
}

#[test]
fn two_writers_at_once_never_lose_a_change() {
    // Cards moved by many processes at once, each with --write: every move is in the file.
    let env = Env::new();
    let mut text = String::from("| Project | State |\n| --- | --- |\n| P12 | done |\n");
    for i in 0..12 {
        text += "| P";
        text += &i.to_string();
        text += " | ideation |\n";
    }
    let file = env.file("many.md", text.as_bytes());
    env.ok(&["list", "-f", s(&file)]);
    let children: Vec<std::process::Child> = (0..12)
        .map(|i| {
            env.cmd(&["move", "-f", s(&file), &format!("P{i}"), "done", "--write"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        // A writer that found the board held by another wrote the file directly; either way
        // it succeeded.
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let written = fs::read_to_string(&file).unwrap();
    for i in 0..12 {
        assert!(
            written.contains(&format!("| P{i} | done |")),
            "P{i} lost:\n{written}"
        );
    }
}

/// Corrupts the board in each way a board can be unreadable: a clear error naming the file,
/// a line and a column and what to do; the board file and its backup untouched; `reset` recovers.
#[test]
fn an_unreadable_board_is_reported_left_alone_and_reset_recovers() {
    type Corruption = fn(&Path, &Path);
    let cases: [(&str, Corruption, &str); 6] = [
        (
            "corrupt RON",
            |ron, _| {
                let t = fs::read_to_string(ron).unwrap();
                fs::write(ron, t.replacen("history:", "history: {{{", 1)).unwrap();
            },
            "cannot read this board file",
        ),
        (
            "newer schema",
            |ron, _| {
                let t = fs::read_to_string(ron).unwrap();
                let at = format!("schema: {}", mdboard::store::SCHEMA);
                fs::write(ron, t.replacen(&at, "schema: 999", 1)).unwrap();
            },
            "newer mdboard",
        ),
        (
            "truncated",
            |ron, _| {
                let b = fs::read(ron).unwrap();
                fs::write(ron, &b[..b.len() / 2]).unwrap();
            },
            "cannot read this board file",
        ),
        (
            "not UTF-8",
            |ron, _| {
                let mut b = fs::read(ron).unwrap();
                let at = b.len() / 2;
                b[at] = 0xff;
                fs::write(ron, b).unwrap();
            },
            "not valid UTF-8",
        ),
        (
            "snapshot missing",
            |_, snapshot| fs::remove_file(snapshot).unwrap(),
            "is missing",
        ),
        (
            "snapshot changed",
            |_, snapshot| {
                let t = fs::read_to_string(snapshot).unwrap();
                fs::write(snapshot, t.replace("Alpha", "Omega")).unwrap();
            },
            "does not match",
        ),
    ];
    for (what, corrupt, says) in cases {
        let env = Env::new();
        let file = env.file("plans.md", SAMPLE.as_bytes());
        env.ok(&["move", "-f", s(&file), "Alpha", "released"]);
        env.ok(&["move", "-f", s(&file), "Beta", "released"]);
        let ron = env
            .store()
            .board_path(Some(&mdboard::store::absolute(&file)));
        let bak = ron.with_extension("ron.bak");
        assert!(bak.exists());
        let snapshot = fs::read_dir(env.store_dir())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "md"))
            .unwrap();
        corrupt(&ron, &snapshot);
        let before = board_files(&env.store_dir());

        for args in [
            vec!["list", "-f", s(&file)],
            vec!["move", "-f", s(&file), "Gamma", "released"],
            vec!["export", "-f", s(&file), "-o", s(&file), "--force"],
            vec!["reset", "-f", s(&file)],
        ] {
            let err = env.fails(&args);
            let at = format!("{}:", ron.display());
            assert!(err.contains(&at), "{what}, {args:?}: names the file: {err}");
            let place = err.split(&at).nth(1).unwrap();
            let mut nums = place.split(':').take(2).map(str::parse::<usize>);
            assert!(
                matches!((nums.next(), nums.next()), (Some(Ok(_)), Some(Ok(_)))),
                "{what}, {args:?}: a line and a column: {err}"
            );
            assert!(err.contains(says), "{what}, {args:?}: {err}");
            assert!(
                err.contains("mdboard reset -f"),
                "{what}: what to do: {err}"
            );
            assert_eq!(board_files(&env.store_dir()), before, "{what}: left alone");
            assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
        }
        let boards = env.ok(&["boards"]);
        assert!(boards.contains("unreadable"), "{what}: {boards}");

        let out = env.ok(&["reset", "-f", s(&file), "--yes"]);
        assert!(out.contains("kept in"), "{what}: {out}");
        assert_eq!(
            env.state_of(&file, "Alpha"),
            "ideation",
            "{what}: from the file"
        );
        let aside = fs::read_dir(env.store_dir())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.is_dir())
            .unwrap_or_else(|| panic!("{what}: the dropped board is kept"));
        let kept = fs::read(aside.join(ron.file_name().unwrap())).unwrap();
        assert_eq!(kept, before[&ron].0, "{what}: kept byte for byte");
        assert_eq!(
            fs::read(&bak).unwrap(),
            before[&bak].0,
            "{what}: backup kept"
        );
    }
}

#[test]
fn reset_drops_changes_keeps_a_backup_and_asks_first() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    env.ok(&["move", "-f", s(&file), "Alpha", "released"]);
    let before = board_files(&env.store_dir());
    let err = env.fails(&["reset", "-f", s(&file)]);
    assert_eq!(
        err.trim_end(),
        format!(
            "mdboard: not reset: no terminal to ask on; pass --yes to drop the board's 1 \
             change(s) and read {} again",
            s(&file)
        ),
        "one line, no question"
    );
    assert_eq!(
        board_files(&env.store_dir()),
        before,
        "not asked, not reset"
    );
    env.ok(&["reset", "-f", s(&file), "--yes"]);
    assert_eq!(env.state_of(&file, "Alpha"), "ideation");
    let backup = load_backup(&env, &file).unwrap();
    assert_eq!(state_in(&backup, "Alpha"), "released", "the dropped board");
    assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
}

#[test]
fn boards_lists_every_board_and_its_state() {
    let env = Env::new();
    assert!(env.ok(&["boards"]).contains("no boards"));
    let a = env.file("a.md", SAMPLE.as_bytes());
    let b = env.file("b.md", SAMPLE.as_bytes());
    env.ok(&["list", "-f", s(&a)]);
    env.ok(&["move", "-f", s(&b), "Alpha", "released"]);
    env.ok(&["list"]);
    let out = env.ok(&["boards"]);
    assert!(out.contains("(bundled projects.md)"), "{out}");
    assert!(
        out.contains("a.md\n  3 cards, in sync, file unchanged"),
        "{out}"
    );
    assert!(
        out.contains("b.md\n  3 cards, 1 change(s) not written back, file unchanged"),
        "{out}"
    );
    fs::remove_file(&a).unwrap();
    assert!(env.ok(&["boards"]).contains("file missing"));
}

/// A failing disk, simulated with a file size limit (root ignores permissions): the write fails
/// with EFBIG as it would with ENOSPC on a full disk.
fn limited(env: &Env, kib: u32, args: &[&str]) -> Output {
    let mut line = format!(
        "trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"",
        kib * 2 // blocks of 512 bytes in POSIX sh; bash counts KiB, which is only more room
    );
    if cfg!(not(target_os = "linux")) {
        "exec \"$0\" \"$@\"".clone_into(&mut line);
    }
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .arg(env!("CARGO_BIN_EXE_mdboard"))
        .args(args)
        .env("XDG_DATA_HOME", env.data.path())
        .current_dir(env.work.path())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_fails_the_save_clearly_and_keeps_the_board() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    env.ok(&["move", "-f", s(&file), "Alpha", "released"]);
    let before = board_files(&env.store_dir());

    // A change too big for the disk: the board file cannot be written.
    let big = format!("Owner={}", "x".repeat(100_000));
    let out = limited(&env, 32, &["set", "-f", s(&file), "Beta", &big]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the save should fail");
    assert!(
        err.contains(".ron") && err.contains("File too large"),
        "{err}"
    );
    assert_eq!(
        board_files(&env.store_dir()),
        before,
        "the board is as it was"
    );
    assert_eq!(env.state_of(&file, "Alpha"), "released");

    // The board holds a big change; writing the markdown fails and leaves every target as it was.
    env.ok(&["set", "-f", s(&file), "Beta", &big]);
    let other = env.file("other.md", b"someone's file\n");
    for args in [
        vec!["export", "-f", s(&file), "-o", s(&other)],
        vec!["export", "-f", s(&file), "-o", s(&file)],
        vec!["move", "-f", s(&file), "Gamma", "released", "--write"],
    ] {
        let out = limited(&env, 32, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(
            err.contains(".md") && err.contains("File too large"),
            "{err}"
        );
        assert_eq!(fs::read(&other).unwrap(), b"someone's file\n");
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
    }
    let litter = fs::read_dir(env.work.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".mdboard-"))
        .count();
    assert_eq!(litter, 0, "no temporary file left behind");
}

#[test]
fn a_data_directory_that_cannot_exist_is_a_clear_error() {
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    let blocker = env.file("not-a-dir", b"");
    let out = env
        .cmd(&["list", "-f", s(&file)])
        .env("XDG_DATA_HOME", &blocker)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not-a-dir") && err.contains("Not a directory"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);

    let missing = env.work.path().join("no/such/dir/out.md");
    let err = env.fails(&["export", "-f", s(&file), "-o", s(&missing)]);
    assert!(err.contains("out.md"), "{err}");
}

#[test]
#[cfg(unix)]
fn writing_keeps_permissions_and_writes_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let file = env.file("plans.md", SAMPLE.as_bytes());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    env.ok(&["move", "-f", s(&file), "Alpha", "released", "--write"]);
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("| Alpha | ann | released |")
    );

    let real = env.file("real.md", SAMPLE.as_bytes());
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = env.work.path().join("link.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    env.ok(&["move", "-f", s(&link), "Beta", "released", "--write"]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real.md"));
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("| Beta | bob | released |")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o7777,
        0o600
    );

    let out_link = env.work.path().join("out-link.md");
    let out_real = env.file("out-real.md", b"old\n");
    std::os::unix::fs::symlink(&out_real, &out_link).unwrap();
    env.ok(&["export", "-f", s(&file), "-o", s(&out_link)]);
    assert!(
        fs::symlink_metadata(&out_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&out_real).unwrap(),
        fs::read_to_string(&file).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile or strange input
// ---------------------------------------------------------------------------------------------

/// Fails the test if `f` has not finished after `limit`: a hang, not a speed measure.
fn time_boxed<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after {limit:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// A document whose projects table has `rows` rows from `row(i)` (cells after the title).
fn table(header: &str, rows: impl Iterator<Item = String>) -> String {
    let n = header.matches('|').count() - 1;
    let mut t = format!("# Hostile\n\n{header}\n|{}\n", " --- |".repeat(n));
    for r in rows {
        t.push_str(&r);
        t.push('\n');
    }
    t
}

/// Everything a person sees of a board: drawn into a `TestBackend`.
fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| ui::view(f, app, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

/// An app over a board made from `text` in a scratch store.
fn app_of(text: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.md");
    fs::write(&file, text).unwrap();
    let (stored, _) = Store::new(dir.path().join("data"))
        .open(Some(&file))
        .unwrap();
    (App::new(stored, Disk::Unchanged, Keymap::default()), dir)
}

/// Parses, builds the board, exports (byte for byte), lists and draws: the whole read path.
fn read_path(text: String, draw: bool) {
    let doc = markdown::parse(&text).unwrap();
    let board = Board::detect(doc).unwrap();
    assert!(board.export() == text, "exported byte for byte");
    let columns = board.columns();
    let cards = mdboard::commands::cards_json(&board, &columns, None, &[]);
    assert_eq!(cards.len(), board.cards.len());
    if draw {
        let (mut app, _dir) = app_of(&text);
        screen(&app, 80, 24);
        app.update(Action::OpenCard);
        screen(&app, 80, 24);
    }
}

#[test]
fn a_megabyte_cell() {
    let cell = "word ".repeat(200_000);
    let text = table(
        "| Project | Description | State |",
        [
            format!("| Big | {cell} | ideation |"),
            "| Small | x | |".to_owned(),
        ]
        .into_iter(),
    );
    time_boxed("a 1 MB cell", Duration::from_secs(120), move || {
        read_path(text, true);
    });
}

#[test]
fn ten_thousand_columns() {
    let mut header = "| Project | State |".to_owned();
    let mut row = "| Wide | ideation |".to_owned();
    for i in 0..10_000 {
        write!(header, " c{i} |").unwrap();
        write!(row, " v{i} |").unwrap();
    }
    let text = table(&header, std::iter::repeat_n(row, 3));
    time_boxed("10,000 columns", Duration::from_secs(120), move || {
        read_path(text, true);
    });
}

#[test]
fn deeply_nested_brackets() {
    let deep = format!("{}x{}(t)", "[".repeat(100_000), "]".repeat(100_000));
    let parens = format!("[x]{}", "(".repeat(100_000));
    let text = table(
        "| Project | State | Notes |",
        [
            format!("| {deep} | ideation | {deep} |"),
            format!("| {parens} | | {parens} |"),
        ]
        .into_iter(),
    );
    time_boxed("nested brackets", Duration::from_secs(120), move || {
        read_path(text.clone(), true);
        let (mut app, _dir) = app_of(&text);
        for c in ['/', '[', '[', 'x'] {
            app.handle_key(ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char(c),
            ));
        }
        screen(&app, 80, 24);
    });
}

#[test]
#[ignore = "100 MB: run in release by .ci/run"]
fn a_hundred_megabyte_file() {
    let row = |i: usize| {
        format!(
            "| Project {i} | label-{i} | {} | ideation |",
            "d".repeat(80)
        )
    };
    let text = table(
        "| Project | Label | Description | State |",
        (0..1_000_000).map(row),
    );
    assert!(text.len() > 100_000_000);
    time_boxed("100 MB", Duration::from_secs(60), move || {
        read_path(text, false);
    });
}

#[test]
fn invalid_utf8_is_an_error_with_line_and_column() {
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let at = SAMPLE.find("Beta").unwrap() + 2;
    bytes[at] = 0xc3; // a lead byte without its continuation
    assert_eq!(
        markdown::parse_bytes(&bytes),
        Err(ParseError::NotUtf8 { line: 6, column: 5 })
    );
    let env = Env::new();
    let file = env.file("bad.md", &bytes);
    let err = env.fails(&["list", "-f", s(&file)]);
    assert!(err.contains("bad.md:6:5: not valid UTF-8"), "{err}");
    assert!(!env.store_dir().join("bad.md").exists());
    assert_eq!(fs::read(&file).unwrap(), bytes, "left alone");
}

/// Control characters that must never reach a terminal raw.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J",           // ESC: clear screen
    "\u{1b}]0;pwned\u{7}", // OSC: set the title, BEL
    "\u{7}",               // BEL
    "\u{9b}31m",           // C1 CSI
    "\u{85}",              // C1 NEL
    "\u{202e}",            // right-to-left override
    "\u{2066}",            // left-to-right isolate
    "\u{0}",               // NUL
    "\r",                  // carriage return
    "\u{7f}",              // DEL
];

#[test]
fn control_characters_are_shown_as_placeholders_and_exported_as_they_were() {
    let rows = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| format!("| Card{i} {h}x | ideation{h} | {h} note {h} | {h} |"));
    let text = table("| Project | State | Description | Label |", rows);
    let (mut app, dir) = app_of(&text);
    let raw = |s: &str| {
        s.chars().find(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    };
    for (w, h) in [(80, 24), (200, 60), (30, 8)] {
        let shown = screen(&app, w, h);
        assert_eq!(raw(&shown), None, "{w}x{h}: {shown:?}");
        if w == 200 {
            assert!(
                shown.contains('\u{241b}'),
                "ESC shown as a placeholder: {shown}"
            );
        }
    }
    for action in [
        Action::OpenCard,
        Action::Close,
        Action::Edit,
        Action::Cancel,
        Action::Help,
    ] {
        app.update(action);
        let shown = screen(&app, 80, 24);
        assert_eq!(raw(&shown), None, "after {action:?}: {shown:?}");
    }

    let env = Env::new();
    let file = env.file("hostile.md", text.as_bytes());
    let list = env.ok(&["list", "-f", s(&file)]);
    assert_eq!(raw(&list), None, "{list:?}");
    let open = env.ok(&["open", "-f", s(&file)]);
    assert_eq!(raw(&open), None, "{open:?}");
    let exported = env
        .cmd(&["export", "-f", s(&file)])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        exported,
        text.as_bytes(),
        "export writes the bytes that were there"
    );
    drop(dir);
}

#[test]
fn tiny_terminals_and_a_storm_of_resizes() {
    let (mut app, _dir) = app_of(SAMPLE);
    for w in 1..=30 {
        for h in 1..=12 {
            app.resize(w, h);
            screen(&app, w, h);
        }
    }
    let mut rng = Rng::seeded();
    let actions = [
        Action::FocusRight,
        Action::FocusDown,
        Action::OpenCard,
        Action::Close,
        Action::Help,
        Action::Search,
        Action::Cancel,
        Action::Add,
    ];
    for _ in 0..2_000 {
        let (w, h) = (1 + rng.below(160) as u16, 1 + rng.below(60) as u16);
        app.resize(w, h);
        if rng.below(4) == 0 {
            app.update(actions[rng.below(actions.len() as u64) as usize]);
        }
        screen(&app, w, h);
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs the fuzz target found, and its seeds: see FUZZING.md
// ---------------------------------------------------------------------------------------------

#[test]
fn the_round_trip_holds_for_the_bundled_list() {
    roundtrip::check(mdboard::store::BUNDLED.as_bytes());
    roundtrip::check(SAMPLE.as_bytes());
}

/// Every input the fuzz target found a fault with, kept in `tests/trust/found/`.
#[test]
fn the_round_trip_holds_for_what_the_fuzzer_found() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trust/found");
    let mut found: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    found.sort();
    assert!(!found.is_empty());
    for path in found {
        eprintln!("{}", path.display());
        roundtrip::check(&fs::read(&path).unwrap());
    }
}
