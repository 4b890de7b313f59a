//! 网页应用自身的措辞（简体中文）。

use crate::explain::keys::UiWords;
use crate::explain::lang::Chinese;

impl UiWords for Chinese {
    fn tagline(&self) -> String {
        "消息总线模拟器".into()
    }
    fn scenario(&self) -> String {
        "场景".into()
    }
    fn my_topology(&self) -> String {
        "我的拓扑".into()
    }
    fn new_document(&self) -> String {
        "新建".into()
    }
    fn open(&self) -> String {
        "打开".into()
    }
    fn save_scenario(&self) -> String {
        "保存场景".into()
    }
    fn export(&self) -> String {
        "导出".into()
    }
    fn export_definitions(&self) -> String {
        "导出 definitions".into()
    }
    fn export_vhost_definitions(&self) -> String {
        "只导出这个 vhost 的 definitions".into()
    }
    fn export_cluster_definitions(&self) -> String {
        "导出整个代理的 definitions".into()
    }
    fn export_rabbitmqadmin(&self) -> String {
        "导出 rabbitmqadmin v2 命令".into()
    }
    fn export_rabbitmqadmin_v1(&self) -> String {
        "导出 rabbitmqadmin v1 命令（已弃用的 Python 客户端）".into()
    }
    fn export_asyncapi(&self) -> String {
        "导出 AsyncAPI".into()
    }
    fn export_svg(&self) -> String {
        "导出 SVG".into()
    }
    fn export_png(&self) -> String {
        "导出 PNG".into()
    }
    fn copy_link(&self) -> String {
        "复制链接".into()
    }
    fn copy_link_to_step(&self) -> String {
        "复制到此步的链接".into()
    }
    fn new_question(&self) -> String {
        "新建一个拓扑？".into()
    }
    fn new_consequence(&self) -> String {
        "这会清空画布。撤销（Ctrl+Z）可以找回当前文档。".into()
    }
    fn clear_canvas(&self) -> String {
        "清空画布".into()
    }
    fn cancel(&self) -> String {
        "取消".into()
    }
    fn playback(&self) -> String {
        "回放".into()
    }
    fn reset(&self) -> String {
        "重置".into()
    }
    fn step_back(&self) -> String {
        "后退一步".into()
    }
    fn play(&self) -> String {
        "播放".into()
    }
    fn pause(&self) -> String {
        "暂停".into()
    }
    fn step(&self) -> String {
        "前进一步".into()
    }
    fn speed(&self) -> String {
        "速度".into()
    }
    fn timeline(&self) -> String {
        "时间轴".into()
    }
    fn timeline_marks(&self) -> String {
        "时间轴上的干预".into()
    }
    fn virtual_time(&self) -> String {
        "虚拟时间".into()
    }
    fn nothing_to_play(&self) -> String {
        "画一个拓扑或选一个场景来运行。".into()
    }
    fn run(&self) -> String {
        "运行".into()
    }
    fn run_views(&self) -> String {
        "运行视图".into()
    }
    fn player(&self, title: &str) -> String {
        format!("Kaiten 播放器：{title}")
    }
    fn copy_embed_code(&self) -> String {
        "复制嵌入代码".into()
    }
    fn share(&self) -> String {
        "分享".into()
    }
    fn present(&self) -> String {
        "演示".into()
    }
    fn leave_present(&self) -> String {
        "退出演示".into()
    }
    fn event_log(&self) -> String {
        "事件日志".into()
    }
    fn sequence_diagram(&self) -> String {
        "时序图".into()
    }
    fn charts(&self) -> String {
        "图表".into()
    }
    fn nothing_has_run(&self) -> String {
        "还没有运行任何内容。".into()
    }
    fn log_show(&self) -> String {
        "显示".into()
    }
    fn log_all(&self) -> String {
        "全部".into()
    }
    fn log_node(&self) -> String {
        "节点".into()
    }
    fn log_all_nodes(&self) -> String {
        "所有节点".into()
    }
    fn log_all_messages(&self) -> String {
        "所有消息".into()
    }
    fn log_only_inspected(&self) -> String {
        "只看正在查看的消息".into()
    }
    fn log_inspect(&self) -> String {
        "查看这条消息".into()
    }
    fn log_message(&self) -> String {
        "消息".into()
    }
    fn log_why(&self) -> String {
        "为什么".into()
    }
    fn canvas(&self) -> String {
        "画布".into()
    }
    fn canvas_tools(&self) -> String {
        "画布工具".into()
    }
    fn undo(&self) -> String {
        "撤销".into()
    }
    fn redo(&self) -> String {
        "重做".into()
    }
    fn delete(&self) -> String {
        "删除".into()
    }
    fn zoom_out(&self) -> String {
        "缩小".into()
    }
    fn zoom(&self) -> String {
        "缩放".into()
    }
    fn zoom_in(&self) -> String {
        "放大".into()
    }
    fn fit_to_view(&self) -> String {
        "适应视图".into()
    }
    fn keyboard_shortcuts(&self) -> String {
        "键盘快捷键".into()
    }
    fn shortcuts_title(&self) -> String {
        "键盘快捷键与手势".into()
    }
    fn close(&self) -> String {
        "关闭".into()
    }
    fn palette(&self) -> String {
        "组件面板".into()
    }
    fn palette_hint(&self) -> String {
        "点击放置，或拖到画布上。".into()
    }
    fn inspector(&self) -> String {
        "检查器".into()
    }
    fn nothing_selected(&self) -> String {
        "未选中任何内容。选中一个节点或一条边，在这里查看并编辑它的设置。".into()
    }
    fn inspector_hint(&self) -> String {
        "选中一个生产者并输入路由键：它会匹配的绑定将亮起。".into()
    }
    fn about_scenario(&self) -> String {
        "关于此场景".into()
    }
    fn edit_copy(&self) -> String {
        "编辑副本".into()
    }
    fn shared_banner(&self) -> String {
        "分享的场景，仅可播放：播放并逐步查看，或编辑一个副本。".into()
    }
    fn other_tab_saved(&self) -> String {
        "另一个标签页保存了不同的内容。在你选择保留哪一份之前，此标签页暂停保存。".into()
    }
    fn load_other_tab(&self) -> String {
        "载入另一个标签页的版本".into()
    }
    fn keep_mine(&self) -> String {
        "保留我的".into()
    }
    fn pasted_source(&self) -> String {
        "粘贴的文本".into()
    }
    fn legend(&self) -> String {
        "图例".into()
    }
    fn dropped_or_expired(&self) -> String {
        "被丢弃或已过期".into()
    }
    fn mark_dropped(&self) -> String {
        "已丢弃".into()
    }
    fn mark_expired(&self) -> String {
        "已过期".into()
    }
    fn queue_depth(&self) -> String {
        "队列深度".into()
    }
    fn latency_chart(&self) -> String {
        "延迟".into()
    }
    fn latency_caption(&self) -> String {
        "从发布到确认的延迟".into()
    }
    fn no_acks_yet(&self) -> String {
        "还没有确认".into()
    }
    fn copy_mermaid(&self) -> String {
        "复制为 Mermaid".into()
    }
    fn download_svg(&self) -> String {
        "下载 SVG".into()
    }
    fn message_heading(&self) -> String {
        "消息".into()
    }
    fn routing_key(&self) -> String {
        "路由键".into()
    }
    fn properties(&self) -> String {
        "属性".into()
    }
    fn body(&self) -> String {
        "消息体".into()
    }
    fn path(&self) -> String {
        "路径".into()
    }
    fn close_message(&self) -> String {
        "关闭消息".into()
    }
    fn built_in(&self) -> String {
        "内置".into()
    }
    fn declared_by_the_run(&self) -> String {
        "由运行声明".into()
    }
    fn palette_listener(&self) -> String {
        "监听者".into()
    }
    fn add_producer(&self) -> String {
        "添加生产者".into()
    }
    fn add_exchange(&self) -> String {
        "添加交换机".into()
    }
    fn add_queue(&self) -> String {
        "添加队列".into()
    }
    fn add_consumer(&self) -> String {
        "添加消费者".into()
    }
    fn add_rpc_client(&self) -> String {
        "添加 RPC 客户端".into()
    }
    fn add_rpc_server(&self) -> String {
        "添加 RPC 服务端".into()
    }
    fn add_notifier(&self) -> String {
        "添加事件通知发送者".into()
    }
    fn add_listener(&self) -> String {
        "添加事件通知监听者".into()
    }
    fn field_name(&self) -> String {
        "名称".into()
    }
    fn field_exchange_type(&self) -> String {
        "交换机类型".into()
    }
    fn field_alternate_exchange(&self) -> String {
        "备用交换机".into()
    }
    fn field_internal(&self) -> String {
        "内部（internal）".into()
    }
    fn field_max_length(&self) -> String {
        "最大长度".into()
    }
    fn field_max_length_bytes(&self) -> String {
        "最大字节数".into()
    }
    fn field_overflow(&self) -> String {
        "溢出策略".into()
    }
    fn field_message_ttl(&self) -> String {
        "消息 TTL（ms）".into()
    }
    fn field_expires(&self) -> String {
        "过期时间（ms）".into()
    }
    fn field_dead_letter_exchange(&self) -> String {
        "死信交换机".into()
    }
    fn field_dead_letter_routing_key(&self) -> String {
        "死信路由键".into()
    }
    fn field_max_priority(&self) -> String {
        "最大优先级".into()
    }
    fn field_exclusive(&self) -> String {
        "排他（exclusive）".into()
    }
    fn field_auto_delete(&self) -> String {
        "自动删除（auto-delete）".into()
    }
    fn field_single_active_consumer(&self) -> String {
        "单一活跃消费者".into()
    }
    fn field_binding_key(&self) -> String {
        "绑定键".into()
    }
    fn field_x_match(&self) -> String {
        "x-match".into()
    }
    fn field_binding_headers(&self) -> String {
        "headers 参数".into()
    }
    fn field_routing_key(&self) -> String {
        "路由键".into()
    }
    fn field_headers(&self) -> String {
        "headers".into()
    }
    fn field_body(&self) -> String {
        "消息体".into()
    }
    fn field_message_id(&self) -> String {
        "消息 ID".into()
    }
    fn field_count(&self) -> String {
        "消息数".into()
    }
    fn field_interval(&self) -> String {
        "间隔（ms）".into()
    }
    fn field_mandatory(&self) -> String {
        "mandatory".into()
    }
    fn field_priority(&self) -> String {
        "优先级".into()
    }
    fn field_prefetch(&self) -> String {
        "prefetch".into()
    }
    fn field_processing_kind(&self) -> String {
        "处理时间".into()
    }
    fn field_processing_ms(&self) -> String {
        "处理耗时（ms）".into()
    }
    fn field_settle(&self) -> String {
        "确认方式".into()
    }
    fn field_auto_ack(&self) -> String {
        "auto-ack".into()
    }
    fn field_topic(&self) -> String {
        "topic".into()
    }
    fn field_server(&self) -> String {
        "server".into()
    }
    fn field_pool(&self) -> String {
        "pool".into()
    }
    fn field_control_exchange(&self) -> String {
        "control exchange".into()
    }
    fn hint_routing_key(&self) -> String {
        "{n} 是消息序号，{name} 是生产者的名字".into()
    }
    fn hint_headers(&self) -> String {
        "每行一个：name = value，或只写 name 表示要求存在".into()
    }
    fn hint_prefetch(&self) -> String {
        "0 = 不限".into()
    }
    fn hint_processing(&self) -> String {
        "毫秒；uniform 填 下限-上限，exponential 填平均值".into()
    }
    fn hint_no_limit(&self) -> String {
        "留空 = 不限".into()
    }
    fn hint_message_id(&self) -> String {
        "留空 = {name}-{n}".into()
    }
    fn keys_space(&self) -> String {
        "空格".into()
    }
    fn does_space(&self) -> String {
        "播放或暂停运行（按住空格拖动可平移）".into()
    }
    fn keys_arrows(&self) -> String {
        "右方向键、左方向键".into()
    }
    fn does_arrows(&self) -> String {
        "前进一步、后退一步（未选中节点时）".into()
    }
    fn keys_home(&self) -> String {
        "Home".into()
    }
    fn does_home(&self) -> String {
        "回到运行的开头".into()
    }
    fn keys_present(&self) -> String {
        "F、Escape".into()
    }
    fn does_present(&self) -> String {
        "进入演示模式（画布占满窗口并放大绘制），再退出".into()
    }
    fn keys_run_text(&self) -> String {
        "T".into()
    }
    fn does_run_text(&self) -> String {
        "显示或隐藏文字形式的运行（当前一步、传输中的消息、每个队列的深度），供屏幕阅读器朗读".into()
    }
    fn keys_palette(&self) -> String {
        "点击组件面板中的一项".into()
    }
    fn does_palette(&self) -> String {
        "放置一个节点（或把它拖到画布上）".into()
    }
    fn keys_port(&self) -> String {
        "从节点的端口拖出".into()
    }
    fn does_port(&self) -> String {
        "把它连接到你松开处的节点".into()
    }
    fn keys_shift(&self) -> String {
        "Shift+点击、Shift+拖动".into()
    }
    fn does_shift(&self) -> String {
        "加入选择、用矩形框选".into()
    }
    fn keys_pan(&self) -> String {
        "拖动背景、空格+拖动".into()
    }
    fn does_pan(&self) -> String {
        "平移".into()
    }
    fn keys_zoom(&self) -> String {
        "滚轮、双指捏合".into()
    }
    fn does_zoom(&self) -> String {
        "缩放".into()
    }
    fn keys_nudge(&self) -> String {
        "方向键（Shift：移得更远）".into()
    }
    fn does_nudge(&self) -> String {
        "移动选中的节点".into()
    }
    fn keys_delete(&self) -> String {
        "Delete、Backspace".into()
    }
    fn does_delete(&self) -> String {
        "删除所选内容".into()
    }
    fn keys_copy(&self) -> String {
        "Ctrl+C、Ctrl+V".into()
    }
    fn does_copy(&self) -> String {
        "复制并粘贴选中的节点；粘贴的场景或 definitions JSON 会被打开".into()
    }
    fn keys_undo(&self) -> String {
        "Ctrl+Z".into()
    }
    fn does_undo(&self) -> String {
        "撤销".into()
    }
    fn keys_redo(&self) -> String {
        "Ctrl+Shift+Z、Ctrl+Y".into()
    }
    fn does_redo(&self) -> String {
        "重做".into()
    }
    fn keys_all(&self) -> String {
        "Ctrl+A".into()
    }
    fn does_all(&self) -> String {
        "选中所有节点".into()
    }
    fn keys_enter(&self) -> String {
        "在聚焦的节点上按 Enter".into()
    }
    fn does_enter(&self) -> String {
        "选中它".into()
    }
    fn keys_escape(&self) -> String {
        "Escape".into()
    }
    fn does_escape(&self) -> String {
        "关闭此列表、取消，或清除选择".into()
    }
    fn keys_help(&self) -> String {
        "?".into()
    }
    fn does_help(&self) -> String {
        "显示或隐藏此列表".into()
    }
    fn panic_title(&self) -> String {
        "Kaiten 因为一个缺陷而停止了。".into()
    }
    fn panic_reload(&self) -> String {
        "重新加载页面".into()
    }
    fn detail_dlx(&self) -> String {
        "DLX".into()
    }
    fn detail_classic_queue(&self) -> String {
        "经典队列".into()
    }
    fn detail_quorum_queue(&self) -> String {
        "仲裁队列".into()
    }
    fn detail_stream(&self) -> String {
        "流：全部保留".into()
    }
    fn detail_no_routing_key(&self) -> String {
        "无路由键".into()
    }
    fn detail_listens(&self) -> String {
        "监听中".into()
    }
    fn canvas_hint(&self) -> String {
        "从组件面板添加节点：点击一项，或把它拖到这里。然后从节点的端口（右边缘上的圆点）拖到另一个节点，把它们连接起来。".into()
    }
    fn cannot_run(&self, problems: &str) -> String {
        format!("无法运行：{problems}")
    }
    fn problem_at(&self, path: &str, message: &str) -> String {
        format!("{path}：{message}")
    }
    fn with_keys(&self, label: &str, keys: &str) -> String {
        format!("{label}（{keys}）")
    }
    fn log_time(&self, time_ms: u64) -> String {
        format!("{time_ms} ms：")
    }
    fn depth_caption(&self, max_depth: u64, now_ms: u64) -> String {
        format!("{now_ms} ms 内的队列深度（就绪消息，最多 {max_depth} 条）")
    }
    fn latency_value_ms(&self, value: u64) -> String {
        format!("{value} ms")
    }
    fn arrow_name(&self, label: &str, from: &str, to: &str, departs: u64) -> String {
        format!("{label}：{from} → {to}，于 {departs} ms")
    }
    fn arrow_label(&self, label: &str, departs: u64) -> String {
        format!("{label}（{departs} ms）")
    }
    fn message_title(&self, label: &str) -> String {
        format!("消息 {label}")
    }
    fn path_leg(&self, departs: u64, arrives: u64, from: &str, to: &str) -> String {
        format!("{departs} → {arrives} ms：{from} → {to}")
    }
    fn path_leg_instant(&self, departs: u64, from: &str, to: &str) -> String {
        format!("{departs} ms：{from} → {to}")
    }
    fn token_name(&self, kind: &str, label: &str) -> String {
        format!("{kind} {label}")
    }
    fn tokens_on_the_wire(&self, count: u64, kind: &str) -> String {
        format!("传输中的 {count} × {kind}")
    }
    fn storage_warning(&self, reason: &str) -> String {
        format!("你的工作没有保存在此浏览器中（{reason}）。请保持此标签页打开，或把它保存为文件。")
    }
    fn items_selected(&self, count: u64) -> String {
        format!("已选中 {count} 项。Delete 删除全部；Ctrl+C 复制这些节点。")
    }
    fn token_title(&self, kind: &str, label: &str) -> String {
        format!("{kind}：{label}")
    }
    fn publishes_to(&self, from: &str, to: &str) -> String {
        format!("{from} 发布到 {to}")
    }
    fn consumes_from(&self, to: &str, from: &str) -> String {
        format!("{to} 从 {from} 消费")
    }
    fn detail_exchange(&self, kind: &str) -> String {
        format!("{kind} 交换机")
    }
    fn detail_exchange_internal(&self, kind: &str) -> String {
        format!("{kind} 交换机，internal")
    }
    fn detail_max(&self, max: u64) -> String {
        format!("上限 {max}")
    }
    fn detail_ttl(&self, ttl_ms: u64) -> String {
        format!("TTL {ttl_ms} ms")
    }
    fn detail_priority(&self, max: u64) -> String {
        format!("优先级 ≤ {max}")
    }
    fn detail_key(&self, key: &str) -> String {
        format!("路由键 {key}")
    }
    fn detail_prefetch(&self, prefetch: &str, time: &str) -> String {
        format!("prefetch {prefetch} · {time}")
    }
    fn detail_calls(&self, topic: &str) -> String {
        format!("调用 {topic}")
    }
    fn detail_serves(&self, topic: &str) -> String {
        format!("服务 {topic}")
    }
    fn detail_notifies(&self, topics: &str) -> String {
        format!("通知 {topics}")
    }
    fn detail_pool(&self, pool: &str) -> String {
        format!("pool {pool}")
    }
    fn binding_edge(&self, from: &str, to: &str) -> String {
        format!("从 {from} 到 {to} 的绑定")
    }
    fn binding_edge_key(&self, key: &str, from: &str, to: &str) -> String {
        format!("从 {from} 到 {to} 的绑定 {key}")
    }

