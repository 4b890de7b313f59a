//! `kaiten run` and `kaiten definitions`: run a scenario headless and print its trace, or
//! the topology it has declared, as RabbitMQ definitions JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use kaiten::explain::Describer;
use kaiten::formats::definitions::Definitions;
use kaiten::formats::scenario::Scenario;
use kaiten::scenarios::{self, resolve::resolve};
use kaiten::sim::{Session, Until, trace_digest};

/// Loads a scenario from a file path or a built-in name.
fn load(reference: &str) -> anyhow::Result<Scenario> {
    let path = PathBuf::from(reference);
    if path.exists() {
        // A path that exists but cannot be read is that problem, not a missing scenario.
        std::fs::read_to_string(&path).with_context(|| format!("cannot read scenario file {reference}"))?;
    }
    resolve(reference, |path| std::fs::read_to_string(PathBuf::from(path)).ok()).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("cannot load scenario:\n  {}", lines.join("\n  "))
    })
}

fn start(scenario: &Scenario, seed: Option<u64>) -> anyhow::Result<Session> {
    let world = scenario.build(seed.unwrap_or(scenario.seed)).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("cannot start scenario '{}':\n  {}", scenario.name, lines.join("\n  "))
    })?;
    Ok(Session::new(world))
}

/// What `kaiten run` prints.
pub struct RunOptions {
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub until: Option<u64>,
    pub json: bool,
    pub digest: bool,
    pub list: bool,
    /// Without `until`, stop after this many world steps (a scenario may never go idle).
    pub max_steps: u64,
}

pub fn run(options: RunOptions) -> anyhow::Result<ExitCode> {
    match print_run(options) {
        // A reader that stops early (`kaiten run ... | head`) is not an error.
        Err(error)
            if error.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

fn print_run(options: RunOptions) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if options.list {
        for name in scenarios::names() {
            let scenario =
                scenarios::builtin(name).expect("listed").map_err(|_| anyhow::anyhow!("{name} is broken"))?;
            writeln!(out, "{name:<22} {}", scenario.title)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(reference) = options.scenario else { bail!("name a scenario (a file or a built-in; see --list)") };
    let scenario = load(&reference)?;
    let seed = options.seed.unwrap_or(scenario.seed);
    let mut session = start(&scenario, Some(seed))?;
    match options.until {
        Some(ms) => session.run_until(Until::Time(ms)),
        None => {
            session.run_until(Until::Step(options.max_steps));
            if !session.is_finished() {
                eprintln!(
                    "kaiten: stopped after {} steps at {} ms: the scenario is still busy (a requeue loop never ends); \
                     use --until MS or --max-steps N",
                    session.position(),
                    session.now()
                );
            }
        }
    }
    let world = session.world();
    if options.digest {
        writeln!(out, "{:016x}", trace_digest(session.trace()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut describer = Describer::default();
    if !options.json {
        writeln!(out, "# {}: {} (seed {seed})", scenario.name, scenario.title)?;
        if !scenario.watch.is_empty() {
            writeln!(out, "# What to watch: {}", scenario.watch)?;
        }
    }
    for entry in session.trace() {
        let description = describer.describe(entry, world);
        if options.json {
            let line = serde_json::json!({
                "step": entry.step, "time": entry.time, "event": entry.event,
                "text": description.sentence, "details": description.details,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{:>7} ms  {}", entry.time, description.sentence)?;
            for detail in description.details {
                writeln!(out, "{:>12}{detail}", "")?;
            }
        }
    }
    if !options.json {
        let [p50, p95, p99] = world.stats().latency_percentiles();
        let show = |value: Option<u64>| value.map_or("-".to_string(), |ms| format!("{ms} ms"));
        writeln!(
            out,
            "# {} events in {} steps, virtual time {} ms{}; publish-to-ack latency p50 {} p95 {} p99 {}",
            session.trace().len(),
            session.position(),
            session.now(),
            if session.is_finished() { ", finished" } else { ", stopped early" },
            show(p50),
            show(p95),
            show(p99)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `kaiten definitions SCENARIO [--at MS]`.
pub fn definitions(reference: &str, at: Option<u64>) -> anyhow::Result<ExitCode> {
    let scenario = load(reference)?;
    let mut session = start(&scenario, None)?;
    session.run_until(at.map_or(Until::Idle, Until::Time));
    let topology = session.world().broker().topology().clone();
    let document = Definitions::new(topology).to_json();
    let text = serde_json::to_string_pretty(&document).context("serializing definitions")?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}
