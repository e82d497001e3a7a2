//! The three-way merge of generated documents of 10,000 and 100,000 rows.
//!
//! Each side changes the State of 1 % of the rows (1,000 of 100,000), a tenth of them the same
//! rows as the other side, differently (100 conflicts), and moves 0.05 % of the rows (50) a
//! few hundred rows down. `texts` merges the three texts as the merge driver does (reading
//! included); `documents` merges documents already read, as an open board can.
//!
//! `cargo bench --bench merge`; the base comes from `benches/common/generator.rs`.
#![allow(clippy::unwrap_used)]

#[path = "common/generator.rs"]
mod generator;

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use mdboard::board::layout::Choice;
use mdboard::markdown::{self, Document};
use mdboard::merge;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

/// Base, ours and theirs of `n` rows, made once per run.
fn versions(n: usize) -> &'static [String; 3] {
    static VERSIONS: [OnceLock<[String; 3]>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&s| s == n).unwrap();
    VERSIONS[slot].get_or_init(|| {
        let base = generator::generate(n);
        let doc = markdown::parse(&base).unwrap();
        let edits = n / 100;
        let step = n / edits;
        // Ours: rows 0, step, 2 step...; theirs: the first tenth of those too, then the rows
        // half a step further.
        let ours: Vec<(usize, String)> = (0..edits)
            .map(|i| (i * step, format!("ours-{i}")))
            .collect();
        let theirs: Vec<(usize, String)> = (0..edits)
            .map(|i| {
                let row = if i < edits / 10 {
                    i * step
                } else {
                    i * step + step / 2
                };
                (row, format!("theirs-{i}"))
            })
            .collect();
        let moves = n / 2000;
        let ours_moves: Vec<(usize, usize)> =
            (0..moves).map(|i| (i * 2000 + 7, i * 2000 + 300)).collect();
        let theirs_moves: Vec<(usize, usize)> = (0..moves)
            .map(|i| (i * 2000 + 1007, i * 2000 + 1600))
            .collect();
        let ours = edit(&doc, &ours, &ours_moves);
        let theirs = edit(&doc, &theirs, &theirs_moves);
        [base, ours, theirs]
    })
}

/// The document with the State of some rows set, and some rows moved.
fn edit(doc: &Document, states: &[(usize, String)], moves: &[(usize, usize)]) -> String {
    let projects = mdboard::board::layout::layout(doc, &mdboard::board::Choice::default())
        .unwrap()
        .tables[0]
        .clone();
    let table = &doc.tables[projects.table];
    let state_col = projects.state;
    let text = &doc.text;
    let mut lines: Vec<String> = (0..table.rows.len())
        .map(|r| {
            let row = &table.rows[r];
            text[row.prefix.start..row.term.end].to_owned()
        })
        .collect();
    for (r, value) in states {
        let row = &table.rows[*r];
        let cell = table.cell_range(text, *r, state_col).unwrap();
        let start = row.prefix.start;
        let line = &mut lines[*r];
        if cell.is_empty() {
            line.insert_str(cell.start - start, &format!(" {value} "));
        } else {
            line.replace_range(cell.start - start..cell.end - start, value);
        }
    }
    for &(from, to) in moves {
        let line = lines.remove(from);
        lines.insert(to, line);
    }
    let mut out = String::with_capacity(text.len() + 64 * states.len());
    out.push_str(&text[..table.body.start]);
    for line in lines {
        out.push_str(&line);
    }
    out.push_str(&text[table.body.end..]);
    out
}

#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 20)]
fn texts(bencher: Bencher, n: usize) {
    let [base, ours, theirs] = versions(n);
    let choice = Choice::default();
    let m = merge::merge(base, ours, theirs, &choice).unwrap();
    assert_eq!(m.conflicts.len(), n / 1000);
    assert_eq!(m.theirs.edited, n / 100 - n / 1000);
    bencher.bench(|| merge::merge(black_box(base), black_box(ours), black_box(theirs), &choice));
}

#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1, max_time = 20)]
fn documents(bencher: Bencher, n: usize) {
    let docs: Vec<Document> = versions(n)
        .iter()
        .map(|t| markdown::parse(t).unwrap())
        .collect();
    let choice = Choice::default();
    bencher.bench(|| {
        merge::merge_documents(
            black_box(&docs[0]),
            black_box(&docs[1]),
            black_box(&docs[2]),
            &choice,
            merge::MARKER_SIZE,
        )
    });
}
