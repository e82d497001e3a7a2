//! The terminal's modes beyond ratatui's raw mode and alternate screen: bracketed paste, and
//! mouse reporting unless the mouse is off. Set when the board opens and when it comes back
//! from the shell or an editor; unset when it leaves for them, when it quits, and on a panic.

use std::fmt;
use std::io::{self, Write};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{Command, queue};

use crate::config::Personal;

/// What the terminal is set up with while the board is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    /// Whether the terminal reports the mouse to the board (else it keeps it for selecting).
    pub mouse: bool,
}

impl Modes {
    /// The mouse is on unless the command line (`--no-mouse`) or `config.ron` (`mouse: false`)
    /// turns it off.
    pub fn new(no_mouse: bool, personal: &Personal) -> Self {
        Self {
            mouse: personal.mouse && !no_mouse,
        }
    }

    /// Sets the modes.
    pub fn set(self, out: &mut impl Write) -> io::Result<()> {
        queue!(out, EnableBracketedPaste)?;
        if self.mouse {
            queue!(out, MouseReporting(true))?;
        }
        out.flush()
    }

    /// Unsets the modes, so the shell or an editor gets the terminal as it was.
    pub fn unset(self, out: &mut impl Write) -> io::Result<()> {
        if self.mouse {
            queue!(out, MouseReporting(false))?;
        }
        queue!(out, DisableBracketedPaste)?;
        out.flush()
    }

    /// On a panic, unsets the modes before the hooks installed so far (ratatui's restores the
    /// rest of the terminal, then mdboard's reports the crash).
    pub fn unset_on_panic(self) {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = self.unset(&mut io::stdout());
            previous(info);
        }));
    }
}

/// Mouse reporting: presses, releases, motion while a button is down (dragging) and the wheel,
/// in SGR form (any column). Not crossterm's `EnableMouseCapture`, which also reports every
/// motion without a button (mode 1003): the board has nothing to do with those but redraw.
struct MouseReporting(bool);

impl Command for MouseReporting {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str(if self.0 {
            "\x1b[?1000h\x1b[?1002h\x1b[?1006h"
        } else {
            "\x1b[?1006l\x1b[?1002l\x1b[?1000l"
        })
    }

    #[cfg(windows)]
    fn execute_winapi(&self) -> io::Result<()> {
        use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
        if self.0 {
            EnableMouseCapture.execute_winapi()
        } else {
            DisableMouseCapture.execute_winapi()
        }
    }

    #[cfg(windows)]
    fn is_ansi_code_supported(&self) -> bool {
        ratatui::crossterm::event::EnableMouseCapture.is_ansi_code_supported()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// What setting and unsetting the modes write to the terminal.
    fn written(modes: Modes) -> (String, String) {
        let (mut set, mut unset) = (Vec::new(), Vec::new());
        modes.set(&mut set).unwrap();
        modes.unset(&mut unset).unwrap();
        (
            String::from_utf8(set).unwrap(),
            String::from_utf8(unset).unwrap(),
        )
    }

    #[test]
    fn the_mouse_is_on_by_default_and_off_by_flag_or_config() {
        let on = Personal::default();
        let off = Personal { mouse: false };
        assert!(Modes::new(false, &on).mouse);
        assert!(!Modes::new(true, &on).mouse, "--no-mouse");
        assert!(!Modes::new(false, &off).mouse, "mouse: false");
        assert!(!Modes::new(true, &off).mouse);
    }

    #[test]
    fn mouse_reporting_is_asked_for_only_when_the_mouse_is_on_and_undone_on_the_way_out() {
        let (set, unset) = written(Modes { mouse: true });
        assert_eq!(set, "\x1b[?2004h\x1b[?1000h\x1b[?1002h\x1b[?1006h");
        assert_eq!(unset, "\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?2004l");
        let (set, unset) = written(Modes::new(true, &Personal::default()));
        assert_eq!(set, "\x1b[?2004h", "only bracketed paste");
        assert_eq!(unset, "\x1b[?2004l");
    }
}
