//! Keyboard shortcuts: which key does what (the `?` overlay's words are `explain::shortcuts`).
//!
//! Keys typed into a text field belong to the field (Backspace deletes a character, Ctrl+Z
//! undoes typing), so shortcuts only apply when focus is elsewhere. Ctrl and ⌘ are alike.

use crate::editor::state::Action;

/// Arrow keys move selected nodes this far; with shift, further.
const NUDGE: f64 = 8.0;
const BIG_NUDGE: f64 = 40.0;

/// A key press as the browser reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: `"z"`, `"Delete"`, `"?"`, `"ArrowLeft"`.
    pub key: &'a str,
    /// Ctrl or ⌘ (meta).
    pub command: bool,
    pub shift: bool,
    /// Focus is in a text field, check box or choice of the inspector.
    pub in_field: bool,
}

/// The action a key press stands for, if any.
pub fn action_for(press: KeyPress<'_>) -> Option<Action> {
    if press.in_field {
        return None;
    }
    let step = if press.shift { BIG_NUDGE } else { NUDGE };
    let key = press.key.to_ascii_lowercase();
    Some(match (press.command, key.as_str()) {
        (true, "z") if press.shift => Action::Redo,
        (true, "z") => Action::Undo,
        (true, "y") => Action::Redo,
        (true, "c") => Action::Copy,
        (true, "v") => Action::Paste,
        (true, "a") => Action::SelectAll,
        (false, "delete" | "backspace") => Action::Delete,
        (false, "?") => Action::ToggleShortcuts,
        (false, "escape") => Action::Escape,
        (false, "arrowleft") => Action::Nudge { dx: -step, dy: 0.0 },
        (false, "arrowright") => Action::Nudge { dx: step, dy: 0.0 },
        (false, "arrowup") => Action::Nudge { dx: 0.0, dy: -step },
        (false, "arrowdown") => Action::Nudge { dx: 0.0, dy: step },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, command: bool, shift: bool) -> Option<Action> {
        action_for(KeyPress { key, command, shift, in_field: false })
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(press("z", true, false), Some(Action::Undo));
        assert_eq!(press("Z", true, true), Some(Action::Redo));
        assert_eq!(press("y", true, false), Some(Action::Redo));
        assert_eq!(press("c", true, false), Some(Action::Copy));
        assert_eq!(press("v", true, false), Some(Action::Paste));
        assert_eq!(press("Delete", false, false), Some(Action::Delete));
        assert_eq!(press("Backspace", false, false), Some(Action::Delete));
        assert_eq!(press("?", false, true), Some(Action::ToggleShortcuts));
        assert_eq!(press("ArrowDown", false, true), Some(Action::Nudge { dx: 0.0, dy: BIG_NUDGE }));
        assert_eq!(press("q", false, false), None);
        assert_eq!(press("z", false, false), None, "a plain z is not undo");
    }

    #[test]
    fn fields_keep_their_keys() {
        let typing = KeyPress { key: "Backspace", command: false, shift: false, in_field: true };
        assert_eq!(action_for(typing), None);
        assert_eq!(action_for(KeyPress { key: "z", command: true, ..typing }), None);
    }
}
