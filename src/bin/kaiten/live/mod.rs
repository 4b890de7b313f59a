//! Plays a headless AMQP script on a real RabbitMQ, for `kaiten verify`.
//!
//! Each run gets a fresh vhost (created and deleted through the management HTTP API), the
//! topology is declared over AMQP with `lapin`, publishes go out with publisher confirms
//! (`mandatory` returns arrive with the confirm), `advance-time` steps are real sleeps, and
//! at the end every queue is read back with `basic.get`. The result is the same
//! [`RunRecord`] the simulation produces, minus `routed`, which a broker does not report.
//!
//! Real brokers are asynchronous where the simulation is not, so the runner waits at the
//! points where order matters: after each step until consumer deliveries stop arriving, and
//! after each ack, nack or reject for a round trip on the same channel (so the broker has
//! processed it before the next step goes out on another channel).
//!
//! This module runs one script from start to end; `management` is the HTTP API, `session`
//! the AMQP session that plays the steps, `convert` the conversion between Kaiten's values
//! and AMQP's.

mod convert;
mod management;
mod session;

use std::cell::Cell;

use anyhow::{Context, anyhow};
use lapin::uri::AMQPUri;

use kaiten::engine::topology::Topology;
use kaiten::formats::script::{PublishRecord, RunRecord, Step};

use convert::simulated_text;
use management::Management;
use session::AmqpSession;

/// Where the broker and its management API are, with the credentials for both.
#[derive(Debug, Clone)]
pub struct BrokerAddress {
    uri: AMQPUri,
    management: String,
}

impl BrokerAddress {
    pub fn parse(amqp_url: &str, management_url: &str) -> anyhow::Result<BrokerAddress> {
        let uri: AMQPUri =
            amqp_url.parse().map_err(|error: String| anyhow!("invalid broker URL {amqp_url}: {error}"))?;
        Ok(BrokerAddress { uri, management: management_url.trim_end_matches('/').to_string() })
    }
}

/// What a run on the broker produced, and the step it refused, if any (the run stops there).
pub struct LiveRun {
    pub record: RunRecord,
    pub refused: Option<String>,
}

/// A real RabbitMQ to play scripts on.
pub struct LiveBroker {
    address: BrokerAddress,
    management: Management,
    runtime: tokio::runtime::Runtime,
    n_runs: Cell<u32>,
}

impl LiveBroker {
    pub fn new(address: BrokerAddress) -> anyhow::Result<LiveBroker> {
        let userinfo = &address.uri.authority.userinfo;
        let management = Management::new(address.management.clone(), &userinfo.username, &userinfo.password);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build()?;
        let broker = LiveBroker { address, management, runtime, n_runs: Cell::new(0) };
        broker.management.check().with_context(|| {
            format!(
                "cannot reach the RabbitMQ management API at {} (is rabbitmq-server running?)",
                broker.management.url
            )
        })?;
        Ok(broker)
    }

    /// Plays `script` on `topology` in a fresh vhost, which is deleted afterwards.
    pub fn run(&self, topology: &Topology, script: &[Step]) -> anyhow::Result<LiveRun> {
        self.n_runs.set(self.n_runs.get() + 1);
        let vhost = format!("kaiten-verify-{}-{}", std::process::id(), self.n_runs.get());
        let user = &self.address.uri.authority.userinfo.username;
        self.management.create_vhost(&vhost)?;
        let result = self
            .management
            .grant_permissions(&vhost, user)
            .and_then(|_| self.management.set_policies(&vhost, topology))
            .and_then(|_| self.play(&vhost, topology, script));
        let cleanup = self.management.delete_vhost(&vhost);
        let run = result.with_context(|| format!("running the script on the broker (vhost {vhost})"))?;
        cleanup?;
        Ok(run)
    }

    /// Plays the script in `vhost` and reads the queues back. The management API is called
    /// between two parts played on the runtime, since its client blocks.
    fn play(&self, vhost: &str, topology: &Topology, script: &[Step]) -> anyhow::Result<LiveRun> {
        let mut uri = self.address.uri.clone();
        uri.vhost = vhost.to_string();
        let (mut session, refused) = self.runtime.block_on(async {
            let mut session = AmqpSession::open(uri, topology).await?;
            for (step_idx, step) in script.iter().enumerate() {
                if let Err(refusal) = session.step(step).await {
                    let refused = format!("[{step_idx}].{}: the broker refused the step: {refusal:#}", step.name());
                    session.connection.close(200, "kaiten verify done").await.ok();
                    return anyhow::Ok((session, Some(refused)));
                }
                session.settle().await?;
            }
            Ok((session, None))
        })?;
        if refused.is_some() {
            return Ok(LiveRun { record: session.record, refused });
        }
        let names = self.management.queue_names(vhost)?;
        self.runtime.block_on(async {
            session.read_queues(names).await?;
            session.connection.close(200, "kaiten verify done").await.ok();
            anyhow::Ok(())
        })?;
        for (_, text) in session.record.declarations.iter_mut().chain(session.record.consumes.iter_mut()).flatten() {
            *text = simulated_text(text, vhost);
        }
        for publish in &mut session.record.publishes {
            if let PublishRecord::Error { text, .. } = publish {
                *text = simulated_text(text, vhost);
            }
        }
        Ok(LiveRun { record: session.record, refused: None })
    }
}
