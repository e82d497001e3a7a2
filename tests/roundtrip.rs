//! Every fixture and every corpus file comes back byte for byte, through the library and through
//! the command line; after moves, reorders and an added card, the export reads back as the same
//! board.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mdboard::board::{Board, CardId};
use mdboard::markdown::{self, cell};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn fixtures() -> Vec<PathBuf> {
    let files = markdown_files(&manifest_dir().join("tests/fixtures"));
    assert!(files.len() >= 19, "fixtures: {files:?}");
    files
}

/// The real corpus beside the repository, when this clone has it.
fn corpus() -> Option<Vec<PathBuf>> {
    let dir = manifest_dir().join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("{}: not there; the corpus cases are skipped", dir.display());
        return None;
    }
    let files = markdown_files(&dir);
    assert!(!files.is_empty(), "{}: no markdown files", dir.display());
    Some(files)
}

/// `mdboard` with its data directory (and home) in `home`.
fn mdboard(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mdboard"));
    cmd.env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .current_dir(home);
    cmd
}

fn board_of(bytes: &[u8]) -> Board {
    Board::detect(markdown::parse_bytes(bytes).unwrap()).unwrap()
}

/// Each column's name and the titles and cells of its cards: what a person sees of a board.
fn layout(b: &Board) -> Vec<(String, Vec<Vec<String>>)> {
    b.columns()
        .into_iter()
        .map(|c| {
            let cards = c.cards.iter().map(|&i| b.cards[i].cells.clone()).collect();
            (c.name, cards)
        })
        .collect()
}

fn library_round_trip(path: &Path) {
    let bytes = fs::read(path).unwrap();
    let board = board_of(&bytes);
    assert_eq!(
        board.export().as_bytes(),
        bytes.as_slice(),
        "{}",
        path.display()
    );
    assert!(board.matches_snapshot(), "{}", path.display());
    // Read again through the shape a board keeps: the same document.
    let doc = markdown::parse_bytes(&bytes).unwrap();
    let again = markdown::parse_shaped(&bytes, &doc.shape).unwrap();
    assert_eq!(again, doc, "{}", path.display());
}

fn cli_round_trip(paths: &[PathBuf]) {
    let home = tempfile::tempdir().unwrap();
    for path in paths {
        // A copy, so that nothing can touch the original.
        let copy = home.path().join(path.file_name().unwrap());
        fs::copy(path, &copy).unwrap();
        let bytes = fs::read(path).unwrap();
        let out = mdboard(home.path())
            .arg("export")
            .arg("-f")
            .arg(&copy)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(out == bytes, "{}: export differs", path.display());
        // A second time, from the board file.
        let again = mdboard(home.path())
            .args(["export", "-f"])
            .arg(&copy)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(again == bytes, "{}: second export differs", path.display());
        assert_eq!(fs::read(&copy).unwrap(), bytes, "{}", path.display());
    }
}

#[test]
fn every_fixture_round_trips_through_the_library() {
    for path in fixtures() {
        library_round_trip(&path);
    }
}

#[test]
fn every_fixture_round_trips_through_the_cli() {
    cli_round_trip(&fixtures());
}

#[test]
fn every_corpus_file_round_trips_through_the_library() {
    let Some(files) = corpus() else { return };
    for path in files {
        library_round_trip(&path);
    }
}

#[test]
fn every_corpus_file_round_trips_through_the_cli() {
    let Some(files) = corpus() else { return };
    cli_round_trip(&files);
}

#[test]
fn the_bundled_seed_is_the_last_corpus_file() {
    let Some(files) = corpus() else { return };
    let seed = fs::read(manifest_dir().join("assets/projects.md")).unwrap();
    assert_eq!(fs::read(files.last().unwrap()).unwrap(), seed);
}

