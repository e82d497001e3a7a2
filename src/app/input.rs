//! Typing into a text input: the form's fields, the search line, the file name prompt. One set
//! of rules, so that a key edits the same way wherever text is typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// The keys that edit text wherever it is typed, as the help lists them: the textarea's, with
/// [`type_key`]'s own `Ctrl+U`.
pub const TYPING: [(&str, &str); 5] = [
    ("Home End", "start / end of the line (Ctrl+A Ctrl+E too)"),
    ("Ctrl+← Ctrl+→", "a word back / on (Alt+B Alt+F too)"),
    (
        "Ctrl+W Alt+D",
        "delete a word back / on (Alt+Backspace too)",
    ),
    (
        "Ctrl+U Ctrl+K",
        "delete to the start / to the end of the line",
    ),
    ("paste", "the text goes in at the cursor"),
];

/// A key typed into `input`, as shells and readline take it; true when the text changed.
///
/// The textarea binds Ctrl+U to undo and Ctrl+J to delete to the line's start; in a shell,
/// vim's insert mode and most prompts Ctrl+U deletes back to the start of the line, which is what
/// a person clearing a field reaches for, and Ctrl+J is a line break. Line breaks come only from
/// the keymap (the form's Alt+Enter and Ctrl+J) or a paste: Enter and Ctrl+M, which the textarea
/// takes as line breaks, are the keymap's (submit), and do nothing here.
pub fn type_key(input: &mut TextArea<'_>, event: KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Char('u') if ctrl => {
            input.delete_line_by_head();
            true
        }
        KeyCode::Char('j' | 'm') if ctrl => false,
        KeyCode::Enter => false,
        _ => input.input(event),
    }
}
