//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A markdown project list as a kanban board in the terminal.
///
/// Opens the board of FILE (default: the bundled Akash Network project list). Changes are kept
/// in a board file under the user's data directory; the markdown file changes only when the
/// board is written back (`w` on the board, `export -o`, or `--write`).
#[derive(Debug, Parser)]
#[command(name = "mdboard", version, propagate_version = true)]
pub struct Cli {
    /// The markdown file to open
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// The markdown file whose board to use (default: the bundled project list)
    #[arg(short = 'f', long = "file", value_name = "FILE", global = true)]
    pub file_flag: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The file chosen by `-f` or the positional FILE.
    pub fn source(&self) -> Option<PathBuf> {
        self.file_flag.clone().or_else(|| self.file.clone())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the board (the default)
    Open,
    /// Print the board's markdown document, or write it to OUT
    Export {
        /// Write to this file (atomically) instead of printing
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Overwrite the source file even if it changed outside since the board last read it
        #[arg(long)]
        force: bool,
    },
    /// List the cards in table order
    List {
        /// Only cards in this state (a state name, any case, or `none`)
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
        /// Only cards matching QUERY, the board's search language: every term must match, as a
        /// run of a cell's text or scattered over word starts ("pricstab"); ~TERM matches
        /// loosely (its letters in order anywhere); "quoted terms" keep spaces; FIELD:TEXT looks
        /// in one column; -TERM excludes
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        filter: Option<String>,
        /// Print JSON: an array of cards with id, name, state, column and fields (and, with
        /// --filter, each card's score)
        #[arg(long)]
        json: bool,
        /// With --filter: `score` lists the best matches first, as Enter and n on the board go
        /// (whole words, then runs, then scattered matches, each by score); `table` (the
        /// default) keeps table order
        #[arg(long, value_enum, value_name = "ORDER", requires = "filter")]
        sort: Option<Sort>,
    },
    /// Move a card to another state
    Move {
        /// The card: its title (any case), its id, or a unique prefix of its title
        card: String,
        /// The state (any case), or `none`
        state: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Change cells of a card: FIELD=VALUE, FIELD a header name (any case)
    Set {
        /// The card: its title (any case), its id, or a unique prefix of its title
        card: String,
        /// FIELD=VALUE pairs
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add a card: FIELD=VALUE pairs, FIELD a header name (any case)
    Add {
        /// FIELD=VALUE pairs
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Delete a card
    Rm {
        /// The card: its title (any case), its id, or a unique prefix of its title
        card: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// List the boards kept in the data directory
    Boards,
    /// Drop the board's changes and read its file again (the dropped board is kept as a backup)
    Reset {
        /// Do not ask first
        #[arg(long)]
        yes: bool,
    },
}

/// The order `list` prints cards in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Table order.
    Table,
    /// Best match first.
    Score,
}

/// Writing the markdown back after a change.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct WriteArgs {
    /// Also write the board back into FILE
    #[arg(long)]
    pub write: bool,
    /// With --write: overwrite FILE even if it changed outside since the board last read it
    #[arg(long, requires = "write")]
    pub force: bool,
}
