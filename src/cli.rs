//! The command line.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::store::{self, Store};

mod describe;

pub use describe::describe_itself;

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

    /// The header of the column holding the status (detected: State, Status, Stage, Phase,
    /// Progress, Lifecycle and their translations); over `.mdboard.ron` and what the board
    /// remembers
    #[arg(long, value_name = "NAME", global = true)]
    pub state_column: Option<String>,

    /// The header of the column holding a card's title (detected: Name, Title, Project, ...)
    #[arg(long, value_name = "NAME", global = true)]
    pub title_column: Option<String>,

    /// Leave the mouse to the terminal, so that its own selection works: no clicks, wheel or
    /// dragging on the board (as `mouse: false` in config.ron)
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A command line that names no board to open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CliError {
    /// A word in the place of a command that is neither a command nor a file.
    #[error("no such command or file: {word}{}", .closest.as_ref().map_or_else(String::new, |c| format!("; did you mean `mdboard {c}`?")))]
    NoSuchCommandOrFile {
        word: String,
        /// The command it most likely meant.
        closest: Option<String>,
    },
    #[error("FILE and -f name different files: {0} and {1}")]
    TwoFiles(String, String),
}

impl Cli {
    /// The columns the command line names.
    pub fn choice(&self) -> crate::board::Choice {
        crate::board::Choice {
            state_column: self.state_column.clone(),
            title_column: self.title_column.clone(),
            ..crate::board::Choice::default()
        }
    }

    /// The file whose board to use: `-f FILE` or the FILE before the command, which agree when
    /// both are given.
    ///
    /// A FILE that is not a file (nor a file that has a board, gone since) is taken for a
    /// mistyped command: `mdboard lsit -f projects.md` must not list the board of `-f`.
    pub fn source(&self, store: &Store) -> Result<Option<PathBuf>, CliError> {
        let Some(word) = &self.file else {
            return Ok(self.file_flag.clone());
        };
        let is_board = word.exists() || store.board_path(Some(&store::absolute(word))).exists();
        if !is_board {
            let typed = word.to_string_lossy().into_owned();
            return Err(CliError::NoSuchCommandOrFile {
                closest: closest_command(&typed),
                word: typed,
            });
        }
        if let Some(flag) = &self.file_flag
            && store::absolute(flag) != store::absolute(word)
        {
            return Err(CliError::TwoFiles(
                word.display().to_string(),
                flag.display().to_string(),
            ));
        }
        Ok(Some(word.clone()))
    }
}

impl Cli {
    /// The file a command that only reads names, found without the data directory: `-f FILE`
    /// or the FILE before the command, which agree when both are given.
    pub fn file_to_read(&self) -> Result<Option<PathBuf>, CliError> {
        match (&self.file, &self.file_flag) {
            (Some(word), Some(flag)) if store::absolute(word) != store::absolute(flag) => Err(
                CliError::TwoFiles(word.display().to_string(), flag.display().to_string()),
            ),
            (word, flag) => Ok(word.clone().or_else(|| flag.clone())),
        }
    }
}

/// The command `typed` most likely stands for: one at most two edits away (a swap of neighbours
/// counts as one: the optimal string alignment distance), and closer than the whole word.
fn closest_command(typed: &str) -> Option<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .map(|name| (strsim::osa_distance(typed, &name), name))
        .filter(|&(d, _)| d <= 2 && d < typed.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// An error that ends mdboard with a status of its own: the merge driver's 1 for conflicts or
/// above 128 for a merge that failed; `lint`'s 1 for errors found, 2 for a document it cannot
/// read. An empty message says nothing: what there was to say is said already, or by the error
/// it is the context of.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Exit {
    pub status: u8,
    pub message: String,
}

impl Exit {
    /// A status alone, with nothing more to say.
    pub fn code(status: u8) -> Self {
        Self {
            status,
            message: String::new(),
        }
    }
}

/// The exit status an error ends mdboard with: its [`Exit`], else 1.
pub fn exit_status(e: &anyhow::Error) -> u8 {
    e.downcast_ref::<Exit>().map_or(1, |x| x.status)
}

/// Whether `e` is only the reader of mdboard's output having left (`mdboard list | head -1`):
/// a closed pipe anywhere in its causes, written directly or through JSON. Nothing is wrong then,
/// and mdboard ends quietly, as other tools do.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(BrokenPipe)
    })
}

