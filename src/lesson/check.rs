//! What `kaiten lesson check` and the tests verify of a lesson: every question has an answer
//! the engine can compute, every task starts with its goals not all met (there is something
//! to do), and its solution, applied to the canvas as the task finds it, meets them all.
//! Tasks follow each other on one canvas, so a task starts where the previous solution left it.

use crate::formats::scenario::{Diagnostic, Scenario};
use crate::lesson::oracle::{Unanswerable, answer, evaluate};
use crate::lesson::{Lesson, Step, edit};

/// A problem with a lesson, by step index.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckProblem {
    /// The engine cannot answer this question.
    Unanswerable { step: usize, why: Unanswerable },
    /// Every goal of this task is already met when it starts.
    AlreadySolved { step: usize },
    /// The solution's edits cannot be applied.
    SolutionRefused { step: usize, problems: Vec<Diagnostic> },
    /// Applied, the solution leaves these goals (by index) unmet.
    SolutionFails { step: usize, goals: Vec<usize> },
}

/// What a lesson checks out as: its problems (none for a good lesson), and the texts without
/// a Chinese translation (by JSON path), which are reported but allowed (English is shown).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub problems: Vec<CheckProblem>,
    pub untranslated: Vec<String>,
    pub n_questions: usize,
    pub n_tasks: usize,
}

/// The canvas as step `idx` finds it: the lesson's scenario with the solutions of the tasks
/// before it applied (a learner's own solution may differ, but must meet the same goals).
pub fn scenario_before(lesson: &Lesson, idx: usize) -> Result<Scenario, Vec<Diagnostic>> {
    let mut scenario = lesson.scenario.clone();
    for (task_idx, task) in lesson.tasks() {
        if task_idx >= idx {
            break;
        }
        scenario = edit::apply(&scenario, &task.solution)?;
    }
    Ok(scenario)
}

/// Whether a lesson's tasks start from a broken topology ("fix this"): its English title
/// says so. `check` makes sure each of its tasks starts with a goal unmet.
pub fn starts_broken(lesson: &Lesson) -> bool {
    lesson.title.get("en").starts_with("Fix this")
}

pub fn check(lesson: &Lesson) -> Report {
    let mut problems = Vec::new();
    let (mut n_questions, mut n_tasks) = (0, 0);
    for (idx, step) in lesson.steps.iter().enumerate() {
        let scenario = match scenario_before(lesson, idx) {
            Ok(scenario) => scenario,
            // The task whose solution failed has reported it.
            Err(_) => break,
        };
        match step {
            Step::Say(_) => {}
            Step::Predict(predict) => {
                n_questions += 1;
                if let Err(why) = answer(&scenario, lesson.moment_at(idx), &predict.ask) {
                    problems.push(CheckProblem::Unanswerable { step: idx, why });
                }
            }
            Step::Task(task) => {
                n_tasks += 1;
                let goals: Vec<_> = task.goals.iter().map(|named| named.goal.clone()).collect();
                if evaluate(&scenario, &goals).iter().all(|met| *met) {
                    problems.push(CheckProblem::AlreadySolved { step: idx });
                }
                match edit::apply(&scenario, &task.solution) {
                    Err(refused) => problems.push(CheckProblem::SolutionRefused { step: idx, problems: refused }),
                    Ok(solved) => {
                        let unmet: Vec<usize> = evaluate(&solved, &goals)
                            .iter()
                            .enumerate()
                            .filter(|(_, met)| !**met)
                            .map(|(goal, _)| goal)
                            .collect();
                        if !unmet.is_empty() {
                            problems.push(CheckProblem::SolutionFails { step: idx, goals: unmet });
                        }
                    }
                }
            }
        }
    }
    let untranslated =
        lesson.texts().into_iter().filter(|(_, text)| !text.has("zh-CN")).map(|(path, _)| path).collect();
    Report { problems, untranslated, n_questions, n_tasks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_lesson_checks_out_in_both_languages() {
        let lessons = crate::lesson::builtins();
        assert_eq!(lessons.len(), crate::lesson::names().count());
        for lesson in &lessons {
            let report = check(lesson);
            assert_eq!(report.problems, [], "{}", lesson.name);
            assert_eq!(report.untranslated, Vec::<String>::new(), "{} lacks Chinese", lesson.name);
        }
    }

    #[test]
    fn no_builtin_lesson_text_lacks_chinese() {
        let untranslated: Vec<String> = crate::lesson::builtins()
            .iter()
            .flat_map(|lesson| check(lesson).untranslated.into_iter().map(|path| format!("{}: {path}", lesson.name)))
            .collect();
        assert_eq!(untranslated, Vec::<String>::new());
    }

    #[test]
    fn the_curriculum_has_twenty_lessons_over_every_part_and_a_quarter_of_its_tasks_start_broken() {
        let lessons = crate::lesson::builtins();
        assert!(lessons.len() >= 20, "{} lessons", lessons.len());
        for part in crate::lesson::Part::ALL {
            assert!(lessons.iter().any(|lesson| lesson.part == part), "no lesson in {part:?}");
        }
        // The list shows the lessons in curriculum order, part by part.
        assert!(lessons.windows(2).all(|pair| pair[0].part <= pair[1].part));
        let n_tasks = lessons.iter().map(|lesson| lesson.tasks().count()).sum::<usize>();
        let n_broken =
            lessons.iter().filter(|lesson| starts_broken(lesson)).map(|lesson| lesson.tasks().count()).sum::<usize>();
        assert!(n_broken * 4 >= n_tasks, "{n_broken} of {n_tasks} tasks start broken");
        let mut names: Vec<&str> = lessons.iter().map(|lesson| lesson.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), lessons.len(), "two lessons share a name");
    }
}
