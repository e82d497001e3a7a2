//! End-to-end tests: the real binary in a tmux pane, driven with `send-keys` and read with
//! `capture-pane`, then the files it leaves checked with the non-interactive commands.
//!
//! Every wait polls the screen (every 50 ms, up to 10 s) instead of sleeping, so the tests are as
//! fast as the board and do not flake on a slow machine. Without tmux they say so and pass; CI
//! (`.ci/run`) installs it.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mdboard");
const POLL: Duration = Duration::from_millis(50);
const TIMEOUT: Duration = Duration::from_secs(10);
/// The bottom line of the board: the key hints.
const HINTS: &str = " H/L move   K/J reorder";

fn seed() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/projects.md"))
        .unwrap()
}

/// Skips the test (with a note on stderr) when tmux is not installed.
macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not installed (.ci/run installs it)");
            return;
        }
    };
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A temporary working directory and data directory (`XDG_DATA_HOME`), shared by the boards a
/// test opens one after the other.
struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("mdboard-e2e-")
            .tempdir()
            .unwrap();
        std::fs::create_dir(root.path().join("work")).unwrap();
        std::fs::create_dir(root.path().join("data")).unwrap();
        std::fs::create_dir(root.path().join("config")).unwrap();
        // No user config; no status line, so the pane is the whole window; the pane stays after
        // the board exits, so the test can read what it left.
        std::fs::write(
            root.path().join("tmux.conf"),
            "set -g status off\nset -g remain-on-exit on\n",
        )
        .unwrap();
        Self { root }
    }

    fn work(&self) -> PathBuf {
        self.root.path().join("work")
    }

    fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// mdboard's config directory (`XDG_CONFIG_HOME`): empty unless a test writes a file there.
    fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }

    /// A copy of the seed document in the working directory.
    fn copy_seed(&self, name: &str) -> PathBuf {
        let path = self.work().join(name);
        std::fs::write(&path, seed()).unwrap();
        path
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.work().join(name)).unwrap()
    }

    /// Runs a non-interactive mdboard command on the same data directory; its stdout.
    fn mdboard(&self, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(self.work())
            .env("XDG_DATA_HOME", self.data())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mdboard {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The card named `name` in `mdboard list --json`.
    fn card(&self, name: &str) -> serde_json::Value {
        let list: serde_json::Value =
            serde_json::from_str(&self.mdboard(&["list", "--json"])).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no card {name} in list --json"))
            .clone()
    }

    /// The shell command that runs the board with this sandbox's data directory.
    fn board_command(&self, args: &[&str]) -> String {
        let mut cmd = format!(
            "env XDG_DATA_HOME={} XDG_CONFIG_HOME={} TERM=xterm-256color {}",
            quote(&self.data().to_string_lossy()),
            quote(&self.config().to_string_lossy()),
            quote(BIN)
        );
        for a in args {
            cmd.push(' ');
            cmd.push_str(&quote(a));
        }
        cmd
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// One tmux server (on its own socket) with one session; killed on drop, panics included.
struct Tmux {
    /// The server's socket, inside the sandbox so that nothing is left behind.
    socket: PathBuf,
    conf: PathBuf,
    /// Where the shell writes the board's exit status.
    exited: Option<PathBuf>,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a `width`x`height` window in the sandbox's
    /// working directory.
    fn start(sandbox: &Sandbox, width: u16, height: u16, command: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let tmux = Self {
            socket: sandbox
                .root
                .path()
                .join(format!("tmux-{}", NEXT.fetch_add(1, Ordering::Relaxed))),
            conf: sandbox.root.path().join("tmux.conf"),
            exited: None,
        };
        let work = sandbox.work();
        let (w, h) = (width.to_string(), height.to_string());
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            "-c",
            &work.to_string_lossy(),
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    /// The board on `args`, drawn and ready for keys.
    fn board(sandbox: &Sandbox, width: u16, height: u16, args: &[&str]) -> Self {
        Self::board_with(sandbox, width, height, "", args)
    }

    /// The board on `args` with `env` (`NAME=value ...`, quoted) set for it.
    fn board_with(sandbox: &Sandbox, width: u16, height: u16, env: &str, args: &[&str]) -> Self {
        Self::board_until(sandbox, (width, height), env, args, HINTS)
    }

    /// The board on `args`, once the screen shows `ready`.
    fn board_until(
        sandbox: &Sandbox,
        (width, height): (u16, u16),
        env: &str,
        args: &[&str],
        ready: &str,
    ) -> Self {
        // The shell keeps the exit status in a file: tmux's pane status and the pane's last
        // output can be lost when the pane dies.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let exited = sandbox.root.path().join(format!(
            "exit-status-{}",
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let command = format!(
            "{env} {}; echo $? > {}",
            sandbox.board_command(args),
            quote(&exited.to_string_lossy())
        );
        let mut tmux = Self::start(sandbox, width, height, &command);
        tmux.exited = Some(exited);
        tmux.wait_for(ready);
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-S")
            .arg(&self.socket)
            .arg("-f")
            .arg(&self.conf)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    /// Sends keys by tmux name (`j`, `Enter`, `C-z`, `S-Left`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "e2e", "-l", text])
                .status
                .success(),
            "send-keys -l {text:?}"
        );
    }

    /// Sends the mouse as an xterm in SGR mode reports it (see [`sgr`]).
    fn mouse(&self, button: u8, at: (usize, usize), pressed: bool) {
        self.type_text(&sgr(button, at, pressed));
    }

    /// Whether the board asked the terminal for the mouse (tmux knows which modes its pane set).
    fn mouse_reported(&self) -> bool {
        let out = self.run(&["display-message", "-p", "-t", "e2e", "#{mouse_any_flag}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "e2e"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ok` holds; the screen then. Panics with the last screen on timeout.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the screen stops changing (two captures 100 ms apart agree).
    fn wait_still(&self) -> String {
        let mut last = self.capture();
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.capture();
            if now == last {
                return now;
            }
            assert!(start.elapsed() < TIMEOUT, "the screen never settled");
            last = now;
        }
    }

    /// Waits for the focus to be on `card` in `column` (the title as far as the column shows it).
    fn wait_focus(&self, column: &str, card: &str) -> String {
        self.wait_until(&format!("the focus on {card} in {column}"), |s| {
            focus(s).is_some_and(|(col, title)| {
                let shown = title.trim_end_matches(" ↗").trim_end_matches('…');
                col == column && !shown.is_empty() && card.starts_with(shown)
            })
        })
    }

    /// Quits the board with `q` and checks that it exited cleanly.
    fn quit(&self) {
        self.keys(&["q"]);
        let status = self
            .exited
            .as_ref()
            .expect("a board started by Tmux::board");
        let start = Instant::now();
        loop {
            if let Ok(code) = std::fs::read_to_string(status)
                && code.ends_with('\n')
            {
                assert_eq!(
                    code.trim(),
                    "0",
                    "exit status; the screen:\n{}",
                    self.capture()
                );
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the board did not exit; the screen:\n{}",
                self.capture()
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The focused column and card on a screen: the column drawn with a thick border and the title
/// of the card marked with `▌`.
fn focus(screen: &str) -> Option<(String, String)> {
    let header = screen.lines().find(|l| l.contains('┏'))?;
    let column: String = header
        .split('┏')
        .nth(1)?
        .chars()
        .take_while(|&c| c != '━')
        .collect();
    let title_line = screen.lines().find(|l| l.contains('▌'))?;
    let card: String = title_line
        .split('▌')
        .nth(1)?
        .chars()
        .take_while(|&c| c != '┃')
        .collect();
    Some((column.trim().to_owned(), card.trim().to_owned()))
}

/// The lines where two texts with the same number of lines differ: (index, before, after).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(a.len(), b.len(), "line counts differ");
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i, (*x).to_owned(), (*y).to_owned()))
        .collect()
}

/// Checks that `after` is the seed with only the State cell of GPU Support's row now `state`.
fn assert_only_gpu_moved(after: &str, state: &str) {
    let seed = seed();
    let changes = changed_lines(&seed, after);
    assert_eq!(changes.len(), 1, "changed lines: {changes:#?}");
    let (_, was, now) = &changes[0];
    assert!(was.starts_with("| GPU Support |"), "{was}");
    let was: Vec<&str> = was.split('|').collect();
    let now: Vec<&str> = now.split('|').collect();
    assert_eq!(was.len(), now.len());
    let differ: Vec<usize> = (0..was.len()).filter(|&i| was[i] != now[i]).collect();
    assert_eq!(differ, [5], "only the State cell changes: {now:?}");
    assert_eq!(now[5], format!(" {state} "));
}

/// Issue 3: the seed board, GPU Support moved two columns right, quit; the commands see it.
#[test]
fn move_on_the_bundled_board_is_kept_and_exported_as_one_line() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    tmux.keys(&["l", "l", "j", "j", "j"]);
    tmux.wait_focus("spec-definition", "GPU Support");
    tmux.keys(&["L", "L"]);
    tmux.wait_for("moved to design");
    tmux.wait_focus("design", "GPU Support");
    // The bundled board is written into a file the user names (`projects.md` offered).
    tmux.keys(&["w"]);
    tmux.wait_for("projects.md");
    tmux.keys(&["C-u"]);
    tmux.type_text("board.md");
    tmux.keys(&["Enter"]);
    tmux.wait_for("wrote board.md");
    tmux.quit();

    assert_only_gpu_moved(&sb.read("board.md"), "design");
    let card = sb.card("GPU Support");
    assert_eq!(card["state"], "design");
    assert_eq!(card["column"], "design");
    assert_only_gpu_moved(&sb.mdboard(&["export"]), "design");
}

/// Runs `sed -i` on a file of the sandbox, as a user or a script would edit it outside.
fn sed(sandbox: &Sandbox, name: &str, script: &str) {
    let status = Command::new("sed")
        .args(["-i", script, name])
        .current_dir(sandbox.work())
        .status()
        .unwrap();
    assert!(status.success(), "sed {script}");
}

/// Issue 12: an edit made outside shows on the open board within 2 seconds, searchable, and
/// the board is in sync with the file.
#[test]
fn an_outside_sed_shows_on_the_open_board_at_once() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.wait_for("✓ in sync");
    let start = Instant::now();
    sed(&sb, "copy.md", "s/| omnibus-maint |/| omni-outside |/");
    let screen = tmux.wait_for("followed the file: 1 row changed outside");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "shown after {:?}",
        start.elapsed()
    );
    assert!(screen.contains("omni-outside"), "{screen}");
    assert!(screen.contains("✓ in sync"), "{screen}");
    tmux.keys(&["/"]);
    tmux.type_text("omni-outside");
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 shown");
    tmux.keys(&["Escape"]);
    tmux.quit();
}

/// Issue 12: the board's own move and an outside edit of another row are both written by `w`,
/// and the board says so.
#[test]
fn w_writes_the_boards_move_and_an_outside_edit_together() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.wait_for("✓ in sync");
    tmux.keys(&["l", "l", "j", "j", "j"]);
    tmux.wait_focus("spec-definition", "GPU Support");
    tmux.keys(&["L", "L"]);
    tmux.wait_for("● not written back");
    sed(&sb, "copy.md", "s/| omnibus-maint |/| omni-outside |/");
    tmux.wait_for("2 changes of the board's kept on top");
    tmux.wait_focus("design", "GPU Support");
    tmux.keys(&["w"]);
    tmux.wait_until("the write", |s| {
        s.contains("✓ in sync") && s.contains("wrote ")
    });
    tmux.quit();
    let written = sb.read("copy.md");
    let changes = changed_lines(&seed(), &written);
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert!(written.contains("| omni-outside |"));
    assert!(written.contains("[wg-gpu](../wg-gpu) | design |"));
    assert_eq!(written, sb.mdboard(&["export", "-f", "copy.md"]));
}

/// Issue 12: the same cell changed on the board and outside is a conflict, shown and resolved
/// with the keys; `w` refuses until then.
#[test]
fn a_conflict_is_shown_and_resolved_with_the_keys() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.keys(&["l", "l", "j", "j", "j"]);
    tmux.wait_focus("spec-definition", "GPU Support");
    tmux.keys(&["L"]);
    tmux.wait_for("● not written back");
    sed(
        &sb,
        "copy.md",
        "s#(../wg-gpu) | spec-definition |#(../wg-gpu) | beta |#",
    );
    tmux.wait_for("≠ 1 conflict");
    tmux.keys(&["w"]);
    tmux.wait_for("not written: 1 conflict");
    tmux.keys(&["g", "]"]);
    // A card in conflict is marked with ≠ before its title.
    tmux.wait_focus("spec-approved", "≠ GPU Support");
    tmux.keys(&["Enter"]);
    let card = tmux.wait_for("≠ conflict");
    assert!(card.contains("mine   spec-approved"), "{card}");
    assert!(card.contains("theirs beta"), "{card}");
    tmux.keys(&[">"]);
    tmux.wait_until("theirs taken", |s| {
        !s.contains("≠ conflict") && s.contains("  beta ")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_focus("beta", "GPU Support");
    tmux.keys(&["w"]);
    tmux.wait_until("the write", |s| {
        s.contains("✓ in sync") && s.contains("wrote ")
    });
    tmux.quit();
    assert_eq!(
        sb.read("copy.md"),
        seed().replace("(../wg-gpu) | spec-definition |", "(../wg-gpu) | beta |")
    );
}

/// Issue 12: `move --write` while the board is open writes the file directly; the board
/// follows it.
#[test]
fn a_cli_move_with_the_board_open_shows_on_it() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.wait_for("✓ in sync");
    let said = sb.mdboard(&["move", "-f", "copy.md", "GPU Support", "design", "--write"]);
    assert!(said.contains("directly"), "{said}");
    tmux.wait_for("followed the file: 1 row changed outside");
    tmux.keys(&["l", "l", "l", "l"]);
    tmux.wait_focus("design", "GPU Support");
    tmux.quit();
    assert_only_gpu_moved(&sb.read("copy.md"), "design");
}

/// Issue 12: a second mdboard is read-only, shows the first one's changes, offers only what
/// works, and takes the board over when the first quits.
#[test]
fn a_second_board_follows_the_first_and_takes_over_when_it_quits() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let first = Tmux::board(&sb, 120, 40, &["copy.md"]);
    let second = Tmux::board_until(&sb, (120, 40), "", &["copy.md"], "read-only");
    let screen = second.wait_for("Enter open");
    assert!(!screen.contains("H/L move"), "{screen}");
    first.keys(&["l", "l", "j", "j", "j"]);
    first.wait_focus("spec-definition", "GPU Support");
    first.keys(&["L"]);
    first.wait_for("moved to spec-approved");
    second.wait_until("the first board's move", |s| {
        s.lines().any(|l| {
            l.split("spec-approved")
                .nth(1)
                .is_some_and(|rest| rest.contains(" 1 "))
        })
    });
    first.quit();
    second.wait_for("the board is yours now");
    second.wait_for(HINTS);
    second.keys(&["l", "l", "l"]);
    second.wait_focus("spec-approved", "GPU Support");
    second.keys(&["L"]);
    second.wait_for("moved to design");
    second.quit();
    let list: serde_json::Value =
        serde_json::from_str(&sb.mdboard(&["list", "--json", "-f", "copy.md"])).unwrap();
    let gpu = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "GPU Support")
        .unwrap();
    assert_eq!(gpu["state"], "design");
}

