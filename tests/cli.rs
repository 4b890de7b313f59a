//! The `kaiten run` and `kaiten definitions` commands, driven as a user would.

use std::process::{Command, Output};

fn kaiten(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaiten")).args(args).output().expect("kaiten runs")
}

/// Writes a scenario document to a fresh temporary file and returns its path.
fn scenario_file(name: &str, scenario: serde_json::Value) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kaiten-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, scenario.to_string()).unwrap();
    file
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn list_names_every_builtin() {
    let output = kaiten(&["run", "--list"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for name in ["work-queues", "rpc-call", "rpc-timeout", "notifications", "oslo-capture", "topics"] {
        assert!(text.lines().any(|line| line.starts_with(name)), "{name} missing from:\n{text}");
    }
}

#[test]
fn run_prints_what_to_watch_explained_routing_and_a_summary() {
    let output = kaiten(&["run", "topics"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("# topics: "), "{text}");
    assert!(text.contains("# What to watch: "));
    assert!(
        text.contains("'topic_logs' binding '*.critical' -> 'critical': matched, 'kern.critical' fits with * = 'kern'")
    );
    assert!(text.contains("word 1 of the routing key is 'cron' where the binding wants 'kern'"));
    assert!(text.lines().last().unwrap().contains(", finished; publish-to-ack latency p50"));
}

#[test]
fn same_seed_same_digest_and_json_lines_parse() {
    let first = stdout(&kaiten(&["run", "work-queues", "--seed", "9", "--digest"]));
    let second = stdout(&kaiten(&["run", "work-queues", "--seed", "9", "--digest"]));
    let other = stdout(&kaiten(&["run", "work-queues", "--seed", "10", "--digest"]));
    assert_eq!(first, second);
    assert_ne!(first, other);
    let json = stdout(&kaiten(&["run", "work-queues", "--json", "--until", "200"]));
    for line in json.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["time"].as_u64().unwrap() <= 200);
        assert!(value["text"].is_string());
    }
}

#[test]
fn a_typo_gets_a_suggestion_and_exit_code_2() {
    let output = kaiten(&["run", "work-queue"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(error.contains("did you mean 'work-queues'?"), "{error}");
}

#[test]
fn a_broken_scenario_file_names_the_path() {
    let file = scenario_file(
        "broken",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "broken",
            "definitions": {"queues": [{"name": "tasks", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}}]},
            "actors": [{"kind": "consumer", "name": "c", "queue": "taks"}]
        }),
    );
    let output = kaiten(&["run", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(error.contains("actors[0].queue: no queue named 'taks' (did you mean 'tasks'?)"), "{error}");
}

#[test]
fn definitions_show_what_the_scenario_declared() {
    let output = kaiten(&["definitions", "rpc-call"]);
    assert!(output.status.success());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let queues: Vec<&str> =
        document["queues"].as_array().unwrap().iter().map(|queue| queue["name"].as_str().unwrap()).collect();
    assert!(queues.contains(&"compute"), "{queues:?}");
    assert!(queues.iter().any(|name| name.starts_with("reply_")), "{queues:?}");
    let before = kaiten(&["definitions", "rpc-call", "--at", "0"]);
    let early: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert!(
        early["queues"].as_array().unwrap().iter().all(|queue| !queue["name"].as_str().unwrap().starts_with("reply_"))
    );
}

#[test]
fn a_run_that_never_goes_idle_stops_with_a_note() {
    let file = scenario_file(
        "loop",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "loop",
            "definitions": {"queues": [{"name": "q", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}}]},
            "actors": [
                {"kind": "producer", "name": "p", "routing_key": "q"},
                {"kind": "consumer", "name": "c", "queue": "q", "failure": {"probability": 1.0, "settle": "nack_requeue"}}
            ]
        }),
    );
    let output = kaiten(&["run", file.to_str().unwrap(), "--max-steps", "500"]);
    assert!(output.status.success());
    let note = String::from_utf8(output.stderr.clone()).unwrap();
    assert!(note.contains("stopped after 500 steps"), "{note}");
    assert!(stdout(&output).contains("stopped early"));
}

