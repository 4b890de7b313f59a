//! The header's file buttons: "New", "Open" (a scenario file or RabbitMQ definitions JSON, also by
//! dropping it on the canvas), "Save scenario", the "Export" menu, and the share links
//! ("Copy link", "Copy link to this step") and "Copy embed code" (the player's snippets).

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
    let link = |at_step: bool| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            copy_text(&format!("{}{}", page_address(), editor.studio().share_fragment(at_step)));
        })
    };
    let embed = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| copy_text(&editor.studio().embed_code(&page_folder())))
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
            <button type="button" onclick={link(false)}>{ words.copy_link() }</button>
            <button type="button" onclick={link(true)}>{ words.copy_link_to_step() }</button>
            <button type="button" class="copy-embed" onclick={embed}>{ words.copy_embed_code() }</button>
        </div>
    }
}
