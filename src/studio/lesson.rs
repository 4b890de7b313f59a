//! A lesson driven in the studio: which step is shown, the learner's answer to a question and
//! its verdict, a task's goals re-evaluated after every edit, hints and Show solution, and the
//! progress kept per lesson (started, solved, shown; the fewest edits used). The engine
//! answers through `lesson::oracle`; this module only holds where the learner is.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::editor::state::Replacement;
use crate::editor::{Action, Document};
use crate::engine::SortedMap;
use crate::formats::scenario::Diagnostic;
use crate::lesson::check::scenario_before;
use crate::lesson::drill::{self, Difficulty};
use crate::lesson::oracle::{Answer, Choice, Oracle, Why, answer, evaluate};
use crate::lesson::{Lesson, Step, Task, edit};
use crate::studio::run::Run;
use crate::studio::{Pick, Studio};

/// How far a learner got with a lesson, in order: solved beats shown beats started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LessonState {
    Started,
    /// Finished, with at least one task's solution shown.
    Shown,
    Solved,
}

/// What the studio remembers of one lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub state: LessonState,
    /// The fewest edits a solve took (tasks solved by the learner, not shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fewest_edits: Option<u64>,
}

/// What a lesson action does.
#[derive(Debug, Clone, PartialEq)]
pub enum LessonAction {
    /// Starts a built-in lesson by name (in the browser, once its file is fetched).
    Start(String),
    /// A built-in lesson's file, fetched (`None`: it could not be).
    Loaded {
        name: String,
        text: Option<String>,
    },
    /// Starts a lesson read from a file or a link.
    StartLesson(Rc<Lesson>),
    /// Starts a topic drill question of this difficulty, generated from this seed.
    Drill {
        difficulty: Difficulty,
        seed: u64,
    },
    Next,
    Back,
    /// Ticks or unticks a choice of the current question (a single-answer question keeps one).
    Choose(Choice),
    /// The number typed for a `queue_depth` question.
    Number(Option<u64>),
    Check,
    TryAgain,
    Hint,
    ShowSolution,
    /// Back to the canvas as it was before the lesson.
    Leave,
    /// Hides the first-visit offer.
    Dismiss,
    /// Opens or closes the lesson list.
    ShowList(bool),
}

/// The lesson being followed.
#[derive(Debug, Clone)]
pub struct LessonView {
    pub lesson: Rc<Lesson>,
    pub step: usize,
    /// The current question, as the engine answers it (computed when the step is shown).
    pub oracle: Option<Rc<Oracle>>,
    pub chosen: Vec<Choice>,
    pub number: Option<u64>,
    /// The verdict on the learner's answer, once checked.
    pub right: Option<bool>,
    /// The current task's goals, true when met.
    pub goals: Vec<bool>,
    /// Hints shown for the current task.
    pub hints: usize,
    /// The current task's solution was shown.
    pub shown: bool,
    /// Edits made in the current task.
    pub edits: u64,
    /// The drill's difficulty, when this is a drill.
    pub drill: Option<Difficulty>,
    // Tasks finished (by step index), true when solved, false when shown.
    finished: SortedMap<usize, bool>,
    edits_total: u64,
    // The canvas, pick and drawing before the lesson, for Leave (and what saved work keeps).
    pub(crate) before: (Rc<Document>, Pick, Option<Rc<Document>>),
}

impl LessonView {
    pub fn current(&self) -> &Step {
        &self.lesson.steps[self.step]
    }

    pub fn task(&self) -> Option<&Task> {
        match self.current() {
            Step::Task(task) => Some(task),
            _ => None,
        }
    }

    /// Whether the current task's goals are all met.
    pub fn task_done(&self) -> bool {
        self.task().is_some() && !self.goals.is_empty() && self.goals.iter().all(|met| *met)
    }

    /// The answer the learner gave (or is giving).
    pub fn given(&self) -> Answer {
        match self.oracle.as_deref() {
            Some(oracle) if oracle.numeric => Answer::Number(self.number.unwrap_or(u64::MAX)),
            _ => Answer::Choices(self.chosen.clone()),
        }
    }

