//! `merge`, the git merge driver, and `git-setup`, which makes git use it for a document. Neither
//! opens a board: the driver reads and writes only the files git names.

use std::fmt::Write as _;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::board::layout::Choice;
use crate::cli::Exit;
use crate::markdown::cell;
use crate::merge::{self, Conflict, Merge};
use crate::{config, git, store};

/// The status of a merge that failed, not one that conflicts: above 128, as git wants it.
const FAILED: u8 = 255;

/// The attribute value and the name of the driver in git's configuration.
const DRIVER: &str = "mdboard";
/// The driver's command line, with git's placeholders.
const DRIVER_COMMAND: &str = "mdboard merge %O %A %B --marker-size %L -p %P";
const DRIVER_NAME: &str = "mdboard: markdown project tables merged row by row";

/// The files git hands a merge driver.
#[derive(Debug, Clone, Copy)]
pub struct Driver<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    pub marker_size: usize,
    /// The document's path in the repository.
    pub path: Option<&'a Path>,
}

/// `merge`: merges the three versions into `ours`. Conflicts end it with status 1 and a list of
/// them; a merge that cannot be made, with a status above 128.
pub fn driver(d: Driver, err: &mut dyn Write) -> Result<()> {
    let name = d.path.unwrap_or(d.ours).display().to_string();
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| Exit {
            status: FAILED,
            message: format!("{name}: cannot read {}: {e}", p.display()),
        })
    };
    let (base, ours, theirs) = (read(d.base)?, read(d.ours)?, read(d.theirs)?);
    let (merged, conflicts) = match by_rows(&d, [&base, &ours, &theirs], err) {
        Ok(m) => {
            let listed = list(&m);
            (m.marked.into_bytes(), listed)
        }
        Err(why) => {
            writeln!(err, "mdboard: {name}: {why}; merged line by line instead")?;
            let lines = catch_unwind(|| merge::merge_lines(&base, &ours, &theirs, d.marker_size));
            let Ok((merged, conflicted)) = lines else {
                return Err(failed(&name, "the line merge failed"));
            };
            let listed = "conflicting lines left between conflict markers".to_owned();
            (merged, conflicted.then_some(listed))
        }
    };
    if merged != ours {
        store::write_markdown(d.ours, &merged)
            .map_err(|e| failed(&name, &format!("cannot write the merge: {e}")))?;
    }
    match conflicts {
        None => Ok(()),
        Some(list) => Err(Exit {
            status: 1,
            message: format!("{name}: {list}"),
        }
        .into()),
    }
}

fn failed(name: &str, why: &str) -> anyhow::Error {
    Exit {
        status: FAILED,
        message: format!("{name}: {why} (the file is left as it was)"),
    }
    .into()
}

/// The merge row by row, or why there is none.
fn by_rows(d: &Driver, versions: [&[u8]; 3], err: &mut dyn Write) -> Result<Merge, String> {
    let [base, ours, theirs] = versions.map(std::str::from_utf8);
    let (Ok(base), Ok(ours), Ok(theirs)) = (base, ours, theirs) else {
        return Err("a version is not UTF-8 text".to_owned());
    };
    // The settings are the document's, never the temporary files'.
    let choice = match d.path.map(config::load) {
        Some(Ok((section, _))) => section.choice(),
        Some(Err(e)) => {
            let _ = writeln!(err, "mdboard: {e}; the columns are detected instead");
            Choice::default()
        }
        None => Choice::default(),
    };
    let merged = catch_unwind(AssertUnwindSafe(|| {
        merge::merge_with(base, ours, theirs, &choice, d.marker_size)
    }));
    match merged {
        Ok(Ok(m)) => Ok(m),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the merge of rows failed".to_owned()),
    }
}

/// The conflicts of a merge in words, if it has any.
fn list(m: &Merge) -> Option<String> {
    if m.is_clean() {
        return None;
    }
    let mut out = String::new();
    let count = m.conflicts.len() + m.prose.len();
    let _ = write!(
        out,
        "{count} conflict{} left between conflict markers:",
        if count == 1 { "" } else { "s" }
    );
    for c in &m.conflicts {
        let _ = write!(out, "\n  {}", conflict(c));
    }
    for p in &m.prose {
        let first = p.ours.lines().next().or_else(|| p.theirs.lines().next());
        let _ = write!(
            out,
            "\n  text changed on both sides: {:?}",
            cell::printable(first.unwrap_or_default())
        );
    }
    Some(out)
}

