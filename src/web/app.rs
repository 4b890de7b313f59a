//! The root component: owns the app's one `use_reducer` and lays out the shell's regions.
//!
//! The reducer handle is shared through a context (as in yew's `examples/contexts`), so the
//! regions read what they need without prop drilling; leaves below them take plain props.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::inspector::Inspector;
use super::palette::Palette;
use super::playback::Playback;
use super::state::{UiAction, UiState};

/// What every region reads: the root state and a way to dispatch [`UiAction`]s.
pub type UiContext = UseReducerHandle<UiState>;

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Reads the root context; every region is rendered inside [`App`], so it is always there.
#[hook]
pub fn use_ui() -> UiContext {
    use_context::<UiContext>().expect("regions are rendered inside App's context provider")
}

#[component]
pub fn App() -> Html {
    let ui = use_reducer(UiState::default);
    html! {
        <ContextProvider<UiContext> context={ui}>
            <div class="shell">
                <Header />
                <Palette />
                <Canvas />
                <Inspector />
                <Playback />
            </div>
        </ContextProvider<UiContext>>
    }
}
