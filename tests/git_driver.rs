//! The merge driver in real git repositories: `mdboard git-setup` in a fresh repository, two
//! branches changing the Akash page, `git merge`. Git's configuration is the repository's alone
//! (no global or system file), and the driver is found on the PATH as `mdboard`.

#![allow(clippy::unwrap_used)]

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = include_str!("../assets/projects.md");
const DOC: &str = "docs/projects.md";

/// A repository in a folder of its own, with its own data directory for mdboard.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(repo.work()).unwrap();
        repo.git(["init", "-q", "-b", "main"]);
        repo.git(["config", "user.name", "Test"]);
        repo.git(["config", "user.email", "test@example.com"]);
        repo.git(["config", "commit.gpgsign", "false"]);
        repo
    }

    /// The working tree.
    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// mdboard's data directory, which the driver must leave alone.
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The environment of every command: no user or system git configuration, `mdboard` on
    /// the PATH, a home and a data directory of the test's own.
    fn env(&self, cmd: &mut Command) {
        let bin = Path::new(env!("CARGO_BIN_EXE_mdboard")).parent().unwrap();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin.to_owned()];
        paths.extend(std::env::split_paths(&path));
        cmd.current_dir(self.work())
            .env("PATH", std::env::join_paths(paths).unwrap())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.data())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
    }

    fn run_git<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> Output {
        let mut cmd = Command::new("git");
        self.env(&mut cmd);
        cmd.args(args).output().unwrap()
    }

    /// git, which must succeed; its stdout.
    fn git<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> String {
        let out = self.run_git(args);
        assert!(out.status.success(), "git failed: {}", text(&out.stderr));
        text(&out.stdout)
    }

    fn mdboard<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&self, args: I) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mdboard"));
        self.env(&mut cmd);
        cmd.args(args).output().unwrap()
    }

    fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let path = self.work().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }

    fn read(&self, path: &str) -> String {
        fs::read_to_string(self.work().join(path)).unwrap()
    }

    fn commit(&self, message: &str) {
        self.git(["add", "-A"]);
        self.git(["commit", "-q", "-m", message]);
    }

    /// The document on main at `base`, the driver set up; `ours` committed on main and
    /// `theirs` on a branch; then `git merge theirs`.
    fn merge(base: &[u8], ours: &[u8], theirs: &[u8]) -> (Self, Output) {
        let repo = Self::new();
        repo.write(DOC, base);
        let setup = repo.mdboard(["git-setup", "-f", DOC]);
        assert!(setup.status.success(), "{}", text(&setup.stderr));
        repo.commit("base");
        repo.git(["checkout", "-q", "-b", "theirs"]);
        repo.write(DOC, theirs);
        repo.commit("theirs");
        repo.git(["checkout", "-q", "main"]);
        repo.write(DOC, ours);
        repo.commit("ours");
        let out = repo.run_git(["merge", "--no-edit", "theirs"]);
        (repo, out)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `text` with cell `col` (1 is the first) of the row whose line holds `title` set to `value`.
fn set(text: &str, title: &str, col: usize, value: &str) -> String {
    let mut found = false;
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| {
            if found || !line.starts_with('|') || !line.contains(title) {
                return line.to_owned();
            }
            found = true;
            let mut cells: Vec<String> = line.split('|').map(str::to_owned).collect();
            cells[col] = format!(" {value} ");
            cells.join("|")
        })
        .collect();
    assert!(found, "no row {title}");
    lines.concat()
}

fn assert_clean(repo: &Repo, out: &Output) {
    assert!(
        out.status.success(),
        "git merge failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let merged = repo.read(DOC);
    assert!(!merged.contains("<<<<<<<"), "{merged}");
    assert!(
        !repo.data().exists(),
        "the driver made a data directory: {}",
        repo.data().display()
    );
}

#[test]
fn two_branches_moving_different_cards_of_the_akash_page_merge() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let theirs = set(SEED, "| Omnibus Maintenance |", 5, "spec-definition");
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert_clean(&repo, &out);
    let both = set(&ours, "| Omnibus Maintenance |", 5, "spec-definition");
    assert_eq!(repo.read(DOC), both);
}

#[test]
fn neighbouring_rows_merge() {
    // Client Libraries and GPU Support are neighbours: git alone would conflict.
    let ours = set(SEED, "[Client Libraries]", 5, "design");
    let theirs = set(SEED, "| GPU Support |", 5, "implementation");
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert_clean(&repo, &out);
    assert_eq!(
        repo.read(DOC),
        set(&ours, "| GPU Support |", 5, "implementation")
    );
}

#[test]
fn two_cells_of_one_row_merge() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let theirs = set(SEED, "| GPU Support |", 2, "gpu-support");
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert_clean(&repo, &out);
    assert_eq!(
        repo.read(DOC),
        set(&ours, "| GPU Support |", 2, "gpu-support")
    );
}

