//! Board views (issue 14) as a person sees them and as the board keeps them: hidden columns,
//! marks, lanes and limits, drawn into a `TestBackend` and compared with the accepted snapshots.

#![allow(clippy::unwrap_used)]

#[path = "common/screen.rs"]
mod screen;

use std::fs;

use mdboard::app::{App, Disk};
use mdboard::keymap::Keymap;
use mdboard::store::Store;
use screen::keys;

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

/// `mdboard ARGS` in `dir` with its own data directory: (success, stdout, stderr).
fn run(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .args(args)
        .env("XDG_DATA_HOME", dir.join("data"))
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn move_and_rm_take_several_cards_all_or_nothing_as_one_change() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    fs::write(dir.join("projects.md"), mdboard::store::BUNDLED).unwrap();
    let f = ["-f", "projects.md"];

    // One unknown card: nothing moves.
    let (ok, out, err) = run(
        dir,
        &["move", f[0], f[1], "GPU Support", "No Such Card", "beta"],
    );
    assert!(!ok && out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"No Such Card\""), "{err}");
    let (_, export, _) = run(dir, &["export", f[0], f[1]]);
    assert_eq!(export, mdboard::store::BUNDLED);

    let (ok, out, err) = run(
        dir,
        &[
            "move",
            f[0],
            f[1],
            "GPU Support",
            "Omnibus Maintenance",
            "gpu support",
            "beta",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "moved \"GPU Support\" to beta\nmoved \"Omnibus Maintenance\" to beta\n"
    );
    // One undo step on the board brings both back.
    let store = Store::new(dir.join("data/mdboard"));
    let (stored, _) = store.open(Some(&dir.join("projects.md"))).unwrap();
    assert_eq!(stored.board.history.done.len(), 1);
    drop(stored);

    let (ok, out, err) = run(
        dir,
        &["rm", f[0], f[1], "GPU Support", "Docs site migration"],
    );
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "deleted \"GPU Support\"\ndeleted \"Docs site migration\"\n"
    );
    let (_, list, _) = run(dir, &["list", f[0], f[1]]);
    assert_eq!(list.lines().count(), 1 + 28);
    let (stored, _) = store.open(Some(&dir.join("projects.md"))).unwrap();
    assert_eq!(stored.board.history.done.len(), 2);
}

#[test]
fn a_limit_from_the_settings_is_said_on_the_command_line_never_enforced() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    fs::write(dir.join("projects.md"), mdboard::store::BUNDLED).unwrap();
    fs::write(dir.join(".mdboard.ron"), "(limits: {\"beta\": 1})\n").unwrap();
    let f = ["-f", "projects.md"];
    let (ok, out, err) = run(dir, &["move", f[0], f[1], "GPU Support", "beta"]);
    assert!(ok && err.is_empty(), "{err}");
    assert_eq!(out, "moved \"GPU Support\" to beta\n");
    let (ok, _, err) = run(dir, &["move", f[0], f[1], "Docs site migration", "beta"]);
    assert!(ok);
    assert_eq!(err, "mdboard: beta is over its limit (2 of 1)\n");
    // A card in that state already moves nowhere: no count changed, no limit said.
    let (ok, out, err) = run(dir, &["move", f[0], f[1], "GPU Support", "beta"]);
    assert!(ok);
    assert_eq!(out, "\"GPU Support\" is in beta already\n");
    assert_eq!(err, "mdboard: nothing to change\n");
    // Of several, one moved: the limit is said.
    let (ok, _, err) = run(
        dir,
        &[
            "move",
            f[0],
            f[1],
            "GPU Support",
            "Client Libraries",
            "beta",
        ],
    );
    assert!(ok);
    assert_eq!(err, "mdboard: beta is over its limit (3 of 1)\n");
}

mod screens {
    use std::path::PathBuf;

    use mdboard::app::{App, Disk};
    use mdboard::board::Board;
    use mdboard::keymap::Keymap;
    use mdboard::markdown;
    use mdboard::store::{self, Stored};

