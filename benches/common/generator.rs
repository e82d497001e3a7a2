//! A generator of realistic project lists, for the benchmarks and `examples/gen.rs`.
//!
//! The output is the seed document (`assets/projects.md`) with its projects table replaced by
//! `n` generated rows: the seed's front matter, prose and states table stay as they are. Rows look
//! like the seed's: names (some as links), labels (many empty), one to three sentence
//! descriptions of about 120 characters, groups as links or plain text, states from the states
//! table (about half empty, the odd one in mixed case) and, now and then, a row whose last cells
//! stand on a continuation line. The same `n` always gives the same text: the randomness is a
//! fixed-seed `SplitMix64`, no crate needed.
//!
//! Included with `#[path]` by the example and the benches, so it lives outside `src/`.

use std::fmt::Write;

/// The document the generated ones are made from.
const SEED: &str = include_str!("../../assets/projects.md");

/// `SplitMix64`: tiny, fast and good enough to make test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        // The bias of a plain modulo is irrelevant for test data.
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const AREAS: &[&str] = &[
    "Provider",
    "Console",
    "GPU",
    "Network",
    "Storage",
    "Docs",
    "Client",
    "Cosmos",
    "Deployment",
    "Tenant",
    "Validator",
    "Ledger",
    "Billing",
    "Registry",
    "Bidding",
    "Lease",
    "Escrow",
    "Wallet",
    "Governance",
    "Community",
    "Testnet",
    "Mainnet",
    "Ingress",
    "Container",
    "SDL",
    "Helm",
    "Kubernetes",
    "Analytics",
    "Metrics",
    "Onboarding",
    "Pricing",
    "Marketplace",
    "Identity",
    "Audit",
    "Relayer",
    "IBC",
    "Snapshot",
    "Indexer",
    "Explorer",
    "CLI",
];

const TOPICS: &[&str] = &[
    "Services",
    "Attributes",
    "Libraries",
    "Workflows",
    "Integration",
    "Monitoring",
    "Support",
    "Migration",
    "Refactor",
    "Parity",
    "Retention",
    "Authentication",
    "Updates",
    "Pipeline",
    "Dashboard",
    "Payments",
    "Settlement",
    "Stability",
    "Scheduling",
    "Upgrades",
    "Tooling",
    "Templates",
    "Certification",
    "Reference Setup",
    "Load Balancing",
    "Persistent Storage",
    "Health Checks",
    "Autoscaling",
    "Rate Limits",
    "Key Management",
];

const SUFFIXES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    " 2.0",
    " v2",
    " Phase 2",
    " Foundational Features",
    " (Beta)",
    " 2023",
    " for Tenants",
    " for Providers",
    " & Profitability",
];

const VERBS: &[&str] = &[
    "Define, build and finalize",
    "Support for",
    "Tools and process for",
    "Hooks for",
    "Ability for tenants to manage",
    "Making",
    "Spec and implement",
    "Redesigning",
    "Building automated testing for",
    "Supporting",
    "Migrating",
    "Tooling for auditing",
    "Analytics for",
    "Releasing",
    "Splitting",
];

const OBJECTS: &[&str] = &[
    "provider services into microservices",
    "deployments hosted in private container registries",
    "infrastructure metrics in tools like Prometheus and Grafana",
    "the documentation site",
    "client libraries in various programming languages",
    "persistent storage (like S3 or Akash persistent storage)",
    "tenant deployment logs for longer durations",
    "the economics model and its take rates",
    "GPUs on the network",
    "on-chain analytics",
    "reference SDLs and packages for new chains",
    "authorized spend (AuthZ)",
    "cross provider deployments for high availability (HA)",
    "stable payments in other cryptocurrencies",
];

const TAILS: &[&str] = &[
    "so that we're able to release and maintain software better.",
    "before a provider is \u{201c}officially signed\u{201d}.",
    "to allow better debugging.",
    "as self-service as possible.",
    "even as the cost of the currency fluctuates up and down.",
    "through automated testing.",
    "with a SIG or WG to shepherd it.",
    "and review it with the community.",
];

const EXTRAS: &[&str] = &[
    "Load balancers.",
    "State management.",
    "Needs a PRD first.",
    "See the SIG page for details.",
    "Tracked in a GitHub issue.",
    "Blocked on the Cosmos SDK upgrade.",
    "Open to contributors.",
    "Docs to follow.",
];

const GROUPS: &[&str] = &[
    "sig-providers",
    "sig-clients",
    "sig-community",
    "sig-docs",
    "sig-economics",
    "sig-network-upgrade",
    "sig-design",
    "sig-chain",
    "wg-gpu",
    "wg-provider-attributes",
    "wg-akash-website",
    "sig-support",
];

/// The states of the seed's states table, in its order.
const STATES: &[&str] = &[
    "ideation",
    "spec-definition",
    "spec-approved",
    "design",
    "implementation",
    "beta",
    "release",
    "blocked",
    "abandoned",
];

