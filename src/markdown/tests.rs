//! Pure parse and render tests: one small document per quirk of real project tables.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use super::*;

/// What these tests read of a document: its projects table (the first with a State column past
/// its first), and its states table's states. The board's layout reads more; these tests are
/// about reading and writing one table.
trait Projects {
    fn projects(&self) -> usize;
    fn table(&self) -> &Table;
    fn state_col(&self) -> usize;
    fn states(&self) -> Vec<String>;
    fn raw_cell(&self, row: usize, col: usize) -> &str;
    fn raw_cells(&self, row: usize) -> Vec<String>;
    fn render<'a>(&self, rows: impl Iterator<Item = (Option<usize>, &'a [String])>) -> String;
}

/// The text parses, and none of its tables has a State column past its first.
fn assert_no_projects(text: &str) {
    let doc = parse(text).unwrap();
    assert!(
        !doc.tables
            .iter()
            .any(|t| t.columns.iter().skip(1).any(|h| is_state(h))),
        "{text}"
    );
}

fn is_state(h: &str) -> bool {
    h.eq_ignore_ascii_case("state") || h.eq_ignore_ascii_case("states")
}

impl Projects for Document {
    fn projects(&self) -> usize {
        self.tables
            .iter()
            .position(|t| t.columns.iter().skip(1).any(|h| is_state(h)))
            .expect("a projects table")
    }

    fn table(&self) -> &Table {
        &self.tables[self.projects()]
    }

    fn state_col(&self) -> usize {
        self.table()
            .columns
            .iter()
            .skip(1)
            .position(|h| is_state(h))
            .unwrap()
            + 1
    }

