//! oslo.messaging 注记的措辞（简体中文）。Python 异常类名、方法名、target、`_msg_id`
//! 与 JSON 值保持原样，作为代码词。

use crate::explain::keys::OsloWords;
use crate::explain::lang::Chinese;

impl OsloWords for Chinese {
    fn endpoint_index(&self, index: u64) -> String {
        format!("endpoint {index}")
    }
    fn endpoint_named(&self, name: &str, index: u64) -> String {
        format!("{name}（endpoint {index}）")
    }

    fn check_wrong_namespace(&self, endpoint: &str, requested: &str, accepted: &str) -> String {
        format!("跳过 {endpoint}：命名空间 {requested} 不在它接受的 {accepted} 之中")
    }
    fn check_incompatible_version(&self, endpoint: &str, requested: &str, implemented: &str) -> String {
        format!("跳过 {endpoint}：版本 {requested} 与它实现的 {implemented} 不兼容（主版本须相同，次版本不得更高）")
    }
    fn check_no_method(&self, endpoint: &str) -> String {
        format!("{endpoint} 版本兼容，但没有这个方法")
    }
    fn check_refused(&self, endpoint: &str) -> String {
        format!("{endpoint} 有这个方法，但访问策略拒绝以 '_' 开头的名字")
    }
    fn check_chosen(&self, endpoint: &str) -> String {
        format!("由 {endpoint} 执行")
    }

    fn handler_filtered(&self, endpoint: &str) -> String {
        format!("{endpoint} 被它的过滤规则跳过")
    }
    fn handler_bad_filter(&self, endpoint: &str, error: &str) -> String {
        format!("跳过 {endpoint}：它的过滤规则无法编译（{error}）")
    }
    fn handler_handled(&self, endpoint: &str) -> String {
        format!("{endpoint} 返回 HANDLED")
    }
    fn handler_requeue(&self, endpoint: &str) -> String {
        format!("{endpoint} 返回 REQUEUE")
    }
    fn handler_none(&self, endpoint: &str) -> String {
        format!("{endpoint} 返回 None（视为已处理）")
    }
    fn handler_raised(&self, endpoint: &str, class: &str, message: &str) -> String {
        format!("{endpoint} 抛出 {class}：{message}（视为 REQUEUE）")
    }

    fn listening(&self, actor: &str, queues: &str) -> String {
        format!("{actor} 声明了自己的拓扑，并从 {queues} 消费")
    }
    fn stopped_cancelled(&self, actor: &str, queues: &str) -> String {
        format!("{actor} 停止：取消了它在 {queues} 上的消费者")
    }
    fn stopped_cancelled_deleted(&self, actor: &str, queues: &str, deleted: &str) -> String {
        format!(
            "{actor} 停止：取消了它在 {queues} 上的消费者，并删除了自己的队列 {deleted}（auto-delete 的交换机随最后一个绑定一起消失）"
        )
    }
    fn stopped_no_consumers(&self, actor: &str) -> String {
        format!("{actor} 停止：它没有要取消的消费者")
    }
    fn stopped_no_consumers_deleted(&self, actor: &str, deleted: &str) -> String {
        format!(
            "{actor} 停止：它没有要取消的消费者，并删除了自己的队列 {deleted}（auto-delete 的交换机随最后一个绑定一起消失）"
        )
    }
    fn invalid_target(&self, actor: &str, error: &str) -> String {
        format!("{actor} 无法启动：InvalidTarget：{error}")
    }

    fn the_default_exchange(&self) -> String {
        "默认交换机".into()
    }
    fn sent_call(&self, method: &str, msg_id: &str) -> String {
        format!("发送了 call {method}（_msg_id {msg_id}）")
    }
    fn sent_fanout_cast(&self, method: &str) -> String {
        format!("发送了 fanout cast {method}")
    }
    fn sent_cast(&self, method: &str) -> String {
        format!("发送了 cast {method}")
    }
    fn sent_reply(&self, msg_id: &str) -> String {
        format!("发送了对 {msg_id} 的回复")
    }
    fn sent_failed_reply(&self, msg_id: &str, class: &str) -> String {
        format!("发送了对 {msg_id} 的回复，其中带着一个 {class} 失败")
    }
    fn sent_notification(&self, event_type: &str, priority: &str) -> String {
        format!("发送了事件通知 {event_type}（{priority}）")
    }
    fn sent_heartbeat(&self, msg_id: &str) -> String {
        format!("发送了 {msg_id} 的 call-monitor 心跳（方法仍在运行）")
    }
    fn published(&self, actor: &str, what: &str, exchange: &str, routing_key: &str) -> String {
        format!("{actor} 向{exchange} {what}，路由键为 {routing_key}")
    }
    fn published_expiring(
        &self,
        actor: &str,
        what: &str,
        exchange: &str,
        routing_key: &str,
        expiration: &str,
    ) -> String {
        format!("{actor} 向{exchange} {what}，路由键为 {routing_key}，{expiration} ms 后过期")
    }

