//! The command line as a user runs it, each test with its own data directory: the Done-when of
//! the core, outside changes, editing commands and bad input.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

mod common;

use common::*;

#[test]
fn the_seed_lists_thirty_cards_in_their_columns() {
    let home = Home::new();
    let cards = json(&home.ok(&["list", "--json"]));
    assert_eq!(cards.len(), 30);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cards {
        *counts
            .entry(c["column"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(
        counts,
        BTreeMap::from([
            ("No state".to_owned(), 19),
            ("ideation".to_owned(), 2),
            ("spec-definition".to_owned(), 6),
            ("implementation".to_owned(), 3),
        ])
    );
    let first = &cards[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["name"], "Provider Services Microservices Refactor");
    assert_eq!(first["state"], "implementation");
    assert_eq!(first["fields"]["Label"], "provider-svc-split");
    assert_eq!(
        first["fields"]["Community Group"],
        "[sig-providers](..//sig-providers)"
    );
    let authz = card(&cards, "Console Authorized Spend Support");
    assert_eq!(
        authz["fields"]["Project Name"],
        "[Console Authorized Spend Support](../sig-clients/akash-console/prd-authorized-spend.md)"
    );
    let cloud = card(&cards, "Cloud Parity Foundational Features");
    assert_eq!(cloud["column"], "No state");
    assert_eq!(cloud["state"], "");
    // Every id is usable as a card.
    let ids: std::collections::BTreeSet<u64> =
        cards.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), 30);
    // `list --state` and the person's list agree.
    let ideation = home.ok(&["list", "--state", "IDEATION"]);
    assert_eq!(ideation.lines().count(), 3, "{ideation}");
    assert!(ideation.contains("Omnibus Maintenance"));
    // The default board is the bundled list, unchanged.
    assert_eq!(home.ok(&["export"]), SEED);
}

#[test]
fn move_then_export_changes_only_the_state_cell() {
    let home = Home::new();
    let out = home.ok(&["move", "gpu support", "Implementation"]);
    assert_eq!(out, "moved \"GPU Support\" to implementation\n");
    let exported = home.ok(&["export"]);
    let changed = changed_lines(SEED, &exported);
    let before = "| GPU Support | gpu | Everything related to supporting, launching and growing GPUs on Akash  | [wg-gpu](../wg-gpu) | ";
    assert_eq!(
        changed,
        [(
            format!("{before}spec-definition |").as_str(),
            format!("{before}implementation |").as_str()
        )]
    );
    // Byte for byte: the seed with that one cell's text replaced.
    let at = SEED.find(before).unwrap() + before.len();
    let mut expected = SEED.as_bytes()[..at].to_vec();
    expected.extend_from_slice(b"implementation");
    expected.extend_from_slice(&SEED.as_bytes()[at + "spec-definition".len()..]);
    assert_eq!(exported.as_bytes(), expected.as_slice());
    // A second process sees the move.
    let cards = json(&home.ok(&["list", "--json"]));
    assert_eq!(card(&cards, "GPU Support")["state"], "implementation");
    assert_eq!(card(&cards, "GPU Support")["column"], "implementation");
}

#[test]
fn moving_the_broken_row_changes_only_its_continuation_line() {
    let home = Home::new();
    home.ok(&["move", "Cloud Parity Foundational Features", "beta"]);
    let exported = home.ok(&["export"]);
    assert_eq!(
        changed_lines(SEED, &exported),
        [("  |  |  |", "  |  | beta |")]
    );
    home.ok(&["move", "Cloud Parity Foundational Features", "none"]);
    assert_eq!(home.ok(&["export"]), SEED);
}

#[test]
fn the_board_file_is_ron_with_a_schema_version() {
    let home = Home::new();
    home.ok(&["move", "Content Moderation", "design"]);
    let rons = home.rons();
    assert_eq!(rons.len(), 1, "{rons:?}");
    let text = fs::read_to_string(&rons[0]).unwrap();
    let value: ron::Value = ron::from_str(&text).unwrap();
    let ron::Value::Map(map) = value else {
        panic!("a struct: {text}")
    };
    let schema = map
        .iter()
        .find(|(k, _)| **k == ron::Value::String("schema".to_owned()))
        .map(|(_, v)| v.clone().into_rust::<u32>().unwrap());
    assert_eq!(schema, Some(mdboard::store::SCHEMA), "{text}");
    assert!(
        text.contains("design"),
        "the change is in the board file: {text}"
    );
    // No temporary files left behind.
    let names: Vec<String> = fs::read_dir(home.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".mdboard-")),
        "{names:?}"
    );
}

