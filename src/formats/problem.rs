//! What is wrong with a file, as data: one variant per kind of problem, its names, numbers
//! and lists as fields. `formats` words nothing; `explain::problems` says each variant in
//! every language, so a problem reads in the user's language with its own word order.

use crate::engine::policy::PolicyProblem;

/// A kind of JSON value, as a problem names what it found or wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonKind {
    /// What kind of JSON value this is.
    pub fn of(value: &serde_json::Value) -> JsonKind {
        use serde_json::Value;
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

/// What serde wanted where it found something else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Expected {
    U8,
    U16,
    U32,
    U64,
    I64,
    F64,
    String,
    Bool,
    Array,
    Object,
    /// An object with a `kind` saying which of several it is.
    ObjectWithKind,
    /// What the type's own reader says it wants, in serde's words (a code word, mostly).
    Other(String),
}

impl Expected {
    /// The expectation serde's visitors describe as `expecting` text.
    pub(crate) fn from_serde(text: &str) -> Expected {
        match text {
            "u8" => Expected::U8,
            "u16" => Expected::U16,
            "u32" => Expected::U32,
            "u64" => Expected::U64,
            "i64" => Expected::I64,
            "f64" => Expected::F64,
            "a string" => Expected::String,
            "a boolean" => Expected::Bool,
            "a sequence" => Expected::Array,
            "a map" => Expected::Object,
            text if text.starts_with("struct ") => Expected::Object,
            text if text.starts_with("internally tagged enum") => Expected::ObjectWithKind,
            other => Expected::Other(other.to_string()),
        }
    }
}

/// What serde found instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Got {
    /// A number, as JSON writes it.
    Number(String),
    String(String),
    Bool(bool),
    Array,
    Object,
    Null,
    /// Something else, in serde's words.
    Other(String),
}

impl Got {
    pub(crate) fn from_serde(unexpected: serde::de::Unexpected<'_>) -> Got {
        use serde::de::Unexpected;
        match unexpected {
            Unexpected::Bool(flag) => Got::Bool(flag),
            Unexpected::Unsigned(number) => Got::Number(number.to_string()),
            Unexpected::Signed(number) => Got::Number(number.to_string()),
            Unexpected::Float(number) => {
                Got::Number(serde_json::Number::from_f64(number).map_or_else(|| number.to_string(), |n| n.to_string()))
            }
            Unexpected::Str(text) => Got::String(text.to_string()),
            Unexpected::Seq => Got::Array,
            Unexpected::Map => Got::Object,
            Unexpected::Unit | Unexpected::UnitVariant => Got::Null,
            other => Got::Other(other.to_string()),
        }
    }
}