/// Issue 3: reopening restores the focus where it was when quitting, and the changes.
#[test]
fn reopening_restores_the_focus_and_the_changes() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    tmux.keys(&["l", "l", "j", "j"]);
    tmux.wait_focus("spec-definition", "Client Libraries");
    tmux.quit();
    drop(tmux);

    let tmux = Tmux::board(&sb, 120, 40, &[]);
    tmux.wait_focus("spec-definition", "Client Libraries");
    tmux.keys(&["L"]);
    tmux.wait_focus("spec-approved", "Client Libraries");
    // Focus elsewhere before quitting: that is where the board reopens.
    tmux.keys(&["h", "h"]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    tmux.quit();
    drop(tmux);

    let tmux = Tmux::board(&sb, 120, 40, &[]);
    let screen = tmux.wait_focus("ideation", "Omnibus Maintenance");
    assert!(
        screen.contains("● bundled project list, changed"),
        "{screen}"
    );
    assert_eq!(sb.card("Client Libraries")["state"], "spec-approved");
    tmux.quit();
}

/// Issue 4: edit a label (with a pipe), add a card, delete another, write; exactly those rows.
#[test]
fn edit_add_and_delete_then_write_changes_exactly_those_rows() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);

    // Edit the label of Omnibus Maintenance (ideation).
    tmux.keys(&["l"]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    tmux.keys(&["e"]);
    let form = tmux.wait_for("Edit card");
    // Fields other than the focused one show their text from the start.
    assert!(
        form.contains("Description      Building new reference SDLs"),
        "{form}"
    );
    tmux.keys(&["Tab"]);
    // Clear the field as a shell user would.
    tmux.keys(&["C-u"]);
    tmux.type_text("chains|sdl");
    tmux.wait_for("chains|sdl");
    tmux.keys(&["Enter"]);
    tmux.wait_for("card saved");

    // Add a card to ideation.
    tmux.keys(&["a"]);
    tmux.wait_for("Add card");
    tmux.type_text("Provider Dashboards");
    tmux.keys(&["Enter"]);
    tmux.wait_for("card added");
    tmux.wait_focus("ideation", "Provider Dashboards");

    // Delete the first card of spec-definition.
    tmux.keys(&["l", "g"]);
    tmux.wait_focus("spec-definition", "Docs site migration");
    tmux.keys(&["d"]);
    tmux.wait_for("Delete “Docs site migration”?");
    tmux.keys(&["y"]);
    tmux.wait_focus("spec-definition", "Console Authorized Spend Support");

    tmux.keys(&["w"]);
    tmux.wait_until("the write", |s| {
        s.contains("✓ in sync") && s.contains("wrote ")
    });
    tmux.quit();

    let seed = seed();
    let mut expected: Vec<String> = seed.split_inclusive('\n').map(str::to_owned).collect();
    let find = |lines: &[String], start: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start}"))
    };
    let omnibus = find(&expected, "| Omnibus Maintenance |");
    expected[omnibus] = expected[omnibus].replacen("| omnibus-maint |", r"| chains\|sdl |", 1);
    let last_ideation = find(&expected, "| Content Moderation |");
    expected.insert(
        last_ideation + 1,
        "| Provider Dashboards |  |  |  | ideation |\n".to_owned(),
    );
    let docs = find(&expected, "| Docs site migration |");
    expected.remove(docs);
    let written = sb.read("copy.md");
    assert_eq!(written, expected.concat());
    assert_eq!(written, sb.mdboard(&["export", "-f", "copy.md"]));
}

