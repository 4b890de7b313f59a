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
    fn cannot_load_scenario(&self) -> String {
        "无法加载场景：".into()
    }
    fn cannot_load_lesson(&self) -> String {
        "无法加载课程：".into()
    }
    fn no_lesson(&self, name: &str, names: &str) -> String {
        format!("没有名为 '{name}' 的课程文件或内置课程；内置课程有 {names}")
    }
    fn lesson_unavailable(&self, name: &str) -> String {
        format!("无法载入课程 '{name}'；请检查网络连接后重试")
    }
    fn no_difficulty(&self, found: &str) -> String {
        format!("没有难度 '{found}'；难度有 easy、medium、hard")
    }
    fn cannot_load_definitions(&self) -> String {
        "无法加载定义文件：".into()
    }
    fn cannot_load_script(&self) -> String {
        "无法加载脚本：".into()
    }
    fn cannot_start_scenario(&self, name: &str) -> String {
        format!("无法启动场景 '{name}'：")
    }
    fn cannot_apply_intervene(&self) -> String {
        "无法应用 --intervene：".into()
    }
    fn invalid_script(&self, path: &str) -> String {
        format!("无效的脚本 {path}")
    }
    fn script_failed(&self, path: &str) -> String {
        format!("脚本 {path} 执行失败")
    }
}
