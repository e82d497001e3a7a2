//! `mdboard lint` at 1,000, 10,000 and 100,000 cards: what it does once the file is read.
//!
//! `cargo bench --bench lint`; the documents come from `benches/common/generator.rs`, checked
//! with the bundled list's rules (the generated lists have its columns) and their relative
//! links looked for on disk, beside a copy of the document under cargo's `target/tmp`, where
//! none of them exists: every one is a finding.
#![allow(clippy::unwrap_used, clippy::wildcard_imports)]

#[path = "common/documents.rs"]
mod documents;
#[path = "common/generator.rs"]
mod generator;

use std::path::Path;

use divan::{Bencher, black_box};
use mdboard::config;
use mdboard::lint::{self, Finding, Input, Places, report};
use mdboard::markdown;

use documents::{SIZES, source, text};

fn main() {
    divan::main();
}

/// Parse, layout, every check and the text report, as the command runs them.
fn lint_text(text: &str, settings: &config::Section, places: &Places) -> (Vec<Finding>, String) {
    let doc = markdown::parse(text).unwrap();
    let layout = mdboard::board::layout::layout(&doc, &settings.choice()).unwrap();
    let input = Input {
        doc: &doc,
        layout: &layout,
        rules: settings.rules.as_deref().unwrap_or_default(),
        places: Some(places),
    };
    let findings = lint::check(&input, &|p: &Path| p.exists());
    let printed = report::text("projects.md", &findings);
    (findings, printed)
}

/// `mdboard lint -f FILE` of a document without settings: parse, layout, checks, links on
/// disk, text report.
#[divan::bench(args = SIZES, sample_count = 20, max_time = 20)]
fn whole(bencher: Bencher, n: usize) {
    let (dir, _path) = source(n);
    let places = Places {
        folder: dir.path().to_owned(),
        root: None,
    };
    let settings = config::Section::default();
    bencher.bench(|| lint_text(black_box(text(n)), &settings, &places));
}

/// The same with the bundled list's five rules, which about half the generated rows break.
#[divan::bench(args = SIZES, sample_count = 20, max_time = 20)]
fn whole_with_rules(bencher: Bencher, n: usize) {
    let (dir, _path) = source(n);
    let places = Places {
        folder: dir.path().to_owned(),
        root: None,
    };
    let settings = config::bundled();
    bencher.bench(|| lint_text(black_box(text(n)), &settings, &places));
}

/// `markdown::parse_any` alone, the floor under `whole`, measured in the same run.
#[divan::bench(args = SIZES, sample_count = 20, max_time = 20)]
fn parse_only(bencher: Bencher, n: usize) {
    bencher.bench(|| markdown::parse(black_box(text(n))).unwrap());
}

/// The checks alone, on a document parsed and laid out beforehand.
#[divan::bench(args = SIZES, sample_count = 20, max_time = 20)]
fn checks(bencher: Bencher, n: usize) {
    let (dir, _path) = source(n);
    let places = Places {
        folder: dir.path().to_owned(),
        root: None,
    };
    let settings = config::bundled();
    let doc = markdown::parse(text(n)).unwrap();
    let layout = mdboard::board::layout::layout(&doc, &settings.choice()).unwrap();
    let input = Input {
        doc: &doc,
        layout: &layout,
        rules: settings.rules.as_deref().unwrap_or_default(),
        places: Some(&places),
    };
    bencher.bench(|| lint::check(black_box(&input), &|p: &Path| p.exists()));
}
