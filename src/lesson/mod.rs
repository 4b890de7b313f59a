//! Lessons: a versioned JSON file (`"kaiten_lesson": 1`) that leads a learner through a
//! scenario one step at a time. A step says something (and may play the run to a moment),
//! asks the learner to predict what the engine will do, or sets a task the learner solves by
//! editing the canvas. The answers and the goals are never typed by the author: `oracle`
//! computes every answer from the scenario with the engine, and evaluates every goal over a
//! run of the learner's scenario, so a correct but different solution passes.
//!
//! This module owns the file format and the built-in curriculum; `oracle` runs scenarios and
//! answers; `edit` applies a task's solution to a scenario; `drill` generates topic-routing
//! questions from a seed; `check` is what `kaiten lesson check` and the tests run over a
//! lesson. Texts are data per language ([`Text`]); `explain::lesson` words the rest.

pub mod check;
pub mod drill;
pub mod edit;
pub mod oracle;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::SimTime;
use crate::engine::SortedMap;
use crate::formats::read::{Fields, read_at};
use crate::formats::scenario::{Diagnostic, Scenario};
use crate::formats::suggest::did_you_mean;
use crate::formats::{JsonKind, Problem, parse_json};

pub use edit::Edit;

/// The lesson format version this Kaiten reads and writes.
pub const LESSON_VERSION: u32 = 1;

/// A text in every language it was written in, by language tag (`en`, `zh-CN`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub SortedMap<String, String>);

impl Text {
    /// The text in the language `tag`, else in English (a lesson may lack a translation),
    /// else in the one it was written in (a teacher's lesson made in Chinese).
    pub fn get(&self, tag: &str) -> &str {
        self.0.get(tag).or_else(|| self.0.get("en")).or_else(|| self.0.values().next()).map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(String::is_empty)
    }

    pub fn has(&self, tag: &str) -> bool {
        self.0.get(tag).is_some_and(|text| !text.is_empty())
    }
}

/// The part of the curriculum a lesson belongs to, in the order the list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The message bus: exchanges, queues, routing keys and bindings.
    Bus,
    /// oslo.messaging RPC.
    Rpc,
    /// oslo.messaging notifications.
    Notifications,
    /// Acks, redelivery, prefetch, dead-lettering, TTL, limits, durability.
    Reliability,
    /// The RabbitMQ tutorials.
    Tutorials,
}

impl Part {
    pub const ALL: [Part; 5] = [Part::Bus, Part::Rpc, Part::Notifications, Part::Reliability, Part::Tutorials];
}

/// A whole lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Its id, for links (`?lesson=NAME`) and progress.
    pub name: String,
    pub part: Part,
    pub title: Text,
    /// The starting canvas.
    pub scenario: Scenario,
    /// The scenario as the file gives it: a built-in's name, or the inline file.
    pub scenario_ref: Value,
    pub steps: Vec<Step>,
    /// The file as read, for saving and share links.
    pub source: Value,
}

/// One step, shown one at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Say(Say),
    Predict(Predict),
    Task(Task),
}

/// A caption: what to watch and why, optionally playing the run to a moment first.
#[derive(Debug, Clone, PartialEq)]
pub struct Say {
    pub text: Text,
    pub play_to: Option<PlayTo>,
}

/// A moment of the run a step plays to and pauses at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayTo {
    /// Virtual milliseconds from the start.
    pub ms: SimTime,
}

/// A question the engine answers; the learner answers first.
#[derive(Debug, Clone, PartialEq)]
pub struct Predict {
    pub question: Text,
    pub ask: Ask,
    /// Said after the answer, right or not.
    pub after: Text,
}

/// What a question asks, by kind. Names are those of the lesson's scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Which queues receive a publish from `producer` with this routing key (its own key by
    /// default) and these headers?
    Routed { producer: String, routing_key: Option<String>, headers: Option<serde_json::Map<String, Value>> },
    /// What does the last `call()` of this RPC client return or raise?
    CallOutcome { client: String },
    /// Which consumer gets the message with this message id first?
    DeliveredTo { message: String },
    /// How many messages are ready in this queue at this time?
    QueueDepth { queue: String, at_ms: SimTime },
    /// What becomes of the message with this message id?
    Fate { message: String },
}

