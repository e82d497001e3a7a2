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
        // `mdboard list | head`: the reader left; nothing is wrong.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mdboard: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
