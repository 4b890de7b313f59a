//! The keys of the lessons' words: the lesson panel, the list, the verdicts and what each
//! answer means, and `kaiten lesson check`'s report. A lesson's own texts are in its file.

use crate::explain::lang::words;

words! {
    /// Lessons, for the page and the CLI.
    pub trait LessonWords {
        fn lessons(&self);
        fn lesson_region(&self);
        fn lesson_list(&self);
        fn part_bus(&self);
        fn part_rpc(&self);
        fn part_notifications(&self);
        fn part_reliability(&self);
        fn part_tutorials(&self);
        fn state_not_started(&self);
        fn state_started(&self);
        fn state_solved(&self);
        fn state_shown(&self);
        fn back(&self);
        fn next(&self);
        fn finish(&self);
        fn check_answer(&self);
        fn try_again(&self);
        fn hint(&self);
        fn show_solution(&self);
        fn leave_lesson(&self);
        fn goals(&self);
        fn goal_done(&self);
        fn goal_not_done(&self);
        fn right(&self);
        fn not_quite(&self);
        fn answer_none(&self);
        fn your_number(&self);
        fn task_solved(&self);
        fn task_shown(&self);
        fn lesson_solved(&self);
        fn outcome_returned(&self);
        fn outcome_timeout(&self);
        fn outcome_remote_error(&self);
        fn fate_delivered(&self);
        fn fate_dead_lettered(&self);
        fn fate_expired(&self);
        fn fate_dropped(&self);
        fn fate_returned(&self);
        fn fate_still_queued(&self);
        fn start_here(&self);
        fn welcome_title(&self);
        fn welcome_text(&self);
        fn welcome_lessons(&self);
        fn welcome_scenarios(&self);
        fn dismiss(&self);
        fn export_progress(&self);
        fn import_progress(&self);
        fn drill_title(&self);
        fn drill_new(&self);
        fn difficulty(&self);
        fn difficulty_easy(&self);
        fn difficulty_medium(&self);
        fn difficulty_hard(&self);
        fn make_lesson(&self);
        fn step_of(&self, step: number, total: number);
        fn hint_of(&self, hint: number, total: number);
        fn answer_is(&self, choices: text);
        fn answer_number(&self, number: number);
        fn depth_why(&self, queue: text, at_ms: number, ready: number);
        fn edits_used(&self, used: number, reference: number);
        fn fewest_edits(&self, used: number);
        fn check_ok(&self, name: text, questions: number, tasks: number);
        fn check_unanswerable(&self, step: number, why: text);
        fn check_already_solved(&self, step: number);
        fn check_solution_refused(&self, step: number, problems: text);
        fn check_solution_fails(&self, step: number, goals: text);
        fn check_untranslated(&self, paths: text);
        fn no_producer(&self, name: text);
        fn no_exchange_of_producer(&self, name: text);
        fn no_client(&self, name: text);
        fn no_call(&self, client: text);
        fn no_queue_at_that_time(&self, name: text);
        fn never_published(&self, message: text);
        fn never_delivered(&self, message: text);
        fn progress_imported(&self, lessons: number);
    }
}
