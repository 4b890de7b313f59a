//! The root component: owns the app's one `use_reducer`, holding the [`Studio`] (the
//! editor's state and the run of its document), and lays out the shell's regions.
//!
//! The reducer only delegates to the yew-free `Studio::apply` (tested natively). Its handle
//! is shared through a context (as in yew's `examples/contexts`), so the regions read what
//! they need without prop drilling; leaves below them take plain props.

use std::rc::Rc;

use yew::prelude::*;

use super::about::About;
use super::author::LessonMaker;
use super::autosave::use_autosave;
use super::canvas::Canvas;
use super::event_log::PresentLog;
use super::header::Header;
use super::inspector::Inspector;
use super::interventions::InterventionMenu;
use super::keys::use_shortcuts;
use super::language::{Speech, use_language};
use super::lesson_fetch::use_lesson_fetch;
use super::lessons::{LessonList, Welcome};
use super::overlay::ShortcutsOverlay;
use super::palette::Palette;
use super::panel::RunPanel;
use super::playback::{Playback, use_playback_timer};
use super::run_layer::legend;
use crate::editor::{Action, EditorState};
use crate::studio::lesson::LessonAction;
use crate::studio::{Pick, Studio, StudioAction};

/// What every region reads: the studio and a way to dispatch actions to it.
///
/// The run changes in place, so the context also keeps the revision it was rendered with:
/// that is what tells the provider that its consumers must render again. It is the studio's
/// quiet revision, which playback frames leave alone (see [`PlaybackFrame`]).
#[derive(Clone)]
pub struct EditorContext {
    handle: UseReducerHandle<Studio>,
    revision: u64,
}

impl PartialEq for EditorContext {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

impl std::ops::Deref for EditorContext {
    type Target = EditorState;

    fn deref(&self) -> &EditorState {
        &self.handle.editor
    }
}

impl EditorContext {
    /// The context of a root's studio, rendered at its quiet revision.
    pub fn new(handle: UseReducerHandle<Studio>) -> EditorContext {
        EditorContext { revision: handle.quiet_revision(), handle }
    }

    /// Sends an editor action (an edit, a selection, a gesture).
    pub fn dispatch(&self, action: Action) {
        self.handle.dispatch(StudioAction::Edit(action));
    }

    /// Sends a studio action (playback, picking a scenario, the log).
    pub fn send(&self, action: StudioAction) {
        self.handle.dispatch(action);
    }

    pub fn studio(&self) -> &Studio {
        &self.handle
    }

    pub fn dispatcher(&self) -> UseReducerDispatcher<Studio> {
        self.handle.dispatcher()
    }
}

impl Reducible for Studio {
    type Action = StudioAction;

    fn reduce(self: Rc<Self>, action: StudioAction) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

/// Changes with every playback frame. Regions that move with playback (the canvas, the
/// playback bar, the run panel, the message inspector) subscribe to it with
/// [`use_playback_frame`]; the others re-render only when something else changes.
#[derive(Clone, Copy, PartialEq)]
pub struct PlaybackFrame(pub u64);

#[hook]
pub fn use_playback_frame() {
    use_context::<PlaybackFrame>();
}

/// Reads the root context; every region is rendered inside [`App`], so it is always there.
#[hook]
pub fn use_editor() -> EditorContext {
    use_context::<EditorContext>().expect("regions are rendered inside App's context provider")
}

#[component]
pub fn App() -> Html {
    let handle = use_reducer(Studio::default);
    let speech = use_language();
    // First, so that kept work is restored before a `?scenario=` link is opened over it.
    let autosave = use_autosave(&handle);
    use_shortcuts(handle.dispatcher(), handle.editor.selection.is_empty(), speech.lang);
    {
        // `?scenario=NAME` opens a built-in scenario and `?lesson=NAME` a lesson, so a link
        // can point at one.
        let studio = handle.dispatcher();
        use_effect_with((), move |_| {
            let search = gloo::utils::window().location().search().unwrap_or_default();
            let query = |key: &str| {
                let value = search.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix(key))?;
                let value = js_sys::decode_uri_component(value).map(String::from).unwrap_or_else(|_| value.to_string());
                (!value.is_empty()).then_some(value)
            };
            if let Some(name) = query("scenario=") {
                studio.dispatch(StudioAction::Lesson(LessonAction::Dismiss));
                studio.dispatch(StudioAction::Pick(Pick::Builtin(name)));
            }
            if let Some(name) = query("lesson=") {
                studio.dispatch(StudioAction::Lesson(LessonAction::Start(name)));
            }
        });
    }
    use_playback_timer(handle.playing, handle.computing(), handle.dispatcher());
    use_lesson_fetch(handle.lesson_fetch.clone(), handle.dispatcher());
    let handle_runs = handle.run().is_some();
    let present = handle.present;
    let leave_present = {
        let studio = handle.dispatcher();
        Callback::from(move |_: MouseEvent| studio.dispatch(StudioAction::TogglePresent))
    };
    let lang = speech.lang;
    let words = lang.words();
    let playback = PlaybackFrame(handle.revision());
    let editor = EditorContext::new(handle);
    let page = html! {
        <>
            <div class={classes!("shell", present.then_some("presenting"))}>
                <Header />
                <p class="storage-warning" role="alert" hidden={autosave.warning.is_none()}>
                    { autosave.warning.as_deref().map(|reason| words.storage_warning(reason)).unwrap_or_default() }
                </p>
                if autosave.other_tab_saved {
                    <div class="other-tab-banner" role="alert">
                        <p>{ words.other_tab_saved() }</p>
                        <button type="button" onclick={autosave.load.clone()}>{ words.load_other_tab() }</button>
                        <button type="button" onclick={autosave.keep.clone()}>{ words.keep_mine() }</button>
                    </div>
                }
                <Palette />
                // The canvas and what plays it are the page's main content.
                <main class="stage-area">
                    <About />
                    <Canvas />
                    { legend(lang, handle_runs) }
                    <Playback />
                </main>
                <Inspector />
                if present {
                    <PresentLog />
                    <button type="button" class="leave-present" title="Escape" onclick={leave_present}>
                        { words.leave_present() }
                    </button>
                } else {
                    <RunPanel />
                }
            </div>
            <ShortcutsOverlay />
            <InterventionMenu />
            <LessonList />
            <LessonMaker />
            <Welcome />
        </>
    };
    provide(speech, editor, playback, page)
}

/// The contexts every region reads, around a root's page (the app's and the player's).
pub fn provide(speech: Speech, editor: EditorContext, playback: PlaybackFrame, page: Html) -> Html {
    html! {
        <ContextProvider<Speech> context={speech}>
        <ContextProvider<EditorContext> context={editor}>
        <ContextProvider<PlaybackFrame> context={playback}>
            { page }
        </ContextProvider<PlaybackFrame>>
        </ContextProvider<EditorContext>>
        </ContextProvider<Speech>>
    }
}
