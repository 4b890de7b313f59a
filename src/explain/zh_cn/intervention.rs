//! 干预的措辞（简体中文）：你对运行做了什么、产生了什么效果，以及运行视图里干预按钮和
//! 脚本步骤的名字。

use crate::explain::keys::InterventionWords;
use crate::explain::lang::Chinese;

impl InterventionWords for Chinese {
    fn had_no_effect(&self, attempted: &str, why: &str) -> String {
        format!("{attempted}：{why}")
    }
    fn dropped_publish(&self, label: &str, from: &str, to: &str) -> String {
        format!("你在 {from} 到 {to} 的途中丢弃了 {label}：broker 永远看不到它")
    }
    fn dropped_deliver(&self, label: &str, from: &str, to: &str) -> String {
        format!(
            "你在 {from} 到 {to} 的途中丢弃了 {label}：broker 认为它已投递给 {to} 且未确认；只有 {to} 的连接关闭时它才回到队列"
        )
    }
    fn dropped_settle(&self, label: &str, from: &str, to: &str) -> String {
        format!("你在 {from} 到 {to} 的途中丢弃了 {label}：这条消息在 broker 上保持未确认")
    }
    fn dropped_return(&self, label: &str, from: &str, to: &str) -> String {
        format!("你在 {from} 到 {to} 的途中丢弃了 {label}：{to} 永远不会知道它被退回了")
    }
    fn duplicated(&self, message: u64, copy: u64) -> String {
        format!("发布者像客户端重试那样再次发送了消息 #{message}：副本是消息 #{copy}，broker 会路由这两条")
    }
    fn crashed(&self, actor: &str) -> String {
        format!("{actor} 崩溃了：进程已不在，broker 要等它之前发出的一切之后、连接关闭的通知到达时才会察觉")
    }
    fn asked_to_stop(&self, actor: &str) -> String {
        format!("你让 {actor} 优雅地停止（oslo.messaging 的 stop() 然后 wait()）")
    }
    fn restarted(&self, actor: &str) -> String {
        format!("{actor} 作为新进程、用新连接重新启动；它不记得之前的任何事")
    }
    fn paused(&self, actor: &str) -> String {
        format!("{actor} 已暂停：发给它的东西都在等待处理，所以它的 prefetch 窗口会填满，它的队列会变长")
    }
    fn resumed(&self, actor: &str, waited: u64) -> String {
        format!("{actor} 已恢复，处理等待中的 {waited} 个事件")
    }
    fn normal_pace(&self, actor: &str) -> String {
        format!("{actor} 恢复正常速度")
    }
    fn slowed(&self, actor: &str, factor: u64) -> String {
        format!("{actor} 现在处理每条消息要花 {factor} 倍的时间")
    }
    fn cut_off(&self, actor: &str, until: u64) -> String {
        format!("{actor} 的网络链路断开，直到 {until} ms：它发出的和发给它的都要等到那时")
    }
    fn bound(&self, queue: &str, exchange: &str, binding_key: &str) -> String {
        format!("你用绑定键 {binding_key} 把队列 {queue} 绑定到交换机 {exchange}")
    }
    fn unbound(&self, queue: &str, exchange: &str, binding_key: &str) -> String {
        format!("你删除了队列 {queue} 到交换机 {exchange}、绑定键为 {binding_key} 的绑定")
    }
    fn purged(&self, queue: &str, messages: u64) -> String {
        format!("你清空了队列 {queue}：丢弃了 {messages} 条就绪消息；未确认的消息仍留在它们的消费者那里")
    }
    fn queue_deleted(&self, queue: &str) -> String {
        format!("你删除了队列 {queue}，连同它的消息和绑定")
    }
    fn lost_queues(&self, queues: &str) -> String {
        format!("非持久化的队列 {queues}")
    }
    fn lost_exchanges(&self, exchanges: &str) -> String {
        format!("非持久化的交换机 {exchanges}")
    }
    fn lost_transient_messages(&self, messages: u64) -> String {
        format!("持久化队列中的 {messages} 条临时消息（delivery_mode 1）")
    }
    fn broker_restarted_lost(&self, lost: &str) -> String {
        format!("broker 重启了：所有连接都已关闭，客户端重新连接并再次声明；丢失了：{lost}")
    }
    fn broker_restarted_nothing_lost(&self) -> String {
        "broker 重启了：所有连接都已关闭，客户端重新连接并再次声明；没有丢失任何东西".into()
    }

