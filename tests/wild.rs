//! Real status tables of other projects (../shared/wild, SOURCES.md says what each is): each
//! opens without flags, with its status tables, the title column written here, and as many cards
//! as SOURCES.md counts rows (section rows apart); it exports byte for byte, and a move of its
//! first card changes exactly that card's state cell, in the style of its column. Skipped, saying
//! so, where ../shared is absent.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use mdboard::board::layout::{self, Choice, Layout};
use mdboard::board::{Board, Column};
use mdboard::markdown::{self, Document};
use mdboard::store::Store;
use unicode_width::UnicodeWidthStr;

fn wild() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/wild");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/wild is absent");
        None
    }
}

/// What each file must read as: its status tables, their title columns (and ID columns), and the
/// number of its section rows. Its rows are as many as SOURCES.md counts (all tables).
struct Expected {
    file: &'static str,
    state: &'static str,
    tables: usize,
    titles: &'static [(&'static str, Option<&'static str>)],
    sections: usize,
}

const EXPECTED: [Expected; 10] = [
    Expected {
        file: "bento-no-outer-pipes-emoji.md",
        state: "Status",
        tables: 1,
        titles: &[("Feature", None)],
        sections: 0,
    },
    Expected {
        file: "jupyter-jeps-status-2nd-col.md",
        state: "Status",
        tables: 1,
        titles: &[("Title", Some("Number"))],
        sections: 0,
    },
    Expected {
        file: "near-neps.md",
        state: "Status",
        tables: 1,
        titles: &[("Title", Some("NEP #"))],
        sections: 0,
    },
    Expected {
        file: "nodejs-release-schedule.md",
        state: "Status",
        tables: 2,
        titles: &[("Codename", Some("Release")), ("Codename", Some("Release"))],
        sections: 0,
    },
    Expected {
        file: "ossf-tac-linked-status.md",
        state: "Status",
        tables: 3,
        titles: &[("Name", None), ("Name", None), ("Name", None)],
        sections: 0,
    },
    Expected {
        file: "persona-roadmap-emoji-text.md",
        state: "Status",
        tables: 2,
        titles: &[("Theme", Some("Milestone")), ("Interface", None)],
        sections: 0,
    },
    Expected {
        file: "portal-russian-emoji-status.md",
        state: "Статус",
        tables: 10,
        titles: &[
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Feature", None),
            ("Component", None),
        ],
        sections: 7,
    },
    Expected {
        file: "stellar-caps.md",
        state: "Status",
        tables: 3,
        titles: &[
            ("Title", Some("Number")),
            ("Title", Some("Number")),
            ("Title", Some("Number")),
        ],
        sections: 0,
    },
    Expected {
        file: "touhou-translate-chinese.md",
        state: "状态",
        tables: 1,
        titles: &[("中文译名", Some("序号"))],
        sections: 0,
    },
    Expected {
        file: "ts2pas-emoji-only-status.md",
        state: "Status",
        tables: 2,
        titles: &[("Package", Some("Rank")), ("Module", Some("#"))],
        sections: 0,
    },
];

fn read(name: &str) -> (Document, Layout) {
    let dir = wild().unwrap();
    let text = fs::read_to_string(dir.join(name)).unwrap();
    let doc = markdown::parse(&text).unwrap();
    // Read again through the shape a board keeps of it: the same document.
    let again = markdown::parse_shaped(text.as_bytes(), &doc.shape).unwrap();
    assert_eq!(again, doc, "{name}");
    let layout = layout::layout(&doc, &Choice::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    (doc, layout)
}

#[test]
fn every_wild_document_reads_with_its_tables_titles_and_rows() {
    if wild().is_none() {
        return;
    }
    for e in &EXPECTED {
        let (doc, layout) = read(e.file);
        assert_eq!(layout.state_name, e.state, "{}", e.file);
        assert_eq!(layout.tables.len(), e.tables, "{}: status tables", e.file);
        let titles: Vec<(&str, Option<&str>)> = layout
            .tables
            .iter()
            .map(|t| {
                let columns = &doc.tables[t.table].columns;
                (columns[t.title].as_str(), t.id.map(|i| columns[i].as_str()))
            })
            .collect();
        assert_eq!(titles, e.titles, "{}: title columns", e.file);
        let mut rows = 0;
        let mut sections = 0;
        for t in &layout.tables {
            let table = &doc.tables[t.table];
            for r in 0..table.rows.len() {
                rows += 1;
                let cells: Vec<String> = (0..table.columns.len())
                    .map(|c| {
                        table
                            .cell_range(&doc.text, r, c)
                            .map_or_else(String::new, |x| doc.text[x].to_owned())
                    })
                    .collect();
                sections += usize::from(layout::is_section(&cells));
            }
        }
        assert_eq!(
            (rows, sections),
            (source_rows(e.file), e.sections),
            "{}: rows, sections",
            e.file
        );
    }
}

#[test]
fn every_file_of_sources_md_is_expected() {
    let Some(dir) = wild() else { return };
    let mut files: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "md")
                && n != "SOURCES.md"
        })
        .collect();
    files.sort();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    assert_eq!(files, expected);
}