/// Something the learner makes true by editing the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub text: Text,
    /// A named checklist, re-evaluated after every edit.
    pub goals: Vec<NamedGoal>,
    /// A ladder of hints, then Show solution.
    pub hints: Vec<Text>,
    /// Edits that solve the task from its starting canvas.
    pub solution: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NamedGoal {
    pub name: Text,
    pub goal: Goal,
}

/// A predicate over a run of the learner's scenario and its topology. Outcome-based: any
/// topology that makes it true passes, and generated queue names never matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// A publish from `producer` (its own key unless given) reaches exactly these queues.
    Routed { producer: String, routing_key: Option<String>, queues: Vec<String> },
    /// The consumer (or listener, or server) received at least this many deliveries.
    Delivered { consumer: String, at_least: u64 },
    /// Every message a producer published was processed by a consumer (acked after its
    /// work, or its work done under auto-ack): none lost to a crash, a drop or an expiry.
    NoMessageLost,
    /// The client's last `call()` returned.
    CallReturns { client: String },
    /// At least one message was dead-lettered into this queue.
    DeadLetteredInto { queue: String },
    /// This queue never held more than this many ready messages.
    DepthAtMost { queue: String, at_most: u64 },
    /// No message was dropped (full queue, expiry without a dead-letter exchange, unroutable).
    NoDrops,
    /// The queue exists in the topology with this argument (and value, if given).
    QueueArgument { queue: String, argument: String, value: Option<Value> },
}

/// The kinds of step, by their `kind` member.
const STEP_KINDS: [&str; 3] = ["say", "predict", "task"];
const ASK_KINDS: [&str; 5] = ["routed", "call_outcome", "delivered_to", "queue_depth", "fate"];
const GOAL_KINDS: [&str; 8] = [
    "routed",
    "delivered",
    "no_message_lost",
    "call_returns",
    "dead_lettered_into",
    "depth_at_most",
    "no_drops",
    "queue_argument",
];

/// A built-in lesson as the lesson list shows it, known without its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub name: &'static str,
    pub part: Part,
    title_en: &'static str,
    title_zh_cn: &'static str,
}

impl Listed {
    /// The title in the language `tag`, else in English (as [`Text::get`]).
    pub fn title(&self, tag: &str) -> &'static str {
        match tag {
            "zh-CN" if !self.title_zh_cn.is_empty() => self.title_zh_cn,
            _ => self.title_en,
        }
    }
}

/// The built-in curriculum: one line per lesson (name, part, title in English and in
/// Chinese, as its file has them; a test checks that they agree), in the order the list
/// shows it. Native code includes the files; the browser bundle does not, since their texts
/// were its largest data (about 36 KB gzipped): the web app fetches `lessons/NAME.json`,
/// which Trunk copies beside it (`index.html`), and hands the text to the studio.
macro_rules! curriculum {
    ($($name:literal: $part:ident, $title_en:literal, $title_zh_cn:literal;)*) => {
        /// The built-in lessons, in the order the list shows them.
        pub const LISTED: &[Listed] = &[
            $(Listed { name: $name, part: Part::$part, title_en: $title_en, title_zh_cn: $title_zh_cn },)*
        ];

        #[cfg(not(target_arch = "wasm32"))]
        const BUILTINS: &[(&str, &str)] = &[$(($name, include_str!(concat!("builtin/", $name, ".json"))),)*];
    };
}