#[test]
fn write_back_merges_a_file_changed_outside_and_says_every_change_written() {
    let home = Home::new();
    let file = home.seed("projects.md");
    home.ok(&["move", "-f", p(&file), "GPU Support", "beta"]);
    let outside = SEED.replace(
        "# Akash Network Projects",
        "# Akash Network Projects (edited)",
    );
    fs::write(&file, &outside).unwrap();

    let said = home.ok(&[
        "move",
        "-f",
        p(&file),
        "--write",
        "Content Moderation",
        "design",
    ]);
    assert!(
        said.contains("moved \"Content Moderation\" to design"),
        "{said}"
    );
    assert!(
        said.contains("also written, made earlier: GPU Support spec-definition → beta"),
        "every change written is said: {said}"
    );
    let written = fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("# Akash Network Projects (edited)\n"),
        "theirs kept"
    );
    assert!(
        written.contains("[wg-gpu](../wg-gpu) | beta |"),
        "the earlier change"
    );
    assert!(written.contains("| Content Moderation | content-mod | Tools"));
    assert_eq!(written, home.ok(&["export", "-f", p(&file)]));
    // Another outside edit, then export -o onto the file merges too.
    let again = written.replace("(edited)", "(edited twice)");
    fs::write(&file, &again).unwrap();
    home.ok(&["move", "-f", p(&file), "GPU Support", "release"]);
    home.ok(&["export", "-f", p(&file), "-o", p(&file)]);
    let written = fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        again.replace(
            "[wg-gpu](../wg-gpu) | beta |",
            "[wg-gpu](../wg-gpu) | release |"
        )
    );
}

#[test]
fn a_write_says_only_the_earlier_changes_the_file_does_not_have() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    // GPU Support moved and moved back: nothing of it to write. Economics 2.0 relabelled.
    home.ok(&["move", "-f", f, "GPU Support", "beta"]);
    home.ok(&["move", "-f", f, "GPU Support", "spec-definition"]);
    home.ok(&["set", "-f", f, "Economics 2.0", "Label=econ-2"]);
    let said = home.ok(&["move", "-f", f, "--write", "Content Moderation", "design"]);
    assert!(!said.contains("GPU Support"), "{said}");
    assert_eq!(
        said.matches("also written, made earlier:").count(),
        1,
        "{said}"
    );
    assert!(said.contains("Economics 2.0"), "{said}");
}

#[test]
fn write_refuses_conflicts_until_resolved_or_forced() {
    let home = Home::new();
    let file = home.seed("projects.md");
    home.ok(&["move", "-f", p(&file), "GPU Support", "beta"]);
    fs::write(
        &file,
        SEED.replace(
            "[wg-gpu](../wg-gpu) | spec-definition |",
            "[wg-gpu](../wg-gpu) | design |",
        ),
    )
    .unwrap();
    home.cmd()
        .args([
            "move",
            "-f",
            p(&file),
            "--write",
            "Omnibus Maintenance",
            "design",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("1 conflict to resolve first"));
    let cards = json(&home.ok(&["list", "--json", "-f", p(&file)]));
    let gpu = card(&cards, "GPU Support");
    assert_eq!(gpu["state"], "beta", "the board shows mine");
    assert_eq!(
        gpu["conflicts"],
        serde_json::json!([{"field": "State", "base": "spec-definition", "mine": "beta", "theirs": "design"}])
    );
    assert_eq!(
        card(&cards, "Omnibus Maintenance")["conflicts"],
        serde_json::json!([])
    );
    // --force writes the board's side.
    home.ok(&["export", "-f", p(&file), "-o", p(&file), "--force"]);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("[wg-gpu](../wg-gpu) | beta |")
    );
    let cards = json(&home.ok(&["list", "--json", "-f", p(&file)]));
    assert_eq!(
        card(&cards, "GPU Support")["conflicts"],
        serde_json::json!([])
    );
}

/// The seed with GPU Support's row as `row` instead.
fn seed_with_gpu(row: &str) -> String {
    let old = SEED
        .lines()
        .find(|l| l.starts_with("| GPU Support |"))
        .unwrap();
    SEED.replace(old, row)
}

