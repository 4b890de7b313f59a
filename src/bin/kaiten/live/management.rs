//! The RabbitMQ management HTTP API, as `kaiten verify` uses it: checking that the API
//! answers, creating and deleting the temporary vhost with its permissions, setting the
//! topology's policies and operator policies, and listing the vhost's queues.

use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};

use kaiten::engine::policy::PolicyKind;
use kaiten::engine::topology::Topology;
use kaiten::engine::value::table_to_json;

/// The management API of one broker, with the credentials to call it.
pub(super) struct Management {
    pub(super) url: String,
    authorization: String,
}

impl Management {
    pub(super) fn new(url: String, username: &str, password: &str) -> Management {
        let authorization = format!("Basic {}", base64(format!("{username}:{password}").as_bytes()));
        Management { url, authorization }
    }

    pub(super) fn http(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let url = format!("{}/api/{path}", self.url);
        let request =
            ureq::request(method, &url).set("authorization", &self.authorization).timeout(Duration::from_secs(30));
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
            self.http("PUT", &format!("{kind}/{vhost}/{}", percent_encoded(&policy.name)), Some(body))
                .with_context(|| format!("setting policy {}", policy.name))?;
        }
        Ok(())
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

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let buffer = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let bits = (u32::from(buffer[0]) << 16) | (u32::from(buffer[1]) << 8) | u32::from(buffer[2]);
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(ALPHABET[((bits >> (18 - 6 * position)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