curriculum! {
    "message-bus": Bus, "The message bus: a conveyor belt", "消息总线：一条传送带";
    "direct-routing": Bus, "Direct exchanges: the key must be equal", "直连交换机：键必须相等";
    "fix-the-binding": Bus, "Fix this topology: the pager never rings", "修好这个拓扑：寻呼机从不响";
    "fanout-exchange": Bus, "Fix this topology: a fanout exchange copies to every bound queue", "修好这个拓扑：fanout 交换机复制给每个已绑定的队列";
    "topic-wildcards": Bus, "Fix this topology: topic exchanges, * and #", "修好这个拓扑：topic 交换机、* 与 #";
    "headers-exchange": Bus, "Fix this topology: headers exchanges, x-match all and any", "修好这个拓扑：headers 交换机，x-match all 与 any";
    "default-exchange": Bus, "Fix this topology: the default exchange routes by queue name", "修好这个拓扑：默认交换机按队列名路由";
    "call-and-cast": Rpc, "call() waits for its reply, cast() does not", "call() 等待回复，cast() 不等";
    "fanout-cast": Rpc, "Fix this: a fanout cast reaches every server", "修好它：fanout cast 送达每个服务器";
    "server-targeted": Rpc, "Fix this: a call to one server, and to a server that does not exist", "修好它：调用指定服务器，以及调用不存在的服务器";
    "rpc-timeout": Rpc, "Fix this: a call that times out", "修好它：一次超时的调用";
    "remote-error": Rpc, "Fix this: exceptions come back across the wire", "修好它：异常跨网络传回";
    "version-mismatch": Rpc, "Fix this: a call asks for a version no endpoint offers", "修好它：调用请求了没有端点提供的版本";
    "notification-pools": Notifications, "Fix this: notification priorities and listener pools", "修好它：通知优先级与监听者池";
    "notification-filters": Notifications, "Notification filters: the Ceilometer case", "通知过滤器：Ceilometer 的例子";
    "acks-and-redelivery": Reliability, "Fix this: a consumer crashes before its ack", "修好它：消费者在 ack 之前崩溃";
    "rpc-at-most-once": Reliability, "An RPC server acks before it works: at most once", "RPC 服务器先 ack 后干活：至多一次";
    "dead-lettering": Reliability, "Fix this: rejected messages vanish; dead-letter them instead", "修好它：被拒绝的消息消失了，改为死信";
    "poison-message": Reliability, "Fix this: a poison message, a delivery limit and nowhere to go", "修好它：毒消息、投递次数限制，以及无处可去";
    "message-ttl": Reliability, "Fix this: messages expire before anyone reads them (TTL)", "修好它：消息在被读取之前就过期了（TTL）";
    "max-length": Reliability, "A slow consumer: queue length limits and overflow", "慢消费者：队列长度限制与溢出";
    "priority-queue": Reliability, "Fix this: an urgent message stuck behind bulk work (priority queues)", "修好它：紧急消息被堵在批量任务后面（优先级队列）";
    "alternate-exchange": Reliability, "Fix this: unroutable messages, an alternate exchange and mandatory", "修好它：无法路由的消息、备用交换机与 mandatory";
    "durability": Reliability, "Fix this: messages lost in a broker restart (durable queues, persistent messages)", "修好它：broker 重启时丢失的消息（持久队列与持久消息）";
    "tutorial-hello-world": Tutorials, "RabbitMQ tutorial 1: Hello World", "RabbitMQ 教程 1：Hello World";
    "tutorial-work-queues": Tutorials, "RabbitMQ tutorial 2: work queues and fair dispatch", "RabbitMQ 教程 2：工作队列与公平分发";
    "tutorial-publish-subscribe": Tutorials, "RabbitMQ tutorial 3: publish/subscribe", "RabbitMQ 教程 3：发布/订阅";
    "tutorial-routing": Tutorials, "RabbitMQ tutorial 4: routing by severity", "RabbitMQ 教程 4：按严重程度路由";
    "tutorial-topics": Tutorials, "RabbitMQ tutorial 5: topics, with the tutorial's animals", "RabbitMQ 教程 5：主题，用教程里的动物";
    "tutorial-rpc": Tutorials, "RabbitMQ tutorial 6: RPC with reply_to and correlation_id", "RabbitMQ 教程 6：用 reply_to 和 correlation_id 实现 RPC";
    "tutorial-publisher-confirms": Tutorials, "RabbitMQ tutorial 7: publisher confirms, and what they do not tell you", "RabbitMQ 教程 7：发布确认，以及它们没有告诉你的事";
}

