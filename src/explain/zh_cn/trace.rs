//! 轨迹的措辞（简体中文）：每条轨迹一句话，路由解释逐个绑定说明。
//! `call`、`cast` 与 AMQP 字段名保持为代码词。

use crate::explain::keys::TraceWords;
use crate::explain::lang::Chinese;

impl TraceWords for Chinese {
    fn quoted(&self, name: &str) -> String {
        format!("'{name}'")
    }
    fn default_exchange(&self) -> String {
        "（默认）".into()
    }
    fn a_message(&self) -> String {
        "一条消息".into()
    }
    fn message_number(&self, number: u64) -> String {
        format!("消息 #{number}")
    }

    fn label_call(&self, method: &str, id: &str) -> String {
        format!("call {method} {id}")
    }
    fn label_cast(&self, method: &str, id: &str) -> String {
        format!("cast {method} {id}")
    }
    fn label_call_request(&self, id: &str) -> String {
        format!("call 请求 {id}")
    }
    fn label_reply(&self, id: &str) -> String {
        format!("回复 {id}")
    }
    fn label_heartbeat(&self, id: &str) -> String {
        format!("心跳 {id}")
    }
    fn label_notification(&self, event_type: &str, id: &str) -> String {
        format!("事件通知 {event_type} {id}")
    }
    fn label_unreadable_message(&self) -> String {
        "消息 ?".into()
    }
    fn label_unreadable_reply(&self) -> String {
        "回复 ?".into()
    }
    fn label_unreadable_notification(&self) -> String {
        "事件通知 ?".into()
    }
    fn exchange_place(&self, exchange: &str) -> String {
        format!("交换机 {exchange}")
    }
    fn queue_place(&self, queue: &str) -> String {
        format!("队列 {queue}")
    }
    fn the_broker(&self) -> String {
        "broker".into()
    }
    fn list_separator(&self) -> String {
        "、".into()
    }
    fn clause_separator(&self) -> String {
        "；".into()
    }

    fn arrived(&self, label: &str, actor: &str, exchange: &str, routing_key: &str) -> String {
        format!("来自 {actor} 的 {label} 到达交换机 {exchange}，路由键为 {routing_key}")
    }
    fn publish_refused(&self, actor: &str, exchange: &str, error: &str) -> String {
        format!("broker 拒绝了 {actor} 发往交换机 {exchange} 的发布：{error}")
    }
    fn routed(&self, exchange: &str, label: &str, queues: &str) -> String {
        format!("交换机 {exchange} 把 {label} 路由到 {queues}")
    }
    fn unroutable_returned(&self, label: &str, exchange: &str) -> String {
        format!(
            "{label} 没有匹配交换机 {exchange} 的任何绑定（备用交换机也没有）：它设置了 mandatory，所以 broker 把它退回给发布者（312 NO_ROUTE）"
        )
    }
    fn unroutable_dropped(&self, label: &str, exchange: &str) -> String {
        format!(
            "{label} 没有匹配交换机 {exchange} 的任何绑定（备用交换机也没有）：它没有设置 mandatory，所以 broker 默默丢弃了它"
        )
    }
    fn enqueued(&self, label: &str, queue: &str, ready: u64) -> String {
        format!("{label} 进入队列 {queue}（{ready} 条就绪）")
    }
    fn delivered_to_consumer(&self, queue: &str, label: &str, consumer: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 投递给消费者 {consumer}（delivery tag {tag}）")
    }
    fn redelivered_to_consumer(&self, queue: &str, label: &str, consumer: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 投递给消费者 {consumer}（delivery tag {tag}，标记为 redelivered）")
    }
    fn delivered_to_its_consumer(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 投递给它的消费者（delivery tag {tag}）")
    }
    fn redelivered_to_its_consumer(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 投递给它的消费者（delivery tag {tag}，标记为 redelivered）")
    }
    fn delivered_to_get(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 交给一次 basic.get（delivery tag {tag}）")
    }
    fn redelivered_to_get(&self, queue: &str, label: &str, tag: u64) -> String {
        format!("队列 {queue} 把 {label} 交给一次 basic.get（delivery tag {tag}，标记为 redelivered）")
    }
    fn acked(&self, label: &str, queue: &str) -> String {
        format!("{label} 已被确认；队列 {queue} 删除了它")
    }
    fn requeued(&self, label: &str, queue: &str) -> String {
        format!("{label} 回到队列 {queue} 中原来的位置，等待重新投递")
    }
    fn requeued_to_head(&self, label: &str, queue: &str) -> String {
        format!("{label} 回到仲裁队列 {queue}，排在等待中的消息之前，将最先被重新投递")
    }
    fn requeued_to_tail(&self, label: &str, queue: &str) -> String {
        format!(
            "{label} 回到仲裁队列 {queue} 的末尾，排在等待中的消息之后：没有投递上限时，RabbitMQ 3.10.8 把退回的消息当作新消息再次入队"
        )
    }
    fn dropped(&self, label: &str, queue: &str, why: &str) -> String {
        format!("{label} 从队列 {queue} 中被丢弃：{why}")
    }
    fn dead_lettered(&self, label: &str, queue: &str, why: &str, exchange: &str, queues: &str) -> String {
        format!("{label} 离开队列 {queue}，因为{why}；它作为死信经交换机 {exchange} 到达 {queues}")
    }
    fn queue_gone(&self, queue: &str, why: &str) -> String {
        format!("队列 {queue} 已不存在：{why}")
    }
    fn exchange_gone(&self, exchange: &str) -> String {
        format!("交换机 {exchange} 已不存在：它是 auto-delete，失去了最后一个绑定")
    }