/// An error as one line: each cause after the one it explains, unless that one says it
/// already (a store error names its cause in its own text).
pub fn error_text(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
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
        /// Onto the board's own file: write even with conflicts left, the board's side of each
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
        /// Print JSON: an array of cards with id, name, state, column, fields and conflicts
        /// (field, base, mine, theirs: what following the file left to resolve) and, with
        /// --filter, each card's score
        #[arg(long)]
        json: bool,
        /// With --filter: `score` lists the best matches first, as Enter and n on the board go
        /// (whole words, then runs, then scattered matches, each by score); `table` (the
        /// default) keeps table order
        #[arg(long, value_enum, value_name = "ORDER", requires = "filter")]
        sort: Option<Sort>,
        /// List the section rows (a bold first cell alone, which label the cards below them)
        /// instead of the cards
        #[arg(long, conflicts_with_all = ["state", "filter"])]
        sections: bool,
        /// With --json: each card's history from git too, `since` (when it entered its
        /// state, RFC 3339; null when not committed or unknown) and `history` (its states,
        /// oldest first: state, from, to, commit, author)
        #[arg(long, requires = "json", conflicts_with = "sections")]
        history: bool,
    },
    /// Move cards to another state (all of them or none, as one change)
    Move {
        /// The cards: each by its title (any case), its id (#N), its document ID, or a unique
        /// prefix of its title
        #[arg(required = true, num_args = 1.., value_name = "CARD")]
        cards: Vec<String>,
        /// The state (any case), or `none`
        state: String,
        #[command(flatten)]
        new_state: NewState,
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
        new_state: NewState,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add a card: FIELD=VALUE pairs, FIELD a header name (any case)
    Add {
        /// FIELD=VALUE pairs
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
        /// The table to add to, when the document has several: its number (1 for the first)
        /// or its heading (default: the first, or the table of --before/--after's card)
        #[arg(long, value_name = "NUMBER|HEADING")]
        table: Option<String>,
        /// Put the new row just before this card's (in its table), instead of after the last
        /// card of its state
        #[arg(long, value_name = "CARD", conflicts_with = "after")]
        before: Option<String>,
        /// Put the new row just after this card's (in its table)
        #[arg(long, value_name = "CARD")]
        after: Option<String>,
        #[command(flatten)]
        new_state: NewState,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Put a card's row elsewhere in its table: before or after another card of the table, at
    /// its top or at its bottom (its state stays)
    Place {
        /// The card: its title (any case), its id, or a unique prefix of its title
        card: String,
        #[command(flatten)]
        to: PlaceArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Delete cards (all of them or none, as one change)
    Rm {
        /// The cards: each by its title (any case), its id (#N), its document ID, or a unique
        /// prefix of its title
        #[arg(required = true, num_args = 1.., value_name = "CARD")]
        cards: Vec<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Rename a state in the states table and in every card that has it, as one change (each
    /// cell keeps its markup: **Old** becomes **New**, [Old](x) becomes [New](x))
    RenameState {
        /// The state to rename: its name or any spelling of it, any case
        old: String,
        /// Its new name
        new: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Undo the board's last change, or its last N: the board's own history (what u on the
    /// board undoes), kept across runs. Undoing a change already written back changes the
    /// board, not the file, unless --write
    Undo {
        /// How many changes to undo
        #[arg(value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
        n: u64,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Redo what undo undid, the last N undone (what U / Ctrl+R on the board redoes)
    Redo {
        /// How many changes to redo
        #[arg(value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
        n: u64,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// What the board changes compared with FILE (what w or --write would write), or with
    /// --since REV what changed between FILE at REV and FILE in the working tree: cards moved
    /// (from → to), added, removed, edited (which fields), reordered, grouped by state; a
    /// markdown list for a pull request description or a commit message, or JSON. Reads only:
    /// no board is made or written
    Changes {
        /// The summary as a markdown list, or as JSON
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Markdown)]
        format: Format,
        /// Compare FILE at this git revision (a commit, a branch, a tag: `main`, `HEAD~3`,
        /// `origin/main`) with FILE in the working tree, rows matched as the merge matches
        /// them; the board is not read
        #[arg(long, value_name = "REV")]
        since: Option<String>,
    },
    /// List the boards kept in the data directory
    Boards {
        /// Remove the boards whose markdown file is gone (listed, then asked), and snapshots no
        /// board names
        #[arg(long)]
        prune: bool,
        /// With --prune: do not ask first
        #[arg(long, requires = "prune")]
        yes: bool,
        /// With --prune: remove too the boards whose file is gone with changes never written
        /// back (kept otherwise: their changes exist nowhere else)
        #[arg(long, requires = "prune")]
        include_unsynced: bool,
    },
    /// Pick a side of the conflicts following the file left on a card, or of the conflict
    /// markers a git merge left in the file
    ///
    /// With CARD: that card's conflicts (only FIELD's, when given) take the board's value
    /// (--mine) or the file's (--theirs). Without CARD, in a file with conflict markers: every
    /// conflict keeps our side (--mine), their side (--theirs) or both, ours first (--both).
    Resolve(ResolveArgs),
    /// Drop the board's changes and read its file again (the dropped board is kept as a backup)
    Reset {
        /// Do not ask first
        #[arg(long)]
        yes: bool,
    },
    /// Check the document on disk: its states, its rows, its links and the rules of its settings
    ///
    /// Reads FILE (the bundled list without one) and nothing else: no board is made or locked,
    /// so CI runners and git hooks leave the data directory alone. Findings are printed one a
    /// line, sorted by line; --fix first makes the fixes that are certain.
    #[command(
        after_help = "Exit status: 0 without errors, 1 with errors (with --strict, with \
                            warnings too), 2 when the document or its settings cannot be read \
                            (or --fix cannot write it)."
    )]
    Lint(LintArgs),
    /// Print how long each card has been in its state, and the states it was in before, from
    /// the file's git history
    ///
    /// Reads FILE (the bundled list without one) and its history in git, nothing else: no board
    /// is made or locked. Each card's states, oldest first, with the day it entered each, the
    /// commit and its author; a change not committed yet counts from now. Without git, or for
    /// a file git does not track, there is no history to print.
    History(HistoryArgs),
    /// Print the completion script of a shell (see the README for where it goes)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `mdboard man > ~/.local/share/man/man1/mdboard.1`
    Man,
    /// Merge three versions of a document into OURS: the git merge driver
    ///
    /// Projects tables merge row by row and cell by cell, the rest line by line. Exits 0 when
    /// clean, 1 with each conflicting row between conflict markers, above 128 when no merge
    /// could be written. `git-setup` makes git use it.
    Merge {
        /// The common ancestor (git's %O)
        base: PathBuf,
        /// Our version, replaced by the merge (git's %A)
        ours: PathBuf,
        /// Their version (git's %B)
        theirs: PathBuf,
        /// The length of conflict markers (git's %L)
        #[arg(long, value_name = "N", default_value_t = crate::merge::MARKER_SIZE)]
        marker_size: usize,
        /// The document's path in the repository, for its settings and messages (git's %P)
        #[arg(short = 'p', long = "path", value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Make git merge FILE row by row, with `mdboard merge`
    ///
    /// Writes the line for FILE into .gitattributes at the repository's root and the driver
    /// into the repository's git config, each unless it is there already.
    GitSetup,
}

/// Which conflicts `resolve` resolves, and how.
#[derive(Debug, Clone, clap::Args)]
#[command(group = clap::ArgGroup::new("side").required(true).args(["mine", "theirs", "both"]))]
pub struct ResolveArgs {
    /// The card: its title (any case), its id (#N), its document ID, or a unique prefix of its
    /// title
    #[arg(value_name = "CARD")]
    pub card: Option<String>,
    /// Only this field's conflict (a header name, any case)
    #[arg(value_name = "FIELD", requires = "card")]
    pub field: Option<String>,
    /// Keep the board's value (in a file with conflict markers: our side)
    #[arg(long)]
    pub mine: bool,
    /// Take the file's value (in a file with conflict markers: their side)
    #[arg(long)]
    pub theirs: bool,
    /// In a file with conflict markers: keep both sides, ours first
    #[arg(long)]
    pub both: bool,
}

/// What `lint` prints and fails on.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LintArgs {
    /// How findings are printed: `text` (`file:line:col: level: message [rule]`), `json` (an
    /// array of findings) or `github` (GitHub Actions annotations)
    #[arg(long, value_enum, default_value_t = LintFormat::Text, value_name = "FORMAT")]
    pub format: LintFormat,
    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Write the fixes that are certain into FILE first (a state's case or spacing made as the
    /// states table writes it), and say what they were; only those cells change
    #[arg(long)]
    pub fix: bool,
}

/// What `history` prints.
#[derive(Debug, Clone, clap::Args)]
pub struct HistoryArgs {
    /// Only this card: its title (any case), its document ID, or a unique prefix of its title
    #[arg(value_name = "CARD")]
    pub card: Option<String>,
    /// Print JSON: an array of cards with name, state, since and history
    #[arg(long)]
    pub json: bool,
}

/// How `lint` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// `file:line:col: level: message [rule]`, one a line.
    Text,
    /// An array of findings: file, line, column, level, rule, message, suggestion.
    Json,
    /// GitHub Actions annotations: `::error file=…,line=…,col=…,title=…::message`.
    Github,
}

/// How `changes` prints its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A markdown list, grouped by state.
    Markdown,
    /// JSON: counts, states renamed, and a change per card.
    Json,
}

/// The order `list` prints cards in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Table order.
    Table,
    /// Best match first.
    Score,
}

/// Where `place` puts a row: one of four.
#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct PlaceArgs {
    /// Just before this card's row (a card of the same table)
    #[arg(long, value_name = "CARD")]
    pub before: Option<String>,
    /// Just after this card's row (a card of the same table)
    #[arg(long, value_name = "CARD")]
    pub after: Option<String>,
    /// The first row of the card's table
    #[arg(long)]
    pub top: bool,
    /// The last row of the card's table
    #[arg(long)]
    pub bottom: bool,
}

/// Writing a state the document does not know yet.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct NewState {
    /// Accept a state the states table does not list and no row of the card's table uses (a
    /// new state); without it such a state is refused, naming the closest known one
    #[arg(long)]
    pub new_state: bool,
}