/// Line breaks as a real terminal sends them: Ctrl+J (a line feed in raw mode) and Alt+Enter
/// (Esc, then a carriage return).
#[test]
fn the_form_breaks_lines_with_ctrl_j_and_alt_enter() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    tmux.keys(&["e"]);
    tmux.wait_for("Edit card");
    tmux.keys(&["Tab", "Tab"]);
    tmux.keys(&["C-j"]);
    tmux.type_text("first");
    tmux.keys(&["M-Enter"]);
    tmux.type_text("second");
    let form = tmux.wait_for("second");
    assert!(form.contains("first"), "{form}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("card saved");
    tmux.quit();
    let exported = sb.mdboard(&["export", "-f", "copy.md"]);
    assert!(
        exported.contains("(SDK changes etc)<br>first<br>second  | sig-network-upgrade"),
        "{exported}"
    );
}

/// At 80x24: the status bar with the file and its state, and key hints that are not cut short.
#[test]
fn small_terminal_shows_the_hints_and_the_status_bar() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 80, 24, &["copy.md"]);
    let screen = tmux.wait_still();
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 24, "{screen}");
    assert!(lines[0].contains("Current Projects"), "{screen}");
    assert!(lines[22].contains("✓ in sync"), "{screen}");
    assert!(lines[22].contains("copy.md"), "{screen}");
    assert!(lines[23].starts_with(HINTS), "{screen}");
    // Whole hints only, and the way to the help and out always among them.
    assert!(lines[23].ends_with("? help   q quit"), "{screen}");
    for hint in lines[23].trim().split("   ") {
        assert!(hint.split_once(' ').is_some(), "a hint cut short: {hint:?}");
    }
    tmux.quit();
}