#[test]
fn impossible_settings_are_refused_with_their_paths() {
    let file = scenario_file(
        "bad",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "bad",
            "definitions": {"queues": [{"name": "q", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}}]},
            "actors": [{"kind": "consumer", "name": "c", "queue": "q", "processing_ms": {"uniform": [10, 2]},
                        "failure": {"probability": 7.0, "settle": "reject"}}]
        }),
    );
    let output = kaiten(&["run", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains("actors[0].processing_ms.uniform: the lower bound 10 is above the upper bound 2"),
        "{error}"
    );
    assert!(error.contains("actors[0].failure.probability: 7 is not a probability between 0 and 1"), "{error}");
    let unreadable = kaiten(&["run", file.parent().unwrap().to_str().unwrap()]);
    assert!(String::from_utf8(unreadable.stderr).unwrap().contains(": cannot read the file: "));
}

fn never_idle_file() -> std::path::PathBuf {
    scenario_file(
        "flood",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "flood",
            "definitions": {"queues": [{"name": "q"}]},
            "actors": [{"kind": "producer", "name": "p", "routing_key": "q", "count": 1_000_000_000u64, "interval_ms": 0}]
        }),
    )
}

#[test]
fn definitions_and_until_at_the_largest_time_stop_at_the_step_limit() {
    let file = never_idle_file();
    let path = file.to_str().unwrap();
    let max = u64::MAX.to_string();
    for args in [
        vec!["definitions", path, "--max-steps", "2000"],
        vec!["definitions", path, "--at", &max, "--max-steps", "2000"],
        vec!["run", path, "--until", &max, "--max-steps", "2000", "--digest"],
    ] {
        let output = kaiten(&args);
        assert!(output.status.success(), "{args:?}");
        let note = String::from_utf8(output.stderr).unwrap();
        assert!(note.contains("stopped after 2000 steps"), "{args:?}: {note}");
    }
}

