//! 编辑器的措辞（简体中文）：每种节点是什么、选中的连线做什么、为什么拒绝一条连接或一个
//! 检查器里的值，以及路由预览说生产者的下一条消息会去哪里。

use crate::explain::keys::EditWords;
use crate::explain::lang::Chinese;

impl EditWords for Chinese {
    fn kind_producer(&self) -> String {
        "生产者".into()
    }
    fn kind_exchange(&self) -> String {
        "交换机".into()
    }
    fn kind_queue(&self) -> String {
        "队列".into()
    }
    fn kind_consumer(&self) -> String {
        "消费者".into()
    }
    fn kind_rpc_client(&self) -> String {
        "RPC 客户端".into()
    }
    fn kind_rpc_server(&self) -> String {
        "RPC 服务端".into()
    }
    fn kind_notifier(&self) -> String {
        "事件通知发送者".into()
    }
    fn kind_listener(&self) -> String {
        "事件通知监听者".into()
    }
    fn summary_producer(&self) -> String {
        "向交换机发布消息，每条消息带一个路由键，还可以带 headers。".into()
    }
    fn summary_exchange(&self) -> String {
        "接收发布的消息，按自己的类型（direct、fanout、topic 或 headers）和绑定，把副本路由到队列或其他交换机。".into()
    }
    fn summary_queue(&self) -> String {
        "按顺序保存消息，直到消费者取走；它的参数设定长度上限、过期和死信。".into()
    }
    fn summary_consumer(&self) -> String {
        "从队列取消息、处理，并逐条确认（ack）或拒绝。".into()
    }
    fn summary_rpc_client(&self) -> String {
        "向一个 target 发起 oslo.messaging 的 call（等待回复或超时）和 cast（发出即不管）。".into()
    }
    fn summary_rpc_server(&self) -> String {
        "监听一个 topic 和 server 名，执行被调用的方法并把回复发回去。".into()
    }
    fn summary_notifier(&self) -> String {
        "在一个 topic 上发出 oslo.messaging 事件通知，带 info 或 error 这样的优先级。".into()
    }
    fn summary_listener(&self) -> String {
        "接收它订阅的 topic 和优先级的事件通知。".into()
    }
    fn node_about(&self, kind: &str, summary: &str) -> String {
        format!("{kind}。{summary}")
    }

    fn binding_title(&self, exchange: &str, destination: &str) -> String {
        format!("绑定 {exchange} → {destination}")
    }
    fn binding_about_direct(&self, exchange: &str, destination: &str) -> String {
        format!("交换机 {exchange} 路由到 {destination}：消息的路由键等于绑定键时走这条路。")
    }
    fn binding_about_topic(&self, exchange: &str, destination: &str) -> String {
        format!("交换机 {exchange} 路由到 {destination}：绑定键是由词组成的模式：* 代表一个词，# 代表零个或多个词。")
    }
    fn binding_about_fanout(&self, exchange: &str, destination: &str) -> String {
        format!("交换机 {exchange} 路由到 {destination}：fanout 交换机不看键，把每条消息复制给每个绑定。")
    }
    fn binding_about_headers(&self, exchange: &str, destination: &str) -> String {
        format!(
            "交换机 {exchange} 路由到 {destination}：用这些参数检查消息的 headers；x-match 决定要全部匹配还是任一匹配。"
        )
    }
    fn publish_about(&self, producer: &str, exchange: &str) -> String {
        format!("{producer} 把每条消息发布到交换机 {exchange}。删除这条连线即可断开它们。")
    }
    fn consume_about(&self, queue: &str, consumer: &str) -> String {
        format!("{consumer} 消费队列 {queue} 的消息。删除这条连线即可断开它们。")
    }

