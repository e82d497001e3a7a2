use std::process::ExitCode;

use clap::Parser;
use mdboard::cli::{self, Cli};

fn main() -> ExitCode {
    match mdboard::run(&Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // `mdboard list | head`: the reader left; nothing is wrong.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = cli::error_text(&e);
            if !text.is_empty() {
                eprintln!("mdboard: {text}");
            }
            ExitCode::from(cli::exit_status(&e))
        }
    }
}
