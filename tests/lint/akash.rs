//! The bundled Akash page against the four guidelines at its top, as its default rules say
//! them:
//!
//! 1. working projects (ideation or beyond: any state but abandoned) link to their SIG or WG
//!    page from the Project Name;
//! 2. working projects have a label, linked to the filtered list of its GitHub issues;
//! 3. working projects are assigned to a SIG or WG (Community Group);
//! 4. projects not in a working state have a name and a brief description.

use mdboard::config;
use mdboard::markdown;
use mdboard::store::BUNDLED;

use super::lint;

/// Who breaks what, read from the page by hand: eleven projects have a state, none of them
/// `abandoned`; two of them (Console Authorized Spend Support and Client Libraries) link from
/// their name. Every working project has a label, none of them linked, and a group; every other
/// one a name and a description. The other findings: Cloud Parity Foundational Features, whose
/// last cells stand on line 42, which GitHub shows as a row of its own; and three rows of the
/// states table without the header's third cell (Things needed).
const EXPECTED: [(usize, &str, &str); 24] = [
    (
        20,
        "link-in-name",
        "Provider Services Microservices Refactor",
    ),
    (20, "label", "Provider Services Microservices Refactor"),
    (21, "link-in-name", "Certification Program"),
    (21, "label", "Certification Program"),
    (22, "link-in-name", "Console General Availability"),
    (22, "label", "Console General Availability"),
    (23, "link-in-name", "Docs site migration"),
    (23, "label", "Docs site migration"),
    (24, "label", "Console Authorized Spend Support"),
    (25, "label", "Client Libraries"),
    (26, "link-in-name", "GPU Support"),
    (26, "label", "GPU Support"),
    (27, "link-in-name", "Provider Attributes"),
    (27, "label", "Provider Attributes"),
    (28, "link-in-name", "Economics 2.0"),
    (28, "label", "Economics 2.0"),
    (29, "link-in-name", "Omnibus Maintenance"),
    (29, "label", "Omnibus Maintenance"),
    (30, "link-in-name", "Content Moderation"),
    (30, "label", "Content Moderation"),
    (42, "broken-row", "Cloud Parity Foundational Features"),
    (58, "cell-count", "ideation"),
    (59, "cell-count", "spec-definition"),
    (61, "cell-count", "design"),
];

/// The first cell of the row on (or continued on) `line`, in any table: a card's title, a
/// state of the states table.
fn title_at(line: usize) -> String {
    let tables = markdown::read_tables(BUNDLED);
    let row = tables
        .iter()
        .flat_map(|t| &t.rows)
        .find(|r| r.line == line || r.continued == Some(line))
        .unwrap();
    markdown::strip_links(&row.cells[0]).text
}

#[test]
fn the_bundled_pages_findings_one_by_one() {
    let findings = lint(BUNDLED, &config::bundled());
    let got: Vec<(usize, &str, String)> = findings
        .iter()
        .map(|f| (f.line, f.rule.as_ref(), title_at(f.line)))
        .collect();
    let want: Vec<(usize, &str, String)> = EXPECTED
        .iter()
        .map(|&(line, rule, title)| (line, rule, title.to_owned()))
        .collect();
    assert_eq!(got, want);
    for f in &findings {
        let level = if f.rule == "broken-row" || f.rule == "cell-count" {
            "warning"
        } else {
            "error"
        };
        assert_eq!(f.level.as_str(), level, "{f:?}");
        if f.rule == "link-in-name" {
            assert_eq!(f.column, 3, "the Project Name cell");
        }
    }
}

/// The same guidelines read off the page's cells directly, without the rules: what they find
/// is what the rules find.
#[test]
fn the_rules_find_what_the_guidelines_say() {
    let tables = markdown::read_tables(BUNDLED);
    let projects = &tables[0];
    assert_eq!(
        projects.header,
        [
            "Project Name",
            "Label",
            "Description",
            "Community Group",
            "State"
        ]
    );
    let cell = |cells: &[String], i: usize| cells.get(i).cloned().unwrap_or_default();
    let mut by_guideline: Vec<(usize, &str)> = Vec::new();
    for row in &projects.rows {
        let state = cell(&row.cells, 4);
        let working = !state.is_empty() && state != "abandoned";
        let broken = [
            (
                working && !cell(&row.cells, 0).starts_with('['),
                "link-in-name",
            ),
            (working && !cell(&row.cells, 1).starts_with('['), "label"),
            (working && cell(&row.cells, 3).is_empty(), "community-group"),
            (!working && cell(&row.cells, 0).is_empty(), "name"),
            (!working && cell(&row.cells, 2).is_empty(), "description"),
        ];
        by_guideline.extend(broken.iter().filter(|b| b.0).map(|b| (row.line, b.1)));
    }
    let findings = lint(BUNDLED, &config::bundled());
    let from_rules: Vec<(usize, &str)> = findings
        .iter()
        .filter(|f| f.rule != "broken-row" && f.rule != "cell-count")
        .map(|f| (f.line, f.rule.as_ref()))
        .collect();
    assert_eq!(from_rules, by_guideline);
    let working = projects
        .rows
        .iter()
        .filter(|r| !cell(&r.cells, 4).is_empty())
        .count();
    assert_eq!(working, 11);
}