    fn same_node(&self) -> String {
        "请把连接放到另一个节点上。".into()
    }
    fn already_connected(&self) -> String {
        "这两个已经连接了。".into()
    }
    fn already_bound(&self, binding_key: &str) -> String {
        format!("这个交换机已经用绑定键 {binding_key} 绑定到它。要再加一个，请先选中那个绑定修改它的键。")
    }
    fn broker_refuses_binding(&self, error: &str) -> String {
        format!("broker 拒绝这个绑定：{error}")
    }
    fn oslo_not_wired(&self) -> String {
        "oslo.messaging 的角色不用手工连线：每个角色按自己的 target（topic 和 server）声明自己的交换机、队列和绑定。请在检查器中设置它们。"
            .into()
    }
    fn producer_to_queue(&self) -> String {
        "生产者从不直接发布到队列：它发布到交换机，由交换机的绑定路由到队列。请把生产者连到一个交换机。".into()
    }
    fn producer_to_non_exchange(&self) -> String {
        "生产者发布到交换机：请把连接放到一个交换机上。".into()
    }
    fn exchange_to_consumer(&self) -> String {
        "交换机路由到队列，从不直接给消费者：先把它绑定到一个队列，再把队列连到消费者。".into()
    }
    fn nothing_flows_into_producer(&self) -> String {
        "没有东西流入生产者，它只负责发布。请从生产者拖到一个交换机。".into()
    }
    fn queue_to_exchange(&self) -> String {
        "队列只投递给消费者。要把它的消息转给交换机，请在队列的检查器中设置死信交换机。".into()
    }
    fn queue_to_non_consumer(&self) -> String {
        "队列投递给消费者：请把连接放到一个消费者上。".into()
    }
    fn consumer_to_queue(&self) -> String {
        "消息从队列流向消费者：请从队列的端口拖到消费者。".into()
    }
    fn consumer_to_non_queue(&self) -> String {
        "消费者只接收：请从一个队列拖到消费者。".into()
    }
    fn cannot_connect(&self) -> String {
        "这两个不能连接。".into()
    }

    fn value_required(&self) -> String {
        "这里需要一个值。".into()
    }
    fn name_taken_producer(&self) -> String {
        "已有生产者叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_exchange(&self) -> String {
        "已有交换机叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_queue(&self) -> String {
        "已有队列叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_consumer(&self) -> String {
        "已有消费者叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_rpc_client(&self) -> String {
        "已有 RPC 客户端叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_rpc_server(&self) -> String {
        "已有 RPC 服务端叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_notifier(&self) -> String {
        "已有事件通知发送者叫这个名字；画布上的名字必须唯一。".into()
    }
    fn name_taken_listener(&self) -> String {
        "已有事件通知监听者叫这个名字；画布上的名字必须唯一。".into()
    }
    fn whole_number(&self) -> String {
        "请输入一个整数，0 或更大。".into()
    }
    fn whole_number_up_to(&self, max: u64) -> String {
        format!("请输入 0 到 {max} 之间的整数。")
    }
    fn range_expected(&self) -> String {
        "请以毫秒输入“下限-上限”，例如 50-150。".into()
    }
    fn low_above_high(&self) -> String {
        "下限高于上限。".into()
    }
    fn not_a_choice(&self) -> String {
        "请从选项中选一个。".into()
    }
    fn header_line(&self, line: u64) -> String {
        format!("第 {line} 行：请写成 name = value，或只写 name。")
    }
    fn rabbitmq_would_refuse(&self, error: &str) -> String {
        format!("RabbitMQ 会拒绝这个值：{error}")
    }

    fn preview_returned(&self, routing_key: &str) -> String {
        format!("路由键为 {routing_key} 的消息不匹配任何绑定：它设置了 mandatory，所以 broker 会退回它。")
    }
    fn preview_dropped(&self, routing_key: &str) -> String {
        format!("路由键为 {routing_key} 的消息不匹配任何绑定：broker 会丢弃它。")
    }
    fn preview_one_queue(&self, routing_key: &str, queue: &str) -> String {
        format!("路由键为 {routing_key} 的消息会进入队列 {queue}。")
    }
    fn preview_queues(&self, routing_key: &str, queues: &str, last: &str) -> String {
        format!("路由键为 {routing_key} 的消息会进入队列 {queues} 和 {last}。")
    }
}
