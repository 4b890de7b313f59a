//! The message inspector: the message picked on the canvas or in the log, with its routing
//! key, properties, headers, body (JSON pretty-printed, an oslo envelope's inner message
//! too), x-death history, and its path so far with the time of each hop.

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::interventions::Interventions;
use super::language::use_lang;
use crate::engine::PublishId;
use crate::explain::run::{kind_name, message_title, path_leg};
use crate::sim::{Content, Label, TraceEvent};
use crate::studio::{MenuTarget, StudioAction};

#[derive(Properties, PartialEq)]
pub struct MessageInspectorProps {
    pub message: PublishId,
}

#[component]
pub fn MessageInspector(props: &MessageInspectorProps) -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let words = lang.words();
    let Some(run) = editor.studio().run() else { return html! {} };
    let message = props.message;
    let end = run.trace_end();
    let (kind, label) =
        run.messages.get(&message).cloned().unwrap_or((crate::sim::MessageKind::Plain, Label::plain("")));
    let content: Option<Content> =
        run.entries_of.get(&message).into_iter().flatten().rev().filter(|idx| **idx < end).find_map(|idx| {
            match &run.entry(*idx)?.event {
                TraceEvent::Hop(hop) => hop.leg.content().map(|content| Content::clone(content)),
                _ => None,
            }
        });
    let path: Vec<String> = run
        .arrows_of_so_far(message)
        .map(|arrow| path_leg(lang, arrow.departs, arrow.arrives, &run.name(arrow.from), &run.name(arrow.to)))
        .collect();
    drop(run);
    let close = Callback::from(move |_: MouseEvent| editor.send(StudioAction::Inspect(None)));
    let title = message_title(lang, &label, message);
    html! {
        <section class="message-inspector" aria-label={words.message_heading()}>
            <h3>{ title }</h3>
            <p class="muted">{ kind_name(lang, kind) }</p>
            if let Some(content) = content {
                <dl class="message-fields">
                    <dt>{ words.routing_key() }</dt><dd><code>{ content.routing_key.clone() }</code></dd>
                    <dt>{ words.properties() }</dt><dd><pre>{ pretty(&serde_json::to_string(&*content.properties).unwrap_or_default()) }</pre></dd>
                    <dt>{ words.body() }</dt><dd><pre>{ pretty(&content.body) }</pre></dd>
                    if !content.deaths.is_empty() {
                        <dt>{ "x-death" }</dt><dd><pre>{ pretty(&serde_json::to_string(&content.deaths).unwrap_or_default()) }</pre></dd>
                    }
                </dl>
            }
            <h4 id="message-path">{ words.path() }</h4>
            <ol class="message-path" aria-labelledby="message-path">
                { for path.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
            </ol>
            <Interventions target={MenuTarget::Message(message)} />
            <button type="button" onclick={close}>{ words.close_message() }</button>
        </section>
    }
}

/// JSON pretty-printed, with an oslo envelope's `oslo.message` (JSON in a string) opened up;
/// anything else as it is.
fn pretty(text: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else { return text.to_string() };
    if let Some(inner) = value.get("oslo.message").and_then(|inner| inner.as_str())
        && let Ok(parsed) = serde_json::from_str::<serde_json::Value>(inner)
    {
        value["oslo.message"] = parsed;
    }
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| text.to_string())
}