    fn connect_to(&self) -> String {
        "连接到".into()
    }
    fn connect(&self) -> String {
        "连接".into()
    }
    fn route_preview(&self) -> String {
        "路由预览".into()
    }
    fn where_the_next_message_goes(&self) -> String {
        "下一条消息会去哪里".into()
    }
    fn connect_producer_first(&self) -> String {
        "把这个生产者连接到一个交换机，就能看到它的消息去哪里。".into()
    }

    fn choice_drop_head(&self) -> String {
        "丢弃队首（drop head）".into()
    }
    fn choice_reject_publish(&self) -> String {
        "拒绝发布（reject publish）".into()
    }
    fn choice_reject_publish_dlx(&self) -> String {
        "拒绝发布并转死信（reject publish, DLX）".into()
    }
    fn choice_all_with_x(&self) -> String {
        "all（含 x- 参数）".into()
    }
    fn choice_any_with_x(&self) -> String {
        "any（含 x- 参数）".into()
    }
    fn choice_fixed(&self) -> String {
        "固定".into()
    }
    fn choice_uniform(&self) -> String {
        "均匀分布".into()
    }
    fn choice_exponential(&self) -> String {
        "指数分布".into()
    }
    fn choice_nack_requeue(&self) -> String {
        "nack，重新入队".into()
    }
    fn choice_nack_discard(&self) -> String {
        "nack，丢弃".into()
    }
    fn choice_reject_requeue(&self) -> String {
        "reject，重新入队".into()
    }
}
