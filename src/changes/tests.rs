#![allow(clippy::unwrap_used)]

use super::*;

const OLD: &str = "# Plans\n\n\
| Name | Label | State |\n| --- | --- | --- |\n\
| [Alpha](a.md) | a | design |\n\
| Beta | b | design |\n\
| Gamma | c | idea |\n\
| **Later** | | |\n\
| Delta | d | |\n\n\
| State | Meaning |\n| --- | --- |\n| idea | new |\n| design | drawn |\n| released | out |\n";

fn summary(old: &str, new: &str) -> Summary {
    between(
        &markdown::parse(old).unwrap(),
        &markdown::parse(new).unwrap(),
        &Choice::default(),
    )
    .unwrap()
}

fn kinds(s: &Summary) -> Vec<(String, Kind, String)> {
    s.groups
        .iter()
        .flat_map(|g| {
            g.entries
                .iter()
                .map(move |e| (g.name.clone(), e.change, e.title.clone()))
        })
        .collect()
}

#[test]
fn moved_added_removed_and_edited_grouped_by_state() {
    let new = OLD
        .replace("| Beta | b | design |", "| Beta | b | Released |")
        .replace("| Gamma | c | idea |\n", "")
        .replace(
            "| Delta | d | |",
            "| Delta | dd | |\n| Epsilon | e | idea |",
        );
    let s = summary(OLD, &new);
    assert_eq!(
        kinds(&s),
        [
            ("No state".to_owned(), Kind::Edited, "Delta".to_owned()),
            ("idea".to_owned(), Kind::Added, "Epsilon".to_owned()),
            ("idea".to_owned(), Kind::Removed, "Gamma".to_owned()),
            ("released".to_owned(), Kind::Moved, "Beta".to_owned()),
        ]
    );
    let beta = &s.groups[2].entries[0];
    assert_eq!(
        (beta.from.as_deref(), beta.state.as_str()),
        (Some("design"), "Released")
    );
    assert_eq!(s.groups[0].entries[0].fields, ["Label"]);
    assert_eq!(s.counts(), [1, 1, 1, 1]);
}

#[test]
fn a_renamed_and_moved_card_is_one_card_and_the_same_text_is_no_change() {
    assert!(summary(OLD, OLD).is_empty());
    assert_eq!(
        markdown(&summary(OLD, OLD)),
        "No changes to the projects tables.\n"
    );
    // A row moved elsewhere in its table, unchanged: no change a reader of the list cares for.
    let reordered = OLD
        .replace("| Beta | b | design |\n", "")
        .replace("| Delta | d | |", "| Delta | d | |\n| Beta | b | design |");
    assert!(summary(OLD, &reordered).is_empty());
    let new = OLD.replace("| Beta | b | design |", "| Beta v2 | b | idea |");
    let s = summary(OLD, &new);
    assert_eq!(
        kinds(&s),
        [("idea".to_owned(), Kind::Moved, "Beta v2".to_owned())]
    );
    let e = &s.groups[0].entries[0];
    assert_eq!(e.renamed_from.as_deref(), Some("Beta"));
    assert!(e.fields.is_empty(), "{e:?}");
}

#[test]
fn every_card_is_added_when_the_old_version_had_no_table() {
    let s = summary("# Plans\n\nNothing yet.\n", OLD);
    assert_eq!(s.counts(), [0, 4, 0, 0]);
}

#[test]
fn the_markdown_list() {
    let new = OLD
        .replace(
            "| [Alpha](a.md) | a | design |",
            "| [Alpha_2](a.md) | a | released |",
        )
        .replace("| Gamma | c | idea |\n", "");
    let text = markdown(&summary(OLD, &new));
    assert_eq!(
        text,
        "2 cards changed: 1 moved, 1 removed.\n\n\
         ### idea\n\n\
         - **Gamma**: removed\n\n\
         ### released\n\n\
         - **Alpha\\_2**: design → released; renamed from “Alpha”\n"
    );
    let json: serde_json::Value = serde_json::from_str(&json(&summary(OLD, &new))).unwrap();
    assert_eq!(json[1]["change"], "moved");
    assert_eq!(json[1]["from"], "design");
    assert_eq!(json[1]["renamed_from"], "Alpha");
    assert!(json[0].get("from").is_none());
    assert!(json[1].get("fields").is_none());
}