    fn states(&self) -> Vec<String> {
        self.tables
            .iter()
            .position(|t| t.columns.first().is_some_and(|h| is_state(h)))
            .map(|t| {
                (0..self.tables[t].rows.len())
                    .map(|r| plain(self.cell(t, r, 0)))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn raw_cell(&self, row: usize, col: usize) -> &str {
        self.cell(self.projects(), row, col)
    }

    fn raw_cells(&self, row: usize) -> Vec<String> {
        self.cells(self.projects(), row)
    }

    fn render<'a>(&self, rows: impl Iterator<Item = (Option<usize>, &'a [String])>) -> String {
        self.render_tables(vec![(self.projects(), rows.collect())])
    }
}

/// Parses `text`, checks that rendering every row from its origin with its own cells gives the
/// text back byte for byte, and returns the document.
fn round_trip(text: &str) -> Document {
    let doc = parse(text).expect("a projects table");
    let rows = all_cells(&doc);
    let out = doc.render(
        rows.iter()
            .enumerate()
            .map(|(i, c)| (Some(i), c.as_slice())),
    );
    assert_eq!(out, text, "render of the unchanged rows");
    doc
}

/// The trimmed raw cells of every row.
fn all_cells(doc: &Document) -> Vec<Vec<String>> {
    (0..doc.table().rows.len())
        .map(|r| doc.raw_cells(r))
        .collect()
}

/// Renders the rows `(origin, cells)`.
fn render(doc: &Document, rows: &[(Option<usize>, Vec<String>)]) -> String {
    doc.render(rows.iter().map(|(o, c)| (*o, c.as_slice())))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The rows of `doc` with cell `col` of row `row` set to `raw`.
fn with_cell(
    doc: &Document,
    row: usize,
    col: usize,
    raw: &str,
) -> Vec<(Option<usize>, Vec<String>)> {
    all_cells(doc)
        .into_iter()
        .enumerate()
        .map(|(i, mut cells)| {
            if i == row {
                cells[col] = raw.to_owned();
            }
            (Some(i), cells)
        })
        .collect()
}

/// The state cell values of every row, as a reader means them.
fn states_of(doc: &Document) -> Vec<String> {
    (0..doc.table().rows.len())
        .map(|r| plain(doc.raw_cell(r, doc.state_col())))
        .collect()
}

#[test]
fn header_without_trailing_pipe() {
    let text = "| Name | Label | State\n| --- | --- | --- |\n| A | a | ideation |\n| B | b | |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().columns, ["Name", "Label", "State"]);
    assert_eq!(doc.state_col(), 2);
    assert_eq!(doc.table().header_line, 1);
    assert_eq!(
        all_cells(&doc),
        [strings(&["A", "a", "ideation"]), strings(&["B", "b", ""])]
    );
}

#[test]
fn doubled_and_trailing_spaces_are_kept_but_not_read() {
    let text = "| Name  |  State |  \n|---|---|\n|  Two  spaces  |  ideation  |   \n";
    let doc = round_trip(text);
    assert_eq!(all_cells(&doc), [strings(&["Two  spaces", "ideation"])]);
    assert_eq!(doc.table().columns, ["Name", "State"]);
}

#[test]
fn a_row_broken_across_two_lines_is_one_row() {
    let text = "| Name | Label | Description | Group | State\n\
                | --- | --- | --- | --- | --- |\n\
                | Before | | one line | | |\n\
                | Cloud Parity | | HA. Load balancers. State Management\n  |  |  |\n\
                | After | x | y | z | ideation |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().rows.len(), 3);
    assert_eq!(
        all_cells(&doc)[1],
        strings(&[
            "Cloud Parity",
            "",
            "HA. Load balancers. State Management",
            "",
            ""
        ])
    );
    assert_eq!(doc.table().rows[1].line, 4);
    assert_eq!(doc.table().rows[2].line, 6);
    assert_eq!(
        all_cells(&doc)[2],
        strings(&["After", "x", "y", "z", "ideation"])
    );
}

#[test]
fn empty_state_reads_as_no_state() {
    let text = "| Name | State |\n| --- | --- |\n| A |  |\n| B | |\n| C ||\n";
    let doc = round_trip(text);
    assert_eq!(states_of(&doc), ["", "", ""]);
    assert_eq!(doc.table().rows.len(), 3);
}

#[test]
fn state_case_differing_from_the_states_table_is_kept() {
    let text = "| Name | State |\n| --- | --- |\n| A | Ideation |\n| B | IMPLEMENTATION |\n\n\
                | State | Description |\n| --- | --- |\n| ideation | idea |\n| implementation | work |\n";
    let doc = round_trip(text);
    assert_eq!(doc.states(), ["ideation", "implementation"]);
    assert_eq!(states_of(&doc), ["Ideation", "IMPLEMENTATION"]);
}

#[test]
fn a_state_the_states_table_does_not_list() {
    let text = "| Name | State |\n| --- | --- |\n| A | parked |\n| B | beta |\n\n\
                | State | Description |\n| --- | --- |\n| beta | testing |\n";
    let doc = round_trip(text);
    assert_eq!(doc.states(), ["beta"]);
    assert_eq!(states_of(&doc), ["parked", "beta"]);
}

#[test]
fn no_states_table() {
    let text = "| Name | State |\n| --- | --- |\n| A | later |\n| B | sooner |\n| C | later |\n";
    let doc = round_trip(text);
    assert!(doc.states().is_empty());
    assert_eq!(states_of(&doc), ["later", "sooner", "later"]);
}

#[test]
fn the_states_table_keeps_its_order_and_ignores_its_empty_rows() {
    let text = "# T\n\n| State | Description | Things needed |\n| --- | --- | --- |\n\
                | ideation | a rough idea |\n| | |\n| **design** | design | |\n| spec-approved | ok\n\n\
                | Name | State |\n| --- | --- |\n| A | design |\n";
    let doc = round_trip(text);
    assert_eq!(doc.states(), ["ideation", "design", "spec-approved"]);
    assert_eq!(doc.table().header_line, 10);
}

#[test]
fn link_names_and_nested_links() {
    let text = "| Project Name | Group | State |\n| --- | --- | --- |\n\
                | [GPU Support](../wg-gpu/prd.md) | [sig-providers]([url](https://x.io/sig-providers)) | beta |\n";
    let doc = round_trip(text);
    let name = decode(doc.raw_cell(0, 0));
    assert_eq!(strip_links(&name).text, "GPU Support");
    assert_eq!(strip_links(&name).targets, ["../wg-gpu/prd.md"]);
    let group = strip_links(doc.raw_cell(0, 1));
    assert_eq!(group.text, "sig-providers");
    assert_eq!(group.targets, ["[url](https://x.io/sig-providers)"]);
    assert_eq!(states_of(&doc), ["beta"]);
}

#[test]
fn escaped_pipes_stay_in_their_cell() {
    // A pipe after an escaped backslash is escaped too, as GitHub reads it: `x | y \\| beta` is
    // one cell, and the row lacks its State.
    let text = "| Name | Description | State |\n| --- | --- | --- |\n\
                | A \\| B | x \\| y \\\\| beta |\n";
    let doc = round_trip(text);
    assert_eq!(
        doc.raw_cells(0),
        strings(&["A \\| B", "x \\| y \\\\| beta", ""])
    );
    assert_eq!(decode(doc.raw_cell(0, 0)), "A | B");
    assert_eq!(decode(doc.raw_cell(0, 1)), "x | y \\| beta");
}

#[test]
fn no_leading_or_trailing_pipes() {
    let text = "Name | Label | State\n--- | --- | ---\nA | a | beta\nB | b |\n";
    let doc = round_trip(text);
    assert!(!doc.table().leading_pipe);
    assert!(!doc.table().trailing_pipe);
    assert_eq!(
        all_cells(&doc),
        [strings(&["A", "a", "beta"]), strings(&["B", "b", ""])]
    );
}

#[test]
fn alignment_colons() {
    let text = "| Name | Notes | State |\n|:-----|:-----:|------:|\n| A | n | beta |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().columns, ["Name", "Notes", "State"]);
    assert_eq!(all_cells(&doc), [strings(&["A", "n", "beta"])]);
}

#[test]
fn a_delimiter_with_the_wrong_cell_count_is_no_table() {
    let text = "| Name | State |\n| --- |\n| A | beta |\n";
    assert_no_projects(text);
}

#[test]
fn crlf_line_endings() {
    let text =
        "# T\r\n\r\n| Name | State |\r\n| --- | --- |\r\n| A | beta |\r\n| B |  |\r\n\r\nafter\r\n";
    let doc = round_trip(text);
    assert_eq!(doc.eol, "\r\n");
    assert_eq!(
        all_cells(&doc),
        [strings(&["A", "beta"]), strings(&["B", ""])]
    );
    assert_eq!(doc.title.as_deref(), Some("T"));
}

#[test]
fn byte_order_mark() {
    let text = "\u{feff}| Name | State |\n| --- | --- |\n| A | beta |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().columns, ["Name", "State"]);
    assert_eq!(doc.table().header_line, 1);
    let text = "\u{feff}---\ntitle: \"Current Projects\"\n---\n\n| Name | State |\n| --- | --- |\n| A | beta |\n";
    let doc = round_trip(text);
    assert_eq!(doc.title.as_deref(), Some("Current Projects"));
}

#[test]
fn no_final_newline() {
    let text = "| Name | State |\n| --- | --- |\n| A | beta |\n| B | done |";
    let doc = round_trip(text);
    assert_eq!(doc.table().rows.len(), 2);
    assert_eq!(doc.raw_cell(1, 1), "done");
}

#[test]
fn a_table_inside_a_fence_is_not_a_table() {
    for fence in ["```", "~~~", "````markdown"] {
        let close = &fence[..fence
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(fence.len())];
        let text = format!(
            "{fence}\n| Name | State |\n| --- | --- |\n| Fenced | beta |\n{close}\n\n\
             | Name | State |\n| --- | --- |\n| Real | done |\n"
        );
        let doc = round_trip(&text);
        assert_eq!(doc.table().rows.len(), 1, "{fence}");
        assert_eq!(doc.raw_cell(0, 0), "Real", "{fence}");
    }
    let only_fenced = "~~~\n| Name | State |\n| --- | --- |\n| Fenced | beta |\n~~~\n";
    assert_no_projects(only_fenced);
}

#[test]
fn a_states_table_inside_a_fence_is_not_the_states_table() {
    let text = "| Name | State |\n| --- | --- |\n| A | beta |\n\n```\n| State | D |\n| --- | --- |\n\
                | fenced | x |\n```\n\n| State | D |\n| --- | --- |\n| real | y |\n";
    let doc = round_trip(text);
    assert_eq!(doc.states(), ["real"]);
}

#[test]
fn a_table_in_an_html_comment_is_not_a_table() {
    let text = "<!--\n| Name | State |\n| --- | --- |\n| Hidden | beta |\n-->\n\n\
                | Name | State |\n| --- | --- |\n| Shown | done |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().rows.len(), 1);
    assert_eq!(doc.raw_cell(0, 0), "Shown");
    let only_hidden = "<!-- old table\n| Name | State |\n| --- | --- |\n| Hidden | beta |\n-->\n";
    assert_no_projects(only_hidden);
}

#[test]
fn a_table_whose_first_column_is_state_is_the_states_table() {
    let text = "| State | Description |\n| --- | --- |\n| idea | i |\n| work | w |\n\n\
                | Task | Owner | State |\n| --- | --- | --- |\n| T | me | work |\n";
    let doc = round_trip(text);
    assert_eq!(doc.states(), ["idea", "work"]);
    assert_eq!(doc.table().columns, ["Task", "Owner", "State"]);
    let only_states = "| State | Description |\n| --- | --- |\n| idea | i |\n";
    assert_no_projects(only_states);
}

#[test]
fn the_state_column_in_another_place() {
    let text = "| Ticket | Status | State | Owner |\n| --- | --- | --- | --- |\n\
                | T-1 | green | doing | ann |\n| T-2 | red |  | bob |\n";
    let doc = round_trip(text);
    assert_eq!(doc.state_col(), 2);
    assert_eq!(states_of(&doc), ["doing", ""]);
    let text = "| Item | **State** | Notes |\n| --- | --- | --- |\n| I | Done | n |\n";
    let doc = round_trip(text);
    assert_eq!(doc.state_col(), 1);
    assert_eq!(states_of(&doc), ["Done"]);
}

#[test]
fn a_table_without_a_state_column_is_skipped() {
    let text =
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n\n| Name | State |\n| --- | --- |\n| N | s |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().columns, ["Name", "State"]);
    assert_no_projects("| A | B |\n| --- | --- |\n| 1 | 2 |\n");
    assert_no_projects("no table at all\n");
    assert_no_projects("");
}

#[test]
fn rows_with_fewer_or_more_cells_than_the_header() {
    let text = "| Name | Label | State |\n| --- | --- | --- |\n| Short | s |\n| Long | l | beta | extra | more |\n| Ok | o | done |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().rows.len(), 3);
    assert_eq!(
        all_cells(&doc),
        [
            strings(&["Short", "s", ""]),
            strings(&["Long", "l", "beta"]),
            strings(&["Ok", "o", "done"])
        ]
    );
}

#[test]
fn a_table_with_no_rows() {
    let text = "# T\n\n| Name | State |\n| --- | --- |\n\nprose after\n";
    let doc = round_trip(text);
    assert!(doc.table().rows.is_empty());
    let end = text.find("\n\nprose").unwrap() + 1;
    assert_eq!(doc.table().body, end..end);
    assert_eq!(&text[doc.table().body.start..], "\nprose after\n");
}

#[test]
fn non_utf8_names_line_and_column() {
    let bytes = b"| Name | State |\n| --- | --- |\n| ab\xff | beta |\n";
    assert_eq!(
        parse_bytes(bytes),
        Err(ParseError::NotUtf8 { line: 3, column: 5 })
    );
    let e = parse_bytes(bytes).unwrap_err();
    assert_eq!(e.line(), Some(3));
    assert_eq!(
        e.to_string(),
        "line 3, column 5: not valid UTF-8 (expected a UTF-8 text file)"
    );
    // Said of a file, the place comes first and once.
    assert_eq!(
        e.in_file("nu.md"),
        "nu.md:3:5: not valid UTF-8 (expected a UTF-8 text file)"
    );
    let markers = ParseError::ConflictMarkers { lines: vec![4, 6] };
    assert!(
        markers
            .in_file("m.md")
            .starts_with("m.md:4: git conflict markers in or next to a table, on lines 4, 6"),
        "{markers}"
    );
    let one = ParseError::ConflictMarkers { lines: vec![3] };
    assert!(
        one.in_file("m.md")
            .starts_with("m.md:3: git conflict markers in or next to a table (expected"),
        "{}",
        one.in_file("m.md")
    );
    assert!(parse_bytes(b"| Name | State |\n| --- | --- |\n| A | b |\n").is_ok());
}

#[test]
fn changing_one_cell_changes_only_its_bytes() {
    let text = "intro\n\n| Name  | Label |  State\n|---|---|---|\n|  A  |  a   |   beta  |\n| B | b | |\nend\n";
    let doc = round_trip(text);
    let out = render(&doc, &with_cell(&doc, 0, 2, "implementation"));
    assert_eq!(out, text.replace("   beta  |", "   implementation  |"));
    let out = render(&doc, &with_cell(&doc, 0, 1, "x"));
    assert_eq!(out, text.replace("  a   |", "  x   |"));
    // An empty cell gets the value between single spaces.
    let out = render(&doc, &with_cell(&doc, 1, 2, "done"));
    assert_eq!(out, text.replace("| B | b | |", "| B | b | done |"));
    let reread = parse(&out).unwrap();
    assert_eq!(reread.raw_cells(1), strings(&["B", "b", "done"]));
}

#[test]
fn changing_a_cell_of_a_broken_row_keeps_its_lines() {
    let text = "| Name | Label | Description | Group | State\n| --- | --- | --- | --- | --- |\n\
                | Cloud | | HA. State Management\n  |  |  |\n| Next | | d | | |\n";
    let doc = round_trip(text);
    let out = render(&doc, &with_cell(&doc, 0, 4, "beta"));
    assert_eq!(out, text.replace("\n  |  |  |\n", "\n  |  | beta |\n"));
    let out = render(&doc, &with_cell(&doc, 0, 2, "One line"));
    assert_eq!(out, text.replace("HA. State Management", "One line"));
    assert_eq!(
        parse(&out).unwrap().raw_cells(0),
        strings(&["Cloud", "", "One line", "", ""])
    );
}

#[test]
fn setting_a_cell_a_short_row_lacks_appends_it() {
    for (row, expected) in [
        ("| Short | s |", "| Short | s | beta |"),
        ("| Short | s", "| Short | s | beta"),
        ("Short | s", "Short | s | beta"),
    ] {
        let text = format!("| Name | Label | State |\n| --- | --- | --- |\n{row}\n");
        let doc = round_trip(&text);
        let out = render(&doc, &with_cell(&doc, 0, 2, "beta"));
        assert_eq!(out, text.replace(row, expected), "{row}");
        assert_eq!(
            parse(&out).unwrap().raw_cells(0),
            strings(&["Short", "s", "beta"])
        );
    }
}

#[test]
fn emptying_the_first_cell_of_a_row_without_a_leading_pipe_keeps_the_cells() {
    let text = "Name | Label | State\n--- | --- | ---\nA | a | beta\nB | b | done\n";
    let doc = round_trip(text);
    let out = render(&doc, &with_cell(&doc, 1, 0, ""));
    assert_eq!(out, text.replace("B | b | done", "| | b | done"));
    let reread = parse(&out).unwrap();
    assert_eq!(reread.table().rows.len(), 2, "{out}");
    assert_eq!(reread.raw_cells(1), strings(&["", "b", "done"]), "{out}");
    assert_eq!(reread.raw_cells(0), strings(&["A", "a", "beta"]));
}

#[test]
fn a_reorder_moves_the_rows_lines_as_they_are() {
    let text = "| Name | Label | Description | Group | State\n| --- | --- | --- | --- | --- |\n\
                | First  | f |  one  | | |\n| Cloud | | HA. State Management\n  |  |  |\n| Last | l | x | g | beta |\n";
    let doc = round_trip(text);
    let cells = all_cells(&doc);
    let order = [1, 2, 0];
    let rows: Vec<_> = order.iter().map(|&i| (Some(i), cells[i].clone())).collect();
    let out = render(&doc, &rows);
    assert_eq!(
        out,
        "| Name | Label | Description | Group | State\n| --- | --- | --- | --- | --- |\n\
         | Cloud | | HA. State Management\n  |  |  |\n| Last | l | x | g | beta |\n| First  | f |  one  | | |\n"
    );
    let reread = parse(&out).unwrap();
    assert_eq!(all_cells(&reread), order.map(|i| cells[i].clone()));
}

#[test]
fn deleting_a_row_removes_its_lines_and_nothing_else() {
    let text = "| Name | Label | Description | Group | State\n| --- | --- | --- | --- | --- |\n\
                | First | f | one | | |\n| Cloud | | HA. State Management\n  |  |  |\n| Last | l | x | g | beta |\n\nafter\n";
    let doc = round_trip(text);
    let cells = all_cells(&doc);
    let rows = vec![(Some(0), cells[0].clone()), (Some(2), cells[2].clone())];
    assert_eq!(
        render(&doc, &rows),
        text.replace("| Cloud | | HA. State Management\n  |  |  |\n", "")
    );
    let rows = vec![(Some(0), cells[0].clone()), (Some(1), cells[1].clone())];
    assert_eq!(
        render(&doc, &rows),
        text.replace("| Last | l | x | g | beta |\n", "")
    );
    assert_eq!(render(&doc, &[]), text.replace("| First | f | one | | |\n| Cloud | | HA. State Management\n  |  |  |\n| Last | l | x | g | beta |\n", ""));
}

#[test]
fn added_rows_take_the_tables_style() {
    let new = strings(&["New", "", "beta"]);
    for (text, row) in [
        (
            "| Name | Label | State\n| --- | --- | --- |\n| A  | a |  x |\n",
            "| New |  | beta |\n",
        ),
        (
            "Name | Label | State\n--- | --- | ---\nA | a | x\n",
            "New |  | beta\n",
        ),
        (
            "| Name | Label | State\n| --- | --- | --- |\n| A | a | x\n",
            "| New |  | beta\n",
        ),
    ] {
        let doc = round_trip(text);
        let mut rows: Vec<_> = all_cells(&doc)
            .into_iter()
            .enumerate()
            .map(|(i, c)| (Some(i), c))
            .collect();
        rows.push((None, new.clone()));
        let out = render(&doc, &rows);
        assert_eq!(out, format!("{text}{row}"));
        let reread = parse(&out).unwrap();
        assert_eq!(reread.raw_cells(1), new);
    }
}

#[test]
fn an_added_row_with_an_empty_first_cell_stays_a_row_of_its_own() {
    let text = "Name | Label | State\n--- | --- | ---\nA | a\nB | b | x\n";
    let doc = round_trip(text);
    let cells = all_cells(&doc);
    let blank_name = strings(&["", "l", "beta"]);
    let rows = vec![
        (Some(0), cells[0].clone()),
        (None, blank_name.clone()),
        (Some(1), cells[1].clone()),
    ];
    let reread = parse(&render(&doc, &rows)).unwrap();
    assert_eq!(
        all_cells(&reread),
        [cells[0].clone(), blank_name, cells[1].clone()]
    );
}

#[test]
fn adding_to_a_table_with_no_rows() {
    let text = "# T\n\n| Name | State |\n| --- | --- |\n\nprose after\n";
    let doc = round_trip(text);
    let out = render(&doc, &[(None, strings(&["New", "beta"]))]);
    assert_eq!(
        out,
        "# T\n\n| Name | State |\n| --- | --- |\n| New | beta |\n\nprose after\n"
    );
    assert_eq!(parse(&out).unwrap().raw_cells(0), strings(&["New", "beta"]));
}

#[test]
fn adding_to_a_table_with_no_rows_at_the_end_of_a_file() {
    let text = "| Name | State |\r\n| --- | --- |\r\n";
    let doc = round_trip(text);
    let out = render(&doc, &[(None, strings(&["New", "beta"]))]);
    assert_eq!(
        out,
        "| Name | State |\r\n| --- | --- |\r\n| New | beta |\r\n"
    );
    // A delimiter row without a final newline: the new row goes on a line of its own, and the
    // file still has no final newline.
    let text = "| Name | State |\n| --- | --- |";
    let doc = round_trip(text);
    let out = render(&doc, &[(None, strings(&["New", "beta"]))]);
    assert_eq!(out, "| Name | State |\n| --- | --- |\n| New | beta |");
}

#[test]
fn adding_to_a_file_without_a_final_newline() {
    let text = "| Name | State |\n| --- | --- |\n| A | beta |";
    let doc = round_trip(text);
    let rows = vec![(Some(0), doc.raw_cells(0)), (None, strings(&["B", "done"]))];
    let out = render(&doc, &rows);
    assert_eq!(
        out,
        "| Name | State |\n| --- | --- |\n| A | beta |\n| B | done |"
    );
    let rows = vec![(None, strings(&["B", "done"])), (Some(0), doc.raw_cells(0))];
    let out = render(&doc, &rows);
    assert_eq!(
        out,
        "| Name | State |\n| --- | --- |\n| B | done |\n| A | beta |"
    );
}

#[test]
fn crlf_is_kept_for_added_rows() {
    let text = "| Name | State |\r\n| --- | --- |\r\n| A | beta |\r\n\r\nafter\r\n";
    let doc = round_trip(text);
    let rows = vec![(Some(0), doc.raw_cells(0)), (None, strings(&["B", "done"]))];
    assert_eq!(
        render(&doc, &rows),
        "| Name | State |\r\n| --- | --- |\r\n| A | beta |\r\n| B | done |\r\n\r\nafter\r\n"
    );
}

#[test]
fn the_seed_reads_as_its_thirty_projects() {
    let text = include_str!("../../assets/projects.md");
    let doc = round_trip(text);
    assert_eq!(doc.table().rows.len(), 30);
    assert_eq!(
        doc.table().columns,
        [
            "Project Name",
            "Label",
            "Description",
            "Community Group",
            "State"
        ]
    );
    assert_eq!(
        doc.states(),
        [
            "ideation",
            "spec-definition",
            "spec-approved",
            "design",
            "implementation",
            "beta",
            "release",
            "blocked",
            "abandoned"
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("Current Projects"));
    let cloud = (0..30)
        .find(|&r| doc.raw_cell(r, 0) == "Cloud Parity Foundational Features")
        .unwrap();
    assert_eq!(
        doc.raw_cell(cloud + 1, 0),
        "Cloud Parity Reference Applications"
    );
    assert_eq!(doc.raw_cell(cloud, 4), "");
}

#[test]
fn a_table_laid_out_in_columns_keeps_its_widths() {
    let text =
        "| Name | State    |\n| ---- | -------- |\n| A    | Living   |\n| B    | Draft    |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().widths, [Some(6), Some(10)]);
    // A value that fits is padded to the column's width: only its cell's bytes change.
    let out = render(&doc, &with_cell(&doc, 1, 1, "Final"));
    assert_eq!(out, text.replace("| Draft    |", "| Final    |"));
    // One that does not fit widens its own row only.
    let out = render(&doc, &with_cell(&doc, 1, 1, "Superseded by 2"));
    assert!(out.contains("| B    | Superseded by 2 |\n"), "{out}");
    assert!(out.contains("| A    | Living   |\n"), "{out}");
    // A new row is padded like the others.
    let mut rows = all_rows(&doc);
    rows.push((None, strings(&["C", "Idea"])));
    let out = render(&doc, &rows);
    assert!(
        out.ends_with("| B    | Draft    |\n| C    | Idea     |\n"),
        "{out}"
    );
}

#[test]
fn centred_and_right_aligned_columns_pad_their_way() {
    let text = "|  Name  | State |\n|:------:|------:|\n|   A    |  idea |\n|  Bee   |  done |\n";
    let doc = round_trip(text);
    let mut rows = all_rows(&doc);
    rows.push((None, strings(&["Cee", "new"])));
    let out = render(&doc, &rows);
    assert!(
        out.ends_with("|  Bee   |  done |\n|  Cee   |   new |\n"),
        "{out}"
    );
}

#[test]
fn a_laid_out_table_with_a_row_written_by_hand_since_keeps_its_widths() {
    // The header and delimiter rows and all rows but one in twenty share the widths.
    let mut text = String::from("| Name | State    |\n| ---- | -------- |\n");
    for i in 0..20 {
        let _ = writeln!(text, "| {:<4} | Living   |", format!("N{i}"));
    }
    text += "| Odd | Final |\n";
    let doc = round_trip(&text);
    assert_eq!(doc.table().widths, [Some(6), Some(10)]);
    let out = render(&doc, &with_cell(&doc, 0, 1, "Final"));
    assert_eq!(
        out,
        text.replacen("| N0   | Living   |", "| N0   | Final    |", 1)
    );
    // The row written by hand is padded to the column when it changes.
    let out = render(&doc, &with_cell(&doc, 20, 1, "Draft"));
    assert!(out.ends_with("| Odd | Draft    |\n"), "{out}");
    let mut rows = all_rows(&doc);
    rows.push((None, strings(&["New", "Idea"])));
    assert!(render(&doc, &rows).ends_with("| New  | Idea     |\n"));
    // Two rows in twenty off, or a delimiter row of another width: not laid out.
    let two_off = text.replacen("| N1   | Living   |", "| N1   | Living |", 1);
    assert_eq!(round_trip(&two_off).table().widths[1], None);
    let short = text.replacen("| -------- |", "| --- |", 1);
    assert_eq!(round_trip(&short).table().widths[1], None);
}

#[test]
fn a_cell_of_a_laid_out_column_keeps_its_own_alignment() {
    // The delimiter row centres the column; its cells are written left-aligned (and one right).
    let text = "| Name | State         |\n| ---- | :-----------: |\n| A    | **Current**   |\n\
                | B    | Maintenance   |\n| C    |          Done |\n";
    let doc = round_trip(text);
    let out = render(&doc, &with_cell(&doc, 1, 1, "**Current**"));
    assert!(out.contains("| B    | **Current**   |\n"), "{out}");
    let out = render(&doc, &with_cell(&doc, 2, 1, "EOL"));
    assert!(out.contains("| C    |           EOL |\n"), "{out}");
}

#[test]
fn a_table_not_laid_out_in_columns_is_written_as_before() {
    let text = "| Name | State |\n| --- | --- |\n| Alpha | idea |\n| B | done |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().widths, [None, None]);
    let out = render(&doc, &with_cell(&doc, 1, 1, "review"));
    assert!(out.ends_with("| B | review |\n"), "{out}");
}

#[test]
fn new_rows_write_empty_cells_as_the_table_does() {
    let text = "| Name | Label | State |\n| --- | --- | --- |\n| A | | idea |\n| B | | |\n";
    let doc = round_trip(text);
    assert_eq!(doc.table().empty.as_deref(), Some(" "));
    let mut rows = all_rows(&doc);
    rows.push((None, strings(&["C", "", "done"])));
    assert!(render(&doc, &rows).ends_with("| C | | done |\n"));
    let wide = "| Name | Label | State |\n| --- | --- | --- |\n| A |  | idea |\n";
    let doc = round_trip(wide);
    let mut rows = all_rows(&doc);
    rows.push((None, strings(&["C", "", "done"])));
    assert!(render(&doc, &rows).ends_with("| C |  | done |\n"));
}

#[test]
fn every_table_is_read_with_the_heading_above_it() {
    let text = "# Doc\n\n## Accepted\n\n| Name | State |\n| - | - |\n| A | done |\n\n\
                Setext\n---\n\n| Name | State |\n| - | - |\n| B | idea |\n";
    let doc = round_trip(text);
    assert_eq!(doc.tables.len(), 2);
    assert_eq!(doc.tables[0].heading.as_deref(), Some("Accepted"));
    assert_eq!(doc.tables[1].heading.as_deref(), Some("Setext"));
}

/// Every row of the projects table from its origin, with its own cells.
fn all_rows(doc: &Document) -> Vec<(Option<usize>, Vec<String>)> {
    all_cells(doc)
        .into_iter()
        .enumerate()
        .map(|(i, c)| (Some(i), c))
        .collect()
}

#[test]
fn a_document_reads_the_same_through_its_shape_and_only_a_fitting_shape_is_used() {
    let text = "# Doc\n\n> | Name | State |\n> | - | - |\n> | A | done |\n>  | B | idea |\n\n\
                - | Name | State |\n  | - | - |\n  | C | x |\n\n[l]: https://example.com\n";
    let doc = parse(text).unwrap();
    assert_eq!(doc.tables.len(), 2);
    assert_eq!(parse_shaped(text.as_bytes(), &doc.shape).unwrap(), doc);
    // The shape is only ever given the bytes it was read from (the store checks their
    // fingerprint first); what does not fit it at all is parsed: a text of the same length
    // with fewer lines.
    let other = text.replace('\n', " ");
    assert_eq!(other.len(), text.len());
    let read = parse_shaped(other.as_bytes(), &doc.shape).unwrap();
    assert_eq!(read, parse(&other).unwrap());
    // A shorter one, or one without tables, is parsed too; nothing panics.
    for short in ["", "| A |\n", "# Doc\n"] {
        assert_eq!(
            parse_shaped(short.as_bytes(), &doc.shape).unwrap(),
            parse(short).unwrap()
        );
    }
    assert!(matches!(
        parse_shaped(b"\xff", &doc.shape),
        Err(ParseError::NotUtf8 { line: 1, column: 1 })
    ));
}

#[test]
fn a_title_reads_without_the_markup_github_does_not_show() {
    for (raw, shown) in [
        ("**A** b", "A b"),
        ("_it_ c", "it c"),
        ("`c` d", "c d"),
        ("~~s~~ t", "s t"),
        ("**Core Auth** thing", "Core Auth thing"),
        ("[**Core** Auth](x.md) v2", "Core Auth v2"),
        ("***both*** ways", "both ways"),
        ("**Current**", "Current"),
        // What GitHub does not read as emphasis stays.
        ("snake_case_name", "snake_case_name"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        (r"\*not\* bold", r"\*not\* bold"),
        ("a ~b", "a ~b"),
    ] {
        assert_eq!(plain(raw), shown, "{raw}");
    }
}