/// Ctrl+Z suspends to the shell as vim does; `fg` brings the board back, keys working.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::start(&sb, 100, 30, "env PS1='e2e$ ' bash --norc --noprofile");
    tmux.wait_for("e2e$");
    tmux.type_text(&sb.board_command(&["copy.md"]));
    tmux.keys(&["Enter"]);
    tmux.wait_for(HINTS);
    tmux.keys(&["C-z"]);
    let shell = tmux.wait_for("Stopped");
    assert!(
        !shell.contains(HINTS),
        "the board's screen is left:\n{shell}"
    );
    tmux.wait_until("the prompt", |s| s.trim_end().ends_with("e2e$"));
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let board = tmux.wait_for(HINTS);
    assert!(
        !board.contains("e2e$"),
        "the board redraws it all:\n{board}"
    );
    tmux.keys(&["l"]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    tmux.keys(&["q"]);
    tmux.wait_until("the prompt after quitting", |s| {
        !s.contains(HINTS) && s.trim_end().ends_with("e2e$")
    });
}

/// A resized window redraws exactly as a board started at that size.
#[test]
fn resizing_redraws_without_garbage() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("copy.md");
    let tmux = Tmux::board(&sb, 120, 40, &["copy.md"]);
    tmux.keys(&["l"]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    assert!(
        tmux.run(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"])
            .status
            .success()
    );
    tmux.wait_until("the 60x20 board", |s| {
        s.lines().count() == 20 && s.lines().last().is_some_and(|l| l.starts_with(HINTS))
    });
    let resized = tmux.wait_still();
    assert!(
        resized.lines().all(|l| l.chars().count() <= 60),
        "{resized}"
    );
    tmux.quit();
    drop(tmux);

    let fresh = Tmux::board(&sb, 60, 20, &["copy.md"]);
    fresh.wait_focus("ideation", "Omnibus Maintenance");
    assert_eq!(resized, fresh.wait_still());
    fresh.quit();
}

/// The README's capture of the seed board is what the board draws at 100x30.
#[test]
fn readme_shows_the_seed_board_as_it_is_drawn() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 100, 30, &[]);
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    let screen: Vec<String> = tmux
        .wait_still()
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect();
    let screen = screen.join("\n");
    tmux.quit();

    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## What you see")
        .expect("a What you see section")..];
    let start = section.find("```text\n").expect("a text block") + "```text\n".len();
    let end = start
        + section[start..]
            .find("\n```")
            .expect("the end of the block");
    assert!(
        section[start..end] == screen,
        "the README's capture is out of date; the board now looks like this:\n{screen}"
    );
}

