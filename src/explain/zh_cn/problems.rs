//! 文件问题的措辞（简体中文）：JSON 路径、字段名与取值保持为代码词。

use crate::explain::keys::ProblemWords;
use crate::explain::lang::Chinese;

impl ProblemWords for Chinese {
    fn kind_bool(&self) -> String {
        "布尔值".into()
    }
    fn kind_number(&self) -> String {
        "数字".into()
    }
    fn kind_string(&self) -> String {
        "字符串".into()
    }
    fn kind_array(&self) -> String {
        "数组".into()
    }
    fn kind_object(&self) -> String {
        "对象".into()
    }

    fn expected_u8(&self) -> String {
        "0 到 255 之间的整数".into()
    }
    fn expected_u16(&self) -> String {
        "0 到 65535 之间的整数".into()
    }
    fn expected_u32(&self) -> String {
        "0 到 4294967295 之间的整数".into()
    }
    fn expected_u64(&self) -> String {
        "0 到 18446744073709551615 之间的整数".into()
    }
    fn expected_i64(&self) -> String {
        "整数".into()
    }
    fn expected_f64(&self) -> String {
        "数字".into()
    }
    fn expected_string(&self) -> String {
        "字符串（用双引号括起）".into()
    }
    fn expected_bool(&self) -> String {
        "true 或 false".into()
    }
    fn expected_array(&self) -> String {
        "数组（[...]）".into()
    }
    fn expected_object(&self) -> String {
        "对象（{...}）".into()
    }
    fn expected_object_with_kind(&self) -> String {
        "带 \"kind\" 的对象（{...}）".into()
    }

    fn got_string(&self, value: &str) -> String {
        format!("字符串 {value:?}")
    }
    fn got_array(&self) -> String {
        "数组".into()
    }
    fn got_object(&self) -> String {
        "对象".into()
    }

    fn one_of_two(&self, first: &str, second: &str) -> String {
        format!("{first} 或 {second}")
    }
    fn one_of_many(&self, names: &str) -> String {
        format!("{names} 之一")
    }

    fn too_many_entries(&self, entries: u64, max: u64) -> String {
        format!("有 {entries} 项，超过了 Kaiten 在一个文件中最多打开的 {max} 项")
    }
    fn file_too_large(&self, max_mib: u64) -> String {
        format!("文件大于 {max_mib} MiB，超过了 Kaiten 最多打开的大小")
    }
    fn not_utf8(&self, offset: u64) -> String {
        format!("文件不是 UTF-8 文本（偏移 {offset} 处有无效字节）；请另存为 UTF-8")
    }
    fn byte_order_mark(&self) -> String {
        "文件以字节顺序标记（U+FEFF）开头；请另存为不带 BOM 的 UTF-8".into()
    }
    fn symlink_loop(&self) -> String {
        "无法读取文件：它是一个绕回自身的符号链接（链接形成了循环）".into()
    }
    fn permission_denied(&self) -> String {
        "无法读取文件：权限不足（文件或其路径上的某个文件夹不允许你读取）".into()
    }
    fn is_a_directory(&self) -> String {
        "无法读取文件：它是一个目录，不是文件".into()
    }
    fn cannot_read(&self, error: &str) -> String {
        format!("无法读取文件：{error}")
    }
    fn duplicate_key(&self, key: &str) -> String {
        format!("键 \"{key}\" 在这个对象中出现了两次")
    }
    fn json_ends_early(&self, line: u64, column: u64) -> String {
        format!("JSON 提前结束（第 {line} 行第 {column} 列）")
    }
    fn json_too_deep(&self, line: u64, column: u64) -> String {
        format!("JSON 的数组和对象嵌套过深，超过 127 层（第 {line} 行第 {column} 列）")
    }
    fn invalid_json(&self, error: &str, line: u64, column: u64) -> String {
        format!("不是有效的 JSON：{error}（第 {line} 行第 {column} 列）")
    }