    /// The edits of the reference solutions of every task.
    pub fn reference_edits(&self) -> u64 {
        self.lesson.tasks().map(|(_, task)| task.solution.len() as u64).sum()
    }
}

impl Studio {
    /// The choice of the open, unanswered question that names this node of the canvas (a
    /// queue of a `routed` question, a consumer of a `delivered_to` one), if any.
    pub(crate) fn canvas_choice(&self, node: crate::editor::NodeId) -> Option<Choice> {
        let view = self.lesson.as_ref().filter(|view| view.right.is_none())?;
        let name = self.editor.doc.name(node)?;
        view.oracle
            .as_ref()?
            .choices
            .iter()
            .find(|choice| matches!(choice, Choice::Queue(queue) | Choice::Actor(queue) if queue == name))
            .cloned()
    }

    pub(crate) fn lesson_action(mut self, action: LessonAction) -> Studio {
        match action {
            LessonAction::Start(name) if crate::lesson::names().any(|known| known == name) => {
                let text = crate::lesson::builtin_text(&name).map(str::to_string);
                // The lesson asked for replaces the first-visit offer and the list at once, as
                // when it starts, though in the browser its file is still on the way.
                self.welcome = false;
                self.lessons_open = false;
                self.lesson_fetch = Some(name.clone());
                if text.is_some() {
                    return self.lesson_action(LessonAction::Loaded { name, text });
                }
            }
            LessonAction::Start(name) => {
                let names: Vec<String> = crate::lesson::names().map(str::to_string).collect();
                self.problems =
                    vec![Diagnostic::new("lesson", crate::formats::Problem::NoBuiltinLesson { name, names })];
            }
            // Only the file last asked for starts: a slow fetch is not opened over a later choice.
            LessonAction::Loaded { name, text } if self.lesson_fetch.as_ref() == Some(&name) => {
                self.lesson_fetch = None;
                match text.as_deref().map(Lesson::from_json) {
                    Some(Ok(lesson)) => return self.start_lesson(Rc::new(lesson), None),
                    Some(Err(problems)) => self.refuse(&name, problems),
                    None => {
                        self.problems =
                            vec![Diagnostic::new("lesson", crate::formats::Problem::LessonUnavailable { name })];
                    }
                }
            }
            LessonAction::Loaded { .. } => {}
            LessonAction::StartLesson(lesson) => return self.start_lesson(lesson, None),
            LessonAction::Drill { difficulty, seed } => {
                return self.start_lesson(Rc::new(drill::lesson(seed, difficulty)), Some(difficulty));
            }
            LessonAction::Dismiss => self.welcome = false,
            LessonAction::ShowList(open) => {
                self.lessons_open = open;
                self.welcome = false;
            }
            action => {
                let Some(mut view) = self.lesson.take() else { return self };
                match action {
                    LessonAction::Next if view.step + 1 < view.lesson.steps.len() => {
                        self.finish_task(&mut view);
                        view.step += 1;
                        self.enter(&mut view);
                    }
                    LessonAction::Next => {
                        self.finish_task(&mut view);
                        self.finish_lesson(&view);
                    }
                    LessonAction::Back if view.step > 0 => {
                        view.step -= 1;
                        self.enter(&mut view);
                    }
                    LessonAction::Choose(choice) if view.right.is_none() => {
                        let multiple = view.oracle.as_ref().is_some_and(|oracle| oracle.multiple);
                        match view.chosen.iter().position(|chosen| *chosen == choice) {
                            Some(at) => {
                                view.chosen.remove(at);
                            }
                            None if multiple => view.chosen.push(choice),
                            None => view.chosen = vec![choice],
                        }
                    }
                    LessonAction::Number(number) if view.right.is_none() => view.number = number,
                    LessonAction::Check => {
                        if let Some(oracle) = view.oracle.clone() {
                            view.right = Some(oracle.is_right(&view.given()));
                            self.play_to_answer(&oracle);
                        }
                    }
                    LessonAction::TryAgain => {
                        view.right = None;
                        view.chosen.clear();
                        view.number = None;
                        let moment = view.lesson.moment_at(view.step);
                        self.play_to(moment);
                    }
                    LessonAction::Hint => {
                        let n_hints = view.task().map_or(0, |task| task.hints.len());
                        view.hints = (view.hints + 1).min(n_hints);
                    }
                    LessonAction::ShowSolution => {
                        if let Some(solution) = view.task().map(|task| task.solution.clone()) {
                            let scenario = self.editor.doc.to_scenario();
                            match edit::apply(&scenario, &solution).and_then(|solved| Document::from_scenario(&solved))
                            {
                                Ok(doc) => {
                                    view.shown = true;
                                    self.lesson = Some(view);
                                    self.editor = std::mem::take(&mut self.editor)
                                        .apply(Action::Replace(Replacement(Rc::new(doc))));
                                    self.playing = false;
                                    self.rebuild(None);
                                    let mut view = self.lesson.take().expect("the lesson is on");
                                    self.evaluate_goals(&mut view);
                                    self.lesson = Some(view);
                                    return self;
                                }
                                Err(problems) => self.refuse("solution", problems),
                            }
                        }
                    }
                    LessonAction::Leave => {
                        let (doc, pick, drawing) = view.before.clone();
                        self.my_topology = drawing;
                        self.show((*doc).clone(), pick, &[]);
                        return self;
                    }
                    _ => {}
                }
                self.lesson = Some(view);
            }
        }
        self
    }