    use super::screen::{draw, keys, screen};

    pub fn app_of(text: &str, name: &str, width: u16, height: u16) -> App {
        let board = Board::detect(markdown::parse(text).unwrap()).unwrap();
        let stored = Stored::in_memory(board, Some(PathBuf::from(name)));
        let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
        app.resize(width, height);
        app
    }

    pub fn akash(width: u16, height: u16) -> App {
        app_of(store::BUNDLED, "projects.md", width, height)
    }

    #[test]
    fn lanes_by_community_group() {
        for (w, h) in [(80, 24), (120, 40), (200, 50)] {
            let mut app = akash(w, h);
            keys(&mut app, "ss");
            let terminal = draw(&app);
            insta::assert_snapshot!(format!("lanes_group_{w}x{h}"), terminal.backend());
            let text = screen(&terminal);
            assert!(text.contains("lanes: Community Group"), "{text}");
        }
    }

    const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

    #[test]
    fn hidden_columns() {
        for (w, h) in SIZES {
            let mut app = akash(w, h);
            keys(&mut app, "lcc");
            let terminal = draw(&app);
            let top = screen(&terminal).lines().next().unwrap().to_owned();
            assert!(top.contains("2 hidden"), "{top}");
            insta::assert_snapshot!(format!("hidden_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn marked_cards() {
        for (w, h) in SIZES {
            let mut app = akash(w, h);
            keys(&mut app, "vjjvllv");
            let terminal = draw(&app);
            let text = screen(&terminal);
            assert!(text.contains("3 marked"), "{text}");
            insta::assert_snapshot!(format!("marked_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn a_column_over_its_limit() {
        for (w, h) in SIZES {
            let mut app = akash(w, h);
            app.stored.settings.limits = Some(
                [
                    ("spec-definition".to_owned(), 4),
                    ("ideation".to_owned(), 3),
                ]
                .into_iter()
                .collect(),
            );
            let terminal = draw(&app);
            let text = screen(&terminal);
            assert!(text.contains("6/4 over") && text.contains("2/3"), "{text}");
            insta::assert_snapshot!(format!("limits_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn lanes_by_table_on_a_document_of_several_tables() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/projects/several-tables.md"
        ))
        .unwrap();
        for (w, h) in SIZES {
            let mut app = app_of(&text, "several-tables.md", w, h);
            keys(&mut app, "s");
            let terminal = draw(&app);
            assert!(screen(&terminal).contains("lanes: table"));
            insta::assert_snapshot!(format!("lanes_tables_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn a_collapsed_lane_and_a_lane_picked() {
        let mut app = akash(120, 40);
        keys(&mut app, "ss");
        keys(&mut app, "Z");
        insta::assert_snapshot!("lanes_collapsed_120x40", draw(&app).backend());
        keys(&mut app, "S");
        insta::assert_snapshot!("lane_picker_120x40", draw(&app).backend());
    }

    /// The README's capture of lanes and a limit is what the board draws.
    #[test]
    fn the_readme_shows_lanes_and_a_limit_as_drawn() {
        let mut app = akash(100, 30);
        app.stored.settings.lanes = Some("Community Group".to_owned());
        app.stored.settings.limits =
            Some([("spec-definition".to_owned(), 4)].into_iter().collect());
        let mut app = App::new(app.stored, Disk::Unchanged, Keymap::default());
        app.resize(100, 30);
        keys(&mut app, "ll");
        let drawn: Vec<String> = screen(&draw(&app))
            .lines()
            .map(|l| l.trim_end().to_owned())
            .collect();
        let drawn = drawn.join("\n");
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let section = &readme[readme.find("### Lanes, limits").unwrap()..];
        let start = section.find("```text\n").unwrap() + "```text\n".len();
        let end = start + section[start..].find("\n```").unwrap();
        assert!(
            section[start..end] == drawn,
            "the README's capture is out of date; the board now looks like this:\n{drawn}"
        );
    }
}
