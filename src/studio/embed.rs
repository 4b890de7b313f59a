//! The embeddable player (`embed.html`), without the browser: the options its address takes,
//! the studio it starts with, the snippet **Copy embed code** gives, and its versioned
//! `postMessage` protocol (every message `{"kaiten": 1, "kind": ...}`): commands in
//! ([`command`]) and reports out ([`Reporter`]). `web::embed` only wires these to the page.

use serde_json::{Value, json};

use crate::formats::Problem;
use crate::formats::scenario::Diagnostic;
use crate::formats::suggest::did_you_mean;
use crate::studio::lesson::LessonAction;
use crate::studio::run::Run;
use crate::studio::share::SHARE_PREFIX;
use crate::studio::{Panel, Pick, SPEEDS, Studio, StudioAction};

/// The protocol's version, the `kaiten` member of every message.
pub const PROTOCOL: u64 = 1;

/// The options an embed address takes.
pub const OPTIONS: [&str; 10] =
    ["scenario", "lesson", "step", "autoplay", "speed", "lang", "theme", "controls", "panes", "height"];

/// The player's heights, in CSS pixels, an address may ask for.
pub const HEIGHTS: (u64, u64) = (160, 4000);

/// The scenario a player plays when its address names none.
const DEFAULT_SCENARIO: &str = "hello-world";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The reader's system setting.
    #[default]
    Auto,
    Light,
    Dark,
}

/// Which playback controls the player shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Controls {
    None,
    /// Play/Pause only.
    Play,
    #[default]
    Full,
}

/// What an embed address asks for. Bad options are said and left at their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub scenario: Option<String>,
    pub lesson: Option<String>,
    pub step: Option<u64>,
    pub autoplay: bool,
    /// An index into [`SPEEDS`].
    pub speed: Option<usize>,
    /// A language tag the caller knows (checked against the `languages` given to `parse`).
    pub lang: Option<String>,
    pub theme: Theme,
    pub controls: Controls,
    /// The run views under the canvas, in the order asked (none by default).
    pub panes: Vec<Panel>,
    pub height: Option<u64>,
}

impl Default for EmbedOptions {
    fn default() -> EmbedOptions {
        EmbedOptions {
            scenario: None,
            lesson: None,
            step: None,
            autoplay: false,
            speed: None,
            lang: None,
            theme: Theme::Auto,
            controls: Controls::Full,
            panes: Vec::new(),
            height: None,
        }
    }
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| value.to_string()).collect()
}

fn one_of<T: Copy>(option: &str, value: &str, choices: &[(&str, T)]) -> Result<T, Diagnostic> {
    choices.iter().find(|(name, _)| *name == value).map(|(_, choice)| *choice).ok_or_else(|| {
        let values: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        Diagnostic::new(
            option,
            Problem::BadOption { option: option.into(), value: value.into(), values: strings(&values) },
        )
    })
}

fn whole(option: &str, value: &str, (min, max): (u64, u64)) -> Result<u64, Diagnostic> {
    value.parse().ok().filter(|number| (min..=max).contains(number)).ok_or_else(|| {
        Diagnostic::new(option, Problem::BadNumberOption { option: option.into(), value: value.into(), min, max })
    })
}

/// A speed as the protocol and the address write it (`0.25` .. `16`), as an index into [`SPEEDS`].
pub fn speed_index(option: &str, value: &str) -> Result<usize, Diagnostic> {
    let named: Vec<String> = SPEEDS.iter().map(|speed| speed.to_string()).collect();
    // serde_json's number reader, as `str::parse::<f64>` carries a 10 KB table into the bundle.
    let asked: Option<f64> = serde_json::from_str(value).ok();
    SPEEDS.iter().position(|speed| Some(*speed) == asked).ok_or_else(|| {
        Diagnostic::new(option, Problem::BadOption { option: option.into(), value: value.into(), values: named })
    })
}

