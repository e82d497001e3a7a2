//! The one module that runs `git`: the user's own git, with their configuration, as a person
//! would run it. Results are plain data; an error carries the command and what git said.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use thiserror::Error;

/// Why git could not answer.
#[derive(Debug, Error)]
pub enum GitError {
    #[error("cannot run git ({source}); is git installed and on the PATH?")]
    Missing {
        #[source]
        source: std::io::Error,
    },
    #[error("not in a git repository: {}", .path.display())]
    NotARepository { path: PathBuf },
    #[error("`{command}` failed{}: {stderr}", status.map_or_else(String::new, |s| format!(" (exit status {s})")))]
    Failed {
        command: String,
        status: Option<i32>,
        stderr: String,
    },
}

/// The root of the working tree that holds `dir` (a folder).
pub fn root(dir: &Path) -> Result<PathBuf, GitError> {
    match run(dir, ["rev-parse", "--show-toplevel"]) {
        Ok(out) => Ok(PathBuf::from(stdout_line(&out))),
        Err(GitError::Failed { stderr, .. }) if stderr.contains("not a git repository") => {
            Err(GitError::NotARepository {
                path: dir.to_owned(),
            })
        }
        Err(e) => Err(e),
    }
}

/// The value of a setting as git reads it in `repo` (every scope), if it is set.
pub fn config_get(repo: &Path, key: &str) -> Result<Option<String>, GitError> {
    match run(repo, ["config", "--get", key]) {
        Ok(out) => Ok(Some(stdout_line(&out))),
        // Exit status 1: the key is not set.
        Err(GitError::Failed {
            status: Some(1), ..
        }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Sets a setting in the repository's own configuration (`.git/config`).
pub fn config_set(repo: &Path, key: &str, value: &str) -> Result<(), GitError> {
    run(repo, ["config", "--local", key, value]).map(|_| ())
}

/// The value git gives attribute `attr` for `path` (relative to `repo`'s root): `None` when
/// unspecified; `set` and `unset` for a bare or negated attribute.
pub fn attribute(repo: &Path, attr: &str, path: &Path) -> Result<Option<String>, GitError> {
    let out = run(
        repo,
        [
            OsStr::new("check-attr"),
            OsStr::new("-z"),
            OsStr::new(attr),
            OsStr::new("--"),
            path.as_os_str(),
        ],
    )?;
    // `-z`: path NUL attribute NUL value NUL.
    let text = String::from_utf8_lossy(&out.stdout);
    let value = text.split('\0').nth(2).unwrap_or("unspecified");
    Ok((value != "unspecified").then(|| value.to_owned()))
}

/// A commit that changed a file, as `git log` tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCommit {
    /// The commit's full hash.
    pub hash: String,
    /// The author's name.
    pub author: String,
    /// The committer's date (when the change landed), in seconds since the epoch.
    pub time: i64,
    /// The same date in RFC 3339, with the committer's offset.
    pub date: String,
    /// The object to read the file's text from: its blob as git named it, else
    /// `COMMIT:PATH`.
    pub object: String,
}

/// The commits that changed `file`, newest first, along the first parents of `HEAD` (the
/// line of history a branch has, one version after another) and across renames
/// (`--follow`). Empty when the file is outside a repository, untracked, or git is missing
/// (the history is then simply absent); `max` keeps the newest so many.
pub fn file_log(file: &Path, max: Option<usize>) -> Result<Vec<FileCommit>, GitError> {
    let (dir, name) = split(file);
    let mut args: Vec<&OsStr> = [
        "log",
        "--first-parent",
        "--follow",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x01%H%x00%an%x00%ct%x00%cI",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let limit = max.map(|n| format!("-n{n}"));
    if let Some(limit) = &limit {
        args.push(OsStr::new(limit));
    }
    args.push(OsStr::new("--"));
    args.push(name);
    match run(dir, &args) {
        Ok(out) => Ok(parse_log(&out.stdout)),
        Err(GitError::Failed { .. }) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Reads `git log -z --raw` output of the format of [`file_log`]: records start with `\x01`;
/// a record's fields, then its raw lines (`:mode mode old new STATUS`, then one path, two for
/// a rename or copy), are separated by NULs.
fn parse_log(out: &[u8]) -> Vec<FileCommit> {
    let text = String::from_utf8_lossy(out);
    let mut commits = Vec::new();
    // The path of the file in the commits older than the last one read, for a commit whose
    // blob git did not say.
    let mut path: Option<String> = None;
    for record in text.split('\u{1}').filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let (Some(hash), Some(author), Some(time), Some(date)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let mut blob = None;
        let mut deleted = false;
        let rest: Vec<&str> = fields.map(|f| f.trim_start_matches('\n')).collect();
        let mut k = 0;
        while k < rest.len() {
            let Some(status_line) = rest[k].strip_prefix(':') else {
                k += 1;
                continue;
            };
            let parts: Vec<&str> = status_line.split(' ').collect();
            let status = parts.last().copied().unwrap_or("");
            let paths = if status.starts_with('R') || status.starts_with('C') {
                2
            } else {
                1
            };
            // Older commits have the file where this one found it: a rename's first path.
            if let Some(&from) = rest.get(k + 1) {
                path = Some(from.to_owned());
            }
            if parts.len() >= 4 && blob.is_none() {
                deleted = status.starts_with('D');
                blob = Some(parts[3].to_owned());
            }
            k += 1 + paths;
        }
        if deleted {
            // A version without the file: the history goes on from the one before.
            continue;
        }
        let object = match (blob, &path) {
            (Some(blob), _) => blob,
            (None, Some(path)) => format!("{hash}:{path}"),
            (None, None) => continue,
        };
        commits.push(FileCommit {
            hash: hash.to_owned(),
            author: author.to_owned(),
            time: time.trim().parse().unwrap_or(0),
            date: date.trim().to_owned(),
            object,
        });
    }
    commits
}

/// Reads git objects (blobs, or `REV:PATH`) in `file`'s repository through one
/// `git cat-file --batch`, handing each to `each` in the order asked, with its index: `None`
/// for one git does not have (beyond a shallow clone's edge). Each is read while git reads the
/// next.
pub fn read_objects(
    file: &Path,
    objects: &[String],
    mut each: impl FnMut(usize, Option<&[u8]>),
) -> Result<(), GitError> {
    let (dir, _) = split(file);
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| GitError::Missing { source })?;
    let failed = |why: String| GitError::Failed {
        command: "git cat-file --batch".to_owned(),
        status: None,
        stderr: why,
    };
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(failed("no pipes to git".to_owned()));
    };
    // Asked on a thread of its own: git answers while it is asked, and a pipe holds little.
    let names = objects.to_vec();
    let asker = std::thread::spawn(move || {
        let mut asked = std::io::BufWriter::new(&mut stdin);
        for name in &names {
            if writeln!(asked, "{name}").is_err() {
                break;
            }
        }
        let _ = asked.flush();
    });
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut header = String::new();
    let mut body = Vec::new();
    let mut result = Ok(());
    for k in 0..objects.len() {
        header.clear();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                result = Err(failed(e.to_string()));
                break;
            }
        }
        // `<oid> <type> <size>`, or `<name> missing` (or `ambiguous`).
        let fields: Vec<&str> = header.trim_end().split(' ').collect();
        let size = match fields.as_slice() {
            [_, _, size] => size.parse::<usize>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            each(k, None);
            continue;
        };
        body.resize(size + 1, 0);
        if let Err(e) = reader.read_exact(&mut body) {
            result = Err(failed(e.to_string()));
            break;
        }
        each(k, Some(&body[..size]));
    }
    drop(reader);
    let _ = asker.join();
    let _ = child.wait();
    result
}

/// The text of `file` at revision `rev` (`git cat-file blob REV:./FILE`, the path as it is in
/// the working tree).
pub fn show(file: &Path, rev: &str) -> Result<Vec<u8>, GitError> {
    let (dir, name) = split(file);
    let object = format!("{rev}:./{}", name.to_string_lossy());
    let out = run(dir, ["cat-file", "blob", object.as_str()]);
    match out {
        Err(GitError::Failed { stderr, .. }) if stderr.contains("not a git repository") => {
            Err(GitError::NotARepository {
                path: dir.to_owned(),
            })
        }
        other => other.map(|o| o.stdout),
    }
}

/// Where `file` stood at revision `rev` when it was renamed since (`git mv`, committed or
/// staged): its path then, from the repository's root, found by following the file's history
/// back to REV (`git log --follow`). `None` when the file is not tracked or was not renamed.
pub fn path_at(file: &Path, rev: &str) -> Result<Option<String>, GitError> {
    let (dir, name) = split(file);
    let tracked = run(
        dir,
        [
            OsStr::new("ls-files"),
            OsStr::new("--full-name"),
            OsStr::new("--"),
            name,
        ],
    )?;
    let now = stdout_line(&tracked);
    if now.is_empty() {
        return Ok(None);
    }
    let root = root(dir)?;
    // A rename staged and not committed yet: HEAD has the file under its old name.
    let staged = run(
        &root,
        [
            "diff",
            "--cached",
            "-M",
            "--name-status",
            "-z",
            "HEAD",
            "--",
        ],
    )?;
    let mut path = now.clone();
    follow_renames(&staged.stdout, &mut path);
    let range = format!("{rev}..HEAD");
    let log = run(
        &root,
        [
            "log",
            "--follow",
            "-M",
            "--name-status",
            "-z",
            "--format=",
            range.as_str(),
            "--",
            path.as_str(),
        ],
    )?;
    follow_renames(&log.stdout, &mut path);
    Ok((path != now).then_some(path))
}

/// Walks `git … --name-status -z` output (newest first) back through the renames of `path`.
fn follow_renames(out: &[u8], path: &mut String) {
    let text = String::from_utf8_lossy(out);
    let mut fields = text
        .split('\0')
        .map(|f| f.trim_matches('\n'))
        .filter(|f| !f.is_empty());
    while let Some(status) = fields.next() {
        let letter = status.chars().next().unwrap_or(' ');
        let is_status = status.chars().skip(1).all(|c| c.is_ascii_digit());
        if !is_status || !letter.is_ascii_uppercase() {
            continue;
        }
        if matches!(letter, 'R' | 'C') {
            let (Some(from), Some(to)) = (fields.next(), fields.next()) else {
                break;
            };
            if letter == 'R' && to == path.as_str() {
                from.clone_into(path);
            }
        } else {
            fields.next();
        }
    }
}

/// The text at revision `rev` of the file at `path` from the root of `file`'s repository.
pub fn show_path(file: &Path, rev: &str, path: &str) -> Result<Vec<u8>, GitError> {
    let (dir, _) = split(file);
    let object = format!("{rev}:{path}");
    run(dir, ["cat-file", "blob", object.as_str()]).map(|o| o.stdout)
}

/// A file's folder (where git runs) and its name.
fn split(file: &Path) -> (&Path, &OsStr) {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    (dir, file.file_name().unwrap_or(file.as_os_str()))
}

/// Runs git in `dir` with `args`; its output when it succeeds.
fn run<I, S>(dir: &Path, args: I) -> Result<Output, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<S> = args.into_iter().collect();
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(&args)
        .output()
        .map_err(|source| GitError::Missing { source })?;
    if out.status.success() {
        return Ok(out);
    }
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    Err(GitError::Failed {
        command: format!("git {}", shown.join(" ")),
        status: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    })
}

