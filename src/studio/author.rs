//! "Make a lesson from this canvas": a teacher's draft over the current canvas (captions, a
//! `routed` question whose answer the engine shows as it is set, and a "fix this" task that
//! takes one binding away for the learner to put back, with goals picked from a list), made
//! into a lesson file that the same reader and `lesson::check` take, then tried, saved as a
//! file, or shared as a link (a started lesson travels in Copy link).

use serde_json::{Value, json};

use crate::formats::scenario::{ActorSpec, Diagnostic, Scenario};
use crate::lesson::check::{Report, check};
use crate::lesson::oracle::{Answer, Choice, answer};
use crate::lesson::{Ask, Lesson};
use crate::sim::actors::ProducerConfig;
use crate::studio::Studio;
use crate::studio::lesson::LessonAction;

/// A goal a teacher can tick for the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalPick {
    /// The question's producer reaches the queues it reaches on the teacher's canvas.
    RoutedAsDrawn,
    NoMessageLost,
    NoDrops,
}

impl GoalPick {
    pub const ALL: [GoalPick; 3] = [GoalPick::RoutedAsDrawn, GoalPick::NoMessageLost, GoalPick::NoDrops];
}

/// A binding of the canvas, as the scenario file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingRef {
    pub source: String,
    pub destination: String,
    pub destination_is_queue: bool,
    pub routing_key: String,
}

/// The lesson being made. Texts are in the page's language (`lang`).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub lang: String,
    pub name: String,
    pub title: String,
    pub captions: Vec<String>,
    /// The question: a producer of the canvas, the routing key it publishes with, its words.
    pub producer: Option<String>,
    pub routing_key: String,
    pub question: String,
    /// The task: the binding the learner must put back, what it asks, the goals ticked.
    pub broken: Option<BindingRef>,
    pub task: String,
    pub goals: Vec<GoalPick>,
    /// The goals' names in the page's language, in [`GoalPick::ALL`]'s order (the first
    /// with `{producer}` and `{queues}`).
    pub goal_names: Vec<String>,
}

/// What a teacher changes in the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthorAction {
    /// Opens a draft over the current canvas, in this language, with these default words
    /// (the page's: a question about `{producer}` and `{key}`, and a task).
    Open {
        lang: String,
        question: String,
        task: String,
        goal_names: Vec<String>,
    },
    Close,
    Name(String),
    Title(String),
    Caption(usize, String),
    AddCaption,
    RemoveCaption(usize),
    Producer(Option<String>),
    RoutingKey(String),
    Question(String),
    /// The binding (by its index in [`Studio::draft_bindings`]) to take away, or none.
    Broken(Option<usize>),
    Task(String),
    Goal(GoalPick, bool),
    /// Starts the lesson as a learner would see it.
    Try,
}

impl Studio {
    /// The producers of the canvas, by name.
    pub fn draft_producers(&self) -> Vec<String> {
        self.editor
            .doc
            .to_scenario()
            .actors
            .iter()
            .filter_map(|actor| producer_of(actor).map(|p| p.name.clone()))
            .collect()
    }

    /// The bindings of the canvas, in file order.
    pub fn draft_bindings(&self) -> Vec<BindingRef> {
        let scenario = self.editor.doc.to_scenario();
        let bindings = scenario.definitions.get("bindings").and_then(Value::as_array).cloned().unwrap_or_default();
        bindings
            .iter()
            .map(|binding| {
                let text = |key: &str| binding.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
                BindingRef {
                    source: text("source"),
                    destination: text("destination"),
                    destination_is_queue: text("destination_type") != "exchange",
                    routing_key: text("routing_key"),
                }
            })
            .collect()
    }