    fn drop_max_length(&self) -> String {
        "队列已满（x-overflow drop-head）且没有死信交换机，所以最老的消息被丢弃".into()
    }
    fn drop_expired(&self) -> String {
        "它在队首时 TTL 到期，而队列没有死信交换机".into()
    }
    fn drop_rejected(&self) -> String {
        "它被拒绝且不重新入队，而队列没有死信交换机".into()
    }
    fn drop_reject_publish(&self) -> String {
        "队列已满且 x-overflow 为 reject-publish，所以队列拒收了这条消息（发布者会收到 nack）".into()
    }
    fn drop_dlx_missing(&self) -> String {
        "它的死信交换机不存在".into()
    }
    fn drop_dlx_cycle(&self) -> String {
        "死信会把它送回它曾经死亡过的队列，而它的 x-death 头中在该队列的条目之前没有被拒绝的记录（按 RabbitMQ 3.10.8 读取该头的方式，这是一个循环）".into()
    }
    fn drop_dlx_unroutable(&self) -> String {
        "它的死信交换机没有把它路由到任何地方".into()
    }
    fn drop_queue_deleted(&self) -> String {
        "队列被删除了".into()
    }
    fn drop_delivery_limit(&self) -> String {
        "它重新入队的次数超过了仲裁队列的投递上限，而队列没有死信交换机".into()
    }
    fn drop_purged(&self) -> String {
        "队列被清空（purge）".into()
    }
    fn drop_broker_restarted(&self) -> String {
        "broker 重启了，而这条消息是非持久的（delivery_mode 1），只有队列保留了下来".into()
    }

    fn death_rejected(&self) -> String {
        "它被拒绝且不重新入队".into()
    }
    fn death_expired(&self) -> String {
        "它在队首时 TTL 到期".into()
    }
    fn death_max_length(&self) -> String {
        "队列超出了长度上限".into()
    }
    fn death_delivery_limit(&self) -> String {
        "它重新入队的次数超过了仲裁队列的投递上限".into()
    }

    fn deleted_explicitly(&self) -> String {
        "它被删除了".into()
    }
    fn deleted_expired(&self) -> String {
        "它在 x-expires 时间内无人使用".into()
    }
    fn deleted_auto_delete(&self) -> String {
        "它的最后一个消费者离开了，而它是 auto-delete".into()
    }
    fn deleted_owner_closed(&self) -> String {
        "拥有它的连接（exclusive）关闭了".into()
    }
    fn deleted_broker_restarted(&self) -> String {
        "它不是持久的（durable），而 broker 重启了".into()
    }

    fn hop_publish(&self, from: &str, label: &str, exchange: &str, routing_key: &str, arrives: u64) -> String {
        format!("{from} 把 {label} 发布到交换机 {exchange}，路由键为 {routing_key}（{arrives} ms 到达 broker）")
    }
    fn hop_deliver(&self, from: &str, label: &str, to: &str, tag: u64, arrives: u64) -> String {
        format!("{from} 把 {label} 发给 {to}（delivery tag {tag}；{arrives} ms 到达）")
    }
    fn hop_redeliver(&self, from: &str, label: &str, to: &str, tag: u64, arrives: u64) -> String {
        format!("{from} 把 {label} 发给 {to}（delivery tag {tag}，标记为 redelivered；{arrives} ms 到达）")
    }
    fn hop_ack(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("{label} 的 ack 从 {from} 发往 {to}（{arrives} ms 到达）")
    }
    fn hop_nack(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("{label} 的 nack 从 {from} 发往 {to}（{arrives} ms 到达）")
    }
    fn hop_reject(&self, label: &str, from: &str, to: &str, arrives: u64) -> String {
        format!("{label} 的 reject 从 {from} 发往 {to}（{arrives} ms 到达）")
    }
    fn hop_return(&self, from: &str, label: &str, to: &str, arrives: u64) -> String {
        format!("{from} 把无法路由的 {label} 退回给 {to}（basic.return；{arrives} ms 到达）")
    }

