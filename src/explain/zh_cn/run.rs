//! 运行视图的措辞（简体中文）。

use crate::explain::keys::RunWords;
use crate::explain::lang::Chinese;

impl RunWords for Chinese {
    fn language(&self) -> String {
        "语言".into()
    }

    fn kind_plain(&self) -> String {
        "消息".into()
    }
    fn kind_call(&self) -> String {
        "RPC 请求（call）".into()
    }
    fn kind_reply(&self) -> String {
        "RPC 回复".into()
    }
    fn kind_cast(&self) -> String {
        "cast".into()
    }
    fn kind_fanout_cast(&self) -> String {
        "fanout cast".into()
    }
    fn kind_notification(&self) -> String {
        "事件通知".into()
    }
    fn kind_dead_lettered(&self) -> String {
        "死信".into()
    }
    fn kind_returned(&self) -> String {
        "被退回（mandatory，无法路由）".into()
    }
    fn kind_settle(&self) -> String {
        "ack 或 nack".into()
    }

    fn entries_on_the_wire(&self) -> String {
        "传输中的消息".into()
    }
    fn entries_broker(&self) -> String {
        "broker 的决定".into()
    }
    fn entries_clients(&self) -> String {
        "客户端的动作".into()
    }
    fn entries_interventions(&self) -> String {
        "你的干预".into()
    }

    fn queue_badge(&self, ready: u64, unacked: u64) -> String {
        format!("{ready} 就绪 · {unacked} 未确认")
    }
    fn client_blocked(&self, remaining_ms: u64) -> String {
        format!("阻塞在 call() · 剩余 {remaining_ms} ms")
    }
    fn client_busy(&self, unacked: u64) -> String {
        format!("忙碌 · {unacked} 未确认")
    }
    fn client_idle_received(&self, received: u64) -> String {
        format!("空闲 · 已收到 {received}")
    }
    fn client_idle_sent(&self, sent: u64) -> String {
        format!("空闲 · 已发送 {sent}")
    }
    fn client_done(&self, sent: u64) -> String {
        format!("完成 · 已发送 {sent}")
    }
    fn client_stopped(&self) -> String {
        "已停止".into()
    }
    fn client_paused(&self, unacked: u64) -> String {
        format!("已暂停 · {unacked} 未确认")
    }
    fn gone_from_the_broker(&self) -> String {
        "已从 broker 消失".into()
    }

    fn call_returned(&self, method: &str, value: &str) -> String {
        format!("{method}() 返回 {value}")
    }
    fn call_raised(&self, method: &str, class: &str) -> String {
        format!("{method}() 抛出 {class}")
    }
    fn call_raised_remote(&self, method: &str, class: &str, remote: &str) -> String {
        format!("{method}() 抛出 {class}（{remote}）")
    }
    fn call_raised_detail(&self, method: &str, class: &str, message: &str) -> String {
        format!("{method}() 抛出 {class}：{message}")
    }

    fn clock(&self, time_ms: u64) -> String {
        format!("{time_ms} ms")
    }
    fn position(&self, position: u64, end: u64) -> String {
        format!("第 {position} 步，共 {end} 步")
    }
    fn position_cut(&self, position: u64, end: u64) -> String {
        format!("第 {position} 步，共 {end}+ 步（运行在此截断）")
    }

    fn run_as_text(&self) -> String {
        "文字形式的运行".into()
    }
    fn run_text_moment(&self, position: &str, clock: &str) -> String {
        format!("当前：{position}，{clock}")
    }
    fn run_text_last(&self) -> String {
        "刚刚发生的事".into()
    }
    fn run_text_nothing_yet(&self) -> String {
        "还没有发生任何事：按“前进一步”（右方向键）或“播放”（空格）。".into()
    }
    fn run_text_wire(&self) -> String {
        "传输中的消息".into()
    }
    fn run_text_wire_empty(&self) -> String {
        "没有传输中的消息。".into()
    }
    fn run_text_wire_item(&self, message: &str, leg: &str) -> String {
        format!("{message}：{leg}")
    }
    fn run_text_nodes(&self) -> String {
        "队列与客户端".into()
    }
    fn run_text_node(&self, name: &str, kind: &str, badge: &str) -> String {
        format!("{name}（{kind}）：{badge}")
    }
}