    pub(crate) fn author(mut self, action: AuthorAction) -> Studio {
        if let AuthorAction::Open { lang, question, task, goal_names } = action {
            let producers = self.draft_producers();
            let scenario = self.editor.doc.to_scenario();
            let producer = producers.first().cloned();
            let routing_key = producer.as_ref().and_then(|name| producer_key(&scenario, name)).unwrap_or_default();
            let name = format!("{}-lesson", self.editor.doc.settings.name);
            self.draft = Some(Draft {
                lang,
                title: self.editor.doc.settings.name.clone(),
                name,
                captions: vec![self.editor.doc.settings.watch.clone()],
                producer,
                routing_key,
                question,
                broken: None,
                task,
                goals: vec![GoalPick::RoutedAsDrawn],
                goal_names,
            });
            return self;
        }
        if matches!(action, AuthorAction::Try) {
            return match self.draft_lesson() {
                Ok(lesson) => {
                    self.draft = None;
                    self.lesson_action(LessonAction::StartLesson(std::rc::Rc::new(lesson)))
                }
                Err(problems) => {
                    self.problems = problems;
                    self
                }
            };
        }
        let bindings = self.draft_bindings();
        let scenario = self.editor.doc.to_scenario();
        let Some(draft) = self.draft.as_mut() else { return self };
        match action {
            AuthorAction::Close => self.draft = None,
            AuthorAction::Name(name) => draft.name = name,
            AuthorAction::Title(title) => draft.title = title,
            AuthorAction::Caption(idx, text) => {
                if let Some(caption) = draft.captions.get_mut(idx) {
                    *caption = text;
                }
            }
            AuthorAction::AddCaption => draft.captions.push(String::new()),
            AuthorAction::RemoveCaption(idx) => {
                if idx < draft.captions.len() {
                    draft.captions.remove(idx);
                }
            }
            AuthorAction::Producer(producer) => {
                draft.routing_key =
                    producer.as_ref().and_then(|name| producer_key(&scenario, name)).unwrap_or_default();
                draft.producer = producer;
            }
            AuthorAction::RoutingKey(key) => draft.routing_key = key,
            AuthorAction::Question(text) => draft.question = text,
            AuthorAction::Broken(idx) => draft.broken = idx.and_then(|idx| bindings.get(idx).cloned()),
            AuthorAction::Task(text) => draft.task = text,
            AuthorAction::Goal(goal, on) => {
                draft.goals.retain(|picked| *picked != goal);
                if on {
                    draft.goals.push(goal);
                }
            }
            AuthorAction::Open { .. } | AuthorAction::Try => {}
        }
        self
    }

    /// The queues the draft's question routes to, as the engine answers it on the canvas the
    /// learner starts from (without the binding the task takes away).
    pub fn draft_answer(&self) -> Option<Vec<String>> {
        let lesson = self.draft_lesson().ok()?;
        self.routed_on(&lesson.scenario)
    }

    /// The queues the draft's question routes to on `scenario`.
    fn routed_on(&self, scenario: &Scenario) -> Option<Vec<String>> {
        let draft = self.draft.as_ref()?;
        let producer = draft.producer.clone()?;
        let ask = Ask::Routed { producer, routing_key: Some(draft.routing_key.clone()), headers: None };
        let oracle = answer(scenario, 0, &ask).ok()?;
        let Answer::Choices(choices) = oracle.answer else { return None };
        Some(
            choices
                .into_iter()
                .filter_map(|choice| if let Choice::Queue(queue) = choice { Some(queue) } else { None })
                .collect(),
        )
    }

    /// The draft as a lesson file.
    pub fn draft_file(&self) -> Option<Value> {
        let draft = self.draft.as_ref()?;
        let text = |words: &str| json!({ draft.lang.clone(): words });
        let mut scenario = serde_json::from_str::<Value>(&self.scenario_file()).ok()?;
        let mut steps: Vec<Value> = draft
            .captions
            .iter()
            .filter(|caption| !caption.trim().is_empty())
            .map(|caption| json!({"kind": "say", "text": text(caption)}))
            .collect();
        if let Some(producer) = &draft.producer {
            let question = draft.question.replace("{producer}", producer).replace("{key}", &draft.routing_key);
            steps.push(json!({"kind": "predict", "question": text(&question),
                "ask": {"kind": "routed", "producer": producer, "routing_key": draft.routing_key}}));
        }
        if let Some(broken) = &draft.broken {
            // The learner starts without the binding; putting it back is the solution.
            if let Some(bindings) = scenario.pointer_mut("/definitions/bindings").and_then(Value::as_array_mut) {
                bindings.retain(|binding| {
                    let text = |key: &str| binding.get(key).and_then(Value::as_str).unwrap_or_default();
                    !(text("source") == broken.source
                        && text("destination") == broken.destination
                        && text("routing_key") == broken.routing_key)
                });
            }
            // The goal: route as the teacher's canvas does.
            let queues = self.routed_on(&self.editor.doc.to_scenario()).unwrap_or_default();
            let named = |goal: GoalPick| {
                let at = GoalPick::ALL.iter().position(|each| *each == goal).unwrap_or_default();
                draft.goal_names.get(at).cloned().unwrap_or_default()
            };
            let goals: Vec<Value> = GoalPick::ALL
                .iter()
                .filter(|goal| draft.goals.contains(goal))
                .filter_map(|goal| match goal {
                    GoalPick::RoutedAsDrawn => draft.producer.as_ref().map(|producer| {
                        let name = named(*goal).replace("{producer}", producer).replace("{queues}", &queues.join(", "));
                        json!({"name": text(&name),
                            "check": {"kind": "routed", "producer": producer, "routing_key": draft.routing_key, "queues": queues}})
                    }),
                    GoalPick::NoMessageLost => {
                        Some(json!({"name": text(&named(*goal)), "check": {"kind": "no_message_lost"}}))
                    }
                    GoalPick::NoDrops => Some(json!({"name": text(&named(*goal)), "check": {"kind": "no_drops"}})),
                })
                .collect();
            let destination_type = if broken.destination_is_queue { "queue" } else { "exchange" };
            steps.push(json!({"kind": "task", "text": text(&draft.task), "goals": goals, "hints": [],
                "solution": [{"kind": "bind", "source": broken.source, "destination": broken.destination,
                    "destination_type": destination_type, "routing_key": broken.routing_key}]}));
        }
        let title = if draft.broken.is_some() && !draft.title.starts_with("Fix this") && draft.lang == "en" {
            format!("Fix this topology: {}", draft.title)
        } else {
            draft.title.clone()
        };
        Some(json!({"kaiten_lesson": crate::lesson::LESSON_VERSION, "name": draft.name, "part": "bus",
            "title": text(&title), "scenario": scenario, "steps": steps}))
    }