impl EmbedOptions {
    /// Reads an address's query (`?scenario=rpc-call&step=12`, with or without the `?`).
    /// `languages` are the language tags the page speaks.
    pub fn parse(query: &str, languages: &[&str]) -> (EmbedOptions, Vec<Diagnostic>) {
        let mut options = EmbedOptions::default();
        let mut problems = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            let read: Result<(), Diagnostic> = match key.as_ref() {
                "scenario" => {
                    options.scenario = Some(value.to_string());
                    Ok(())
                }
                "lesson" => {
                    options.lesson = Some(value.to_string());
                    Ok(())
                }
                "step" => whole("step", value, (0, u64::MAX)).map(|step| options.step = Some(step)),
                "autoplay" => one_of("autoplay", value, &[("1", true), ("0", false), ("true", true), ("false", false)])
                    .map(|autoplay| options.autoplay = autoplay),
                "speed" => speed_index("speed", value).map(|speed| options.speed = Some(speed)),
                "lang" => match languages.iter().find(|tag| tag.eq_ignore_ascii_case(value)) {
                    Some(tag) => {
                        options.lang = Some(tag.to_string());
                        Ok(())
                    }
                    None => Err(Diagnostic::new(
                        "lang",
                        Problem::BadOption { option: "lang".into(), value: value.into(), values: strings(languages) },
                    )),
                },
                "theme" => {
                    one_of("theme", value, &[("light", Theme::Light), ("dark", Theme::Dark), ("auto", Theme::Auto)])
                        .map(|theme| options.theme = theme)
                }
                "controls" => one_of(
                    "controls",
                    value,
                    &[("none", Controls::None), ("play", Controls::Play), ("full", Controls::Full)],
                )
                .map(|controls| options.controls = controls),
                "panes" => {
                    let mut panes = Vec::new();
                    let mut bad = None;
                    for pane in value.split(',').map(str::trim).filter(|pane| !pane.is_empty()) {
                        let choices = [("log", Panel::Log), ("sequence", Panel::Sequence), ("charts", Panel::Charts)];
                        match one_of("panes", pane, &choices) {
                            Ok(pane) if !panes.contains(&pane) => panes.push(pane),
                            Ok(_) => {}
                            Err(problem) => bad = bad.or(Some(problem)),
                        }
                    }
                    options.panes = panes;
                    bad.map_or(Ok(()), Err)
                }
                "height" => whole("height", value, HEIGHTS).map(|height| options.height = Some(height)),
                other => Err(Diagnostic::new(
                    other,
                    Problem::UnknownOption {
                        option: other.to_string(),
                        suggestion: did_you_mean(other, &OPTIONS),
                        options: strings(&OPTIONS),
                    },
                )),
            };
            problems.extend(read.err());
        }
        (options, problems)
    }
}

impl Studio {
    /// The player's studio: what `options` or the address's share `fragment` names, play only
    /// (a lesson's tasks stay editable), at the asked step and speed, playing if asked.
    /// Problems with the step are returned with the studio's own.
    pub fn embedded(options: &EmbedOptions, fragment: &str) -> (Studio, Vec<Diagnostic>) {
        let mut studio = Studio { welcome: false, ..Studio::default() };
        let mut problems = Vec::new();
        if fragment.starts_with(SHARE_PREFIX) {
            studio = studio.apply(StudioAction::OpenShared(fragment.to_string()));
        } else if let Some(lesson) = &options.lesson {
            studio = studio.apply(StudioAction::Lesson(LessonAction::Start(lesson.clone())));
        } else {
            let name = options.scenario.clone().unwrap_or_else(|| DEFAULT_SCENARIO.to_string());
            studio = studio.apply(StudioAction::Pick(Pick::Builtin(name)));
        }
        studio.shared = studio.lesson.is_none();
        if let Some(speed) = options.speed {
            studio = studio.apply(StudioAction::SetSpeed(speed));
        }
        if let Some(step) = options.step {
            studio.with_run(Run::finish);
            let end = studio.run().map(|run| run.end);
            match end {
                Some(end) if step <= end => studio = studio.apply(StudioAction::Seek(step)),
                Some(end) => problems.push(Diagnostic::new(
                    "step",
                    Problem::BadNumberOption { option: "step".into(), value: step.to_string(), min: 0, max: end },
                )),
                None => {}
            }
        }
        if options.autoplay && studio.run().is_some() {
            studio = studio.apply(StudioAction::TogglePlay);
        }
        (studio, problems)
    }

