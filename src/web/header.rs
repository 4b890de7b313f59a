//! The page header: the product name, and the "Scenario" picker (every built-in scenario
//! by title, and "My topology": what is drawn on the canvas).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::app::use_editor;
use super::files::FileButtons;
use super::language::{LanguageSwitch, use_lang};
use super::lessons::LessonsButton;
use crate::explain::scenarios::scenario_title;
use crate::studio::{Pick, StudioAction};

/// The value of the "My topology" choice.
const MY_TOPOLOGY: &str = "my-topology";

#[component]
pub fn Header() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let words = lang.words();
    let titles = use_memo((), |_| {
        crate::scenarios::names()
            .filter_map(|name| Some((name, crate::scenarios::builtin(name)?.ok()?.title)))
            .collect::<Vec<_>>()
    });
    let picked = match &editor.studio().pick {
        Pick::MyTopology => MY_TOPOLOGY.to_string(),
        Pick::Builtin(name) => name.clone(),
    };
    let present = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.send(StudioAction::TogglePresent))
    };
    let onchange = Callback::from(move |event: Event| {
        let value = event.target_unchecked_into::<HtmlSelectElement>().value();
        let pick = if value == MY_TOPOLOGY { Pick::MyTopology } else { Pick::Builtin(value) };
        editor.send(StudioAction::Pick(pick));
    });
    html! {
        <header class="app-header">
            <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <rect width="32" height="32" rx="7" />
                <circle class="logo-ring" cx="16" cy="16" r="9" />
                <circle class="logo-dot" cx="16" cy="7" r="3" />
            </svg>
            <h1>{ "Kaiten" }</h1>
            <p class="tagline">{ words.tagline() }</p>
            <FileButtons />
            <LessonsButton />
            <button type="button" class="present-button" title="F" onclick={present}>{ words.present() }</button>
            <div class="scenario-picker">
                <label for="scenario-picker">{ words.scenario() }</label>
                <select id="scenario-picker" {onchange}>
                    <option value={MY_TOPOLOGY} selected={picked == MY_TOPOLOGY}>{ words.my_topology() }</option>
                    { for titles.iter().map(|(name, title)| html! {
                        <option value={*name} selected={picked == *name}>{ scenario_title(lang, name, title) }</option>
                    }) }
                </select>
            </div>
            <LanguageSwitch />
        </header>
    }
}
