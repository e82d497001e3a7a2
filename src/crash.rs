//! What happens on a panic: the terminal is restored first (ratatui's hook, installed on top of
//! this one when the board opens), then this hook says what happened and writes a report.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Installs the panic hook; reports go to `dir` (else the temporary directory).
pub fn install(dir: Option<PathBuf>) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let mut report = String::new();
        let _ = writeln!(report, "mdboard {} crashed", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(report, "{info}");
        let _ = writeln!(report, "\nargs: {:?}", std::env::args().collect::<Vec<_>>());
        let _ = writeln!(report, "\n{backtrace}");
        let written = write_report(dir.as_deref(), &report);
        eprint!("{}", message(&info, written.as_deref(), &report));
    }));
}

/// What the hook prints, after the terminal was restored: what happened and where the report is
/// (the report itself when it could not be written).
fn message(info: &dyn std::fmt::Display, written: Option<&Path>, report: &str) -> String {
    let mut out = format!(
        "mdboard crashed: {info}\nEvery change made before the crash is saved in the board file.\n"
    );
    match written {
        Some(path) => {
            let _ = writeln!(out, "A report was written to {}", path.display());
        }
        None => {
            let _ = writeln!(out, "No report could be written.\n{report}");
        }
    }
    out
}

fn write_report(dir: Option<&Path>, report: &str) -> Option<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("crash-{stamp}-{}.txt", std::process::id());
    let dirs = dir
        .map(Path::to_owned)
        .into_iter()
        .chain([std::env::temp_dir()]);
    for d in dirs {
        if std::fs::create_dir_all(&d).is_ok() && std::fs::write(d.join(&name), report).is_ok() {
            return Some(d.join(&name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_report_goes_into_the_data_directory() {
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("mdboard");
        let path = write_report(Some(&into), "the report").unwrap();
        assert_eq!(path.parent(), Some(into.as_path()), "created when missing");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let pid = format!("-{}.txt", std::process::id());
        assert!(name.starts_with("crash-") && name.ends_with(&pid), "{name}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the report");
    }

    #[test]
    fn an_unusable_directory_falls_back_to_the_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        let path = write_report(Some(&file.join("mdboard")), "fallback").unwrap();
        assert!(path.starts_with(std::env::temp_dir()), "{}", path.display());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fallback");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn the_message_says_what_happened_and_where_the_report_is() {
        let info = "panicked at src/app.rs:1:2:\nboom";
        let m = message(&info, Some(Path::new("/data/crash-1-2.txt")), "REPORT");
        assert_eq!(
            m,
            "mdboard crashed: panicked at src/app.rs:1:2:\nboom\n\
             Every change made before the crash is saved in the board file.\n\
             A report was written to /data/crash-1-2.txt\n"
        );
        let m = message(&info, None, "REPORT");
        assert!(m.starts_with("mdboard crashed: panicked at src/app.rs:1:2:"));
        assert!(m.ends_with("No report could be written.\nREPORT\n"), "{m}");
    }
}
