//! The header's file buttons: "New", "Open" (a scenario file or RabbitMQ definitions JSON, also by
//! dropping it on the canvas), "Save scenario", the "Export" menu, and the share links
//! in the "Share" menu ("Copy link", "Copy link to this step", and "Copy embed code": the
//! player's snippets).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::use_editor;
use super::dom::{copy_text, download, page_address, page_folder, read_file};
use super::export::ExportMenu;
use super::language::use_lang;
use super::new_document::NewButton;
use crate::studio::{Studio, StudioAction};

/// Opens the first file of a pick or a drop.
pub fn open_first(files: Option<web_sys::FileList>, studio: UseReducerDispatcher<Studio>) {
    if let Some(file) = files.and_then(|files| files.get(0)) {
        read_file(file, move |name, bytes| studio.dispatch(StudioAction::Open { name, bytes }));
    }
}

#[component]
pub fn FileButtons() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let onchange = {
        let studio = editor.dispatcher();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            open_first(input.files(), studio.clone());
            // The same file can be opened again after an edit.
            input.set_value("");
        })
    };
    let save = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.json", editor.doc.settings.name);
            download(&name, "application/json", &editor.studio().scenario_file());
        })
    };
    html! {
        <div class="file-buttons">
            <NewButton />
            <label class="file-open">
                { words.open() }
                <input type="file" accept=".json,application/json" {onchange} />
            </label>
            <button type="button" onclick={save}>{ words.save_scenario() }</button>
            <ExportMenu />
            <ShareMenu />
        </div>
    }
}

/// The "Share" menu: Copy link, Copy link to this step, Copy embed code.
#[component]
fn ShareMenu() -> Html {
    let editor = use_editor();
    let words = use_lang().words();
    let MenuState { open, toggle, onkeydown } = use_menu();
    let item = |name: String, copied: fn(&Studio) -> String, class: &'static str| {
        let (editor, open) = (editor.clone(), open.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            open.set(false);
            copy_text(&copied(editor.studio()));
        });
        html! { <li {class}><button type="button" {onclick}>{ name }</button></li> }
    };
    html! {
        <div class="export-menu" {onkeydown}>
            <button type="button" aria-expanded={open.to_string()} aria-controls="share-list" onclick={toggle}>
                { words.share() }<span aria-hidden="true">{ "\u{25be}" }</span>
            </button>
            if *open {
                <ul id="share-list" class="export-list">
                    { item(words.copy_link(), |studio| format!("{}{}", page_address(), studio.share_fragment(false)), "") }
                    { item(words.copy_link_to_step(), |studio| format!("{}{}", page_address(), studio.share_fragment(true)), "") }
                    { item(words.copy_embed_code(), |studio| studio.embed_code(&page_folder()), "copy-embed") }
                </ul>
            }
        </div>
    }
}

/// A header menu's state: whether it is open, its button's toggle, and Escape to close it.
pub struct MenuState {
    pub open: UseStateHandle<bool>,
    pub toggle: Callback<MouseEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

#[hook]
pub fn use_menu() -> MenuState {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                open.set(false);
            }
        })
    };
    MenuState { open, toggle, onkeydown }
}
