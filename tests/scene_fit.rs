//! Issue 20: at the default desktop size (1280x800) every built-in scenario opens fitted
//! into the canvas at a zoom where node names are at least 11 px high, whole, and no two of
//! its nodes (the run's own included) overlap. The browser suite `tests/e2e/fit.mjs`
//! measures the same on the rendered page; this test pins the geometry natively.

use kaiten::editor::view::{NODE_SIZE, build};
use kaiten::scene::geometry::{NAME_PX, Point, READABLE_NAME_PX, Rect, Size};
use kaiten::studio::{Studio, StudioAction};

/// The canvas the app gives at 1280x800, as `static/app.css` lays out the shell there and
/// `tests/e2e/fit.mjs` measures it (it prints the size it finds): 1280 px less the palette
/// (11.5rem) and the inspector (17rem) wide, 800 px less the header, the scenario's title
/// and what to watch, the legend, the playback bar and the run panel (10.5rem) high.
const DESKTOP_CANVAS: Size = Size::new(1280.0 - 11.5 * 16.0 - 17.0 * 16.0, 418.0);

/// Every box drawn at the end of the run, in world coordinates, with its state lines.
fn boxes(studio: &Studio) -> Vec<(String, Rect)> {
    let doc = &studio.editor.doc;
    let mut boxes: Vec<(String, Rect)> = build(doc, &Default::default(), None, &|_| String::new())
        .nodes
        .iter()
        .map(|node| (node.name.clone(), node.rect))
        .collect();
    if let Some(run) = studio.run() {
        boxes.extend(run.places.values().map(|place| (place.name.clone(), place.rect)));
    }
    boxes
        .into_iter()
        .map(|(name, rect)| (name, Rect::new(rect.origin(), Size::new(rect.width, rect.height + 36.0))))
        .collect()
}

#[test]
fn every_builtin_opens_whole_with_readable_names_at_the_desktop_size() {
    assert_eq!(DESKTOP_CANVAS.width, 824.0);
    let mut failures = Vec::new();
    for name in kaiten::scenarios::names() {
        let studio = Studio::with_builtin(name).apply(StudioAction::FitReadable(DESKTOP_CANVAS));
        let view = studio.editor.view;
        let name_px = NAME_PX * view.scale;
        if name_px < READABLE_NAME_PX - 1e-9 {
            failures.push(format!("{name}: names {name_px:.2} px high"));
        }
        let boxes = boxes(&studio);
        for (node, rect) in &boxes {
            let near = view.to_screen(rect.origin());
            let far = view.to_screen(Point::new(rect.right(), rect.y + NODE_SIZE.height));
            if near.x < 0.0 || near.y < 0.0 || far.x > DESKTOP_CANVAS.width || far.y > DESKTOP_CANVAS.height {
                failures.push(format!("{name}: {node} is outside the canvas"));
            }
        }
        for (idx, (a, first)) in boxes.iter().enumerate() {
            for (b, second) in &boxes[idx + 1..] {
                if first.intersects(*second) {
                    failures.push(format!("{name}: {a} overlaps {b}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_load_scenario_opens_readable_at_its_start() {
    let studio = Studio::with_builtin("load").apply(StudioAction::FitReadable(DESKTOP_CANVAS));
    assert!(NAME_PX * studio.editor.view.scale >= READABLE_NAME_PX - 1e-9);
    let first = studio
        .editor
        .doc
        .nodes()
        .into_iter()
        .filter_map(|node| studio.editor.doc.position(node))
        .fold(Point::new(f64::INFINITY, f64::INFINITY), |least, at| Point::new(least.x.min(at.x), least.y.min(at.y)));
    let corner = studio.editor.view.to_screen(first);
    assert!(corner.x >= 0.0 && corner.y >= 0.0 && corner.x < 100.0 && corner.y < 100.0, "{corner:?}");
}

#[test]
fn a_saved_layout_still_wins() {
    let mut scenario = kaiten::scenarios::builtin("rpc-call").unwrap().unwrap();
    scenario.layout.insert("conductor".into(), kaiten::formats::scenario::Position { x: 1234.0, y: 567.0 });
    let studio = Studio::default()
        .apply(StudioAction::Open { name: "rpc-call.json".into(), bytes: scenario.to_json().into_bytes() });
    let doc = &studio.editor.doc;
    let conductor = doc.node_named("conductor").unwrap();
    assert_eq!(doc.position(conductor), Some(Point::new(1234.0, 567.0)));
    let server = doc.node_named("compute-host1").unwrap();
    assert_ne!(doc.position(server), None, "the others are laid out");
}