/// A problem with a file (or a link, a saved work, a script), without its place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Problem {
    // Reading a file.
    /// More entries in one list than Kaiten opens.
    TooManyEntries {
        entries: u64,
        max: u64,
    },
    FileTooLarge {
        max_mib: u64,
    },
    NotUtf8 {
        offset: u64,
    },
    ByteOrderMark,
    /// The path is a symbolic link that leads, through other links or directly, back to
    /// itself (`ELOOP`).
    SymlinkLoop,
    /// The file or a folder on its path does not let this user read it (`EACCES`).
    PermissionDenied,
    /// The path names a directory, not a file.
    IsADirectory,
    /// Any other reason the system gives, in its own words.
    CannotRead {
        error: String,
    },
    DuplicateKey {
        key: String,
    },
    JsonEndsEarly {
        line: u64,
        column: u64,
    },
    JsonTooDeep {
        line: u64,
        column: u64,
    },
    /// `serde_json`'s own words for the syntax error.
    InvalidJson {
        error: String,
        line: u64,
        column: u64,
    },

    // Serde's complaints about a value.
    WrongType {
        expected: Expected,
        got: Got,
    },
    InvalidLength {
        length: u64,
        expected: Expected,
    },
    MissingField {
        field: String,
    },
    UnknownField {
        found: String,
        expected: Vec<String>,
    },
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    DuplicateField {
        field: String,
    },
    /// What serde said where it says nothing structured, verbatim.
    Serde {
        text: String,
    },
    /// A JSON value of the wrong kind where the file's own checks look.
    WrongKind {
        expected: JsonKind,
        got: JsonKind,
    },

    // Scenario files.
    ScenarioNotObject {
        got: JsonKind,
    },
    ScenarioVersion {
        reads: u64,
        file: u64,
    },
    NoActorNamed {
        name: String,
        suggestion: Option<String>,
    },
    ActorsShareName {
        name: String,
    },
    NoQueueNamed {
        name: String,
        suggestion: Option<String>,
    },
    InvalidRegex {
        error: String,
    },
    BoundsReversed {
        low: u64,
        high: u64,
    },
    TemplateTooLarge {
        bound: u64,
        max: u64,
    },
    ActorNotObject {
        got: JsonKind,
    },
    ActorKindMissing {
        kinds: Vec<String>,
    },
    UnknownActorKind {
        found: String,
        suggestion: Option<String>,
        kinds: Vec<String>,
    },
    StepNotObject {
        got: JsonKind,
    },
    StepNamesNoAction {
        actions: Vec<String>,
    },
    UnknownStepAction {
        found: String,
        suggestion: Option<String>,
        actions: Vec<String>,
    },
    StepNamesSeveral {
        names: Vec<String>,
    },
    NotAProbability {
        value: String,
    },

    // RabbitMQ definitions.
    DefinitionsNotObject {
        got: JsonKind,
    },
    IntegerTooLarge {
        number: String,
        max: String,
    },
    /// A runtime parameter other than an operator policy (federation, shovel, vhost limits).
    ParameterNotApplied {
        component: String,
    },
    PolicyKeysNotSimulated {
        keys: Vec<String>,
    },
    ApplyToInvalid {
        found: String,
    },
    UnknownExchangeType {
        found: String,
    },
    BuiltinExchangeType {
        name: String,
        kind: String,
    },
    AlternateExchangeNotName {
        got: String,
    },
    QuorumNeedsArgument,
    ArgumentsMakeQuorum,
    QueueTypeNotSimulated {
        found: String,
    },
    NoExchange {
        name: String,
    },
    NoQueue {
        name: String,
    },
    DefaultExchangeBound,
    XMatchInvalid {
        found: String,
    },
    OtherVhost {
        vhost: String,
    },
    /// A member RabbitMQ's import would ignore (a newer release's, or a typo): kept and
    /// written back, never acted on.
    KeyKept {
        suggestion: Option<String>,
    },
    /// A queue argument the broker model does not act on (`x-queue-version`, `x-queue-mode`).
    ArgumentNotSimulated,
    /// An exchange with a reserved `amq.*` name that is not one of every vhost's, which
    /// RabbitMQ's import skips.
    ReservedExchangeKept {
        name: String,
    },
    /// A policy the broker model refuses, as `rabbitmqctl set_policy` would.
    Policy {
        problem: PolicyProblem,
    },
    /// The broker model's refusal, in RabbitMQ's own words (a reply code and its text).
    Broker {
        text: String,
    },

    // Headless AMQP scripts.
    ScriptNotArray {
        got: JsonKind,
    },
    ScriptStepNotObject {
        got: JsonKind,
    },
    ScriptStepEmpty {
        actions: Vec<String>,
    },
    ScriptStepSeveral {
        names: Vec<String>,
    },
    UnknownScriptAction {
        found: String,
        suggestion: Option<String>,
        actions: Vec<String>,
    },
    NoUnsettledDelivery {
        message_id: String,
        queue: Option<String>,
    },
    ConsumerTagInUse {
        tag: String,
    },
    NoConsumerTag {
        tag: String,
    },

    // Lesson files.
    LessonVersion {
        reads: u64,
        file: u64,
    },
    LessonWithoutSteps,
    /// A lesson asked for by a name no built-in lesson has.
    NoBuiltinLesson {
        name: String,
        names: Vec<String>,
    },
    /// A built-in lesson's file could not be fetched (the browser fetches each lesson's file).
    LessonUnavailable {
        name: String,
    },
    /// A question names its answer: answers come from the engine, never from the author.
    AnswerTyped,
    /// An object without the `kind` that says which of several it is.
    KindMissing {
        kinds: Vec<String>,
    },
    UnknownKind {
        found: String,
        suggestion: Option<String>,
        kinds: Vec<String>,
    },

    // Exports, links, saved work and built-in scenarios.
    NulInShellWord {
        name: String,
    },
    NotAShareLink,
    ShareLinkTooLong,
    ShareLinkNotBase64,
    ShareLinkCut,
    ShareLinkNotText,
    SavedVersion {
        version: u64,
    },
    NoBuiltinScenario {
        name: String,
    },
    NoBuiltinScenarioOf {
        name: String,
        names: Vec<String>,
    },
    NoFileOrBuiltin {
        name: String,
        suggestion: Option<String>,
        names: Vec<String>,
    },

    // The embedded player's address options.
    /// An option the player does not have.
    UnknownOption {
        option: String,
        suggestion: Option<String>,
        options: Vec<String>,
    },
    /// An option's value is not one of those it takes.
    BadOption {
        option: String,
        value: String,
        values: Vec<String>,
    },
    /// A number option's value is not a whole number in its range.
    BadNumberOption {
        option: String,
        value: String,
        min: u64,
        max: u64,
    },
    /// A message sent to the player of a kind it does not take.
    UnknownMessage {
        kind: String,
        kinds: Vec<String>,
    },
    /// A message sent to the player without the member its kind needs, or with a bad one.
    MessageNeeds {
        kind: String,
        member: String,
    },
}

/// Names as a list field holds them.
pub(crate) fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}