/// Names of the built-in lessons.
pub fn names() -> impl Iterator<Item = &'static str> {
    LISTED.iter().map(|listed| listed.name)
}

/// A built-in lesson's file, where this build includes it (natively; the web app fetches it).
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(builtin, _)| *builtin == name).map(|(_, text)| *text)
}

/// The browser bundle includes no lesson file: the web app fetches it.
#[cfg(target_arch = "wasm32")]
pub fn builtin_text(_name: &str) -> Option<&'static str> {
    None
}

/// A built-in lesson by name (`None` for an unknown name, or in the browser, which fetches it).
pub fn builtin(name: &str) -> Option<Result<Lesson, Vec<Diagnostic>>> {
    builtin_text(name).map(Lesson::from_json)
}

/// Every built-in lesson this build includes (they are tested to load).
pub fn builtins() -> Vec<Lesson> {
    names().filter_map(builtin).filter_map(Result::ok).collect()
}

/// Whether a parsed JSON document is a lesson file.
pub fn is_lesson(document: &Value) -> bool {
    document.get("kaiten_lesson").is_some()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    kaiten_lesson: u32,
    name: String,
    part: Part,
    title: Text,
    scenario: Value,
    steps: Vec<Value>,
}

/// An object's `kind` member, checked against `kinds`, and its other members.
pub(crate) fn kind_of<'a>(path: &str, value: &'a Value, kinds: &[&str]) -> Result<(&'a str, Value), Diagnostic> {
    let Some(members) = value.as_object() else {
        return Err(Diagnostic::new(path, Problem::WrongKind { expected: JsonKind::Object, got: JsonKind::of(value) }));
    };
    let kind = match members.get("kind") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(Diagnostic::new(
                format!("{path}.kind"),
                Problem::WrongKind { expected: JsonKind::String, got: JsonKind::of(other) },
            ));
        }
        None => {
            return Err(Diagnostic::new(
                format!("{path}.kind"),
                Problem::KindMissing { kinds: kinds.iter().map(|kind| kind.to_string()).collect() },
            ));
        }
    };
    if !kinds.contains(&kind) {
        return Err(Diagnostic::new(
            format!("{path}.kind"),
            Problem::UnknownKind {
                found: kind.to_string(),
                suggestion: did_you_mean(kind, kinds),
                kinds: kinds.iter().map(|kind| kind.to_string()).collect(),
            },
        ));
    }
    let mut fields = members.clone();
    fields.remove("kind");
    Ok((kind, Value::Object(fields)))
}

fn read_ask(path: &str, value: &Value) -> Result<Ask, Diagnostic> {
    let (kind, fields) = kind_of(path, value, &ASK_KINDS)?;
    Ok(match kind {
        "routed" => {
            let routed = Fields::of(path, &fields, &["producer", "routing_key", "headers", "queues"])?;
            let (producer, routing_key, headers) =
                (routed.required("producer")?, routed.optional("routing_key")?, routed.optional("headers")?);
            if routed.optional::<Vec<String>>("queues")?.is_some() {
                return Err(Diagnostic::new(format!("{path}.queues"), Problem::AnswerTyped));
            }
            Ask::Routed { producer, routing_key, headers }
        }
        "call_outcome" => Ask::CallOutcome { client: Fields::of(path, &fields, &["client"])?.required("client")? },
        "delivered_to" => Ask::DeliveredTo { message: Fields::of(path, &fields, &["message"])?.required("message")? },
        "queue_depth" => {
            let depth = Fields::of(path, &fields, &["queue", "at_ms"])?;
            Ask::QueueDepth { queue: depth.required("queue")?, at_ms: depth.required("at_ms")? }
        }
        _ => Ask::Fate { message: Fields::of(path, &fields, &["message"])?.required("message")? },
    })
}

