//! Time in state on the board: each card's age on its fields line, stale cards marked, the
//! card view's timeline; drawn with the plain theme into a `TestBackend` and compared with the
//! accepted snapshots. The history is given as the runtime hands it over (worked out from git
//! elsewhere); without one the board is as it always was (the other snapshots).

#![allow(clippy::unwrap_used)]

#[path = "common/screen.rs"]
mod screen;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use mdboard::app::{App, Disk, Mode};
use mdboard::board::{Board, CardId};
use mdboard::keymap::Keymap;
use mdboard::markdown;
use mdboard::store::{self, Stored};
use mdboard::timeline::{Commit, Stint, Timeline, Times};
use screen::{draw, focus, keys};

const DAY: i64 = 24 * 60 * 60;
/// "Now": 2024-06-01.
const NOW: i64 = 1_717_200_000;

fn commit(hash: char, author: &str, days_ago: i64, date: &str) -> Commit {
    Commit {
        hash: hash.to_string().repeat(40),
        author: author.to_owned(),
        time: NOW - days_ago * DAY,
        date: date.to_owned(),
    }
}

fn stint(state: &str, from: Option<u32>) -> Stint {
    Stint {
        state: state.to_owned(),
        from,
    }
}

/// The bundled board with a history: every card in its state since the first commit (400
/// days ago), GPU Support through three states, and `stale: {"spec-definition": 90}`.
fn board(width: u16, height: u16) -> App {
    let doc = markdown::parse(store::BUNDLED).unwrap();
    let mut stored = Stored::in_memory(
        Board::detect(doc).unwrap(),
        Some(PathBuf::from("projects.md")),
    );
    stored.settings.stale = Some(BTreeMap::from([("spec-definition".to_owned(), 90)]));
    let board = &stored.board;
    let id = |title: &str| -> CardId { board.find(title).unwrap() };
    let mut cards: HashMap<CardId, Timeline> = board
        .cards
        .iter()
        .map(|c| (c.id, Timeline(vec![stint(&board.state_of(c), Some(0))])))
        .collect();
    cards.insert(
        id("GPU Support"),
        Timeline(vec![
            stint("", Some(0)),
            stint("ideation", Some(1)),
            stint("spec-definition", Some(2)),
        ]),
    );
    cards.insert(
        id("Docs site migration"),
        Timeline(vec![
            stint("ideation", Some(0)),
            stint("spec-definition", Some(3)),
        ]),
    );
    let times = Times {
        commits: vec![
            commit('a', "Ann", 400, "2023-04-28T10:00:00Z"),
            commit('b', "Bob", 200, "2023-11-14T10:00:00+01:00"),
            commit('c', "Cy", 45, "2024-04-17T10:00:00Z"),
            commit('d', "Dee", 5, "2024-05-27T10:00:00Z"),
        ],
        cards,
        now: NOW,
    };
    let mut app = App::new(stored, Disk::Unchanged, Keymap::default());
    app.times = Some(times);
    app.resize(width, height);
    app
}

#[test]
fn cards_show_their_age_and_stale_ones_are_marked() {
    let mut app = board(100, 30);
    // Moved on the board, not committed: "now".
    focus(&mut app, "Omnibus Maintenance");
    keys(&mut app, "L");
    let terminal = draw(&app);
    insta::assert_snapshot!("ages_100x30", terminal.backend());
    // The stale age stands out (bold and underlined without colours).
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            line.contains("console-authz")
        })
        .unwrap();
    let line: String = (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol().to_owned())
        .collect();
    let style_of = |after: &str| {
        let from = line.find(after).unwrap();
        let at = from + line[from..].find("13mo").unwrap();
        let x = u16::try_from(line[..at].chars().count()).unwrap();
        buffer[(x, row)].style().add_modifier
    };
    let underlined = ratatui::style::Modifier::UNDERLINED;
    assert!(style_of("console-authz").contains(underlined), "stale");
    assert!(
        !style_of("cosmos-sync").contains(underlined),
        "no threshold"
    );
}

#[test]
fn the_card_view_shows_the_timeline() {
    let mut app = board(100, 40);
    focus(&mut app, "GPU Support");
    keys(&mut app, "\n");
    assert!(matches!(app.mode, Mode::Card { .. }));
    insta::assert_snapshot!("card_timeline_100x40", draw(&app).backend());
    assert_eq!(
        app.timeline_lines(),
        [
            "no state         2023-04-28 → 2023-11-14  aaaaaaa  Ann",
            "ideation         2023-11-14 → 2024-04-17  bbbbbbb  Bob",
            "spec-definition  2024-04-17 → now         ccccccc  Cy",
        ]
    );
}

/// The README's capture of card ages is what the board draws.
#[test]
fn the_readme_shows_ages_as_drawn() {
    let mut app = board(100, 16);
    focus(&mut app, "GPU Support");
    keys(&mut app, "L");
    let drawn: Vec<String> = screen::screen(&draw(&app))
        .lines()
        .map(|l| l.trim_end().to_owned())
        .collect();
    let drawn = drawn.join("\n");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Time in state").unwrap()..];
    let start = section.find("```text\n").unwrap() + "```text\n".len();
    let end = start + section[start..].find("\n```").unwrap();
    assert!(
        section[start..end] == drawn,
        "the README's capture is out of date; the board now looks like this:\n{drawn}"
    );
}
