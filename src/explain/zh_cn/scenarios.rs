//! 内置场景的标题与“看点”（简体中文），按场景名排列。

/// (场景名, 标题, 看点)
pub(crate) const SCENARIOS: &[(&str, &str, &str)] = &[
    (
        "hello-world",
        "RabbitMQ 教程 1：Hello World",
        "生产者以路由键 'hello' 把消息发布到默认交换机。每个队列都以自己的名字绑定到默认交换机，所以消息落入名为 'hello' 的队列，由消费者收到。",
    ),
    (
        "work-queues",
        "工作队列：一快一慢两个 worker",
        "一个生产者每 50 ms 往队列 'tasks' 放一个任务。'slow' 的 prefetch 为 1，一次只持有一个任务，它工作时 broker 跳过它；'fast' 没有 prefetch 上限，所以轮询（round-robin）一到就把每隔一个的任务交给它，它的未确认数不断上升。比较两个消费者的吞吐量和队列深度。",
    ),
    (
        "publish-subscribe",
        "RabbitMQ 教程 3：发布/订阅",
        "'logs' 是 fanout 交换机：它忽略路由键，把每条消息复制到每个绑定的队列。两个订阅者都收到每一行日志。",
    ),
    (
        "routing",
        "RabbitMQ 教程 4：路由",
        "'direct_logs' 是 direct 交换机：消息进入绑定键与其路由键相等的队列。'errors' 只以 'error' 绑定，'all' 以 'info'、'warning' 和 'error' 绑定。看 'error' 消息落入两个队列，而 'info' 只落入一个。",
    ),
    (
        "topics",
        "RabbitMQ 教程 5：主题",
        "'topic_logs' 按单词逐个匹配路由键：'*' 恰好匹配一个单词，'#' 匹配零个或多个。'kern.critical' 同时匹配 'kern.*' 和 '*.critical'，但绑定了两次的队列只收到一份副本；'cron.info' 什么也不匹配，被丢弃（不是 mandatory）。",
    ),
    (
        "rpc",
        "RabbitMQ 教程 6：RPC（请求/回复）",
        "客户端声明一个 exclusive 的回复队列，把每个请求发布到 'rpc_queue'，reply_to 指向该队列并带上 correlation_id。服务端一次只取一个请求（prefetch 1），处理后经默认交换机把回复发布到回复队列，然后确认（ack）请求。",
    ),
    (
        "rpc-call",
        "oslo.messaging 远程过程调用 call：请求、阻塞的调用方、回复",
        "conductor 在 topic 'compute' 上调用 add 三次。第一次调用时它声明自己的 'reply_<id>' 队列（非持久，x-expires 30 分钟）并一直保留。每个请求以路由键 'compute' 发往交换机 'nova'，带着 _msg_id、_reply_q 以及等于 5 s 超时的 AMQP expiration；它落入共享队列 'compute'，两个服务端轮流（round-robin）消费。服务端一收到请求就确认（ack），再执行方法（至多一次），工作 300 ms，此时 conductor 显示为阻塞；然后经默认交换机把带相同 _msg_id 的回复发到回复队列，call 随之解除阻塞。",
    ),
    (
        "rpc-cast",
        "oslo.messaging 远程过程调用 cast：发出即不管",
        "scheduler 每隔 40 ms 向 topic 'compute' cast 一条，共六条。cast 不带 _msg_id、_reply_q，也没有 AMQP expiration，所以 scheduler 从不声明回复队列，也从不阻塞：消息一交给网络，cast 就返回。这些 cast 落入共享队列 'compute'，在两个服务端之间轮流（round-robin）；每个服务端收到即确认（ack），工作 250 ms，什么也不回。注意 scheduler 完成后很久，服务端仍在忙。",
    ),
    (
        "rpc-fanout",
        "oslo.messaging fanout cast：每个服务端都收到一份",
        "三个服务端除了 'compute' 和 'compute.<host>'，各自还声明 fanout 交换机 'compute_fanout'（fanout，auto-delete）以及绑定到它的自己的队列 'compute_fanout_<随机 id>'。fanout=True 的 cast 以空路由键发往交换机 'compute_fanout'（control exchange 和 server 都被忽略），所以三个服务端都执行 refresh_cache。中间那条普通 cast 以键 'compute' 发往 'nova'，只到达一个服务端。最后 API 尝试 fanout=True 的 call()：oslo.messaging 在客户端就拒绝（InvalidTarget），什么也没有发布。",
    ),
    (
        "rpc-server-targeted",
        "oslo.messaging：发给某一个服务端的 cast 和 call",
        "prepare(server='host2') 把路由键变为 'compute.host2'，只有 host2 自己的队列以它绑定，所以 host1 和 host3 看不到这些消息；而普通 call（键 'compute'）交给共享队列里轮到的服务端。最后一次 call 指定了一个不存在的服务端 'host9'：键 'compute.host9' 不匹配 'nova' 的任何绑定，broker 悄悄丢弃请求（它不是 mandatory），调用方一直阻塞，直到 1.5 s 超时抛出 MessagingTimeout。",
    ),
    (
        "rpc-timeout",
        "oslo.messaging MessagingTimeout 的三种成因",
        "三次调用，各有 1 s 超时，都以 MessagingTimeout 结束，但原因各不相同。第一，topic 'nobody' 没有服务端：没有队列以该键绑定，'nova' 悄悄丢弃请求，不可能有回复。第二，topic 'slow' 上的服务端要 3 s：调用方 1 s 后放弃，很久以后到达的回复找不到等待它的调用方，被丢弃。第三，topic 'gone' 上的服务端在 500 ms 时停止；它的队列还在，请求就在里面等待，但请求带有等于超时的 AMQP expiration，所以 1 s 后 broker 在队列头部让它过期，调用方也同时超时。",
    ),
    (
        "rpc-remote-error",
        "oslo.messaging：跨网络传递的异常",
        "服务端把每个异常序列化到回复的 'failure' 字段（class、module、message、traceback、args）。客户端把它重建出来：来自 Python 内置的异常（ValueError、TypeError）原样再次抛出，远端 traceback 附在消息后；其他异常都以 RemoteError 到达，除非它的模块在客户端的 allowed_remote_exmods 中，比如这里的 'nova-api'，它拿回的是 InstanceNotFound（一个 '_Remote' 子类）。dispatcher 自身的错误也不是内置异常：缺失的方法，或默认访问策略拒绝的 '_private' 方法，以 RemoteError NoSuchMethod 返回。带有意外参数的调用在服务端内以 TypeError 失败。",
    ),
    (
        "rpc-version-mismatch",
        "oslo.messaging：命名空间与版本",
        "服务端有两个 endpoint：ComputeAPI（无命名空间，版本 1.3）和 AdminAPI（命名空间 'admin'，版本 2.1）。对每个请求，dispatcher 依次查看 endpoint：请求的命名空间与 endpoint 的相同、主版本相同且次版本不高于 endpoint 的，即为兼容（没有版本的请求算作 1.0）。第一个带有该方法的兼容 endpoint 执行它；兼容但没有该方法，得到 NoSuchMethod；没有兼容的 endpoint，得到 UnsupportedVersion。两者都以 RemoteError 回到调用方。受限的客户端 version_cap 为 1.3，会在发送任何内容之前自己拒绝 1.4 的调用（RPCVersionCapError）。",
    ),
    (
        "rpc-long-call",
        "oslo.messaging：call-monitor 心跳维持的长调用、共享 transport 的调用方，以及服务端的优雅停止",
        "两个 API worker 共享一个 transport（shared_transport 'nova-api'），所以只有一个 reply_<id> 队列和一个回复消费者；每个回复仍然到达等待其 _msg_id 的 worker。worker-1 以 call_monitor_timeout 2 s 在 host1 上调用 resize：请求带 _timeout 2，在 5 s 的方法运行期间，host1 每秒发送一次心跳（ending: false），每次都重启调用方 2 s 的监视，所以这次调用虽然比监视时间长，仍然返回。其间 worker-2 调用 ping。1.5 s 时 host2 优雅停止（先 stop() 再 wait()）：它取消自己的消费者并删除自己的 compute_fanout_<id> 队列；共享的 'compute' 和 'compute.host2' 队列保留，它的连接关闭。随后 worker-2 向 fanout cast：只剩 host1 的 fanout 队列接收。（日志以 worker-1 的名字称呼共享的回复消费者，因为它在 worker-1 的连接上，而 worker-1 先发起调用。）",
    ),
    (
        "rpc-server-crash-after-ack",
        "RPC 服务端在确认后崩溃：请求丢失，调用方超时",
        "conductor 在 topic 'compute' 上调用 add，由一个服务端消费。服务端一收到请求就确认（ack），然后才执行方法（oslo.messaging 的 RPC 服务端是至多一次），开始一个 2 s 的任务。600 ms 时脚本让它崩溃：broker 没有东西可以退回，因为请求已被确认，所以别的服务端永远看不到它。conductor 一直阻塞到 3 s 超时，抛出 MessagingTimeout。自己试试：重启服务端，或在请求到达之前让它崩溃，比较一下。（之后它的 fanout 队列无人使用而过期；本场景把 rabbit_transient_queues_ttl 设为 10 s 而非 30 分钟，好让运行早点结束。）",
    ),
    (
        "consumer-crash-before-ack",
        "消费者在确认前崩溃：它的消息被重新投递给另一个消费者",
        "生产者往队列 'work' 放四个任务。'worker-a'（prefetch 2，每个任务 1 s）和 'worker-b'（prefetch 2，每个任务 200 ms）轮流（round-robin）共享它。400 ms 时脚本让持有两个未确认任务的 worker-a 崩溃：broker 把它们放回 'work' 的头部，标记为 redelivered，交给 worker-b。因为确认从未发出，所以什么也没丢；若消费者用 auto-ack，两个任务都会丢失。",
    ),
    (
        "poison-message",
        "毒消息：requeue 死循环，由投递上限和死信交换机终结",
        "消费者处理不了 'poison'，以 requeue 方式 nack 它，于是 quorum 队列 'orders' 立刻把它还回来：同一条消息来回打转，真实的消费者会一直为它耗费 CPU，而它后面的消息只能等待。'orders' 设有 x-delivery-limit 3：退回超过三次后，队列把它作为死信发往交换机 'dlx'，'dlx' 把它路由到 'orders.dead'，并带上说明原因（delivery_limit）的 x-death 头。循环结束，消息被保留下来等人查看。",
    ),
    (
        "slow-consumer-backpressure",
        "慢消费者：队列增长到上限，溢出策略起作用",
        "传感器每 50 ms 发布一条读数，消费者每条 40 ms，跟得上。500 ms 时脚本让消费者慢十倍（每条 400 ms）：它的 prefetch 窗口 2 被占满，队列 'readings' 增长，到 x-max-length 5 时，x-overflow reject-publish 拒绝每一条新读数（发布者会收到 nack），直到消费者腾出空间。在队列的检查器里改用 drop-head 试试：丢掉的是最旧的读数，而不是最新的。",
    ),
    (
        "broker-restart-durability",
        "broker 重启：持久化的内容得以保留",
        "交换机 'events'（durable）把每条消息复制到 'kept'（durable 队列）和 'scratch'（非 durable）。'audit' 发布持久消息（delivery_mode 2），'metrics' 发布非持久消息。没有消费者。1 s 时脚本重启 broker：'scratch' 连同其中的一切都消失了，'kept' 只保留持久消息，因为非持久消息即使在 durable 队列里也只存在于内存中。持久化需要两者兼备：durable 队列和持久消息。",
    ),
    (
        "notifications",
        "oslo.messaging 事件通知：两个 pool 和一个普通监听者",
        "通知发送者以路由键 'notifications.<priority>' 把每条事件通知发布到交换机 'nova'，并且也声明一个同名队列，所以无人消费的通知会在那里堆积。一个 pool 就是一个以它命名的队列，为其 endpoint 处理的每个优先级各绑定一次：'ceilometer'（两个成员，info/warn/error）和 'searchlight'（一个成员，info 和 error）各得一份副本，两个 ceilometer 成员轮流（round-robin）处理。没有 pool 的普通监听者自己消费 'notifications.audit'。searchlight 的 info endpoint 有一条针对 event_type 的过滤规则，所以跳过删除事件；它的 error endpoint 回答 REQUEUE，但不允许 requeue（默认），所以消息仍被确认。",
    ),
    (
        "oslo-capture",
        "oslo.messaging 实录：call、cast、fanout、错误、超时、事件通知",
        "参考录制（tests/reference/oslo-capture.json）的各个步骤，沿用其中的名字：control exchange 'nova'，topic 'compute'，服务端 'host1' 和 'host2'，通知 pool 'ceilometer'。每个服务端声明 'compute'、'compute.<host>' 和自己的 'compute_fanout_<id>'；客户端在第一次 call 时创建自己的 'reply_<id>' 队列并重复使用。注意看：每次 call 期间阻塞的客户端；服务端先确认（ack）再分派；boom 以 ValueError 返回，nosuch 和 2.0 版本以 RemoteError 返回；fanout cast 到达两个 fanout 队列；发往 topic 'nobody' 的 call 无处可路由，2 s 后超时；每条事件通知既到 pool 'ceilometer'，也到通知发送者自己的 'notifications.<priority>' 队列，在那里无人消费。",
    ),
];
