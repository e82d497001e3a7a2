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
    let doc = markdown::parse_any(text).unwrap();
    let t = &doc.tables[0];
    assert_eq!(cell_position(&doc, 0, 0, 1), (3, 7), "é is one column");
    // The continued row's second cell stands on the line after its first.
    assert!(t.rows[1].continued.is_some());
    assert_eq!(t.rows[1].line, 4);
    let second = t.rows[1].cells.len() - 1;
    assert_eq!(cell_position(&doc, 0, 1, second).0, 5);
    let lone_cr = "| a | State |\r| - | - |\r| b | x |\r";
    let doc = markdown::parse_any(lone_cr).unwrap();
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
    let loose = places("/tmp/x", None);
    assert_eq!(loose.resolve("/ROOT.md"), Target::Elsewhere);
    assert_eq!(loose.resolve("../../up.md"), path("/up.md"));
}

#[test]
fn each_path_is_looked_for_once() {
    let text = "| a | State |\n| - | - |\n| [x](gone.md) | [y](gone.md) |\n| [z](here.md) | \
                [w](gone.md) |\n\n[prose](gone.md) and [more](https://example.com)\n";
    let doc = markdown::parse_any(text).unwrap();
    let mut asked = Vec::new();
    let mut findings = Vec::new();
    let mut exists = |p: &Path| {
        asked.push(p.to_owned());
        p.ends_with("here.md")
    };
    links::check(&doc, &places("/d", None), &mut exists, &mut findings);
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
        rule: "a,b".to_owned(),
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
