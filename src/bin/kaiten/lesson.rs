//! `kaiten lesson`: list the built-in lessons, check lesson files (every question answered by
//! the engine, every task unsolved at its start and solved by its solution), and print a
//! topic drill question with the engine's answer.

use std::path::Path;
use std::process::ExitCode;

use kaiten::explain::lang::Lang;
use kaiten::explain::lesson::{choice, part, report, right_answer, why};
use kaiten::lesson::check::check;
use kaiten::lesson::drill::{self, Difficulty};
use kaiten::lesson::oracle::answer;
use kaiten::lesson::{self, Lesson, Step};

use crate::simulate::{escape_controls, listed, print, read_input, refused};

/// `kaiten lesson list`: one line per built-in lesson, with its part.
pub fn list(lang: Lang) -> anyhow::Result<ExitCode> {
    for lesson in lesson::builtins() {
        print(&format!("{:<28} {:<24} {}", lesson.name, part(lang, lesson.part), lesson.title.get(lang.tag())))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A lesson file, or a built-in lesson's name.
fn load(lang: Lang, reference: &str) -> anyhow::Result<Lesson> {
    let heading = lang.words().cannot_load_lesson();
    let path = Path::new(reference);
    if path.exists() {
        let text = read_input(lang, &heading, path)?;
        return Lesson::from_json(&text).map_err(|problems| refused(lang, &heading, path, problems));
    }
    match lesson::builtin(reference) {
        Some(found) => found.map_err(|problems| listed(lang, &heading, &problems)),
        None => {
            let names: Vec<&str> = lesson::names().collect();
            anyhow::bail!("{heading}\n  {}", escape_controls(&lang.words().no_lesson(reference, &names.join(", "))))
        }
    }
}

/// `kaiten lesson check [LESSON...]`: exit 0 when every lesson checks out, 1 when one has a
/// problem, 2 when one does not load. With no lesson, every built-in one.
pub fn check_all(lang: Lang, references: &[String]) -> anyhow::Result<ExitCode> {
    let lessons: Vec<Lesson> = if references.is_empty() {
        lesson::builtins()
    } else {
        references.iter().map(|reference| load(lang, reference)).collect::<anyhow::Result<_>>()?
    };
    let mut failed = false;
    for lesson in &lessons {
        let checked = check(lesson);
        failed |= !checked.problems.is_empty();
        for line in report(lang, &lesson.name, &checked) {
            print(&escape_controls(&line))?;
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `kaiten lesson drill`: a generated topic-routing question, its bindings and the answer.
pub fn drill(lang: Lang, seed: u64, difficulty: &str) -> anyhow::Result<ExitCode> {
    let Some(difficulty) = Difficulty::parse(difficulty) else {
        anyhow::bail!("{}", lang.words().no_difficulty(difficulty));
    };
    let lesson = drill::lesson(seed, difficulty);
    let Step::Predict(predict) = &lesson.steps[0] else { unreachable!("a drill is one question") };
    let oracle = answer(&lesson.scenario, 0, &predict.ask).map_err(|_| anyhow::anyhow!("the drill has no answer"))?;
    print(predict.question.get(lang.tag()))?;
    for (queue, pattern) in drill::question(seed, difficulty).bindings {
        print(&format!("  {queue}: {pattern}"))?;
    }
    let choices: Vec<String> = oracle.choices.iter().map(|each| choice(lang, each)).collect();
    print(&format!("  [{}]", choices.join(", ")))?;
    print(&right_answer(lang, &oracle))?;
    for line in why(lang, &oracle) {
        print(&format!("  {line}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