fn read_goal(path: &str, value: &Value) -> Result<Goal, Diagnostic> {
    let (kind, fields) = kind_of(path, value, &GOAL_KINDS)?;
    Ok(match kind {
        "routed" => {
            let routed = Fields::of(path, &fields, &["producer", "routing_key", "headers", "queues"])?;
            let (producer, routing_key) = (routed.required("producer")?, routed.optional("routing_key")?);
            routed.optional::<serde_json::Map<String, Value>>("headers")?;
            let Some(queues) = routed.optional("queues")? else {
                return Err(Diagnostic::new(
                    format!("{path}.queues"),
                    Problem::MissingField { field: "queues".into() },
                ));
            };
            Goal::Routed { producer, routing_key, queues }
        }
        "delivered" => {
            let delivered = Fields::of(path, &fields, &["consumer", "at_least"])?;
            Goal::Delivered { consumer: delivered.required("consumer")?, at_least: delivered.or("at_least", 1)? }
        }
        "no_message_lost" => {
            Fields::of(path, &fields, &[])?;
            Goal::NoMessageLost
        }
        "call_returns" => Goal::CallReturns { client: Fields::of(path, &fields, &["client"])?.required("client")? },
        "dead_lettered_into" => {
            Goal::DeadLetteredInto { queue: Fields::of(path, &fields, &["queue"])?.required("queue")? }
        }
        "depth_at_most" => {
            let depth = Fields::of(path, &fields, &["queue", "at_most"])?;
            Goal::DepthAtMost { queue: depth.required("queue")?, at_most: depth.required("at_most")? }
        }
        "no_drops" => {
            Fields::of(path, &fields, &[])?;
            Goal::NoDrops
        }
        _ => {
            let argument = Fields::of(path, &fields, &["queue", "argument", "value"])?;
            Goal::QueueArgument {
                queue: argument.required("queue")?,
                argument: argument.required("argument")?,
                value: argument.optional("value")?,
            }
        }
    })
}

fn read_step(path: &str, value: &Value) -> Result<Step, Diagnostic> {
    let (kind, fields) = kind_of(path, value, &STEP_KINDS)?;
    Ok(match kind {
        "say" => {
            let say = Fields::of(path, &fields, &["text", "play_to"])?;
            let text = say.required("text")?;
            let play_to = match say.optional::<Value>("play_to")? {
                Some(play_to) => {
                    let at = format!("{path}.play_to");
                    Some(PlayTo { ms: Fields::of(&at, &play_to, &["ms"])?.required("ms")? })
                }
                None => None,
            };
            Step::Say(Say { text, play_to })
        }
        "predict" => {
            let predict = Fields::of(path, &fields, &["question", "ask", "after"])?;
            let (question, ask): (Text, Value) = (predict.required("question")?, predict.required("ask")?);
            let after = predict.or("after", Text::default())?;
            let ask = read_ask(&format!("{path}.ask"), &ask)?;
            Step::Predict(Predict { question, ask, after })
        }
        _ => {
            let task = Fields::of(path, &fields, &["text", "goals", "hints", "solution"])?;
            let text = task.required("text")?;
            let goals: Vec<Value> = task.required("goals")?;
            let hints = task.or("hints", Vec::new())?;
            let solution: Vec<Value> = task.required("solution")?;
            let goals = goals
                .iter()
                .enumerate()
                .map(|(idx, goal)| {
                    let at = format!("{path}.goals[{idx}]");
                    let named = Fields::of(&at, goal, &["name", "check"])?;
                    let (name, check): (Text, Value) = (named.required("name")?, named.required("check")?);
                    Ok(NamedGoal { name, goal: read_goal(&format!("{at}.check"), &check)? })
                })
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            let solution = solution
                .iter()
                .enumerate()
                .map(|(idx, edit)| Edit::read(&format!("{path}.solution[{idx}]"), edit))
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            Step::Task(Task { text, goals, hints, solution })
        }
    })
}

impl Lesson {
    /// Parses and checks a lesson file: its version, every step, and its scenario (a
    /// built-in's name or an inline scenario file). Problems name the JSON path.
    pub fn from_json(text: &str) -> Result<Lesson, Vec<Diagnostic>> {
        let document = parse_json(text).map_err(|problem| vec![problem])?;
        Lesson::from_value(document)
    }

