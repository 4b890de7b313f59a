//! Scenario files: a versioned JSON document holding a topology (RabbitMQ definitions),
//! the actors around it, a script of timed actions, a default seed, a "what to watch"
//! text, and node positions for the UI. Loading checks everything and reports each
//! problem with the JSON path it concerns; a scenario that loads builds a world that runs.

use serde::{Deserialize, Serialize};

use crate::engine::PublishId;
use crate::engine::SortedMap;
use crate::engine::{SimTime, Topology};
pub use crate::formats::Diagnostic;
use crate::formats::actors;
use crate::formats::definitions::Definitions;
use crate::formats::parse_json;
use crate::formats::problem::{Expected, JsonKind, Problem, names};
use crate::formats::read::read;
use crate::formats::suggest::did_you_mean;
use crate::sim::actors::{
    Consumer, ConsumerConfig, MAX_EXPANDED_BYTES, Processing, Producer, ProducerConfig, expanded_size_bound,
};
use crate::sim::{Actor, ActorId, Intervention, InterventionAction, Network, World};

/// How many problems of one kind (clashing or missing names) are listed at most: a file
/// with thousands lists the first, at once.
const MAX_LISTED: usize = 10;

/// The scenario format version this build reads and writes.
pub const SCENARIO_VERSION: u32 = 1;

/// A node position on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// One actor of a scenario. It is read by its `kind` through [`read_actor`] (see the
/// `Deserialize` impl below); the tag here shapes only how it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActorSpec {
    Producer(ProducerConfig),
    Consumer(ConsumerConfig),
    /// An oslo.messaging RPC client running a script of calls and casts.
    RpcClient(crate::oslo::client::RpcClientConfig),
    /// An oslo.messaging RPC server with scripted endpoints.
    RpcServer(crate::oslo::server::RpcServerConfig),
    /// An oslo.messaging notifier running a script of notifications.
    Notifier(crate::oslo::notifier::NotifierConfig),
    /// An oslo.messaging notification listener, pooled or not.
    NotificationListener(crate::oslo::listener::ListenerConfig),
}

/// Reads an actor as a JSON value, then by its kind, rather than as serde's internally
/// tagged enum: that would buffer it into serde's `Content` and compile every actor
/// setting's reader a second time for that, about 40 KB of the gzipped browser bundle. Reading it
/// here also words the problem as a scenario file does.
impl<'de> Deserialize<'de> for ActorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ActorSpec, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        // Unreached from a file: `from_json` reads every actor with `read_actor` first.
        read_actor("actor", &value).map_err(|problem| serde::de::Error::custom(format_args!("actor: {}", problem.path)))
    }
}

impl ActorSpec {
    pub fn name(&self) -> &str {
        match self {
            ActorSpec::Producer(config) => &config.name,
            ActorSpec::Consumer(config) => &config.name,
            ActorSpec::RpcClient(config) => &config.name,
            ActorSpec::RpcServer(config) => &config.name,
            ActorSpec::Notifier(config) => &config.name,
            ActorSpec::NotificationListener(config) => &config.name,
        }
    }

    fn build(&self) -> Box<dyn Actor> {
        match self {
            ActorSpec::Producer(config) => Box::new(Producer::new(config.clone())),
            ActorSpec::Consumer(config) => Box::new(Consumer::new(config.clone())),
            ActorSpec::RpcClient(config) => Box::new(crate::oslo::client::RpcClient::new(config.clone())),
            ActorSpec::RpcServer(config) => Box::new(crate::oslo::server::RpcServer::new(config.clone())),
            ActorSpec::Notifier(config) => Box::new(crate::oslo::notifier::Notifier::new(config.clone())),
            ActorSpec::NotificationListener(config) => Box::new(crate::oslo::listener::Listener::new(config.clone())),
        }
    }

    /// Queues the actor needs to exist when it starts (it does not declare them itself).
    fn needs_queue(&self) -> Option<&str> {
        match self {
            ActorSpec::Consumer(config) => Some(&config.queue),
            _ => None,
        }
    }
}

/// A timed action of the script.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScriptStep {
    pub at_ms: SimTime,
    #[serde(flatten)]
    pub action: ScriptAction,
}