#[test]
fn resolve_takes_a_side_of_a_cards_conflict() {
    let home = Home::new();
    let file = home.seed("projects.md");
    home.ok(&[
        "set",
        "-f",
        p(&file),
        "GPU Support",
        "Label=mine-label",
        "State=beta",
    ]);
    fs::write(
        &file,
        seed_with_gpu("| GPU Support | their-label | GPUs | [wg-gpu](../wg-gpu) | design |"),
    )
    .unwrap();
    home.cmd()
        .args(["resolve", "-f", p(&file), "GPU Support"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--mine"));
    let said = home.ok(&[
        "resolve",
        "-f",
        p(&file),
        "GPU Support",
        "--theirs",
        "state",
    ]);
    assert!(said.contains("took theirs for 1 conflict"), "{said}");
    assert!(said.contains("1 left"), "{said}");
    let cards = json(&home.ok(&["list", "--json", "-f", p(&file)]));
    let gpu = card(&cards, "GPU Support");
    assert_eq!(gpu["state"], "design");
    assert_eq!(gpu["conflicts"][0]["field"], "Label");
    home.ok(&["resolve", "-f", p(&file), "GPU Support", "--mine"]);
    home.ok(&["export", "-f", p(&file), "-o", p(&file)]);
    let written = fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("| GPU Support | mine-label | GPUs | [wg-gpu](../wg-gpu) | design |"),
        "{written}"
    );
    home.cmd()
        .args(["resolve", "-f", p(&file), "GPU Support", "--mine"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no conflicts"));
}

#[test]
fn resolve_clears_the_conflict_markers_a_merge_left_in_a_file() {
    let home = Home::new();
    let marked = seed_with_gpu(
        "<<<<<<< ours\n| GPU Support | gpu | GPUs | [wg-gpu](../wg-gpu) | design |\n=======\n| GPU Support | gpu | GPUs | [wg-gpu](../wg-gpu) | beta |\n>>>>>>> theirs",
    );
    assert_ne!(marked, SEED);
    for (flag, state) in [("--mine", "design"), ("--theirs", "beta")] {
        let file = home.path().join(format!("m{flag}.md"));
        fs::write(&file, &marked).unwrap();
        home.cmd().args(["list", "-f", p(&file)]).assert().failure();
        let said = home.ok(&["resolve", "-f", p(&file), flag]);
        assert!(said.contains("resolved 1 conflict"), "{said}");
        let cards = json(&home.ok(&["list", "--json", "-f", p(&file)]));
        assert_eq!(card(&cards, "GPU Support")["state"], state);
    }
    let file = home.path().join("both.md");
    fs::write(&file, &marked).unwrap();
    home.ok(&["resolve", "-f", p(&file), "--both"]);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("| design |\n| GPU Support |"),
        "both kept, ours first"
    );
    assert!(!text.contains("<<<<<<<"));
}

#[test]
fn a_board_without_edits_follows_its_file() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let ids = json(&home.ok(&["list", "--json", "-f", p(&file)]));
    let changed = SEED
        .replace(
            "Building reference applications that mirror",
            "Reference apps mirroring",
        )
        .replace(
            "| JWT Authentication | | Authentication using Java Web Tokens |  |  |",
            "| JWT Authentication | | Authentication using Java Web Tokens |  | beta |",
        );
    fs::write(&file, &changed).unwrap();
    let out = home
        .cmd()
        .args(["list", "--json", "-f", p(&file)])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "changed on disk; the board follows it",
        ))
        .get_output()
        .stdout
        .clone();
    let cards = json(std::str::from_utf8(&out).unwrap());
    assert_eq!(card(&cards, "JWT Authentication")["state"], "beta");
    // Ids kept by title.
    assert_eq!(
        card(&cards, "JWT Authentication")["id"],
        card(&ids, "JWT Authentication")["id"]
    );
    assert_eq!(home.ok(&["export", "-f", p(&file)]), changed);
    // Followed once: no notice the second time.
    home.cmd()
        .args(["list", "-f", p(&file)])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn a_board_with_edits_merges_its_file_when_opened() {
    let home = Home::new();
    let file = home.seed("projects.md");
    home.ok(&["move", "-f", p(&file), "Provider Monitoring", "ideation"]);
    let outside = SEED.replace(
        "| Provider Analytics | |",
        "| Provider Analytics | analytics |",
    );
    fs::write(&file, &outside).unwrap();
    let out = home
        .cmd()
        .args(["list", "--json", "-f", p(&file)])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "changed on disk; the board follows it (1 row changed outside; 1 change of the board's kept on top)",
        ))
        .get_output()
        .stdout
        .clone();
    let cards = json(std::str::from_utf8(&out).unwrap());
    assert_eq!(card(&cards, "Provider Monitoring")["state"], "ideation");
    assert_eq!(
        card(&cards, "Provider Analytics")["fields"]["Label"],
        "analytics"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), outside);
    let exported = home.ok(&["export", "-f", p(&file)]);
    assert_eq!(
        changed_lines(&outside, &exported),
        [(
            "| Provider Monitoring |  | Hooks for being able to pull infrastructure metrics into tools like Prometheus and Grafana for monitoring and logging |  |  |",
            "| Provider Monitoring |  | Hooks for being able to pull infrastructure metrics into tools like Prometheus and Grafana for monitoring and logging |  | ideation |"
        )]
    );
}

