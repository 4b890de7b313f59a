//! Connecting without dragging, for keyboard and touch: pick a target among the nodes this
//! one may be connected to, then press Connect.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::app::use_editor;
use super::language::use_lang;
use crate::editor::connect::check;
use crate::editor::{Action, NodeId};

#[derive(Properties, PartialEq)]
pub struct ConnectToProps {
    pub node: NodeId,
}

#[component]
pub fn ConnectTo(props: &ConnectToProps) -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let choice = use_state(|| 0_usize);
    let from = props.node;
    let targets: Vec<NodeId> =
        editor.doc.nodes().into_iter().filter(|to| check(&editor.doc, from, *to).is_ok()).collect();
    if targets.is_empty() {
        return html! {};
    }
    let picked = targets.get(*choice).or(targets.first()).copied();
    let onchange = {
        let choice = choice.clone();
        Callback::from(move |event: Event| {
            choice.set(event.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize);
        })
    };
    let names: Vec<String> =
        targets.iter().map(|node| editor.doc.name(*node).unwrap_or_default().to_string()).collect();
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(to) = picked {
            editor.dispatch(Action::Connect { from, to });
        }
    });
    html! {
        <div class="connect-to">
            <label for="connect-target">{ words.connect_to() }</label>
            <div class="connect-row">
                <select id="connect-target" {onchange}>
                    { for names.iter().enumerate().map(|(idx, name)| html! {
                        <option value={idx.to_string()} selected={Some(targets[idx]) == picked}>{ name.clone() }</option>
                    }) }
                </select>
                <button type="button" class="connect-button" {onclick}>{ words.connect() }</button>
            </div>
        </div>
    }
}
