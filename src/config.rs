//! Settings a team shares: `.mdboard.ron`, beside a document or in a folder above it (up to the
//! folder holding `.git`). One file holds defaults and sections keyed by document file name:
//!
//! ```ron
//! (
//!     state_column: "Status",
//!     documents: {
//!         "projects.md": (title_column: "Project Name", fields: ["Label"]),
//!     },
//! )
//! ```
//!
//! Parsing is pure ([`Settings::parse`]); [`load`] finds the file for a document and reads it.
//! A key this mdboard does not know is a warning naming its line (a teammate's newer file still
//! opens); a file that cannot be read is an error with its line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::board::layout::Choice;
use crate::lint::Rule;

pub mod personal;

pub use personal::Personal;

/// The name of the settings file.
pub const FILE_NAME: &str = ".mdboard.ron";

/// What one document (or every document, as defaults) is read with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Section {
    /// The header of the status column.
    #[serde(default)]
    pub state_column: Option<String>,
    /// The header of the title column.
    #[serde(default)]
    pub title_column: Option<String>,
    /// The columns shown on a card's line of fields, in order.
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    /// The column shown as a card's description.
    #[serde(default)]
    pub description: Option<String>,
    /// What `mdboard lint` checks besides its own checks: a document's section replaces the
    /// defaults' list.
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
    /// Soft work-in-progress limits: the most cards a state should hold, by state name.
    #[serde(default)]
    pub limits: Option<BTreeMap<String, usize>>,
    /// The lanes the board opens with: a column's header, or `"table"` for a lane per table
    /// (or per section, in a table that has them).
    #[serde(default)]
    pub lanes: Option<String>,
    /// Stale thresholds: after how many days in a state (by state name) a card is marked.
    #[serde(default)]
    pub stale: Option<BTreeMap<String, u32>>,
}

impl Section {
    /// This section with what it leaves open taken from `defaults`.
    #[must_use]
    pub fn over(self, defaults: &Self) -> Self {
        Self {
            state_column: self.state_column.or_else(|| defaults.state_column.clone()),
            title_column: self.title_column.or_else(|| defaults.title_column.clone()),
            fields: self.fields.or_else(|| defaults.fields.clone()),
            description: self.description.or_else(|| defaults.description.clone()),
            rules: self.rules.or_else(|| defaults.rules.clone()),
            limits: self.limits.or_else(|| defaults.limits.clone()),
            lanes: self.lanes.or_else(|| defaults.lanes.clone()),
            stale: self.stale.or_else(|| defaults.stale.clone()),
        }
    }

    /// After how many days in state `raw` (a status cell; states compared as the board
    /// compares them) a card is stale, when the settings say.
    pub fn stale_after(&self, raw: &str) -> Option<u32> {
        by_state(self.stale.as_ref()?, &crate::board::layout::state_key(raw))
    }

    /// The soft limit of the state whose key (as columns compare states) is `key`, when the
    /// settings give it one.
    pub fn limit_of(&self, key: &str) -> Option<usize> {
        by_state(self.limits.as_ref()?, key)
    }

    /// The columns it names, for reading a document's layout.
    pub fn choice(&self) -> Choice {
        Choice {
            state_column: self.state_column.clone(),
            title_column: self.title_column.clone(),
            fields: self.fields.clone(),
            description: self.description.clone(),
        }
    }
}

/// The value a map by state name gives the state whose key is `key` (names compared as the
/// board compares states).
fn by_state<T: Copy>(map: &BTreeMap<String, T>, key: &str) -> Option<T> {
    map.iter()
        .find(|(state, _)| crate::board::layout::state_key(state) == key)
        .map(|(_, &value)| value)
}

/// A settings file: defaults, and sections by document file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub state_column: Option<String>,
    #[serde(default)]
    pub title_column: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
    #[serde(default)]
    pub limits: Option<BTreeMap<String, usize>>,
    #[serde(default)]
    pub lanes: Option<String>,
    #[serde(default)]
    pub stale: Option<BTreeMap<String, u32>>,
    /// Sections keyed by a document's file name.
    #[serde(default)]
    pub documents: BTreeMap<String, Section>,
}

