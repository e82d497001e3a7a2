//! `mdboard changes`: what changed in the projects tables, card by card, as a markdown list for a
//! pull request's description or as JSON ([`crate::changes`]).
//!
//! With `--since REV` it compares the file at REV in git with the file in the working tree, and
//! reads nothing else: no board is made or locked, so a CI runner can run it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::board::Choice;
use crate::cli::{ChangesArgs, ChangesFormat};
use crate::{changes, config, git, markdown};

/// Prints what changed in `source` since `--since`'s revision.
pub fn run(
    source: Option<&Path>,
    args: &ChangesArgs,
    flags: &Choice,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Some(rev) = &args.since else {
        // The seam: without --since, `changes` says what the board's unwritten changes are,
        // `changes::between(the file, what the board would write)`. It opens the board, and
        // comes with the commands that do (built beside this one).
        bail!(
            "changes without --since (the board's unwritten changes) is not available yet; \
             give --since REV to compare the file with a git revision"
        );
    };
    let Some(path) = source else {
        bail!("--since needs a FILE in a git repository: the bundled list is none");
    };
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| shown.clone())?;
    let (settings, unknown) = config::load(path)?;
    for u in unknown {
        writeln!(err, "mdboard: {u}")?;
    }
    let choice = flags.clone().or(&settings.choice());
    let before = git::show(path, rev).map_err(|e| anyhow!("{shown} at {rev}: {e}"))?;
    let old = markdown::parse_bytes(&before).map_err(|e| anyhow!("{shown} at {rev}: {e}"))?;
    let new = markdown::parse_bytes(&bytes).map_err(|e| anyhow!("{shown}: {e}"))?;
    let summary = changes::between(&old, &new, &choice).map_err(|e| anyhow!("{shown}: {e}"))?;
    let printed = match args.format {
        ChangesFormat::Markdown => changes::markdown(&summary),
        ChangesFormat::Json => changes::json(&summary),
    };
    out.write_all(printed.as_bytes())?;
    Ok(())
}