    fn attempt_drop(&self, message: u64) -> String {
        format!("丢弃消息 #{message}")
    }
    fn attempt_duplicate(&self, message: u64) -> String {
        format!("再次发送消息 #{message}")
    }
    fn attempt_crash(&self, actor: &str) -> String {
        format!("让 {actor} 崩溃")
    }
    fn attempt_stop(&self, actor: &str) -> String {
        format!("停止 {actor}")
    }
    fn attempt_restart(&self, actor: &str) -> String {
        format!("重启 {actor}")
    }
    fn attempt_pause(&self, actor: &str) -> String {
        format!("暂停 {actor}")
    }
    fn attempt_resume(&self, actor: &str) -> String {
        format!("恢复 {actor}")
    }
    fn attempt_slow(&self, actor: &str, factor: u64) -> String {
        format!("让 {actor} 慢 {factor} 倍")
    }
    fn attempt_cut_off(&self, actor: &str, ms: u64) -> String {
        format!("切断 {actor} 的网络 {ms} ms")
    }
    fn attempt_bind(&self, queue: &str, exchange: &str) -> String {
        format!("把队列 {queue} 绑定到交换机 {exchange}")
    }
    fn attempt_unbind(&self, queue: &str, exchange: &str) -> String {
        format!("解除队列 {queue} 与交换机 {exchange} 的绑定")
    }
    fn attempt_purge(&self, queue: &str) -> String {
        format!("清空队列 {queue}")
    }
    fn attempt_delete(&self, queue: &str) -> String {
        format!("删除队列 {queue}")
    }
    fn attempt_restart_broker(&self) -> String {
        "重启 broker".into()
    }

    fn not_in_flight(&self) -> String {
        "什么也没发生，这条消息此刻不在传输中".into()
    }
    fn not_a_publish(&self) -> String {
        "什么也没发生，只有正在发往 broker 的发布才能再次发送".into()
    }
    fn not_running(&self) -> String {
        "什么也没发生，它没有在运行".into()
    }
    fn already_paused(&self) -> String {
        "什么也没发生，它已经暂停了".into()
    }
    fn not_paused(&self) -> String {
        "什么也没发生，它没有暂停".into()
    }
    fn no_such_queue(&self, queue: &str) -> String {
        format!("什么也没发生，没有队列 {queue}")
    }
    fn no_such_binding(&self) -> String {
        "什么也没发生，没有这个绑定".into()
    }
    fn broker_refused(&self, error: &str) -> String {
        format!("broker 拒绝了：{error}")
    }

    fn button_crash(&self, actor: &str) -> String {
        format!("让 {actor} 崩溃")
    }
    fn button_stop_gracefully(&self, actor: &str) -> String {
        format!("优雅地停止 {actor}")
    }
    fn button_restart(&self, actor: &str) -> String {
        format!("重启 {actor}")
    }
    fn button_pause(&self, actor: &str) -> String {
        format!("暂停 {actor}")
    }
    fn button_resume(&self, actor: &str) -> String {
        format!("恢复 {actor}")
    }
    fn button_normal_speed(&self, actor: &str) -> String {
        format!("恢复正常速度：{actor}")
    }
    fn button_slow(&self, actor: &str, factor: u64) -> String {
        format!("让 {actor} 慢 {factor} 倍")
    }
    fn button_cut_off(&self, actor: &str, seconds: &str) -> String {
        format!("切断 {actor} 的网络 {seconds} 秒")
    }
    fn button_drop(&self) -> String {
        "丢弃这条消息".into()
    }
    fn button_duplicate(&self) -> String {
        "再发送一次（重试）".into()
    }
    fn button_bind(&self, queue: &str, exchange: &str) -> String {
        format!("把队列 {queue} 绑定到交换机 {exchange}")
    }
    fn button_unbind(&self) -> String {
        "删除这个绑定".into()
    }
    fn button_purge(&self, queue: &str) -> String {
        format!("清空队列 {queue}")
    }
    fn button_delete(&self, queue: &str) -> String {
        format!("删除队列 {queue}")
    }
    fn button_restart_broker(&self) -> String {
        "重启 broker".into()
    }
    fn button_bind_to_picked(&self, queue: &str) -> String {
        format!("把队列 {queue} 绑定到所选交换机")
    }

    fn scripted_drop(&self, message: u64) -> String {
        format!("丢弃消息 #{message}")
    }
    fn scripted_duplicate(&self, message: u64) -> String {
        format!("再次发送消息 #{message}")
    }
    fn scripted_unbind(&self, queue: &str, exchange: &str) -> String {
        format!("删除队列 {queue} 到交换机 {exchange} 的绑定")
    }
    fn scripted_at(&self, what: &str, at_ms: u64) -> String {
        format!("{at_ms} ms 时：{what}")
    }

    fn break_it(&self) -> String {
        "故意破坏".into()
    }
    fn forks_here(&self) -> String {
        "运行在此分叉；撤销会恢复原来的未来。".into()
    }
    fn bind_exchange_label(&self) -> String {
        "交换机".into()
    }
    fn bind_key_label(&self) -> String {
        "绑定键".into()
    }
    fn menu_name(&self) -> String {
        "干预".into()
    }
    fn nothing_to_break(&self) -> String {
        "此刻这里没有可以破坏的东西。".into()
    }
}
