//! The one module that runs `git`: the user's own git, with their configuration, as a person
//! would run it. Results are plain data; an error carries the command and what git said.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A repository of its own, its configuration cut off from the user's.
    fn repo() -> tempfile::TempDir {
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
