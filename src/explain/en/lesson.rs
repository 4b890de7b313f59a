//! The lessons' words in English.

use crate::explain::keys::LessonWords;
use crate::explain::lang::English;

impl LessonWords for English {
    fn lessons(&self) -> String {
        "Lessons".into()
    }
    fn lesson_region(&self) -> String {
        "Lesson".into()
    }
    fn lesson_list(&self) -> String {
        "Lessons".into()
    }
    fn part_bus(&self) -> String {
        "The message bus".into()
    }
    fn part_rpc(&self) -> String {
        "oslo.messaging RPC".into()
    }
    fn part_notifications(&self) -> String {
        "Notifications".into()
    }
    fn part_reliability(&self) -> String {
        "Reliability".into()
    }
    fn part_tutorials(&self) -> String {
        "The RabbitMQ tutorials".into()
    }
    fn state_not_started(&self) -> String {
        "not started".into()
    }
    fn state_started(&self) -> String {
        "started".into()
    }
    fn state_solved(&self) -> String {
        "solved".into()
    }
    fn state_shown(&self) -> String {
        "solution shown".into()
    }
    fn back(&self) -> String {
        "Back".into()
    }
    fn next(&self) -> String {
        "Next".into()
    }
    fn finish(&self) -> String {
        "Finish".into()
    }
    fn check_answer(&self) -> String {
        "Check answer".into()
    }
    fn try_again(&self) -> String {
        "Try again".into()
    }
    fn hint(&self) -> String {
        "Hint".into()
    }
    fn show_solution(&self) -> String {
        "Show solution".into()
    }
    fn leave_lesson(&self) -> String {
        "Leave lesson".into()
    }
    fn goals(&self) -> String {
        "Goals".into()
    }
    fn goal_done(&self) -> String {
        "done".into()
    }
    fn goal_not_done(&self) -> String {
        "not done".into()
    }
    fn right(&self) -> String {
        "Right.".into()
    }
    fn not_quite(&self) -> String {
        "Not quite.".into()
    }
    fn answer_none(&self) -> String {
        "The answer: no queue.".into()
    }
    fn your_number(&self) -> String {
        "Your answer (a number)".into()
    }
    fn task_solved(&self) -> String {
        "Solved: every goal is met.".into()
    }
    fn task_shown(&self) -> String {
        "Solution shown: this task counts as shown, not solved.".into()
    }
    fn lesson_solved(&self) -> String {
        "Lesson solved.".into()
    }
    fn draft_question(&self) -> String {
        "{producer} publishes with routing key '{key}'. Which queues receive the message?".into()
    }
    fn draft_task(&self) -> String {
        "Fix the topology: make every message reach the queues it should.".into()
    }
    fn draft_goal_routed(&self) -> String {
        "{producer} reaches {queues}".into()
    }
    fn draft_goal_no_loss(&self) -> String {
        "no message is lost".into()
    }
    fn draft_goal_no_drops(&self) -> String {
        "no message is dropped".into()
    }
    fn draft_caption(&self, n: u64) -> String {
        format!("Caption {n}")
    }
    fn draft_remove_caption(&self, n: u64) -> String {
        format!("Remove caption {n}")
    }
    fn remove(&self) -> String {
        "Remove".into()
    }
    fn draft_name(&self) -> String {
        "Name (for links)".into()
    }
    fn draft_title(&self) -> String {
        "Title".into()
    }
    fn draft_captions(&self) -> String {
        "Captions, shown first".into()
    }
    fn draft_add_caption(&self) -> String {
        "Add caption".into()
    }
    fn draft_question_legend(&self) -> String {
        "Question: where does a publish go?".into()
    }
    fn draft_producer(&self) -> String {
        "Producer".into()
    }
    fn draft_no_question(&self) -> String {
        "(no question)".into()
    }
    fn draft_routing_key(&self) -> String {
        "Routing key".into()
    }
    fn draft_question_words(&self) -> String {
        "Question ({producer} and {key} are filled in)".into()
    }
    fn draft_answer(&self, queues: &str) -> String {
        format!("The engine's answer: {queues}")
    }
    fn draft_answer_none(&self) -> String {
        "The engine's answer: no queue".into()
    }
    fn draft_task_legend(&self) -> String {
        "Task: fix this topology".into()
    }
    fn draft_broken(&self) -> String {
        "Binding the learner must put back".into()
    }
    fn draft_no_task(&self) -> String {
        "(no task)".into()
    }
    fn draft_task_words(&self) -> String {
        "Task".into()
    }
    fn draft_check(&self) -> String {
        "What kaiten lesson check says".into()
    }
    fn draft_try(&self) -> String {
        "Try the lesson".into()
    }
    fn draft_save(&self) -> String {
        "Save lesson file".into()
    }
    fn outcome_returned(&self) -> String {
        "call() returns a value".into()
    }
    fn outcome_timeout(&self) -> String {
        "call() raises MessagingTimeout".into()
    }
    fn outcome_remote_error(&self) -> String {
        "call() raises the server's exception (RemoteError)".into()
    }
    fn fate_delivered(&self) -> String {
        "delivered to a consumer and acked".into()
    }
    fn fate_dead_lettered(&self) -> String {
        "dead-lettered".into()
    }
    fn fate_expired(&self) -> String {
        "expired (TTL)".into()
    }
    fn fate_dropped(&self) -> String {
        "dropped by the broker".into()
    }
    fn fate_returned(&self) -> String {
        "returned to the publisher (mandatory)".into()
    }
    fn fate_still_queued(&self) -> String {
        "still waiting in a queue".into()
    }
    fn start_here(&self) -> String {
        "Start with the message bus".into()
    }
    fn welcome_title(&self) -> String {
        "Welcome to Kaiten".into()
    }
    fn welcome_text(&self) -> String {
        "Learn the message bus by predicting what RabbitMQ and oslo.messaging will do, then watching every hop. Each answer is checked by the same engine that runs the simulation.".into()
    }
    fn welcome_lessons(&self) -> String {
        "All lessons".into()
    }
    fn welcome_scenarios(&self) -> String {
        "Browse the scenarios".into()
    }
    fn dismiss(&self) -> String {
        "Not now".into()
    }
    fn export_progress(&self) -> String {
        "Export progress".into()
    }
    fn import_progress(&self) -> String {
        "Import progress".into()
    }
    fn drill_title(&self) -> String {
        "Topic drill".into()
    }
    fn drill_new(&self) -> String {
        "New question".into()
    }
    fn difficulty(&self) -> String {
        "Difficulty".into()
    }
    fn difficulty_easy(&self) -> String {
        "easy".into()
    }
    fn difficulty_medium(&self) -> String {
        "medium".into()
    }
    fn difficulty_hard(&self) -> String {
        "hard".into()
    }
    fn make_lesson(&self) -> String {
        "Make a lesson from this canvas".into()
    }
    fn step_of(&self, step: u64, total: u64) -> String {
        format!("Step {step} of {total}")
    }
    fn hint_of(&self, hint: u64, total: u64) -> String {
        format!("Hint {hint} of {total}")
    }
    fn answer_is(&self, choices: &str) -> String {
        format!("The answer: {choices}.")
    }
    fn answer_number(&self, number: u64) -> String {
        format!("The answer: {number}.")
    }
    fn depth_why(&self, queue: &str, at_ms: u64, ready: u64) -> String {
        {
            let noun = if ready == 1 { "message" } else { "messages" };
            format!("At {at_ms} ms, '{queue}' holds {ready} ready {noun}.")
        }
    }
    fn edits_used(&self, used: u64, reference: u64) -> String {
        {
            let noun = if used == 1 { "edit" } else { "edits" };
            format!("{used} {noun}; the reference solution takes {reference}")
        }
    }
    fn fewest_edits(&self, used: u64) -> String {
        {
            let noun = if used == 1 { "edit" } else { "edits" };
            format!("fewest: {used} {noun}")
        }
    }
    fn check_ok(&self, name: &str, questions: u64, tasks: u64) -> String {
        {
            let q = if questions == 1 { "question" } else { "questions" };
            let t = if tasks == 1 { "task solved by its solution" } else { "tasks solved by their solutions" };
            format!("{name}: ok ({questions} {q} answered by the engine, {tasks} {t})")
        }
    }
    fn check_unanswerable(&self, step: u64, why: &str) -> String {
        format!("steps[{step}]: the engine cannot answer this question: {why}")
    }
    fn check_already_solved(&self, step: u64) -> String {
        format!("steps[{step}]: every goal is already met when the task starts; there is nothing to do")
    }
    fn check_solution_refused(&self, step: u64, problems: &str) -> String {
        format!("steps[{step}]: the solution cannot be applied: {problems}")
    }
    fn check_solution_fails(&self, step: u64, goals: &str) -> String {
        format!("steps[{step}]: after the solution these goals are still not met: {goals}")
    }
    fn check_untranslated(&self, paths: &str) -> String {
        format!("without Chinese (English is shown): {paths}")
    }
    fn no_producer(&self, name: &str) -> String {
        format!("no producer named '{name}'")
    }
    fn no_exchange_of_producer(&self, name: &str) -> String {
        format!("the producer's exchange '{name}' does not exist")
    }
    fn no_client(&self, name: &str) -> String {
        format!("no RPC client named '{name}'")
    }
    fn no_call(&self, client: &str) -> String {
        format!("'{client}' makes no call()")
    }
    fn no_queue_at_that_time(&self, name: &str) -> String {
        format!("no queue named '{name}' at that moment")
    }
    fn never_published(&self, message: &str) -> String {
        format!("no message with message id '{message}' is published")
    }
    fn never_delivered(&self, message: &str) -> String {
        format!("the message '{message}' is never delivered to a consumer")
    }
    fn progress_imported(&self, lessons: u64) -> String {
        {
            let noun = if lessons == 1 { "lesson" } else { "lessons" };
            format!("Progress imported: {lessons} {noun}.")
        }
    }
}