#[test]
fn a_row_added_on_one_side_and_another_edited_on_the_other_merge() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let added = "| Storage Quotas | storage-quotas | Limits per tenant | | ideation |\n";
    let anchor = "| Provider Attributes |";
    let at = SEED.find(anchor).unwrap();
    let theirs = format!("{}{added}{}", &SEED[..at], &SEED[at..]);
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert_clean(&repo, &out);
    let at = ours.find(anchor).unwrap();
    assert_eq!(
        repo.read(DOC),
        format!("{}{added}{}", &ours[..at], &ours[at..])
    );
}

#[test]
fn the_same_cell_changed_differently_conflicts_between_markers() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let theirs = set(SEED, "| GPU Support |", 5, "blocked");
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert!(!out.status.success());
    let said = text(&out.stdout) + &text(&out.stderr);
    assert!(said.contains("CONFLICT"), "{said}");
    assert!(
        said.contains("\"GPU Support\", State: ours \"implementation\", theirs \"blocked\""),
        "{said}"
    );
    let merged = repo.read(DOC);
    let ours_row = ours
        .lines()
        .find(|l| l.contains("| GPU Support |"))
        .unwrap();
    let theirs_row = theirs
        .lines()
        .find(|l| l.contains("| GPU Support |"))
        .unwrap();
    let block = format!("<<<<<<< ours\n{ours_row}\n=======\n{theirs_row}\n>>>>>>> theirs\n");
    assert!(merged.contains(&block), "{merged}");
    // Readable: the rest of the document as it was.
    assert_eq!(merged.replace(&block, &format!("{ours_row}\n")), ours);
    assert!(repo.git(["ls-files", "-u"]).contains(DOC));
    assert!(repo.git(["diff"]).contains("+<<<<<<< ours"));
}

#[test]
fn a_prose_conflict_is_a_conflict_of_lines() {
    let ours = SEED.replace("# Akash Network Projects", "# Akash Projects");
    let theirs = SEED.replace("# Akash Network Projects", "# Projects of Akash");
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert!(!out.status.success());
    let merged = repo.read(DOC);
    assert!(
        merged.contains(
            "<<<<<<< ours\n# Akash Projects\n=======\n# Projects of Akash\n>>>>>>> theirs\n"
        ),
        "{merged}"
    );
}

#[test]
fn an_unreadable_version_is_merged_line_by_line() {
    // Theirs is not UTF-8: the driver falls back to a line merge, which has no conflict here.
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let mut theirs = SEED.as_bytes().to_vec();
    let at = theirs.windows(5).position(|w| w == b"These").unwrap();
    theirs.splice(at..at + 5, b"Th\xe9se".iter().copied());
    let (repo, out) = Repo::merge(SEED.as_bytes(), ours.as_bytes(), &theirs);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("merged line by line instead"),
        "{}",
        text(&out.stderr)
    );
    let merged = fs::read(repo.work().join(DOC)).unwrap();
    let mut expected = ours.into_bytes();
    expected.splice(at..at + 5, b"Th\xe9se".iter().copied());
    assert_eq!(merged, expected);
}

