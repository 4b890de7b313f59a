//! The web app's own words in English.

use crate::explain::keys::UiWords;
use crate::explain::lang::English;

impl UiWords for English {
    fn tagline(&self) -> String {
        "Message-bus simulator".into()
    }
    fn scenario(&self) -> String {
        "Scenario".into()
    }
    fn my_topology(&self) -> String {
        "My topology".into()
    }
    fn new_document(&self) -> String {
        "New".into()
    }
    fn open(&self) -> String {
        "Open".into()
    }
    fn save_scenario(&self) -> String {
        "Save scenario".into()
    }
    fn export(&self) -> String {
        "Export".into()
    }
    fn export_definitions(&self) -> String {
        "Export definitions".into()
    }
    fn export_vhost_definitions(&self) -> String {
        "Export definitions of this vhost only".into()
    }
    fn export_cluster_definitions(&self) -> String {
        "Export definitions of a whole broker".into()
    }
    fn export_rabbitmqadmin(&self) -> String {
        "Export rabbitmqadmin v2 commands".into()
    }
    fn export_rabbitmqadmin_v1(&self) -> String {
        "Export rabbitmqadmin v1 commands (deprecated Python client)".into()
    }
    fn export_asyncapi(&self) -> String {
        "Export AsyncAPI".into()
    }
    fn export_svg(&self) -> String {
        "Export SVG".into()
    }
    fn export_png(&self) -> String {
        "Export PNG".into()
    }
    fn copy_link(&self) -> String {
        "Copy link".into()
    }
    fn copy_link_to_step(&self) -> String {
        "Copy link to this step".into()
    }
    fn new_question(&self) -> String {
        "Start a new topology?".into()
    }
    fn new_consequence(&self) -> String {
        "This clears the canvas. Undo (Ctrl+Z) brings the current document back.".into()
    }
    fn clear_canvas(&self) -> String {
        "Clear the canvas".into()
    }
    fn cancel(&self) -> String {
        "Cancel".into()
    }
    fn playback(&self) -> String {
        "Playback".into()
    }
    fn reset(&self) -> String {
        "Reset".into()
    }
    fn step_back(&self) -> String {
        "Step back".into()
    }
    fn play(&self) -> String {
        "Play".into()
    }
    fn pause(&self) -> String {
        "Pause".into()
    }
    fn step(&self) -> String {
        "Step".into()
    }
    fn speed(&self) -> String {
        "Speed".into()
    }
    fn timeline(&self) -> String {
        "Timeline".into()
    }
    fn timeline_marks(&self) -> String {
        "Interventions on the timeline".into()
    }
    fn virtual_time(&self) -> String {
        "Virtual time".into()
    }
    fn nothing_to_play(&self) -> String {
        "Draw a topology or pick a scenario to run it.".into()
    }
    fn run(&self) -> String {
        "Run".into()
    }
    fn run_views(&self) -> String {
        "Run views".into()
    }
    fn player(&self, title: &str) -> String {
        format!("Kaiten player: {title}")
    }
    fn copy_embed_code(&self) -> String {
        "Copy embed code".into()
    }
    fn share(&self) -> String {
        "Share".into()
    }
    fn present(&self) -> String {
        "Present".into()
    }
    fn leave_present(&self) -> String {
        "Leave Present".into()
    }
    fn event_log(&self) -> String {
        "Event log".into()
    }
    fn sequence_diagram(&self) -> String {
        "Sequence diagram".into()
    }
    fn charts(&self) -> String {
        "Charts".into()
    }
    fn nothing_has_run(&self) -> String {
        "Nothing has run yet.".into()
    }
    fn log_show(&self) -> String {
        "Show".into()
    }
    fn log_all(&self) -> String {
        "All".into()
    }
    fn log_node(&self) -> String {
        "Node".into()
    }
    fn log_all_nodes(&self) -> String {
        "All nodes".into()
    }
    fn log_all_messages(&self) -> String {
        "All messages".into()
    }
    fn log_only_inspected(&self) -> String {
        "Only the inspected message".into()
    }
    fn log_inspect(&self) -> String {
        "Inspect this message".into()
    }
    fn log_message(&self) -> String {
        "Message".into()
    }
    fn log_why(&self) -> String {
        "Why".into()
    }
    fn canvas(&self) -> String {
        "Canvas".into()
    }
    fn canvas_tools(&self) -> String {
        "Canvas tools".into()
    }
    fn undo(&self) -> String {
        "Undo".into()
    }
    fn redo(&self) -> String {
        "Redo".into()
    }
    fn delete(&self) -> String {
        "Delete".into()
    }
    fn zoom_out(&self) -> String {
        "Zoom out".into()
    }
    fn zoom(&self) -> String {
        "Zoom".into()
    }
    fn zoom_in(&self) -> String {
        "Zoom in".into()
    }
    fn fit_to_view(&self) -> String {
        "Fit to view".into()
    }
    fn keyboard_shortcuts(&self) -> String {
        "Keyboard shortcuts".into()
    }
    fn shortcuts_title(&self) -> String {
        "Keyboard shortcuts and gestures".into()
    }
    fn close(&self) -> String {
        "Close".into()
    }
    fn palette(&self) -> String {
        "Palette".into()
    }
    fn palette_hint(&self) -> String {
        "Click to place, or drag onto the canvas.".into()
    }
    fn inspector(&self) -> String {
        "Inspector".into()
    }
    fn nothing_selected(&self) -> String {
        "Nothing is selected. Select a node or an edge to see and edit its settings here.".into()
    }
    fn inspector_hint(&self) -> String {
        "Select a producer and type a routing key: the bindings it would match light up.".into()
    }
    fn about_scenario(&self) -> String {
        "About this scenario".into()
    }
    fn edit_copy(&self) -> String {
        "Edit a copy".into()
    }
    fn shared_banner(&self) -> String {
        "A shared scenario, play only: play and step through it, or edit a copy.".into()
    }
    fn other_tab_saved(&self) -> String {
        "Another tab saved different work. This tab stopped saving until you choose which to keep.".into()
    }
    fn load_other_tab(&self) -> String {
        "Load the other tab's version".into()
    }
    fn keep_mine(&self) -> String {
        "Keep mine".into()
    }
    fn pasted_source(&self) -> String {
        "pasted text".into()
    }
    fn legend(&self) -> String {
        "Legend".into()
    }
    fn dropped_or_expired(&self) -> String {
        "Dropped or expired".into()
    }
    fn mark_dropped(&self) -> String {
        "dropped".into()
    }
    fn mark_expired(&self) -> String {
        "expired".into()
    }
    fn queue_depth(&self) -> String {
        "Queue depth".into()
    }
    fn latency_chart(&self) -> String {
        "Latency".into()
    }
    fn latency_caption(&self) -> String {
        "Latency from publish to ack".into()
    }
    fn no_acks_yet(&self) -> String {
        "no acks yet".into()
    }
    fn copy_mermaid(&self) -> String {
        "Copy as Mermaid".into()
    }
    fn download_svg(&self) -> String {
        "Download SVG".into()
    }
    fn message_heading(&self) -> String {
        "Message".into()
    }
    fn routing_key(&self) -> String {
        "Routing key".into()
    }
    fn properties(&self) -> String {
        "Properties".into()
    }
    fn body(&self) -> String {
        "Body".into()
    }
    fn path(&self) -> String {
        "Path".into()
    }
    fn close_message(&self) -> String {
        "Close message".into()
    }
    fn built_in(&self) -> String {
        "built in".into()
    }
    fn declared_by_the_run(&self) -> String {
        "declared by the run".into()
    }
    fn palette_listener(&self) -> String {
        "Listener".into()
    }
    fn add_producer(&self) -> String {
        "Add producer".into()
    }
    fn add_exchange(&self) -> String {
        "Add exchange".into()
    }
    fn add_queue(&self) -> String {
        "Add queue".into()
    }
    fn add_consumer(&self) -> String {
        "Add consumer".into()
    }
    fn add_rpc_client(&self) -> String {
        "Add RPC client".into()
    }
    fn add_rpc_server(&self) -> String {
        "Add RPC server".into()
    }
    fn add_notifier(&self) -> String {
        "Add notifier".into()
    }
    fn add_listener(&self) -> String {
        "Add listener".into()
    }
    fn field_name(&self) -> String {
        "Name".into()
    }
    fn field_exchange_type(&self) -> String {
        "Exchange type".into()
    }
    fn field_alternate_exchange(&self) -> String {
        "Alternate exchange".into()
    }
    fn field_internal(&self) -> String {
        "Internal".into()
    }
    fn field_max_length(&self) -> String {
        "Max length".into()
    }
    fn field_max_length_bytes(&self) -> String {
        "Max length bytes".into()
    }
    fn field_overflow(&self) -> String {
        "Overflow".into()
    }
    fn field_message_ttl(&self) -> String {
        "Message TTL (ms)".into()
    }
    fn field_expires(&self) -> String {
        "Expires (ms)".into()
    }
    fn field_dead_letter_exchange(&self) -> String {
        "Dead-letter exchange".into()
    }
    fn field_dead_letter_routing_key(&self) -> String {
        "Dead-letter routing key".into()
    }
    fn field_max_priority(&self) -> String {
        "Max priority".into()
    }
    fn field_exclusive(&self) -> String {
        "Exclusive".into()
    }
    fn field_auto_delete(&self) -> String {
        "Auto-delete".into()
    }
    fn field_single_active_consumer(&self) -> String {
        "Single active consumer".into()
    }
    fn field_binding_key(&self) -> String {
        "Binding key".into()
    }
    fn field_x_match(&self) -> String {
        "x-match".into()
    }
    fn field_binding_headers(&self) -> String {
        "Header arguments".into()
    }
    fn field_routing_key(&self) -> String {
        "Routing key".into()
    }
    fn field_headers(&self) -> String {
        "Headers".into()
    }
    fn field_body(&self) -> String {
        "Body".into()
    }
    fn field_message_id(&self) -> String {
        "Message id".into()
    }
    fn field_count(&self) -> String {
        "Messages".into()
    }
    fn field_interval(&self) -> String {
        "Interval (ms)".into()
    }
    fn field_mandatory(&self) -> String {
        "Mandatory".into()
    }
    fn field_priority(&self) -> String {
        "Priority".into()
    }
    fn field_prefetch(&self) -> String {
        "Prefetch".into()
    }
    fn field_processing_kind(&self) -> String {
        "Processing time".into()
    }
    fn field_processing_ms(&self) -> String {
        "Processing (ms)".into()
    }
    fn field_settle(&self) -> String {
        "Settle with".into()
    }
    fn field_auto_ack(&self) -> String {
        "Auto-ack".into()
    }
    fn field_topic(&self) -> String {
        "Topic".into()
    }
    fn field_server(&self) -> String {
        "Server".into()
    }
    fn field_pool(&self) -> String {
        "Pool".into()
    }
    fn field_control_exchange(&self) -> String {
        "Control exchange".into()
    }
    fn hint_routing_key(&self) -> String {
        "{n} is the message number, {name} the producer's name".into()
    }
    fn hint_headers(&self) -> String {
        "one per line: name = value, or just name to ask for presence".into()
    }
    fn hint_prefetch(&self) -> String {
        "0 = unlimited".into()
    }
    fn hint_processing(&self) -> String {
        "milliseconds; uniform takes low-high, exponential its mean".into()
    }
    fn hint_no_limit(&self) -> String {
        "empty = no limit".into()
    }
    fn hint_message_id(&self) -> String {
        "empty = {name}-{n}".into()
    }
    fn keys_space(&self) -> String {
        "Space".into()
    }
    fn does_space(&self) -> String {
        "play or pause the run (hold Space and drag to pan)".into()
    }
    fn keys_arrows(&self) -> String {
        "Right arrow, Left arrow".into()
    }
    fn does_arrows(&self) -> String {
        "step forward, step back (when no node is selected)".into()
    }
    fn keys_home(&self) -> String {
        "Home".into()
    }
    fn does_home(&self) -> String {
        "back to the start of the run".into()
    }
    fn keys_present(&self) -> String {
        "F, Escape".into()
    }
    fn does_present(&self) -> String {
        "enter Present (the canvas fills the window, drawn large), leave it".into()
    }
    fn keys_run_text(&self) -> String {
        "T".into()
    }
    fn does_run_text(&self) -> String {
        "show or hide the run as text (the current step, what is on the wire, each queue's depth), for a screen reader"
            .into()
    }
    fn keys_palette(&self) -> String {
        "Click a palette item".into()
    }
    fn does_palette(&self) -> String {
        "place a node (or drag it onto the canvas)".into()
    }
    fn keys_port(&self) -> String {
        "Drag from a node's port".into()
    }
    fn does_port(&self) -> String {
        "connect it to the node you drop on".into()
    }
    fn keys_shift(&self) -> String {
        "Shift+click, Shift+drag".into()
    }
    fn does_shift(&self) -> String {
        "add to the selection, select with a rectangle".into()
    }
    fn keys_pan(&self) -> String {
        "Drag the background, Space+drag".into()
    }
    fn does_pan(&self) -> String {
        "pan".into()
    }
    fn keys_zoom(&self) -> String {
        "Wheel, pinch".into()
    }
    fn does_zoom(&self) -> String {
        "zoom".into()
    }
    fn keys_nudge(&self) -> String {
        "Arrow keys (Shift: further)".into()
    }
    fn does_nudge(&self) -> String {
        "move the selected nodes".into()
    }
    fn keys_delete(&self) -> String {
        "Delete, Backspace".into()
    }
    fn does_delete(&self) -> String {
        "delete the selection".into()
    }
    fn keys_copy(&self) -> String {
        "Ctrl+C, Ctrl+V".into()
    }
    fn does_copy(&self) -> String {
        "copy and paste the selected nodes; a pasted scenario or definitions JSON opens".into()
    }
    fn keys_undo(&self) -> String {
        "Ctrl+Z".into()
    }
    fn does_undo(&self) -> String {
        "undo".into()
    }
    fn keys_redo(&self) -> String {
        "Ctrl+Shift+Z, Ctrl+Y".into()
    }
    fn does_redo(&self) -> String {
        "redo".into()
    }
    fn keys_all(&self) -> String {
        "Ctrl+A".into()
    }
    fn does_all(&self) -> String {
        "select every node".into()
    }
    fn keys_enter(&self) -> String {
        "Enter on a focused node".into()
    }
    fn does_enter(&self) -> String {
        "select it".into()
    }
    fn keys_escape(&self) -> String {
        "Escape".into()
    }
    fn does_escape(&self) -> String {
        "close this list, cancel, or clear the selection".into()
    }
    fn keys_help(&self) -> String {
        "?".into()
    }
    fn does_help(&self) -> String {
        "show or hide this list".into()
    }
    fn panic_title(&self) -> String {
        "Kaiten stopped because of a bug.".into()
    }
    fn panic_reload(&self) -> String {
        "Reload the page".into()
    }
    fn detail_dlx(&self) -> String {
        "DLX".into()
    }
    fn detail_classic_queue(&self) -> String {
        "classic queue".into()
    }
    fn detail_quorum_queue(&self) -> String {
        "quorum queue".into()
    }
    fn detail_stream(&self) -> String {
        "stream: keeps all".into()
    }
    fn detail_no_routing_key(&self) -> String {
        "no routing key".into()
    }
    fn detail_listens(&self) -> String {
        "listens".into()
    }
    fn canvas_hint(&self) -> String {
        "Add nodes from the palette: click one, or drag it here. Then drag from a node's port (the dot on its right edge) to another node to connect them.".into()
    }
    fn cannot_run(&self, problems: &str) -> String {
        format!("This cannot run: {problems}")
    }
    fn problem_at(&self, path: &str, message: &str) -> String {
        format!("{path}: {message}")
    }
    fn with_keys(&self, label: &str, keys: &str) -> String {
        format!("{label} ({keys})")
    }
    fn log_time(&self, time_ms: u64) -> String {
        format!("{time_ms} ms: ")
    }
    fn depth_caption(&self, max_depth: u64, now_ms: u64) -> String {
        format!("Queue depth (ready messages, up to {max_depth}) over {now_ms} ms")
    }
    fn latency_value_ms(&self, value: u64) -> String {
        format!("{value} ms")
    }
    fn arrow_name(&self, label: &str, from: &str, to: &str, departs: u64) -> String {
        format!("{label}: {from} → {to} at {departs} ms")
    }
    fn arrow_label(&self, label: &str, departs: u64) -> String {
        format!("{label} ({departs} ms)")
    }
    fn message_title(&self, label: &str) -> String {
        format!("Message {label}")
    }
    fn path_leg(&self, departs: u64, arrives: u64, from: &str, to: &str) -> String {
        format!("{departs} → {arrives} ms: {from} → {to}")
    }
    fn path_leg_instant(&self, departs: u64, from: &str, to: &str) -> String {
        format!("{departs} ms: {from} → {to}")
    }
    fn token_name(&self, kind: &str, label: &str) -> String {
        format!("{kind} {label}")
    }
    fn tokens_on_the_wire(&self, count: u64, kind: &str) -> String {
        format!("{count} × {kind} on the wire")
    }
    fn storage_warning(&self, reason: &str) -> String {
        format!("Your work is not being saved in this browser ({reason}). Keep this tab open, or save it to a file.")
    }
    fn items_selected(&self, count: u64) -> String {
        format!("{count} items selected. Delete removes them all; Ctrl+C copies the nodes.")
    }
    fn token_title(&self, kind: &str, label: &str) -> String {
        format!("{kind}: {label}")
    }
    fn publishes_to(&self, from: &str, to: &str) -> String {
        format!("{from} publishes to {to}")
    }
    fn consumes_from(&self, to: &str, from: &str) -> String {
        format!("{to} consumes from {from}")
    }
    fn detail_exchange(&self, kind: &str) -> String {
        format!("{kind} exchange")
    }
    fn detail_exchange_internal(&self, kind: &str) -> String {
        format!("{kind} exchange, internal")
    }
    fn detail_max(&self, max: u64) -> String {
        format!("max {max}")
    }
    fn detail_ttl(&self, ttl_ms: u64) -> String {
        format!("TTL {ttl_ms} ms")
    }
    fn detail_priority(&self, max: u64) -> String {
        format!("priority ≤ {max}")
    }
    fn detail_key(&self, key: &str) -> String {
        format!("key {key}")
    }
    fn detail_prefetch(&self, prefetch: &str, time: &str) -> String {
        format!("prefetch {prefetch} · {time}")
    }
    fn detail_calls(&self, topic: &str) -> String {
        format!("calls {topic}")
    }
    fn detail_serves(&self, topic: &str) -> String {
        format!("serves {topic}")
    }
    fn detail_notifies(&self, topics: &str) -> String {
        format!("notifies {topics}")
    }
    fn detail_pool(&self, pool: &str) -> String {
        format!("pool {pool}")
    }
    fn binding_edge(&self, from: &str, to: &str) -> String {
        format!("Binding from {from} to {to}")
    }
    fn binding_edge_key(&self, key: &str, from: &str, to: &str) -> String {
        format!("Binding {key} from {from} to {to}")
    }

