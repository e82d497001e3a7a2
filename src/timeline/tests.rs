#![allow(clippy::unwrap_used)]

use std::fmt::Write;

use super::*;
use crate::board::Choice;

fn doc(rows: &[(&str, &str, &str)]) -> String {
    let mut text = String::from("# Plans\n\n| Name | State | Notes |\n| --- | --- | --- |\n");
    for (name, state, notes) in rows {
        let _ = writeln!(text, "| {name} | {state} | {notes} |");
    }
    text
}

/// The timelines of the last version's rows, each version from the commit of its index.
fn follow(versions: &[String]) -> Vec<Timeline> {
    let mut tracker = Tracker::new(Choice::default());
    for (k, text) in versions.iter().enumerate() {
        assert!(tracker.push(text, Some(u32::try_from(k).unwrap())));
    }
    tracker.into_rows()
}

fn states(t: &Timeline) -> Vec<(&str, Mark)> {
    t.0.iter().map(|s| (s.state.as_str(), s.from)).collect()
}

#[test]
fn a_card_moved_through_several_states() {
    let rows = follow(&[
        doc(&[("Alpha", "idea", "a"), ("Beta", "design", "b")]),
        doc(&[("Alpha", "design", "a"), ("Beta", "design", "b")]),
        // An edit that is no move, and a state written otherwise: no new stint.
        doc(&[("Alpha", "**Design**", "a, more"), ("Beta", "design", "b")]),
        doc(&[("Alpha", "released", "a, more"), ("Beta", "design", "b")]),
    ]);
    assert_eq!(
        states(&rows[0]),
        [
            ("idea", Some(0)),
            ("design", Some(1)),
            ("released", Some(3))
        ]
    );
    assert_eq!(states(&rows[1]), [("design", Some(0))]);
}

#[test]
fn a_renamed_project_keeps_its_timeline_and_an_added_one_starts_one() {
    let rows = follow(&[
        doc(&[("Alpha", "idea", "a"), ("Beta", "design", "b")]),
        // Renamed and moved at once: its notes and position still say it is Beta.
        doc(&[
            ("Alpha", "idea", "a"),
            ("Beta Two", "released", "b"),
            ("Gamma", "", "c"),
        ]),
        // Moved to the top of the table.
        doc(&[
            ("Beta Two", "released", "b"),
            ("Alpha", "idea", "a"),
            ("Gamma", "idea", "c"),
        ]),
    ]);
    assert_eq!(
        states(&rows[0]),
        [("design", Some(0)), ("released", Some(1))]
    );
    assert_eq!(states(&rows[1]), [("idea", Some(0))]);
    assert_eq!(states(&rows[2]), [("", Some(1)), ("idea", Some(2))]);
}

#[test]
fn a_removed_row_ends_and_a_version_that_does_not_read_is_passed_over() {
    let mut tracker = Tracker::new(Choice::default());
    tracker.push(
        &doc(&[("Alpha", "idea", "a"), ("Beta", "idea", "b")]),
        Some(0),
    );
    assert!(!tracker.push("no table here\n", Some(1)));
    tracker.push(&doc(&[("Beta", "design", "b")]), Some(2));
    // Alpha comes back: a new row, with a timeline of its own.
    tracker.push(
        &doc(&[("Beta", "design", "b"), ("Alpha", "idea", "a")]),
        Some(3),
    );
    let rows = tracker.into_rows();
    assert_eq!(states(&rows[0]), [("idea", Some(0)), ("design", Some(2))]);
    assert_eq!(states(&rows[1]), [("idea", Some(3))]);
}

#[test]
fn changes_not_committed_and_the_board_on_top() {
    let mut tracker = Tracker::new(Choice::default());
    tracker.push(&doc(&[("Alpha", "idea", "a")]), Some(0));
    tracker.push(&doc(&[("Alpha", "design", "a")]), None);
    let rows = tracker.into_rows();
    assert_eq!(states(&rows[0]), [("idea", Some(0)), ("design", None)]);
    // A card moved back on the board: its timeline as it stands now.
    let now = rows[0].now_in("idea");
    assert_eq!(
        states(&now),
        [("idea", Some(0)), ("design", None), ("idea", None)]
    );
    assert_eq!(rows[0].now_in("DESIGN"), rows[0]);
}

#[test]
fn resumed_from_a_cache_as_if_read_through() {
    let versions = [
        doc(&[("Alpha", "idea", "a"), ("Beta", "design", "b")]),
        doc(&[("Alpha", "design", "a"), ("Beta", "design", "b")]),
        doc(&[("Beta", "released", "b"), ("Alpha", "design", "a")]),
    ];
    let whole = follow(&versions);
    let first = follow(&versions[..2]);
    let mut tracker = Tracker::resume(Choice::default(), &versions[1], first).unwrap();
    tracker.push(&versions[2], Some(2));
    assert_eq!(tracker.into_rows(), whole);
    assert!(
        Tracker::resume(Choice::default(), &versions[1], Vec::new()).is_none(),
        "as many timelines as rows"
    );
}

#[test]
fn pruning_keeps_the_commits_named() {
    let commit = |n: i64| Commit {
        hash: format!("{n:040}"),
        author: "A".into(),
        time: n,
        date: String::new(),
    };
    let mut history = History {
        commits: (0..4).map(commit).collect(),
        rows: vec![Timeline(vec![
            Stint {
                state: "a".into(),
                from: Some(1),
            },
            Stint {
                state: "b".into(),
                from: Some(3),
            },
            Stint {
                state: "c".into(),
                from: None,
            },
        ])],
    };
    history.prune();
    assert_eq!(history.commits, [commit(1), commit(3)]);
    let marks: Vec<Mark> = history.rows[0].0.iter().map(|s| s.from).collect();
    assert_eq!(marks, [Some(0), Some(1), None]);
    assert_eq!(history.commit(Some(1)).unwrap().short(), "0000000");
}

#[test]
fn times_add_the_boards_own_changes() {
    let times = Times {
        commits: vec![Commit {
            hash: "abc".into(),
            author: "A".into(),
            time: 0,
            date: "1970-01-01T00:00:00Z".into(),
        }],
        cards: [(
            1,
            Timeline(vec![Stint {
                state: "design".into(),
                from: Some(0),
            }]),
        )]
        .into(),
        now: 10 * 24 * 3600 + 5,
    };
    assert_eq!(times.days_in_state(1, "Design"), Some(10));
    assert_eq!(
        times.days_in_state(1, "released"),
        None,
        "moved on the board"
    );
    assert_eq!(times.days_in_state(2, "design"), None, "added on the board");
    assert_eq!(
        states(&times.of(1, "released")),
        [("design", Some(0)), ("released", None)]
    );
    assert_eq!(states(&times.of(2, "idea")), [("idea", None)]);
}