#[test]
fn a_missing_file_with_a_board_opens_with_a_warning() {
    let home = Home::new();
    let file = home.seed("projects.md");
    home.ok(&["move", "-f", p(&file), "Pricing Stability", "design"]);
    let expected = home.ok(&["export", "-f", p(&file)]);
    fs::remove_file(&file).unwrap();
    let out = home
        .cmd()
        .args(["list", "--json", "-f", p(&file)])
        .assert()
        .success()
        .stderr(predicate::str::contains("no such file; showing its board"))
        .get_output()
        .stdout
        .clone();
    let cards = json(std::str::from_utf8(&out).unwrap());
    assert_eq!(cards.len(), 30);
    assert_eq!(card(&cards, "Pricing Stability")["state"], "design");
    assert_eq!(home.ok(&["export", "-f", p(&file)]), expected);
    // Relative paths find the same board.
    assert_eq!(home.ok(&["export", "-f", "projects.md"]), expected);
    assert!(!file.exists(), "export without -o writes nothing");
    // Writing it back brings the file back.
    home.ok(&["export", "-f", "projects.md", "-o", "projects.md"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);
}

#[test]
fn subcommand_names_win_over_file_names() {
    let home = Home::new();
    fs::write(
        home.path().join("list"),
        "| Name | State |\n| --- | --- |\n| From the file named list | beta |\n",
    )
    .unwrap();
    let out = home.ok(&["list"]);
    assert!(out.contains("GPU Support"), "{out}");
    assert!(!out.contains("From the file named list"), "{out}");
    assert_eq!(home.rons().len(), 1);
    // The file is still reachable with -f.
    let out = home.ok(&["list", "-f", "list"]);
    assert!(out.contains("From the file named list"), "{out}");
}

#[test]
fn set_add_and_rm() {
    let home = Home::new();
    let file = home.seed("projects.md");
    let f = p(&file);
    home.cmd()
        .args(["set", "-f", f, "GPU Support", "Owner=me"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "unknown field \"Owner\"; the fields are: Project Name, Label, Description, Community Group, State",
        ));
    home.cmd()
        .args(["set", "-f", f, "GPU Support", "no equals sign"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("expected FIELD=VALUE"));

    let tricky = [
        "a | pipe",
        "two\nlines",
        r"back\slash and \\ double and trailing \",
        "literal <br> tag and <BR/>",
        r"literal \| escaped pipe",
        "[link](https://x.io/a|b) 漢字 🎉",
    ];
    for value in tricky {
        home.ok(&[
            "set",
            "-f",
            f,
            "GPU Support",
            &format!("description={value}"),
        ]);
        let cards = json(&home.ok(&["list", "--json", "-f", f]));
        assert_eq!(card(&cards, "GPU Support")["fields"]["Description"], value);
        assert_eq!(cards.len(), 30, "no cell added or lost");
        // Only that row's line changes, and it stays one line.
        let exported = home.ok(&["export", "-f", f]);
        assert_eq!(changed_lines(SEED, &exported).len(), 1, "{value:?}");
    }
    home.ok(&[
        "set",
        "-f",
        f,
        "GPU Support",
        "Label=  padded  ",
        "STATE=Beta",
    ]);
    let cards = json(&home.ok(&["list", "--json", "-f", f]));
    let gpu = card(&cards, "GPU Support");
    assert_eq!(gpu["fields"]["Label"], "padded");
    // A known state is written as the table spells it, whatever its case on the command line.
    assert_eq!(gpu["state"], "beta");
    assert_eq!(gpu["column"], "beta");

    home.cmd()
        .args(["add", "-f", f, "Label=x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("a card needs a \"Project Name\""));
    let out = home.ok(&[
        "add",
        "-f",
        f,
        "Project Name=New | Project",
        "state=ideation",
        "Description=one\ntwo",
    ]);
    assert_eq!(out, "added \"New | Project\" (id 31)\n");
    let exported = home.ok(&["export", "-f", f]);
    assert!(exported.contains(
        "| Content Moderation | content-mod | Tools and process for ensuring that providers have visibility into workloads running on them and controls to ensure they don’t violate their terms of service  | [sig-providers](../sig-providers) | ideation |\n\
         | New \\| Project |  | one<br>two |  | ideation |\n"
    ), "added after the last ideation card, in the table's style");
    let cards = json(&home.ok(&["list", "--json", "-f", f]));
    assert_eq!(cards.len(), 31);
    let new = card(&cards, "New | Project");
    assert_eq!(new["id"], 31);
    assert_eq!(new["fields"]["Description"], "one\ntwo");

    home.ok(&["rm", "-f", f, "31"]);
    home.ok(&["rm", "-f", f, "--write", "GPU Support"]);
    let written = fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), SEED.lines().count() - 1);
    assert!(!written.contains("GPU Support"));
    assert_eq!(json(&home.ok(&["list", "--json", "-f", f])).len(), 29);
    home.cmd()
        .args(["rm", "-f", f, "GPU Support"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "card \"GPU Support\": no card is named like that",
        ));
}