/// The first line of what git printed.
fn stdout_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn renames_are_followed_back_newest_first() {
        // `log --follow --name-status -z`: the newest commit first.
        let out = b"M\0docs/road map.md\0R087\0docs/plans.md\0docs/road map.md\0\
                    R100\0\xc3\xa9t\xc3\xa9.md\0docs/plans.md\0A\0R1\0";
        let mut path = "docs/road map.md".to_owned();
        follow_renames(out, &mut path);
        assert_eq!(path, "été.md");
        // Renames of other files, and copies, leave it.
        let mut path = "a.md".to_owned();
        follow_renames(b"R100\0x.md\0y.md\0C100\0z.md\0a.md\0", &mut path);
        assert_eq!(path, "a.md");
    }

    /// A repository of its own, its configuration cut off from the user's.
    pub(crate) fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .unwrap()
            .success();
        assert!(ok);
        dir
    }

    #[test]
    fn the_root_of_a_folder_inside_and_outside_a_repository() {
        let repo = repo();
        let docs = repo.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        let root = root(&docs).unwrap();
        assert_eq!(
            root.canonicalize().unwrap(),
            repo.path().canonicalize().unwrap()
        );
        let outside = tempfile::tempdir().unwrap();
        let err = super::root(outside.path()).unwrap_err();
        assert!(matches!(err, GitError::NotARepository { .. }), "{err}");
    }

    #[test]
    fn settings_and_attributes_are_read_and_written() {
        let repo = repo();
        let r = repo.path();
        assert_eq!(config_get(r, "merge.x.driver").unwrap(), None);
        config_set(r, "merge.x.driver", "cat %A").unwrap();
        assert_eq!(
            config_get(r, "merge.x.driver").unwrap().as_deref(),
            Some("cat %A")
        );
        assert_eq!(attribute(r, "merge", Path::new("a b.md")).unwrap(), None);
        std::fs::write(r.join(".gitattributes"), "\"a b.md\" merge=x\n").unwrap();
        assert_eq!(
            attribute(r, "merge", Path::new("a b.md"))
                .unwrap()
                .as_deref(),
            Some("x")
        );
    }

    /// git in `dir`, its configuration cut off from the user's, as Ada on `date`; what it
    /// printed.
    pub(crate) fn git(dir: &Path, args: &[&str], date: &str) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn a_files_versions_across_a_rename_each_read_once() {
        let repo = repo();
        let r = repo.path();
        std::fs::write(r.join("a.md"), "one\n").unwrap();
        git(r, &["add", "a.md"], "2024-01-01T10:00:00+01:00");
        git(r, &["commit", "-qm", "one"], "2024-01-01T10:00:00+01:00");
        std::fs::create_dir(r.join("docs")).unwrap();
        git(r, &["mv", "a.md", "docs/b.md"], "2024-01-02T10:00:00Z");
        git(r, &["commit", "-qm", "moved"], "2024-01-02T10:00:00Z");
        std::fs::write(r.join("docs/b.md"), "two\n").unwrap();
        git(r, &["commit", "-qam", "two"], "2024-01-03T10:00:00Z");
        let file = r.join("docs/b.md");
        let log = file_log(&file, None).unwrap();
        assert_eq!(log.len(), 3, "{log:?}");
        assert_eq!(log[2].date, "2024-01-01T10:00:00+01:00");
        assert_eq!(log[2].time, 1_704_099_600);
        assert_eq!(log[0].author, "Ada");
        let newest = file_log(&file, Some(1)).unwrap();
        assert_eq!(newest, log[..1]);
        let mut names: Vec<String> = log.iter().map(|c| c.object.clone()).collect();
        names.push("no-such-object".to_owned());
        let mut read = Vec::new();
        read_objects(&file, &names, |k, bytes| {
            read.push((k, bytes.map(|b| String::from_utf8_lossy(b).into_owned())));
        })
        .unwrap();
        let texts: Vec<Option<&str>> = read.iter().map(|(_, t)| t.as_deref()).collect();
        assert_eq!(texts, [Some("two\n"), Some("one\n"), Some("one\n"), None]);
        assert_eq!(show(&file, "HEAD~1").unwrap(), b"one\n");
        assert!(show(&file, "HEAD~2").is_err(), "docs/b.md was a.md then");
        // Outside a repository, and a file git does not track: no history, no error.
        let outside = tempfile::tempdir().unwrap();
        assert_eq!(file_log(&outside.path().join("x.md"), None).unwrap(), []);
        std::fs::write(r.join("new.md"), "x").unwrap();
        assert_eq!(file_log(&r.join("new.md"), None).unwrap(), []);
    }

    #[test]
    fn the_log_read_with_renames_merges_and_deletions() {
        let h = |c: char| c.to_string().repeat(40);
        let out = format!(
            "\u{1}{}\0Ann\0100\02024-01-03T00:00:00Z\0\n:100644 100644 {} {} R090\0old.md\0new.md\0\
             \u{1}{}\0Bob\090\02024-01-02T00:00:00Z\0\
             \u{1}{}\0Cy\080\02024-01-01T00:00:00Z\0\n:100644 000000 {} {} D\0old.md\0",
            h('a'),
            h('1'),
            h('2'),
            h('b'),
            h('c'),
            h('3'),
            h('0'),
        );
        let log = parse_log(out.as_bytes());
        assert_eq!(log.len(), 2, "a version without the file is passed over");
        assert_eq!(log[0].object, h('2'));
        assert_eq!(log[0].time, 100);
        // A merge shown without its diff is read by its path then, before the rename.
        assert_eq!(log[1].object, format!("{}:old.md", h('b')));
    }

    #[test]
    fn a_failure_names_the_command_and_what_git_said() {
        let repo = repo();
        let err = config_set(repo.path(), "not-a-key", "x").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("`git config --local not-a-key x` failed"),
            "{text}"
        );
        assert!(text.contains("key"), "{text}");
    }
}