    fn call_blocked(&self, actor: &str, method: &str, target: &str, timeout_ms: u64, deadline: u64) -> String {
        format!(
            "{actor} 阻塞在发往 {target} 的 call {method} 中，直到回复到来或 {timeout_ms} ms 超时（在 {deadline} ms 时）"
        )
    }
    fn call_returned_after(&self, actor: &str, method: &str, result: &str, waited_ms: u64) -> String {
        format!("{actor} 的 call {method} 在 {waited_ms} ms 后返回 {result}")
    }
    fn call_failed(&self, actor: &str, method: &str, class: &str, message: &str) -> String {
        format!("{actor} 的 {method} 抛出 {class}：{message}")
    }

    fn version_default(&self) -> String {
        "1.0（默认）".into()
    }
    fn no_endpoints(&self) -> String {
        "没有 endpoint".into()
    }
    fn outcome_returns(&self, result: &str) -> String {
        format!("返回 {result}")
    }
    fn outcome_raises(&self, class: &str, message: &str) -> String {
        format!("抛出 {class}：{message}")
    }
    fn dispatched_then_reply(
        &self,
        actor: &str,
        method: &str,
        version: &str,
        reasons: &str,
        outcome: &str,
        until: u64,
    ) -> String {
        format!("{actor} 分派 {method}，版本 {version}：{reasons}；它在 {until} ms 时{outcome}，然后回复")
    }
    fn dispatched_cast(
        &self,
        actor: &str,
        method: &str,
        version: &str,
        reasons: &str,
        outcome: &str,
        until: u64,
    ) -> String {
        format!("{actor} 分派 {method}，版本 {version}：{reasons}；它在 {until} ms 时{outcome}（这是 cast：不回复）")
    }

    fn reply_unexpected(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor} 收到对 {msg_id} 的回复，但已没有调用者在等它（已超时）：丢弃")
    }
    fn heartbeat_restarts_monitor(&self, actor: &str, msg_id: &str, at: u64) -> String {
        format!("{actor} 收到 {msg_id} 的 call-monitor 心跳：它的调用监视重新计时，将在 {at} ms 时到期")
    }
    fn heartbeat(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor} 收到 {msg_id} 的 call-monitor 心跳")
    }
    fn reply_retrying(&self, actor: &str, msg_id: &str, at: u64) -> String {
        format!("{actor} 对 {msg_id} 的回复无法路由（没有回复队列）：将在 {at} ms 时重试")
    }
    fn reply_given_up(&self, actor: &str, msg_id: &str) -> String {
        format!("{actor} 对 {msg_id} 的回复太久无法路由：放弃")
    }
    fn duplicate(&self, actor: &str, unique_id: &str) -> String {
        format!("{actor} 丢弃了一条重复消息（最近见过 _unique_id {unique_id}）")
    }
    fn unreadable(&self, actor: &str, error: &str) -> String {
        format!("{actor} 无法读取一条消息：{error}")
    }

    fn unknown_priority(&self, actor: &str, event_type: &str, priority: &str) -> String {
        format!("{actor} 收到优先级未知（'{priority}'）的 {event_type}：记一条警告，然后 ack")
    }
    fn no_endpoint_handles(&self) -> String {
        "没有 endpoint 处理它".into()
    }
    fn notification_requeued(&self, actor: &str, event_type: &str, priority: &str, calls: &str, until: u64) -> String {
        format!("{actor} 分派 {event_type}（{priority}）：{calls}；在 {until} ms 时把它重新入队")
    }
    fn notification_acked_anyway(
        &self,
        actor: &str,
        event_type: &str,
        priority: &str,
        calls: &str,
        until: u64,
    ) -> String {
        format!("{actor} 分派 {event_type}（{priority}）：{calls}；在 {until} ms 时仍然 ack 它（不允许 requeue）")
    }
    fn notification_acked(&self, actor: &str, event_type: &str, priority: &str, calls: &str, until: u64) -> String {
        format!("{actor} 分派 {event_type}（{priority}）：{calls}；在 {until} ms 时 ack 它")
    }
}
