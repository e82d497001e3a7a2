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

#[test]
fn a_schema_1_board_opens_with_its_changes_and_the_other_tables_join_it() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let doc = fs::read_to_string(Path::new(FIXTURE).join("plans.md")).unwrap();
    let file = store::absolute(&work.path().join("plans.md"));
    fs::write(&file, &doc).unwrap();

    // The board file as schema 1 wrote it, at the place this build looks for it.
    let store = Store::new(data.path().join("mdboard"));
    let ron_path = store.board_path(Some(&file));
    fs::create_dir_all(ron_path.parent().unwrap()).unwrap();
    let snapshot = "plans-snapshot.md";
    fs::write(ron_path.with_file_name(snapshot), &doc).unwrap();
    let ron = fs::read_to_string(Path::new(FIXTURE).join("board.ron"))
        .unwrap()
        .replace("SOURCE", file.to_str().unwrap())
        .replace("SNAPSHOT", snapshot);
    assert!(ron.contains("schema: 1,"));
    fs::write(&ron_path, ron).unwrap();

    let f = file.to_str().unwrap();
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
    let saved = fs::read_to_string(&ron_path).unwrap();
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
fn a_schema_3_board_opens_with_its_changes_and_its_view_and_saves_as_today() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema3");
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
    assert!(ron.contains("schema: 3,") && !ron.contains("timeline"));
    fs::write(&ron_path, ron).unwrap();

    let (stored, notices) = store.open(Some(&file)).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(stored.view.hidden, ["ideation"]);
    assert!(stored.view.collapse_empty);
    assert_eq!(stored.timeline, None);
    drop(stored);
    let f = file.to_str().unwrap();
    let exported = mdboard(data.path(), &["export", "-f", f]);
    assert_eq!(
        exported,
        doc.replace("| Alpha | design | first |", "| Alpha | released | first |")
            .replace(
                "| Beta | released | second |",
                "| Beta | released | changed |"
            )
    );
    mdboard(data.path(), &["move", "-f", f, "Gamma", "design"]);
    let saved = fs::read_to_string(&ron_path).unwrap();
    assert!(
        saved.contains(&format!("schema: {},", store::SCHEMA)),
        "{saved}"
    );
    assert!(saved.contains("hidden: ["), "{saved}");
    // Not in a repository: no history to keep.
    assert!(!saved.contains("timeline"), "{saved}");
}
