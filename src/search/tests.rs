use proptest::prelude::*;

use super::*;
use crate::board::Board;
use crate::markdown;

pub(super) const TABLE: &str = "\
| Project Name | Label | Description | Community Group | State |
| --- | --- | --- | --- | --- |
| GPU Support | gpu | Everything related to supporting GPUs | [wg-gpu](../wg-gpu) | spec-definition |
| Load Balancer | load-bal | Balancing the load of providers | [sig-providers](../x) | implementation |
| [Console](https://x/console) | console-ga | Releasing Console | [sig-clients](https://x) | implementation |
| Docs | docs | Migrating docs from gitbooks, gpu mention | sig-docs | ideation |
";

pub(super) fn board_of(text: &str) -> Board {
    Board::detect(markdown::parse(text).expect("a document")).expect("a projects table")
}

pub(super) fn board() -> Board {
    board_of(TABLE)
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|&h| h.to_owned()).collect()
}

pub(super) fn query(board: &Board, text: &str) -> Query {
    Query::parse(text, board.field_names()).expect("a valid query")
}

pub(super) fn matching(board: &Board, text: &str) -> Vec<usize> {
    SearchIndex::build(board)
        .filter(&query(board, text), None)
        .cards
}

/// (field, text, negated) of each term.
fn parsed(text: &str) -> Vec<(Option<usize>, String, bool)> {
    Query::parse(text, board().field_names())
        .expect("a valid query")
        .terms()
        .iter()
        .map(|t| (t.field, t.text.clone(), t.negated))
        .collect()
}

fn term(field: Option<usize>, text: &str, negated: bool) -> (Option<usize>, String, bool) {
    (field, text.to_owned(), negated)
}

#[test]
fn terms_split_on_spaces_and_quotes_keep_them() {
    assert_eq!(
        parsed("  gpu   \"load bal\" x\"y z\""),
        [
            term(None, "gpu", false),
            term(None, "load bal", false),
            term(None, "xy z", false)
        ]
    );
    assert_eq!(parsed("\"load bal"), [term(None, "load bal", false)]);
    assert_eq!(parsed("\"\""), [term(None, "", false)]);
    assert!(parsed("   ").is_empty());
}

#[test]
fn a_dash_negates_unless_quoted() {
    assert_eq!(
        parsed("-gpu \"-gpu\" -\"load bal\" a-b"),
        [
            term(None, "gpu", true),
            term(None, "-gpu", false),
            term(None, "load bal", true),
            term(None, "a-b", false),
        ]
    );
    assert_eq!(parsed("-"), [term(None, "", true)]);
}

#[test]
fn fields_by_name_word_or_prefix_any_case() {
    assert_eq!(
        parsed("label:gpu group:sig-c STATE:impl desc:x name:y -comm:z \"project name\":w"),
        [
            term(Some(1), "gpu", false),
            term(Some(3), "sig-c", false),
            term(Some(4), "impl", false),
            term(Some(2), "x", false),
            term(Some(0), "y", false),
            term(Some(3), "z", true),
            term(Some(0), "w", false),
        ]
    );
    assert_eq!(
        parsed("project-name:a community_group:b group:\"sig clients\" label:"),
        [
            term(Some(0), "a", false),
            term(Some(3), "b", false),
            term(Some(3), "sig clients", false),
            term(Some(1), "", false),
        ]
    );
}

#[test]
fn a_quoted_or_leading_colon_is_text() {
    assert_eq!(
        parsed("\"label:gpu\" :x label\":\"y group:a:b"),
        [
            term(None, "label:gpu", false),
            term(None, ":x", false),
            term(None, "label:y", false),
            term(Some(3), "a:b", false),
        ]
    );
}