    fn wrong_type(&self, expected: &str, got: &str) -> String {
        format!("应为 {expected}，实际是 {got}")
    }
    fn invalid_length(&self, length: u64, expected: &str) -> String {
        format!("长度 {length} 不对，应为 {expected}")
    }
    fn missing_field(&self, field: &str) -> String {
        format!("缺少字段 '{field}'")
    }
    fn unknown_field(&self, found: &str, expected: &str) -> String {
        format!("未知字段 '{found}'，应为 {expected}")
    }
    fn unknown_field_no_fields(&self, found: &str) -> String {
        format!("未知字段 '{found}'，这里没有任何字段")
    }
    fn unknown_variant(&self, found: &str, expected: &str) -> String {
        format!("未知取值 '{found}'，应为 {expected}")
    }
    fn unknown_variant_no_variants(&self, found: &str) -> String {
        format!("未知取值 '{found}'，这里没有可选的取值")
    }
    fn duplicate_field(&self, field: &str) -> String {
        format!("字段 '{field}' 重复")
    }
    fn serde(&self, text: &str) -> String {
        format!("无法读取这个值：{}", text.replace('`', "'"))
    }

    fn scenario_not_object(&self, got: &str) -> String {
        format!("场景必须是 JSON 对象（{{\"kaiten_scenario\": 1, ...}}），而不是{got}")
    }
    fn scenario_version(&self, reads: u64, file: u64) -> String {
        format!("这个 Kaiten 读取第 {reads} 版场景，而文件是第 {file} 版")
    }
    fn no_actor_named(&self, name: &str) -> String {
        format!("没有名为 '{name}' 的参与者")
    }
    fn no_actor_named_did_you_mean(&self, name: &str, suggestion: &str) -> String {
        format!("没有名为 '{name}' 的参与者（是不是指 '{suggestion}'？）")
    }
    fn actors_share_name(&self, name: &str) -> String {
        format!("有两个参与者都叫 '{name}'")
    }
    fn no_queue_named(&self, name: &str) -> String {
        format!("没有名为 '{name}' 的队列")
    }
    fn no_queue_named_did_you_mean(&self, name: &str, suggestion: &str) -> String {
        format!("没有名为 '{name}' 的队列（是不是指 '{suggestion}'？）")
    }
    fn invalid_regex(&self, error: &str) -> String {
        format!("不是有效的正则表达式：{error}")
    }
    fn bounds_reversed(&self, low: u64, high: u64) -> String {
        format!("下限 {low} 大于上限 {high}")
    }
    fn template_too_large(&self, bound: u64, max: u64) -> String {
        format!("填入 {{n}} 和 {{name}} 后，每条消息最多会展开到 {bound} 字节；最多只允许 {max} 字节")
    }
    fn actor_not_object(&self, got: &str) -> String {
        format!("参与者必须是对象（{{\"kind\": ...}}），而不是{got}")
    }
    fn actor_kind_missing(&self, kinds: &str) -> String {
        format!("缺少：请说明参与者是什么，可选 {kinds}")
    }
    fn unknown_actor_kind(&self, found: &str, kinds: &str) -> String {
        format!("未知的参与者类型 '{found}'；可选的类型有 {kinds}")
    }
    fn unknown_actor_kind_did_you_mean(&self, found: &str, suggestion: &str, kinds: &str) -> String {
        format!("未知的参与者类型 '{found}'（是不是指 '{suggestion}'？）；可选的类型有 {kinds}")
    }
    fn step_not_object(&self, got: &str) -> String {
        format!("脚本步骤必须是对象（{{\"at_ms\": 100, \"stop_actor\": \"name\"}}），而不是{got}")
    }
    fn step_names_no_action(&self, actions: &str) -> String {
        format!("这个步骤没有指明动作；可用的动作有 {actions}")
    }
    fn unknown_step_action(&self, found: &str, actions: &str) -> String {
        format!("未知动作 '{found}'；可用的动作有 {actions}")
    }
    fn unknown_step_action_did_you_mean(&self, found: &str, suggestion: &str, actions: &str) -> String {
        format!("未知动作 '{found}'（是不是指 '{suggestion}'？）；可用的动作有 {actions}")
    }
    fn step_names_several(&self, count: u64, names: &str) -> String {
        format!("一个步骤除 at_ms 外只能指明一个动作，这个步骤有 {count} 个：{names}")
    }
    fn not_a_probability(&self, value: &str) -> String {
        format!("{value} 不是 0 到 1 之间的概率")
    }