impl ScriptStep {
    /// The intervention this step is in a run whose actor of each name `actor_named` finds
    /// (none when the step names an actor there is not); an action done to no actor gets
    /// `ActorId(0)`, which it does not read.
    pub fn intervention(&self, actor_named: impl Fn(&str) -> Option<ActorId>) -> Option<Intervention> {
        let actor = match self.action.actor() {
            None => ActorId(0),
            Some((name, _)) => actor_named(name)?,
        };
        Some(Intervention { at: self.at_ms, action: self.action.to_action(actor) })
    }
}

/// Reads a step as a JSON value, then `at_ms` and the action apart, rather than with serde's
/// `flatten`: that buffers the step into serde's `Content` and compiled the action's reader
/// a second time for it (`read_step` read the action directly as well, to find a problem's
/// path, which `Content` loses).
impl<'de> Deserialize<'de> for ScriptStep {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ScriptStep, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        // Unreached from a file: `from_json` reads every step with `read_step` first.
        read_step(&value).map_err(|problem| serde::de::Error::custom(format_args!("script step: {}", problem.path)))
    }
}

/// What a script step does: the interventions of [`crate::sim::intervention`], with actors,
/// exchanges and queues by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptAction {
    /// Crashes an actor (a killed process): its connection closes, its unacked messages
    /// are requeued.
    StopActor(String),
    /// Stops an actor as oslo.messaging's `stop()` then `wait()` do: it cancels its
    /// consumers, deletes the queues it owns, finishes its work in progress, then its
    /// connection closes.
    StopGracefully(String),
    /// Starts an actor again as a new process.
    RestartActor(String),
    PauseActor(String),
    ResumeActor(String),
    SlowActor(SlowActor),
    CutOff(CutOff),
    /// Loses a message on the wire, by its publish number (`#n` in the trace).
    DropMessage(DropMessage),
    /// Sends a publish on the wire once more, by its publish number.
    DuplicateMessage(u64),
    Bind(BindingNames),
    Unbind(BindingNames),
    PurgeQueue(String),
    DeleteQueue(String),
    RestartBroker(Nothing),
}

/// `slow_actor`: work takes `factor` times as long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlowActor {
    pub actor: String,
    pub factor: u32,
}

/// `cut_off`: the actor's link is down for `ms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutOff {
    pub actor: String,
    pub ms: SimTime,
}

/// `drop_message`: publish number `message`, on its way to `to` (an actor, exchange or
/// queue name) when given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropMessage {
    pub message: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// A binding of a queue to an exchange, by names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BindingNames {
    pub exchange: String,
    pub queue: String,
    #[serde(default)]
    pub routing_key: String,
}

/// An empty object, for an action that needs no settings (`{"restart_broker": {}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nothing {}

impl ScriptAction {
    /// The action's key in a script step.
    pub fn key(&self) -> &'static str {
        match self {
            ScriptAction::StopActor(_) => "stop_actor",
            ScriptAction::StopGracefully(_) => "stop_gracefully",
            ScriptAction::RestartActor(_) => "restart_actor",
            ScriptAction::PauseActor(_) => "pause_actor",
            ScriptAction::ResumeActor(_) => "resume_actor",
            ScriptAction::SlowActor(_) => "slow_actor",
            ScriptAction::CutOff(_) => "cut_off",
            ScriptAction::DropMessage(_) => "drop_message",
            ScriptAction::DuplicateMessage(_) => "duplicate_message",
            ScriptAction::Bind(_) => "bind",
            ScriptAction::Unbind(_) => "unbind",
            ScriptAction::PurgeQueue(_) => "purge_queue",
            ScriptAction::DeleteQueue(_) => "delete_queue",
            ScriptAction::RestartBroker(_) => "restart_broker",
        }
    }

    /// The actor the action names, with the path below the action's key that names it.
    fn actor(&self) -> Option<(&str, &'static str)> {
        match self {
            ScriptAction::StopActor(name)
            | ScriptAction::StopGracefully(name)
            | ScriptAction::RestartActor(name)
            | ScriptAction::PauseActor(name)
            | ScriptAction::ResumeActor(name) => Some((name, "")),
            ScriptAction::SlowActor(slow) => Some((&slow.actor, ".actor")),
            ScriptAction::CutOff(cut) => Some((&cut.actor, ".actor")),
            _ => None,
        }
    }

    /// The simulator's action, with the named actor's id.
    fn to_action(&self, actor: ActorId) -> InterventionAction {
        match self {
            ScriptAction::StopActor(_) => InterventionAction::Crash { actor },
            ScriptAction::StopGracefully(_) => InterventionAction::Stop { actor },
            ScriptAction::RestartActor(_) => InterventionAction::Restart { actor },
            ScriptAction::PauseActor(_) => InterventionAction::Pause { actor },
            ScriptAction::ResumeActor(_) => InterventionAction::Resume { actor },
            ScriptAction::SlowActor(slow) => InterventionAction::Slow { actor, factor: slow.factor },
            ScriptAction::CutOff(cut) => InterventionAction::CutOff { actor, ms: cut.ms },
            ScriptAction::DropMessage(drop) => {
                InterventionAction::DropMessage { message: PublishId(drop.message), to: drop.to.clone() }
            }
            ScriptAction::DuplicateMessage(message) => {
                InterventionAction::DuplicateMessage { message: PublishId(*message) }
            }
            ScriptAction::Bind(names) => InterventionAction::Bind {
                exchange: names.exchange.clone(),
                queue: names.queue.clone(),
                routing_key: names.routing_key.clone(),
            },
            ScriptAction::Unbind(names) => InterventionAction::Unbind {
                exchange: names.exchange.clone(),
                queue: names.queue.clone(),
                routing_key: names.routing_key.clone(),
            },
            ScriptAction::PurgeQueue(queue) => InterventionAction::PurgeQueue { queue: queue.clone() },
            ScriptAction::DeleteQueue(queue) => InterventionAction::DeleteQueue { queue: queue.clone() },
            ScriptAction::RestartBroker(_) => InterventionAction::RestartBroker,
        }
    }
}