    /// What **Copy embed code** gives for what is on screen: an `<iframe>` of the player and
    /// the loader's snippet, both playing the same scenario (at the current step when the
    /// run is not at its start). `base` is the address of the folder the app is served from.
    pub fn embed_code(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        let step = self.run().map(|run| run.session.position()).filter(|step| *step > 0);
        let title = self.editor.doc.settings.name.replace(['"', '<', '>', '&'], "");
        let step_query = step.map(|step| format!("&step={step}")).unwrap_or_default();
        let step_data = step.map(|step| format!(" data-step=\"{step}\"")).unwrap_or_default();
        let (address, name) = match self.unedited_builtin() {
            Some(name) => (format!("{base}/embed.html?scenario={name}{step_query}"), name),
            None => {
                let fragment = self.share_fragment(step.is_some());
                (format!("{base}/embed.html{fragment}"), fragment)
            }
        };
        format!(
            "<iframe src=\"{address}\" title=\"Kaiten: {title}\" width=\"100%\" height=\"480\" \
             style=\"border: 0\" loading=\"lazy\"></iframe>\n\n\
             <script src=\"{base}/kaiten-embed.js\" defer></script>\n\
             <div data-kaiten=\"{name}\"{step_data}></div>\n"
        )
    }

    /// The built-in scenario on the canvas, when it is as the built-in draws it.
    fn unedited_builtin(&self) -> Option<String> {
        let Pick::Builtin(name) = &self.pick else { return None };
        if self.lesson.is_some() {
            return None;
        }
        let fresh = Studio::with_builtin(name);
        (fresh.work_text(false, false) == self.work_text(false, false)).then(|| name.clone())
    }

    /// Acts on a command a host page sent.
    pub fn command(self, command: Command) -> Studio {
        let shared = self.shared;
        match command {
            Command::Play if !self.playing => self.apply(StudioAction::TogglePlay),
            Command::Play => self,
            Command::Pause => self.apply(StudioAction::Pause),
            Command::Seek(step) => self.apply(StudioAction::Seek(step)),
            Command::Step => self.apply(StudioAction::Step),
            Command::StepBack => self.apply(StudioAction::StepBack),
            Command::SetSpeed(speed) => self.apply(StudioAction::SetSpeed(speed)),
            Command::Load(text) => {
                let before = self.editor.doc.clone();
                let mut studio = self.apply(StudioAction::Open { name: "load".into(), bytes: text.into_bytes() });
                let opened = !std::rc::Rc::ptr_eq(&before, &studio.editor.doc) || studio.lesson.is_some();
                studio.shared = if opened { studio.lesson.is_none() } else { shared };
                studio
            }
        }
    }
}

/// What a host page can ask of the player.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Play,
    Pause,
    /// To this step of the run.
    Seek(u64),
    Step,
    StepBack,
    /// An index into [`SPEEDS`].
    SetSpeed(usize),
    /// A scenario, definitions or lesson file's text.
    Load(String),
}

/// The kinds of message the player takes.
pub const COMMANDS: [&str; 7] = ["play", "pause", "seek", "step", "step_back", "set_speed", "load"];

/// A message a host page posted: `None` when it is not the player's (no `"kaiten": 1`),
/// else the command or what is wrong with it.
pub fn command(message: &Value) -> Option<Result<Command, Diagnostic>> {
    if message.get("kaiten").and_then(Value::as_u64) != Some(PROTOCOL) {
        return None;
    }
    let kind = message.get("kind").and_then(Value::as_str).unwrap_or_default();
    let needs =
        |member: &str| Diagnostic::new(kind, Problem::MessageNeeds { kind: kind.into(), member: member.into() });
    Some(match kind {
        "play" => Ok(Command::Play),
        "pause" => Ok(Command::Pause),
        "step" => Ok(Command::Step),
        "step_back" => Ok(Command::StepBack),
        "seek" => message.get("step").and_then(Value::as_u64).map(Command::Seek).ok_or_else(|| needs("step")),
        "set_speed" => match message.get("speed") {
            Some(Value::Number(speed)) => speed_index("speed", &speed.to_string()).map(Command::SetSpeed),
            _ => Err(needs("speed")),
        },
        "load" => message
            .get("text")
            .and_then(Value::as_str)
            .map(|text| Command::Load(text.into()))
            .ok_or_else(|| needs("text")),
        other => {
            Err(Diagnostic::new("kind", Problem::UnknownMessage { kind: other.to_string(), kinds: strings(&COMMANDS) }))
        }
    })
}

/// A message the player posts.
pub fn message(kind: &str, members: Value) -> Value {
    let mut message = json!({"kaiten": PROTOCOL, "kind": kind});
    if let (Some(message), Value::Object(members)) = (message.as_object_mut(), members) {
        message.extend(members);
    }
    message
}

/// Tells a host page what changed since the last report: `ready` once per run (with its
/// length in `steps`), `step` after every move, `ended` when the run reaches its end, and a
/// lesson's verdicts (`lesson_check`) when they change.
#[derive(Debug, Default)]
pub struct Reporter {
    run: Option<std::rc::Rc<crate::editor::Document>>,
    step: Option<u64>,
    ended: bool,
    lesson: Option<Value>,
}

