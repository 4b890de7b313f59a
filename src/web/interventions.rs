//! Breaking things on purpose: the buttons that intervene in the run (in the inspector, for
//! the selected node, binding or message, and for the broker) and the same choices as a
//! context menu on the canvas (right click, long press, or the menu key on a focused node).

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::language::use_lang;
use crate::explain::intervention::{bind_button, button};
use crate::formats::scenario::{BindingNames, ScriptAction};
use crate::studio::{Menu, MenuTarget, StudioAction, intervene};

#[derive(Properties, PartialEq)]
pub struct InterventionsProps {
    pub target: MenuTarget,
}

/// The interventions for `target` as a group of buttons (nothing while no run is shown, or
/// in the play-only view).
#[component]
pub fn Interventions(props: &InterventionsProps) -> Html {
    let editor = use_editor();
    // What applies changes as the run moves (a crashed client can only be restarted).
    use_playback_frame();
    let words = use_lang().words();
    let actions = offered(&editor, props.target);
    if actions.is_empty() {
        return html! { <div class="interventions" hidden=true></div> };
    }
    // A queue can also be bound to an exchange there and then.
    let queue = actions.iter().find_map(|action| match action {
        ScriptAction::PurgeQueue(queue) => Some(queue.clone()),
        _ => None,
    });
    html! {
        <div class="interventions" role="group" aria-label={words.break_it()}>
            // Under the inspector's heading for the broker (nothing selected), under the
            // selected item's heading otherwise.
            if props.target == MenuTarget::Broker {
                <h3>{ words.break_it() }</h3>
            } else {
                <h4>{ words.break_it() }</h4>
            }
            { for actions.into_iter().map(|action| html! { <InterventionButton {action} menu=false /> }) }
            if let Some(queue) = queue {
                <BindForm {queue} />
            }
            <p class="muted">{ words.forks_here() }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BindFormProps {
    queue: String,
}

/// Binds the queue to an exchange of the running broker, with a binding key.
#[component]
fn BindForm(props: &BindFormProps) -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let exchange = use_node_ref();
    let key = use_node_ref();
    let exchanges =
        editor.studio().run().map(|run| intervene::exchanges_to_bind(run.session.world())).unwrap_or_default();
    if exchanges.is_empty() {
        return html! { <div class="bind-form" hidden=true></div> };
    }
    let onclick = {
        let (exchange, key, queue) = (exchange.clone(), key.clone(), props.queue.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(exchange) = exchange.cast::<HtmlSelectElement>() else { return };
            let routing_key = key.cast::<HtmlInputElement>().map(|key| key.value()).unwrap_or_default();
            let names = BindingNames { exchange: exchange.value(), queue: queue.clone(), routing_key };
            editor.send(StudioAction::Intervene(ScriptAction::Bind(names)));
        })
    };
    html! {
        <div class="bind-form">
            <label>{ lang.words().bind_exchange_label() }<select ref={exchange}>
                { for exchanges.into_iter().map(|name| html! { <option value={name.clone()}>{ name }</option> }) }
            </select></label>
            <label>{ lang.words().bind_key_label() }<input ref={key} type="text" /></label>
            <button type="button" class="intervention do-bind" {onclick}>{ bind_button(lang, &props.queue) }</button>
        </div>
    }
}

/// The open context menu, if any.
#[component]
pub fn InterventionMenu() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let menu = editor.studio().menu.clone();
    let list = use_node_ref();
    {
        // Focus the first choice when the menu opens, so the keyboard can pick one.
        let list = list.clone();
        use_effect_with(menu.clone(), move |_| {
            let first = list.cast::<HtmlElement>().and_then(|list| list.query_selector("button").ok().flatten());
            if let Some(first) = first.and_then(|first| first.dyn_into::<HtmlElement>().ok()) {
                first.focus().ok();
            }
        });
    }
    let Some(Menu { x, y, target }) = menu else {
        return html! { <div class="context-menu" hidden=true ref={list}></div> };
    };
    let actions = offered(&editor, target);
    let close = {
        let editor = editor.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            editor.send(StudioAction::CloseMenu);
        })
    };
    let onkeydown = {
        let editor = editor.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                editor.send(StudioAction::CloseMenu);
            }
        })
    };
    html! {
        <div class="context-menu-layer" onclick={close.clone()} oncontextmenu={close}>
            <div class="context-menu" role="menu" aria-label={words.menu_name()} ref={list} {onkeydown}
                style={format!("left: min({x:.0}px, calc(100vw - 13rem)); top: min({y:.0}px, calc(100vh - 18rem))")} onclick={Callback::from(|event: MouseEvent| event.stop_propagation())}>
                if actions.is_empty() {
                    <p class="muted">{ words.nothing_to_break() }</p>
                }
                { for actions.into_iter().map(|action| html! { <InterventionButton {action} menu=true /> }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct InterventionButtonProps {
    action: ScriptAction,
    /// A menu item rather than a plain button.
    menu: bool,
}

#[component]
fn InterventionButton(props: &InterventionButtonProps) -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let onclick = {
        let action = props.action.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::Intervene(action.clone())))
    };
    let role = props.menu.then_some("menuitem");
    html! {
        <button type="button" class={classes!("intervention", format!("do-{}", props.action.key()))} {role} {onclick}>
            { button(lang, &props.action) }
        </button>
    }
}

