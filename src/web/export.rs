//! The header's "Export" menu: the topology as RabbitMQ definitions, as `rabbitmqadmin`
//! commands (for rabbitmqadmin v2 first, then for the deprecated Python v1) or as an AsyncAPI
//! document, and the canvas as an SVG or PNG picture.
//! The texts come from `studio`; this module only offers them as downloads, and draws the
//! pictures from the canvas as the page shows it (every node framed, on the canvas's own
//! background, styles written in).

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgGraphicsElement};
use yew::prelude::*;

use super::app::use_editor;
use super::dom::{canvas, download, download_href};
use super::files::{MenuState, use_menu};
use super::language::use_lang;
use crate::explain::lang::Lang;
use crate::formats::definitions::Form;
use crate::formats::rabbitmqadmin::Client;
use crate::studio::{Studio, StudioAction};

/// The computed style properties an SVG picture needs to look as the canvas does.
const STYLED: [&str; 20] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "text-decoration",
    "display",
    "visibility",
    "marker-end",
    "paint-order",
];

/// Space around the drawing in a picture, in canvas units.
const MARGIN: f64 = 24.0;
/// Pixels per canvas unit in a PNG picture.
const PNG_SCALE: f64 = 2.0;

/// What one menu item downloads.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Definitions,
    /// Definitions in the other form: one vhost's when the canvas came as a whole broker's
    /// (or was drawn here), the whole broker's when it came as one vhost's.
    OtherFormDefinitions,
    /// Commands for rabbitmqadmin v2, the RabbitMQ team's CLI since RabbitMQ 4.
    Rabbitmqadmin,
    /// Commands for the Python rabbitmqadmin v1 (deprecated).
    RabbitmqadminV1,
    AsyncApi,
    Svg,
    Png,
}

const ITEMS: [Export; 7] = [
    Export::Definitions,
    Export::OtherFormDefinitions,
    Export::Rabbitmqadmin,
    Export::RabbitmqadminV1,
    Export::AsyncApi,
    Export::Svg,
    Export::Png,
];

/// A menu item's name (the second definitions item names the form it writes).
fn item_name(lang: Lang, export: Export, form: Form) -> String {
    let words = lang.words();
    match export {
        Export::Definitions => words.export_definitions(),
        Export::OtherFormDefinitions if form == Form::Cluster => words.export_vhost_definitions(),
        Export::OtherFormDefinitions => words.export_cluster_definitions(),
        Export::Rabbitmqadmin => words.export_rabbitmqadmin(),
        Export::RabbitmqadminV1 => words.export_rabbitmqadmin_v1(),
        Export::AsyncApi => words.export_asyncapi(),
        Export::Svg => words.export_svg(),
        Export::Png => words.export_png(),
    }
}

#[component]
pub fn ExportMenu() -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let MenuState { open, toggle, onkeydown } = use_menu();
    let form = editor.studio().definitions_form();
    let items = ITEMS.map(|export| {
        let (editor, open) = (editor.clone(), open.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            open.set(false);
            if let Err(problem) = save(export, editor.studio()) {
                editor.send(StudioAction::Refuse(problem));
            }
        });
        html! { <li><button type="button" {onclick}>{ item_name(lang, export, form) }</button></li> }
    });
    html! {
        <div class="export-menu" {onkeydown}>
            <button type="button" aria-expanded={open.to_string()} aria-controls="export-list" onclick={toggle}>
                { lang.words().export() }<span aria-hidden="true">{ "\u{25be}" }</span>
            </button>
            if *open {
                <ul id="export-list" class="export-list">{ for items }</ul>
            }
        </div>
    }
}

/// Downloads one export of the studio's canvas, or says why it cannot be written.
fn save(export: Export, studio: &Studio) -> Result<(), crate::formats::Diagnostic> {
    let name = &studio.editor.doc.settings.name;
    match export {
        Export::Definitions => download("definitions.json", "application/json", &studio.definitions_file()),
        Export::OtherFormDefinitions => {
            let (form, file) = match studio.definitions_form() {
                Form::Cluster => (Form::SingleVhost, "vhost-definitions.json"),
                Form::SingleVhost => (Form::Cluster, "definitions.json"),
            };
            download(file, "application/json", &studio.definitions_file_as(form));
        }
        Export::Rabbitmqadmin | Export::RabbitmqadminV1 => {
            let (client, file) = match export {
                Export::RabbitmqadminV1 => (Client::V1, format!("{name}.v1.sh")),
                _ => (Client::V2, format!("{name}.sh")),
            };
            let script = studio.rabbitmqadmin_file(client).map_err(|problem| problem.within(&file))?;
            download(&file, "text/x-shellscript", &script);
        }
        Export::AsyncApi => download(&format!("{name}.asyncapi.json"), "application/json", &studio.asyncapi_file()),
        Export::Svg => {
            if let Some((svg, _, _)) = picture() {
                download(&format!("{name}.svg"), "image/svg+xml", &svg);
            }
        }
        Export::Png => {
            if let Some((svg, width, height)) = picture() {
                png(format!("{name}.png"), &svg, width, height);
            }
        }
    }
    Ok(())
}