impl Reporter {
    pub fn report(&mut self, studio: &Studio) -> Vec<Value> {
        let mut out = Vec::new();
        let Some(run) = studio.run() else {
            self.run = None;
            return out;
        };
        // A run still being computed has no length to report yet (it is, in a few frames).
        if !run.is_complete() {
            return out;
        }
        let (step, end) = (run.session.position(), run.end);
        drop(run);
        if !self.run.as_ref().is_some_and(|doc| std::rc::Rc::ptr_eq(doc, &studio.editor.doc)) {
            self.run = Some(studio.editor.doc.clone());
            self.step = None;
            self.ended = false;
            out.push(message("ready", json!({"steps": end, "step": step})));
        }
        if self.step != Some(step) {
            self.step = Some(step);
            out.push(message("step", json!({"step": step, "time_ms": studio.display_time.round() as u64})));
        }
        let ended = step >= end && end > 0;
        if ended && !self.ended {
            out.push(message("ended", json!({"steps": end})));
        }
        self.ended = ended;
        let lesson = studio.lesson.as_ref().map(|view| {
            json!({
                "lesson": view.lesson.name,
                "step": view.step,
                "steps": view.lesson.steps.len(),
                "right": view.right,
                "goals": view.goals,
                "done": view.task_done(),
            })
        });
        if lesson.is_some() && lesson != self.lesson {
            out.push(message("lesson_check", lesson.clone().unwrap_or_default()));
        }
        self.lesson = lesson;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [&str; 2] = ["en", "zh-CN"];

    fn parse(query: &str) -> (EmbedOptions, Vec<Diagnostic>) {
        EmbedOptions::parse(query, &LANGUAGES)
    }

    #[test]
    fn an_address_reads_every_option() {
        let (options, problems) = parse(
            "?scenario=rpc-call&step=12&autoplay=1&speed=0.25&lang=zh-cn&theme=dark&controls=play&panes=log,%20sequence&height=600",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(options.scenario.as_deref(), Some("rpc-call"));
        assert_eq!(options.step, Some(12));
        assert!(options.autoplay);
        assert_eq!(options.speed, Some(0));
        assert_eq!(speed_index("speed", "16.0").ok().map(|index| SPEEDS[index]), Some(16.0));
        assert!(speed_index("speed", "fast").is_err() && speed_index("speed", "3").is_err());
        assert_eq!(options.lang.as_deref(), Some("zh-CN"));
        assert_eq!((options.theme, options.controls), (Theme::Dark, Controls::Play));
        assert_eq!(options.panes, vec![Panel::Log, Panel::Sequence]);
        assert_eq!(options.height, Some(600));
    }

    #[test]
    fn a_bad_or_unknown_option_is_named_and_the_others_still_apply() {
        let (options, problems) = parse("scenario=topics&sped=2&theme=blue&step=-1&panes=log,chart&height=5");
        assert_eq!(options.scenario.as_deref(), Some("topics"));
        assert_eq!(options.panes, vec![Panel::Log]);
        assert_eq!((options.theme, options.step, options.height), (Theme::Auto, None, None));
        let paths: Vec<&str> = problems.iter().map(|problem| problem.path.as_str()).collect();
        assert_eq!(paths, ["sped", "theme", "step", "panes", "height"]);
        assert_eq!(
            problems[0].problem,
            Problem::UnknownOption {
                option: "sped".into(),
                suggestion: Some("speed".into()),
                options: strings(&OPTIONS)
            }
        );
        let (_, problems) = parse("speed=3");
        assert!(matches!(&problems[0].problem, Problem::BadOption { values, .. } if values.len() == SPEEDS.len()));
    }

    #[test]
    fn the_player_opens_play_only_at_the_asked_step_and_a_step_past_the_end_is_said() {
        let (options, _) = parse("scenario=rpc-call&step=5&speed=4");
        let (studio, problems) = Studio::embedded(&options, "");
        assert!(problems.is_empty() && studio.problems.is_empty(), "{problems:?}");
        assert!(studio.shared && !studio.welcome && !studio.playing);
        assert_eq!(studio.run().unwrap().session.position(), 5);
        assert_eq!(SPEEDS[studio.speed], 4.0);

        let (options, _) = parse("scenario=rpc-call&step=99999&autoplay=1");
        let (studio, problems) = Studio::embedded(&options, "");
        assert!(matches!(problems[0].problem, Problem::BadNumberOption { min: 0, .. }), "{problems:?}");
        assert!(studio.playing);
        assert_eq!(studio.run().unwrap().session.position(), 0);
    }

    #[test]
    fn a_link_or_a_lesson_is_played_and_a_lesson_stays_editable() {
        let mut linked = Studio::with_builtin("topics");
        for _ in 0..3 {
            linked = linked.apply(StudioAction::Step);
        }
        let (studio, _) = Studio::embedded(&EmbedOptions::default(), &linked.share_fragment(true));
        assert_eq!(studio.pick, Pick::Builtin("topics".into()));
        assert_eq!(studio.run().unwrap().session.position(), linked.run().unwrap().session.position());
        let (options, _) = parse("lesson=fix-the-binding");
        let (studio, _) = Studio::embedded(&options, "");
        assert!(studio.lesson.is_some() && !studio.shared);
        let (studio, _) = Studio::embedded(&EmbedOptions::default(), "");
        assert_eq!(studio.pick, Pick::Builtin(DEFAULT_SCENARIO.into()));
    }

    #[test]
    fn host_messages_become_commands_and_others_are_ignored() {
        assert_eq!(command(&json!({"kind": "play"})), None);
        assert_eq!(command(&json!({"kaiten": 2, "kind": "play"})), None);
        assert_eq!(command(&json!({"kaiten": 1, "kind": "seek", "step": 7})), Some(Ok(Command::Seek(7))));
        assert_eq!(command(&json!({"kaiten": 1, "kind": "set_speed", "speed": 8})), Some(Ok(Command::SetSpeed(5))));
        assert_eq!(command(&json!({"kaiten": 1, "kind": "set_speed", "speed": 0.25})), Some(Ok(Command::SetSpeed(0))));
        let Some(Err(needs)) = command(&json!({"kaiten": 1, "kind": "seek"})) else { panic!() };
        assert_eq!(needs.problem, Problem::MessageNeeds { kind: "seek".into(), member: "step".into() });
        let Some(Err(unknown)) = command(&json!({"kaiten": 1, "kind": "fly"})) else { panic!() };
        assert!(matches!(unknown.problem, Problem::UnknownMessage { .. }));
    }

    #[test]
    fn the_reporter_says_ready_each_move_and_the_end_once() {
        let mut reporter = Reporter::default();
        let studio = Studio::with_builtin("hello-world");
        let first = reporter.report(&studio);
        let end = studio.run().unwrap().end;
        assert_eq!(first[0], json!({"kaiten": 1, "kind": "ready", "steps": end, "step": 0}));
        assert_eq!(first[1]["kind"], "step");
        assert!(reporter.report(&studio).is_empty(), "nothing moved");
        let studio = studio.command(Command::Seek(2));
        assert_eq!(
            reporter.report(&studio),
            vec![json!({"kaiten": 1, "kind": "step", "step": 2, "time_ms": studio.display_time.round() as u64})]
        );
        let studio = studio.command(Command::Seek(end));
        let kinds: Vec<Value> = reporter.report(&studio).into_iter().map(|message| message["kind"].clone()).collect();
        assert_eq!(kinds, [json!("step"), json!("ended")]);
        let studio = studio.command(Command::Load(Studio::with_builtin("topics").scenario_file()));
        assert!(studio.shared, "a loaded scenario is played, not edited");
        assert_eq!(reporter.report(&studio)[0]["kind"], "ready");
    }

    #[test]
    fn embed_code_names_an_unedited_built_in_and_links_anything_else() {
        let mut studio = Studio::with_builtin("rpc-call");
        let code = studio.embed_code("https://example.org/kaiten/");
        assert!(code.contains("src=\"https://example.org/kaiten/embed.html?scenario=rpc-call\""), "{code}");
        assert!(code.contains("<div data-kaiten=\"rpc-call\"></div>"), "{code}");
        studio = studio.apply(StudioAction::Seek(12));
        let code = studio.embed_code("https://example.org/kaiten");
        assert!(code.contains("?scenario=rpc-call&step=12\"") && code.contains("data-step=\"12\""), "{code}");
        let edited = Studio::default().apply(StudioAction::Open {
            name: "defs.json".into(),
            bytes: br#"{"queues": [{"name": "q", "vhost": "/"}]}"#.to_vec(),
        });
        let code = edited.embed_code("https://example.org");
        assert!(code.contains("embed.html#k1=") && code.contains("data-kaiten=\"#k1="), "{code}");
    }
}
