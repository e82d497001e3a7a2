//! Project tables other than the Akash page: one fixture of `tests/fixtures/projects/` per
//! problem a new user met (a status column by another name, several tables, an ID before the
//! title, decorated states, aligned tables, inline markdown, section rows, the refusal), driven
//! through the binary where a command shows it and through the app where the board does.

#![allow(clippy::unwrap_used)]

#[path = "common/screen.rs"]
mod screen;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mdboard::app::{App, Disk};
use mdboard::keymap::Keymap;
use mdboard::store::Store;
use ratatui::style::Modifier;
use screen::{draw, focus, keys, screen};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/projects");

/// A fixture copied into a work directory, with its own data directory.
struct Env {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
    file: PathBuf,
}

impl Env {
    fn new(fixture: &str) -> Self {
        let data = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let file = work.path().join(fixture);
        fs::copy(Path::new(FIXTURES).join(fixture), &file).unwrap();
        Self { data, work, file }
    }

    fn original(&self) -> String {
        fs::read_to_string(Path::new(FIXTURES).join(self.file.file_name().unwrap())).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mdboard"))
            .args(args)
            .arg("-f")
            .arg(&self.file)
            .env("XDG_DATA_HOME", self.data.path())
            .current_dir(self.work.path())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "mdboard {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects a failure said on one line: that line.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "mdboard {args:?} should fail");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "said once: {err}");
        err
    }