    /// Starts `lesson` at step `step` (kept work resumes there).
    pub(crate) fn resume_lesson(self, lesson: Rc<Lesson>, step: usize) -> Studio {
        let mut studio = self.start_lesson(lesson, None);
        if let Some(mut view) = studio.lesson.take() {
            view.step = step.min(view.lesson.steps.len() - 1);
            studio.enter(&mut view);
            studio.lesson = Some(view);
        }
        studio
    }

    fn start_lesson(mut self, lesson: Rc<Lesson>, drill: Option<Difficulty>) -> Studio {
        let opened = scenario_before(&lesson, 0).and_then(|scenario| {
            let doc = Document::from_scenario(&scenario)?;
            let unsaved = doc.unsaved_positions(&scenario);
            Ok((doc, unsaved))
        });
        let (doc, unsaved) = match opened {
            Ok(opened) => opened,
            Err(problems) => {
                self.refuse(&lesson.name, problems);
                return self;
            }
        };
        // Leave brings back what was there, as it was, even from inside another lesson.
        let before = match self.lesson.take() {
            Some(view) => view.before,
            None => (self.editor.doc.clone(), self.pick.clone(), self.my_topology.clone()),
        };
        if self.pick == Pick::MyTopology {
            self.my_topology = Some(self.editor.doc.clone());
        }
        self.welcome = false;
        self.lessons_open = false;
        self.shared = false;
        self.show(doc, Pick::MyTopology, &unsaved);
        if drill.is_none() {
            let progress = self
                .progress
                .entry(lesson.name.clone())
                .or_insert(Progress { state: LessonState::Started, fewest_edits: None });
            progress.state = progress.state.max(LessonState::Started);
        }
        let mut view = LessonView {
            lesson,
            step: 0,
            oracle: None,
            chosen: Vec::new(),
            number: None,
            right: None,
            goals: Vec::new(),
            hints: 0,
            shown: false,
            edits: 0,
            drill,
            finished: SortedMap::new(),
            edits_total: 0,
            before,
        };
        self.enter(&mut view);
        self.lesson = Some(view);
        self
    }

    /// Shows step `view.step`: plays to its moment, asks the engine its question, or
    /// evaluates its task's goals.
    fn enter(&mut self, view: &mut LessonView) {
        view.oracle = None;
        view.chosen.clear();
        view.number = None;
        view.right = None;
        view.goals.clear();
        view.hints = 0;
        view.shown = false;
        view.edits = 0;
        let moment = view.lesson.moment_at(view.step);
        self.play_to(moment);
        match view.current().clone() {
            Step::Say(_) => {}
            Step::Predict(predict) => {
                let scenario = self.editor.doc.to_scenario();
                view.oracle = answer(&scenario, moment, &predict.ask).ok().map(Rc::new);
            }
            Step::Task(_) => self.evaluate_goals(view),
        }
    }

