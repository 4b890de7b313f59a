//! `kaiten run` and `kaiten definitions`: run a scenario headless and print its trace, or
//! the topology it has declared, as RabbitMQ definitions JSON.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use kaiten::explain::lang::Lang;
use kaiten::explain::transcript::write_transcript;
use kaiten::explain::{Describer, problem};
use kaiten::formats::definitions::Definitions;
use kaiten::formats::scenario::Scenario;
use kaiten::formats::{self, Diagnostic, Problem};
use kaiten::scenarios::{self, resolve::resolve};
use kaiten::sim::{Session, Until, trace_digest};
use kaiten::studio::Pick;

/// Reads a file's bytes, refusing one larger than `formats::MAX_FILE_BYTES` by its size
/// before reading it, and reading no more than one byte past the limit, so `/dev/zero` or
/// a huge file is refused, not read whole. Problems are worded as the browser words them;
/// a loop of symbolic links, a permission refused and a directory are each said as such.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(Diagnostic::new("", Problem::IsADirectory));
    }
    formats::check_size(metadata.len())?;
    let mut bytes = Vec::new();
    file.take(formats::MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    formats::check_size(bytes.len() as u64)?;
    Ok(bytes)
}

/// Why a file could not be read, as a problem.
fn unreadable(error: std::io::Error) -> Diagnostic {
    let problem = match error.kind() {
        std::io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
        std::io::ErrorKind::IsADirectory => Problem::IsADirectory,
        // std has no stable `ErrorKind` for it yet.
        _ if error.raw_os_error() == Some(libc::ELOOP) => Problem::SymlinkLoop,
        _ => Problem::CannotRead { error: error.to_string() },
    };
    Diagnostic::new("", problem)
}

/// Whether a path names something, even a link that leads nowhere or to itself (which
/// `Path::exists` calls absent); a path that cannot even be looked at (a folder on its way
/// forbids it) is there too, so reading it says why. Only what is not there is a built-in
/// scenario's name.
fn is_there(path: &Path) -> bool {
    std::fs::symlink_metadata(path).map_or_else(|error| error.kind() != std::io::ErrorKind::NotFound, |_| true)
}

/// Reads a text file (definitions, a script) with [`read_bytes`] and checks it is UTF-8.
/// `heading` says what could not be loaded ("cannot load definitions:").
pub fn read_input(lang: Lang, heading: &str, path: &Path) -> anyhow::Result<String> {
    let text = read_bytes(path).and_then(|bytes| formats::file_text(&bytes).map(str::to_string));
    text.map_err(|problem| refused(lang, heading, path, vec![problem]))
}

/// The heading ("cannot load scenario:") and each problem on its own line, placed in the file
/// (`PATH: queues[0]: ...`), in `lang`, with control characters escaped.
pub fn refused(lang: Lang, heading: &str, path: &Path, problems: Vec<Diagnostic>) -> anyhow::Error {
    let shown = path.display().to_string();
    let placed: Vec<Diagnostic> = problems.into_iter().map(|problem| problem.within(&shown)).collect();
    listed(lang, heading, &placed)
}

/// The heading and each problem on its own line, in `lang`, with control characters escaped.
pub fn listed(lang: Lang, heading: &str, problems: &[Diagnostic]) -> anyhow::Error {
    let lines: Vec<String> = problems.iter().map(|each| escape_controls(&problem(lang, each))).collect();
    anyhow::anyhow!("{heading}\n  {}", lines.join("\n  "))
}

pub use kaiten::explain::transcript::escape_controls;

/// Loads a scenario from a file path (a scenario file or definitions, read as the browser
/// reads them) or a built-in name.
fn load(lang: Lang, reference: &str) -> anyhow::Result<Scenario> {
    let heading = lang.words().cannot_load_scenario();
    let path = PathBuf::from(reference);
    let bytes = if is_there(&path) {
        // A path that is there but cannot be read is that problem, not a missing scenario.
        Some(read_bytes(&path).map_err(|problem| refused(lang, &heading, &path, vec![problem]))?)
    } else {
        None
    };
    let scenario = resolve(reference, |_| bytes.clone()).map_err(|errors| listed(lang, &heading, &errors))?;
    // A file says once what it keeps but does not simulate; a built-in keeps nothing.
    if bytes.is_some()
        && let Ok((_, not_simulated)) = scenario.definitions_noting()
        && let Some(notice) = kaiten::explain::kept_notice(lang, &not_simulated)
    {
        eprintln!("kaiten: notice: {}: {}", escape_controls(reference), escape_controls(&notice));
    }
    Ok(scenario)
}