/// Issue 4: `E` edits the card in $VISUAL, as git does for a commit message. Text the board
/// cannot read is kept, and the next `E` starts from it.
#[test]
fn editing_in_the_editor_applies_the_text_and_keeps_what_it_cannot_read() {
    require_tmux!();
    let sb = Sandbox::new();
    // The "editor": the first time it adds a field the table does not have; given that text
    // again, it drops that line and sets the label.
    let editor = sb.work().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\n\
         if grep -q '^Owner:' \"$1\"; then\n\
           sed -i -e '/^Owner:/d' -e 's/^Label: .*/Label: gpu | edited/' \"$1\"\n\
         else\n\
           echo 'Owner: nobody' >> \"$1\"\n\
         fi\n",
    )
    .unwrap();
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    assert!(chmod.success());
    let env = format!("VISUAL={}", quote(&editor.to_string_lossy()));
    let tmux = Tmux::board_with(&sb, 120, 40, &env, &[]);
    tmux.keys(&["l", "l", "j", "j", "j"]);
    tmux.wait_focus("spec-definition", "GPU Support");

    tmux.keys(&["E"]);
    let screen = tmux.wait_for("unknown field");
    assert!(
        screen.contains("not saved (E edits your text again)"),
        "{screen}"
    );
    assert_eq!(sb.card("GPU Support")["fields"]["Label"], "gpu");

    tmux.keys(&["E"]);
    tmux.wait_for("card saved");
    tmux.quit();
    assert_eq!(sb.card("GPU Support")["fields"]["Label"], "gpu | edited");
    let export = sb.mdboard(&["export"]);
    assert!(
        export.contains("| GPU Support | gpu \\| edited | Everything"),
        "{export}"
    );
}