/// A settings file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}:{line}:{column}: {message} (expected {expected})", .path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What such a file looks like, in a few words.
    pub expected: &'static str,
}

const EXAMPLE: &str =
    "settings like ( state_column: \"Status\", documents: { \"x.md\": ( ... ) } )";

/// A key of a settings file this mdboard does not know: it is ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub path: PathBuf,
    pub line: usize,
    pub key: String,
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: unknown setting `{}`, ignored (written for a newer mdboard?)",
            self.path.display(),
            self.line,
            self.key
        )
    }
}

impl Settings {
    /// Reads a settings file's text (`path` names it in errors and warnings): the settings and
    /// the keys it ignored.
    pub fn parse(text: &str, path: &Path) -> Result<(Self, Vec<Unknown>), ConfigError> {
        parse_ron(text, path, EXAMPLE)
    }

    /// What the document named `file_name` is read with: its section over the defaults.
    pub fn for_document(&self, file_name: &str) -> Section {
        let defaults = Section {
            state_column: self.state_column.clone(),
            title_column: self.title_column.clone(),
            fields: self.fields.clone(),
            description: self.description.clone(),
            rules: self.rules.clone(),
            limits: self.limits.clone(),
            lanes: self.lanes.clone(),
            stale: self.stale.clone(),
        };
        self.documents
            .get(file_name)
            .cloned()
            .unwrap_or_default()
            .over(&defaults)
    }
}

/// The settings of the bundled Akash Network list: the page's guidelines for updating its
/// table, as lint rules. A project "in some working state (ideation or beyond)" is one with a
/// state other than `abandoned` (cancelled, no one shepherds it): the states table lists
/// `abandoned` last, after `blocked`, but it is where work stopped, not beyond ideation.
pub const BUNDLED: &str = r#"(
    rules: [
        (
            name: "link-in-name",
            unless_state: ["none", "abandoned"],
            require: LinkInTitle,
            level: Error,
            message: "a project in a working state needs a link to its SIG or WG page (or a GitHub issue) from its Project Name",
        ),
        (
            name: "label",
            unless_state: ["none", "abandoned"],
            require: Link("Label"),
            level: Error,
            message: "a project in a working state needs a label, linked to the list of its GitHub issues",
        ),
        (
            name: "community-group",
            unless_state: ["none", "abandoned"],
            require: NonEmpty("Community Group"),
            level: Error,
            message: "a project in a working state needs a SIG or WG (Community Group)",
        ),
        (
            name: "name",
            when_state: ["none", "abandoned"],
            require: NonEmptyTitle,
            level: Error,
            message: "a project not in a working state needs a name",
        ),
        (
            name: "description",
            when_state: ["none", "abandoned"],
            require: NonEmpty("Description"),
            level: Error,
            message: "a project not in a working state needs a brief description",
        ),
    ],
)"#;

/// What the bundled list is read with ([`BUNDLED`]).
pub fn bundled() -> Section {
    Settings::parse(BUNDLED, Path::new("(bundled .mdboard.ron)"))
        .map(|(settings, _)| settings.for_document("projects.md"))
        .unwrap_or_default()
}

/// Reads the text of a RON file of settings (`path` names it in errors and warnings, `expected`
/// says what it should look like): the value and the keys it ignored.
pub fn parse_ron<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    expected: &'static str,
) -> Result<(T, Vec<Unknown>), ConfigError> {
    let error = |line: usize, column: usize, message: String| ConfigError {
        path: path.to_owned(),
        line,
        column,
        message,
        expected,
    };
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut de = ron::Deserializer::from_str_with_options(text, &options)
        .map_err(|e| error(e.span.start.line, e.span.start.col, e.code.to_string()))?;
    let mut ignored = Vec::new();
    let value: T = serde_ignored::deserialize(&mut de, |key| {
        ignored.push(key.to_string());
    })
    .map_err(|e| {
        let at = de.span_error(e);
        error(at.span.start.line, at.span.start.col, at.code.to_string())
    })?;
    de.end().map_err(|e| {
        let at = de.span_error(e);
        error(at.span.start.line, at.span.start.col, at.code.to_string())
    })?;
    let unknown = ignored
        .into_iter()
        // `a.?.b`: the `?` stands for an option's inside, which the file does not write.
        .map(|key| {
            key.split('.')
                .filter(|&k| k != "?")
                .collect::<Vec<_>>()
                .join(".")
        })
        .map(|key| Unknown {
            line: line_of(text, key.rsplit('.').next().unwrap_or(&key)),
            path: path.to_owned(),
            key,
        })
        .collect();
    Ok((value, unknown))
}