/// Runs `session` until virtual time passes `until` (if given), nothing is left to do,
/// or `max_steps` steps have run; says on standard error when the step limit stopped it.
/// Whether a run goes on one more step: it stops at `--until` (nothing left at or before
/// that time) and at `--max-steps`, which it says on standard error.
fn keep_going(session: &Session, until: Option<u64>, max_steps: u64) -> bool {
    if let Some(limit) = until
        && session.world().next_time().is_none_or(|next| next > limit)
    {
        return false;
    }
    if session.position() >= max_steps && !session.is_finished() {
        eprintln!(
            "kaiten: stopped after {} steps at {} ms: the scenario is still busy (it never goes idle, \
             or needs more steps); use --max-steps N",
            session.position(),
            session.now()
        );
        return false;
    }
    true
}

fn run_bounded(session: &mut Session, until: Option<u64>, max_steps: u64) {
    while !session.is_finished() && keep_going(session, until, max_steps) {
        session.run_until(Until::Step(session.position() + 1));
    }
}

fn start(lang: Lang, scenario: &Scenario, seed: Option<u64>) -> anyhow::Result<Session> {
    let world = scenario
        .build(seed.unwrap_or(scenario.seed))
        .map_err(|errors| listed(lang, &lang.words().cannot_start_scenario(&scenario.name), &errors))?;
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
    /// Interventions added to the scenario's script, each a JSON script step.
    pub intervene: Vec<String>,
    /// The language of the trace's sentences.
    pub lang: Lang,
}

/// Standard output, buffered; every write and the final flush report their errors through
/// [`output_error`].
pub fn output() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Writes `text` and a newline to standard output; a write error is [`output_error`]'s.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = output();
    writeln!(out, "{text}").map_err(output_error)?;
    out.flush().map_err(output_error)
}

/// The reader of standard output closed the pipe (`kaiten run X | head`): it wants no more,
/// which is not a failure, so `main` ends quietly with status 0, as Unix tools do (Rust
/// ignores SIGPIPE, so the write returns `BrokenPipe` instead of killing the process).
#[derive(Debug, thiserror::Error)]
#[error("the reader of standard output closed it")]
pub struct ReaderGone;

/// An output error as `main` reports it: a closed pipe is [`ReaderGone`]; any other (a full
/// disk) says what failed, and `main` prints it as one line on standard error.
pub fn output_error(error: std::io::Error) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        return anyhow::Error::new(ReaderGone);
    }
    anyhow::Error::new(error).context("cannot write to standard output")
}

pub fn run(options: RunOptions) -> anyhow::Result<ExitCode> {
    let mut out = output();
    let code = print_run(options, &mut out)?;
    out.flush().map_err(output_error)?;
    Ok(code)
}

fn print_run(options: RunOptions, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if options.list {
        for name in scenarios::names() {
            let scenario =
                scenarios::builtin(name).expect("listed").map_err(|_| anyhow::anyhow!("{name} is broken"))?;
            writeln!(out, "{name:<22} {}", scenario.title).map_err(output_error)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(reference) = options.scenario else { bail!("name a scenario (a file or a built-in; see --list)") };
    let lang = options.lang;
    let scenario = load(lang, &reference)?
        .with_script_steps(&options.intervene)
        .map_err(|errors| listed(lang, &lang.words().cannot_apply_intervene(), &errors))?;
    let seed = options.seed.unwrap_or(scenario.seed);
    let mut session = start(lang, &scenario, Some(seed))?;
    let (until, max_steps) = (options.until, options.max_steps);
    if options.digest {
        run_bounded(&mut session, until, max_steps);
        writeln!(out, "{:016x}", trace_digest(session.trace())).map_err(output_error)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut bound = |session: &Session| keep_going(session, until, max_steps);
    if !options.json {
        // A built-in scenario (named, not a file) is titled in the language's own words.
        let pick = if is_there(Path::new(&reference)) { Pick::MyTopology } else { Pick::Builtin(reference.clone()) };
        write_transcript(out, lang, &pick, &scenario, seed, &mut session, &mut bound).map_err(output_error)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Each step's entries explained against the world right after it, as the transcript does.
    let mut describer = Describer::new(lang);
    let mut entries = Vec::new();
    while !session.is_finished() && bound(&session) && session.advance_into(&mut entries) {
        for entry in entries.drain(..) {
            let description = describer.describe(&entry, session.world());
            let line = serde_json::json!({
                "step": entry.step, "time": entry.time, "event": entry.event,
                "text": description.sentence, "details": description.details,
            });
            writeln!(out, "{line}").map_err(output_error)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `kaiten definitions SCENARIO [--at MS] [--max-steps N]`.
pub fn definitions(lang: Lang, reference: &str, at: Option<u64>, max_steps: u64) -> anyhow::Result<ExitCode> {
    let scenario = load(lang, reference)?;
    let mut session = start(lang, &scenario, None)?;
    run_bounded(&mut session, at, max_steps);
    let topology = session.world().broker().topology().clone();
    let document = Definitions::new(topology).to_json();
    let text = serde_json::to_string_pretty(&document).context("serializing definitions")?;
    let mut out = output();
    writeln!(out, "{text}").map_err(output_error)?;
    out.flush().map_err(output_error)?;
    Ok(ExitCode::SUCCESS)
}