    fn play_to(&mut self, moment: crate::engine::SimTime) {
        self.playing = false;
        self.with_run(|run| run.compute_past(moment));
        let position = self.run().map(|run| run.position_at(moment));
        if let Some(position) = position {
            self.seek(position);
        }
    }

    /// After a checked answer the run moves to where it is settled: the entry that decided,
    /// the asked time, or the end of the run for a call's outcome.
    fn play_to_answer(&mut self, oracle: &Oracle) {
        self.with_run(Run::finish);
        let target = match &oracle.why {
            Why::Entry(idx) => oracle.run.trace.get(*idx).map(|entry| entry.step + 1),
            Why::Depth { at_ms, .. } => self.run().map(|run| run.position_at(*at_ms)),
            Why::Outcome(_) => self.run().map(|run| run.end),
            Why::Route { .. } => None,
        };
        if let Some(target) = target {
            self.playing = false;
            let end = self.run().map_or(0, |run| run.end);
            self.seek(target.min(end));
        }
    }

    pub(crate) fn evaluate_goals(&self, view: &mut LessonView) {
        if let Some(task) = view.task() {
            let goals: Vec<_> = task.goals.iter().map(|named| named.goal.clone()).collect();
            view.goals = evaluate(&self.editor.doc.to_scenario(), &goals);
        }
    }

    /// Counts an edit of the canvas during a task and evaluates its goals again.
    pub(crate) fn lesson_edited(&mut self) {
        if let Some(mut view) = self.lesson.take() {
            if view.task().is_some() && !view.task_done() {
                view.edits += 1;
                view.edits_total += 1;
                self.evaluate_goals(&mut view);
            }
            self.lesson = Some(view);
        }
    }

    fn finish_task(&mut self, view: &mut LessonView) {
        if view.task_done() {
            view.finished.insert(view.step, !view.shown);
        }
    }

    /// The last step's Next: the lesson is solved when every task was solved by the learner.
    fn finish_lesson(&mut self, view: &LessonView) {
        if view.drill.is_some() {
            return;
        }
        let n_tasks = view.lesson.tasks().count();
        if view.finished.len() < n_tasks {
            return;
        }
        let solved = view.finished.values().all(|by_learner| *by_learner);
        let entry = self
            .progress
            .entry(view.lesson.name.clone())
            .or_insert(Progress { state: LessonState::Started, fewest_edits: None });
        entry.state = entry.state.max(if solved { LessonState::Solved } else { LessonState::Shown });
        if solved && n_tasks > 0 {
            entry.fewest_edits =
                Some(entry.fewest_edits.map_or(view.edits_total, |fewest| fewest.min(view.edits_total)));
        }
    }

    /// The progress as a file, for Export progress.
    pub fn progress_file(&self) -> String {
        let file = ProgressFile { kaiten_progress: PROGRESS_VERSION, lessons: self.progress.clone() };
        serde_json::to_string_pretty(&file).expect("progress serializes")
    }

