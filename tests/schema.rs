//! Boards written by older versions of mdboard still open, with their changes.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

use mdboard::store::{self, Store};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema1");

fn mdboard(data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mdboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A board written by an older mdboard, installed where this build looks for it, with its
/// document.
struct Old {
    data: tempfile::TempDir,
    _work: tempfile::TempDir,
    file: std::path::PathBuf,
    doc: String,
    /// The board file.
    ron: std::path::PathBuf,
}

impl Old {
    /// The board of `fixture` (its `board.ron` and `plans.md`), written with schema `schema`.
    fn install(fixture: &str, schema: u32) -> Self {
        let data = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let doc = fs::read_to_string(Path::new(fixture).join("plans.md")).unwrap();
        let file = store::absolute(&work.path().join("plans.md"));
        fs::write(&file, &doc).unwrap();
        let store = Store::new(data.path().join("mdboard"));
        let ron_path = store.board_path(Some(&file));
        fs::create_dir_all(ron_path.parent().unwrap()).unwrap();
        let snapshot = "plans-snapshot.md";
        fs::write(ron_path.with_file_name(snapshot), &doc).unwrap();
        let ron = fs::read_to_string(Path::new(fixture).join("board.ron"))
            .unwrap()
            .replace("SOURCE", file.to_str().unwrap())
            .replace("SNAPSHOT", snapshot);
        assert!(ron.contains(&format!("schema: {schema},")));
        fs::write(&ron_path, ron).unwrap();
        Self {
            data,
            _work: work,
            file,
            doc,
            ron: ron_path,
        }
    }
}

#[test]
fn a_schema_1_board_opens_with_its_changes_and_the_other_tables_join_it() {
    let old = Old::install(FIXTURE, 1);
    let (data, doc, ron_path) = (&old.data, &old.doc, &old.ron);
    let f = old.file.to_str().unwrap();
    let listed = mdboard(data.path(), &["list", "-f", f]);
    let rows: Vec<Vec<&str>> = listed
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["1", "released", "Alpha"],
            ["2", "released", "Beta"],
            ["3", "design", "Delta"],
            // The second table joins the board with a new id.
            ["4", "ideation", "Gamma"],
        ],
        "{listed}"
    );
    // Its changes are still there, and write back into the first table only.
    let exported = mdboard(data.path(), &["export", "-f", f]);
    let expected = doc
        .replace("| Alpha | design | first |", "| Alpha | released | first |")
        .replace(
            "| Beta | released | second |",
            "| Beta | released | changed |\n| Delta | design |  |",
        );
    assert_eq!(exported, expected);
    // The next change saves the board in today's schema, remembering the column it was read by.
    mdboard(data.path(), &["move", "-f", f, "Gamma", "design"]);
    let saved = fs::read_to_string(ron_path).unwrap();
    assert!(
        saved.contains(&format!("schema: {},", store::SCHEMA)),
        "{saved}"
    );
    assert!(saved.contains("state_column: Some(\"State\")"), "{saved}");
    let listed = mdboard(data.path(), &["list", "-f", f, "--state", "design"]);
    assert!(
        listed.contains("Gamma") && listed.contains("Delta"),
        "{listed}"
    );
}

#[test]
fn a_schema_2_board_opens_with_its_changes_and_a_rename_saves_it_in_todays_schema() {
    let old = Old::install(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema2"),
        2,
    );
    let (data, doc, ron_path) = (&old.data, &old.doc, &old.ron);
    let f = old.file.to_str().unwrap();
    let exported = mdboard(data.path(), &["export", "-f", f]);
    let expected = doc.replace(
        "| Alpha | design | first |",
        "| Delta | design |  |\n| Alpha | released | first |",
    );
    assert_eq!(exported, expected);
    let out = mdboard(
        data.path(),
        &["rename-state", "-f", f, "released", "shipped"],
    );
    assert_eq!(
        out,
        "renamed state \"released\" to \"shipped\" (in the states table and 2 cards)\n"
    );
    let saved = fs::read_to_string(ron_path).unwrap();
    let schema = format!("schema: {},", store::SCHEMA);
    assert!(saved.contains(&schema), "{saved}");
    assert!(saved.contains("Batch("), "{saved}");
    let exported = mdboard(data.path(), &["export", "-f", f]);
    assert_eq!(
        exported,
        expected
            .replace("| Alpha | released |", "| Alpha | shipped |")
            .replace("| Beta | released |", "| Beta | shipped |")
            .replace("| released | out |", "| shipped | out |")
    );
}