    fn definitions_not_object(&self, got: &str) -> String {
        format!("文档必须是 JSON 对象（{{\"queues\": [...], ...}}），而不是{got}")
    }
    fn integer_too_large(&self, number: &str, max: &str) -> String {
        format!("{number} 太大了：AMQP 参数能容纳的整数最大为 {max}")
    }
    fn parameter_not_applied(&self) -> String {
        "原样保留但不生效：运行时参数中，模拟只处理 operator policy".into()
    }
    fn policy_keys_not_simulated(&self, keys: &str) -> String {
        format!("已保留但不模拟：{keys}")
    }
    fn apply_to_invalid(&self, found: &str) -> String {
        format!("\"{found}\" 不是 queues、classic_queues、quorum_queues、streams、exchanges、all 之一")
    }
    fn unknown_exchange_type(&self, found: &str) -> String {
        format!("未知的交换机类型 \"{found}\"：Kaiten 模拟 direct、fanout、topic 和 headers")
    }
    fn builtin_exchange_type(&self, name: &str, kind: &str) -> String {
        format!("内置交换机 \"{name}\" 的类型是 {kind}")
    }
    fn alternate_exchange_not_name(&self, got: &str) -> String {
        format!("应为交换机名（字符串），实际是 {got}")
    }
    fn quorum_needs_argument(&self) -> String {
        "仲裁队列的参数里需要 \"x-queue-type\": \"quorum\"，RabbitMQ 导出时就是这样写的".into()
    }
    fn arguments_make_quorum(&self) -> String {
        "它的参数使它成为仲裁队列（\"x-queue-type\": \"quorum\"），所以它的类型是 \"quorum\"".into()
    }
    fn queue_type_not_simulated(&self, found: &str) -> String {
        format!("不模拟 \"{found}\" 队列；Kaiten 模拟 classic 和 quorum 队列")
    }
    fn no_exchange(&self, name: &str) -> String {
        format!("没有名为 \"{name}\" 的交换机")
    }
    fn no_queue(&self, name: &str) -> String {
        format!("没有名为 \"{name}\" 的队列")
    }
    fn default_exchange_bound(&self) -> String {
        "默认交换机不能绑定：每个队列都已按名字绑定到它（403 ACCESS_REFUSED）".into()
    }
    fn x_match_invalid(&self, found: &str) -> String {
        format!("\"{found}\" 不是 all、any、all-with-x、any-with-x 之一（406 PRECONDITION_FAILED）")
    }
    fn other_vhost(&self, vhost: &str) -> String {
        format!("vhost \"{vhost}\" 原样保留但不模拟（Kaiten 每个文件模拟一个 vhost）")
    }
    fn key_kept(&self) -> String {
        "已保留，未模拟：RabbitMQ 导入时会忽略这个成员".into()
    }
    fn key_kept_did_you_mean(&self, suggestion: &str) -> String {
        format!("已保留，未模拟：RabbitMQ 导入时会忽略这个成员（是不是指 '{suggestion}'？）")
    }
    fn argument_not_simulated(&self) -> String {
        "已保留，未模拟：代理模型不处理这个参数".into()
    }
    fn kept_not_simulated(&self, items: &str) -> String {
        format!("已保留，未模拟：{items}")
    }
    fn kept_vhost(&self, vhost: &str, entries: u64) -> String {
        format!("vhost \"{vhost}\"（{entries} 项）")
    }
    fn kept_key_did_you_mean(&self, path: &str, suggestion: &str) -> String {
        format!("{path}（是不是指 '{suggestion}'？）")
    }
    fn kept_named(&self, path: &str, name: &str) -> String {
        format!("{path}（\"{name}\"）")
    }
    fn reserved_exchange_kept(&self, name: &str) -> String {
        format!("\"{name}\" 是保留的 amq.* 名字，RabbitMQ 导入时会跳过：已保留，未模拟")
    }
    fn broker(&self, text: &str) -> String {
        format!("RabbitMQ 会拒绝：{text}")
    }
    fn broker_because(&self, text: &str, reason: &str) -> String {
        format!("{text}（Kaiten：{reason}）")
    }
    fn reason_value_negative(&self, value: &str) -> String {
        format!("{value} 是负数；取值必须大于或等于 0")
    }
    fn reason_value_zero(&self) -> String {
        "x-expires 为 0 会立即删除队列；它至少要 1 毫秒".into()
    }
    fn reason_value_too_large(&self, value: &str) -> String {
        format!("{value} 毫秒超过了 RabbitMQ 的上限 315360000000 毫秒（十年）")
    }
    fn reason_max_value_exceeded(&self, value: &str) -> String {
        format!("{value} 超过了最大值 255")
    }
    fn reason_unsupported_queue_type(&self, name: &str) -> String {
        format!("“{name}”不是队列类型；RabbitMQ 3.10 只认 classic、quorum 和 stream")
    }
    fn reason_not_an_integer(&self, kind: &str) -> String {
        format!("取值必须是整数，而不是 {kind}")
    }
    fn reason_unacceptable_type(&self, kind: &str) -> String {
        format!("这里不接受 AMQP 类型为 {kind} 的值")
    }
    fn reason_invalid_overflow(&self) -> String {
        "x-overflow 只能是 drop-head、reject-publish 或 reject-publish-dlx".into()
    }
    fn reason_server_named(&self, queue_type: &str) -> String {
        format!("只有 classic 队列可以不带名字声明、由 RabbitMQ 命名；请给这个 {queue_type} 起个名字")
    }
    fn reason_invalid_dlx_strategy(&self) -> String {
        "x-dead-letter-strategy 只能是 at-most-once 或 at-least-once".into()
    }
    fn lesson_version(&self, reads: u64, file: u64) -> String {
        format!("此版本的 Kaiten 读取第 {reads} 版课程文件，该文件是第 {file} 版")
    }
    fn lesson_without_steps(&self) -> String {
        "课程至少需要一个步骤".into()
    }
    fn answer_typed(&self) -> String {
        "问题不应写出答案：答案由引擎根据场景计算".into()
    }
    fn kind_missing(&self, kinds: &str) -> String {
        format!("缺少 \"kind\"：应为 {kinds} 之一")
    }
    fn unknown_kind(&self, found: &str, kinds: &str) -> String {
        format!("未知的类型 \"{found}\"；可用的类型有 {kinds}")
    }
    fn unknown_kind_did_you_mean(&self, found: &str, suggestion: &str, kinds: &str) -> String {
        format!("未知的类型 \"{found}\"（是不是指 '{suggestion}'？）；可用的类型有 {kinds}")
    }
    fn policy_invalid_pattern(&self, error: &str) -> String {
        format!("不是有效的正则表达式：{error}")
    }
    fn policy_operator_key_not_allowed(&self, allowed: &str) -> String {
        format!("运维策略（operator policy）只能设置 {allowed}")
    }
    fn policy_expected_integer(&self, least: u64, got: &str) -> String {
        format!("应为不小于 {least} 的整数，实际是 {got}")
    }
    fn policy_not_an_overflow(&self, found: &str) -> String {
        format!("'{found}' 不是 drop-head、reject-publish、reject-publish-dlx 之一")
    }
    fn policy_expected_string(&self, got: &str) -> String {
        format!("应为字符串，实际是 {got}")
    }