fn conflict(c: &Conflict) -> String {
    let title = cell::printable(&c.title);
    let value = |v: &Option<String>| {
        v.as_deref().map_or_else(
            || "nothing".to_owned(),
            |v| format!("{:?}", cell::printable(v)),
        )
    };
    match (&c.field, &c.ours, &c.theirs) {
        (Some((_, field)), ..) => format!(
            "\"{title}\", {}: ours {}, theirs {}",
            cell::printable(field),
            value(&c.ours),
            value(&c.theirs)
        ),
        (None, None, _) => format!("\"{title}\": deleted in ours, changed in theirs"),
        (None, _, _) => format!("\"{title}\": changed in ours, deleted in theirs"),
    }
}

/// `git-setup`: the `.gitattributes` line and the driver in git's configuration for the
/// document `file`, each written unless it is in place.
pub fn git_setup(file: &Path, out: &mut dyn Write) -> Result<()> {
    if !file.is_file() {
        bail!(
            "{}: no such file (git-setup needs the markdown document to merge row by row)",
            file.display()
        );
    }
    let absolute = std::fs::canonicalize(file)
        .with_context(|| format!("{}: cannot find where it is", file.display()))?;
    let dir = absolute.parent().unwrap_or(Path::new("/"));
    let root = match git::root(dir) {
        Err(git::GitError::NotARepository { .. }) => bail!(
            "{} is not in a git repository: git-setup writes the repository's .gitattributes and \
             git config (run `git init` first, or name a file inside a repository)",
            file.display()
        ),
        other => other?,
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let relative = absolute.strip_prefix(&root).map_err(|_| {
        anyhow!(
            "{} is outside its repository {}",
            file.display(),
            root.display()
        )
    })?;
    let relative = PathBuf::from(relative.to_string_lossy().replace('\\', "/"));
    let mut wrote = attributes(&root, &relative, out)?;
    // A driver of another command, kept: git merges the file with that, not "all in place".
    let mut other = false;
    for (key, value) in [
        ("merge.mdboard.name", DRIVER_NAME),
        ("merge.mdboard.driver", DRIVER_COMMAND),
    ] {
        match git::config_get(&root, key)? {
            Some(v) if v == value => {}
            Some(v) if key.ends_with(".driver") => {
                other = true;
                writeln!(
                    out,
                    "kept git config {key} = {v} (git-setup would write `{value}`; unset it \
                     with `git config --unset {key}` and run git-setup again to have that)"
                )?;
            }
            Some(_) => {}
            None => {
                git::config_set(&root, key, value)?;
                writeln!(out, "wrote git config {key} = {value}")?;
                wrote = true;
            }
        }
    }
    if !wrote && !other {
        writeln!(
            out,
            "all in place: git merges {} with mdboard",
            relative.display()
        )?;
    }
    Ok(())
}

/// Makes `.gitattributes` at the root give `relative` the driver; whether it wrote a line.
fn attributes(root: &Path, relative: &Path, out: &mut dyn Write) -> Result<bool> {
    if git::attribute(root, "merge", relative)?.as_deref() == Some(DRIVER) {
        return Ok(false);
    }
    let line = format!("{} merge={DRIVER}", pattern(&relative.to_string_lossy()));
    let path = root.join(".gitattributes");
    let mut text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read it", path.display())),
    };
    let present = text.lines().any(|l| l.trim() == line);
    if !present {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        store::write_markdown(&path, text.as_bytes())?;
        writeln!(out, "wrote .gitattributes: {line}")?;
    }
    let now = git::attribute(root, "merge", relative)?;
    if now.as_deref() != Some(DRIVER) {
        bail!(
            ".gitattributes has `{line}`, but git reads merge={} for {}: a .gitattributes nearer \
             the file, or .git/info/attributes, says otherwise",
            now.as_deref().unwrap_or("unspecified"),
            relative.display()
        );
    }
    Ok(!present)
}

/// A `.gitattributes` pattern matching exactly the file at `relative` (from the root): glob
/// characters escaped, anchored at the root, quoted when it holds spaces.
fn pattern(relative: &str) -> String {
    let mut escaped = String::with_capacity(relative.len() + 2);
    if !relative.contains('/') {
        // A pattern without a slash would match the name in every folder.
        escaped.push('/');
    }
    for c in relative.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    if !escaped.contains([' ', '\t', '"']) {
        return escaped;
    }
    let mut quoted = String::from("\"");
    for c in escaped.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        if c == '\t' {
            quoted.push_str("\\t");
        } else {
            quoted.push(c);
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_the_one_file() {
        assert_eq!(pattern("docs/projects.md"), "docs/projects.md");
        assert_eq!(pattern("projects.md"), "/projects.md");
        assert_eq!(pattern("a [draft]*.md"), "\"/a \\\\[draft]\\\\*.md\"");
    }
}