/// Issue 5: search the seed for `gpu`, move the match, clear the search; the export differs from
/// the seed in GPU Support's State cell alone.
#[test]
fn search_for_gpu_move_the_match_and_clear_the_search() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    tmux.keys(&["/"]);
    tmux.wait_for(" /");
    // Loosely: g…p…u anywhere, as many cards as a strict search would hide.
    tmux.type_text("~gpu");
    // Every column filtered while typing; the focus on the first match of its column.
    // The counts of `~gpu`, not of `~g` or `~gp` on the way (the keys may arrive one by one).
    let typing = tmux.wait_until("the counts of ~gpu", |s| {
        s.contains("5/6") && s.contains("9/19") && s.contains(" /~gpu")
    });
    assert!(!typing.contains("Keeping up with Cosmos"), "{typing}");
    tmux.wait_focus("No state", "Provider Attribute Auditing");
    // Enter: the best match of the whole board, in another column.
    tmux.keys(&["Enter"]);
    tmux.wait_for("/~gpu 16 shown");
    tmux.wait_focus("spec-definition", "GPU Support");
    // n: the next best, back in the first column; N back to the best.
    tmux.keys(&["n"]);
    tmux.wait_focus("No state", "Provider Monitoring");
    tmux.keys(&["N"]);
    tmux.wait_focus("spec-definition", "GPU Support");
    tmux.keys(&["L"]);
    tmux.wait_for("moved to spec-approved");
    let moved = tmux.wait_focus("spec-approved", "GPU Support");
    assert!(moved.contains("/~gpu 16 shown"), "still filtered: {moved}");
    tmux.keys(&["Escape"]);
    let cleared = tmux.wait_for("search cleared");
    assert!(!cleared.contains("/~gpu"), "{cleared}");
    let cleared = tmux.wait_focus("spec-approved", "GPU Support");
    assert!(cleared.contains("Docs site migration"), "{cleared}");
    tmux.quit();

    assert_only_gpu_moved(&sb.mdboard(&["export"]), "spec-approved");
    assert_eq!(sb.card("GPU Support")["column"], "spec-approved");
}