#[test]
fn ambiguous_and_unknown_names_list_the_candidates() {
    let home = Home::new();
    home.cmd()
        .args(["move", "provider", "beta"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("more than one card matches"))
        .stderr(predicate::str::contains("\"Provider Monitoring\""));
    home.cmd()
        .args(["move", "GPU Support", "someday"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "card \"GPU Support\": \"someday\" is not a known state; the states are: \
             ideation, spec-definition",
        ));
    let twins = home.path().join("twins.md");
    fs::write(
        &twins,
        "| Name | State |\n| --- | --- |\n| Twin | |\n| Twin | beta |\n",
    )
    .unwrap();
    home.cmd()
        .args(["move", "-f", p(&twins), "twin", "none"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("\"Twin\" (id 1), \"Twin\" (id 2)"));
    home.ok(&["move", "-f", p(&twins), "2", "none"]);
    assert_eq!(
        home.ok(&["export", "-f", p(&twins)]),
        "| Name | State |\n| --- | --- |\n| Twin | |\n| Twin |  |\n"
    );
}

#[test]
fn a_file_with_no_projects_table() {
    let home = Home::new();
    let file = home.path().join("notes.md");
    fs::write(&file, "# Notes\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n").unwrap();
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[
            p(&file),
            "no projects table",
            "line 3: A | B",
            "status column",
        ],
    );
    fails_cleanly(&home, &[p(&file)], &[p(&file), "no projects table"]);
    assert!(!home.data().exists());
}

#[test]
fn a_file_that_is_not_utf8() {
    let home = Home::new();
    let file = home.path().join("latin1.md");
    fs::write(
        &file,
        b"| Name | State |\n| --- | --- |\n| Caf\xe9 | beta |\n",
    )
    .unwrap();
    // Where, once, as every error at a place in a file says it; the same for every command.
    let said = format!("mdboard: {}:3:6: not valid UTF-8", p(&file));
    for command in ["export", "list", "history", "changes", "lint"] {
        fails_cleanly(&home, &[command, "-f", p(&file)], &[&said]);
        let err = home.cmd().args([command, "-f", p(&file)]).output().unwrap();
        let err = String::from_utf8(err.stderr).unwrap();
        assert!(!err.contains("line 3"), "{command}: {err}");
    }
    fails_cleanly(&home, &[p(&file)], &[&said]);
    assert!(!home.data().exists());
}

#[test]
fn a_missing_file_with_no_board() {
    let home = Home::new();
    let file = home.path().join("gone.md");
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[p(&file), "no such file"],
    );
    fails_cleanly(&home, &["move", "-f", p(&file), "x", "beta"], &[p(&file)]);
    // A word in the place of a command, that is not a file either.
    fails_cleanly(&home, &["gone.md"], &["no such command or file: gone.md"]);
    assert!(!home.data().exists());
}

/// The traps of the command line: each refused, with one line saying why, and nothing made.
#[test]
fn a_mistyped_command_is_not_taken_for_a_file() {
    let home = Home::new();
    home.seed("projects.md");
    fails_cleanly(
        &home,
        &["lsit", "-f", "projects.md"],
        &["no such command or file: lsit; did you mean `mdboard list`?"],
    );
    fails_cleanly(
        &home,
        &["frobnicate", "-f", "projects.md"],
        &["no such command or file: frobnicate"],
    );
    fails_cleanly(&home, &["lsit"], &["did you mean `mdboard list`?"]);
    // A file named like a command opens as ./NAME or with -f.
    fs::write(home.path().join("list"), SEED).unwrap();
    assert!(home.ok(&["./list", "list"]).contains("GPU Support"));
}

#[test]
fn file_and_dash_f_must_name_one_file() {
    let home = Home::new();
    home.seed("a.md");
    home.seed("b.md");
    fails_cleanly(
        &home,
        &["a.md", "-f", "b.md", "list"],
        &["FILE and -f name different files: a.md and b.md"],
    );
    // The same file twice, spelled two ways, is one file.
    let same = home.path().join("a.md");
    assert!(
        home.ok(&["a.md", "-f", p(&same), "list"])
            .contains("GPU Support")
    );
}

#[test]
fn an_empty_card_or_state_is_an_error() {
    let home = Home::new();
    home.seed("projects.md");
    home.ok(&["list", "-f", "projects.md"]);
    for args in [
        &["move", "-f", "projects.md", "", "design"][..],
        &["move", "-f", "projects.md", "  ", "design"],
        &["rm", "-f", "projects.md", ""],
        &["set", "-f", "projects.md", "", "Label=x"],
    ] {
        fails_cleanly(&home, args, &["CARD is empty"]);
    }
    // No state is named `none`; an empty STATE is refused, not taken for it.
    for state in ["", "  "] {
        fails_cleanly(
            &home,
            &["move", "-f", "projects.md", "GPU Support", state],
            &["STATE is empty: name a state, or none for No state"],
        );
    }
    assert_eq!(
        home.ok(&["move", "-f", "projects.md", "GPU Support", "none"]),
        "moved \"GPU Support\" to No state\n"
    );
}

