//! Lessons in words: a choice of a question, the verdict, the right answer named by the same
//! labels the choices have, and why (the engine's routing explanation binding by binding, the
//! explained trace entry that settled it, or the call's outcome), plus `kaiten lesson
//! check`'s report. A lesson's own texts come from its file, in the reader's language.

use crate::explain::lang::{Catalogue, Lang};
use crate::explain::render::{Describer, explanation_lines};
use crate::explain::run::outcome_detail;
use crate::lesson::Part;
use crate::lesson::check::{CheckProblem, Report};
use crate::lesson::oracle::{Answer, Choice, Fate, Oracle, OutcomeKind, Unanswerable, Why};

/// A choice as the learner reads it: names as they are, outcomes and fates in words.
pub fn choice(lang: Lang, choice: &Choice) -> String {
    let w = lang.words();
    match choice {
        Choice::Queue(name) | Choice::Actor(name) => name.clone(),
        Choice::Outcome(OutcomeKind::Returned) => w.outcome_returned(),
        Choice::Outcome(OutcomeKind::Timeout) => w.outcome_timeout(),
        Choice::Outcome(OutcomeKind::RemoteError) => w.outcome_remote_error(),
        Choice::Fate(fate) => fate_words(w, *fate),
    }
}

fn fate_words(w: &dyn Catalogue, fate: Fate) -> String {
    match fate {
        Fate::Delivered => w.fate_delivered(),
        Fate::DeadLettered => w.fate_dead_lettered(),
        Fate::Expired => w.fate_expired(),
        Fate::Dropped => w.fate_dropped(),
        Fate::Returned => w.fate_returned(),
        Fate::StillQueued => w.fate_still_queued(),
    }
}

/// "Right." or "Not quite."
pub fn verdict(lang: Lang, right: bool) -> String {
    let w = lang.words();
    if right { w.right() } else { w.not_quite() }
}

/// The right answer, naming the right choices by their labels.
pub fn right_answer(lang: Lang, oracle: &Oracle) -> String {
    let w = lang.words();
    match &oracle.answer {
        Answer::Number(number) => w.answer_number(*number),
        Answer::Choices(right) if right.is_empty() => w.answer_none(),
        Answer::Choices(right) => {
            let mut names: Vec<String> = right.iter().map(|each| choice(lang, each)).collect();
            crate::engine::order::sort_by(&mut names, Ord::cmp);
            let quoted = right.iter().all(|each| matches!(each, Choice::Queue(_) | Choice::Actor(_)));
            w.answer_is(&if quoted { w.quoted_list(&names) } else { w.list(&names) })
        }
    }
}

/// Why the answer is what it is, as the engine explains it: one line or more.
pub fn why(lang: Lang, oracle: &Oracle) -> Vec<String> {
    let w = lang.words();
    match &oracle.why {
        Why::Route { explanation, routing_key, mandatory } => {
            let mut lines = explanation_lines(lang, explanation, std::slice::from_ref(routing_key));
            if explanation.queues.is_empty() {
                let key = w.quoted(routing_key);
                lines.push(if *mandatory { w.preview_returned(&key) } else { w.preview_dropped(&key) });
            }
            lines
        }
        Why::Outcome(outcome) => vec![outcome_detail(lang, outcome)],
        Why::Entry(idx) => {
            let Some(entry) = oracle.run.trace.get(*idx) else { return Vec::new() };
            let mut describer = Describer::new(lang);
            // Names of messages come from the entries before it.
            for earlier in &oracle.run.trace[..*idx] {
                describer.describe(earlier, &oracle.run.world);
            }
            let description = describer.describe(entry, &oracle.run.world);
            std::iter::once(description.sentence).chain(description.details).collect()
        }
        Why::Depth { queue, at_ms, ready } => vec![w.depth_why(queue, *at_ms, *ready)],
    }
}

/// A part of the curriculum's name.
pub fn part(lang: Lang, part: Part) -> String {
    let w = lang.words();
    match part {
        Part::Bus => w.part_bus(),
        Part::Rpc => w.part_rpc(),
        Part::Notifications => w.part_notifications(),
        Part::Reliability => w.part_reliability(),
        Part::Tutorials => w.part_tutorials(),
    }
}

fn unanswerable(w: &dyn Catalogue, why: &Unanswerable) -> String {
    match why {
        Unanswerable::Scenario => w.nothing_to_play(),
        Unanswerable::NoProducer { name } => w.no_producer(name),
        Unanswerable::NoExchange { name } => w.no_exchange_of_producer(name),
        Unanswerable::NoClient { name } => w.no_client(name),
        Unanswerable::NoCall { client } => w.no_call(client),
        Unanswerable::NoQueue { name } => w.no_queue_at_that_time(name),
        Unanswerable::NeverPublished { message } => w.never_published(message),
        Unanswerable::NeverDelivered { message } => w.never_delivered(message),
    }
}