#[test]
fn an_unknown_field_is_an_error_naming_the_fields() {
    let err = Query::parse("gpu owner:me", board().field_names()).expect_err("no Owner column");
    assert_eq!(
        err,
        QueryError::UnknownField {
            field: "owner".to_owned(),
            available: board().field_names().to_vec(),
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown field \"owner\"; the fields are: Project Name, Label, Description, \
         Community Group, State"
    );
    assert!(matches!(
        Query::parse("label:x \"\":x", board().field_names()),
        Ok(q) if q.terms()[1].text == ":x" && q.terms()[1].field.is_none()
    ));
}

#[test]
fn an_ambiguous_field_is_an_error_naming_the_candidates() {
    let h = headers(&["Name", "Start Date", "State", "Project Name", "Name Alt"]);
    let err = Query::parse("sta:x", &h).expect_err("Start Date or State");
    assert_eq!(err.to_string(), "field \"sta\" could be: Start Date, State");
    // A whole header name wins over words, a word over prefixes.
    assert_eq!(
        Query::parse("state:x", &h).expect("ok").terms()[0].field,
        Some(2)
    );
    assert_eq!(
        Query::parse("name:x", &h).expect("ok").terms()[0].field,
        Some(0)
    );
    assert_eq!(
        Query::parse("start:x", &h).expect("ok").terms()[0].field,
        Some(1)
    );
    let h = headers(&["Project Name", "Name Alt", "Label"]);
    assert_eq!(
        Query::parse("name:x", &h).expect_err("two").to_string(),
        "field \"name\" could be: Project Name, Name Alt"
    );
}

#[test]
fn an_empty_query_matches_everything() {
    let b = board();
    for text in ["", "  ", "-", "label:", "\"\"", "-label:"] {
        assert!(query(&b, text).is_empty(), "{text:?}");
        assert_eq!(matching(&b, text), [0, 1, 2, 3], "{text:?}");
    }
    assert!(!query(&b, "g").is_empty());
}

#[test]
fn a_free_term_looks_everywhere_but_state() {
    let b = board();
    assert_eq!(matching(&b, "gpu"), [0, 3]);
    assert_eq!(matching(&b, "GPU"), [0, 3], "ASCII case is ignored");
    assert_eq!(matching(&b, "sigclients"), [2], "fuzzy, over the group");
    assert_eq!(matching(&b, "implementation"), Vec::<usize>::new());
    assert_eq!(matching(&b, "\"load bal\""), [1]);
    assert_eq!(matching(&b, "//x"), Vec::<usize>::new(), "links stripped");
    assert_eq!(matching(&b, "console"), [2], "a linked title");
}

#[test]
fn a_field_term_looks_in_its_column_only() {
    let b = board();
    assert_eq!(matching(&b, "label:gpu"), [0]);
    assert_eq!(matching(&b, "state:impl"), [1, 2]);
    assert_eq!(matching(&b, "group:sig"), [1, 2, 3]);
    assert_eq!(matching(&b, "desc:gpu"), [0, 3]);
    assert_eq!(matching(&b, "name:docs"), [3]);
}

#[test]
fn negation_and_combinations() {
    let b = board();
    assert_eq!(matching(&b, "-gpu"), [1, 2]);
    assert_eq!(matching(&b, "-state:impl"), [0, 3]);
    assert_eq!(matching(&b, "gpu -label:gpu"), [3]);
    assert_eq!(matching(&b, "state:impl group:sig -console"), [1]);
    assert_eq!(matching(&b, "gpu docs"), [3]);
    assert_eq!(matching(&b, "gpu -gpu"), Vec::<usize>::new());
}

#[test]
fn scores_sum_over_positive_terms() {
    let b = board();
    let card = &b.cards[0];
    let gpu = score(&b, card, &query(&b, "gpu")).expect("matches");
    let support = score(&b, card, &query(&b, "support")).expect("matches");
    assert!(gpu > 0 && support > 0);
    assert_eq!(
        score(&b, card, &query(&b, "gpu support")),
        Some(gpu + support)
    );
    assert_eq!(score(&b, card, &query(&b, "gpu -docs")), Some(gpu));
    assert_eq!(score(&b, card, &query(&b, "-gpu")), None);
    assert_eq!(score(&b, card, &query(&b, "docs")), None);
    assert_eq!(score(&b, card, &query(&b, "")), Some(0));
    // A term scores its best column: the label "gpu" is an exact match.
    let label = skim("gpu", "gpu").expect("matches").0;
    assert_eq!(gpu, i64::from(label));
}

#[test]
fn highlights_point_at_displayed_characters() {
    let b = board();
    let gpu = query(&b, "gpu");
    assert_eq!(highlights(&b, &b.cards[0], 0, &gpu), [0, 1, 2]);
    assert_eq!(highlights(&b, &b.cards[0], 3, &gpu), [3, 4, 5], "wg-gpu");
    assert!(highlights(&b, &b.cards[0], 4, &gpu).is_empty(), "State");
    let q = query(&b, "state:spec -gpu name:sup");
    assert_eq!(highlights(&b, &b.cards[0], 4, &q), [0, 1, 2, 3]);
    assert_eq!(highlights(&b, &b.cards[0], 0, &q), [4, 5, 6]);
    assert!(highlights(&b, &b.cards[0], 1, &q).is_empty(), "negated");
    // Two terms highlight together; "Console" is the link's text.
    let q = query(&b, "con sole");
    assert_eq!(highlights(&b, &b.cards[2], 0, &q), [0, 1, 2, 3, 4, 5, 6]);
    // Indices count characters, not bytes.
    let b = board_of(&TABLE.replace("Load Balancer", "Lœd Balancer"));
    assert_eq!(highlights(&b, &b.cards[1], 0, &query(&b, "bal")), [4, 5, 6]);
}

#[test]
fn long_cells_are_searched_up_to_the_bound() {
    let long = format!("{}é{}zq", "a".repeat(CELL_BOUND - 1), "b".repeat(100));
    let b = board_of(&TABLE.replace("Releasing Console", &long));
    let text = cell_text(&b, &b.cards[2], 2);
    assert_eq!(text.len(), CELL_BOUND - 1, "cut before the two-byte é");
    assert_eq!(matching(&b, "desc:zq"), Vec::<usize>::new());
    assert_eq!(matching(&b, "desc:aaaaa"), [2]);
    assert_eq!(score(&b, &b.cards[2], &query(&b, "desc:zq")), None);
    let q = query(&b, "desc:\"a b\"");
    assert!(!matching(&b, "desc:\"a b\"").contains(&2));
    assert!(highlights(&b, &b.cards[2], 2, &q).is_empty());
}

#[test]
fn which_queries_narrow() {
    let b = board();
    let narrows = |old: &str, new: &str| query(&b, new).narrowing(&query(&b, old)).is_some();
    assert!(narrows("gp", "gpu"));
    assert!(narrows("gpu", "gpu s"));
    assert!(narrows("gpu", "gpu -"));
    assert!(
        narrows("gpu -", "gpu -s"),
        "the empty term restricted nothing"
    );
    assert!(narrows("gpu", "gxpyu"), "any text with it as a subsequence");
    assert!(narrows("-gpu", "-gp"), "excluding more");
    assert!(narrows("label:g", "label:gp"));
    assert!(!narrows("gpu", "gp"));
    assert!(
        narrows("-gp", "-gpu"),
        "a strict exclusion leaves the candidates alone"
    );
    assert!(!narrows("-~gp", "-~gpu"));
    assert!(narrows("-~gpu", "-~gp"));
    assert!(narrows("~gp", "~gpu"));
    assert!(
        narrows("~gp", "gpu"),
        "the same candidates, strict or loose"
    );
    assert!(
        !narrows("-~gp", "-gp"),
        "a strict exclusion leaves out fewer"
    );
    assert!(!narrows("gpu s", "gpu"));
    assert!(!narrows("label:gp", "gp"));
    assert!(
        !narrows("gp", "label:gp"),
        "free terms do not look in State"
    );
    assert!(!narrows("gp", "-~gp"));
    let q = query(&b, "gpu s");
    let retest = q.narrowing(&query(&b, "gpu")).expect("narrows");
    assert_eq!(retest.len(), 1, "only the new term");
}

/// Cells from a small alphabet that trips case and encoding: ASCII both cases, non-ASCII
/// letters whose lowercase is another letter or longer, and separators.
fn cell() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[aAbBcC éÉİß:-]{0,12}").expect("a regex")
}