#[test]
fn every_error_is_printed_once() {
    let home = Home::new();
    fs::create_dir(home.path().join("folder")).unwrap();
    for args in [&["folder"][..], &["list", "-f", "folder"]] {
        let out = home
            .cmd()
            .args(args)
            .assert()
            .failure()
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.matches("Is a directory").count(), 1, "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
    let notes = home.path().join("notes.md");
    fs::write(&notes, "# Notes\n\nNo table here.\n").unwrap();
    let out = home
        .cmd()
        .args(["list", "-f", "notes.md"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("no projects table").count(), 1, "{stderr}");
}

/// A board of a seed copy, made and changed once; the path of its RON file.
fn made_board(home: &Home) -> (PathBuf, PathBuf) {
    let file = home.seed("projects.md");
    home.ok(&["move", "-f", p(&file), "GPU Support", "beta"]);
    let rons = home.rons();
    assert_eq!(rons.len(), 1);
    (file, rons[0].clone())
}

#[test]
fn a_corrupt_board_file() {
    let home = Home::new();
    let (file, ron) = made_board(&home);
    let text = fs::read_to_string(&ron).unwrap();
    let line = text.lines().position(|l| l.contains("snapshot:")).unwrap() + 1;
    // Garbage in the middle of a line, then on a line of its own: the error points at it.
    let in_line = text.replacen("snapshot:", "snapshot: ]]", 1);
    let column = in_line.lines().nth(line - 1).unwrap().find("]]").unwrap() + 1;
    let own_line = text.replacen("    snapshot:", "    ]]\n    snapshot:", 1);
    for (broken, line, column) in [(in_line, line, column), (own_line, line, 5)] {
        fs::write(&ron, &broken).unwrap();
        let location = format!("{}:{line}:{column}:", p(&ron));
        for args in [
            vec!["list", "-f", p(&file)],
            vec!["move", "-f", p(&file), "GPU Support", "design"],
            vec!["export", "-f", p(&file), "-o", p(&file)],
        ] {
            fails_cleanly(&home, &args, &[&location, "cannot read this board file"]);
        }
        assert_eq!(fs::read_to_string(&ron).unwrap(), broken);
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), SEED);
}

#[test]
fn a_board_file_of_a_newer_schema() {
    let home = Home::new();
    let (file, ron) = made_board(&home);
    let text = fs::read_to_string(&ron).unwrap();
    let schema = format!("schema: {},", mdboard::store::SCHEMA);
    assert!(text.contains(&schema), "{text}");
    let newer = text.replacen(&schema, "schema: 99,", 1).replacen(
        "snapshot:",
        "new_field: (), snapshot:",
        1,
    );
    fs::write(&ron, &newer).unwrap();
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[p(&ron), "newer mdboard", "schema 99"],
    );
    assert_eq!(fs::read_to_string(&ron).unwrap(), newer);
}

#[test]
fn a_truncated_board_file() {
    let home = Home::new();
    let (file, ron) = made_board(&home);
    let text = fs::read_to_string(&ron).unwrap();
    let cut = &text[..text.len() / 2];
    fs::write(&ron, cut).unwrap();
    // The file ends too early: the error points at its last line.
    let line = cut.matches('\n').count() + 1;
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[
            &format!("{}:{line}:", p(&ron)),
            "cannot read this board file",
        ],
    );
    fs::write(&ron, "").unwrap();
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[&format!("{}:1:1:", p(&ron))],
    );
    fs::write(&ron, b"(schema: 1, \xff").unwrap();
    fails_cleanly(
        &home,
        &["list", "-f", p(&file)],
        &[p(&ron), "not valid UTF-8"],
    );
}

#[test]
fn help_and_version_everywhere() {
    let home = Home::new();
    for sub in [
        "list", "export", "move", "set", "add", "rm", "boards", "reset",
    ] {
        home.cmd()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: mdboard"));
    }
    home.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("mdboard "));
    assert!(!home.data().exists());
}

