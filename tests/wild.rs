//! Real status tables of other projects (../shared/wild, SOURCES.md says what each is): each
//! opens without flags, with its status tables, the title column written here, and as many cards
//! as SOURCES.md counts rows (section rows apart). Skipped, saying so, where ../shared is absent.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use mdboard::board::layout::{self, Choice, Layout};
use mdboard::markdown::{self, Document};

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
/// number of its rows (all tables, as SOURCES.md counts them) and of its section rows.
struct Expected {
    file: &'static str,
    state: &'static str,
    tables: usize,
    titles: &'static [(&'static str, Option<&'static str>)],
    rows: usize,
    sections: usize,
}

const EXPECTED: [Expected; 10] = [
    Expected {
        file: "bento-no-outer-pipes-emoji.md",
        state: "Status",
        tables: 1,
        titles: &[("Feature", None)],
        rows: 4,
        sections: 0,
    },
    Expected {
        file: "jupyter-jeps-status-2nd-col.md",
        state: "Status",
        tables: 1,
        titles: &[("Title", Some("Number"))],
        rows: 36,
        sections: 0,
    },
    Expected {
        file: "near-neps.md",
        state: "Status",
        tables: 1,
        titles: &[("Title", Some("NEP #"))],
        rows: 47,
        sections: 0,
    },
    Expected {
        file: "nodejs-release-schedule.md",
        state: "Status",
        tables: 2,
        titles: &[("Codename", Some("Release")), ("Codename", Some("Release"))],
        rows: 25,
        sections: 0,
    },
    Expected {
        file: "ossf-tac-linked-status.md",
        state: "Status",
        tables: 3,
        titles: &[("Name", None), ("Name", None), ("Name", None)],
        rows: 34,
        sections: 0,
    },
    Expected {
        file: "persona-roadmap-emoji-text.md",
        state: "Status",
        tables: 2,
        titles: &[("Theme", Some("Milestone")), ("Interface", None)],
        rows: 32,
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
        rows: 106,
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
        rows: 99,
        sections: 0,
    },
    Expected {
        file: "touhou-translate-chinese.md",
        state: "状态",
        tables: 1,
        titles: &[("中文译名", Some("序号"))],
        rows: 13,
        sections: 0,
    },
    Expected {
        file: "ts2pas-emoji-only-status.md",
        state: "Status",
        tables: 2,
        titles: &[("Package", Some("Rank")), ("Module", Some("#"))],
        rows: 18,
        sections: 0,
    },
];

fn read(name: &str) -> (Document, Layout) {
    let dir = wild().unwrap();
    let text = fs::read_to_string(dir.join(name)).unwrap();
    let doc = markdown::parse(&text).unwrap();
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
            (e.rows, e.sections),
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