/// The rows SOURCES.md counts for a file: the bracketed count of all its tables ("70 (99 in 3
/// tables)"), else the first table's.
fn source_rows(file: &str) -> usize {
    let sources = fs::read_to_string(wild().unwrap().join("SOURCES.md")).unwrap();
    let line = sources
        .lines()
        .find(|l| l.starts_with(&format!("| `{file}` |")))
        .unwrap_or_else(|| panic!("{file} is in SOURCES.md"));
    let rows = line.split(" | ").nth(5).unwrap();
    let count = rows.split_once('(').map_or(rows, |(_, all)| all);
    count
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{file}: a row count in {rows:?}"))
}

/// The board of a wild file as the binary opens it: through the store, with no flag.
fn open(name: &str) -> (String, Board) {
    let text = fs::read_to_string(wild().unwrap().join(name)).unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join(name);
    fs::write(&file, &text).unwrap();
    let store = Store::new(work.path().join("data"));
    let (stored, notices) = store
        .open(Some(&file))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(notices.is_empty(), "{name}: {notices:?}");
    (text, stored.board)
}

#[test]
fn every_wild_document_opens_as_a_board_and_exports_its_bytes() {
    if wild().is_none() {
        return;
    }
    for e in &EXPECTED {
        let (text, board) = open(e.file);
        let cards = board.cards.iter().filter(|c| !board.is_section(c)).count();
        assert_eq!(cards, source_rows(e.file) - e.sections, "{}: cards", e.file);
        assert!(board.export() == text, "{}: export", e.file);
    }
}

#[test]
fn a_move_of_the_first_card_changes_its_state_cell_in_the_style_of_its_column() {
    if wild().is_none() {
        return;
    }
    for e in &EXPECTED {
        let (text, mut board) = open(e.file);
        let card = board
            .cards
            .iter()
            .find(|c| !board.is_section(c))
            .unwrap()
            .clone();
        let columns = board.columns();
        let from = layout::state_key(board.state_raw(&card));
        // The state of the next card of its table in another state: a spelling the table has.
        let target: &Column = board
            .cards
            .iter()
            .filter(|c| c.table == card.table && !board.is_section(c))
            .map(|c| layout::state_key(board.state_raw(c)))
            .find(|k| *k != from && !k.is_empty())
            .and_then(|k| columns.iter().find(|c| c.key == k))
            .or_else(|| columns.iter().find(|c| c.key != from && !c.key.is_empty()))
            .unwrap();
        let spellings: Vec<String> = board
            .cards
            .iter()
            .filter(|c| {
                c.table == card.table && layout::state_key(board.state_raw(c)) == target.key
            })
            .map(|c| board.state_raw(c).to_owned())
            .collect();
        let change = board.move_to(card.id, target).unwrap();
        board.apply(change).unwrap();
        let exported = board.export();

        let changed: Vec<(&str, &str)> = text
            .lines()
            .zip(exported.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed.len(), 1, "{}: one line changes", e.file);
        assert_eq!(text.lines().count(), exported.lines().count(), "{}", e.file);
        let (before, after) = changed[0];

        // Only the state cell differs, and it reads as the target state.
        let doc = markdown::parse(&exported).unwrap();
        let row = board
            .cards
            .iter()
            .filter(|c| c.table == card.table)
            .position(|c| c.id == card.id)
            .unwrap();
        let state_col = board.state_col_of(&card);
        let mut cells = card.cells.clone();
        let written = doc.cell(card.table, row, state_col).to_owned();
        cells[state_col].clone_from(&written);
        assert_eq!(doc.cells(card.table, row), cells, "{}: {after}", e.file);
        assert_eq!(layout::state_key(&written), target.key, "{}", e.file);
        // In the style of the column: as the table spells that state, else as the states table
        // does, else as the column is named.
        let most_common = spellings
            .iter()
            .max_by_key(|s| {
                let first = spellings.iter().position(|x| x == *s);
                (
                    spellings.iter().filter(|x| x == s).count(),
                    std::cmp::Reverse(first),
                )
            })
            .map(String::as_str);
        // A link only one row has, or that differs from row to row (each row's own document),
        // is not copied.
        let own_links = most_common.is_some_and(|best| {
            let text = markdown::strip_links(best).text;
            text != best
                && (spellings.iter().filter(|s| *s == best).count() < 2
                    || spellings
                        .iter()
                        .any(|s| s != best && markdown::strip_links(s).text == text))
        });
        let unlinked = most_common.map(|s| markdown::strip_links(s).text);
        let style = if own_links {
            unlinked.as_deref()
        } else {
            most_common
        }
        .or(target.spelling.as_deref())
        .unwrap_or(&target.state);
        assert_eq!(written, style, "{}: {before} -> {after}", e.file);
        // In a table laid out in columns, the new cell keeps the column's width when it fits.
        let before_doc = markdown::parse(&text).unwrap();
        if let Some(width) = before_doc.tables[card.table].widths[state_col]
            && written.width() + 2 <= width
        {
            let range = doc.tables[card.table].rows[row].cells[state_col].clone();
            assert_eq!(
                exported[range].width(),
                width,
                "{}: {before} -> {after}",
                e.file
            );
        }
    }
}