    pub fn from_value(document: Value) -> Result<Lesson, Vec<Diagnostic>> {
        if !document.is_object() {
            return Err(vec![Diagnostic::new(
                "",
                Problem::WrongKind { expected: JsonKind::Object, got: JsonKind::of(&document) },
            )]);
        }
        if let Some(version) = document.get("kaiten_lesson").and_then(Value::as_u64)
            && version != u64::from(LESSON_VERSION)
        {
            return Err(vec![Diagnostic::new(
                "kaiten_lesson",
                Problem::LessonVersion { reads: LESSON_VERSION.into(), file: version },
            )]);
        }
        let header: Header = read_at("", &document).map_err(|problem| vec![problem])?;
        debug_assert_eq!(header.kaiten_lesson, LESSON_VERSION);
        let scenario = match &header.scenario {
            Value::String(name) => match crate::scenarios::builtin(name) {
                Some(found) => found,
                None => {
                    let names: Vec<&str> = crate::scenarios::names().collect();
                    return Err(vec![Diagnostic::new(
                        "scenario",
                        Problem::NoBuiltinScenarioOf {
                            name: name.clone(),
                            names: names.iter().map(|name| name.to_string()).collect(),
                        },
                    )]);
                }
            },
            inline => Scenario::from_json(&inline.to_string()),
        }
        .map_err(|problems| {
            problems
                .into_iter()
                .map(|problem| {
                    let path = if problem.path.is_empty() {
                        "scenario".to_string()
                    } else {
                        format!("scenario.{}", problem.path)
                    };
                    problem.at(path)
                })
                .collect::<Vec<_>>()
        })?;
        let steps = header
            .steps
            .iter()
            .enumerate()
            .map(|(idx, step)| read_step(&format!("steps[{idx}]"), step))
            .collect::<Result<Vec<_>, Diagnostic>>()
            .map_err(|problem| vec![problem])?;
        if steps.is_empty() {
            return Err(vec![Diagnostic::new("steps", Problem::LessonWithoutSteps)]);
        }
        Ok(Lesson {
            name: header.name,
            part: header.part,
            title: header.title,
            scenario,
            scenario_ref: header.scenario,
            steps,
            source: document,
        })
    }

    /// The tasks' indexes among the steps.
    pub fn tasks(&self) -> impl Iterator<Item = (usize, &Task)> {
        self.steps.iter().enumerate().filter_map(|(idx, step)| match step {
            Step::Task(task) => Some((idx, task)),
            _ => None,
        })
    }