/// The canvas drawing as a standalone SVG document, framed around every node (whatever the
/// zoom), with each element's computed style written into it; and its width and height.
fn picture() -> Option<(String, f64, f64)> {
    let svg = canvas()?;
    let world = svg.query_selector("g.world").ok()??.dyn_into::<SvgGraphicsElement>().ok()?;
    let bounds = world.get_b_box().ok()?;
    let copy = svg.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()?;
    let (originals, copies) = (svg.query_selector_all("*").ok()?, copy.query_selector_all("*").ok()?);
    let window = gloo::utils::window();
    for idx in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(copied)) = (originals.item(idx), copies.item(idx)) else { continue };
        let (Ok(original), Ok(copied)) = (original.dyn_into::<Element>(), copied.dyn_into::<Element>()) else {
            continue;
        };
        let Ok(Some(computed)) = window.get_computed_style(&original) else { continue };
        let style: String = STYLED
            .iter()
            .filter_map(|property| {
                let value = computed.get_property_value(property).ok()?;
                (!value.is_empty()).then(|| format!("{property}:{value};"))
            })
            .collect();
        let _ = copied.set_attribute("style", &style);
    }
    for selector in [".canvas-background", ".rubber-band", ".connect-line"] {
        if let Ok(Some(element)) = copy.query_selector(selector) {
            element.remove();
        }
    }
    if let Ok(Some(copied_world)) = copy.query_selector("g.world") {
        let _ = copied_world.remove_attribute("transform");
    }
    let (width, height) = (bounds.width() as f64 + 2.0 * MARGIN, bounds.height() as f64 + 2.0 * MARGIN);
    let (left, top) = (bounds.x() as f64 - MARGIN, bounds.y() as f64 - MARGIN);
    let view_box = format!("{left} {top} {width} {height}");
    // The canvas's own background (light or dark theme) under the drawing.
    let background = svg
        .parent_element()
        .and_then(|area| window.get_computed_style(&area).ok().flatten())
        .and_then(|style| style.get_property_value("background-color").ok());
    if let (Some(color), Ok(rect)) =
        (background, gloo::utils::document().create_element_ns(Some("http://www.w3.org/2000/svg"), "rect"))
    {
        for (name, value) in [
            ("x", left.to_string()),
            ("y", top.to_string()),
            ("width", width.to_string()),
            ("height", height.to_string()),
            ("fill", color),
        ] {
            let _ = rect.set_attribute(name, &value);
        }
        let _ = copy.insert_before(&rect, copy.first_child().as_ref());
    }
    for (name, value) in [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("viewBox", view_box.as_str()),
        ("width", &width.to_string()),
        ("height", &height.to_string()),
    ] {
        let _ = copy.set_attribute(name, value);
    }
    for name in ["tabindex", "class"] {
        let _ = copy.remove_attribute(name);
    }
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some((text, width, height))
}

/// Draws an SVG picture onto an offscreen canvas and downloads it as PNG.
fn png(name: String, svg: &str, width: f64, height: f64) {
    let Ok(image) = web_sys::HtmlImageElement::new() else { return };
    let drawn = image.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let document = gloo::utils::document();
        let Some(canvas) =
            document.create_element("canvas").ok().and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((width * PNG_SCALE).ceil() as u32);
        canvas.set_height((height * PNG_SCALE).ceil() as u32);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = context.scale(PNG_SCALE, PNG_SCALE);
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(&drawn, 0.0, 0.0, width, height);
        if let Ok(url) = canvas.to_data_url_with_type("image/png") {
            download_href(&name, &url);
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    let source = String::from(js_sys::encode_uri_component(svg));
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{source}"));
}
