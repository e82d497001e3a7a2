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
