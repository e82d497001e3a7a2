//! `mdboard list --filter`: the search language on the command line.

use mdboard::cli::{Command, Sort};
use mdboard::commands;
use mdboard::store::Store;

/// Runs `list` on the bundled board in a fresh data directory: (stdout, the error if any).
fn list(filter: Option<&str>, state: Option<&str>, json: bool) -> (String, Option<String>) {
    list_sorted(filter, state, json, None)
}

fn list_sorted(
    filter: Option<&str>,
    state: Option<&str>,
    json: bool,
    sort: Option<Sort>,
) -> (String, Option<String>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::new(dir.path().to_owned());
    let command = Command::List {
        state: state.map(str::to_owned),
        filter: filter.map(str::to_owned),
        json,
        sort,
        sections: false,
        history: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = commands::run(&store, None, &command, &mut out, &mut err);
    (
        String::from_utf8(out).expect("UTF-8"),
        result.err().map(|e| format!("{e:#}")),
    )
}

fn cards(json: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(json).expect("a JSON array")
}

#[test]
fn filter_keeps_matching_cards_in_board_order_with_scores() {
    let (all, _) = list(None, None, true);
    let all = cards(&all);
    assert!(
        all.iter().all(|c| c.get("score").is_none()),
        "no score without --filter"
    );

    let (out, err) = list(Some("label:gpu"), None, true);
    assert_eq!(err, None);
    let found = cards(&out);
    assert!(!found.is_empty());
    assert!(found.iter().any(|c| c["name"] == "GPU Support"));
    assert!(
        found
            .iter()
            .all(|c| c["score"].as_i64().is_some_and(|s| s > 0))
    );
    let order: Vec<usize> = found
        .iter()
        .map(|c| all.iter().position(|a| a["id"] == c["id"]).expect("a card"))
        .collect();
    assert!(order.is_sorted(), "board order: {order:?}");

    let (out, _) = list(Some("label:gpu -\"GPU Support\""), None, true);
    let without = cards(&out);
    assert_eq!(without.len(), found.len() - 1);
}

#[test]
fn filter_and_state_combine_in_the_text_listing() {
    let (out, err) = list(Some("gpu"), Some("spec-definition"), false);
    assert_eq!(err, None);
    assert!(out.starts_with("ID  "), "{out}");
    assert!(out.contains("GPU Support"), "{out}");
    assert!(
        out.lines().skip(1).all(|l| l.contains("spec-definition")),
        "{out}"
    );
}

#[test]
fn an_unknown_field_names_the_fields() {
    let (out, err) = list(Some("owner:me"), None, false);
    assert_eq!(out, "");
    let err = err.expect("an error");
    assert!(err.contains("--filter: unknown field \"owner\""), "{err}");
    assert!(err.contains("Community Group"), "{err}");
}

#[test]
fn sort_score_lists_the_best_match_first() {
    let names = |out: &str| -> Vec<String> {
        cards(out)
            .iter()
            .map(|c| c["name"].as_str().expect("a name").to_owned())
            .collect()
    };
    let (table, _) = list_sorted(Some("~gpu"), None, true, Some(Sort::Table));
    let (best, err) = list_sorted(Some("~gpu"), None, true, Some(Sort::Score));
    assert_eq!(err, None);
    let (table, best) = (names(&table), names(&best));
    assert_eq!(table.len(), 16);
    assert_ne!(table[0], "GPU Support", "table order");
    assert_eq!(best[0], "GPU Support", "the one whole-word match first");
    let mut sorted = best.clone();
    sorted.sort();
    let mut same = table.clone();
    same.sort();
    assert_eq!(sorted, same, "the same cards");
    // Scores fall from there (all the others are scattered matches).
    let scores: Vec<i64> = cards(&list_sorted(Some("~gpu"), None, true, Some(Sort::Score)).0)
        .iter()
        .map(|c| c["score"].as_i64().expect("a score"))
        .collect();
    assert!(scores[1..].is_sorted_by(|a, b| a >= b), "{scores:?}");
}
