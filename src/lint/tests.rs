#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use super::links::Target;
use super::*;
use crate::markdown;

fn places(folder: &str, root: Option<&str>) -> Places {
    Places {
        folder: PathBuf::from(folder),
        root: root.map(PathBuf::from),
    }
}

#[test]
fn positions_count_characters_and_every_kind_of_line_break() {
    let text = "| a | State | c |\r\n| - | - | - |\r\n| é | x | q |\r\n| b | y\r\n  | z |\r\n";
    let doc = markdown::parse(text).unwrap();
    let t = &doc.tables[0];
    assert_eq!(cell_position(&doc, 0, 0, 1), (3, 7), "é is one column");
    // The continued row's second cell stands on the line after its first.
    assert!(t.rows[1].continued.is_some());
    assert_eq!(t.rows[1].line, 4);
    let second = t.rows[1].cells.len() - 1;
    assert_eq!(cell_position(&doc, 0, 1, second).0, 5);
    let lone_cr = "| a | State |\r| - | - |\r| b | x |\r";
    let doc = markdown::parse(lone_cr).unwrap();
    assert_eq!(cell_position(&doc, 0, 0, 1), (3, 7));
}

#[test]
fn links_resolve_as_github_resolves_them() {
    let p = places("/repo/docs", Some("/repo"));
    let path = |s: &str| Target::Path(PathBuf::from(s));
    assert_eq!(p.resolve("guide.md"), path("/repo/docs/guide.md"));
    assert_eq!(
        p.resolve("./a/../guide.md#part"),
        path("/repo/docs/guide.md")
    );
    assert_eq!(p.resolve("..//sig-a"), path("/repo/sig-a"));
    assert_eq!(p.resolve("/ROOT.md"), path("/repo/ROOT.md"));
    assert_eq!(
        p.resolve("my%20notes.md?plain=1"),
        path("/repo/docs/my notes.md")
    );
    assert_eq!(p.resolve("../../up.md"), Target::Outside);
    for elsewhere in [
        "https://example.com",
        "mailto:a@b.c",
        "#anchor",
        "//host/x",
        "",
        "?q",
    ] {
        assert_eq!(p.resolve(elsewhere), Target::Elsewhere, "{elsewhere:?}");
    }
    // Outside a repository a `/` link has no root to start from.
    let loose = places("/loose/x", None);
    assert_eq!(loose.resolve("/ROOT.md"), Target::Elsewhere);
    assert_eq!(loose.resolve("../../up.md"), path("/up.md"));
}

#[test]
fn each_path_is_looked_for_once() {
    let text = "| a | State |\n| - | - |\n| [x](gone.md) | [y](gone.md) |\n| [z](here.md) | \
                [w](gone.md) |\n\n[prose](gone.md) and [more](https://example.com)\n";
    let doc = markdown::parse(text).unwrap();
    let asked = std::sync::Mutex::new(Vec::new());
    let mut findings = Vec::new();
    let exists = |p: &Path| {
        asked.lock().unwrap().push(p.to_owned());
        p.ends_with("here.md")
    };
    links::check(&doc, &places("/d", None), &exists, &mut findings);
    let asked = asked.into_inner().unwrap();
    assert_eq!(asked.len(), 2, "{asked:?}");
    let at: Vec<(usize, usize)> = findings.iter().map(|f| (f.line, f.column)).collect();
    assert_eq!(at, [(3, 7), (3, 22), (4, 22), (6, 9)]);
}

#[test]
fn annotations_escape_what_the_runner_reads() {
    let f = Finding {
        line: 3,
        column: 2,
        level: Level::Error,
        rule: "a,b".into(),
        message: "100% sure\nreally".to_owned(),
        suggestion: None,
        fix: None,
    };
    assert_eq!(
        report::github("docs/a:b.md", std::slice::from_ref(&f)),
        "::error file=docs/a%3Ab.md,line=3,col=2,title=mdboard a%2Cb::100%25 sure%0Areally\n"
    );
    assert_eq!(
        report::text("x.md", &[f]),
        "x.md:3:2: error: 100% sure really [a,b]\n"
    );
}

#[test]
fn the_fast_readings_read_as_the_slow_ones() {
    let cells = [
        "GPU Support",
        "gpu  support",
        "  Spec   Definition ",
        "[GPU Support](x)",
        "**beta**",
        "⚠️ Partial",
        "a\\|b",
        "",
        "**",
        "UPPER case_word",
        "[Client Libraries](https://example.com/a_b/prd.md)",
        "[Client  Libraries](../x (1).md)",
        "[**Bold**](x)",
        "[a](b)[c](d)",
        "[](x)",
    ];
    for raw in cells {
        let raw = raw.trim();
        assert_eq!(key(raw), state_key(raw), "{raw:?}");
        let slow = state_key(raw);
        assert_eq!(key_hash(raw).is_none(), slow.is_empty(), "{raw:?}");
        assert_eq!(shown(raw), markdown::plain(raw), "{raw:?}");
        for other in cells {
            assert_eq!(same_key(raw, other.trim()), slow == state_key(other.trim()));
        }
    }
    assert_eq!(key_hash("GPU  Support"), key_hash("[gpu support](x)"));
    assert_ne!(key_hash("GPU Support"), key_hash("GPU Supports"));

    let doc = markdown::parse("| a | State |\n| - | - |\n").unwrap();
    let links = [
        "[a](b.md)",
        "![logo](img/logo.png) and [x](../y/README.md)",
        "[[a](b)](c)",
        "[a](b c)",
        "`[a](b)`",
        "[a](<b c.md>)",
        "[a](b.md \"title\")",
        "[a] (b.md)",
        "[a][b]",
        "[a](x_(1).md)",
        "\\[a](b)",
        "[sig](https://example.com/sig)",
    ];
    let more = [
        "[](x.md)",
        "[docs/x](docs/x)",
        "[a](b.md)c",
        "x[a](b.md)",
        "[a](b.md))",
        "[a(1)](b.md)",
        "[a](b&c.md)",
    ];
    for raw in links.iter().chain(&more) {
        let slow = markdown::inline::render(raw, &doc.links).targets;
        assert_eq!(links::targets(raw, &doc), slow, "{raw:?}");
        // A cell that is one plain link has its target read in place: the same target, where
        // it stands (not where its text first appears).
        if let Some(at) = links::only_link(raw, &doc) {
            assert_eq!(slow, [&raw[at.clone()]], "{raw:?}");
            assert_eq!(raw[at.end..].len(), 1, "{raw:?}");
        }
    }
    let cell = "[docs/x](docs/x)";
    assert_eq!(links::only_link(cell, &doc), Some(9..15));
    assert_eq!(links::only_link("[a](b.md)c", &doc), None);
    assert_eq!(links::only_link("[a](b c)", &doc), None);
}
