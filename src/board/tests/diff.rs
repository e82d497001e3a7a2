//! What a board changes compared with an earlier state of its document: per card, by state.

use super::*;
use crate::board::diff::{Kind, Summary};
use crate::merge::versions::{self, Version};

/// A change made of the board as it is then.
type Step<'a> = dyn Fn(&Board) -> Option<Change> + 'a;

#[test]
fn a_summary_names_each_card_s_change_by_state() {
    let mut b = board(DOC);
    let columns = b.columns();
    let steps: [&Step<'_>; 6] = [
        &|b| b.move_to(id(b, "Beta"), column(&columns, "design")),
        &|b| {
            b.edit(
                id(b, "Gamma"),
                &[(0, "Gamma ray".to_owned()), (1, "gr".to_owned())],
            )
        },
        &|b| {
            b.edit(
                id(b, "Alpha"),
                &[(1, "alpha".to_owned()), (2, "Design".to_owned())],
            )
        },
        &|b| b.remove(id(b, "Zeta")),
        &|b| Some(b.insert(7, 0, owned(&["Theta", "t", "ideation"]))),
        &|b| b.place(id(b, "Eta"), Place::Top).unwrap(),
    ];
    for step in steps {
        let change = step(&b).unwrap();
        b.apply(change).unwrap();
    }
    let summary = b.changes_since(&b.at(0).unwrap());
    assert_eq!(
        summary.markdown(),
        "2 moved, 1 added, 1 removed, 1 renamed, 2 edited, 1 reordered\n\
         \n\
         ### No state\n\
         \n\
         - **Zeta**: removed\n\
         \n\
         ### ideation\n\
         \n\
         - **Eta**: reordered\n\
         - **Theta**: added\n\
         \n\
         ### design\n\
         \n\
         - **Alpha**: moved ideation → design; edited Label\n\
         - **Beta**: moved No state → design\n\
         \n\
         ### parked\n\
         \n\
         - **Gamma ray**: renamed from “Gamma”; edited Label\n"
    );
    let counts = summary.counts();
    assert_eq!(
        (counts.moved, counts.added, counts.removed, counts.renamed),
        (2, 1, 1, 1)
    );
    // An earlier point of the history: only what came after it.
    let since = b.changes_since(&b.at(5).unwrap());
    assert_eq!(
        since.markdown(),
        "1 reordered\n\n### ideation\n\n- **Eta**: reordered\n"
    );
    assert_eq!(b.changes_since(&b.at(6).unwrap()), Summary::default());
    assert_eq!(Summary::default().markdown(), "No changes.\n");
}

#[test]
fn a_renamed_state_is_said_once_with_the_cards_it_took_along() {
    let mut b = board(DOC);
    b.apply(
        b.rename_state("implementation", "building")
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    let summary = b.changes_since(&b.at(0).unwrap());
    let rename = &summary.states[0];
    assert_eq!(
        (rename.from.as_str(), rename.to.as_str(), rename.cards),
        ("implementation", "building", 1)
    );
    assert_eq!(
        summary.markdown(),
        "States renamed: implementation → building (1 card)\n",
        "the card moved with the state is not listed"
    );
    // A card moved as well, into the state renamed: a move of its own.
    let design = b.move_to(id(&b, "Alpha"), column(&b.columns(), "building"));
    b.apply(design.unwrap()).unwrap();
    assert_eq!(
        b.changes_since(&b.at(0).unwrap()).markdown(),
        "1 moved\n\nStates renamed: implementation → building (1 card)\n\n### building\n\n\
         - **Alpha**: moved ideation → building\n"
    );
    assert_eq!(
        b.at(0).unwrap().export(),
        DOC,
        "the snapshot's states table"
    );
}

#[test]
fn markup_in_names_is_escaped_in_markdown_and_shown_as_is_on_screen() {
    let mut b = board(DOC);
    b.apply(
        b.edit(id(&b, "Alpha"), &[(0, "x_y *z".to_owned())])
            .unwrap(),
    )
    .unwrap();
    let summary = b.changes_since(&b.at(0).unwrap());
    assert_eq!(summary.groups[0].cards[0].kind, Kind::Changed);
    assert!(
        summary
            .markdown()
            .contains(r"- **x\_y \*z**: renamed from “Alpha”"),
        "{}",
        summary.markdown()
    );
    assert!(
        summary
            .text()
            .contains("- **x_y *z**: renamed from “Alpha”")
    );
}

#[test]
fn rows_of_a_changed_file_are_matched_as_the_merge_matches_them() {
    let doc = "| ID | Name | State | Note |\n| - | - | - | - |\n| A-1 | One | x | n1 |\n\
               | A-2 | Two | x | n2 |\n| A-3 | Two | y | n3 |\n| A-5 | Five | z | n5 |\n";
    let old = board(doc);
    // Two unchanged, One renamed (its ID kept), Four new, Five renamed and given another ID
    // (its note is unique).
    let file = "| ID | Name | State | Note |\n| - | - | - | - |\n| A-2 | Two | x | n2 |\n\
                | A-1 | Uno | x | n1 |\n| A-4 | Four | x | n4 |\n| A-3 | Two | y | n3 |\n\
                | B-5 | Fünf | z | n5 |\n";
    let parsed = markdown::parse(file).unwrap();
    let layout = layout::layout(&parsed, &Choice::default()).unwrap();
    let written = versions::written(&old).unwrap();
    let ids: Vec<CardId> = old.cards.iter().map(|c| c.id).collect();
    let (ids, next) = versions::ids_after(
        Version::new(&parsed, &layout),
        &[(Version::new(&written, &old.layout), &ids)],
        10,
    );
    assert_eq!(ids, [2, 1, 10, 3, 4]);
    assert_eq!(next, 11);
    // Followed, the board keeps those ids.
    let followed = versions::follow(parsed, layout, &old);
    let kept: Vec<CardId> = followed.cards.iter().map(|c| c.id).collect();
    assert_eq!(kept, [2, 1, 5, 3, 4]);
}