    fn script_not_array(&self, got: &str) -> String {
        format!("脚本必须是由步骤组成的 JSON 数组（[{{\"publish\": {{...}}}}, ...]），而不是{got}")
    }
    fn script_step_not_object(&self, got: &str) -> String {
        format!("步骤必须是只有一个键、用键名指明动作的对象，例如 {{\"publish\": {{...}}}}；实际是{got}")
    }
    fn script_step_empty(&self, actions: &str) -> String {
        format!("空步骤：请指明一个动作（{actions}）")
    }
    fn script_step_several(&self, count: u64, names: &str) -> String {
        format!("一个步骤只能指明一个动作，这个步骤有 {count} 个：{names}；请把它们写成单独的步骤")
    }
    fn unknown_script_action(&self, found: &str, actions: &str) -> String {
        format!("未知动作 \"{found}\"；可用的动作有 {actions}")
    }
    fn unknown_script_action_did_you_mean(&self, found: &str, suggestion: &str, actions: &str) -> String {
        format!("未知动作 \"{found}\"（是不是指 '{suggestion}'？）；可用的动作有 {actions}")
    }
    fn no_unsettled_delivery(&self, message_id: &str) -> String {
        format!("消息 \"{message_id}\" 没有未确认的投递")
    }
    fn no_unsettled_delivery_from(&self, message_id: &str, queue: &str) -> String {
        format!("消息 \"{message_id}\" 在队列 \"{queue}\" 中没有未确认的投递")
    }
    fn consumer_tag_in_use(&self, tag: &str) -> String {
        format!("消费者标签 \"{tag}\" 已被使用（530 NOT_ALLOWED）")
    }
    fn no_consumer_tag(&self, tag: &str) -> String {
        format!("没有标签为 \"{tag}\" 的消费者")
    }