#[test]
fn the_aligned_nep_index_keeps_its_alignment_though_one_row_is_not_padded() {
    // Issue 11's example: `| Living     |` became `| Final     |`; one row of the table is
    // written `| Final |`, by hand.
    if wild().is_none() {
        return;
    }
    let (text, mut board) = open("near-neps.md");
    let card = board.find("NEP Purpose and Guidelines").unwrap();
    let columns = board.columns();
    let to = board.find_column(&columns, "Final").unwrap();
    let change = board.move_to(card, to).unwrap();
    board.apply(change).unwrap();
    let line = text.lines().find(|l| l.contains("| Living     |")).unwrap();
    assert_eq!(
        board.export(),
        text.replacen(line, &line.replace("| Living     |", "| Final      |"), 1)
    );
}

/// Issue 14's views on documents of several tables: lanes by table (and section), hidden
/// columns, marks moved together, limits; drawn at three sizes without a fault.
#[test]
fn the_views_work_on_documents_of_several_tables() {
    use mdboard::app::{App, Disk};
    use mdboard::keymap::Keymap;
    use mdboard::store::LaneBy;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    if wild().is_none() {
        return;
    }
    let key = |app: &mut App, c: char| {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    };
    for e in EXPECTED.iter().filter(|e| e.tables > 1) {
        let (text, board) = open(e.file);
        let mut stored = mdboard::store::Stored::in_memory(board, None);
        stored.settings.limits = Some(std::iter::once(("none".to_owned(), 1)).collect());
        let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
        app.resize(120, 40);
        // s until the lanes are by table: one lane per table, or per section where it has them.
        for _ in 0..20 {
            if app.lanes.as_ref().is_some_and(|l| l.by == LaneBy::Table) {
                break;
            }
            key(&mut app, 's');
        }
        let lanes = app.lanes.as_ref().expect("lanes by table");
        assert!(
            lanes.lanes.len() >= e.tables,
            "{}: {} lanes for {} tables",
            e.file,
            lanes.lanes.len(),
            e.tables
        );
        // Two cards marked and moved a state on, as one change; only their state cells change.
        let ids: Vec<_> = app
            .stored
            .board
            .cards
            .iter()
            .filter(|c| !app.stored.board.is_section(c))
            .take(2)
            .map(|c| c.id)
            .collect();
        for &id in &ids {
            assert!(app.focus_card(id));
            key(&mut app, 'v');
        }
        let first = ids[0];
        let marked = app.marked_ids();
        key(&mut app, 'L');
        assert_eq!(
            app.stored.board.history.done.len(),
            1,
            "{}: one change",
            e.file
        );
        let exported = app.stored.board.export();
        let changed = text
            .lines()
            .zip(exported.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert!(
            changed <= marked.len(),
            "{}: {changed} lines, {} marked: {:?}",
            e.file,
            marked.len(),
            app.message
        );
        assert!(marked.contains(&first));
        // A column hidden, and every size drawn.
        key(&mut app, 'c');
        for (w, h) in [(80, 24), (120, 40), (200, 50)] {
            app.resize(w, h);
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|frame| mdboard::ui::view(frame, &app, &mdboard::ui::Theme::plain()))
                .unwrap();
        }
        // Undo gives the document back.
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        key(&mut app, 'u');
        assert!(app.stored.board.export() == text, "{}: undo", e.file);
    }
}
