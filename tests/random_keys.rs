//! Thousands of random keys, pastes and resizes through the app's update and view: nothing
//! panics, every mode is reached, no card is lost or duplicated, and the export reads back as
//! the board. No real editor is run: the effects are answered with made-up reports, as the
//! runtime would answer them.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use mdboard::app::{App, Disk, Effect, Report};
use mdboard::board::{Board, CardId, Change};
use mdboard::keymap::{Key, Keymap, Scope};
use mdboard::markdown;
use mdboard::store::{self, Stored};
use mdboard::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// xorshift64*: a fixed seed gives the same run everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SCOPES: [Scope; Scope::ALL.len()] = Scope::ALL;

/// Every key bound in these scopes, as a terminal would send it.
fn bound_keys(keymap: &Keymap, scopes: &[Scope]) -> Vec<KeyEvent> {
    let mut keys: Vec<Key> = Vec::new();
    for &scope in scopes {
        for (bound, _) in keymap.entries(scope) {
            for k in bound {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    keys.into_iter()
        .map(|k| {
            let mut mods = k.mods;
            if let KeyCode::Char(c) = k.code
                && c.is_ascii_uppercase()
            {
                mods |= KeyModifiers::SHIFT;
            }
            KeyEvent::new(k.code, mods)
        })
        .collect()
}

const TEXT: &[&str] = &[
    "a",
    "Z",
    " ",
    "|",
    "\\",
    "\\|",
    "<br>",
    "[link](target)",
    "漢字",
    "🎉",
    "e\u{301}",
    "\u{1b}[2J",
    "\u{7}",
    "\u{202e}",
    "\t",
    "\n",
    "\r\n",
    "  padded  ",
    "design",
    "implementation",
    "brand-new-state",
    "",
];

fn random_char(rng: &mut Rng) -> char {
    let pool: Vec<char> = "abcxyzQ019 |\\<>[]()-_.:漢🎉é\u{1b}\u{7}\u{9b}\u{202e}"
        .chars()
        .collect();
    *rng.pick(&pool)
}

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(5)).map(|_| *rng.pick(TEXT)).collect()
}

fn random_event(rng: &mut Rng, bound: &[KeyEvent], here: &[KeyEvent]) -> KeyEvent {
    let special = [
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::F(1),
    ];
    match rng.below(10) {
        0..=3 => *rng.pick(here),
        4 | 5 => *rng.pick(bound),
        6 | 7 => KeyEvent::new(KeyCode::Char(random_char(rng)), KeyModifiers::NONE),
        8 => KeyEvent::new(*rng.pick(&special), KeyModifiers::NONE),
        _ => {
            let mods = *rng.pick(&[
                KeyModifiers::CONTROL,
                KeyModifiers::ALT,
                KeyModifiers::SHIFT,
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            ]);
            let code = if rng.chance(50) {
                KeyCode::Char(random_char(rng))
            } else {
                *rng.pick(&special)
            };
            KeyEvent::new(code, mods)
        }
    }
}

/// The report the runtime might give for an effect; `None` when it gives none.
fn answer(rng: &mut Rng, effect: Effect) -> Option<Report> {
    match effect {
        Effect::Save => Some(if rng.chance(90) {
            Report::Saved
        } else {
            Report::SaveFailed("disk full".to_owned())
        }),
        Effect::Write { to, overwrite } => Some(match rng.below(3) {
            0 if !overwrite => Report::WouldOverwrite {
                to,
                why: "the file changed on disk.".to_owned(),
            },
            1 => Report::WriteFailed("permission denied".to_owned()),
            _ => Report::Wrote(to.unwrap_or_else(|| PathBuf::from("projects.md")), None),
        }),
        Effect::EditExternal { id, text } => Some(match rng.below(5) {
            0 => Report::EditorFailed("vi exited with 1".to_owned()),
            1 => Report::Edited {
                id,
                text: format!("{text}this line is not a field\n"),
            },
            2 => Report::Edited { id, text },
            _ => {
                // Change some fields as a person would, keeping the document readable.
                let text = text
                    .lines()
                    .map(|l| match l.split_once(':') {
                        Some((name, _)) if !l.starts_with('#') && rng.chance(40) => {
                            format!("{name}: {}", random_text(rng).replace('\n', "\n  "))
                        }
                        _ => l.to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                Report::Edited { id, text }
            }
        }),
        Effect::Suspend => Some(Report::Resumed),
        Effect::Quit => None,
    }
}

/// The ids the board must hold: the first ones, plus those added, minus those deleted.
fn expected_ids(initial: &BTreeSet<CardId>, board: &Board) -> BTreeSet<CardId> {
    let mut ids = initial.clone();
    for change in board.history.done.iter().flat_map(Change::parts) {
        match change {
            Change::Insert { card, .. } => assert!(ids.insert(card.id), "id {} twice", card.id),
            Change::Remove { card, .. } => assert!(ids.remove(&card.id), "id {} gone", card.id),
            Change::Edit { .. }
            | Change::Reorder { .. }
            | Change::TableCell { .. }
            | Change::Batch(_) => {}
        }
    }
    ids
}

fn check_cards(initial: &BTreeSet<CardId>, app: &App) {
    let board = &app.stored.board;
    let ids: Vec<CardId> = board.cards.iter().map(|c| c.id).collect();
    let unique: BTreeSet<CardId> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a card is duplicated");
    assert_eq!(unique, expected_ids(initial, board), "a card was lost");
}

fn run(seed: u64, steps: usize, bundled: bool) -> HashSet<String> {
    let mut rng = Rng(seed);
    let doc = markdown::parse(store::BUNDLED).unwrap();
    let source = (!bundled).then(|| PathBuf::from("projects.md"));
    let disk = if bundled {
        Disk::Bundled
    } else {
        Disk::Unchanged
    };
    let mut app = App::new(
        Stored::in_memory(Board::detect(doc).unwrap(), source),
        disk,
        Keymap::default(),
    );
    let bound = bound_keys(&app.keymap, &SCOPES);
    let per_scope: Vec<(Scope, Vec<KeyEvent>)> = SCOPES
        .iter()
        .map(|&s| (s, bound_keys(&app.keymap, &[s])))
        .collect();
    let initial: BTreeSet<CardId> = app.stored.board.cards.iter().map(|c| c.id).collect();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    app.resize(80, 24);
    let theme = Theme::plain();
    let mut modes = HashSet::new();
    for step in 0..steps {
        let mut effect = match rng.below(100) {
            0..=1 => {
                let (w, h) = if rng.chance(30) {
                    (
                        u16::try_from(rng.below(4)).unwrap() + 1,
                        u16::try_from(rng.below(4)).unwrap() + 1,
                    )
                } else {
                    (
                        u16::try_from(rng.below(200)).unwrap() + 1,
                        u16::try_from(rng.below(60)).unwrap() + 1,
                    )
                };
                app.resize(w, h);
                terminal.backend_mut().resize(w, h);
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, w, h))
                    .unwrap();
                None
            }
            2..=4 => {
                app.paste(&random_text(&mut rng));
                None
            }
            _ => {
                let scope = app.mode.scope();
                let here = &per_scope.iter().find(|(s, _)| *s == scope).unwrap().1;
                app.handle_key(random_event(&mut rng, &bound, here))
            }
        };
        while let Some(e) = effect.take() {
            effect = answer(&mut rng, e).and_then(|r| app.report(r));
        }
        modes.insert(format!("{:?}", app.mode.scope()));
        terminal
            .draw(|frame| ui::view(frame, &app, &theme))
            .unwrap_or_else(|e| panic!("step {step}: {e}"));
        if step % 100 == 0 {
            check_cards(&initial, &app);
        }
    }
    check_cards(&initial, &app);
    let board = &app.stored.board;
    let text = board.export();
    let back = Board::detect(markdown::parse(&text).unwrap()).unwrap();
    let cells = |b: &Board| b.cards.iter().map(|c| c.cells.clone()).collect::<Vec<_>>();
    assert_eq!(
        cells(&back),
        cells(board),
        "the export reads back as the board"
    );
    // Undoing everything gives back the seed byte for byte.
    let mut board = board.clone();
    while board.undo().unwrap().is_some() {}
    assert_eq!(board.export(), store::BUNDLED);
    modes
}

#[test]
fn thousands_of_random_keys_lose_no_card() {
    let mut modes = HashSet::new();
    for (seed, bundled) in [(1, true), (0x5eed, false), (42, true), (7, false)] {
        modes.extend(run(seed, 1500, bundled));
    }
    for scope in [
        "Board", "Card", "Help", "Confirm", "Prompt", "Form", "Picker",
    ] {
        assert!(modes.contains(scope), "{scope} never reached: {modes:?}");
    }
}
