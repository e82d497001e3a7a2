//! `mdboard lint` as CI runs it: formats, exit codes, `--fix`, links on disk, and a data
//! directory that stays empty.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use super::fixture;

/// A home of its own: a data directory nothing else uses, and a working directory.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    /// `mdboard lint ARGS...` run in `dir` (under the home): its exit code, stdout, stderr.
    fn lint_in(&self, dir: &str, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_mdboard"))
            .env("XDG_DATA_HOME", self.data())
            .env("HOME", self.path())
            .current_dir(self.path().join(dir))
            .arg("lint")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn lint(&self, args: &[&str]) -> (i32, String, String) {
        self.lint_in("", args)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    /// A repository: `repo/.git`, the rules fixture as `repo/docs/projects.md` with its
    /// settings beside it.
    fn repo_with_rules(&self) {
        fs::create_dir_all(self.path().join("repo/.git")).unwrap();
        self.write("repo/docs/projects.md", &fixture("rules.md"));
        self.write("repo/docs/.mdboard.ron", &fixture("rules.ron"));
    }
}

#[test]
fn text_json_and_github_annotations() {
    let home = Home::new();
    home.repo_with_rules();
    for format in ["text", "json", "github"] {
        let (code, out, err) =
            home.lint_in("repo/docs", &["-f", "projects.md", "--format", format]);
        assert_eq!(code, 1, "errors fail the lint: {err}");
        assert_eq!(err, "mdboard: 5 errors, 3 warnings\n");
        insta::assert_snapshot!(format!("lint_{format}"), out);
    }
    let (_, out, _) = home.lint_in("repo/docs", &["-f", "projects.md", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
}

#[test]
fn exit_codes() {
    let home = Home::new();
    home.write(
        "clean.md",
        "| Project | State |\n| --- | --- |\n| A | beta |\n",
    );
    assert_eq!(
        home.lint(&["-f", "clean.md"]),
        (0, String::new(), String::new())
    );
    assert_eq!(home.lint(&["-f", "clean.md", "--strict"]).0, 0);

    home.write("warned.md", &fixture("no-states-table.md"));
    let (code, out, err) = home.lint(&["-f", "warned.md"]);
    assert_eq!(code, 0, "warnings alone pass");
    assert_eq!(
        out,
        "warned.md:3:11: warning: state \"doing\" is written 2 ways: \"Doing\" (2 rows), \
         \"doing\" (1 row); write it \"Doing\" [state-spelling]\n"
    );
    assert_eq!(err, "mdboard: 0 errors, 1 warning\n");
    assert_eq!(home.lint(&["-f", "warned.md", "--strict"]).0, 1);
    // FILE before the command names the same file.
    let before = Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .env("XDG_DATA_HOME", home.data())
        .current_dir(home.path())
        .args(["warned.md", "lint", "--strict"])
        .output()
        .unwrap();
    assert_eq!(before.status.code(), Some(1));

    // The bundled list breaks its own first guideline nine times and its second eleven; a row
    // is read across two lines, and three rows of its states table lack a cell.
    let (code, out, _) = home.lint(&[]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 24);
    assert!(
        out.starts_with("(bundled projects.md):20:3: error: "),
        "{out}"
    );
}

#[test]
fn a_document_that_cannot_be_read_exits_with_2() {
    let home = Home::new();
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "missing",
            vec!["-f", "missing.md"],
            "mdboard: missing.md: No such file",
        ),
        (
            "not UTF-8",
            vec!["-f", "latin1.md"],
            "mdboard: latin1.md:3:6: not valid UTF-8",
        ),
        (
            "conflict",
            vec!["-f", "merge.md"],
            "mdboard: merge.md:3: git conflict markers",
        ),
        (
            "no table",
            vec!["-f", "prose.md"],
            "mdboard: prose.md: no projects table",
        ),
        ("settings", vec!["-f", "bad/projects.md"], "mdboard: "),
        (
            "a stray argument",
            vec!["-f", "prose.md", "x"],
            "error: unexpected argument",
        ),
        (
            "--fix without a file",
            vec!["--fix"],
            "mdboard: --fix needs a FILE",
        ),
    ];
    home.write("prose.md", "# No table here\n");
    fs::write(
        home.path().join("latin1.md"),
        b"| a | State |\n| - | - |\n| caf\xe9 | x |\n",
    )
    .unwrap();
    home.write(
        "merge.md",
        "| a | State |\n| - | - |\n<<<<<<< ours\n| b | x |\n=======\n| b | y |\n>>>>>>> theirs\n",
    );
    home.write("bad/projects.md", "| a | State |\n| - | - |\n| b | x |\n");
    home.write("bad/.mdboard.ron", "(rules: [(require: Linked(\"x\"))])");
    for (what, args, says) in cases {
        let (code, out, err) = home.lint(&args);
        assert_eq!(code, 2, "{what}: {err}");
        assert_eq!(out, "", "{what}");
        assert!(err.starts_with(says), "{what}: {err}");
    }
    let (_, _, err) = home.lint(&["-f", "bad/projects.md"]);
    assert!(
        err.contains(".mdboard.ron:1:"),
        "the settings file and where: {err}"
    );
    // FILE and -f naming different files.
    let out = Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .env("XDG_DATA_HOME", home.data())
        .current_dir(home.path())
        .args(["prose.md", "lint", "-f", "latin1.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FILE and -f name different files"));
}

#[test]
fn help_says_what_the_exit_status_means() {
    let home = Home::new();
    let (code, out, _) = home.lint(&["--help"]);
    assert_eq!(code, 0);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains(
            "Exit status: 0 without errors, 1 with errors (with --strict, with warnings too), 2 \
             when the document or its settings cannot be read"
        ),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn fix_writes_the_state_cells_alone_and_keeps_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let original = fixture("states.md");
    let path = home.write("states.md", &original);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let (code, out, err) = home.lint(&["-f", "states.md", "--fix"]);
    assert_eq!(code, 0, "{err}");
    let want = original
        .replace(
            "| Beta | bob | Implementation |",
            "| Beta | bob | implementation |",
        )
        .replace(
            "| Delta | dan | In  Review |",
            "| Delta | dan | in review |",
        );
    assert_eq!(fs::read(&path).unwrap(), want.as_bytes());
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let fixed: Vec<&str> = err.lines().filter(|l| l.contains(" fixed ")).collect();
    assert_eq!(fixed.len(), 2, "{err}");
    assert!(fixed[0].starts_with("mdboard: fixed states.md:6:16: state \"Implementation\""));
    assert!(fixed[0].ends_with("(now \"implementation\") [state-spelling]"));
    assert!(fixed[1].starts_with("mdboard: fixed states.md:8:17: state \"In  Review\""));
    // What is printed is what is left in the file.
    assert!(!out.contains("states.md:6:"), "{out}");
    assert!(
        out.contains("states.md:9:19: warning: state \"**in review**\""),
        "{out}"
    );
    assert_eq!(out.lines().count(), 7);
    // Nothing more is certain: a second run changes nothing.
    let (_, again, err) = home.lint(&["-f", "states.md", "--fix"]);
    assert_eq!(again, out);
    assert!(!err.contains(" fixed "), "{err}");
    assert_eq!(fs::read(&path).unwrap(), want.as_bytes());
}

#[test]
fn links_in_a_repository_and_outside_one() {
    let home = Home::new();
    fs::create_dir_all(home.path().join("repo/.git")).unwrap();
    fs::create_dir_all(home.path().join("repo/sig-a")).unwrap();
    for file in [
        "repo/ROOT.md",
        "repo/docs/guide.md",
        "repo/docs/here.md",
        "repo/docs/my notes.md",
    ] {
        home.write(file, "x\n");
    }
    home.write("repo/docs/projects.md", &fixture("links/projects.md"));
    let (code, out, _) = home.lint_in("repo", &["-f", "docs/projects.md"]);
    assert_eq!(code, 0, "broken links are warnings");
    let at: Vec<&str> = out
        .lines()
        .map(|l| l.split(": warning").next().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "docs/projects.md:3:46",
            "docs/projects.md:8:13",
            "docs/projects.md:8:38",
            "docs/projects.md:9:41",
            "docs/projects.md:11:39",
            "docs/projects.md:12:3",
            "docs/projects.md:13:12",
        ]
    );
    assert!(out.contains("link to \"/nowhere/README.md\": no such file or folder"));
    assert!(
        !out.contains("/ROOT.md"),
        "found from the repository's root: {out}"
    );
    // Annotations name the file from the repository's root, wherever lint runs.
    let (_, out, _) = home.lint_in("repo/docs", &["-f", "projects.md", "--format", "github"]);
    assert!(
        out.starts_with("::warning file=docs/projects.md,line=3,col=46,"),
        "{out}"
    );

    // Outside a repository, `/` links have no root to start from and are not checked.
    home.write("loose/docs/projects.md", &fixture("links/projects.md"));
    home.write("loose/docs/guide.md", "x\n");
    let (_, out, _) = home.lint_in("loose", &["-f", "docs/projects.md"]);
    assert!(!out.contains("/nowhere/README.md"), "{out}");
    assert!(
        out.contains("link to \"../../outside.md\": no such file or folder"),
        "{out}"
    );
}

#[test]
fn the_data_directory_stays_empty() {
    let home = Home::new();
    home.write("states.md", &fixture("states.md"));
    home.write("projects.md", &fixture("rules.md"));
    for args in [
        vec![],
        vec!["--format", "json"],
        vec!["-f", "states.md", "--fix"],
        vec!["-f", "projects.md", "--format", "github", "--strict"],
        vec!["-f", "missing.md"],
    ] {
        home.lint(&args);
    }
    assert!(!home.data().exists(), "lint made {}", home.data().display());
}
