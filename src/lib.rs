//! mdboard: a markdown project list as a kanban board in the terminal.
//!
//! markdown -> board -> app (pure update) -> ui (read-only view); `store` and `runtime` are the
//! only modules that touch the disk and the terminal.

pub mod action;
pub mod app;
pub mod board;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crash;
pub mod git;
pub mod keymap;
pub mod markdown;
pub mod merge;
pub mod runtime;
pub mod search;
pub mod store;
pub mod ui;

use std::path::Path;

/// Runs the command line: its command on the board of its file (the bundled board without one).
pub fn run(cli: &cli::Cli) -> anyhow::Result<()> {
    let command = cli.command.as_ref().unwrap_or(&cli::Command::Open);
    // No board, no data directory: these print what the command line is.
    if cli::describe_itself(command, &mut std::io::stdout().lock())? {
        return Ok(());
    }
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let file = cli.file_flag.as_deref().or(cli.file.as_deref());
    if let Some(done) = commands::without_board(command, file, &mut out, &mut err) {
        return done;
    }
    drop((out, err));
    let store = store::Store::user()?;
    let source = cli.source(&store)?;
    run_on(&store, source.as_deref(), command)
}

/// Runs one command on the board of `source` (the bundled board when `None`).
fn run_on(
    store: &store::Store,
    source: Option<&Path>,
    command: &cli::Command,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    crash::install(Some(store.dir().to_owned()));
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if matches!(command, cli::Command::Open) && interactive {
        let (stored, notices) = store.open(source)?;
        return runtime::run(store, stored, &notices);
    }
    commands::run(
        store,
        source,
        command,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
