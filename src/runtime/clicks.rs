//! Telling a double click from two clicks, by the clock: the runtime's part of the mouse, so
//! that `update` never reads the time.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::MouseEvent;

use crate::action::{Action, Gesture, Mouse};

/// How soon a second press must follow the first to make a double click (a common default:
/// GTK's is 400 ms, Windows' 500 ms).
pub const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// The last press, remembered to tell a double click.
#[derive(Debug, Default)]
pub struct Clicks {
    last: Option<(Instant, u16, u16)>,
}

impl Clicks {
    /// The action of a terminal mouse event that happened at `now`: a press on the cell of the
    /// press before, within [`DOUBLE_CLICK`] and without a drag between, is a double click.
    pub fn action(&mut self, event: MouseEvent, now: Instant) -> Option<Action> {
        let mut m = Mouse::from_event(event)?;
        match m.gesture {
            Gesture::Press => {
                let double = self.last.is_some_and(|(then, x, y)| {
                    (x, y) == (m.x, m.y) && now.saturating_duration_since(then) <= DOUBLE_CLICK
                });
                if double {
                    m.gesture = Gesture::DoubleClick;
                    // A third press starts again.
                    self.last = None;
                } else {
                    self.last = Some((now, m.x, m.y));
                }
            }
            Gesture::Drag => self.last = None,
            _ => {}
        }
        Some(Action::Mouse(m))
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEventKind};

    use super::*;

    fn event(kind: MouseEventKind, x: u16, y: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// The gestures of presses at (x, y) after `ms` milliseconds each, a release after each.
    fn presses(clicks: &[(u64, u16, u16)]) -> Vec<Gesture> {
        let start = Instant::now();
        let mut c = Clicks::default();
        let mut out = Vec::new();
        for &(ms, x, y) in clicks {
            let now = start + Duration::from_millis(ms);
            let down = event(MouseEventKind::Down(MouseButton::Left), x, y);
            if let Some(Action::Mouse(m)) = c.action(down, now) {
                out.push(m.gesture);
            }
            c.action(event(MouseEventKind::Up(MouseButton::Left), x, y), now);
        }
        out
    }

    #[test]
    fn two_presses_on_one_cell_within_the_time_are_a_double_click() {
        use Gesture::{DoubleClick, Press};
        assert_eq!(presses(&[(0, 5, 5), (300, 5, 5)]), [Press, DoubleClick]);
        assert_eq!(presses(&[(0, 5, 5), (400, 5, 5)]), [Press, DoubleClick]);
        assert_eq!(
            presses(&[(0, 5, 5), (401, 5, 5)]),
            [Press, Press],
            "too slow"
        );
        assert_eq!(
            presses(&[(0, 5, 5), (100, 6, 5)]),
            [Press, Press],
            "another cell"
        );
        assert_eq!(
            presses(&[(0, 5, 5), (100, 5, 5), (200, 5, 5), (300, 5, 5)]),
            [Press, DoubleClick, Press, DoubleClick],
            "a third press starts again"
        );
    }

    #[test]
    fn a_drag_between_two_presses_makes_no_double_click() {
        let start = Instant::now();
        let mut c = Clicks::default();
        let down = event(MouseEventKind::Down(MouseButton::Left), 5, 5);
        c.action(down, start);
        c.action(event(MouseEventKind::Drag(MouseButton::Left), 9, 5), start);
        c.action(event(MouseEventKind::Drag(MouseButton::Left), 5, 5), start);
        let again = c.action(down, start + Duration::from_millis(100));
        assert!(matches!(
            again,
            Some(Action::Mouse(Mouse {
                gesture: Gesture::Press,
                ..
            }))
        ));
    }
}