/// The three versions in a folder, for running the driver by hand.
fn by_hand(base: &[u8], ours: &[u8], theirs: &[u8]) -> (tempfile::TempDir, [PathBuf; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let paths = ["base", "ours", "theirs"].map(|n| dir.path().join(format!(".merge_file_{n}")));
    for (p, content) in paths.iter().zip([base, ours, theirs]) {
        fs::write(p, content).unwrap();
    }
    (dir, paths)
}

fn driver(dir: &Path, paths: &[PathBuf; 3], extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .current_dir(dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .arg("merge")
        .args(paths)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_driver_exits_1_with_conflicts_and_uses_the_marker_size_asked() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let theirs = set(SEED, "| GPU Support |", 5, "blocked");
    let (dir, paths) = by_hand(SEED.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    let out = driver(dir.path(), &paths, &["--marker-size", "9", "-p", DOC]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with(&format!("mdboard: {DOC}: 1 conflict left")));
    let merged = fs::read_to_string(&paths[1]).unwrap();
    assert!(merged.contains("\n<<<<<<<<< ours\n"), "{merged}");
    assert!(!dir.path().join("data").exists());
}

#[test]
fn a_version_with_conflict_markers_in_its_table_is_merged_line_by_line() {
    let ours = set(SEED, "| GPU Support |", 5, "implementation");
    let row = ours
        .lines()
        .find(|l| l.contains("| GPU Support |"))
        .unwrap();
    let marked = ours.replace(row, &format!("<<<<<<< a\n{row}\n=======\n{row}\n>>>>>>> b"));
    let theirs = SEED.replace("# Akash Network Projects", "# Akash Projects");
    let (dir, paths) = by_hand(SEED.as_bytes(), marked.as_bytes(), theirs.as_bytes());
    let out = driver(dir.path(), &paths, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("cannot be read"),
        "{}",
        text(&out.stderr)
    );
    let merged = fs::read_to_string(&paths[1]).unwrap();
    assert_eq!(
        merged,
        marked.replace("# Akash Network Projects", "# Akash Projects")
    );
}

#[test]
fn a_merge_that_cannot_be_made_exits_above_128() {
    let (dir, paths) = by_hand(b"a\n", b"b\n", b"c\n");
    let missing = dir.path().join("gone/ours");
    let out = driver(
        dir.path(),
        &[paths[0].clone(), missing, paths[2].clone()],
        &[],
    );
    assert!(out.status.code().unwrap() > 128, "{out:?}");
    assert!(
        text(&out.stderr).contains("cannot read"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_driver_reads_the_documents_settings_by_its_path() {
    // "Lane" is no status name mdboard knows: only the settings make the table one of projects,
    // merged row by row; line by line, neighbouring rows conflict.
    let base = "| Name | Lane |\n| --- | --- |\n| A | todo |\n| B | todo |\n";
    let ours = "| Name | Lane |\n| --- | --- |\n| A | doing |\n| B | todo |\n";
    let theirs = "| Name | Lane |\n| --- | --- |\n| A | todo |\n| B | done |\n";
    let (repo, out) = Repo::merge(base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    assert!(!out.status.success(), "line by line, the rows conflict");
    drop(repo);

    let repo = Repo::new();
    repo.write(".mdboard.ron", "(state_column: \"Lane\")");
    repo.write(DOC, base);
    let setup = repo.mdboard(["git-setup", "-f", DOC]);
    assert!(setup.status.success(), "{}", text(&setup.stderr));
    repo.commit("base");
    repo.git(["checkout", "-q", "-b", "theirs"]);
    repo.write(DOC, theirs);
    repo.commit("theirs");
    repo.git(["checkout", "-q", "main"]);
    repo.write(DOC, ours);
    repo.commit("ours");
    let out = repo.run_git(["merge", "--no-edit", "theirs"]);
    assert_clean(&repo, &out);
    assert_eq!(
        repo.read(DOC),
        "| Name | Lane |\n| --- | --- |\n| A | doing |\n| B | done |\n"
    );
}

#[test]
fn git_setup_writes_once_and_says_what_it_wrote() {
    let repo = Repo::new();
    repo.write(DOC, SEED);
    let first = repo.mdboard(["git-setup", "-f", DOC]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let said = text(&first.stdout);
    assert!(
        said.contains("wrote .gitattributes: docs/projects.md merge=mdboard"),
        "{said}"
    );
    assert!(
        said.contains(
            "wrote git config merge.mdboard.driver = mdboard merge %O %A %B --marker-size %L -p %P"
        ),
        "{said}"
    );
    assert!(
        said.contains("wrote git config merge.mdboard.name = "),
        "{said}"
    );
    assert_eq!(
        repo.read(".gitattributes"),
        "docs/projects.md merge=mdboard\n"
    );

    // From a subfolder, by the positional FILE: nothing twice.
    let second = {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mdboard"));
        repo.env(&mut cmd);
        cmd.current_dir(repo.work().join("docs"))
            .args(["projects.md", "git-setup"])
            .output()
            .unwrap()
    };
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert_eq!(
        text(&second.stdout),
        "all in place: git merges docs/projects.md with mdboard\n"
    );
    assert_eq!(
        repo.read(".gitattributes"),
        "docs/projects.md merge=mdboard\n"
    );
    assert_eq!(
        repo.git(["config", "--get-all", "merge.mdboard.driver"]),
        "mdboard merge %O %A %B --marker-size %L -p %P\n"
    );
    assert_eq!(
        repo.git(["check-attr", "merge", "--", DOC]),
        "docs/projects.md: merge: mdboard\n"
    );
}

#[test]
fn git_setup_keeps_a_driver_of_another_command_and_does_not_call_it_in_place() {
    let repo = Repo::new();
    repo.write("projects.md", SEED);
    repo.git(["config", "merge.mdboard.driver", "my-merge %O %A %B"]);
    let out = repo.mdboard(["git-setup", "-f", "projects.md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("kept git config merge.mdboard.driver = my-merge %O %A %B"),
        "{said}"
    );
    // Run again: the line and the name are in place, the driver is still another's.
    let again = text(&repo.mdboard(["git-setup", "-f", "projects.md"]).stdout);
    assert!(
        again.starts_with("kept git config merge.mdboard.driver"),
        "{again}"
    );
    assert!(!again.contains("all in place"), "{again}");
}

#[test]
fn git_setup_adds_to_an_existing_gitattributes_and_anchors_a_file_at_the_root() {
    let repo = Repo::new();
    repo.write(".gitattributes", "*.png binary");
    repo.write("projects.md", SEED);
    let out = repo.mdboard(["git-setup", "-f", "projects.md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        repo.read(".gitattributes"),
        "*.png binary\n/projects.md merge=mdboard\n"
    );
}

#[test]
fn git_setup_outside_a_repository_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("projects.md"), SEED).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(["git-setup", "-f", "projects.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "mdboard: projects.md is not in a git repository: git-setup writes the repository's \
         .gitattributes and git config (run `git init` first, or name a file inside a \
         repository)\n"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_mdboard"))
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(["git-setup"])
        .output()
        .unwrap();
    assert!(text(&out.stderr).contains("mdboard git-setup -f FILE"));
}