/// The 1-based line where `key:` first stands, as a word of its own (1 when it is not found).
fn line_of(text: &str, key: &str) -> usize {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.lines()
        .position(|l| {
            l.match_indices(key).any(|(at, _)| {
                !l[..at].ends_with(is_word) && l[at + key.len()..].trim_start().starts_with(':')
            })
        })
        .map_or(1, |i| i + 1)
}

/// Where the settings of a document are: `.mdboard.ron` beside it, else in the folders above,
/// up to the one holding `.git` (outside a repository, only beside it).
pub fn find(document: &Path) -> Option<PathBuf> {
    let dir = document.parent()?;
    let in_repo = dir.ancestors().any(|d| d.join(".git").exists());
    for d in dir.ancestors() {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if !in_repo || d.join(".git").exists() {
            break;
        }
    }
    None
}

/// The settings of a document (empty when it has none) and the keys they ignore.
pub fn load(document: &Path) -> Result<(Section, Vec<Unknown>), ConfigError> {
    let Some(path) = find(document) else {
        return Ok((Section::default(), Vec::new()));
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
        path: path.clone(),
        line: 1,
        column: 1,
        message: e.to_string(),
        expected: EXAMPLE,
    })?;
    let (settings, unknown) = Settings::parse(&text, &path)?;
    let name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((settings.for_document(&name), unknown))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> Result<(Settings, Vec<Unknown>), ConfigError> {
        Settings::parse(text, Path::new(".mdboard.ron"))
    }

    #[test]
    fn defaults_and_a_document_section() {
        let (s, unknown) = parse(
            "(\n  state_column: \"Status\",\n  fields: [\"Label\"],\n  documents: {\n    \
             \"projects.md\": (state_column: \"State\", title_column: \"Project Name\"),\n  },\n)",
        )
        .unwrap();
        assert!(unknown.is_empty());
        let p = s.for_document("projects.md");
        assert_eq!(p.state_column.as_deref(), Some("State"));
        assert_eq!(p.title_column.as_deref(), Some("Project Name"));
        assert_eq!(p.fields, Some(vec!["Label".to_owned()]));
        let other = s.for_document("other.md");
        assert_eq!(other.state_column.as_deref(), Some("Status"));
        assert_eq!(other.title_column, None);
    }

    /// The example of the README reads as it says.
    #[test]
    fn the_readme_example() {
        let readme = include_str!("../README.md");
        let section = readme.find(".mdboard.ron`\n").unwrap();
        let start = section + readme[section..].find("```ron\n").unwrap() + "```ron\n".len();
        let example = &readme[start..start + readme[start..].find("```").unwrap()];
        let (s, unknown) = parse(example).unwrap();
        assert!(unknown.is_empty());
        assert_eq!(
            s.for_document("roadmap.md").state_column.as_deref(),
            Some("Stage")
        );
        let p = s.for_document("proposals.md");
        assert_eq!(p.state_column.as_deref(), Some("Status"));
        assert_eq!(p.title_column.as_deref(), Some("Proposal"));
        assert_eq!(
            p.fields,
            Some(vec!["Author".to_owned(), "Champion".to_owned()])
        );
        assert_eq!(p.description.as_deref(), Some("Summary"));
    }

    #[test]
    fn an_unknown_key_is_a_warning_naming_its_line() {
        let (s, unknown) = parse("(\n  state_column: \"Status\",\n  wip_limits: {},\n)").unwrap();
        assert_eq!(s.state_column.as_deref(), Some("Status"));
        assert_eq!(unknown.len(), 1);
        assert_eq!(
            (unknown[0].line, unknown[0].key.as_str()),
            (3, "wip_limits")
        );
        assert!(
            unknown[0]
                .to_string()
                .starts_with(".mdboard.ron:3: unknown setting `wip_limits`")
        );
    }

    #[test]
    fn stale_thresholds_by_state_in_any_spelling() {
        let (s, unknown) = parse(
            "(\n  stale: {\"implementation\": 90},\n  documents: {\"x.md\": (stale: \
             {\"**Design**\": 30})},\n)",
        )
        .unwrap();
        assert!(unknown.is_empty());
        let d = s.for_document("other.md");
        assert_eq!(d.stale_after("Implementation"), Some(90));
        assert_eq!(d.stale_after("design"), None);
        let x = s.for_document("x.md");
        assert_eq!(x.stale_after("design"), Some(30));
        assert_eq!(
            x.stale_after("implementation"),
            None,
            "a section replaces the map"
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_names_line_and_column() {
        let err = parse("(\n  state_column: \"Status\"\n  title_column: 3,\n)").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.to_string().starts_with(".mdboard.ron:3:"), "{err}");
        let err = parse("(\n  fields: \"Label\",\n)").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn rules_with_their_levels_and_a_section_replacing_the_defaults() {
        let (s, unknown) = parse(
            "(\n  rules: [(require: NonEmpty(\"Label\"), when_state: [\"beta\"], level: \
             Warning)],\n  documents: {\"x.md\": (rules: [(require: LinkInTitle)])},\n)",
        )
        .unwrap();
        assert!(unknown.is_empty());
        let rules = s.for_document("other.md").rules.unwrap();
        assert_eq!(
            rules[0].require,
            crate::lint::Require::NonEmpty("Label".to_owned())
        );
        assert_eq!(rules[0].level, crate::lint::Level::Warning);
        assert_eq!(rules[0].name(), "non-empty-label");
        let rules = s.for_document("x.md").rules.unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(
            rules[0].level,
            crate::lint::Level::Error,
            "errors by default"
        );
        assert_eq!(rules[0].name(), "link-in-title");
    }

    #[test]
    fn a_misspelled_rule_key_is_a_warning_an_unknown_requirement_an_error() {
        let (_, unknown) =
            parse("(rules: [(require: LinkInTitle, whn_state: [\"beta\"])])").unwrap();
        assert_eq!(unknown.len(), 1);
        assert!(
            unknown[0].key.ends_with("whn_state"),
            "{:?}",
            unknown[0].key
        );
        let err = parse("(\n  rules: [(require: Linked(\"x\"))],\n)").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn the_bundled_rules_are_the_pages_guidelines() {
        let (s, unknown) = Settings::parse(BUNDLED, Path::new("b")).unwrap();
        assert!(unknown.is_empty());
        let rules = s.rules.unwrap();
        let names: Vec<String> = rules.iter().map(crate::lint::Rule::name).collect();
        assert_eq!(
            names,
            [
                "link-in-name",
                "label",
                "community-group",
                "name",
                "description"
            ]
        );
        assert!(rules.iter().all(|r| r.level == crate::lint::Level::Error));
        assert_eq!(bundled().rules.map(|r| r.len()), Some(5));
    }

    #[test]
    fn the_nearest_file_up_to_the_repository_wins() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        let docs = repo.join("docs");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(root.path().join(FILE_NAME), "(state_column: \"Outside\")").unwrap();
        let doc = docs.join("projects.md");
        assert_eq!(find(&doc), None, "not past the repository's root");
        std::fs::write(repo.join(FILE_NAME), "(state_column: \"Root\")").unwrap();
        assert_eq!(find(&doc), Some(repo.join(FILE_NAME)));
        std::fs::write(docs.join(FILE_NAME), "(state_column: \"Here\")").unwrap();
        assert_eq!(load(&doc).unwrap().0.state_column.as_deref(), Some("Here"));
        // Outside a repository, only beside the document.
        let loose = root.path().join("loose");
        std::fs::create_dir_all(&loose).unwrap();
        assert_eq!(find(&loose.join("x.md")), None);
    }
}
