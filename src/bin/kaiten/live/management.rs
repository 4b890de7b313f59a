//! The RabbitMQ management HTTP API, as `kaiten verify` uses it: checking that the API
//! answers, creating and deleting the temporary vhost with its permissions, setting the
//! topology's policies and operator policies, and listing the vhost's queues.
//!
//! The calls go through the RabbitMQ team's `rabbitmq_http_client` (its blocking client),
//! which builds the paths (each name percent-encoded), sends the credentials and reads the
//! answers; this module only says which calls a run makes and words their errors.

use std::time::Duration;

use anyhow::Context;
use rabbitmq_http_client::blocking_api::{Client, ClientBuilder, HttpClientError};
use rabbitmq_http_client::commons::PolicyTarget;
use rabbitmq_http_client::error::Error as ApiError;
use rabbitmq_http_client::requests::{Permissions, PolicyParams, VirtualHostParams};
use serde_json::Value;

use kaiten::engine::policy::{ApplyTo, PolicyKind};
use kaiten::engine::topology::Topology;
use kaiten::engine::value::table_to_json;

/// How long one call may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The management API of one broker, with the credentials to call it.
pub(super) struct Management {
    /// The API's base address, as the user gave it (`http://127.0.0.1:15672`).
    pub(super) url: String,
    client: Client<String, String, String>,
}

impl Management {
    pub(super) fn new(url: String, username: &str, password: &str) -> anyhow::Result<Management> {
        let client = ClientBuilder::new()
            .with_endpoint(format!("{url}/api"))
            .with_basic_auth_credentials(username.to_string(), password.to_string())
            .with_request_timeout(TIMEOUT)
            .build()
            .with_context(|| format!("the management API address {url}"))?;
        Ok(Management { url, client })
    }

    /// Fails unless the API answers with the broker's overview.
    pub(super) fn check(&self) -> anyhow::Result<()> {
        self.client.overview().map_err(|error| worded(error, "GET overview"))?;
        Ok(())
    }

    pub(super) fn create_vhost(&self, vhost: &str) -> anyhow::Result<()> {
        let params = VirtualHostParams {
            name: vhost,
            description: Some("kaiten verify (temporary)"),
            tags: None,
            default_queue_type: None,
            tracing: false,
        };
        self.client.create_vhost(&params).map_err(|error| worded(error, &format!("creating vhost {vhost}")))
    }

    /// Gives `user` every permission in `vhost`.
    pub(super) fn grant_permissions(&self, vhost: &str, user: &str) -> anyhow::Result<()> {
        let permissions = Permissions { user, vhost, configure: ".*", write: ".*", read: ".*" };
        self.client
            .declare_permissions(&permissions)
            .map_err(|error| worded(error, &format!("granting {user} permissions in vhost {vhost}")))
    }

    pub(super) fn delete_vhost(&self, vhost: &str) -> anyhow::Result<()> {
        self.client.delete_vhost(vhost, false).map_err(|error| worded(error, &format!("deleting vhost {vhost}")))
    }

    /// Sets the topology's policies and operator policies in the vhost, before anything is
    /// declared (RabbitMQ applies them to queues and exchanges declared later).
    pub(super) fn set_policies(&self, vhost: &str, topology: &Topology) -> anyhow::Result<()> {
        for policy in topology.policies().iter() {
            let definition = match table_to_json(&policy.definition) {
                Value::Object(members) => members,
                other => unreachable!("a field table is written as a JSON object, not {other}"),
            };
            let params = PolicyParams {
                vhost,
                name: &policy.name,
                pattern: &policy.pattern,
                apply_to: policy_target(policy.apply_to),
                priority: i32::try_from(policy.priority)
                    .with_context(|| format!("policy {}: priority {}", policy.name, policy.priority))?,
                definition,
            };
            let sent = match policy.kind {
                PolicyKind::User => self.client.declare_policy(&params),
                PolicyKind::Operator => self.client.declare_operator_policy(&params),
            };
            sent.map_err(|error| worded(error, &format!("setting policy {}", policy.name)))?;
        }
        Ok(())
    }

    /// The names of the vhost's queues, sorted.
    pub(super) fn queue_names(&self, vhost: &str) -> anyhow::Result<Vec<String>> {
        let queues =
            self.client.list_queues_in(vhost).map_err(|error| worded(error, &format!("listing vhost {vhost}")))?;
        let mut names: Vec<String> = queues.into_iter().map(|queue| queue.name).collect();
        names.sort();
        Ok(names)
    }
}

fn policy_target(apply_to: ApplyTo) -> PolicyTarget {
    match apply_to {
        ApplyTo::Queues => PolicyTarget::Queues,
        ApplyTo::ClassicQueues => PolicyTarget::ClassicQueues,
        ApplyTo::QuorumQueues => PolicyTarget::QuorumQueues,
        ApplyTo::Streams => PolicyTarget::Streams,
        ApplyTo::Exchanges => PolicyTarget::Exchanges,
        ApplyTo::All => PolicyTarget::All,
    }
}

/// The client's error with what was being done, and the broker's own answer when it gave one
/// (the client's message has only the status code).
fn worded(error: HttpClientError, doing: &str) -> anyhow::Error {
    let context = match &error {
        ApiError::ClientErrorResponse { body: Some(body), .. }
        | ApiError::ServerErrorResponse { body: Some(body), .. } => format!("{doing}: the broker answered {body}"),
        _ => doing.to_string(),
    };
    anyhow::Error::new(error).context(context)
}
