//! What the browser keeps between visits, so a reload never loses an edit: the document as a
//! scenario file (topology, actors, script, layout), which scenario it came from, and where
//! playback was, as one JSON text. Restoring checks it like any scenario file; a text that
//! does not load is reported and changes nothing.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::editor::Document;
use crate::engine::SortedMap;
use crate::formats::scenario::{Diagnostic, Scenario};
use crate::lesson::Lesson;
use crate::studio::lesson::Progress;
use crate::studio::{Pick, Studio};

/// The version of the saved text; a later version adds a migration here.
const SAVED_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SavedWork {
    kaiten_saved: u32,
    /// The built-in scenario shown, or none for "My topology".
    scenario_name: Option<String>,
    position: u64,
    scenario: serde_json::Value,
    /// What was drawn under "My topology" while a built-in scenario is shown.
    #[serde(default)]
    my_topology: Option<serde_json::Value>,
    /// Each lesson's progress.
    #[serde(default)]
    progress: SortedMap<String, Progress>,
    /// The lesson being followed (its file) and its step; the canvas fields above are then
    /// what was there before it, which Leave lesson brings back.
    #[serde(default)]
    lesson: Option<SavedLesson>,
}

#[derive(Serialize, Deserialize)]
struct SavedLesson {
    file: serde_json::Value,
    step: usize,
}

impl Studio {
    /// The text to keep: the document, the picked scenario and the position.
    pub fn saved_work(&self) -> String {
        self.work_text(true, true)
    }

    /// The kept text, with or without the drawing behind a built-in scenario and the
    /// position (a share link carries neither unless asked for the step).
    pub(crate) fn work_text(&self, with_position: bool, with_drawing: bool) -> String {
        // Inside a lesson, the work is what was there before it; the lesson resumes on top.
        let (doc, pick, drawing) = match &self.lesson {
            Some(view) => (view.before.0.clone(), &view.before.1, view.before.2.clone()),
            None => (self.editor.doc.clone(), &self.pick, self.my_topology.clone()),
        };
        let scenario_name = match pick {
            Pick::MyTopology => None,
            Pick::Builtin(name) => Some(name.clone()),
        };
        let position = match self.lesson {
            None if with_position => self.run().map_or(0, |run| run.session.position()),
            _ => 0,
        };
        let as_json = |doc: &Document| serde_json::from_str(&doc.to_scenario().to_json()).unwrap_or_default();
        let scenario = as_json(&doc);
        let my_topology = if with_drawing { drawing.as_deref().map(as_json) } else { None };
        let lesson = self.lesson.as_ref().map(|view| SavedLesson { file: view.lesson.source.clone(), step: view.step });
        let saved = SavedWork {
            kaiten_saved: SAVED_VERSION,
            scenario_name,
            position,
            scenario,
            my_topology,
            progress: self.progress.clone(),
            lesson,
        };
        serde_json::to_string(&saved).expect("saved work serializes")
    }

    /// Puts back what [`Studio::saved_work`] kept (from `source`: "saved work", "share
    /// link"); a text that does not load leaves the studio as it was and says why in
    /// `problems`.
    pub(crate) fn restore(mut self, text: &str, source: &str) -> Studio {
        match restored(text) {
            Ok(Restored { doc, pick, position, my_topology, progress, lesson }) => {
                self.my_topology = my_topology.map(Rc::new);
                self.show(doc, pick, &[]);
                self.seek(position);
                self.progress = progress;
                self.welcome = false;
                if let Some((lesson, step)) = lesson {
                    return self.resume_lesson(Rc::new(lesson), step);
                }
            }
            Err(problems) => self.refuse(source, problems),
        }
        self
    }
}

struct Restored {
    doc: Document,
    pick: Pick,
    position: u64,
    my_topology: Option<Document>,
    progress: SortedMap<String, Progress>,
    lesson: Option<(Lesson, usize)>,
}

fn restored(text: &str) -> Result<Restored, Vec<Diagnostic>> {
    let value = crate::formats::parse_json(text).map_err(|problem| vec![problem])?;
    let saved: SavedWork = crate::formats::read::read(&value).map_err(|problem| vec![problem])?;
    if saved.kaiten_saved != SAVED_VERSION {
        return Err(vec![Diagnostic::new(
            "kaiten_saved",
            crate::formats::Problem::SavedVersion { version: saved.kaiten_saved.into() },
        )]);
    }
    let document = |value: &serde_json::Value| {
        let scenario = Scenario::from_json(&value.to_string())?;
        let clashes = scenario.duplicate_names();
        if clashes.is_empty() { Document::from_scenario(&scenario) } else { Err(clashes) }
    };
    let doc = document(&saved.scenario)?;
    let my_topology = saved.my_topology.as_ref().map(document).transpose()?;
    if let Some(name) = saved.scenario_name.as_deref()
        && crate::scenarios::by_name(name).is_none()
    {
        return Err(vec![Diagnostic::new(
            "scenario_name",
            crate::formats::Problem::NoBuiltinScenario { name: name.to_string() },
        )]);
    }
    let lesson = match saved.lesson {
        Some(kept) => Some((Lesson::from_value(kept.file)?, kept.step)),
        None => None,
    };
    let pick = saved.scenario_name.map_or(Pick::MyTopology, Pick::Builtin);
    Ok(Restored { doc, pick, position: saved.position, my_topology, progress: saved.progress, lesson })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::StudioAction;

    #[test]
    fn saved_work_comes_back_with_its_scenario_and_position() {
        let mut studio = Studio::with_builtin("rpc-call");
        for _ in 0..7 {
            studio = studio.apply(StudioAction::Step);
        }
        let text = studio.saved_work();
        let restored = Studio::default().apply(StudioAction::Restore(text));
        assert_eq!(restored.pick, Pick::Builtin("rpc-call".into()));
        assert_eq!(restored.editor.doc.nodes().len(), studio.editor.doc.nodes().len());
        assert_eq!(restored.run().unwrap().session.position(), studio.run().unwrap().session.position());
        assert_eq!(restored.saved_work(), studio.saved_work());
    }

    #[test]
    fn the_drawing_behind_a_built_in_scenario_is_kept_too() {
        let canvas = crate::scene::geometry::Size::new(800.0, 600.0);
        let studio = Studio::default()
            .apply(StudioAction::Edit(crate::editor::Action::AddNode {
                kind: crate::editor::NodeKind::Queue,
                at: None,
                canvas,
            }))
            .apply(StudioAction::Pick(Pick::Builtin("rpc-call".into())));
        let restored = Studio::default().apply(StudioAction::Restore(studio.saved_work()));
        let back = restored.apply(StudioAction::Pick(Pick::MyTopology));
        assert!(back.editor.doc.node_named("queue-1").is_some());
    }

    #[test]
    fn broken_saved_work_changes_nothing_and_says_why() {
        let forged = Studio::with_builtin("topics").saved_work().replace("\"topics\"", "\"<img src=x>\"");
        for text in
            ["", "{", "[]", r#"{"kaiten_saved": 9, "scenario_name": null, "position": 0, "scenario": {}}"#, &forged]
        {
            let studio = Studio::with_builtin("topics");
            let doc = studio.editor.doc.clone();
            let after = studio.apply(StudioAction::Restore(text.to_string()));
            assert!(!after.problems.is_empty(), "{text}");
            assert!(Rc::ptr_eq(&doc, &after.editor.doc), "{text}");
            assert!(after.problems[0].path.starts_with("saved work"), "{text}: {:?}", after.problems);
        }
    }
}