    fn cards(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    fn export(&self) -> String {
        self.ok(&["export"])
    }

    /// The app on this file's board, as the binary would open it (named by its file name alone,
    /// so that screens do not show the temporary directory).
    fn app(&self, width: u16, height: u16) -> App {
        let store = Store::new(self.data.path().join("mdboard"));
        let (mut stored, _) = store.open(Some(&self.file)).unwrap();
        stored.source = Some(PathBuf::from(self.file.file_name().unwrap()));
        let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
        app.resize(width, height);
        app
    }
}

fn names(cards: &[Value]) -> Vec<&str> {
    cards.iter().map(|c| c["name"].as_str().unwrap()).collect()
}

/// The lines that differ between two texts of as many lines.
fn changed<'a>(before: &'a str, after: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

/// Problem 1: the status column by another name, the first table having one deciding.
#[test]
fn a_status_column_by_any_name_opens_and_a_flag_or_the_settings_override_it() {
    let env = Env::new("status-by-other-names.md");
    let cards = env.cards(&[]);
    assert_eq!(names(&cards), ["Search", "Export"]);
    assert_eq!(cards[1]["column"], "In progress");

    // --state-column overrides detection (the board has no changes, so it reads again).
    let cards = env.cards(&["--state-column", "owner"]);
    assert_eq!(cards[0]["column"], "ann");

    // So does .mdboard.ron beside the document, under the flag.
    fs::write(
        env.work.path().join(".mdboard.ron"),
        "(state_column: Some(\"Owner\"))\n",
    )
    .unwrap();
    assert_eq!(env.cards(&[])[1]["column"], "bob");
    assert_eq!(
        env.cards(&["--state-column", "Status"])[1]["column"],
        "In progress"
    );
}

/// A board whose changes are written back still holds them as its history over its first
/// snapshot: read again from that snapshot by another status column, it would show (and write)
/// the text before them. It says so, and `reset` reads the file again.
#[test]
fn another_status_column_is_refused_while_written_changes_are_the_boards_history() {
    let env = Env::new("status-by-other-names.md");
    env.ok(&["move", "Export", "Done", "--write"]);
    let written = fs::read_to_string(&env.file).unwrap();
    assert!(written.contains("| Export | bob | Done |"), "{written}");
    let err = env.fails(&["list", "--state-column", "owner"]);
    assert!(err.contains("reset -f"), "{err}");
    assert_eq!(fs::read_to_string(&env.file).unwrap(), written);
    env.ok(&["reset", "--yes"]);
    let cards = env.cards(&["--state-column", "owner"]);
    assert_eq!(cards[1]["column"], "bob");
    // Read from the file as written: Export is Done there.
    assert_eq!(env.export(), written);
}

/// Problem 2: every table with the status column joins the board, and a card keeps its table.
#[test]
fn every_table_joins_and_a_card_keeps_its_table() {
    let env = Env::new("several-tables.md");
    let cards = env.cards(&[]);
    assert_eq!(
        names(&cards),
        ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    );
    let tables: Vec<(i64, &str)> = cards
        .iter()
        .map(|c| {
            (
                c["table"]["index"].as_i64().unwrap(),
                c["table"]["heading"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tables,
        [
            (1, "Accepted"),
            (1, "Accepted"),
            (2, "Draft"),
            (2, "Draft"),
            (3, "Rejected")
        ]
    );

    // A move changes the state, never the table.
    env.ok(&["move", "Gamma", "Final"]);
    assert_eq!(
        changed(&env.original(), &env.export()),
        [("| Gamma | Draft |", "| Gamma | Final |")]
    );

    // add --table by heading or number; the first table by default.
    env.ok(&["add", "--table", "draft", "Proposal=Zeta", "Status=Review"]);
    env.ok(&["add", "--table", "3", "Proposal=Eta", "Status=Rejected"]);
    env.ok(&["add", "Proposal=Theta", "Status=Final"]);
    let text = env.export();
    let after = |line: &str| text.lines().skip_while(|l| *l != line).nth(1).unwrap();
    assert_eq!(after("| Delta | Review |"), "| Zeta | Review |");
    assert_eq!(after("| Epsilon | Rejected |"), "| Eta | Rejected |");
    assert_eq!(after("| Beta | Final |"), "| Theta | Final |");
    let err = env.fails(&["add", "--table", "Glossary", "Proposal=Iota"]);
    assert!(
        err.contains("1 (Accepted), 2 (Draft), 3 (Rejected)"),
        "{err}"
    );
}

/// Problem 2, on the board: J/K never cross tables, `a` adds to the focused card's table.
#[test]
fn on_the_board_reordering_stays_within_a_table_and_a_adds_to_the_focused_table() {
    let env = Env::new("several-tables.md");
    env.ok(&["move", "Gamma", "Final"]);
    let mut app = env.app(100, 30);
    let order = |app: &App| {
        let b = &app.stored.board;
        b.cards.iter().map(|c| b.title(c)).collect::<Vec<_>>()
    };
    let before = order(&app);
    // Beta is the last Final card of the first table: the next one down is Gamma, of another.
    focus(&mut app, "Beta");
    keys(&mut app, "J");
    assert_eq!(order(&app), before, "Beta stays in its table");
    focus(&mut app, "Gamma");
    keys(&mut app, "K");
    assert_eq!(order(&app), before, "Gamma stays in its table");
    assert!(app.message.is_some(), "the refusal is said");

    focus(&mut app, "Delta");
    keys(&mut app, "aOmega\n");
    let b = &app.stored.board;
    let omega = b.card(b.find("Omega").unwrap()).unwrap();
    let delta = b.card(b.find("Delta").unwrap()).unwrap();
    assert_eq!(omega.table, delta.table);
    assert!(
        b.export()
            .contains("| Delta | Review |\n| Omega | Review |\n"),
        "{}",
        b.export()
    );
}

/// Problem 3: the title is the Title column; the ID before it names the card too.
#[test]
fn the_title_is_not_the_id_and_the_id_names_the_card() {
    let env = Env::new("id-first-column.md");
    let cards = env.cards(&[]);
    assert_eq!(
        names(&cards),
        [
            "Bucket Account Fees",
            "Transaction Envelope",
            "Fee Bumps",
            "Account Merge"
        ]
    );
    assert_eq!(cards[0]["doc_id"], "CAP-0001");
    assert!(env.ok(&["list"]).contains("CAP-0001 · Bucket Account Fees"));

    env.ok(&["move", "CAP-0002", "Final"]);
    // "1" is the mdboard id of one card and the document ID of another.
    let err = env.fails(&["move", "1", "Accepted"]);
    assert!(
        err.contains("Fee Bumps") && err.contains("Bucket Account Fees") && err.contains("#1"),
        "{err}"
    );
    env.ok(&["move", "#1", "Accepted"]);
    assert_eq!(
        changed(&env.original(), &env.export()),
        [
            (
                "| [CAP-0001](cap-0001.md) | Bucket Account Fees | ann | Final |",
                "| [CAP-0001](cap-0001.md) | Bucket Account Fees | ann | Accepted |"
            ),
            (
                "| [CAP-0002](cap-0002.md) | Transaction Envelope | bob | Draft |",
                "| [CAP-0002](cap-0002.md) | Transaction Envelope | bob | Final |"
            )
        ]
    );

    let terminal = draw(&env.app(80, 12));
    let text = screen(&terminal);
    assert!(text.contains("CAP-0001 · Buck"), "{text}");
    insta::assert_snapshot!("id_first_column_80x12", terminal.backend());
}

/// Problem 4: a move writes the state as its table spells it, markup and links included.
#[test]
fn a_move_writes_the_state_as_the_table_spells_it() {
    let env = Env::new("decorated-states.md");
    let cards = env.cards(&[]);
    assert_eq!(cards[0]["state"], "**Current**");
    assert_eq!(cards[0]["column"], "Current");
    assert_eq!(cards[4]["column"], "Future");

    // Any raw spelling names the state, in any case.
    env.ok(&["move", "16.x", "_future_"]);
    env.ok(&["move", "14.x", "[Incubating](process/incubating.md)"]);
    env.ok(&["move", "12.x", "current"]);
    assert_eq!(
        changed(&env.original(), &env.export()),
        [
            (
                "| 16.x | [Incubating](process/incubating.md) | |",
                "| 16.x | _Future_ | |"
            ),
            (
                "| 14.x | _Future_ | |",
                "| 14.x | [Incubating](process/incubating.md) | |"
            ),
            ("| 12.x | Graduated | |", "| 12.x | **Current** | |"),
        ]
    );
}

/// Problem 5: an aligned table keeps its alignment; an added row is padded like the others, and
/// its empty cells written as theirs.
#[test]
fn an_aligned_table_stays_aligned() {
    let env = Env::new("aligned-table.md");
    env.ok(&["move", "Lexer", "Final"]);
    env.ok(&["add", "Name=Typer", "Status=Draft"]);
    let text = env.export();
    assert_eq!(
        changed(
            &env.original(),
            text.lines().take(6).collect::<Vec<_>>().join("\n").as_str()
        ),
        [(
            "| Lexer     | Living   | ann   |",
            "| Lexer     | Final    | ann   |"
        )]
    );
    assert_eq!(text.lines().nth(6), Some("| Typer     | Draft    | |"));
}

/// Problem 6: inline markdown is shown as styles, reference links resolved, shortcodes as emoji;
/// the bytes written do not change because of it.
#[test]
fn inline_markdown_is_shown_not_written() {
    let env = Env::new("inline-markdown.md");
    let mut app = env.app(80, 12);
    let terminal = draw(&app);
    let text = screen(&terminal);
    for gone in ["**", "`", ":white_check_mark:", "[streams]"] {
        assert!(!text.contains(gone), "{gone} on screen: {text}");
    }
    assert!(text.contains("✅") && text.contains("🚧"), "{text}");
    insta::assert_snapshot!("inline_markdown_80x12", terminal.backend());
    // "Core Auth" is bold and "lazy" italic (the plain theme keeps modifiers).
    let buffer = terminal.backend().buffer();
    let find = |word: &str| {
        let row = text.lines().position(|l| l.contains(word)).unwrap();
        let row = u16::try_from(row).unwrap();
        let from = |x: u16| -> String {
            (x..buffer.area.width)
                .map(|x| buffer[(x, row)].symbol())
                .collect()
        };
        let col = (0..buffer.area.width)
            .find(|&x| from(x).starts_with(word))
            .unwrap();
        buffer[(col, row)].modifier
    };
    assert!(find("Core Auth").contains(Modifier::BOLD));
    assert!(find("lazy").contains(Modifier::ITALIC));

    // The card view shows where a reference link goes.
    focus(&mut app, "Streams");
    keys(&mut app, "\n");
    let text = screen(&draw(&app));
    assert!(text.contains("https://example.com/streams"), "{text}");

    // A move writes only the status cell, as the table writes it.
    keys(&mut app, "\u{1b}");
    let id = app.stored.board.find("Plain").unwrap();
    let columns = app.stored.board.columns();
    let target = columns.iter().find(|c| c.name == "🚧").unwrap();
    let change = app.stored.board.move_to(id, target).unwrap();
    app.stored.board.apply(change).unwrap();
    assert_eq!(
        changed(&env.original(), &app.stored.board.export()),
        [(
            "| Plain | plain | :white_check_mark: |",
            "| Plain | plain | :construction: |"
        )]
    );
}

/// Problem 7: a row naming a section is no card: listed apart, a divider on the board, and a
/// card added under it stays under it.
#[test]
fn section_rows_are_no_cards() {
    let env = Env::new("section-rows.md");
    let cards = env.cards(&[]);
    assert_eq!(
        names(&cards),
        ["Sign in", "Sign out", "Invoices", "Refunds"]
    );
    assert_eq!(cards[1]["section"], "Accounts");
    assert_eq!(cards[2]["section"], "Billing");
    let sections: Vec<Value> =
        serde_json::from_str(&env.ok(&["list", "--sections", "--json"])).unwrap();
    let sections: Vec<(&str, i64)> = sections
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["line"].as_i64().unwrap()))
        .collect();
    assert_eq!(sections, [("Accounts", 3), ("Billing", 6)]);

    let mut app = env.app(80, 14);
    let terminal = draw(&app);
    insta::assert_snapshot!("section_rows_80x14", terminal.backend());
    let text = screen(&terminal);
    assert!(!text.contains("**"), "{text}");

    // Added in the Done column while on Sign in: under Accounts, not at the end of the table.
    focus(&mut app, "Sign in");
    keys(&mut app, "aSign up\n");
    let text = app.stored.board.export();
    assert!(
        text.contains("| Sign in | ✅ Done | |\n| Sign up | ✅ Done | |\n| Sign out |"),
        "{text}"
    );
}

/// Problem 8: the refusal names the tables it saw and suggests the column that looks like a
/// status; the suggestion works.
#[test]
fn the_refusal_names_the_tables_and_suggests_a_column() {
    let env = Env::new("no-status-table.md");
    let err = env.fails(&["list"]);
    for part in [
        env.file.to_str().unwrap(),
        "no projects table",
        "line 3: Term | Meaning",
        "line 7: Task | Owner | Done?",
        "--state-column \"Done?\"",
    ] {
        assert!(err.contains(part), "{part:?} in {err}");
    }
    let cards = env.cards(&["--state-column", "Done?"]);
    assert_eq!(names(&cards), ["Write", "Read", "Sleep"]);
    assert_eq!(cards[1]["column"], "no");
}
