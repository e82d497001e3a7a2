//! What the tables of small documents mean: one quirk of real status tables per test.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use super::*;

fn doc(text: &str) -> Document {
    markdown::parse(text).unwrap()
}

fn detect(text: &str) -> Layout {
    layout(&doc(text), &Choice::default()).unwrap()
}

#[test]
fn the_status_column_goes_by_many_names() {
    for name in [
        "State",
        "Status",
        "**Stage**",
        "phase",
        "Progress",
        "Lifecycle",
        "Estado",
        "Statut",
        "Zustand",
        "Stato",
        "Статус",
        "状态",
        "状態",
        "상태",
        "States",
        "Status ✅",
        ":white_check_mark: Status",
    ] {
        let text = format!("| Name | {name} |\n| - | - |\n| A | done |\n");
        let l = detect(&text);
        assert_eq!(l.tables.len(), 1, "{name}");
        assert_eq!(l.tables[0].state, 1, "{name}");
    }
}

#[test]
fn a_state_written_as_a_shortcode_is_the_state_of_its_emoji() {
    assert_eq!(state_key(":white_check_mark: Done"), state_key("✅ Done"));
    assert_eq!(state_key(":warning:"), state_key("⚠️"));
    assert_ne!(state_key(":not_a_shortcode:"), state_key("✅"));
}

#[test]
fn a_status_name_leading_a_projects_table_gives_way_to_one_after_it() {
    // `Status` leads the table: a table led by its status column lists states. `Phase` is the
    // status column of this one; the table is no states table.
    let l = detect("| Status | Name | Phase |\n| - | - | - |\n| A | n | p1 |\n| B | n | p2 |\n");
    assert_eq!(l.tables.len(), 1);
    assert_eq!(l.tables[0].state, 2);
    assert_eq!(l.states_table, None);
    // A summary led by Status before the projects table: the projects table's Status column,
    // not the summary's Progress.
    let l = detect(
        "| Status | Projects | Progress |\n| - | - | - |\n| Done | 2 | 100% |\n\n\
         | Project | Status | Owner |\n| - | - | - |\n| Alpha | Done | ann |\n",
    );
    assert_eq!(l.tables.len(), 1);
    assert_eq!((l.tables[0].table, l.tables[0].state), (1, 1));
}

#[test]
fn within_one_header_the_earliest_name_wins() {
    let l = detect("| Name | Phase | Status |\n| - | - | - |\n| A | 2 | done |\n");
    assert_eq!(l.tables[0].state, 2);
    assert_eq!(l.state_name, "Status");
}

#[test]
fn later_tables_with_the_same_column_join() {
    let text = "## One\n\n| Name | Status |\n| - | - |\n| A | done |\n\n\
                ## Other\n\n| Name | Stage |\n| - | - |\n| B | x |\n\n\
                ## Two\n\n| Title | Notes | **Status** |\n| - | - | - |\n| C | n | idea |\n";
    let l = detect(text);
    let tables: Vec<usize> = l.tables.iter().map(|t| t.table).collect();
    assert_eq!(tables, [0, 2], "the Stage table is another column");
    assert_eq!(l.tables[1].state, 2);
}

#[test]
fn the_states_table_is_the_first_led_by_the_status_column() {
    let text = "| Статус | Описание |\n| - | - |\n| ✅ Production | ok |\n| 🔶 MVP | wip |\n\n\
                | Feature | Статус |\n| - | - |\n| A | ✅ Production |\n";
    let l = detect(text);
    assert_eq!(l.states_table, Some(0));
    assert_eq!(l.states, ["✅ Production", "🔶 MVP"]);
    assert_eq!(l.tables[0].table, 1);
}

#[test]
fn a_named_column_overrides_detection() {
    let text = "| Name | Status | Column |\n| - | - | - |\n| A | x | todo |\n";
    let choice = Choice {
        state_column: Some("column".to_owned()),
        ..Choice::default()
    };
    let l = layout(&doc(text), &choice).unwrap();
    assert_eq!(l.tables[0].state, 2);
    let choice = Choice {
        state_column: Some("Owner".to_owned()),
        ..Choice::default()
    };
    let err = layout(&doc(text), &choice).unwrap_err();
    assert!(
        err.to_string().contains("no table has a column \"Owner\""),
        "{err}"
    );
}

#[test]
fn the_refusal_names_the_tables_and_suggests_a_column() {
    let text = "| Name | Where |\n| - | - |\n| A | done |\n| B | done |\n| C | todo |\n";
    let err = layout(&doc(text), &Choice::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("line 1: Name | Where"), "{msg}");
    assert!(msg.contains("--state-column \"Where\""), "{msg}");
}

#[test]
fn the_title_is_the_named_column_not_an_id() {
    let l = detect(
        "| Number | Title | Status |\n| - | - | - |\n| [CAP-0001](c.md) | Intro | Final |\n",
    );
    assert_eq!((l.tables[0].title, l.tables[0].id), (1, Some(0)));
    let l = detect(
        "| # | Module | Size | Status |\n| - | - | - | - |\n| 1 | parser | 12 KB | done |\n| 2 | lexer | 3 KB | wip |\n",
    );
    assert_eq!((l.tables[0].title, l.tables[0].id), (1, Some(0)));
}