/// A whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be [`SCENARIO_VERSION`].
    pub kaiten_scenario: u32,
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// What to watch while it runs.
    #[serde(default)]
    pub watch: String,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub network: Network,
    /// The topology, as RabbitMQ definitions JSON (exchanges, queues, bindings).
    #[serde(default = "empty_definitions")]
    pub definitions: serde_json::Value,
    #[serde(default)]
    pub actors: Vec<ActorSpec>,
    #[serde(default)]
    pub script: Vec<ScriptStep>,
    /// Node positions by name, for the UI.
    #[serde(default)]
    pub layout: SortedMap<String, Position>,
}

fn default_seed() -> u64 {
    1
}

fn empty_definitions() -> serde_json::Value {
    serde_json::json!({})
}

impl Scenario {
    /// Parses and checks a scenario file. Problems name the JSON path down to the field,
    /// inside actors too, in plain words; every actor's first problem is reported at once.
    pub fn from_json(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        let document = parse_json(text).map_err(|problem| {
            let path = if problem.path.is_empty() { "scenario".into() } else { problem.path.clone() };
            vec![problem.at(path)]
        })?;
        let Some(members) = document.as_object() else {
            return Err(vec![Diagnostic::new("scenario", Problem::ScenarioNotObject { got: JsonKind::of(&document) })]);
        };
        let sections = ["exchanges", "queues", "bindings"].map(|name| {
            let entries = members.get("definitions").and_then(|definitions| definitions.get(name));
            (format!("definitions.{name}"), entries)
        });
        for (path, entries) in sections.into_iter().chain([("actors".to_string(), members.get("actors"))]) {
            let entries = entries.and_then(serde_json::Value::as_array).map_or(&[][..], Vec::as_slice);
            if let Some(problem) = crate::formats::too_many_entries(&path, entries) {
                return Err(vec![problem]);
            }
        }
        let mut problems = Vec::new();
        if let Some(serde_json::Value::Array(actors)) = members.get("actors") {
            problems.extend(
                actors.iter().enumerate().filter_map(|(idx, actor)| read_actor(&format!("actors[{idx}]"), actor).err()),
            );
        }
        if let Some(serde_json::Value::Array(steps)) = members.get("script") {
            problems.extend(steps.iter().enumerate().filter_map(|(idx, step)| {
                script_step_problem(idx, step).or_else(|| {
                    let problem = read_step(step).err()?;
                    let path = format!("script[{idx}]{}", dotted(&problem.path));
                    Some(problem.at(path))
                })
            }));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let scenario: Scenario = read(&document).map_err(|problem| {
            let path = if problem.path.is_empty() { "scenario".to_string() } else { problem.path.clone() };
            vec![problem.at(path)]
        })?;
        if scenario.kaiten_scenario != SCENARIO_VERSION {
            return Err(vec![Diagnostic::new(
                "kaiten_scenario",
                Problem::ScenarioVersion { reads: SCENARIO_VERSION.into(), file: scenario.kaiten_scenario.into() },
            )]);
        }
        scenario.topology()?;
        Ok(scenario)
    }

    /// Reads a file a user opens, in the browser or the CLI: a scenario file when it says
    /// `kaiten_scenario`, else RabbitMQ definitions (named after the file's stem, with no
    /// actors). The size is checked before anything is parsed; problems' paths are inside
    /// the file (`queues[0].durable`, or empty for the whole file). A byte-order mark is
    /// skipped in definitions, as RabbitMQ skips it, and refused in a scenario file, which
    /// Kaiten writes without one.
    pub fn from_file(name: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
        let text = crate::formats::file_text(bytes).map_err(|problem| vec![problem])?;
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let value = parse_json(text).map_err(|problem| vec![problem])?;
        if bom && value.get("kaiten_scenario").is_some() {
            return Err(vec![Diagnostic::new("", Problem::ByteOrderMark)]);
        }
        let in_file = |problems: Vec<Diagnostic>, prefix: &str| -> Vec<Diagnostic> {
            problems
                .into_iter()
                .map(|problem| {
                    let path = match problem.path.strip_prefix(prefix) {
                        Some(rest) => rest.strip_prefix('.').unwrap_or(rest).to_string(),
                        None => problem.path.clone(),
                    };
                    problem.at(path)
                })
                .collect()
        };
        if value.get("kaiten_scenario").is_some() {
            let scenario = Scenario::from_json(text).map_err(|problems| in_file(problems, "scenario"))?;
            let problems = scenario.duplicate_names();
            return if problems.is_empty() { Ok(scenario) } else { Err(problems) };
        }
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
        let scenario = serde_json::json!({
            "kaiten_scenario": SCENARIO_VERSION, "name": stem, "title": "", "watch": "", "seed": 1,
            "definitions": value, "actors": [], "script": [],
        });
        Scenario::from_json(&scenario.to_string()).map_err(|problems| in_file(problems, "definitions"))
    }

    /// This scenario with more timed steps at the end of its script, each a JSON script
    /// step (`{"at_ms": 600, "stop_actor": "server"}`), as `kaiten run --intervene` takes
    /// them; a problem's path starts at `intervene[N]`.
    pub fn with_script_steps(&self, steps: &[String]) -> Result<Scenario, Vec<Diagnostic>> {
        let mut scenario = self.clone();
        let mut problems = Vec::new();
        for (idx, text) in steps.iter().enumerate() {
            let path = format!("intervene[{idx}]");
            let value = match parse_json(text) {
                Ok(value) => value,
                Err(problem) => {
                    let at = format!("{path}{}", dotted(&problem.path));
                    problems.push(problem.at(at));
                    continue;
                }
            };
            if let Some(problem) = script_step_problem(idx, &value) {
                let rest = problem.path.strip_prefix(&format!("script[{idx}]")).unwrap_or_default().to_string();
                problems.push(problem.at(format!("{path}{rest}")));
                continue;
            }
            match read_step(&value) {
                Ok(step) => {
                    if let Some((name, field)) = step.action.actor()
                        && !self.actors.iter().any(|actor| actor.name() == name)
                    {
                        let known: Vec<&str> = self.actors.iter().map(ActorSpec::name).collect();
                        problems.push(Diagnostic::new(
                            format!("{path}.{}{field}", step.action.key()),
                            Problem::NoActorNamed { name: name.to_string(), suggestion: did_you_mean(name, &known) },
                        ));
                        continue;
                    }
                    scenario.script.push(step);
                }
                Err(problem) => {
                    let at = format!("{path}{}", dotted(&problem.path));
                    problems.push(problem.at(at));
                }
            }
        }
        if problems.is_empty() { Ok(scenario) } else { Err(problems) }
    }

    pub fn to_json(&self) -> String {
        // Through a `Value`, which a lesson's edits build anyway (`lesson::edit`): writing the
        // scenario straight to text compiled every actor setting's writer a second time.
        let value = serde_json::to_value(self).expect("scenarios serialize");
        serde_json::to_string_pretty(&value).expect("values serialize")
    }

    /// The declared topology.
    pub fn topology(&self) -> Result<Topology, Vec<Diagnostic>> {
        self.definitions().map(|definitions| definitions.topology)
    }

    /// The scenario's definitions: its topology and what they carry besides (users,
    /// permissions, vhosts, parameters...).
    pub fn definitions(&self) -> Result<Definitions, Vec<Diagnostic>> {
        self.definitions_noting().map(|(definitions, _not_simulated)| definitions)
    }

    /// The same, with what the definitions carry that the simulation keeps but does not act
    /// on (see [`Definitions::parse`]).
    pub fn definitions_noting(&self) -> Result<(Definitions, Vec<Diagnostic>), Vec<Diagnostic>> {
        if self.definitions.as_object().is_some_and(serde_json::Map::is_empty) {
            return Ok((Definitions::new(Topology::new()), Vec::new()));
        }
        Definitions::parse(&self.definitions.to_string()).map_err(|error| {
            let path =
                if error.path.is_empty() { "definitions".to_string() } else { format!("definitions.{}", error.path) };
            vec![error.at(path)]
        })
    }

    /// Two actors with one name (the first ten): a file with these is refused on opening,
    /// since every actor, its node and the script's steps are found by name.
    pub fn duplicate_names(&self) -> Vec<Diagnostic> {
        let mut names: SortedMap<&str, usize> = SortedMap::new();
        let repeated = self.actors.iter().enumerate().filter(|(idx, actor)| names.insert(actor.name(), *idx).is_some());
        repeated
            .take(MAX_LISTED)
            .map(|(idx, actor)| {
                Diagnostic::new(
                    format!("actors[{idx}].name"),
                    Problem::ActorsShareName { name: actor.name().to_string() },
                )
            })
            .collect()
    }

    /// Actors' queues that neither the topology nor an actor declares (the first ten). A
    /// drawing can hold these (a consumer not yet connected, or one whose queue's declaring
    /// actor was deleted), so they stop the run, not the opening of a file.
    fn missing_queues(&self, topology: &Topology) -> Vec<Diagnostic> {
        let known: Vec<&str> = topology.queues().map(|queue| queue.name()).collect();
        // Whether an actor declares a queue, asked once per name.
        let mut declared: SortedMap<&str, bool> = SortedMap::new();
        let missing = self.actors.iter().enumerate().filter_map(|(idx, actor)| {
            let queue = actor.needs_queue()?;
            if topology.queue_by_name(queue).is_some() {
                return None;
            }
            let by_actor =
                *declared.entry(queue).or_insert_with(|| self.actors.iter().any(|other| declares_queue(other, queue)));
            (!by_actor).then(|| {
                Diagnostic::new(
                    format!("actors[{idx}].queue"),
                    Problem::NoQueueNamed { name: queue.to_string(), suggestion: did_you_mean(queue, &known) },
                )
            })
        });
        missing.take(MAX_LISTED).collect()
    }

    /// Builds the world this scenario describes, with `seed` for every random choice.
    pub fn build(&self, seed: u64) -> Result<World, Vec<Diagnostic>> {
        self.build_on(self.topology()?, seed)
    }

    /// The world of this scenario's actors and script around `topology` (in place of its
    /// definitions), keeping the topology's ids: how the editor runs what it draws.
    pub fn build_on(&self, topology: Topology, seed: u64) -> Result<World, Vec<Diagnostic>> {
        let mut diagnostics = self.duplicate_names();
        diagnostics.extend(self.missing_queues(&topology));
        let mut names: SortedMap<&str, ActorId> = SortedMap::new();
        for (idx, actor) in self.actors.iter().enumerate() {
            names.entry(actor.name()).or_insert(ActorId(idx as u32));
            if let ActorSpec::Consumer(config) = actor {
                diagnostics.extend(consumer_problems(idx, config));
            }
            if let ActorSpec::Producer(config) = actor {
                diagnostics.extend(producer_problems(idx, config));
            }
            if let ActorSpec::NotificationListener(config) = actor {
                for (endpoint_idx, endpoint) in config.endpoints.iter().enumerate() {
                    if let Some(Err(error)) = endpoint.filter_rule.as_ref().map(|filter| filter.validate()) {
                        diagnostics.push(Diagnostic::new(
                            format!("actors[{idx}].endpoints[{endpoint_idx}].filter_rule"),
                            Problem::InvalidRegex { error: error.to_string().replace('\n', " ") },
                        ));
                    }
                }
            }
        }
        let mut interventions = Vec::new();
        for (idx, step) in self.script.iter().enumerate() {
            match step.intervention(|name| names.get(name).copied()) {
                Some(intervention) => interventions.push(intervention),
                None => {
                    let (name, field) = step.action.actor().expect("only a step naming an actor finds none");
                    let known: Vec<&str> = names.keys().copied().collect();
                    diagnostics.push(Diagnostic::new(
                        format!("script[{idx}].{}{field}", step.action.key()),
                        Problem::NoActorNamed { name: name.to_string(), suggestion: did_you_mean(name, &known) },
                    ));
                }
            }
        }
        let [low, high] = self.network.latency_ms;
        if low > high {
            diagnostics.push(Diagnostic::new("network.latency_ms", Problem::BoundsReversed { low, high }));
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let actors = self.actors.iter().map(ActorSpec::build).collect();
        Ok(World::new(topology, actors, self.network, seed, &interventions))
    }
}

/// One script step, or where inside it the first problem is and what it is: as serde read a
/// struct with a flattened action, a problem with `at_ms` first, then the action's own
/// (read without `at_ms`), then a missing `at_ms`.
fn read_step(value: &serde_json::Value) -> Result<ScriptStep, Diagnostic> {
    let Some(members) = value.as_object() else {
        return Err(match read::<ScriptAction>(value) {
            Err(inner) => inner,
            Ok(_) => Diagnostic::new(
                "",
                Problem::WrongType { expected: Expected::Object, got: crate::formats::read::got(value) },
            ),
        });
    };
    let at_ms = match members.get("at_ms") {
        Some(at_ms) => Some(read::<SimTime>(at_ms).map_err(|problem| problem.at("at_ms"))?),
        None => None,
    };
    let mut action = members.clone();
    action.remove("at_ms");
    let action = read::<ScriptAction>(&serde_json::Value::Object(action))?;
    let Some(at_ms) = at_ms else {
        return Err(Diagnostic::new("", Problem::MissingField { field: "at_ms".into() }));
    };
    Ok(ScriptStep { at_ms, action })
}

/// A JSON path below a prefix: `.name` or `[0]`, nothing for the root.
fn dotted(path: &str) -> String {
    match path.chars().next() {
        None => String::new(),
        Some('[') => path.to_string(),
        Some(_) => format!(".{path}"),
    }
}

/// Templates of a producer that could expand beyond `MAX_EXPANDED_BYTES` per message
/// (`{name}` 50,000 times with a 100 KB name is a 5 GB body from a 400 KB file).
fn producer_problems(idx: usize, config: &ProducerConfig) -> Vec<Diagnostic> {
    let default_message_id = "{name}-{n}".to_string();
    let mut templates = vec![
        ("body".to_string(), &config.body),
        ("routing_key".to_string(), &config.routing_key),
        ("message_id".to_string(), config.message_id.as_ref().unwrap_or(&default_message_id)),
    ];
    for (key, value) in &config.headers {
        if let serde_json::Value::String(text) = value {
            templates.push((format!("headers.{key}"), text));
        }
    }
    templates
        .into_iter()
        .filter_map(|(field, template)| {
            let bound = expanded_size_bound(template, &config.name);
            (bound > MAX_EXPANDED_BYTES).then(|| {
                Diagnostic::new(
                    format!("actors[{idx}].{field}"),
                    Problem::TemplateTooLarge { bound, max: MAX_EXPANDED_BYTES },
                )
            })
        })
        .collect()
}

/// The actor kinds a scenario may use, as `kind` spells them.
const ACTOR_KINDS: [&str; 6] =
    ["producer", "consumer", "rpc_client", "rpc_server", "notifier", "notification_listener"];

/// Reads one actor, or says its first problem with the path down to the field (serde stops
/// at `actors[0]` for an internally tagged enum, so each actor is read by its kind here).
fn read_actor(path: &str, actor: &serde_json::Value) -> Result<ActorSpec, Diagnostic> {
    let Some(members) = actor.as_object() else {
        return Err(Diagnostic::new(path, Problem::ActorNotObject { got: JsonKind::of(actor) }));
    };
    let kind = match members.get("kind") {
        None => {
            return Err(Diagnostic::new(
                format!("{path}.kind"),
                Problem::ActorKindMissing { kinds: names(&ACTOR_KINDS) },
            ));
        }
        Some(serde_json::Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(Diagnostic::new(
                format!("{path}.kind"),
                Problem::WrongKind { expected: JsonKind::String, got: JsonKind::of(other) },
            ));
        }
    };
    let mut fields = members.clone();
    fields.remove("kind");
    let fields = serde_json::Value::Object(fields);
    match kind {
        "producer" => actors::producer(path, &fields).map(ActorSpec::Producer),
        "consumer" => actors::consumer(path, &fields).map(ActorSpec::Consumer),
        "rpc_client" => actors::rpc_client(path, &fields).map(ActorSpec::RpcClient),
        "rpc_server" => actors::rpc_server(path, &fields).map(ActorSpec::RpcServer),
        "notifier" => actors::notifier(path, &fields).map(ActorSpec::Notifier),
        "notification_listener" => actors::listener(path, &fields).map(ActorSpec::NotificationListener),
        other => Err(Diagnostic::new(
            format!("{path}.kind"),
            Problem::UnknownActorKind {
                found: other.to_string(),
                suggestion: did_you_mean(other, &ACTOR_KINDS),
                kinds: names(&ACTOR_KINDS),
            },
        )),
    }
}

/// The actions a scenario's script may use.
const SCRIPT_ACTIONS: [&str; 14] = [
    "stop_actor",
    "stop_gracefully",
    "restart_actor",
    "pause_actor",
    "resume_actor",
    "slow_actor",
    "cut_off",
    "drop_message",
    "duplicate_message",
    "bind",
    "unbind",
    "purge_queue",
    "delete_queue",
    "restart_broker",
];

/// The problem with one timed step of the scenario's script, in words (serde says "no
/// variant of enum ScriptAction found in flattened data").
fn script_step_problem(idx: usize, step: &serde_json::Value) -> Option<Diagnostic> {
    let path = format!("script[{idx}]");
    let Some(members) = step.as_object() else {
        return Some(Diagnostic::new(path, Problem::StepNotObject { got: JsonKind::of(step) }));
    };
    let named: Vec<&str> = members.keys().map(String::as_str).filter(|key| *key != "at_ms").collect();
    match named.as_slice() {
        [] => Some(Diagnostic::new(path, Problem::StepNamesNoAction { actions: names(&SCRIPT_ACTIONS) })),
        [action] if SCRIPT_ACTIONS.contains(action) => None,
        [unknown] => Some(Diagnostic::new(
            format!("{path}.{unknown}"),
            Problem::UnknownStepAction {
                found: unknown.to_string(),
                suggestion: did_you_mean(unknown, &SCRIPT_ACTIONS),
                actions: names(&SCRIPT_ACTIONS),
            },
        )),
        several => Some(Diagnostic::new(path, Problem::StepNamesSeveral { names: names(several) })),
    }
}

/// Settings of a consumer that would run but not as written.
fn consumer_problems(idx: usize, config: &ConsumerConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Processing::Uniform([low, high]) = config.processing_ms
        && low > high
    {
        problems.push(Diagnostic::new(
            format!("actors[{idx}].processing_ms.uniform"),
            Problem::BoundsReversed { low, high },
        ));
    }
    if let Some(failure) = config.failure
        && !(0.0..=1.0).contains(&failure.probability)
    {
        problems.push(Diagnostic::new(
            format!("actors[{idx}].failure.probability"),
            Problem::NotAProbability { value: failure.probability.to_string() },
        ));
    }
    problems
}

fn declares_queue(actor: &ActorSpec, queue: &str) -> bool {
    match actor {
        ActorSpec::Producer(config) => config.reply_queue.as_deref() == Some(queue),
        ActorSpec::Consumer(_) => false,
        ActorSpec::RpcClient(_) => false,
        ActorSpec::RpcServer(config) => crate::oslo::server::declares_queue(config, queue),
        ActorSpec::Notifier(config) => crate::oslo::notifier::declares_queue(config, queue),
        ActorSpec::NotificationListener(config) => crate::oslo::listener::declares_queue(config, queue),
    }
}