/// The seed split around its projects table rows: (up to the delimiter row, after the rows).
fn seed_parts() -> (&'static str, &'static str) {
    let header = SEED
        .find("| Project Name |")
        .expect("the seed has a projects table");
    let delim_end = header
        + SEED[header..]
            .match_indices('\n')
            .nth(1)
            .expect("a delimiter row")
            .0
        + 1;
    let rows_end = delim_end
        + SEED[delim_end..]
            .find("\n\n")
            .expect("text after the table")
        + 1;
    (&SEED[..delim_end], &SEED[rows_end..])
}

/// A project list of `tables` tables of `rows` cards each, every table under a heading of its
/// own (as documents keep one table per category), with the seed's prose before and its states
/// table after; the same arguments give the same text.
#[allow(dead_code)]
pub fn generate_tables(tables: usize, rows: usize) -> String {
    let (head, tail) = seed_parts();
    let header = head.find("| Project Name |").expect("a header row");
    let (prose, table_head) = head.split_at(header);
    let mut rng = Rng(0x7461_626c_6573_2121 ^ (tables * rows) as u64);
    let mut out = String::with_capacity(head.len() + tail.len() + tables * (rows * 260 + 300));
    out.push_str(prose);
    for t in 0..tables {
        let _ = write!(out, "## {} {}\n\n", rng.pick(AREAS), t + 1);
        out.push_str(table_head);
        for i in 0..rows {
            row(&mut rng, t * rows + i, &mut out);
        }
        out.push('\n');
    }
    out.push_str(tail);
    out
}

/// A project list with `n` cards; the same `n` gives the same text.
pub fn generate(n: usize) -> String {
    let (head, tail) = seed_parts();
    let mut rng = Rng(0x6d64_626f_6172_6421 ^ n as u64);
    let mut out = String::with_capacity(head.len() + tail.len() + n * 260);
    out.push_str(head);
    for i in 0..n {
        row(&mut rng, i, &mut out);
    }
    out.push_str(tail);
    out
}

fn row(rng: &mut Rng, i: usize, out: &mut String) {
    let area = rng.pick(AREAS);
    let topic = rng.pick(TOPICS);
    let suffix = rng.pick(SUFFIXES);
    // A number now and then keeps names varied, as lists that grow for years have them.
    let name = if rng.chance(30) {
        format!("{area} {topic}{suffix} #{}", i + 1)
    } else {
        format!("{area} {topic}{suffix}")
    };
    let label = if rng.chance(45) {
        String::new()
    } else {
        format!(
            "{}-{}",
            area.to_lowercase(),
            topic.split(' ').next().unwrap_or(topic).to_lowercase()
        )
    };
    let mut description = format!(
        "{} {} {}",
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    );
    let extras = match rng.below(20) {
        0..6 => 0,
        6..15 => 1,
        _ => 2,
    };
    for _ in 0..extras {
        description.push(' ');
        description.push_str(rng.pick(EXTRAS));
    }
    let working = rng.chance(55);
    let group = if working || rng.chance(10) {
        let g = rng.pick(GROUPS);
        match rng.below(4) {
            0 => format!("[{g}](../{g})"),
            1 => format!("[{g}](https://github.com/akash-network/community/tree/main/{g})"),
            2 => format!("[{g}](../{g}/README.md)"),
            _ => g.to_owned(),
        }
    } else {
        String::new()
    };
    let state = if working {
        let s = rng.pick(STATES);
        if rng.chance(2) {
            mixed_case(s)
        } else {
            s.to_owned()
        }
    } else {
        String::new()
    };

    out.push_str("| ");
    if rng.chance(25) {
        let slug = name
            .to_lowercase()
            .replace([' ', '#', '&', '(', ')', '.'], "-");
        if rng.chance(50) {
            let _ = write!(out, "[{name}](../sig-clients/{slug}/prd.md)");
        } else {
            let _ = write!(
                out,
                "[{name}](https://github.com/akash-network/community/blob/main/{slug}/prd.md)"
            );
        }
    } else {
        out.push_str(&name);
    }
    out.push_str(" | ");
    out.push_str(&label);
    // Cells written loosely, as people do: a missing space, a doubled one, one left blank.
    out.push_str(if label.is_empty() && rng.chance(50) {
        "| "
    } else {
        " | "
    });
    if rng.chance(15) {
        out.push(' ');
    }
    out.push_str(&description);
    if rng.chance(2) && group.is_empty() && state.is_empty() {
        // The seed's "Cloud Parity Foundational Features": the last cells on a continuation line.
        out.push_str("\n  |  |  |\n");
        return;
    }
    out.push_str(if rng.chance(30) { "  | " } else { " | " });
    out.push_str(&group);
    out.push_str(" | ");
    out.push_str(&state);
    out.push_str(" |\n");
}

/// A state as someone typed it with a shift key: `Implementation`, `BETA`, `spec-Definition`.
fn mixed_case(s: &str) -> String {
    match s.len() % 3 {
        0 => s.to_uppercase(),
        1 => {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        _ => s
            .split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("-"),
    }
}
