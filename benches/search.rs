//! One filtering keystroke at 10,000 and 100,000 cards.
//!
//! `fresh` filters the whole board (a query typed from scratch, or pasted); `narrowed` extends
//! the previous query by a character, as typing does, and tests only the previous matches;
//! `shown` scores and highlights a screenful of matches; `build` indexes the board (once per
//! board, then once per changed card). Boards are generated here as markdown and parsed, like a
//! real file.

use std::fmt::Write as _;
use std::sync::OnceLock;

use divan::Bencher;
use mdboard::board::Board;
use mdboard::markdown;
use mdboard::search::{self, Filtered, Query, SearchIndex};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

const ADJECTIVES: &[&str] = &[
    "Provider",
    "Console",
    "Network",
    "Cloud",
    "Persistent",
    "Secure",
    "Automated",
    "Decentral",
    "Open",
    "Fast",
    "Shared",
    "Private",
    "Global",
    "Edge",
    "Stable",
    "Unified",
];
const NOUNS: &[&str] = &[
    "Storage",
    "Support",
    "Gateway",
    "Registry",
    "Balancer",
    "Dashboard",
    "Migration",
    "Billing",
    "Metrics",
    "Auction",
    "Scheduler",
    "Identity",
    "Docs",
    "Attributes",
    "Leases",
    "Audits",
    "Deployments",
    "Certificates",
    "GPU",
    "Payments",
];
const VERBS: &[&str] = &[
    "Building",
    "Supporting",
    "Migrating",
    "Defining",
    "Releasing",
    "Refactoring",
    "Designing",
    "Testing",
    "Documenting",
    "Automating",
    "Scaling",
    "Monitoring",
];
const OBJECTS: &[&str] = &[
    "the provider services",
    "persistent storage for leases",
    "a reference SDL library",
    "GPU workloads on Akash",
    "the console for general availability",
    "client libraries",
    "the economics of take rates",
    "an attribute schema for providers",
    "the docs site",
    "audited attributes",
    "network upgrades",
    "the bid engine",
];
const PURPOSES: &[&str] = &[
    "so that operators can ship faster.",
    "to grow the community.",
    "with automated testing.",
    "for better visibility into workloads.",
    "and keep the chain sustainable.",
    "across every supported region.",
];
const GROUPS: &[&str] = &[
    "sig-providers",
    "sig-clients",
    "sig-docs",
    "sig-economics",
    "sig-community",
    "wg-gpu",
    "wg-provider-attributes",
    "sig-network",
    "sig-support",
    "sig-design",
];
const STATES: &[&str] = &[
    "ideation",
    "spec-definition",
    "implementation",
    "testing",
    "release",
    "done",
];

/// A small deterministic generator (xorshift64*), so every run measures the same board.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33;
        from[usize::try_from(x).unwrap_or(0) % from.len()]
    }
}

/// A projects document of `n` cards: names, labels, 1-3 sentence descriptions (about 120
/// characters), community groups (half of them links, as in the bundled list) and states.
fn document(n: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::from(
        "# Projects\n\n| Project Name | Label | Description | Community Group | State |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for i in 0..n {
        let (adjective, noun) = (rng.pick(ADJECTIVES), rng.pick(NOUNS));
        let label = format!("{}-{}", noun.to_lowercase(), i % 97);
        let mut description = String::new();
        for _ in 0..=(i % 3) {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(rng.pick(VERBS));
            description.push(' ');
            description.push_str(rng.pick(OBJECTS));
            description.push(' ');
            description.push_str(rng.pick(PURPOSES));
            if description.len() > 100 {
                break;
            }
        }
        let group = rng.pick(GROUPS);
        let group = if i % 2 == 0 {
            format!("[{group}](https://github.com/akash-network/community/tree/main/{group})")
        } else {
            group.to_owned()
        };
        let state = rng.pick(STATES);
        writeln!(
            text,
            "| {adjective} {noun} {i} | {label} | {description} | {group} | {state} |"
        )
        .expect("writing to a String");
    }
    text.push_str("\n| State | Meaning |\n| --- | --- |\n");
    for state in STATES {
        writeln!(text, "| {state} | |").expect("writing to a String");
    }
    text
}

fn fixture(n: usize) -> &'static (Board, SearchIndex) {
    static BOARDS: [OnceLock<(Board, SearchIndex)>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = SIZES
        .iter()
        .position(|&s| s == n)
        .expect("a benchmarked size");
    BOARDS[slot].get_or_init(|| {
        let board = Board::detect(markdown::parse(&document(n)).expect("a document"))
            .expect("a projects table");
        let index = SearchIndex::build(&board);
        (board, index)
    })
}

fn query(board: &Board, text: &str) -> Query {
    Query::parse(text, board.field_names()).expect("a valid query")
}

/// Queries typed from scratch: one letter, a word, two words, a field, an exclusion, a term
/// nothing matches (every card is read to the end), a loose term, and a longer word (whose
/// scattered matches the word-start bound rejects least).
const FRESH: &[&str] = &[
    "g",
    "gpu",
    "gpu s",
    "label:gpu",
    "-gpu",
    "xyzzy",
    "~gpu",
    "console",
];

#[divan::bench(consts = SIZES, args = FRESH)]
fn fresh<const N: usize>(bencher: Bencher, text: &str) {
    let (board, index) = fixture(N);
    let q = query(board, text);
    bencher.bench(|| index.filter(&q, None));
}

/// Keystrokes that extend the last term or add one, each from the previous query's result.
const TYPED: &[&str] = &["gp", "gpu", "gpu ", "gpu s", "gpu st", "gpu sto"];

#[divan::bench(consts = SIZES, args = TYPED)]
fn narrowed<const N: usize>(bencher: Bencher, text: &str) {
    let (board, index) = fixture(N);
    let before = &text[..text.len() - 1];
    let previous: Filtered = index.filter(&query(board, before), None);
    let q = query(board, text);
    bencher.bench(|| index.filter(&q, Some(&previous)));
}

/// Scores and highlights (all five columns) of the first 40 matches: a screenful.
#[divan::bench(consts = SIZES, args = ["gpu", "gpu sto"])]
fn shown<const N: usize>(bencher: Bencher, text: &str) {
    let (board, index) = fixture(N);
    let q = query(board, text);
    let filtered = index.filter(&q, None);
    bencher.bench(|| {
        filtered
            .cards
            .iter()
            .take(40)
            .map(|&i| {
                let card = &board.cards[i];
                let lit: usize = (0..board.field_names().len())
                    .map(|col| search::highlights(board, card, col, &q).len())
                    .sum();
                search::score(board, card, &q).unwrap_or(0) + i64::try_from(lit).unwrap_or(0)
            })
            .sum::<i64>()
    });
}

/// Indexing the whole board, as on opening it.
#[divan::bench(consts = SIZES, sample_count = 10)]
fn build<const N: usize>(bencher: Bencher) {
    let (board, _) = fixture(N);
    bencher.bench(|| SearchIndex::build(board));
}

/// Re-reading one edited card.
#[divan::bench(consts = SIZES)]
fn update_one<const N: usize>(bencher: Bencher) {
    let (board, index) = fixture(N);
    let mut index = index.clone();
    bencher.bench_local(|| index.update(board, N / 2));
}
