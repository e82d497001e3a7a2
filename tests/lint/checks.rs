//! Each check on a small document of its own, every finding asserted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mdboard::config::Section;
use mdboard::lint::{Places, fixed as fixes_of};
use mdboard::markdown;

use super::{brief, fixture, lint, lint_with, settings};

#[test]
fn states_missing_from_the_states_table_and_spelled_several_ways() {
    let findings = lint(&fixture("states.md"), &Section::default());
    assert_eq!(
        brief(&findings),
        [
            "6:16 warning state-spelling",
            "7:17 warning unknown-state",
            "8:17 warning state-spelling",
            "9:19 warning state-spelling",
            "10:16 warning unknown-state",
            "11:15 warning unknown-state",
            "13:16 warning state-spelling",
            "13:16 warning unknown-state",
            "14:17 warning unknown-state",
        ]
    );
    let suggestions: Vec<Option<&str>> = findings.iter().map(|f| f.suggestion.as_deref()).collect();
    assert_eq!(
        suggestions,
        [
            Some("implementation"),
            Some("implementation"), // implmentation: one letter left out
            Some("in review"),
            Some("in review"),
            Some("release"), // released: one letter more
            None,            // done: nothing near it
            Some("done"),    // no entry in the states table: as most rows write it
            None,
            Some("blocked"), // blocked/ stalled starts with a listed state
        ]
    );
    // Certain: case and spacing, towards the states table. Markup may be meant; a state the
    // states table does not list has no spelling to go by.
    let fixes: Vec<usize> = findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(|f| f.line)
        .collect();
    assert_eq!(fixes, [6, 8]);
    assert_eq!(
        findings[2].message,
        "state \"In  Review\" is written 3 ways: \"in review\" (the states table), \
         \"In  Review\" (1 row), \"**in review**\" (1 row); write it \"in review\""
    );
    assert_eq!(
        findings[1].message,
        "state \"implmentation\" is not in the states table; did you mean \"implementation\"?"
    );
}

#[test]
fn without_a_states_table_no_state_is_unknown_and_most_rows_say_how_to_write_one() {
    let findings = lint(&fixture("no-states-table.md"), &Section::default());
    assert_eq!(brief(&findings), ["3:11 warning state-spelling"]);
    assert_eq!(findings[0].suggestion.as_deref(), Some("Doing"));
    assert!(findings[0].fix.is_none(), "nothing says which is right");
}

#[test]
fn duplicate_titles_cell_counts_and_a_row_github_shows_as_two() {
    let findings = lint(&fixture("rows.md"), &Section::default());
    // The two `**Platform**` rows label sections: they are no cards, and share a name freely.
    assert_eq!(
        brief(&findings),
        [
            "7:3 warning duplicate-title",
            "8:41 warning cell-count",
            "9:45 warning cell-count",
            "11:3 warning broken-row",
        ]
    );
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert!(messages[0].contains("(line 5)"), "{}", messages[0]);
    assert!(messages[1].starts_with("row has 3 cells, its header 4"));
    assert!(messages[2].contains("the 2 cells past the header"));
    assert!(messages[3].contains("row of line 10"), "{}", messages[3]);
}

#[test]
fn a_documents_rules_by_state_with_their_levels() {
    let findings = lint(&fixture("rules.md"), &settings(&fixture("rules.ron")));
    assert_eq!(
        brief(&findings),
        [
            // `Owner` is no column of this table: the rule cannot check anything.
            "1:1 warning non-empty-owner",
            "4:3 error link-in-name",
            "4:59 warning state-spelling",
            "5:39 error non-empty-label",
            "6:59 warning link-in-community-group",
            // `** **` shows nothing.
            "7:44 error non-empty-label",
            "8:31 error non-empty-description",
            "9:2 error non-empty-title",
        ]
    );
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages[1],
        "Unlinked: a project in a working state needs a link from its name"
    );
    assert_eq!(
        messages[3],
        "No label: Label is empty (required in every state but \"none\", \"abandoned\")"
    );
    assert_eq!(
        messages[4],
        "No group: Community Group has no link (required in state \"ideation\")"
    );
    assert_eq!(
        messages[7],
        "the row of line 9: Project Name is empty (required in state \"none\")"
    );
}

#[test]
fn relative_links_lead_to_files_that_exist() {
    let doc = markdown::parse(&fixture("links/projects.md")).unwrap();
    let places = Places {
        folder: PathBuf::from("/repo/docs"),
        root: Some(PathBuf::from("/repo")),
    };
    let there: HashSet<PathBuf> = [
        "/repo/docs/guide.md",
        "/repo/docs/here.md",
        "/repo/sig-a",
        "/repo/ROOT.md",
        "/repo/docs/my notes.md",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    let exists = |p: &Path| there.contains(p);
    let findings = lint_with(&doc, &Section::default(), Some(&places), &exists);
    let got: Vec<String> = findings
        .iter()
        .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
        .collect();
    assert_eq!(
        got,
        [
            "3:46 link to \"missing-guide.md\": no such file or folder",
            "8:13 link to \"gone.md#intro\": no such file or folder",
            "8:38 link to \"../sig-b/README.md\": no such file or folder",
            "9:41 link to \"/nowhere/README.md\": no such file or folder",
            "11:39 link to \"../../outside.md\" leads out of the repository: GitHub has \
             nothing to show there",
            "12:3 link to \"./also-gone.md\": no such file or folder",
            "13:12 link to \"img/logo.png\": no such file or folder",
        ]
    );
    assert!(findings.iter().all(|f| f.rule == "broken-link"));
}

#[test]
fn fixes_change_the_state_cells_and_nothing_else() {
    let text = fixture("states.md");
    let doc = markdown::parse(&text).unwrap();
    let findings = lint_with(&doc, &Section::default(), None, &|_| true);
    let fixed = fixes_of(&doc, &findings).unwrap();
    let want = text
        .replace(
            "| Beta | bob | Implementation |",
            "| Beta | bob | implementation |",
        )
        .replace(
            "| Delta | dan | In  Review |",
            "| Delta | dan | in review |",
        );
    assert_eq!(fixed, want);
    // A table laid out in columns keeps its columns; CR LF stays.
    let text = "| Project | State          |\r\n| ------- | -------------- |\r\n\
                | A       | In  Review     |\r\n| B       | in review      |\r\n\r\n\
                | State |\r\n| --- |\r\n| in review |\r\n";
    let doc = markdown::parse(text).unwrap();
    let findings = lint_with(&doc, &Section::default(), None, &|_| true);
    let fixed = fixes_of(&doc, &findings).unwrap();
    assert_eq!(
        fixed,
        text.replace(
            "| A       | In  Review     |",
            "| A       | in review      |"
        )
    );
    let clean = fixes_of(&doc, &[]);
    assert_eq!(clean, None);
}

#[test]
fn the_readmes_rules_example_is_read_as_it_says() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("### The document's own rules").unwrap()..];
    let start = section.find("```ron\n").unwrap() + "```ron\n".len();
    let ron = &section[start..start + section[start..].find("```").unwrap()];
    let (settings, unknown) =
        mdboard::config::Settings::parse(ron, Path::new("README.md")).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    let defaults = settings.for_document("other.md").rules.unwrap();
    let names: Vec<String> = defaults.iter().map(mdboard::lint::Rule::name).collect();
    assert_eq!(names, ["label", "link-in-title", "link-in-community-group"]);
    assert_eq!(settings.for_document("projects.md").rules.unwrap().len(), 1);
}