/// Spawns kaiten with its standard output and error piped.
fn spawn_piped(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kaiten"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    use std::io::BufRead;
    // `kaiten run X | head -1`: the reader takes the first line and goes; the trace goes on
    // for megabytes, far more than a pipe holds, so later writes find the pipe closed.
    let file = scenario_file(
        "long",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "long",
            "definitions": {"queues": [{"name": "q"}]},
            "actors": [{"kind": "producer", "name": "p", "routing_key": "q", "count": 5000, "interval_ms": 1}]
        }),
    );
    let mut child = spawn_piped(&["run", file.to_str().unwrap()]);
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("# long"), "{first}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    // The reader is gone before the first write, for every command that prints.
    let script = scenario_file("pipe-script", serde_json::json!([]));
    let script = script.to_str().unwrap();
    let definitions = "tests/corpus/consumers.defs.json";
    for args in [
        vec!["run", "topics"],
        vec!["run", "topics", "--json"],
        vec!["run", "topics", "--digest"],
        vec!["run", "--list"],
        vec!["definitions", "rpc-call"],
        vec!["amqp", "--definitions", definitions, "--script", script],
    ] {
        let mut child = spawn_piped(&args);
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8(output.stderr).unwrap(), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_one_line_on_stderr_and_exit_2() {
    for args in [vec!["definitions", "rpc-call"], vec!["run", "topics"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_kaiten"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = String::from_utf8(output.stderr).unwrap();
        assert_eq!(error, "kaiten: error: cannot write to standard output: No space left on device (os error 28)\n");
    }
}

/// The exit code of `command` and what it said on standard error.
fn refusal(command: &mut Command) -> (Option<i32>, String) {
    let output = command.output().expect("kaiten runs");
    (output.status.code(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn a_loop_of_links_a_directory_or_a_forbidden_file_is_said_as_such() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = std::env::temp_dir().join(format!("kaiten-cli-unreadable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // a.json -> b.json -> a.json: `Path::exists` calls it absent, yet it is there.
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let script = scenario_file("unreadable-script", serde_json::json!([]));
    let script = script.to_str().unwrap();
    let english = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kaiten"));
        command.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
        command
    };
    for (path, why) in [
        (&a, "it is a symbolic link that leads back to itself (a loop of links)"),
        (&dir, "it is a directory, not a file"),
    ] {
        let shown = path.to_str().unwrap();
        for (args, heading) in [
            (vec!["run", shown], "cannot load scenario:"),
            (vec!["definitions", shown], "cannot load scenario:"),
            (vec!["amqp", "--definitions", shown, "--script", script], "cannot load definitions:"),
        ] {
            let (code, error) = refusal(english().args(&args));
            assert_eq!(code, Some(2), "{args:?}");
            assert_eq!(
                error,
                format!("kaiten: error: {heading}\n  {shown}: cannot read the file: {why}\n"),
                "{args:?}"
            );
        }
    }
    let (_, chinese) = refusal(english().args(["run", a.to_str().unwrap(), "--lang", "zh-CN"]));
    assert!(chinese.contains("a.json：无法读取文件：它是一个绕回自身的符号链接（链接形成了循环）"), "{chinese}");
    // A file its permissions forbid (EACCES). Root reads anything, so as root the command
    // runs as the unprivileged user `nobody` (65534).
    let forbidden = dir.join("forbidden.json");
    std::fs::write(&forbidden, "{}").unwrap();
    std::fs::set_permissions(&forbidden, std::fs::Permissions::from_mode(0o000)).unwrap();
    let shown = forbidden.to_str().unwrap();
    let mut command = english();
    if std::fs::metadata(&forbidden).unwrap().uid() == 0 {
        command.uid(65534).gid(65534);
    }
    let (code, error) = refusal(command.args(["run", shown]));
    assert_eq!(code, Some(2));
    assert_eq!(
        error,
        format!(
            "kaiten: error: cannot load scenario:\n  {shown}: cannot read the file: permission denied \
             (the file or a folder on its path does not let you read it)\n"
        )
    );
}

#[test]
fn endless_or_huge_input_files_are_refused_before_reading_them() {
    let empty = std::env::temp_dir().join(format!("kaiten-cli-empty-{}.json", std::process::id()));
    std::fs::write(&empty, "{}").unwrap();
    let empty = empty.to_str().unwrap();
    for (args, what) in [
        (vec!["run", "/dev/zero"], "scenario"),
        (vec!["definitions", "/dev/zero"], "scenario"),
        (vec!["amqp", "--definitions", "/dev/zero", "--script", empty], "definitions"),
        (vec!["amqp", "--definitions", empty, "--script", "/dev/zero"], "script"),
    ] {
        let output = kaiten(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            error,
            format!(
                "kaiten: error: cannot load {what}:\n  /dev/zero: the file is larger than 16 MiB, the most Kaiten opens\n"
            )
        );
    }
}

#[test]
fn control_characters_in_names_and_texts_are_escaped_in_text_output() {
    let file = scenario_file(
        "forged",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "forged", "title": "t",
            "watch": "look \u{1b}[2J here",
            "definitions": {"queues": [{"name": "q\n      0 ms  forged line"}]},
            "actors": [{"kind": "producer", "name": "p\r", "routing_key": "q\n      0 ms  forged line"}]
        }),
    );
    let output = kaiten(&["run", file.to_str().unwrap()]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
    assert!(text.contains("# What to watch: look \\u{1b}[2J here"), "{text}");
    assert!(!text.lines().any(|line| line.starts_with("      0 ms  forged line")), "{text}");
    assert!(text.contains("q\\n      0 ms  forged line"), "{text}");
}

#[test]
fn run_speaks_chinese_with_lang_or_the_environment() {
    let chinese = stdout(&kaiten(&["run", "rpc-call", "--lang", "zh-CN"]));
    assert!(chinese.contains("到达交换机 'nova'，路由键为 'compute'"), "{chinese}");
    assert!(chinese.contains("的绑定 'compute' -> 'compute'：匹配"), "a routing explanation in Chinese: {chinese}");
    assert!(chinese.contains("返回 42"), "the call's outcome in Chinese: {chinese}");
    assert!(!chinese.contains("reached exchange"), "no English sentence is left: {chinese}");
    assert!(chinese.contains("'回复 ") && chinese.contains("'call add "), "message labels in Chinese: {chinese}");
    assert!(!chinese.contains("reply to"), "no English message label is left: {chinese}");
    let from_environment = Command::new(env!("CARGO_BIN_EXE_kaiten"))
        .args(["run", "rpc-call"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(stdout(&from_environment), chinese, "LANG picks the same language");
    let english = stdout(&kaiten(&["run", "rpc-call", "--lang", "en"]));
    assert!(english.contains("reached exchange 'nova' with routing key 'compute'"), "{english}");
    assert!(english.contains("'reply to ") && english.contains("'call add "), "message labels in English: {english}");
    let refused = kaiten(&["run", "rpc-call", "--lang", "fr"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no language 'fr'; the languages are en, zh-CN"));
}

#[test]
fn a_malformed_scenario_file_is_refused_in_the_language_asked_for() {
    let file = scenario_file(
        "malformed",
        serde_json::json!({
            "kaiten_scenario": 1, "name": "malformed",
            "actors": [{"kind": "consumer", "name": "c", "queue": "q", "prefetch": "ten"}]
        }),
    );
    let path = file.to_str().unwrap();
    let chinese = kaiten(&["run", path, "--lang", "zh-CN"]);
    assert_eq!(chinese.status.code(), Some(2));
    let error = String::from_utf8(chinese.stderr).unwrap();
    assert!(error.contains("无法加载场景："), "{error}");
    assert!(
        error.contains("actors[0].prefetch：应为 0 到 4294967295 之间的整数，实际是 字符串 \"ten\""),
        "the problem in Chinese with its JSON path: {error}"
    );
    assert!(!error.contains("expected"), "no English is left: {error}");
    let english = kaiten(&["run", path, "--lang", "en"]);
    let error = String::from_utf8(english.stderr).unwrap();
    assert!(
        error.contains("actors[0].prefetch: expected a whole number from 0 to 4294967295, got the string \"ten\""),
        "{error}"
    );
    let missing = kaiten(&["run", "work-queue", "--lang", "zh-CN"]);
    let error = String::from_utf8(missing.stderr).unwrap();
    assert!(error.contains("是不是指 'work-queues'？"), "a built-in name's near miss in Chinese: {error}");
}

/// Exports of RabbitMQ 3.8 to 4.2 (`tests/definitions/`) open in every command that reads
/// definitions, each saying once what it keeps but does not simulate.
#[test]
fn every_release_s_export_opens_in_run_amqp_and_definitions() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/definitions");
    let script = scenario_file("empty-script", serde_json::json!([]));
    let script = script.to_str().unwrap();
    let mut n_files = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        n_files += 1;
        let file = path.to_str().unwrap();
        for args in
            [vec!["run", file], vec!["amqp", "--definitions", file, "--script", script], vec!["definitions", file]]
        {
            let output = kaiten(&args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "{args:?}: {stderr}");
            let notices: Vec<&str> = stderr.lines().filter(|line| line.starts_with("kaiten: notice: ")).collect();
            assert_eq!(notices.len(), 1, "{args:?} says it once: {stderr}");
            assert!(notices[0].contains(": kept, not simulated: "), "{}", notices[0]);
        }
        let listed = stdout(&kaiten(&["definitions", file]));
        let written: serde_json::Value = serde_json::from_str(&listed).unwrap();
        assert!(written["queues"].as_array().is_some_and(|queues| queues.len() >= 2), "{file}: {listed}");
    }
    assert!(n_files >= 9);
}

/// `tests/snapshots.rs` pins the explained traces and digests through the library; this
/// checks that `kaiten run` prints exactly those bytes, so the snapshots are what a user reads.
#[test]
fn run_prints_the_pinned_snapshots() {
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for lang in ["en", "zh-CN"] {
        let printed = stdout(&kaiten(&["run", "rpc-call", "--lang", lang]));
        let pinned = std::fs::read_to_string(snapshots.join(format!("rpc-call.{lang}.txt"))).unwrap();
        assert_eq!(printed, pinned, "kaiten run rpc-call --lang {lang}");
    }
    let digest = stdout(&kaiten(&["run", "rpc-call", "--digest"]));
    let digests = std::fs::read_to_string(snapshots.join("digests.txt")).unwrap();
    assert!(digests.lines().any(|line| line == format!("rpc-call {}", digest.trim())), "{digest} in {digests}");
}
