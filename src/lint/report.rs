//! Findings as text: one per line as compilers print them, as JSON, or as GitHub Actions
//! annotations (which a pull request shows on the lines they name).

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Finding, Level};

/// `file:line:col: level: message [rule]`, one a line.
pub fn text(file: &str, findings: &[Finding]) -> String {
    // Written piece by piece: a hundred thousand findings print in a few milliseconds.
    let mut out = String::with_capacity(findings.len() * (file.len() + 100));
    for f in findings {
        out.push_str(file);
        let _ = write!(out, ":{}:{}: ", f.line, f.column);
        out.push_str(f.level.as_str());
        out.push_str(": ");
        out.push_str(&one_line(&f.message));
        out.push_str(" [");
        out.push_str(&f.rule);
        out.push_str("]\n");
    }
    out
}

/// A finding as `--format json` prints it: the stable interface.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub level: &'static str,
    pub rule: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'a str>,
}

/// An array of findings, each with file, line, column, level, rule, message and, where there is
/// one, suggestion.
pub fn json(file: &str, findings: &[Finding]) -> String {
    let items: Vec<FindingJson<'_>> = findings
        .iter()
        .map(|f| FindingJson {
            file,
            line: f.line,
            column: f.column,
            level: f.level.as_str(),
            rule: &f.rule,
            message: &f.message,
            suggestion: f.suggestion.as_deref(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}

/// `::warning file=…,line=…,col=…,title=…::message`, one a line: GitHub Actions turns them into
/// annotations. `file` must be the path from the repository's root.
pub fn github(file: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            property(file),
            f.line,
            f.column,
            property(&format!("mdboard {}", f.rule)),
            data(&f.message)
        );
    }
    out
}

/// How many errors and warnings: `2 errors, 1 warning`.
pub fn summary(findings: &[Finding]) -> String {
    let count = |level: Level| findings.iter().filter(|f| f.level == level).count();
    let (errors, warnings) = (count(Level::Error), count(Level::Warning));
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "{errors} error{}, {warnings} warning{}",
        s(errors),
        s(warnings)
    )
}

/// A message on one line: a cell's text may hold line breaks.
fn one_line(message: &str) -> Cow<'_, str> {
    if !message.contains(['\n', '\r']) {
        return Cow::Borrowed(message);
    }
    Cow::Owned(message.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

/// A workflow command's message, escaped as the runner reads it.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: its message's escapes, and `:` and `,` too.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
