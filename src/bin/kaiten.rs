//! The native command-line interface: `kaiten amqp` plays a headless AMQP script against the
//! simulated broker and prints the output document; `kaiten verify` plays it against a real
//! RabbitMQ too and prints where the two disagree; `kaiten verify-corpus` does that for every
//! definitions/script pair in a folder; `kaiten run` runs a scenario and prints its trace
//! with explanations; `kaiten definitions` prints the topology a scenario declares; `kaiten
//! lesson` lists and checks lessons and prints topic drill questions.
//!
//! Shape from ripgrep: `main` calls `run`, which returns `anyhow::Result<ExitCode>`; exit 0
//! means all is well (or the reader of standard output closed it), 1 that a check found
//! differences, 2 an error (printed with its chain).
//! Each subcommand is one function taking its own validated arguments.

#[cfg(not(target_arch = "wasm32"))]
#[path = "kaiten/live/mod.rs"]
mod live;

#[cfg(not(target_arch = "wasm32"))]
#[path = "kaiten/simulate.rs"]
mod simulate;

#[cfg(not(target_arch = "wasm32"))]
#[path = "kaiten/lesson.rs"]
mod lesson;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use anyhow::Context;
    use clap::{Args, Parser, Subcommand};

    use kaiten::explain::lang::Lang;
    use kaiten::explain::{kept_notice, problem};
    use kaiten::formats::definitions::Definitions;
    use kaiten::formats::script::{self, Readback, RunOptions, RunRecord, Script};

    use crate::live::{BrokerAddress, LiveBroker};
    use crate::simulate::{ReaderGone, escape_controls, print, read_input, refused};

    /// Kaiten: AMQP 0-9-1 routing as RabbitMQ does it, simulated.
    #[derive(Debug, Parser)]
    #[command(name = "kaiten", version, about)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Debug, Subcommand)]
    enum Command {
        /// Play a headless AMQP script on the simulated broker and print the output document.
        Amqp(ScriptArgs),
        /// Play a script on the simulation and on a real RabbitMQ (in a fresh vhost) and print
        /// the differences; exit 1 if there are any.
        Verify(VerifyArgs),
        /// Verify every `NAME.defs.json` + `NAME.script.json` pair in a folder.
        VerifyCorpus(VerifyCorpusArgs),
        /// Run a scenario (a file or a built-in name) and print its trace, explained.
        Run(RunArgs),
        /// Print, as RabbitMQ definitions JSON, the topology a scenario has declared.
        Definitions(DefinitionsArgs),
        /// Lessons: list the built-in ones, check lesson files, or practise topic routing.
        #[command(subcommand)]
        Lesson(LessonCommand),
    }

    #[derive(Debug, Subcommand)]
    enum LessonCommand {
        /// List the built-in lessons.
        List,
        /// Check lessons (files or built-in names; all built-ins when none is given): every
        /// question has an answer the engine computes, every task is unsolved at its start and
        /// solved by its solution. Exit 1 when one is not.
        Check { lessons: Vec<String> },
        /// Print a generated topic-routing question and the engine's answer.
        Drill {
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// easy, medium or hard.
            #[arg(long, default_value = "medium")]
            difficulty: String,
        },
    }

    #[derive(Debug, Args)]
    struct RunArgs {
        /// A scenario file, or the name of a built-in scenario (see --list).
        #[arg(required_unless_present = "list")]
        scenario: Option<String>,
        /// The seed for every random choice (default: the scenario's own).
        #[arg(long)]
        seed: Option<u64>,
        /// Stop before the first event after this virtual time (ms).
        #[arg(long, value_name = "MS")]
        until: Option<u64>,
        /// Print JSON lines (one trace entry each, with its sentence) instead of text.
        #[arg(long, conflicts_with = "digest")]
        json: bool,
        /// Print only a digest of the trace (equal digests mean byte-identical traces).
        #[arg(long)]
        digest: bool,
        /// Stop after this many simulation steps (a scenario may never go idle).
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        max_steps: u64,
        /// The language of the trace: en or zh-CN (default: from LANG, else English).
        #[arg(long, value_name = "LANG", value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Add an intervention, as a JSON script step: '{"at_ms": 600, "stop_actor": "compute-host1"}'
        /// (repeatable; the actions are listed in the README).
        #[arg(long, value_name = "STEP")]
        intervene: Vec<String>,
        /// List the built-in scenarios.
        #[arg(long, conflicts_with_all = ["json", "digest", "seed", "until"])]
        list: bool,
    }

    #[derive(Debug, Args)]
    struct DefinitionsArgs {
        /// A scenario file, or the name of a built-in scenario.
        scenario: String,
        /// The topology as declared at this virtual time (ms) instead of at the end.
        #[arg(long, value_name = "MS")]
        at: Option<u64>,
        /// Stop after this many simulation steps (a scenario may never go idle).
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        max_steps: u64,
    }

    #[derive(Debug, Args)]
    struct ScriptArgs {
        /// RabbitMQ definitions JSON (as `rabbitmqctl export_definitions` writes it).
        #[arg(long, value_name = "DEFS.json")]
        definitions: PathBuf,
        /// The script: a JSON array of steps (see README.md, "Headless AMQP scripts").
        #[arg(long, value_name = "SCRIPT.json")]
        script: PathBuf,
    }

    #[derive(Debug, Args)]
    struct BrokerArgs {
        /// The broker to check against; its vhost is replaced by a fresh one per run.
        #[arg(long, value_name = "AMQP_URL", default_value = "amqp://guest:guest@127.0.0.1:5672/%2f")]
        broker: String,
        /// The management HTTP API, used to create and delete the vhost and list its queues.
        #[arg(long, value_name = "HTTP_URL", default_value = "http://127.0.0.1:15672")]
        management: String,
    }

    #[derive(Debug, Args)]
    struct VerifyArgs {
        #[command(flatten)]
        script: ScriptArgs,
        #[command(flatten)]
        broker: BrokerArgs,
        /// Also print the broker's output document (without `routed`, which it does not report).
        #[arg(long)]
        print_broker: bool,
    }

    #[derive(Debug, Args)]
    struct VerifyCorpusArgs {
        /// A folder of `NAME.defs.json` + `NAME.script.json` pairs.
        dir: PathBuf,
        #[command(flatten)]
        broker: BrokerArgs,
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli) {
            Ok(code) => code,
            Err(error) if error.is::<ReaderGone>() => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("kaiten: error: {error:#}");
                ExitCode::from(2)
            }
        }
    }

    fn run(cli: Cli) -> anyhow::Result<ExitCode> {
        match cli.command {
            Command::Amqp(args) => amqp(lang_from_environment(), &args),
            Command::Verify(args) => verify(lang_from_environment(), &args),
            Command::VerifyCorpus(args) => verify_corpus(lang_from_environment(), &args),
            Command::Run(args) => crate::simulate::run(crate::simulate::RunOptions {
                scenario: args.scenario,
                seed: args.seed,
                until: args.until,
                json: args.json,
                digest: args.digest,
                list: args.list,
                max_steps: args.max_steps,
                intervene: args.intervene,
                lang: args.lang.unwrap_or_else(lang_from_environment),
            }),
            Command::Lesson(LessonCommand::List) => crate::lesson::list(lang_from_environment()),
            Command::Lesson(LessonCommand::Check { lessons }) => {
                crate::lesson::check_all(lang_from_environment(), &lessons)
            }
            Command::Lesson(LessonCommand::Drill { seed, difficulty }) => {
                crate::lesson::drill(lang_from_environment(), seed, &difficulty)
            }
            Command::Definitions(args) => {
                crate::simulate::definitions(lang_from_environment(), &args.scenario, args.at, args.max_steps)
            }
        }
    }

    fn parse_lang(tag: &str) -> Result<Lang, String> {
        Lang::from_tag(tag).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
            format!("no language '{tag}'; the languages are {}", known.join(", "))
        })
    }

    /// The language `LC_ALL`, `LC_MESSAGES` or `LANG` asks for (the first one set), else English.
    fn lang_from_environment() -> Lang {
        let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()));
        set.and_then(|value| Lang::from_tag(&value)).unwrap_or_default()
    }

    fn shown(path: &Path) -> String {
        escape_controls(&path.display().to_string())
    }

    fn load_definitions(lang: Lang, path: &Path) -> anyhow::Result<Definitions> {
        let heading = lang.words().cannot_load_definitions();
        let text = read_input(lang, &heading, path)?;
        let (definitions, diagnostics) =
            Definitions::parse(&text).map_err(|error| refused(lang, &heading, path, vec![error]))?;
        if let Some(notice) = kept_notice(lang, &diagnostics) {
            eprintln!("kaiten: notice: {}: {}", shown(path), escape_controls(&notice));
        }
        Ok(definitions)
    }

    fn load_script(lang: Lang, path: &Path) -> anyhow::Result<Script> {
        let text = read_input(lang, &lang.words().cannot_load_script(), path)?;
        script::parse(&text)
            .map_err(|error| anyhow::anyhow!("{}", escape_controls(&problem(lang, &error))))
            .with_context(|| lang.words().invalid_script(&shown(path)))
    }

    fn simulate(
        lang: Lang,
        definitions: &Definitions,
        script: &Script,
        script_path: &Path,
        readback: Readback,
    ) -> anyhow::Result<RunRecord> {
        script::run_with(definitions.topology.clone(), script, RunOptions { readback })
            .map_err(|error| anyhow::anyhow!("{}", escape_controls(&problem(lang, &error))))
            .with_context(|| lang.words().script_failed(&shown(script_path)))
    }

    /// `kaiten amqp`: the headless contract.
    fn amqp(lang: Lang, args: &ScriptArgs) -> anyhow::Result<ExitCode> {
        let definitions = load_definitions(lang, &args.definitions)?;
        let script = load_script(lang, &args.script)?;
        let record = simulate(lang, &definitions, &script, &args.script, Readback::Snapshot)?;
        print(&serde_json::to_string_pretty(&record.document())?)?;
        Ok(ExitCode::SUCCESS)
    }

    /// Runs one pair on both sides and returns the differences.
    fn compare(
        lang: Lang,
        broker: &LiveBroker,
        definitions: &Definitions,
        script: &Script,
        script_path: &Path,
        print_broker: bool,
    ) -> anyhow::Result<Vec<String>> {
        // The broker's queues can only be read by draining them, so drain the simulated ones.
        let simulated = simulate(lang, definitions, script, script_path, Readback::Drain)?;
        let observed = broker.run(&definitions.topology, script)?;
        if print_broker {
            print(&serde_json::to_string_pretty(&observed.record.document())?)?;
        }
        let mut differences: Vec<String> = observed.refused.into_iter().collect();
        differences.extend(script::differences(&simulated, &observed.record).iter().map(|difference| {
            let text = kaiten::explain::differences::difference(lang, difference);
            // A difference in a translated suite case is named by the case, which is what a
            // reader looks up in the suite.
            let case = match difference {
                script::Difference::Publish { index, .. } => {
                    script::case_of(script, script::Counted::Publishes, *index)
                }
                script::Difference::Get { index, .. } => script::case_of(script, script::Counted::Gets, *index),
                _ => None,
            };
            case.map_or(text.clone(), |case| format!("{}: {text}", case.name))
        }));
        Ok(differences)
    }

    fn connect(args: &BrokerArgs) -> anyhow::Result<LiveBroker> {
        let address = BrokerAddress::parse(&args.broker, &args.management)?;
        LiveBroker::new(address)
    }

    /// `kaiten verify`.
    fn verify(lang: Lang, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
        let definitions = load_definitions(lang, &args.script.definitions)?;
        let script = load_script(lang, &args.script.script)?;
        let broker = connect(&args.broker)?;
        let differences = compare(lang, &broker, &definitions, &script, &args.script.script, args.print_broker)?;
        for difference in &differences {
            print(&escape_controls(difference))?;
        }
        let n_publishes = count_publishes(&script);
        if differences.is_empty() {
            print(&format!("no differences ({n_publishes} publishes, {} steps)", script.len()))?;
            Ok(ExitCode::SUCCESS)
        } else {
            print(&format!("{} differences ({n_publishes} publishes, {} steps)", differences.len(), script.len()))?;
            Ok(ExitCode::from(1))
        }
    }

    fn count_publishes(script: &Script) -> usize {
        script.iter().filter(|step| matches!(step, script::Step::Publish(_))).count()
    }

    fn count_cases(script: &Script) -> usize {
        script.iter().filter(|step| matches!(step, script::Step::Case(_))).count()
    }

    /// `kaiten verify-corpus`.
    fn verify_corpus(lang: Lang, args: &VerifyCorpusArgs) -> anyhow::Result<ExitCode> {
        let mut pairs = Vec::new();
        for entry in std::fs::read_dir(&args.dir).with_context(|| format!("cannot list {}", args.dir.display()))? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
            if let Some(stem) = name.strip_suffix(".defs.json") {
                let script_path = args.dir.join(format!("{stem}.script.json"));
                anyhow::ensure!(script_path.exists(), "{} has no {}", path.display(), script_path.display());
                pairs.push((stem.to_string(), path.clone(), script_path));
            }
        }
        pairs.sort();
        anyhow::ensure!(!pairs.is_empty(), "no NAME.defs.json + NAME.script.json pairs in {}", args.dir.display());
        let broker = connect(&args.broker)?;
        let (mut n_passed, mut n_failed, mut n_publishes, mut n_cases) = (0usize, 0usize, 0usize, 0usize);
        for (name, defs_path, script_path) in &pairs {
            let definitions = load_definitions(lang, defs_path)?;
            let script = load_script(lang, script_path)?;
            n_publishes += count_publishes(&script);
            n_cases += count_cases(&script);
            let mut differences = compare(lang, &broker, &definitions, &script, script_path, false)?;
            let mut retried = None;
            if !differences.is_empty() {
                // A loaded broker sometimes drops a connection or fires timers late; a real
                // difference shows again on a second run, on a fresh connection and vhost.
                let fresh = connect(&args.broker)?;
                let again = compare(lang, &fresh, &definitions, &script, script_path, false)?;
                if again.is_empty() {
                    retried = differences.first().cloned();
                }
                differences = again;
            }
            if differences.is_empty() {
                n_passed += 1;
                let note = retried.map_or(String::new(), |first| {
                    format!("; passed on a second run, the first differed: {}", escape_controls(&first))
                });
                let cases = match count_cases(&script) {
                    0 => String::new(),
                    1 => "1 case, ".to_string(),
                    n => format!("{n} cases, "),
                };
                print(&format!("ok    {name} ({cases}{} publishes{note})", count_publishes(&script)))?;
            } else {
                n_failed += 1;
                print(&format!("FAIL  {name}: {} differences", differences.len()))?;
                for difference in &differences {
                    print(&format!("      {}", escape_controls(difference)))?;
                }
            }
        }
        print(&format!(
            "verify-corpus: {} pairs, {n_cases} translated suite cases, {n_publishes} publishes checked against RabbitMQ",
            pairs.len()
        ))?;
        print(&format!("{n_passed} passed, {n_failed} failed"))?;
        Ok(if n_failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
    }
}
