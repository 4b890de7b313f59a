//! The page header: the product name and what it is.

use yew::prelude::*;

#[component]
pub fn Header() -> Html {
    html! {
        <header class="app-header">
            <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <rect width="32" height="32" rx="7" />
                <circle class="logo-ring" cx="16" cy="16" r="9" />
                <circle class="logo-dot" cx="16" cy="7" r="3" />
            </svg>
            <h1>{ "Kaiten" }</h1>
            <p class="tagline">{ "Message-bus simulator" }</p>
        </header>
    }
}
