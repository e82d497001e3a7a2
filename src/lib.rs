//! mdboard: a markdown project list as a kanban board in the terminal.
//!
//! markdown -> board -> app (pure update) -> ui (read-only view); `store` and `runtime` are the
//! only modules that touch the disk and the terminal.

pub mod board;
pub mod cli;
pub mod commands;
pub mod markdown;
pub mod search;
pub mod store;

use std::path::Path;

/// Runs one command on the board of `source` (the bundled board when `None`).
pub fn run(source: Option<&Path>, command: &cli::Command) -> anyhow::Result<()> {
    let store = store::Store::user()?;
    commands::run(
        &store,
        source,
        command,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
}