/// A mouse report as an xterm in SGR mode sends it: `button` (0 the left one, 32 added for
/// motion with it down) at 1-based column `x`, row `y`, pressed or released.
fn sgr(button: u8, (x, y): (usize, usize), pressed: bool) -> String {
    let end = if pressed { 'M' } else { 'm' };
    format!("\x1b[<{button};{x};{y}{end}")
}

/// Where `text` first stands on a screen: its 1-based column and row, as the mouse reports them.
fn position(screen: &str, text: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            line.find(text)
                .map(|at| (line[..at].chars().count() + 1, y + 1))
        })
        .unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{screen}"))
}

/// Issue 14: real mouse sequences (SGR, as xterm sends them): a click focuses a card, dragging
/// it onto another column's heading moves it there; the board keeps the move.
#[test]
fn a_click_focuses_a_card_and_a_drag_moves_it() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    let screen = tmux.wait_focus("No state", "Keeping up with Cosmos");
    assert!(tmux.mouse_reported(), "the board takes the mouse");
    let gpu = position(&screen, "GPU Support");
    tmux.mouse(0, gpu, true);
    tmux.mouse(0, gpu, false);
    let screen = tmux.wait_focus("spec-definition", "GPU Support");
    let design = position(&screen, "design");
    // Picked up a few cells to the right: on the cell clicked, this soon, it would be a double
    // click (which opens the card).
    let held = (gpu.0 + 3, gpu.1);
    tmux.mouse(0, held, true);
    tmux.mouse(32, (gpu.0 + 10, gpu.1 - 3), true);
    tmux.mouse(32, design, true);
    tmux.mouse(0, design, false);
    tmux.wait_for("moved to design");
    let screen = tmux.wait_focus("design", "GPU Support");
    // Two clicks on one cell, at once (however slow the machine): the runtime makes them a
    // double click, which opens the card.
    let gpu = position(&screen, "GPU Support");
    let click = sgr(0, gpu, true) + &sgr(0, gpu, false);
    tmux.type_text(&click.repeat(2));
    tmux.wait_for("Project Name");
    tmux.keys(&["Escape"]);
    tmux.wait_until("the card closed", |s| !s.contains("Project Name"));
    tmux.quit();
    assert!(
        !tmux.mouse_reported(),
        "the mouse given back on the way out"
    );

    assert_eq!(sb.card("GPU Support")["state"], "design");
    assert_only_gpu_moved(&sb.mdboard(&["export"]), "design");
}