    fn connect_to(&self) -> String {
        "Connect to".into()
    }
    fn connect(&self) -> String {
        "Connect".into()
    }
    fn route_preview(&self) -> String {
        "Route preview".into()
    }
    fn where_the_next_message_goes(&self) -> String {
        "Where the next message goes".into()
    }
    fn connect_producer_first(&self) -> String {
        "Connect this producer to an exchange to see where its messages go.".into()
    }

    fn choice_drop_head(&self) -> String {
        "drop head".into()
    }
    fn choice_reject_publish(&self) -> String {
        "reject publish".into()
    }
    fn choice_reject_publish_dlx(&self) -> String {
        "reject publish, DLX".into()
    }
    fn choice_all_with_x(&self) -> String {
        "all with x-".into()
    }
    fn choice_any_with_x(&self) -> String {
        "any with x-".into()
    }
    fn choice_fixed(&self) -> String {
        "fixed".into()
    }
    fn choice_uniform(&self) -> String {
        "uniform".into()
    }
    fn choice_exponential(&self) -> String {
        "exponential".into()
    }
    fn choice_nack_requeue(&self) -> String {
        "nack, requeue".into()
    }
    fn choice_nack_discard(&self) -> String {
        "nack, discard".into()
    }
    fn choice_reject_requeue(&self) -> String {
        "reject, requeue".into()
    }
}