    /// Merges an exported progress file into this one (the better state of each lesson wins).
    pub(crate) fn import_progress(mut self, text: &str) -> Studio {
        match read_progress(text) {
            Ok(imported) => {
                for (name, progress) in imported {
                    let entry = self.progress.entry(name).or_insert(progress);
                    entry.state = entry.state.max(progress.state);
                    entry.fewest_edits = match (entry.fewest_edits, progress.fewest_edits) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
            Err(problems) => self.refuse("progress", problems),
        }
        self
    }
}

const PROGRESS_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ProgressFile {
    kaiten_progress: u32,
    lessons: SortedMap<String, Progress>,
}

fn read_progress(text: &str) -> Result<SortedMap<String, Progress>, Vec<Diagnostic>> {
    let value = crate::formats::parse_json(text).map_err(|problem| vec![problem])?;
    let file: ProgressFile = crate::formats::read::read(&value).map_err(|problem| vec![problem])?;
    if file.kaiten_progress != PROGRESS_VERSION {
        return Err(vec![Diagnostic::new(
            "kaiten_progress",
            crate::formats::Problem::SavedVersion { version: file.kaiten_progress.into() },
        )]);
    }
    Ok(file.lessons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::fields::Field;
    use crate::studio::StudioAction;

    fn lesson(studio: Studio, action: LessonAction) -> Studio {
        studio.apply(StudioAction::Lesson(action))
    }

    #[test]
    fn a_question_is_answered_wrongly_then_rightly_with_the_engine_s_answer() {
        let mut studio = lesson(Studio::default(), LessonAction::Start("direct-routing".into()));
        studio = lesson(studio, LessonAction::Next);
        let view = studio.lesson.as_ref().unwrap();
        assert_eq!(view.step, 1);
        let oracle = view.oracle.clone().expect("the engine answers");
        assert!(oracle.choices.contains(&Choice::Queue("errors".into())));
        studio = lesson(studio, LessonAction::Choose(Choice::Queue("errors".into())));
        studio = lesson(studio, LessonAction::Check);
        assert_eq!(studio.lesson.as_ref().unwrap().right, Some(false));
        studio = lesson(studio, LessonAction::TryAgain);
        assert_eq!(studio.lesson.as_ref().unwrap().right, None);
        for queue in ["errors", "all"] {
            studio = lesson(studio, LessonAction::Choose(Choice::Queue(queue.into())));
        }
        studio = lesson(studio, LessonAction::Check);
        assert_eq!(studio.lesson.as_ref().unwrap().right, Some(true));
        assert_eq!(studio.progress[&"direct-routing".to_string()].state, LessonState::Started);
        for _ in 0..3 {
            studio = lesson(studio, LessonAction::Next);
        }
        assert_eq!(studio.progress[&"direct-routing".to_string()].state, LessonState::Solved);
    }

    #[test]
    fn a_task_is_solved_by_editing_the_canvas_and_leave_brings_the_canvas_back() {
        let before = Studio::with_builtin("topics");
        let nodes_before = before.editor.doc.nodes().len();
        let mut studio = lesson(before, LessonAction::Start("fix-the-binding".into()));
        studio = lesson(studio, LessonAction::Next);
        assert_eq!(studio.lesson.as_ref().unwrap().goals, [false, false]);
        // The learner's own fix: edit the binding key in the inspector, as the hint says.
        let topology = &studio.editor.doc.topology;
        let binding = topology.bindings().find(|binding| binding.routing_key == "eror").expect("the broken binding").id;
        let item = crate::editor::Item::Edge(crate::editor::EdgeId::Binding(binding));
        studio =
            studio.apply(StudioAction::Edit(Action::SetField { item, field: Field::BindingKey, text: "error".into() }));
        let view = studio.lesson.as_ref().unwrap();
        assert_eq!(view.goals, [true, true], "the goals turn done");
        assert_eq!(view.edits, 1);
        studio = lesson(studio, LessonAction::Next);
        assert_eq!(
            studio.progress[&"fix-the-binding".to_string()],
            Progress { state: LessonState::Solved, fewest_edits: Some(1) }
        );
        studio = lesson(studio, LessonAction::Leave);
        assert!(studio.lesson.is_none());
        assert_eq!(studio.pick, Pick::Builtin("topics".into()));
        assert_eq!(studio.editor.doc.nodes().len(), nodes_before);
    }

    #[test]
    fn clicking_a_queue_on_the_canvas_ticks_it_and_clicking_again_unticks_it() {
        let mut studio = lesson(Studio::default(), LessonAction::Start("direct-routing".into()));
        studio = lesson(studio, LessonAction::Next);
        let select = |studio: Studio, name: &str| {
            let node = studio.editor.doc.node_named(name).unwrap();
            studio.apply(StudioAction::Edit(Action::Select(crate::editor::Item::Node(node))))
        };
        // A mouse click: a press on the node and its release where it was.
        let click = |studio: Studio, name: &str| {
            use crate::editor::gesture::{Phase, PointerInput};
            let node = studio.editor.doc.node_named(name).unwrap();
            let world = studio.editor.doc.position(node).unwrap() + crate::scene::geometry::Point::new(20.0, 20.0);
            let at = studio.editor.view.to_screen(world);
            let press = |phase| PointerInput { phase, pointer: 1, at, shift: false, middle: false, touch: false };
            studio
                .apply(StudioAction::Edit(Action::Pointer(press(Phase::Down))))
                .apply(StudioAction::Edit(Action::Pointer(press(Phase::Up))))
        };
        studio = click(studio, "errors");
        studio = select(studio, "all");
        studio = click(studio, "error_logger");
        assert_eq!(
            studio.lesson.as_ref().unwrap().chosen,
            [Choice::Queue("errors".into()), Choice::Queue("all".into())]
        );
        studio = select(studio, "errors");
        assert_eq!(studio.lesson.as_ref().unwrap().chosen, [Choice::Queue("all".into())]);
        studio = lesson(studio, LessonAction::Check);
        let checked = select(studio.clone(), "errors");
        assert_eq!(checked.lesson.as_ref().unwrap().chosen, studio.lesson.as_ref().unwrap().chosen, "answered");
    }

    #[test]
    fn a_fetched_lesson_starts_only_if_it_is_the_one_asked_for_and_a_failed_fetch_is_said() {
        // As in the browser, which fetches the file: the studio waits for `Loaded`.
        let text = |name: &str| crate::lesson::builtin_text(name).map(str::to_string);
        let mut waiting = Studio::with_builtin("topics");
        waiting.lesson_fetch = Some("fix-the-binding".into());
        let mut offered = Studio { welcome: true, ..Studio::default() };
        offered = lesson(offered, LessonAction::Start("fix-the-binding".into()));
        assert!(!offered.welcome && offered.lesson.is_some());
        let stale = lesson(
            waiting.clone(),
            LessonAction::Loaded { name: "direct-routing".into(), text: text("direct-routing") },
        );
        assert!(stale.lesson.is_none() && stale.lesson_fetch.is_some());
        let started = lesson(
            waiting.clone(),
            LessonAction::Loaded { name: "fix-the-binding".into(), text: text("fix-the-binding") },
        );
        assert_eq!(started.lesson.as_ref().map(|view| view.lesson.name.as_str()), Some("fix-the-binding"));
        assert_eq!(started.lesson_fetch, None);
        let failed = lesson(waiting, LessonAction::Loaded { name: "fix-the-binding".into(), text: None });
        assert!(failed.lesson.is_none() && failed.lesson_fetch.is_none());
        assert_eq!(
            failed.problems[0].problem,
            crate::formats::Problem::LessonUnavailable { name: "fix-the-binding".into() }
        );
    }

    #[test]
    fn an_unknown_lesson_is_said_and_changes_nothing() {
        let before = Studio::with_builtin("topics");
        let after = lesson(before.clone(), LessonAction::Start("nope".into()));
        assert!(after.lesson.is_none());
        assert!(Rc::ptr_eq(&before.editor.doc, &after.editor.doc));
        let crate::formats::Problem::NoBuiltinLesson { name, names } = &after.problems[0].problem else {
            panic!("{:?}", after.problems);
        };
        assert_eq!(name, "nope");
        assert!(names.iter().any(|name| name == "message-bus"), "{names:?}");
    }

    #[test]
    fn show_solution_meets_the_goals_but_counts_as_shown() {
        let mut studio = lesson(Studio::default(), LessonAction::Start("fix-the-binding".into()));
        studio = lesson(studio, LessonAction::Next);
        studio = lesson(studio, LessonAction::Hint);
        studio = lesson(studio, LessonAction::Hint);
        studio = lesson(studio, LessonAction::Hint);
        assert_eq!(studio.lesson.as_ref().unwrap().hints, 2);
        studio = lesson(studio, LessonAction::ShowSolution);
        assert_eq!(studio.lesson.as_ref().unwrap().goals, [true, true]);
        studio = lesson(studio, LessonAction::Next);
        assert_eq!(studio.progress[&"fix-the-binding".to_string()].state, LessonState::Shown);
        let exported = studio.progress_file();
        let imported = Studio::default().apply(StudioAction::ImportProgress(exported));
        assert_eq!(imported.progress, studio.progress);
    }
}