/// Writing the markdown back after a change.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct WriteArgs {
    /// Also write the board back into FILE
    #[arg(long)]
    pub write: bool,
    /// With --write: write even with conflicts left, the board's side of each
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistyped_commands_are_near_their_command() {
        assert_eq!(closest_command("lsit").as_deref(), Some("list"));
        assert_eq!(closest_command("mvoe").as_deref(), Some("move"));
        assert_eq!(closest_command("exprot").as_deref(), Some("export"));
        assert_eq!(closest_command("bords").as_deref(), Some("boards"));
        assert_eq!(closest_command("frobnicate"), None);
        assert_eq!(closest_command("x"), None, "not closer than the whole word");
    }

    #[test]
    fn an_exit_status_is_found_under_context_and_says_nothing() {
        let e = anyhow::anyhow!("no such file").context(Exit::code(2));
        assert_eq!(exit_status(&e), 2);
        assert_eq!(error_text(&e), "no such file");
        let e = e.context("reading x.md");
        assert_eq!(exit_status(&e), 2);
        let e = anyhow::Error::new(Exit::code(1));
        assert_eq!((exit_status(&e), error_text(&e)), (1, String::new()));
        assert_eq!(exit_status(&anyhow::anyhow!("other")), 1);
    }

    #[test]
    fn a_closed_pipe_is_found_in_any_cause_and_through_json() {
        use std::io::{Error, ErrorKind};
        let pipe = || Error::from(ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::new(pipe())));
        assert!(is_broken_pipe(
            &anyhow::Error::new(pipe()).context("writing")
        ));
        // `serde_json::to_writer` wraps the writer's error in its own.
        let json = serde_json::to_writer(Closed, &[1, 2, 3]).unwrap_err();
        assert!(is_broken_pipe(&anyhow::Error::new(json).context("list")));
        let store = crate::store::StoreError::Io {
            path: PathBuf::from("x.md"),
            source: pipe(),
        };
        assert!(is_broken_pipe(&anyhow::Error::new(store)));
        assert!(!is_broken_pipe(&anyhow::Error::new(Error::from(
            ErrorKind::PermissionDenied
        ))));
        let syntax = serde_json::from_str::<u8>("x").unwrap_err();
        assert!(!is_broken_pipe(&anyhow::Error::new(syntax)));
        assert!(!is_broken_pipe(&anyhow::anyhow!("Broken pipe")));
    }

    /// A writer whose reader has left.
    struct Closed;

    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn causes_are_joined_without_repeating_themselves() {
        let io = std::io::Error::other("Is a directory");
        let e = anyhow::Error::new(crate::store::StoreError::Io {
            path: PathBuf::from("dir"),
            source: io,
        });
        assert_eq!(error_text(&e), "dir: Is a directory");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_text(&e), "outer: inner");
    }
}
