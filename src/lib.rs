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
pub mod follow;
pub mod git;
pub mod keymap;
pub mod lint;
pub mod markdown;
pub mod merge;
pub mod runtime;
pub mod search;
pub mod store;
pub mod timeline;
pub mod ui;

use std::path::Path;

/// Runs the command line: its command on the board of its file (the bundled board without one).
pub fn run(cli: &cli::Cli) -> anyhow::Result<()> {
    let command = cli.command.as_ref().unwrap_or(&cli::Command::Open);
    // No board, no data directory: these print what the command line is.
    if cli::describe_itself(command, &mut std::io::stdout().lock())? {
        return Ok(());
    }
    if let cli::Command::Lint(args) = command {
        // The file alone is read: CI runners and git hooks must not fill the data directory.
        crash::install(None);
        let source = cli
            .file_to_read()
            .map_err(|e| anyhow::Error::new(e).context(cli::Exit::code(2)))?;
        return commands::lint::run(
            source.as_deref(),
            args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
    }
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let file_alone = matches!(
        command,
        cli::Command::History(_) | cli::Command::Changes { since: Some(_), .. }
    );
    if file_alone {
        // The file, its settings and git alone, as for lint.
        crash::install(None);
        let source = cli.file_to_read()?;
        let done = commands::on_file_alone(
            command,
            source.as_deref(),
            &cli.choice(),
            &mut out,
            &mut err,
        );
        return done.unwrap_or(Ok(()));
    }
    let file = cli.file_flag.as_deref().or(cli.file.as_deref());
    if let Some(done) = commands::without_board(command, file, &mut out, &mut err) {
        return done;
    }
    drop((out, err));
    let store = store::Store::user()?;
    let source = cli.source(&store)?;
    run_on(
        &store,
        source.as_deref(),
        &cli.choice(),
        command,
        cli.no_mouse,
    )
}

/// Runs one command on the board of `source` (the bundled board when `None`); the board takes
/// the mouse unless `no_mouse`.
fn run_on(
    store: &store::Store,
    source: Option<&Path>,
    choice: &board::Choice,
    command: &cli::Command,
    no_mouse: bool,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    crash::install(Some(store.dir().to_owned()));
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if matches!(command, cli::Command::Open) && interactive {
        let (stored, notices) = store.open_with(source, choice)?;
        return runtime::run(store, stored, &notices, no_mouse);
    }
    commands::run_with(
        store,
        source,
        choice,
        command,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