    fn received(&self, actor: &str, label: &str, queue: &str) -> String {
        format!("{actor} 从队列 {queue} 收到 {label}")
    }
    fn received_again(&self, actor: &str, label: &str, queue: &str) -> String {
        format!("{actor} 从队列 {queue} 收到 {label}（重新投递）")
    }
    fn processing(&self, actor: &str, label: &str, until: u64) -> String {
        format!("{actor} 正在处理 {label}，直到 {until} ms")
    }
    fn processing_failed(&self, actor: &str, label: &str) -> String {
        format!("{actor} 处理 {label} 失败")
    }
    fn settled_ack(&self, actor: &str, label: &str) -> String {
        format!("{actor} 确认（ack）了 {label}")
    }
    fn settled_nack_requeue(&self, actor: &str, label: &str) -> String {
        format!("{actor} nack 了 {label}，并要求重新入队")
    }
    fn settled_nack_discard(&self, actor: &str, label: &str) -> String {
        format!("{actor} nack 了 {label}，不重新入队")
    }
    fn settled_reject(&self, actor: &str, label: &str) -> String {
        format!("{actor} 拒绝（reject）了 {label}，不重新入队")
    }
    fn settled_reject_requeue(&self, actor: &str, label: &str) -> String {
        format!("{actor} 拒绝（reject）了 {label}，并要求重新入队")
    }
    fn got_returned(&self, actor: &str, label: &str) -> String {
        format!("{actor} 收到了被退回的无法路由的 {label}（basic.return）")
    }
    fn operation_refused(&self, actor: &str, error: &str) -> String {
        format!("broker 拒绝了 {actor} 的一个操作：{error}")
    }
    fn stopped(&self, actor: &str) -> String {
        format!("{actor} 已停止；它不会再发出任何东西")
    }
    fn stopping(&self, actor: &str, until: u64) -> String {
        format!("{actor} 正在优雅停止：不再消费，手头的工作完成后于 {until} ms 关闭连接")
    }
    fn disconnected_clean(&self, actor: &str) -> String {
        format!("broker 看到 {actor} 的连接关闭；它没有未确认的消息")
    }
    fn disconnected(&self, actor: &str, unacked: u64) -> String {
        format!(
            "broker 看到 {actor} 的连接关闭，还有 {unacked} 条未确认的消息：它们回到各自的队列，将被重新投递并标记为 redelivered"
        )
    }

    fn default_exchange_no_queue(&self, routing_key: &str) -> String {
        format!("默认交换机：没有名为 {routing_key} 的队列")
    }
    fn default_exchange_queue(&self, queue: &str) -> String {
        format!("默认交换机：名为 {queue} 的队列收到它")
    }
    fn binding_matched(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} 的绑定 {binding_key} -> {destination}：匹配，{why}")
    }
    fn binding_no_match(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} 的绑定 {binding_key} -> {destination}：不匹配，{why}")
    }
    fn binding_to_exchange_matched(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} 的绑定 {binding_key} -> 交换机 {destination}：匹配，{why}")
    }
    fn binding_to_exchange_no_match(&self, exchange: &str, binding_key: &str, destination: &str, why: &str) -> String {
        format!("{exchange} 的绑定 {binding_key} -> 交换机 {destination}：不匹配，{why}")
    }
    fn no_bindings(&self, exchange: &str) -> String {
        format!("交换机 {exchange} 没有绑定")
    }
    fn alternate_tried(&self, exchange: &str, alternate: &str) -> String {
        format!("{exchange} 上没有匹配，所以尝试了它的备用交换机 {alternate}")
    }
    fn key_equal(&self, routing_key: &str) -> String {
        format!("路由键 {routing_key} 等于绑定键")
    }
    fn key_differs(&self) -> String {
        "direct 交换机要求路由键等于绑定键".into()
    }
    fn fanout_copies(&self) -> String {
        "fanout 交换机复制给每个绑定".into()
    }
    fn topic_word_for_word(&self, routing_key: &str) -> String {
        format!("{routing_key} 与它逐词相同")
    }
    fn topic_fits(&self, routing_key: &str, parts: &str) -> String {
        format!("{routing_key} 匹配，其中 {parts}")
    }
    fn topic_part(&self, wildcard: &str, words: &str) -> String {
        format!("{wildcard} = {words}")
    }
    fn topic_word_differs(&self, position: u64, found: &str, expected: &str) -> String {
        format!("路由键的第 {position} 个词是 {found}，而绑定要求 {expected}")
    }
    fn topic_word_count(&self, binding_words: u64, key_words: u64) -> String {
        format!("绑定正好需要 {binding_words} 个词（* 是一个词），而路由键有 {key_words} 个")
    }
    fn topic_cannot_line_up(&self) -> String {
        "路由键的词无法与模式对齐（* 是一个词，# 是零个或多个词）".into()
    }
    fn header_equal(&self, name: &str) -> String {
        format!("{name} 相等")
    }
    fn header_present(&self, name: &str) -> String {
        format!("{name} 存在")
    }
    fn header_missing(&self, name: &str) -> String {
        format!("{name} 缺失")
    }
    fn header_different(&self, name: &str, found: &str, expected: &str) -> String {
        format!("{name} 是 {found} 而不是 {expected}")
    }
    fn x_match_nothing(&self, mode: &str) -> String {
        format!("x-match {mode}，没有参数")
    }
    fn x_match(&self, mode: &str, checks: &str) -> String {
        format!("x-match {mode}：{checks}")
    }
}