#[test]
fn a_named_column_holding_numbers_is_no_title() {
    let text = "| Milestone | Theme | Features | Status |\n| - | - | - | - |\n\
                | v0.1.0 | Foundation | 20 | done |\n| v0.2.0 | Data | 6 | done |\n";
    let l = detect(text);
    assert_eq!((l.tables[0].title, l.tables[0].id), (1, Some(0)));
}

#[test]
fn names_with_a_number_are_names_and_capitals_with_one_are_ids() {
    for name in ["Project 0", "Sprint 14", "Node 18", "Phase 2"] {
        assert!(!is_id(name), "{name}");
    }
    for id in [
        "RFC 1234", "PEP 8", "CAP-0001", "0004", "v0.1.0", "p0", "Q3 2024",
    ] {
        assert!(is_id(id), "{id}");
    }
    let mut text = String::from("| Name | Label | Description | State |\n| - | - | - | - |\n");
    for i in 0..4 {
        let _ = writeln!(
            text,
            "| Project {i} | p{i} | Description of project {i} | s{i} |"
        );
    }
    let l = detect(&text);
    assert_eq!((l.tables[0].title, l.tables[0].id), (0, None));
}

#[test]
fn a_mostly_empty_column_is_no_title_then_the_ids_are() {
    let text = "| Release | Status | Notes |\n| - | - | - |\n\
                | 22.x | Current | newest |\n| 20.x | Current | |\n| 18.x | Future | |\n";
    let l = detect(text);
    assert_eq!((l.tables[0].title, l.tables[0].id), (0, None));
}

#[test]
fn names_come_before_titles_in_any_script() {
    let text =
        "| 序号 | 日文原标题 | 中文译名 | 状态 |\n| - | - | - | - |\n| 1 | 東方 | 东方 | 完成 |\n";
    let l = detect(text);
    assert_eq!((l.tables[0].title, l.tables[0].id), (2, Some(0)));
}

#[test]
fn the_body_is_short_fields_and_the_longest_text() {
    let text = "| Project Name | Label | Description | Community Group | State |\n\
                | - | - | - | - | - |\n\
                | GPU Support | gpu | Everything related to supporting GPUs on the network | wg-gpu | ideation |\n";
    let t = &detect(text).tables[0];
    assert_eq!(
        (t.title, t.fields.clone(), t.description),
        (0, vec![1, 3], Some(2))
    );
}

#[test]
fn states_are_one_whatever_their_markup() {
    for (a, b) in [
        ("**Active LTS**", "active lts"),
        ("[Active LTS](x.md)", "Active  LTS"),
        ("`Done`", "done"),
        ("⚠️ Partial", "⚠ Partial"),
        ("_Future_", "Future"),
    ] {
        assert_eq!(state_key(a), state_key(b), "{a} / {b}");
    }
    assert_ne!(state_key("✅ Done"), state_key("Done"));
}

#[test]
fn a_bold_first_cell_alone_is_a_section() {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert!(is_section(&s(&["**Auth**", "", " "])));
    assert!(!is_section(&s(&["**Auth**", "x", ""])));
    assert!(!is_section(&s(&["Auth", "", ""])));
}

#[test]
fn ids_numbers_versions_and_paths() {
    for id in [
        "CAP-0001",
        "0004",
        "#12",
        "v22.x",
        "1.2.3",
        "src/lib.rs",
        "NEP-141",
        "22.x",
    ] {
        assert!(is_id(id), "{id}");
    }
    for not in [
        "GPU Support",
        "Fungible Token Standard",
        "lodash",
        "Jod",
        "",
    ] {
        assert!(!is_id(not), "{not}");
    }
}

#[test]
fn many_tables_share_the_sample_and_read_as_each_does_alone() {
    // 40 tables of 300 rows: each is judged by 100 of its rows, not all of them.
    let table = |t: usize| {
        let mut s = format!(
            "## Group {t}\n\n| ID | Project | Notes | Status |\n| --- | --- | --- | --- |\n"
        );
        for r in 0..300 {
            // Notes on about half the rows, in no period a sample's stride could follow.
            let note = if (r * 7919 + t * 31) % 10 < 5 {
                "a longer note that describes the project at some length, its goals and its people"
            } else {
                ""
            };
            let _ = writeln!(s, "| P-{t}{r:03} | Project {t} {r} | {note} | idea |");
        }
        s
    };
    let text: String = (0..40).map(|t| table(t) + "\n").collect();
    let all = detect(&text);
    assert_eq!(all.tables.len(), 40);
    for (k, got) in all.tables.iter().enumerate() {
        let alone = detect(&table(k));
        let want = &alone.tables[0];
        assert_eq!(
            (got.title, got.id, got.description, &got.fields),
            (want.title, want.id, want.description, &want.fields),
            "table {k}"
        );
    }
    let first = &all.tables[0];
    assert_eq!(
        (first.title, first.id, first.description),
        (1, Some(0), Some(2))
    );
}
