//! The terminal loop: draw, read an event, update, carry out the effect. With `store`, the only
//! place that touches the terminal and the disk. Effect errors become status messages; the
//! terminal is restored on every way out.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::{App, Disk, Effect, Level, Report};
use crate::store::{self, Notice, PendingSave, Store, StoreError, Stored};
use crate::timeline;
use crate::ui::{self, Theme};

mod clicks;
pub mod modes;
pub mod user;
pub mod watch;

use clicks::Clicks;
pub use modes::Modes;
use watch::{Seen, Watch};

/// While the file is watched, how long the loop waits for a key before it looks at what the
/// watcher saw: the board shows an outside change within this much of the debounce.
const TICK: Duration = Duration::from_millis(100);
/// How often a read-only board tries to take the board over.
const TAKE_OVER: Duration = Duration::from_secs(1);

/// The state of a board's source file on disk.
pub fn disk_state(stored: &Stored) -> Disk {
    match &stored.source {
        None => Disk::Bundled,
        Some(path) => match std::fs::read(path) {
            Ok(bytes) if stored.is_synced_text(&bytes) => Disk::Unchanged,
            Ok(_) => Disk::Changed,
            Err(_) => Disk::Missing,
        },
    }
}

/// Writes board files on a thread of its own, in the order they were made, so that the screen
/// never waits for the disk. Each file is the whole board, so when several wait only the newest
/// is written. What happened comes back as reports.
struct Saver {
    jobs: Option<mpsc::Sender<PendingSave>>,
    results: mpsc::Receiver<Report>,
    /// Files sent whose report has not come back.
    waiting: usize,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Saver {
    fn start(store: Store) -> Self {
        let (jobs, inbox) = mpsc::channel::<PendingSave>();
        let (outbox, results) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                let mut skipped = 0;
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                    skipped += 1;
                }
                let report = match store.write_pending(&job) {
                    Ok(()) => Report::Saved,
                    Err(e) => Report::SaveFailed(e.to_string()),
                };
                for _ in 0..skipped {
                    let _ = outbox.send(Report::Saved);
                }
                if outbox.send(report).is_err() {
                    return;
                }
            }
        });
        Self {
            jobs: Some(jobs),
            results,
            waiting: 0,
            thread: Some(thread),
        }
    }

    fn send(&mut self, job: PendingSave) {
        if self.jobs.as_ref().is_some_and(|j| j.send(job).is_ok()) {
            self.waiting += 1;
        }
    }

    fn busy(&self) -> bool {
        self.waiting > 0
    }

    /// The reports that came back, without waiting.
    fn poll(&mut self) -> Vec<Report> {
        let mut out = Vec::new();
        while let Ok(report) = self.results.try_recv() {
            self.waiting -= 1;
            out.push(report);
        }
        out
    }

    /// Waits until every file sent is written; their reports.
    fn flush(&mut self) -> Vec<Report> {
        let mut out = Vec::new();
        while self.waiting > 0 {
            if let Ok(report) = self.results.recv() {
                self.waiting -= 1;
                out.push(report);
            } else {
                self.waiting = 0;
                out.push(Report::SaveFailed("the saving thread stopped".to_owned()));
            }
        }
        out
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel ends the thread once it has written what it was given.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Works out the cards' history from git on a thread of its own, so that the first frame never
/// waits for git (a long history takes a second or two): what it finds comes back as a report.
/// `None` for the bundled list, which has no history.
fn start_history(app: &App) -> Option<mpsc::Receiver<Report>> {
    let source = app.stored.source.clone()?;
    let choice = app.stored.choice.clone();
    let cache = app.stored.timeline.clone();
    let board = app.stored.board.export();
    let ids: Vec<_> = app.stored.board.cards.iter().map(|c| c.id).collect();
    let (outbox, inbox) = mpsc::channel();
    std::thread::spawn(move || {
        let on_disk = std::fs::read(&source).ok();
        let found = timeline::read::for_board(
            &source,
            &choice,
            cache.as_ref(),
            on_disk.as_deref(),
            (&board, &ids),
            timeline::read::now(),
        );
        let report = match found {
            Ok(Some(found)) => Report::History(Box::new(found)),
            Ok(None) => return,
            Err(e) => Report::NoHistory(e.to_string()),
        };
        let _ = outbox.send(report);
    });
    Some(inbox)
}

/// A file's path as the status bar shows it: relative to the working directory when the file is
/// under it (`docs/roadmap.md`), else whole.
fn near_name(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let real = cwd.as_ref().and_then(|c| c.canonicalize().ok());
    [cwd, real]
        .into_iter()
        .flatten()
        .find_map(|dir| path.strip_prefix(dir).ok().map(Path::to_owned))
        .unwrap_or_else(|| path.to_owned())
        .display()
        .to_string()
}

/// How the messages class what opening the board found: only a file that cannot be read is an
/// error; the rest opened the board and say something worth knowing about it.
fn level_of(notice: &Notice) -> Level {
    match notice {
        Notice::Unreadable(_) => Level::Error,
        Notice::Followed(_, what) if what.conflicts == 0 => Level::Info,
        Notice::InUse(_)
        | Notice::SourceMissing(_)
        | Notice::Followed(..)
        | Notice::Settings(_) => Level::Warning,
    }
}

/// Runs the board until the user quits; `no_mouse` leaves the mouse to the terminal.
pub fn run(store: &Store, stored: Stored, notices: &[Notice], no_mouse: bool) -> Result<()> {
    let disk = disk_state(&stored);
    let read_only = stored.held_by().map(str::to_owned);
    let user = user::load(user::config_dir().as_deref(), Theme::no_color());
    let modes = Modes::new(no_mouse, &user.personal);
    let file_name = stored.source.as_deref().map(near_name);
    let mut app = App::new(stored, disk, user.keymap);
    app.read_only = read_only;
    app.file_name = file_name;
    app.pointer.enabled = modes.mouse;
    // Every notice goes into the session's messages (`M`); the last is on the status line.
    let notices = notices.iter().map(|n| (level_of(n), n.to_string()));
    for (level, text) in notices.chain(user.notices) {
        app.notify(level, text);
    }
    let theme = user.theme;
    let mut terminal = ratatui::init();
    modes.unset_on_panic();
    let _ = modes.set(&mut io::stdout());
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut saver = Saver::start(store.clone());
    let watch = app
        .stored
        .source
        .clone()
        .and_then(|source| Watch::start(&source, &store.board_path(Some(&source))));
    let mut outside = Outside {
        watch,
        tried: Instant::now(),
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        (store, &mut saver, &mut outside),
        &theme,
        modes,
    );
    let _ = modes.unset(&mut io::stdout());
    ratatui::restore();
    result
}

/// What happens outside the board: the watcher of its files, and when a read-only board last
/// tried to take the board over.
struct Outside {
    watch: Option<Watch>,
    tried: Instant,
}

impl Outside {
    /// Follows what the watcher saw; true when the board changed.
    fn look(&mut self, app: &mut App, store: &Store, saver: &mut Saver) -> bool {
        let mut changed = false;
        let seen = self.watch.as_ref().map(Watch::poll).unwrap_or_default();
        if app.read_only.is_some() {
            if seen.contains(&Seen::Board) {
                changed |= reload(app, store);
            }
            if self.tried.elapsed() >= TAKE_OVER {
                self.tried = Instant::now();
                changed |= take_over(app, store, saver);
            }
        }
        if seen.contains(&Seen::Source) {
            changed |= follow(app, store, saver);
        }
        changed
    }
}

/// Follows the board's file when it changed outside (see [`store::Stored::absorb`]); the
/// screen rebuilt and a message saying what happened. True when the board changed.
fn follow(app: &mut App, store: &Store, saver: &mut Saver) -> bool {
    let Some(path) = app.stored.source.clone() else {
        return false;
    };
    let before = app.disk;
    app.disk = disk_state(&app.stored);
    if app.disk != Disk::Changed {
        // The board's own write, or a file gone: nothing to follow.
        return app.disk != before;
    }
    if app.read_only.is_some() {
        // The board's holder follows and saves; this one shows it when it does.
        return true;
    }
    for result in saver.flush() {
        app.report(result);
    }
    let focused = app.focused_card_id();
    match store.follow_file(&mut app.stored, &path) {
        Ok(Some(what)) => app.followed(&what, focused),
        Ok(None) => {}
        Err(e) => app.notify(Level::Error, e.to_string()),
    }
    app.disk = disk_state(&app.stored);
    true
}

/// A read-only board shows the board as its holder just saved it.
fn reload(app: &mut App, store: &Store) -> bool {
    let Ok(Some(mut fresh)) = store.load(app.stored.source.as_deref()) else {
        return false;
    };
    fresh.keep_open_as(&app.stored);
    let focused = app.focused_card_id();
    app.stored = fresh;
    app.disk = disk_state(&app.stored);
    app.rebuild(focused);
    true
}

/// A read-only board takes the board over when its holder let it go.
fn take_over(app: &mut App, store: &Store, saver: &mut Saver) -> bool {
    let holder = app
        .stored
        .held_by()
        .unwrap_or("the other mdboard")
        .to_owned();
    let focused = app.focused_card_id();
    match store.take_over(&mut app.stored) {
        Ok(true) => {
            app.disk = disk_state(&app.stored);
            app.taken_over(&holder, focused);
            if app.disk == Disk::Changed {
                follow(app, store, saver);
            }
            true
        }
        Ok(false) => false,
        Err(e) => {
            app.notify(Level::Error, format!("cannot take the board over: {e}"));
            true
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    (store, saver, outside): (&Store, &mut Saver, &mut Outside),
    theme: &Theme,
    modes: Modes,
) -> Result<()> {
    let mut refused_once = false;
    let mut clicks = Clicks::default();
    let mut draw = true;
    let mut history = start_history(app);
    loop {
        for result in saver.poll() {
            app.report(result);
            draw = true;
        }
        let mut effect = None;
        if let Some(inbox) = &history {
            match inbox.try_recv() {
                Ok(report) => {
                    history = None;
                    effect = app.report(report);
                    draw = true;
                }
                Err(mpsc::TryRecvError::Disconnected) => history = None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        if effect.is_none() {
            if outside.look(app, store, saver) {
                draw = true;
                // The file changed outside, maybe by a commit pulled: its history again (from
                // the cache when the file has no new commit).
                if history.is_none() {
                    history = start_history(app);
                }
            }
            if draw {
                terminal.draw(|frame| ui::view(frame, app, theme))?;
                draw = false;
            }
            let watching = outside.watch.is_some() || app.read_only.is_some();
            if saver.busy() || history.is_some() {
                // A save is being written, or the history worked out: come back to show how
                // it went, keys or not.
                if !event::poll(Duration::from_millis(20))? {
                    if !saver.busy() {
                        app.warm_up();
                    }
                    continue;
                }
            } else if watching {
                // Keys, or in a while what the watcher saw: never a busy wait.
                if !event::poll(TICK)? {
                    app.warm_up();
                    continue;
                }
            } else if !event::poll(Duration::ZERO)? {
                app.warm_up();
            }
            draw = true;
            effect = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
                Event::Paste(text) => {
                    app.paste(&text);
                    None
                }
                Event::Resize(width, height) => {
                    app.resize(width, height);
                    None
                }
                Event::Mouse(mouse) if modes.mouse => clicks
                    .action(mouse, Instant::now())
                    .and_then(|action| app.update(action)),
                _ => None,
            };
        }
        while let Some(e) = effect.take() {
            if e == Effect::Quit {
                if app.read_only.is_some() || refused_once {
                    return Ok(());
                }
                app.stored.focus = app.saved_focus();
                for result in saver.flush() {
                    app.report(result);
                }
                if let Err(err) = store.save(&mut app.stored) {
                    // Quitting must not lose the board silently: say why and stay; asking
                    // again quits all the same.
                    refused_once = true;
                    app.notify(
                        Level::Error,
                        format!("not saved: {err}; quit again to leave anyway"),
                    );
                    break;
                }
                return Ok(());
            }
            let report = carry_out(e, app, (store, saver), terminal, modes);
            if report == Some(Report::Resumed) && history.is_none() {
                // Back from the shell, where a commit may have been made.
                history = start_history(app);
            }
            effect = report.and_then(|r| app.report(r));
        }
    }
}

fn carry_out(
    effect: Effect,
    app: &mut App,
    (store, saver): (&Store, &mut Saver),
    terminal: &mut DefaultTerminal,
    modes: Modes,
) -> Option<Report> {
    match effect {
        Effect::Save => {
            app.stored.focus = app.saved_focus();
            if Store::history_is_long(&app.stored) {
                // Rare (thousands of changes in one sitting): fold now, with nothing under way.
                let failed = saver.flush().into_iter().find(|r| *r != Report::Saved);
                return failed.or_else(|| {
                    Some(match store.fold(&mut app.stored) {
                        Ok(()) => Report::Saved,
                        Err(e) => Report::SaveFailed(e.to_string()),
                    })
                });
            }
            match store.prepare_save(&app.stored) {
                Ok(pending) => {
                    saver.send(pending);
                    None
                }
                Err(e) => Some(Report::SaveFailed(e.to_string())),
            }
        }
        Effect::Write { to, overwrite } => {
            // Writing back saves the board too: after what is under way, in order.
            for result in saver.flush() {
                app.report(result);
            }
            let report = write(app, store, to, overwrite);
            app.disk = disk_state(&app.stored);
            Some(report)
        }
        Effect::Suspend => {
            let _ = leave(terminal, modes);
            #[cfg(unix)]
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
            let _ = enter(terminal, modes);
            app.disk = disk_state(&app.stored);
            Some(Report::Resumed)
        }
        Effect::EditExternal { id, text } => Some(edit_external(terminal, modes, id, &text)),
        Effect::Quit => None,
    }
}

fn write(app: &mut App, store: &Store, to: Option<PathBuf>, overwrite: bool) -> Report {
    let source = app.stored.source.clone();
    let to = to.filter(|p| source.as_deref() != Some(store::absolute(p).as_path()));
    match to {
        None => {
            // Writing follows the file first when it changed outside: the screen is rebuilt
            // then, the focus kept on the card it was on.
            let focused = app.focused_card_id();
            match store.write_back(&mut app.stored, overwrite) {
                Ok(written) => {
                    if written.followed.is_some() {
                        app.rebuild(focused);
                    }
                    Report::Wrote(source.unwrap_or_default(), written.followed)
                }
                Err(StoreError::Conflicts { count, .. }) => {
                    app.rebuild(focused);
                    Report::Conflicts(count)
                }
                Err(e) => Report::WriteFailed(e.to_string()),
            }
        }
        Some(path) => {
            if path.exists() && !overwrite {
                return Report::WouldOverwrite {
                    why: format!("{} exists.", path.display()),
                    to: Some(path),
                };
            }
            let written = store::write_lock(&path).and_then(|_lock| {
                store::write_markdown(&path, app.stored.board.export().as_bytes())
            });
            match written {
                Ok(()) => Report::Wrote(path, None),
                Err(e) => Report::WriteFailed(e.to_string()),
            }
        }
    }
}

/// Leaves the board's screen for the shell or an editor.
fn leave(terminal: &mut DefaultTerminal, modes: Modes) -> io::Result<()> {
    modes.unset(&mut io::stdout())?;
    execute!(io::stdout(), LeaveAlternateScreen)?;
    disable_raw_mode()?;
    terminal.show_cursor()?;
    io::stdout().flush()
}

/// Comes back to the board's screen.
fn enter(terminal: &mut DefaultTerminal, modes: Modes) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    modes.set(&mut io::stdout())?;
    terminal.clear()
}

/// Opens the card's text in $VISUAL / $EDITOR (else vi), as git does for a commit message.
fn edit_external(terminal: &mut DefaultTerminal, modes: Modes, id: u64, text: &str) -> Report {
    let file = match tempfile::Builder::new()
        .prefix("mdboard-card-")
        .suffix(".txt")
        .tempfile()
    {
        Ok(f) => f,
        Err(e) => return Report::EditorFailed(format!("cannot make a file to edit: {e}")),
    };
    if let Err(e) = std::fs::write(file.path(), text) {
        return Report::EditorFailed(format!("cannot write {}: {e}", file.path().display()));
    }
    let editor = editor_command();
    let _ = leave(terminal, modes);
    let status = run_editor(&editor, file.path());
    let _ = enter(terminal, modes);
    match status {
        Ok(s) if s.success() => match std::fs::read_to_string(file.path()) {
            Ok(text) => Report::Edited { id, text },
            Err(e) => Report::EditorFailed(format!("cannot read the edited card back: {e}")),
        },
        Ok(s) => Report::EditorFailed(format!("{editor} exited with {s}; the card is unchanged")),
        Err(e) => Report::EditorFailed(format!("cannot run {editor}: {e}")),
    }
}

fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

fn run_editor(editor: &str, path: &Path) -> io::Result<std::process::ExitStatus> {
    // Through the shell, as git does, so that EDITOR="code --wait" works.
    Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::Changes;
    use crate::store::Absorbed;

    #[test]
    fn what_opening_found_is_an_error_only_when_the_file_cannot_be_read() {
        let followed = |conflicts| {
            Notice::Followed(
                PathBuf::from("projects.md"),
                Absorbed {
                    changes: Changes {
                        edited: 1,
                        ..Changes::default()
                    },
                    kept: 1,
                    undoable: true,
                    conflicts,
                    conflicted: conflicts,
                },
            )
        };
        let cases = [
            (
                Notice::InUse("mdboard, process 4242".to_owned()),
                Level::Warning,
            ),
            (
                Notice::SourceMissing(PathBuf::from("gone.md")),
                Level::Warning,
            ),
            (followed(0), Level::Info),
            (followed(1), Level::Warning),
            (
                Notice::Settings("unknown key `x`".to_owned()),
                Level::Warning,
            ),
            (
                Notice::Unreadable("line 3: bad table".to_owned()),
                Level::Error,
            ),
        ];
        for (notice, level) in cases {
            assert_eq!(level_of(&notice), level, "{notice}");
        }
    }
}
