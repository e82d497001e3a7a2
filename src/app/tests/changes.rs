//! `D`: the changes not written back, as `mdboard changes` lists them.

use super::*;

fn lines(app: &App) -> &[String] {
    match &app.mode {
        Mode::Changes { lines, .. } => lines,
        other => panic!("the changes, not {other:?}"),
    }
}

#[test]
fn d_shows_the_changes_not_written_back_by_state() {
    let mut app = app_at("GPU Support");
    ch(&mut app, 'D');
    assert_eq!(lines(&app), ["No changes."]);
    ch(&mut app, 'D');
    assert!(matches!(app.mode, Mode::Board), "D closes it");
    keys(&mut app, "LK");
    focus(&mut app, "Economics 2.0");
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "-v2");
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'D');
    assert_eq!(
        lines(&app),
        [
            "1 moved, 1 edited",
            "",
            "### spec-definition",
            "",
            "- **Economics 2.0**: edited Label",
            "",
            "### spec-approved",
            "",
            "- **GPU Support**: moved spec-definition → spec-approved",
        ]
    );
    // The same summary as the command line's, unescaped.
    let board = &app.stored.board;
    let summary = board.changes_since(&board.at(0).unwrap());
    assert_eq!(lines(&app).join("\n") + "\n", summary.text());
    ch(&mut app, 'j');
    assert!(matches!(app.mode, Mode::Changes { scroll: 1, .. }));
    ch(&mut app, 'k');
    ch(&mut app, 'k');
    assert!(matches!(app.mode, Mode::Changes { scroll: 0, .. }));
    ch(&mut app, '?');
    assert!(matches!(
        app.mode,
        Mode::Help {
            of: Scope::Changes,
            ..
        }
    ));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.mode, Mode::Changes { .. }),
        "help goes back to it"
    );
    for close in ['q', 'D'] {
        ch(&mut app, close);
        assert!(matches!(app.mode, Mode::Board), "{close}");
        ch(&mut app, 'D');
    }
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Board));
    ch(&mut app, 'D');
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
}

#[test]
fn written_back_the_board_changes_nothing_and_undone_it_changes_it_again() {
    let mut app = app_at("GPU Support");
    ch(&mut app, 'L');
    let text = app.stored.board.export();
    app.stored.mark_synced(&text);
    ch(&mut app, 'D');
    assert_eq!(lines(&app), ["No changes."]);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'u');
    ch(&mut app, 'D');
    assert_eq!(
        lines(&app)[2..],
        [
            "### spec-definition",
            "",
            "- **GPU Support**: moved spec-approved → spec-definition"
        ]
    );
}

/// What the status line says and `D` lists agree: no changes exactly when not unwritten.
fn agrees(app: &mut App, unwritten: bool, what: &str) {
    assert_eq!(app.unwritten, unwritten, "{what}");
    ch(app, 'D');
    assert_eq!(lines(app) == ["No changes."], !unwritten, "{what}");
    press(app, KeyCode::Esc);
}

#[test]
fn changes_set_back_by_hand_leave_the_board_in_sync_as_d_says() {
    let mut app = app_at("GPU Support");
    agrees(&mut app, false, "opened");
    ch(&mut app, 'L');
    agrees(&mut app, true, "moved");
    ch(&mut app, 'H');
    agrees(&mut app, false, "moved back, not undone");
    assert_eq!(app.stored.board.history.done.len(), 2);
    keys(&mut app, "JK");
    agrees(&mut app, false, "reordered down and up");
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "-v2\n");
    agrees(&mut app, true, "edited");
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    agrees(&mut app, false, "edited back");
    // After a write the file is a later point of the history: the same there.
    ch(&mut app, 'L');
    let text = app.stored.board.export();
    app.stored.mark_synced(&text);
    app.report(Report::Wrote(PathBuf::from("projects.md"), None));
    agrees(&mut app, false, "written");
    keys(&mut app, "HL");
    agrees(&mut app, false, "moved back and on again");
    keys(&mut app, "JK");
    agrees(&mut app, false, "reordered down and up");
    keys(&mut app, "uuu");
    agrees(&mut app, true, "undone below what was written");
    keys(&mut app, "UUU");
    agrees(&mut app, false, "redone up to it");
    // A card added, then deleted: told by comparing the cards, the same.
    ch(&mut app, 'a');
    keys(&mut app, "New one\n");
    agrees(&mut app, true, "added");
    keys(&mut app, "dy");
    assert_eq!(app.stored.board.export(), text);
    agrees(&mut app, false, "added and deleted");
}
