//! The UI's view-only state and its actions, with a pure `apply` and no yew import.
//!
//! The root component holds it in its one `use_reducer` (see `app.rs` for the tiny
//! `Reducible` impl). The editor issue moves this into a yew-free `editor` module of the
//! library, where `apply` is tested natively; keep it free of web types until then.

use super::kinds::NodeKind;

/// View facts only: what the user has selected. The topology itself will be the engine's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UiState {
    pub selected_kind: Option<NodeKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiAction {
    /// Selects a palette kind, or deselects it if it is already selected.
    ToggleKind(NodeKind),
    ClearSelection,
}

impl UiState {
    pub fn apply(&self, action: UiAction) -> UiState {
        match action {
            UiAction::ToggleKind(kind) if self.selected_kind == Some(kind) => UiState { selected_kind: None },
            UiAction::ToggleKind(kind) => UiState { selected_kind: Some(kind) },
            UiAction::ClearSelection => UiState { selected_kind: None },
        }
    }
}