/// `kaiten lesson check`'s report: one line per problem, or one line saying it checks out,
/// then the texts without Chinese.
pub fn report(lang: Lang, name: &str, report: &Report) -> Vec<String> {
    let w = lang.words();
    let mut lines: Vec<String> = report
        .problems
        .iter()
        .map(|problem| match problem {
            CheckProblem::Unanswerable { step, why } => w.check_unanswerable(*step as u64, &unanswerable(w, why)),
            CheckProblem::AlreadySolved { step } => w.check_already_solved(*step as u64),
            CheckProblem::SolutionRefused { step, problems } => {
                let said: Vec<String> = problems.iter().map(|each| crate::explain::problem(lang, each)).collect();
                w.check_solution_refused(*step as u64, &w.list(&said))
            }
            CheckProblem::SolutionFails { step, goals } => {
                let goals: Vec<String> = goals.iter().map(|goal| format!("goals[{goal}]")).collect();
                w.check_solution_fails(*step as u64, &w.list(&goals))
            }
        })
        .map(|line| format!("{name}: {line}"))
        .collect();
    if report.problems.is_empty() {
        lines.push(w.check_ok(name, report.n_questions as u64, report.n_tasks as u64));
    }
    if !report.untranslated.is_empty() {
        lines.push(format!("{name}: {}", w.check_untranslated(&w.list(&report.untranslated))));
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::lesson::Step;
    use crate::lesson::check::scenario_before;
    use crate::lesson::oracle::{answer, evaluate};

    /// What a learner reads of every built-in lesson that the engine computes: each
    /// question's right answer and why, in both languages, and each task's goals before and
    /// after its solution. `UPDATE_EXPECT=1 cargo test` rewrites it; review reads the diff.
    #[test]
    fn every_builtin_answer_is_pinned_in_both_languages() {
        let mut out = String::new();
        for lesson in crate::lesson::builtins() {
            let title = &lesson.title;
            writeln!(
                out,
                "== {} ({}): {} | {}",
                lesson.name,
                part(Lang::En, lesson.part),
                title.get("en"),
                title.get("zh-CN")
            )
            .unwrap();
            for (idx, step) in lesson.steps.iter().enumerate() {
                let scenario = scenario_before(&lesson, idx).unwrap();
                match step {
                    Step::Say(_) => {}
                    Step::Predict(predict) => {
                        let oracle = answer(&scenario, lesson.moment_at(idx), &predict.ask).unwrap();
                        writeln!(out, "steps[{idx}] {}", predict.question.get("en")).unwrap();
                        for lang in [Lang::En, Lang::ZhCn] {
                            writeln!(out, "  {}", right_answer(lang, &oracle)).unwrap();
                            for line in why(lang, &oracle) {
                                writeln!(out, "    {line}").unwrap();
                            }
                        }
                    }
                    Step::Task(task) => {
                        let goals: Vec<_> = task.goals.iter().map(|named| named.goal.clone()).collect();
                        let before = evaluate(&scenario, &goals);
                        let after = evaluate(&crate::lesson::edit::apply(&scenario, &task.solution).unwrap(), &goals);
                        let met = |met: bool| if met { "met" } else { "unmet" };
                        for ((named, before), after) in task.goals.iter().zip(before).zip(after) {
                            let name = named.name.get("en");
                            writeln!(
                                out,
                                "steps[{idx}] goal {name}: {} at the start, {} once solved",
                                met(before),
                                met(after)
                            )
                            .unwrap();
                        }
                    }
                }
            }
        }
        expect_test::expect_file!["../lesson/answers.txt"].assert_eq(&out);
    }

    #[test]
    fn a_routed_answer_names_its_queues_and_says_why_binding_by_binding() {
        let lesson = crate::lesson::builtin("direct-routing").unwrap().unwrap();
        let Step::Predict(predict) = &lesson.steps[1] else { panic!("a question") };
        let oracle = answer(&lesson.scenario, 0, &predict.ask).unwrap();
        assert!(oracle.is_right(&Answer::Choices(vec![Choice::Queue("errors".into()), Choice::Queue("all".into())])));
        assert!(!oracle.is_right(&Answer::Choices(vec![Choice::Queue("errors".into())])));
        assert_eq!(right_answer(Lang::En, &oracle), "The answer: 'all', 'errors'.");
        let why = why(Lang::En, &oracle);
        assert!(why.iter().any(|line| line.contains("'direct_logs' binding 'error' -> 'errors': matched")), "{why:?}");
        let Step::Predict(nowhere) = &lesson.steps[2] else { panic!("a question") };
        let oracle = answer(&lesson.scenario, 0, &nowhere.ask).unwrap();
        assert_eq!(right_answer(Lang::En, &oracle), "The answer: no queue.");
        assert_eq!(right_answer(Lang::ZhCn, &oracle), "答案：没有队列。");
    }
}
