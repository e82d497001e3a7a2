//! Writes a realistic project list of N cards to stdout (default 1000), the same for a given N:
//! `cargo run --release --example gen -- 100000 > big.md`; with `--tables T`, T tables of N cards
//! each, one per heading: `cargo run --release --example gen -- --tables 200 500 > many.md`.

#[path = "../benches/common/generator.rs"]
mod generator;

use std::io::Write;
use std::process::ExitCode;

fn number(arg: &str) -> Option<usize> {
    arg.replace('_', "").parse().ok()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let text = match args.as_slice() {
        [] => Some(generator::generate(1000)),
        [n] => number(n).map(generator::generate),
        ["--tables", t, n] => number(t)
            .zip(number(n))
            .map(|(t, n)| generator::generate_tables(t, n)),
        _ => None,
    };
    let Some(text) = text else {
        eprintln!(
            "usage: gen [CARDS]             (a number of cards, default 1000)\n       \
             gen --tables TABLES CARDS  (that many tables of that many cards)"
        );
        return ExitCode::FAILURE;
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
