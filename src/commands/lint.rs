//! `mdboard lint`: the document on disk checked, findings printed, the exit status saying
//! whether it passes. Reads the file and its settings only; `--fix` writes the file back.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::cli::{Exit, LintArgs, LintFormat};
use crate::config;
use crate::lint::{self, Finding, Input, Level, Places, report};
use crate::markdown::{self, Document};
use crate::store;

/// What the bundled list is called in findings: it is no file.
const BUNDLED_NAME: &str = "(bundled projects.md)";

/// Lints the document `source` (the bundled list when `None`), printing findings to `out` and
/// notices to `err`. Fails with [`Exit`] 1 when a finding fails it, 2 when the document cannot
/// be read or fixed.
pub fn run(
    source: Option<&Path>,
    args: &LintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let (findings, names) = findings(source, *args, err).map_err(|e| e.context(Exit::code(2)))?;
    let name = match args.format {
        LintFormat::Github => &names.from_root,
        LintFormat::Text | LintFormat::Json => &names.given,
    };
    let printed = match args.format {
        LintFormat::Text => report::text(name, &findings),
        LintFormat::Json => report::json(name, &findings),
        LintFormat::Github => report::github(name, &findings),
    };
    out.write_all(printed.as_bytes())?;
    out.flush()?;
    if !findings.is_empty() {
        writeln!(err, "mdboard: {}", report::summary(&findings))?;
    }
    let fails = |f: &Finding| f.level == Level::Error || args.strict;
    if findings.iter().any(fails) {
        return Err(Exit::code(1).into());
    }
    Ok(())
}

/// How findings name the document: as given, and from the repository's root (what GitHub
/// needs to put an annotation on its line).
struct Names {
    given: String,
    from_root: String,
}

/// The document read, fixed when asked, and checked.
fn findings(
    source: Option<&Path>,
    args: LintArgs,
    err: &mut dyn Write,
) -> Result<(Vec<Finding>, Names)> {
    let Some(path) = source else {
        if args.fix {
            bail!("--fix needs a FILE to write: the bundled list is not one");
        }
        let names = Names {
            given: BUNDLED_NAME.to_owned(),
            from_root: BUNDLED_NAME.to_owned(),
        };
        let settings = config::bundled();
        let doc = parse(store::BUNDLED.as_bytes(), BUNDLED_NAME)?;
        return Ok((lint(&doc, &settings, None, BUNDLED_NAME)?, names));
    };
    let shown = path.display().to_string();
    // Fixing writes the file: from reading it to renaming the fixed one over it, no other
    // writer may come between.
    let _lock = if args.fix {
        Some(store::write_lock(path)?)
    } else {
        None
    };
    let bytes = std::fs::read(path).with_context(|| shown.clone())?;
    let settings = super::settings(path, err)?;
    let places = places(path);
    let names = Names {
        from_root: places
            .root
            .as_ref()
            .and_then(|root| store::absolute(path).strip_prefix(root).ok().map(slashed))
            .unwrap_or_else(|| shown.clone()),
        given: shown.clone(),
    };
    let doc = parse(&bytes, &shown)?;
    let findings = lint(&doc, &settings, Some(&places), &shown)?;
    if !args.fix {
        return Ok((findings, names));
    }
    let Some(text) = lint::fixed(&doc, &findings) else {
        return Ok((findings, names));
    };
    store::write_markdown(path, text.as_bytes())?;
    for f in findings.iter().filter(|f| f.fix.is_some()) {
        let to = f.fix.as_ref().map_or("", |x| x.raw.as_str());
        writeln!(
            err,
            "mdboard: fixed {shown}:{}:{}: {} (now {to:?}) [{}]",
            f.line, f.column, f.message, f.rule
        )?;
    }
    // What is left is what the file now holds.
    let doc = parse(text.as_bytes(), &shown)?;
    Ok((lint(&doc, &settings, Some(&places), &shown)?, names))
}

fn parse(bytes: &[u8], shown: &str) -> Result<Document> {
    markdown::parse_bytes(bytes).map_err(|e| anyhow!(e.in_file(shown)))
}

fn lint(
    doc: &Document,
    settings: &config::Section,
    places: Option<&Places>,
    shown: &str,
) -> Result<Vec<Finding>> {
    let layout = crate::board::layout::layout(doc, &settings.choice())
        .map_err(|e| anyhow!("{shown}: {e}"))?;
    let input = Input {
        doc,
        layout: &layout,
        rules: settings.rules.as_deref().unwrap_or_default(),
        places,
    };
    Ok(lint::check(&input, &|p: &Path| p.exists()))
}

/// The document's folder and its repository's root, the folder above it holding `.git`.
fn places(path: &Path) -> Places {
    let folder = store::absolute(path)
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_owned);
    let root = folder
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_owned);
    Places { folder, root }
}

/// A relative path with `/` between its parts, as GitHub writes it.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
