//! 命令行自己的措辞（简体中文）：轨迹前的标题与轨迹后的小结。

use crate::explain::keys::CliWords;
use crate::explain::lang::Chinese;

impl CliWords for Chinese {
    fn run_heading(&self, name: &str, title: &str, seed: u64) -> String {
        format!("# {name}：{title}（种子 {seed}）")
    }
    fn what_to_watch(&self, watch: &str) -> String {
        format!("# 看点：{watch}")
    }
    fn summary_finished(&self, events: u64, steps: u64, time_ms: u64, latency: &str) -> String {
        format!("# {steps} 步中发生 {events} 个事件，虚拟时间 {time_ms} ms，已结束；{latency}")
    }
    fn summary_stopped(&self, events: u64, steps: u64, time_ms: u64, latency: &str) -> String {
        format!("# {steps} 步中发生 {events} 个事件，虚拟时间 {time_ms} ms，提前停止；{latency}")
    }
    fn latency(&self, p50: &str, p95: &str, p99: &str) -> String {
        format!("从发布到确认的延迟 p50 {p50} p95 {p95} p99 {p99}")
    }
    fn latency_ms(&self, ms: u64) -> String {
        format!("{ms} ms")
    }
    fn no_latency(&self) -> String {
        "-".into()
    }
}