/// A board as today's main writes it (schema 3: no base, no conflicts) still opens, and an
/// outside change merges with its changes not written back, the base worked out from its
/// history.
#[test]
fn a_schema_3_board_merges_an_outside_change_with_its_base_worked_out() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let doc = "| Project | State |\n| --- | --- |\n| Alpha | ideation |\n| Beta | ideation |\n| Gamma | |\n";
    let file = store::absolute(&work.path().join("plans.md"));
    fs::write(&file, doc).unwrap();
    let f = file.to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mdboard"))
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .unwrap()
    };
    let first = run(&[
        "set",
        "-f",
        f,
        "Alpha",
        "State=released",
        "--new-state",
        "--write",
    ]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    mdboard(data.path(), &["set", "-f", f, "Beta", "State=released"]);
    // Made into what schema 3 wrote: no base named, no base file.
    let store = Store::new(data.path().join("mdboard"));
    let ron_path = store.board_path(Some(&file));
    let ron = fs::read_to_string(&ron_path).unwrap();
    let base_line = ron
        .lines()
        .find(|l| l.trim_start().starts_with("base:"))
        .unwrap();
    let base_name = base_line.split('"').nth(1).unwrap().to_owned();
    let old = ron
        .replace(&format!("schema: {},", store::SCHEMA), "schema: 3,")
        .replace(&format!("{base_line}\n"), "");
    fs::write(&ron_path, old).unwrap();
    fs::remove_file(ron_path.with_file_name(&base_name)).unwrap();
    // Someone edits the file.
    let written = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        written.replace("| Gamma | |", "| Gamma | ideation |"),
    )
    .unwrap();

    let out = run(&["export", "-f", f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 row changed outside; 1 change of the board's kept on top"),
        "{err}"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "| Project | State |\n| --- | --- |\n| Alpha | released |\n| Beta | released |\n| Gamma | ideation |\n"
    );
}

#[test]
fn a_schema_3_board_opens_with_its_changes_and_its_view_and_saves_in_todays_schema() {
    let old = Old::install(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema3"),
        3,
    );
    let (data, doc, ron_path) = (&old.data, &old.doc, &old.ron);
    assert!(!fs::read_to_string(ron_path).unwrap().contains("timeline"));
    let store = Store::new(data.path().join("mdboard"));
    let (stored, notices) = store.open(Some(&old.file)).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(stored.view.hidden, ["ideation"]);
    assert!(stored.view.collapse_empty);
    assert_eq!(stored.timeline, None);
    drop(stored);
    let f = old.file.to_str().unwrap();
    let exported = mdboard(data.path(), &["export", "-f", f]);
    assert_eq!(
        exported,
        doc.replace("| Alpha | design | first |", "| Alpha | shipped | first |")
            .replace(
                "| Beta | released | second |",
                "| Beta | shipped | changed |"
            )
            .replace("| released | out |", "| shipped | out |")
    );
    mdboard(data.path(), &["move", "-f", f, "Gamma", "design"]);
    let saved = fs::read_to_string(ron_path).unwrap();
    assert!(
        saved.contains(&format!("schema: {},", store::SCHEMA)),
        "{saved}"
    );
    assert!(
        saved.contains("hidden: [") && saved.contains("TableCell("),
        "{saved}"
    );
    // Not in a repository: no history to keep.
    assert!(!saved.contains("timeline"), "{saved}");
}