    /// The draft read as a lesson, as a lesson file is.
    pub fn draft_lesson(&self) -> Result<Lesson, Vec<Diagnostic>> {
        let file = self.draft_file().ok_or_else(Vec::new)?;
        Lesson::from_value(file)
    }

    /// What `kaiten lesson check` says of the draft.
    pub fn draft_check(&self) -> Result<Report, Vec<Diagnostic>> {
        self.draft_lesson().map(|lesson| check(&lesson))
    }
}

fn producer_of(actor: &ActorSpec) -> Option<&ProducerConfig> {
    match actor {
        ActorSpec::Producer(config) => Some(config),
        _ => None,
    }
}

fn producer_key(scenario: &Scenario, name: &str) -> Option<String> {
    scenario.actors.iter().filter_map(producer_of).find(|p| p.name == name).map(|p| p.routing_key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::studio::StudioAction;

    fn open(name: &str) -> Studio {
        Studio::with_builtin(name).apply(StudioAction::Author(AuthorAction::Open {
            lang: "en".into(),
            question: "{producer} publishes with '{key}'. Which queues receive it?".into(),
            task: "Make it route as before.".into(),
            goal_names: vec!["{producer} reaches {queues}".into(), "no message lost".into(), "nothing dropped".into()],
        }))
    }

    #[test]
    fn a_draft_shows_the_engine_s_answer_and_makes_a_lesson_that_checks_out() {
        let mut studio = open("routing");
        assert_eq!(studio.draft_producers(), ["info_logger", "error_logger"]);
        studio = studio.apply(StudioAction::Author(AuthorAction::Producer(Some("error_logger".into()))));
        assert_eq!(studio.draft_answer().unwrap(), ["errors", "all"]);
        let errors = studio.draft_bindings().iter().position(|binding| binding.destination == "errors").unwrap();
        studio = studio.apply(StudioAction::Author(AuthorAction::Broken(Some(errors))));
        assert_eq!(studio.draft_answer().unwrap(), ["all"], "the learner starts without the binding");
        studio = studio.apply(StudioAction::Author(AuthorAction::Goal(GoalPick::NoDrops, true)));
        let report = studio.draft_check().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!((report.n_questions, report.n_tasks), (1, 1));
        let lesson = studio.draft_lesson().unwrap();
        assert!(lesson.title.get("en").starts_with("Fix this topology"));
        let started = studio.apply(StudioAction::Author(AuthorAction::Try));
        assert!(started.draft.is_none());
        assert_eq!(started.lesson.as_ref().unwrap().lesson.name, "routing-lesson");
    }

    #[test]
    fn a_task_whose_goals_hold_without_the_taken_binding_is_reported() {
        let mut studio = open("routing");
        studio = studio.apply(StudioAction::Author(AuthorAction::Producer(Some("error_logger".into()))));
        let info = studio.draft_bindings().iter().position(|binding| binding.routing_key == "info").unwrap();
        studio = studio.apply(StudioAction::Author(AuthorAction::Broken(Some(info))));
        let report = studio.draft_check().unwrap();
        assert!(
            matches!(report.problems[..], [crate::lesson::check::CheckProblem::AlreadySolved { .. }]),
            "{report:?}"
        );
        // hello-world has no binding of its own: its lesson is a caption and a question.
        let studio = open("hello-world");
        assert!(studio.draft_bindings().is_empty());
        let report = studio.draft_check().unwrap();
        assert_eq!((report.n_questions, report.n_tasks, report.problems.len()), (1, 0, 0));
    }
}