/// What each fixture reads as: cards, and columns with their number of cards.
#[test]
fn each_fixture_reads_as_its_quirk_means() {
    let expected: &[(&str, &[(&str, usize)])] = &[
        ("alignment.md", &[("No state", 1), ("spec-definition", 1)]),
        ("bom.md", &[("No state", 1), ("ideation", 1)]),
        // The StorJ row's second line is indented by four spaces: code for GitHub, which ends
        // the table there; only a continuation that starts with a pipe joins its row.
        ("broken-row.md", &[("No state", 4)]),
        ("crlf.md", &[("No state", 2), ("spec-definition", 1)]),
        ("empty-state.md", &[("No state", 3), ("ideation", 1)]),
        ("empty-table.md", &[]),
        // `\\|` is an escaped backslash, then a pipe that GitHub reads as escaped too: the
        // Backslashes row has no State cell.
        ("escaped-pipes.md", &[("No state", 2), ("ideation", 1)]),
        ("fenced.md", &[("No state", 1), ("implementation", 1)]),
        (
            "header-no-trailing-pipe.md",
            &[("No state", 1), ("spec-definition", 1)],
        ),
        ("html-comment.md", &[("No state", 1), ("implementation", 1)]),
        (
            "links.md",
            &[
                ("No state", 1),
                ("spec-definition", 1),
                ("implementation", 1),
            ],
        ),
        ("no-final-newline.md", &[("No state", 1), ("ideation", 1)]),
        (
            "no-outer-pipes.md",
            &[("No state", 1), ("ideation", 1), ("release", 1)],
        ),
        (
            "no-states-table.md",
            &[("No state", 1), ("doing", 2), ("todo", 1)],
        ),
        (
            "ragged-rows.md",
            &[("No state", 1), ("ideation", 1), ("release", 1)],
        ),
        (
            "spaces.md",
            &[
                ("No state", 1),
                ("spec-definition", 1),
                ("implementation", 1),
            ],
        ),
        (
            "state-case.md",
            &[
                ("ideation", 1),
                ("spec-definition", 2),
                ("implementation", 1),
            ],
        ),
        (
            "state-column-second.md",
            &[("No state", 1), ("doing", 1), ("done", 1)],
        ),
        (
            "unknown-state.md",
            &[("ideation", 1), ("release", 1), ("on hold", 2)],
        ),
    ];
    let files = fixtures();
    assert_eq!(files.len(), expected.len());
    for (path, (name, columns)) in files.iter().zip(expected) {
        assert_eq!(path.file_name().unwrap().to_str(), Some(*name));
        let board = board_of(&fs::read(path).unwrap());
        let got: Vec<(String, usize)> = board
            .columns()
            .into_iter()
            .filter(|c| !c.cards.is_empty())
            .map(|c| (c.name, c.cards.len()))
            .collect();
        let want: Vec<(String, usize)> =
            columns.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn cells_read_as_written() {
    let read =
        |name: &str| board_of(&fs::read(manifest_dir().join("tests/fixtures").join(name)).unwrap());
    let b = read("broken-row.md");
    let cloud = b.find("Cloud Parity Foundational Features").unwrap();
    assert_eq!(
        b.value(b.card(cloud).unwrap(), 2),
        "Cross Provider Deployments for High Availability (HA). Load balancers. State Management"
    );
    let storj = b.card(b.find("storj").unwrap()).unwrap();
    assert_eq!(b.value(storj, 2), "Spec and implement");
    assert_eq!(b.state_of(storj), "");

    let b = read("escaped-pipes.md");
    let pay = b
        .card(b.find("Stable payments | Settlement").unwrap())
        .unwrap();
    assert_eq!(b.value(pay, 2), "Pay with USDC | ATOM | OSMO");
    let bs = b.card(b.find("backslashes").unwrap()).unwrap();
    assert_eq!(
        b.value(bs, 2),
        r"A path like C:\Users\ and a trailing one \| implementation"
    );
    assert_eq!(b.state_of(bs), "");
    let code = b.card(b.find("code").unwrap()).unwrap();
    assert_eq!(b.value(code, 2), "`a | b` in a code span");

    let b = read("links.md");
    let refactor = b.card(b.find("provider services").unwrap()).unwrap();
    assert_eq!(
        b.title(refactor),
        "Provider Services Microservices Refactor"
    );
    assert_eq!(
        markdown::strip_links(&b.value(refactor, 2)).targets,
        ["[url](https://github.com/akash-network/community/tree/main/sig-providers)"]
    );

    let b = read("state-column-second.md");
    assert_eq!(b.layout.tables[0].state, 1);
    assert_eq!(
        b.columns()
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["No state", "todo", "doing", "done"]
    );

    let b = read("ragged-rows.md");
    let short = b.card(b.find("short row").unwrap()).unwrap();
    assert_eq!(short.cells, ["Short Row", "short", "", ""]);
    let long = b.card(b.find("long row").unwrap()).unwrap();
    assert_eq!(
        long.cells,
        ["Long Row", "long", "has extra cells", "ideation"]
    );
}

/// Moves every third card to another state, reorders some, adds a card, and checks that the
/// export reads back as the same board, and that undoing all gives the file back.
fn moves_read_back(path: &Path) {
    let bytes = fs::read(path).unwrap();
    let mut b = board_of(&bytes);
    let ids: Vec<CardId> = b.cards.iter().map(|c| c.id).collect();
    for (n, &id) in ids.iter().enumerate() {
        let columns = b.columns();
        if n % 3 == 0 {
            let target = &columns[(n / 3 + 1) % columns.len()];
            if let Some(change) = b.move_to(id, target) {
                b.apply(change).unwrap();
            }
        } else if n % 3 == 1
            && let Some(change) = b.reorder(id, &columns, -1)
        {
            b.apply(change).unwrap();
        }
    }
    let columns = b.columns();
    let column = columns.last().unwrap();
    let projects = b.layout.tables[0].clone();
    let mut cells = vec![String::new(); b.doc.tables[projects.table].columns.len()];
    cells[projects.title] = cell::encode("Added | with a pipe\nand a line");
    cells[projects.state] = cell::encode(&column.state);
    let at = b.insert_position(projects.table, column, None);
    b.apply(b.insert(at, projects.table, cells)).unwrap();

    let exported = b.export();
    let reread = board_of(exported.as_bytes());
    let cells = |b: &Board| b.cards.iter().map(|c| c.cells.clone()).collect::<Vec<_>>();
    assert_eq!(cells(&reread), cells(&b), "{}", path.display());
    assert_eq!(layout(&reread), layout(&b), "{}", path.display());
    assert_eq!(reread.export(), exported, "{}", path.display());

    while b.undo().unwrap().is_some() {}
    assert_eq!(
        b.export().as_bytes(),
        bytes.as_slice(),
        "{}",
        path.display()
    );
}

#[test]
fn an_export_after_moves_reads_back_as_the_same_board() {
    for path in fixtures().iter().chain(corpus().iter().flatten()) {
        moves_read_back(path);
    }
}

#[test]
fn the_cli_reads_its_own_export_back_as_the_same_board() {
    let home = tempfile::tempdir().unwrap();
    let seed = home.path().join("projects.md");
    fs::copy(manifest_dir().join("assets/projects.md"), &seed).unwrap();
    for (card, state) in [
        ("GPU Support", "implementation"),
        ("Provider Monitoring", "Ideation"),
        ("console general availability", "none"),
        ("Cloud Parity Foundational Features", "beta"),
    ] {
        mdboard(home.path())
            .args(["move", "-f"])
            .arg(&seed)
            .args([card, state])
            .assert()
            .success();
    }
    let out = home.path().join("out.md");
    mdboard(home.path())
        .args(["export", "-f"])
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let list = |file: &Path| {
        let stdout = mdboard(home.path())
            .args(["list", "--json", "-f"])
            .arg(file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&stdout).unwrap()
    };
    let before = list(&seed);
    let after = list(&out);
    assert_eq!(after, before);
    let cloud = before
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Cloud Parity Foundational Features")
        .unwrap();
    assert_eq!(cloud["state"], "beta");
    assert_eq!(cloud["column"], "beta");
}