fn table() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::collection::vec(cell(), 4), 1..12).prop_map(|rows| {
        let mut text = String::from("| Name | Label | State | Notes |\n| - | - | - | - |\n");
        for row in rows {
            text.push_str("| ");
            text.push_str(&row.join(" | "));
            text.push_str(" |\n");
        }
        text
    })
}

fn typed() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(-?~?(label:|state:|name:)?~?[abcABéÉİß \"]{0,4}){1,3}")
        .expect("a regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The index's cheap test agrees with Skim: a card is filtered in exactly when it scores.
    #[test]
    fn filtering_agrees_with_scoring(text in table(), q in typed()) {
        let b = board_of(&text);
        let Ok(q) = Query::parse(&q, b.field_names()) else { return Ok(()) };
        let index = SearchIndex::build(&b);
        let filtered = index.filter(&q, None);
        for (i, card) in b.cards.iter().enumerate() {
            prop_assert_eq!(filtered.contains(i), score(&b, card, &q).is_some(), "card {}", i);
        }
        // The index ranks the matches as `rank` does, from its own texts.
        let rank_of = |i: usize| rank(&b, &b.cards[i], &q).expect("a match ranks");
        let mut want = filtered.cards.clone();
        want.sort_by(|&x, &y| rank_of(y).cmp(&rank_of(x)).then(x.cmp(&y)));
        prop_assert_eq!(index.ranked(&filtered.cards, &q), want);
    }

    /// Typing a query one character at a time, narrowing each result from the last, gives the
    /// same cards as filtering afresh; so does narrowing from any other query's result.
    #[test]
    fn narrowing_is_the_same_as_a_fresh_filter(text in table(), q in typed(), other in typed()) {
        let b = board_of(&text);
        let index = SearchIndex::build(&b);
        let mut previous: Option<Filtered> = None;
        for end in (0..=q.len()).filter(|&e| q.is_char_boundary(e)) {
            let Ok(query) = Query::parse(&q[..end], b.field_names()) else { continue };
            let narrowed = index.filter(&query, previous.as_ref());
            prop_assert_eq!(&narrowed, &index.filter(&query, None), "{:?}", &q[..end]);
            previous = Some(narrowed);
        }
        if let (Ok(first), Ok(second)) =
            (Query::parse(&other, b.field_names()), Query::parse(&q, b.field_names()))
        {
            let from = index.filter(&first, None);
            prop_assert_eq!(index.filter(&second, Some(&from)), index.filter(&second, None));
        }
    }
}

/// The titles a query finds on the bundled Akash page, best ranked first (ties in board order).
fn akash(text: &str) -> Vec<String> {
    let b = board_of(crate::store::BUNDLED);
    let q = query(&b, text);
    let found = SearchIndex::build(&b).filter(&q, None);
    let mut ranked: Vec<(Rank, usize)> = found
        .cards
        .iter()
        .map(|&i| (rank(&b, &b.cards[i], &q).expect("a match ranks"), i))
        .collect();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.iter().map(|&(_, i)| b.title(&b.cards[i])).collect()
}

#[test]
fn the_akash_page_finds_what_was_meant() {
    assert_eq!(
        akash("console"),
        [
            "Console General Availability",
            "Console Authorized Spend Support"
        ]
    );
    assert_eq!(akash("gpu"), ["GPU Support"]);
    assert_eq!(akash("label:gpu"), ["GPU Support"]);
    assert_eq!(
        akash("\"load bal\""),
        ["Cloud Parity Foundational Features"]
    );
    assert_eq!(
        akash("provider"),
        [
            // "Provider" as a word, in the title or the label, then in a description.
            "Provider Services Microservices Refactor",
            "Provider Attributes",
            "Provider Attribute Auditing",
            "Provider Monitoring",
            "Provider Analytics",
            "Provider Onboarding",
            "Provider Pricing & Profitability",
            "Cloud Parity Foundational Features",
            "Reference Provider Setup",
            // "providers" only.
            "Content Moderation",
        ]
    );
    // Loosely, as before ranking: every card with g…p…u in a cell, the real match first.
    let loose = akash("~gpu");
    assert_eq!(loose.len(), 16);
    assert_eq!(loose[0], "GPU Support");
    assert!(loose.contains(&"Pricing Stability".to_owned()), "{loose:?}");
    // Two words, each a whole word of one card: that card first, and alone.
    assert_eq!(akash("Provider Analytics"), ["Provider Analytics"]);
    // An abbreviation of word starts still finds.
    assert_eq!(akash("pricstab"), ["Pricing Stability"]);
    assert_eq!(akash("~console").len(), 11);
}
