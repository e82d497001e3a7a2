use std::process::ExitCode;

use clap::Parser;
use mdboard::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match mdboard::run(
        cli.source().as_deref(),
        cli.command.as_ref().unwrap_or(&Command::Open),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mdboard: {e:#}");
            ExitCode::FAILURE
        }
    }
}
