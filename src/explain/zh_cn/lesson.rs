//! The lessons' words in Simplified Chinese.

use crate::explain::keys::LessonWords;
use crate::explain::lang::Chinese;

impl LessonWords for Chinese {
    fn lessons(&self) -> String {
        "课程".into()
    }
    fn lesson_region(&self) -> String {
        "课程".into()
    }
    fn lesson_list(&self) -> String {
        "课程列表".into()
    }
    fn part_bus(&self) -> String {
        "消息总线".into()
    }
    fn part_rpc(&self) -> String {
        "oslo.messaging RPC".into()
    }
    fn part_notifications(&self) -> String {
        "通知".into()
    }
    fn part_reliability(&self) -> String {
        "可靠性".into()
    }
    fn part_tutorials(&self) -> String {
        "RabbitMQ 教程".into()
    }
    fn state_not_started(&self) -> String {
        "未开始".into()
    }
    fn state_started(&self) -> String {
        "已开始".into()
    }
    fn state_solved(&self) -> String {
        "已解决".into()
    }
    fn state_shown(&self) -> String {
        "已看答案".into()
    }
    fn back(&self) -> String {
        "上一步".into()
    }
    fn next(&self) -> String {
        "下一步".into()
    }
    fn finish(&self) -> String {
        "完成".into()
    }
    fn check_answer(&self) -> String {
        "检查答案".into()
    }
    fn try_again(&self) -> String {
        "再试一次".into()
    }
    fn hint(&self) -> String {
        "提示".into()
    }
    fn show_solution(&self) -> String {
        "显示答案".into()
    }
    fn leave_lesson(&self) -> String {
        "离开课程".into()
    }
    fn goals(&self) -> String {
        "目标".into()
    }
    fn goal_done(&self) -> String {
        "已完成".into()
    }
    fn goal_not_done(&self) -> String {
        "未完成".into()
    }
    fn right(&self) -> String {
        "正确。".into()
    }
    fn not_quite(&self) -> String {
        "不完全对。".into()
    }
    fn answer_none(&self) -> String {
        "答案：没有队列。".into()
    }
    fn your_number(&self) -> String {
        "你的答案（一个数字）".into()
    }
    fn task_solved(&self) -> String {
        "已解决：所有目标都已达成。".into()
    }
    fn task_shown(&self) -> String {
        "已显示答案：这个任务记为“看过答案”，而不是“已解决”。".into()
    }
    fn lesson_solved(&self) -> String {
        "课程完成。".into()
    }
    fn draft_question(&self) -> String {
        "{producer} 以路由键 '{key}' 发布消息。哪些队列会收到这条消息？".into()
    }
    fn draft_task(&self) -> String {
        "修好这个拓扑：让每条消息都到达它该去的队列。".into()
    }
    fn draft_goal_routed(&self) -> String {
        "{producer} 的消息到达 {queues}".into()
    }
    fn draft_goal_no_loss(&self) -> String {
        "没有消息丢失".into()
    }
    fn draft_goal_no_drops(&self) -> String {
        "没有消息被丢弃".into()
    }
    fn draft_caption(&self, n: u64) -> String {
        format!("说明 {n}")
    }
    fn draft_remove_caption(&self, n: u64) -> String {
        format!("删除说明 {n}")
    }
    fn remove(&self) -> String {
        "删除".into()
    }
    fn draft_name(&self) -> String {
        "名称（用于链接）".into()
    }
    fn draft_title(&self) -> String {
        "标题".into()
    }
    fn draft_captions(&self) -> String {
        "说明（先显示）".into()
    }
    fn draft_add_caption(&self) -> String {
        "添加说明".into()
    }
    fn draft_question_legend(&self) -> String {
        "问题：一条发布的消息会去哪里？".into()
    }
    fn draft_producer(&self) -> String {
        "生产者".into()
    }
    fn draft_no_question(&self) -> String {
        "（不提问）".into()
    }
    fn draft_routing_key(&self) -> String {
        "路由键".into()
    }
    fn draft_question_words(&self) -> String {
        "问题（{producer} 和 {key} 会被填入）".into()
    }
    fn draft_answer(&self, queues: &str) -> String {
        format!("引擎的答案：{queues}")
    }
    fn draft_answer_none(&self) -> String {
        "引擎的答案：没有队列".into()
    }
    fn draft_task_legend(&self) -> String {
        "任务：修好这个拓扑".into()
    }
    fn draft_broken(&self) -> String {
        "学习者需要补回的绑定".into()
    }
    fn draft_no_task(&self) -> String {
        "（不设任务）".into()
    }
    fn draft_task_words(&self) -> String {
        "任务".into()
    }
    fn draft_check(&self) -> String {
        "kaiten lesson check 的结果".into()
    }
    fn draft_try(&self) -> String {
        "试用这节课".into()
    }
    fn draft_save(&self) -> String {
        "保存课程文件".into()
    }
    fn outcome_returned(&self) -> String {
        "call() 返回一个值".into()
    }
    fn outcome_timeout(&self) -> String {
        "call() 抛出 MessagingTimeout".into()
    }
    fn outcome_remote_error(&self) -> String {
        "call() 抛出服务器的异常（RemoteError）".into()
    }
    fn fate_delivered(&self) -> String {
        "投递给消费者并被确认".into()
    }
    fn fate_dead_lettered(&self) -> String {
        "被死信".into()
    }
    fn fate_expired(&self) -> String {
        "过期（TTL）".into()
    }
    fn fate_dropped(&self) -> String {
        "被代理丢弃".into()
    }
    fn fate_returned(&self) -> String {
        "退回给发布者（mandatory）".into()
    }
    fn fate_still_queued(&self) -> String {
        "仍在队列中等待".into()
    }
    fn start_here(&self) -> String {
        "从消息总线开始".into()
    }
    fn welcome_title(&self) -> String {
        "欢迎使用 Kaiten".into()
    }
    fn welcome_text(&self) -> String {
        "先预测 RabbitMQ 和 oslo.messaging 会怎么做，再观看每一跳，以此学习消息总线。每个答案都由运行模拟的同一个引擎检查。".into()
    }
    fn welcome_lessons(&self) -> String {
        "全部课程".into()
    }
    fn welcome_scenarios(&self) -> String {
        "浏览场景".into()
    }
    fn dismiss(&self) -> String {
        "以后再说".into()
    }
    fn export_progress(&self) -> String {
        "导出学习进度".into()
    }
    fn import_progress(&self) -> String {
        "导入学习进度".into()
    }
    fn drill_title(&self) -> String {
        "主题路由练习".into()
    }
    fn drill_new(&self) -> String {
        "换一题".into()
    }
    fn difficulty(&self) -> String {
        "难度".into()
    }
    fn difficulty_easy(&self) -> String {
        "简单".into()
    }
    fn difficulty_medium(&self) -> String {
        "中等".into()
    }
    fn difficulty_hard(&self) -> String {
        "困难".into()
    }
    fn make_lesson(&self) -> String {
        "用当前画布制作课程".into()
    }
    fn step_of(&self, step: u64, total: u64) -> String {
        format!("第 {step} 步，共 {total} 步")
    }
    fn hint_of(&self, hint: u64, total: u64) -> String {
        format!("提示 {hint}/{total}")
    }
    fn answer_is(&self, choices: &str) -> String {
        format!("答案：{choices}。")
    }
    fn answer_number(&self, number: u64) -> String {
        format!("答案：{number}。")
    }
    fn depth_why(&self, queue: &str, at_ms: u64, ready: u64) -> String {
        format!("在 {at_ms} ms 时，'{queue}' 中有 {ready} 条就绪消息。")
    }
    fn edits_used(&self, used: u64, reference: u64) -> String {
        format!("用了 {used} 次编辑；参考答案需要 {reference} 次")
    }
    fn fewest_edits(&self, used: u64) -> String {
        format!("最少：{used} 次编辑")
    }
    fn check_ok(&self, name: &str, questions: u64, tasks: u64) -> String {
        format!("{name}：通过（引擎回答了 {questions} 个问题，{tasks} 个任务由其答案解决）")
    }
    fn check_unanswerable(&self, step: u64, why: &str) -> String {
        format!("steps[{step}]：引擎无法回答这个问题：{why}")
    }
    fn check_already_solved(&self, step: u64) -> String {
        format!("steps[{step}]：任务开始时所有目标都已达成，无事可做")
    }
    fn check_solution_refused(&self, step: u64, problems: &str) -> String {
        format!("steps[{step}]：无法应用答案：{problems}")
    }
    fn check_solution_fails(&self, step: u64, goals: &str) -> String {
        format!("steps[{step}]：应用答案后这些目标仍未达成：{goals}")
    }
    fn check_untranslated(&self, paths: &str) -> String {
        format!("缺少中文（将显示英文）：{paths}")
    }
    fn no_producer(&self, name: &str) -> String {
        format!("没有名为 '{name}' 的生产者")
    }
    fn no_exchange_of_producer(&self, name: &str) -> String {
        format!("生产者的交换机 '{name}' 不存在")
    }
    fn no_client(&self, name: &str) -> String {
        format!("没有名为 '{name}' 的 RPC 客户端")
    }
    fn no_call(&self, client: &str) -> String {
        format!("'{client}' 没有调用 call()")
    }
    fn no_queue_at_that_time(&self, name: &str) -> String {
        format!("那一刻没有名为 '{name}' 的队列")
    }
    fn never_published(&self, message: &str) -> String {
        format!("没有发布 message id 为 '{message}' 的消息")
    }
    fn never_delivered(&self, message: &str) -> String {
        format!("消息 '{message}' 从未投递给消费者")
    }
    fn progress_imported(&self, lessons: u64) -> String {
        format!("已导入学习进度：{lessons} 门课程。")
    }
}
