//! 模拟与真实 broker 不一致之处（简体中文）。

use crate::explain::keys::DifferenceWords;
use crate::explain::lang::Chinese;

impl DifferenceWords for Chinese {
    fn publish_count(&self, simulated: u64, broker: u64) -> String {
        format!("publishes：模拟有 {simulated} 个结果，broker 有 {broker} 个")
    }
    fn get_count(&self, simulated: u64, broker: u64) -> String {
        format!("gets：模拟有 {simulated} 个结果，broker 有 {broker} 个")
    }
    fn publish_differs(&self, index: u64, simulated: &str, broker: &str) -> String {
        format!("publishes[{index}]：模拟 {simulated}；broker {broker}")
    }
    fn declarations_differ(&self, simulated: &str, broker: &str) -> String {
        format!("declarations：模拟 [{simulated}]；broker [{broker}]")
    }
    fn consumes_differ(&self, simulated: &str, broker: &str) -> String {
        format!("consumes：模拟 [{simulated}]；broker [{broker}]")
    }
    fn get_differs(&self, index: u64, simulated: &str, broker: &str) -> String {
        format!("gets[{index}]：模拟 {simulated}；broker {broker}")
    }
    fn deliveries_differ(&self, tag: &str, simulated: &str, broker: &str) -> String {
        format!("deliveries[{tag:?}]：模拟 {simulated}；broker {broker}")
    }
    fn queue_differs(&self, name: &str, simulated: &str, broker: &str) -> String {
        format!("queues[{name:?}]：模拟 {simulated}；broker {broker}")
    }
    fn queue_only_simulated(&self, name: &str) -> String {
        format!("queues[{name:?}]：只在模拟中存在，broker 上没有")
    }
    fn queue_only_on_broker(&self, name: &str) -> String {
        format!("queues[{name:?}]：只在 broker 上存在，模拟中没有")
    }
    fn outcome_routed(&self, queues: &str, returned: &str, rejected: &str) -> String {
        format!("路由到 {queues}，退回：{returned}，被拒：{rejected}")
    }
    fn outcome(&self, returned: &str, rejected: &str) -> String {
        format!("退回：{returned}，被拒：{rejected}")
    }
    fn yes(&self) -> String {
        "是".into()
    }
    fn no(&self) -> String {
        "否".into()
    }
    fn refused(&self, code: u64, text: &str) -> String {
        format!("错误 {code}（{text}）")
    }
    fn declared(&self) -> String {
        "成功".into()
    }
    fn get_empty(&self) -> String {
        "get-empty（队列为空）".into()
    }
    fn redelivered(&self, message: &str) -> String {
        format!("{message}（重新投递）")
    }
    fn original_expiration(&self, message: &str, expiration: &str, queue: &str) -> String {
        format!("{message}（在 {queue} 中的 original-expiration 为 {expiration}）")
    }
}
