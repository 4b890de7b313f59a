//! 简体中文目录：每个措辞 trait 的中文实现。术语沿用中文 OpenStack 与 RabbitMQ 资料的
//! 说法：消息总线、交换机、队列、绑定、路由键、绑定键、生产者 / 消费者、远程过程调用、
//! 事件通知、死信；`call`、`cast` 与 AMQP 字段名保持为代码词。

mod cli;
mod differences;
mod edit;
mod intervention;
mod lesson;
mod oslo;
mod problems;
mod run;
pub(crate) mod scenarios;
mod trace;
mod ui;
