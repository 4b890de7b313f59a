//! The RabbitMQ management HTTP API, as `kaiten verify` uses it: checking that the API
//! answers, creating and deleting the temporary vhost with its permissions, setting the
//! topology's policies and operator policies, and listing the vhost's queues.
//!
//! Plain HTTP calls through `ureq` (the RabbitMQ team's `rabbitmq_http_client` does the same
//! but costs two more minutes of a clean build: ARCHITECTURE.md, "Hand-rolled pieces").

use std::time::Duration;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use kaiten::engine::policy::PolicyKind;
use kaiten::engine::topology::Topology;
use kaiten::engine::value::table_to_json;

/// How long one call may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The management API of one broker, with the credentials to call it.
pub(super) struct Management {
    /// The API's base address, as the user gave it (`http://127.0.0.1:15672`).
    pub(super) url: String,
    authorization: String,
}

impl Management {
    pub(super) fn new(url: String, username: &str, password: &str) -> Management {
        let authorization = format!("Basic {}", STANDARD.encode(format!("{username}:{password}")));
        Management { url, authorization }
    }

    /// Fails unless the API answers with the broker's overview.
    pub(super) fn check(&self) -> anyhow::Result<()> {
        self.http("GET", "overview", None)?;
        Ok(())
    }

    pub(super) fn create_vhost(&self, vhost: &str) -> anyhow::Result<()> {
        let body = json!({"description": "kaiten verify (temporary)"});
        self.http("PUT", &format!("vhosts/{}", percent_encoded(vhost)), Some(body))?;
        Ok(())
    }

    /// Gives `user` every permission in `vhost`.
    pub(super) fn grant_permissions(&self, vhost: &str, user: &str) -> anyhow::Result<()> {
        let body = json!({"configure": ".*", "write": ".*", "read": ".*"});
        self.http("PUT", &format!("permissions/{}/{}", percent_encoded(vhost), percent_encoded(user)), Some(body))?;
        Ok(())
    }

    pub(super) fn delete_vhost(&self, vhost: &str) -> anyhow::Result<()> {
        self.http("DELETE", &format!("vhosts/{}", percent_encoded(vhost)), None)?;
        Ok(())
    }

    /// Sets the topology's policies and operator policies in the vhost, before anything is
    /// declared (RabbitMQ applies them to queues and exchanges declared later).
    pub(super) fn set_policies(&self, vhost: &str, topology: &Topology) -> anyhow::Result<()> {
        for policy in topology.policies().iter() {
            let kind = match policy.kind {
                PolicyKind::User => "policies",
                PolicyKind::Operator => "operator-policies",
            };
            let body = json!({
                "pattern": policy.pattern,
                "apply-to": policy.apply_to.as_str(),
                "priority": policy.priority,
                "definition": table_to_json(&policy.definition),
            });
            let path = format!("{kind}/{}/{}", percent_encoded(vhost), percent_encoded(&policy.name));
            self.http("PUT", &path, Some(body)).with_context(|| format!("setting policy {}", policy.name))?;
        }
        Ok(())
    }

    /// The names of the vhost's queues that `basic.get` can read, sorted: a stream refuses
    /// it (the simulation does not read one back either).
    pub(super) fn queue_names(&self, vhost: &str) -> anyhow::Result<Vec<String>> {
        let listing = self.http("GET", &format!("queues/{}?columns=name,type", percent_encoded(vhost)), None)?;
        let mut names: Vec<String> = listing
            .as_array()
            .context("the queue listing is not an array")?
            .iter()
            .filter(|queue| queue["type"].as_str() != Some("stream"))
            .filter_map(|queue| queue["name"].as_str().map(str::to_string))
            .collect();
        names.sort();
        Ok(names)
    }

    fn http(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let url = format!("{}/api/{path}", self.url);
        let request = ureq::request(method, &url).set("authorization", &self.authorization).timeout(TIMEOUT);
        let response = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        match response {
            Ok(response) if method == "GET" => Ok(response.into_json()?),
            Ok(_) => Ok(Value::Null),
            Err(ureq::Error::Status(code, response)) => {
                bail!("{method} {url}: HTTP {code}: {}", response.into_string().unwrap_or_default())
            }
            Err(error) => Err(error).with_context(|| format!("{method} {url}")),
        }
    }
}

/// A name as one segment of a management API path.
fn percent_encoded(name: &str) -> String {
    name.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