    /// Every text of the lesson, with its JSON path, for translation checks.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut texts = vec![("title".to_string(), &self.title)];
        for (idx, step) in self.steps.iter().enumerate() {
            let at = format!("steps[{idx}]");
            match step {
                Step::Say(say) => texts.push((format!("{at}.text"), &say.text)),
                Step::Predict(predict) => {
                    texts.push((format!("{at}.question"), &predict.question));
                    if !predict.after.is_empty() {
                        texts.push((format!("{at}.after"), &predict.after));
                    }
                }
                Step::Task(task) => {
                    texts.push((format!("{at}.text"), &task.text));
                    for (goal_idx, goal) in task.goals.iter().enumerate() {
                        texts.push((format!("{at}.goals[{goal_idx}].name"), &goal.name));
                    }
                    for (hint_idx, hint) in task.hints.iter().enumerate() {
                        texts.push((format!("{at}.hints[{hint_idx}]"), hint));
                    }
                }
            }
        }
        texts
    }

    /// The moment the run is at when step `idx` is shown: the last `play_to` at or before it.
    pub fn moment_at(&self, idx: usize) -> SimTime {
        self.steps[..=idx.min(self.steps.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|step| match step {
                Step::Say(Say { play_to: Some(play_to), .. }) => Some(play_to.ms),
                _ => None,
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::problem::{Expected, Got};

    #[test]
    fn the_curriculum_lists_each_lesson_as_its_file_has_it() {
        assert_eq!(BUILTINS.len(), LISTED.len());
        for (listed, lesson) in LISTED.iter().zip(builtins()) {
            assert_eq!((listed.name, listed.part), (lesson.name.as_str(), lesson.part));
            for tag in ["en", "zh-CN"] {
                assert_eq!(listed.title(tag), lesson.title.get(tag), "{} in {tag}", listed.name);
            }
        }
    }

    #[test]
    fn a_text_falls_back_to_english_then_to_the_language_it_was_written_in() {
        let chinese: Text = serde_json::from_value(serde_json::json!({"zh-CN": "你好"})).unwrap();
        assert_eq!(chinese.get("en"), "你好");
        let both: Text = serde_json::from_value(serde_json::json!({"en": "hi", "zh-CN": "你好"})).unwrap();
        assert_eq!((both.get("zh-CN"), both.get("fr")), ("你好", "hi"));
    }

    #[test]
    fn every_builtin_lesson_loads() {
        for name in names() {
            let lesson = builtin(name).unwrap().unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
            assert_eq!(lesson.name, name);
        }
    }

    #[test]
    fn a_typed_answer_and_an_unknown_kind_are_refused_with_their_path() {
        let lesson = |step: Value| {
            serde_json::json!({"kaiten_lesson": 1, "name": "l", "part": "bus", "title": {"en": "L"},
                "scenario": "topics", "steps": [step]})
        };
        let typed = lesson(serde_json::json!({"kind": "predict", "question": {"en": "?"},
            "ask": {"kind": "routed", "producer": "p", "queues": ["a"]}}));
        let problems = Lesson::from_value(typed).unwrap_err();
        assert_eq!(problems[0].path, "steps[0].ask.queues");
        assert_eq!(problems[0].problem, Problem::AnswerTyped);
        let unknown = lesson(serde_json::json!({"kind": "sya", "text": {"en": "hi"}}));
        let problems = Lesson::from_value(unknown).unwrap_err();
        assert_eq!(problems[0].path, "steps[0].kind");
        assert!(matches!(&problems[0].problem, Problem::UnknownKind { suggestion: Some(near), .. } if near == "say"));
        // Members are read as serde's derived readers read them: same problems, same paths.
        let slow = lesson(serde_json::json!({"kind": "say", "text": {"en": "hi"}, "play_to": {"ms": "soon"}}));
        let problem = &Lesson::from_value(slow).unwrap_err()[0];
        assert_eq!(problem.path, "steps[0].play_to.ms");
        assert_eq!(problem.problem, Problem::WrongType { expected: Expected::U64, got: Got::String("soon".into()) });
        let task = |goal: Value, edit: Value| {
            lesson(serde_json::json!({"kind": "task", "text": {"en": "t"}, "goals": [goal], "solution": [edit]}))
        };
        let bind = serde_json::json!({"kind": "bind", "source": "x", "destination": "q"});
        let unchecked = task(serde_json::json!({"name": {"en": "g"}}), bind.clone());
        let problem = &Lesson::from_value(unchecked).unwrap_err()[0];
        assert_eq!(
            (problem.path.as_str(), &problem.problem),
            ("steps[0].goals[0]", &Problem::MissingField { field: "check".into() })
        );
        let goal = serde_json::json!({"name": {"en": "g"}, "check": {"kind": "no_drops"}});
        let misspelt = task(goal, serde_json::json!({"kind": "unbind", "sourse": "x", "destination": "q"}));
        let problem = &Lesson::from_value(misspelt).unwrap_err()[0];
        assert_eq!(problem.path, "steps[0].solution[0].sourse");
        assert_eq!(
            problem.problem,
            Problem::UnknownField {
                found: "sourse".into(),
                expected: vec!["source".into(), "destination".into(), "routing_key".into()]
            }
        );
        let missing = serde_json::json!({"kaiten_lesson": 1, "name": "l", "part": "bus", "title": {"en": "L"},
            "scenario": "nope", "steps": []});
        assert_eq!(Lesson::from_value(missing).unwrap_err()[0].path, "scenario");
    }
}
