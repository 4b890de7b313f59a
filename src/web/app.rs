//! The root component: owns the app's one `use_reducer`, holding the editor's state, and
//! lays out the shell's regions.
//!
//! The reducer only delegates to the yew-free `EditorState::apply` (tested natively). Its
//! handle is shared through a context (as in yew's `examples/contexts`), so the regions read
//! what they need without prop drilling; leaves below them take plain props.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::inspector::Inspector;
use super::keys::use_shortcuts;
use super::overlay::ShortcutsOverlay;
use super::palette::Palette;
use super::playback::Playback;
use crate::editor::{Action, EditorState};

/// What every region reads: the editor's state and a way to dispatch [`Action`]s.
///
/// The handle always reads the newest state, so the context also keeps the revision it was
/// rendered with: that is what tells the provider that its consumers must render again.
#[derive(Clone)]
pub struct EditorContext {
    handle: UseReducerHandle<EditorState>,
    revision: u64,
}

impl PartialEq for EditorContext {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

impl std::ops::Deref for EditorContext {
    type Target = UseReducerHandle<EditorState>;

    fn deref(&self) -> &Self::Target {
        &self.handle
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

/// Reads the root context; every region is rendered inside [`App`], so it is always there.
#[hook]
pub fn use_editor() -> EditorContext {
    use_context::<EditorContext>().expect("regions are rendered inside App's context provider")
}

#[component]
pub fn App() -> Html {
    let handle = use_reducer(EditorState::default);
    use_shortcuts(handle.dispatcher());
    let editor = EditorContext { revision: handle.revision(), handle };
    html! {
        <ContextProvider<EditorContext> context={editor}>
            <div class="shell">
                <Header />
                <Palette />
                <Canvas />
                <Inspector />
                <Playback />
            </div>
            <ShortcutsOverlay />
        </ContextProvider<EditorContext>>
    }
}
