//! `mdboard lint`: each check on small documents of its own (`tests/fixtures/lint/`), the
//! bundled Akash page against the page's own guidelines, the output formats, the exit codes,
//! `--fix`, links in a repository made for the test, and the data directory left alone.

#![allow(clippy::unwrap_used)]

#[path = "lint/akash.rs"]
mod akash;
#[path = "lint/checks.rs"]
mod checks;
#[path = "lint/command.rs"]
mod command;

use std::path::Path;

use mdboard::config::{self, Section};
use mdboard::lint::{self, Finding, Input, Places};
use mdboard::markdown::{self, Document};

/// A fixture of `tests/fixtures/lint/`.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The settings a `.mdboard.ron` text gives a document.
pub fn settings(ron: &str) -> Section {
    let (s, unknown) = config::Settings::parse(ron, Path::new(".mdboard.ron")).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    s.for_document("projects.md")
}

/// The findings of a document's text.
pub fn lint_with(
    doc: &Document,
    settings: &Section,
    places: Option<&Places>,
    exists: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<Finding> {
    let layout = mdboard::board::layout::layout(doc, &settings.choice()).unwrap();
    let input = Input {
        doc,
        layout: &layout,
        rules: settings.rules.as_deref().unwrap_or_default(),
        places,
    };
    lint::check(&input, exists)
}

/// The findings of a text with the given settings and no links looked at.
pub fn lint(text: &str, settings: &Section) -> Vec<Finding> {
    lint_with(&markdown::parse(text).unwrap(), settings, None, &|_| true)
}

/// Each finding as `line:column level rule`.
pub fn brief(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}:{} {} {}", f.line, f.column, f.level.as_str(), f.rule))
        .collect()
}