    fn nul_in_shell_word(&self, name: &str) -> String {
        format!("它的 {name} 含有 NUL 字符，任何 shell 命令都无法携带")
    }
    fn not_a_share_link(&self) -> String {
        "这不是 Kaiten 的分享链接；请重新索取链接".into()
    }
    fn share_link_too_long(&self) -> String {
        "链接太长；请重新索取链接".into()
    }
    fn share_link_not_base64(&self) -> String {
        "链接已损坏（不是 base64）；请重新索取链接".into()
    }
    fn share_link_cut(&self) -> String {
        "链接被截断或已损坏；请重新索取链接".into()
    }
    fn share_link_not_text(&self) -> String {
        "链接已损坏（不是文本）；请重新索取链接".into()
    }
    fn saved_version(&self, version: u64) -> String {
        format!("这个 Kaiten 不读取第 {version} 版")
    }
    fn no_builtin_scenario(&self, name: &str) -> String {
        format!("没有名为 '{name}' 的内置场景")
    }
    fn no_builtin_scenario_of(&self, name: &str, names: &str) -> String {
        format!("没有名为 '{name}' 的内置场景（现有：{names}）")
    }
    fn no_file_or_builtin(&self, names: &str) -> String {
        format!("没有这个文件，也没有这个名字的内置场景；内置场景有 {names}")
    }
    fn no_file_or_builtin_did_you_mean(&self, suggestion: &str, names: &str) -> String {
        format!("没有这个文件，也没有这个名字的内置场景（是不是指 '{suggestion}'？）；内置场景有 {names}")
    }
    fn unknown_option(&self, option: &str, options: &str) -> String {
        format!("播放器没有选项 '{option}'（现有：{options}）")
    }
    fn unknown_option_did_you_mean(&self, option: &str, suggestion: &str, options: &str) -> String {
        format!("播放器没有选项 '{option}'（是不是指 '{suggestion}'？现有：{options}）")
    }
    fn bad_option(&self, option: &str, value: &str, values: &str) -> String {
        format!("选项 '{option}'：'{value}' 不是 {values} 之一")
    }
    fn bad_number_option(&self, option: &str, value: &str, min: u64, max: u64) -> String {
        format!("选项 '{option}'：'{value}' 不是 {min} 到 {max} 之间的整数")
    }
    fn unknown_message(&self, kind: &str, kinds: &str) -> String {
        format!("播放器不接受类型为 '{kind}' 的消息（它接受：{kinds}）")
    }
    fn message_needs(&self, kind: &str, member: &str) -> String {
        format!("'{kind}' 消息需要 '{member}'")
    }
}