fn offered(editor: &super::app::EditorContext, target: MenuTarget) -> Vec<ScriptAction> {
    let studio = editor.studio();
    if studio.shared {
        return Vec::new();
    }
    let Some(run) = studio.run() else { return Vec::new() };
    intervene::for_target(&editor.doc, run.session.world(), target)
}

/// How long a finger held still opens the menu.
const LONG_PRESS_MS: u32 = 550;
/// How far (CSS pixels) a finger may drift and still be held still.
const LONG_PRESS_SLOP: f64 = 10.0;

thread_local! {
    // The long press in progress: its timer and where the finger went down. One finger at a
    // time can hold, so one slot; the canvas's own pointer handlers (which hold the pointer
    // capture) cancel it when the finger moves or lifts.
    static LONG_PRESS: std::cell::RefCell<Option<(Timeout, f64, f64)>> = const { std::cell::RefCell::new(None) };
    // Whether the finger still down opened the menu: its lift must not reach the menu item
    // that opened under it, which the browser's compatibility click would press.
    static LONG_PRESS_OPENED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts a long press on `target` if `event` is a finger going down: held still, it opens
/// the menu (touch screens have no right click, and not every browser turns a long press
/// into `contextmenu`).
pub fn start_long_press(editor: &super::app::EditorContext, event: &PointerEvent, target: MenuTarget) {
    if event.pointer_type() != "touch" || editor.studio().run().is_none() {
        return;
    }
    let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    let editor = editor.clone();
    LONG_PRESS_OPENED.with(|opened| opened.set(false));
    let timer = Timeout::new(LONG_PRESS_MS, move || {
        LONG_PRESS.with(|slot| slot.borrow_mut().take());
        LONG_PRESS_OPENED.with(|opened| opened.set(true));
        editor.send(StudioAction::OpenMenu(Menu { x, y, target }));
    });
    LONG_PRESS.with(|slot| *slot.borrow_mut() = Some((timer, x, y)));
}

/// The finger that opened the menu by holding lifts: its touch end is cancelled, so that no
/// compatibility mouse click follows it onto the menu item now under the finger.
pub fn end_touch(event: &TouchEvent) {
    if LONG_PRESS_OPENED.with(|opened| opened.replace(false)) {
        event.prevent_default();
    }
}

/// Cancels a long press when the finger lifts, or moves further than the slop.
pub fn end_long_press(event: &PointerEvent, lifted: bool) {
    LONG_PRESS.with(|slot| {
        let mut slot = slot.borrow_mut();
        let moved = slot.as_ref().is_some_and(|(_, x, y)| {
            (f64::from(event.client_x()) - x).hypot(f64::from(event.client_y()) - y) > LONG_PRESS_SLOP
        });
        if lifted || moved {
            // Dropping a gloo `Timeout` cancels it.
            slot.take();
        }
    });
}

/// Opens the menu for `target` where a `contextmenu` event happened.
pub fn open_menu(editor: &super::app::EditorContext, event: &MouseEvent, target: MenuTarget) {
    if editor.studio().run().is_none() {
        return;
    }
    event.prevent_default();
    event.stop_propagation();
    let (mut x, mut y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    if x == 0.0 && y == 0.0 {
        // From the keyboard (the menu key): open by the focused element.
        if let Some(rect) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .map(|element| element.get_bounding_client_rect())
        {
            (x, y) = (rect.x() + rect.width() / 2.0, rect.y() + rect.height() / 2.0);
        }
    }
    editor.send(StudioAction::OpenMenu(Menu { x, y, target }));
}