/// Issue 5: `list --filter` as typed in a shell: scores in JSON, `-term` as the whole query, and an
/// unknown field refused.
#[test]
fn list_filter_from_the_shell() {
    let home = Home::new();
    home.seed("copy.md");
    let found = json(&home.ok(&["list", "-f", "copy.md", "--filter", "label:gpu", "--json"]));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "GPU Support");
    assert!(found[0]["score"].as_i64().is_some_and(|s| s > 0));

    // A query that starts with `-` is the query, not an option.
    let all = json(&home.ok(&["list", "-f", "copy.md", "--json"]));
    let without = json(&home.ok(&["list", "-f", "copy.md", "--filter", "-provider", "--json"]));
    assert!(!without.is_empty() && without.len() < all.len());
    assert!(without.iter().all(|c| {
        let name = c["name"].as_str().unwrap();
        !name.to_lowercase().contains("provider")
    }));
    let text = home.ok(&["list", "-f", "copy.md", "--filter", "-label:gpu"]);
    assert!(!text.contains("GPU Support"), "{text}");
    assert_eq!(
        text.lines().count(),
        all.len(),
        "a header and every card but one"
    );

    let out = home
        .cmd()
        .args(["list", "-f", "copy.md", "--filter", "owner:me", "--json"])
        .assert()
        .failure()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unknown field \"owner\""), "{stderr}");
    assert!(stderr.contains("Community Group"), "{stderr}");

    // Loose terms and the best match first, from the shell too.
    let best = home.ok(&[
        "list", "-f", "copy.md", "--filter", "~gpu", "--sort", "score",
    ]);
    assert_eq!(best.lines().count(), 17, "a header and 16 cards: {best}");
    assert!(
        best.lines().nth(1).unwrap().ends_with("GPU Support"),
        "{best}"
    );
    home.cmd()
        .args(["list", "-f", "copy.md", "--sort", "score"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--filter"));
}

/// A query that cannot be read is refused before anything is made: no board for a file that had
/// none.
#[test]
fn a_bad_filter_makes_no_board() {
    let home = Home::new();
    home.seed("copy.md");
    home.cmd()
        .args(["list", "-f", "copy.md", "--filter", "owner:me"])
        .assert()
        .failure();
    let data = home.data().join("mdboard");
    let made: Vec<_> = std::fs::read_dir(&data)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(made.is_empty(), "{made:?}");
}

#[cfg(unix)]
#[test]
fn new_files_get_the_umask_s_permissions_and_old_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    home.seed("projects.md");
    let mode = |name: &str| {
        fs::metadata(home.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let run = |mask: &str, args: &[&str]| {
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_mdboard"))
            .args(args)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("HOME", home.path())
            .current_dir(home.path());
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run("022", &["export", "-f", "projects.md", "-o", "shared.md"]);
    assert_eq!(mode("shared.md"), 0o644);
    run("077", &["export", "-f", "projects.md", "-o", "private.md"]);
    assert_eq!(mode("private.md"), 0o600);
    // A file that exists keeps its mode, whatever the umask.
    fs::set_permissions(
        home.path().join("shared.md"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    run("077", &["export", "-f", "projects.md", "-o", "shared.md"]);
    assert_eq!(mode("shared.md"), 0o640);
    run(
        "022",
        &[
            "move",
            "-f",
            "projects.md",
            "GPU Support",
            "design",
            "--write",
        ],
    );
    run(
        "000",
        &[
            "move",
            "-f",
            "projects.md",
            "GPU Support",
            "beta",
            "--write",
        ],
    );
    assert_eq!(
        mode("projects.md"),
        0o644,
        "the seed copy as written by the test"
    );
    // The board's own files stay the owner's alone.
    for entry in fs::read_dir(home.data()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron" || e == "md") {
            let m = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(m, 0o600, "{}", path.display());
        }
    }
}

/// The files in the data directory, by name.
fn data_files(home: &Home) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(home.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn boards_prune_keeps_the_base_of_a_board_written_back() {
    let home = Home::new();
    home.seed("kept.md");
    home.ok(&["move", "-f", "kept.md", "GPU Support", "beta", "--write"]);
    // Written back: the board names its snapshot and, beside it, the text it wrote (the base of
    // its next merge).
    let ron = fs::read_to_string(&home.rons()[0]).unwrap();
    let base = ron
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("base: Some(\""))
        .and_then(|rest| rest.split('"').next())
        .expect("a base named")
        .to_owned();
    let before = data_files(&home);
    assert!(before.contains(&base), "{before:?}");
    home.ok(&["boards", "--prune", "--yes"]);
    assert_eq!(
        data_files(&home),
        before,
        "nothing of a board in use is removed"
    );
    // The next outside change merges against that base.
    let file = home.path().join("kept.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("| ideation |", "| design |")).unwrap();
    home.ok(&["list", "-f", "kept.md"]);
}

/// `boards --prune` without a terminal to ask on (`echo y | mdboard boards --prune`): what would
/// go is listed, no question is asked, one error line says why, and nothing is removed.
fn prune_without_a_terminal_lists_and_refuses(home: &Home) {
    let before = home.snapshot();
    let out = home
        .cmd()
        .args(["boards", "--prune"])
        .write_stdin("y\n")
        .assert()
        .failure()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.last(),
        Some(&"mdboard: nothing pruned: no terminal to ask on; pass --yes to remove them"),
        "{stderr}"
    );
    let to_remove = format!("To remove from {}:", home.data().display());
    let listed = lines.iter().position(|l| *l == to_remove).expect(&stderr);
    assert!(
        lines[..listed].iter().all(|l| l.starts_with("kept:")),
        "{stderr}"
    );
    assert!(
        lines[..listed].iter().any(|l| l.contains("changed.md")),
        "{stderr}"
    );
    let listing = &lines[listed + 1..lines.len() - 1];
    assert!(listing.iter().all(|l| l.starts_with("  ")), "{stderr}");
    assert!(
        listing.iter().any(|l| l.ends_with("synced.md (file gone)")),
        "{stderr}"
    );
    assert!(
        listing.contains(&"  1 snapshot(s) no board names"),
        "{stderr}"
    );
    assert!(!stderr.contains("[y/N]"), "nothing asked: {stderr}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("mdboard: ")).count(),
        1,
        "{stderr}"
    );
    assert_eq!(home.snapshot(), before, "nothing removed");
}

#[test]
fn boards_prune_removes_the_boards_of_files_that_are_gone() {
    let home = Home::new();
    for name in ["synced.md", "written.md", "changed.md", "here.md"] {
        home.seed(name);
    }
    home.ok(&["list", "-f", "synced.md"]);
    home.ok(&["move", "-f", "written.md", "GPU Support", "beta", "--write"]);
    home.ok(&["move", "-f", "changed.md", "GPU Support", "beta"]);
    home.ok(&["list", "-f", "here.md"]);
    home.ok(&["list"]);
    for name in ["synced.md", "written.md", "changed.md"] {
        fs::remove_file(home.path().join(name)).unwrap();
    }
    // A snapshot no board names (left by a process killed between two writes, say).
    let stray = home
        .data()
        .join("stray_md-0123456789abcdef.0123456789abcdef.md");
    fs::write(&stray, SEED).unwrap();
    assert_eq!(home.rons().len(), 5);

    prune_without_a_terminal_lists_and_refuses(&home);

    let out = home.ok(&["boards", "--prune", "--yes"]);
    assert!(
        out.contains("removed the board of") && out.contains("synced.md"),
        "{out}"
    );
    assert!(out.contains("written.md"), "{out}");
    assert!(
        out.contains("kept:") && out.contains("1 change(s) never written back"),
        "{out}"
    );
    assert!(out.contains("removed 1 snapshot(s)"), "{out}");
    assert!(!stray.exists());
    let left = home.ok(&["boards"]);
    assert!(
        left.contains("changed.md") && left.contains("here.md"),
        "{left}"
    );
    assert!(
        left.contains("bundled") && !left.contains("synced.md"),
        "{left}"
    );

    let out = home.ok(&["boards", "--prune", "--yes", "--include-unsynced"]);
    assert!(
        out.contains("removed the board of") && out.contains("changed.md"),
        "{out}"
    );
    assert_eq!(
        home.ok(&["boards", "--prune", "--yes"]).lines().last(),
        Some(format!("nothing to prune in {}", home.data().display()).as_str())
    );
    // What is left: the boards of here.md and of the bundled list, whole.
    let files = data_files(&home);
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("here_md-") || f.starts_with("bundled")),
        "{files:?}"
    );
    assert_eq!(
        files
            .iter()
            .filter(|f| Path::new(f).extension().is_some_and(|e| e == "ron"))
            .count(),
        2,
        "{files:?}"
    );
    assert!(home.ok(&["list", "-f", "here.md"]).contains("GPU Support"));
    home.cmd()
        .args(["boards", "--yes"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--prune"));
}

#[test]
fn reset_removes_the_snapshots_it_replaces_and_keeps_its_backup() {
    let home = Home::new();
    let (file, ron) = made_board(&home);
    home.ok(&["move", "-f", p(&file), "GPU Support", "design"]);
    let key = ron.file_stem().unwrap().to_string_lossy().into_owned();
    // A snapshot of this board's no file names any more.
    fs::write(home.data().join(format!("{key}.00000000000000ff.md")), SEED).unwrap();
    // The file changes outside: the reset reads a new text, its snapshot a new name.
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("\nA line added outside.\n");
    fs::write(&file, &text).unwrap();
    home.ok(&["reset", "-f", p(&file), "--yes"]);
    let snapshots: Vec<String> = data_files(&home)
        .into_iter()
        .filter(|f| f.starts_with(&key) && Path::new(f).extension().is_some_and(|e| e == "md"))
        .collect();
    // Opening followed the file first (its text the snapshot), and the reset reads the same
    // text: the backup names the new snapshot too, and the old ones are gone.
    assert_eq!(
        snapshots.len(),
        1,
        "the new one, the backup's: {snapshots:?}"
    );
    let backup = fs::read_to_string(ron.with_extension("ron.bak")).unwrap();
    let current = fs::read_to_string(&ron).unwrap();
    for s in &snapshots {
        assert!(
            current.contains(s.as_str()) || backup.contains(s.as_str()),
            "{s}"
        );
    }
    assert!(fs::read_to_string(home.data().join(&snapshots[0])).is_ok());
    assert!(
        home.ok(&["export", "-f", p(&file)])
            .ends_with("A line added outside.\n")
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = home.ok(&["completions", shell]);
        assert!(script.contains("mdboard"), "{shell}");
        for command in ["list", "boards", "completions", "--filter", "--prune"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    let bash = home.ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F _mdboard"), "{bash}");
    // bash itself takes the script, when there is a bash.
    let sourced = std::process::Command::new("bash")
        .arg("-c")
        .arg("eval \"$1\" && complete -p mdboard")
        .arg("bash")
        .arg(&bash)
        .output();
    if let Ok(out) = sourced {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("_mdboard"));
    }
    let man = home.ok(&["man"]);
    assert!(man.contains(".TH mdboard 1"), "{man}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "\"COMMAND: LIST\"",
        "\"COMMAND: BOARDS\"",
        "\\-\\-prune",
    ] {
        assert!(man.contains(section), "{section}");
    }
    assert!(
        !man.contains("mdboard\\-list(1)"),
        "no page per command to refer to"
    );
    assert!(!home.data().exists(), "no board made, no data directory");
    home.cmd()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn a_reader_that_left_ends_every_command_quietly() {
    use common::git::{DAYS, DOC, Repo};
    let repo = Repo::new();
    repo.commit(&[("Alpha", "idea"), ("Beta", "design")], DAYS[0], "Ann");
    repo.ok(&["move", "-f", DOC, "Alpha", "design"]);
    for args in [
        &["list", "-f", DOC][..],
        &["list", "-f", DOC, "--json"],
        &["list", "-f", DOC, "--sections", "--json"],
        &["history", "-f", DOC],
        &["history", "-f", DOC, "--json"],
        &["changes", "-f", DOC],
        &["changes", "-f", DOC, "--format", "json"],
        &["export", "-f", DOC],
        &["boards"],
        &["completions", "bash"],
        &["man"],
    ] {
        let (status, stderr) = reader_gone(repo.process().args(args));
        assert!(
            status.success() && stderr.is_empty(),
            "{args:?}: {status}, {stderr:?}"
        );
    }
}
