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
        eprintln!("mdboard crashed: {info}");
        eprintln!("Every change made before the crash is saved in the board file.");
        match written {
            Some(path) => eprintln!("A report was written to {}", path.display()),
            None => eprintln!("No report could be written.\n{report}"),
        }
    }));
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
