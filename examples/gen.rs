//! Writes a realistic project list of N cards to stdout (default 1000), the same for a given N:
//! `cargo run --release --example gen -- 100000 > big.md`.

#[path = "../benches/common/generator.rs"]
mod generator;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let Ok(n) = arg
        .as_deref()
        .unwrap_or("1000")
        .replace('_', "")
        .parse::<usize>()
    else {
        eprintln!("usage: gen [CARDS]   (a number of cards, default 1000)");
        return ExitCode::FAILURE;
    };
    let text = generator::generate(n);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
