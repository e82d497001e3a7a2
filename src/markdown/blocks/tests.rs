//! The tables of long documents read in two parts as in one.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use super::*;
use crate::markdown::Lines;

/// The tables of `text` read in one go and, when the text allows it, in two parts; both.
fn both(text: &str) -> (Vec<TableLines>, Option<Vec<TableLines>>) {
    let lines: Vec<Line> = Lines::new(text).collect();
    let input = Input {
        parsed: &without_header_breaks(text, &lines),
        text,
        lines: &lines,
    };
    let one = read(
        &input,
        &Source::Slice {
            from: 0,
            to: text.len(),
        },
        &[],
        None,
    )
    .0;
    let two = read_in_two(&input, 0).map(|(found, _)| found);
    let strip = |v: Vec<Found>| v.into_iter().map(|f| f.lines).collect();
    (strip(one), two.map(strip))
}

fn rows(n: usize) -> String {
    (0..n).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "| row {i} | state {} |", i % 7);
        s
    })
}

#[test]
fn a_long_table_is_read_in_two_parts_as_in_one() {
    let text = format!(
        "# T\n\n| Name | State |\n| --- | --- |\n{}\nafter\n",
        rows(40_000)
    );
    let (one, two) = both(&text);
    assert_eq!(two.as_ref(), Some(&one), "cut between two rows");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].rows.len(), 40_000);
}

#[test]
fn many_tables_are_read_in_two_parts_as_in_one() {
    let block = format!("## S\n\n| Name | State |\n| --- | --- |\n{}\n", rows(20));
    let text = block.repeat(2_000);
    let (one, two) = both(&text);
    assert_eq!(two.as_ref(), Some(&one), "cut after a blank line");
    assert_eq!(one.len(), 2_000);
}

#[test]
fn a_fence_across_the_middle_is_read_in_one_go() {
    let block = format!("| Name | State |\n| --- | --- |\n{}\n", rows(20));
    let text = format!(
        "{}```\n{}```\n\n{}",
        block.repeat(500),
        block.repeat(1_000),
        block.repeat(500)
    );
    let (one, two) = both(&text);
    assert!(two.is_none_or(|two| two == one));
    assert_eq!(one.len(), 1_000, "the fenced tables are not tables");
}

#[test]
fn a_long_table_in_a_quote_is_read_as_in_one_go() {
    let body = (0..40_000).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "> | row {i} | s |");
        s
    });
    let text = format!("> | Name | State |\n> | --- | --- |\n{body}");
    let (one, two) = both(&text);
    assert!(two.is_none_or(|two| two == one));
    assert_eq!(one[0].rows.len(), 40_000);
}