/// Issue 14: `--no-mouse`, or `mouse: false` in config.ron, leaves the mouse to the terminal.
#[test]
fn no_mouse_by_flag_or_config_leaves_the_mouse_to_the_terminal() {
    require_tmux!();
    let sb = Sandbox::new();
    let tmux = Tmux::board(&sb, 120, 40, &["--no-mouse"]);
    let screen = tmux.wait_focus("No state", "Keeping up with Cosmos");
    assert!(!tmux.mouse_reported());
    // What a terminal would not send now is ignored all the same.
    let gpu = position(&screen, "GPU Support");
    tmux.mouse(0, gpu, true);
    tmux.mouse(0, gpu, false);
    tmux.keys(&["l"]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    tmux.quit();
    drop(tmux);

    std::fs::create_dir_all(sb.config().join("mdboard")).unwrap();
    std::fs::write(sb.config().join("mdboard/config.ron"), "(mouse: false)").unwrap();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    tmux.wait_focus("ideation", "Omnibus Maintenance");
    assert!(!tmux.mouse_reported());
    tmux.quit();
}

/// Issue 14: a theme.ron that cannot be read is said on the status line, with its line and
/// column, and the board opens all the same.
#[test]
fn a_bad_theme_is_reported_and_the_board_opens() {
    require_tmux!();
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config().join("mdboard")).unwrap();
    std::fs::write(
        sb.config().join("mdboard/theme.ron"),
        "(\n  border: (fg: \"bleu\"),\n)",
    )
    .unwrap();
    let tmux = Tmux::board(&sb, 120, 40, &[]);
    let screen = tmux.wait_for("default theme");
    assert!(screen.contains("theme.ron:2:"), "{screen}");
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    tmux.quit();
}

/// Issue 13: in a git repository, cards show how long they have been in their state (worked out
/// off the screen's thread), a move not committed shows `now`, and the card view the timeline;
/// the history is kept with the board.
#[test]
fn cards_show_their_age_from_git_and_the_card_view_the_timeline() {
    require_tmux!();
    let sb = Sandbox::new();
    sb.copy_seed("projects.md");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // 400 days ago: 13 months of 30 days.
    let date = format!("@{} +0000", now - 400 * 24 * 3600);
    for args in [
        &["init", "-q"][..],
        &["add", "projects.md"],
        &["commit", "-qm", "the list"],
    ] {
        let out = Command::new("git")
            .args(args)
            .current_dir(sb.work())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ann")
            .env("GIT_AUTHOR_EMAIL", "ann@example.com")
            .env("GIT_COMMITTER_NAME", "Ann")
            .env("GIT_COMMITTER_EMAIL", "ann@example.com")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }
    let env = "GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1";
    let tmux = Tmux::board_with(&sb, 120, 40, env, &["projects.md"]);
    tmux.wait_for("13mo");
    tmux.wait_focus("No state", "Keeping up with Cosmos");
    tmux.keys(&["l", "l", "j", "j", "j"]);
    tmux.wait_focus("spec-definition", "GPU Support");
    tmux.keys(&["L"]);
    tmux.wait_focus("spec-approved", "GPU Support");
    tmux.wait_until("GPU Support in its state since now", |s| {
        s.lines()
            .any(|l| l.contains("gpu · ") && l.contains(" now "))
    });
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("History");
    assert!(screen.contains("spec-definition"), "{screen}");
    tmux.wait_until("the move in the timeline, not committed", |s| {
        s.lines()
            .any(|l| l.contains("  spec-approved ") && l.contains(" not committed"))
    });
    tmux.keys(&["Escape"]);
    tmux.quit();
    let rons: Vec<PathBuf> = std::fs::read_dir(sb.data().join("mdboard"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    let ron = std::fs::read_to_string(&rons[0]).unwrap();
    assert!(ron.contains("timeline: Some("), "kept with the board");
}
