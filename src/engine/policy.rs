//! Policies as RabbitMQ 3.10.8 applies them to queues and exchanges: a policy's regular
//! expression `pattern` is matched (unanchored) against the name, `apply-to` says which
//! kind of object it concerns, and of the matching policies only the one of highest
//! `priority` applies (no merging between policies). Operator policies apply on top,
//! setting numeric limits only.
//!
//! Where a queue's own `x-` argument and the policies set the same key, RabbitMQ's
//! `rabbit_amqqueue_process:process_args_policy` takes the smallest value for the numeric
//! limits (`message-ttl`, `expires`, `max-length`, `max-length-bytes`) and the queue's own
//! argument for the rest (`dead-letter-exchange`, `dead-letter-routing-key`, `overflow`);
//! an exchange's own `alternate-exchange` argument wins over a policy's. A priority
//! (`x-max-priority`) cannot be set by policy.

use serde::Serialize;

use crate::engine::error::AmqpError;
use crate::engine::topology::{Overflow, QueueArgs};
use crate::engine::value::{FieldTable, FieldValue};

/// What kind of object a policy applies to (`classic_queues`, `quorum_queues` and `streams`
/// are RabbitMQ 3.12's, read so that newer exports open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyTo {
    Queues,
    ClassicQueues,
    QuorumQueues,
    Streams,
    Exchanges,
    All,
}

impl ApplyTo {
    pub fn parse(text: &str) -> Option<ApplyTo> {
        match text {
            "queues" => Some(ApplyTo::Queues),
            "classic_queues" => Some(ApplyTo::ClassicQueues),
            "quorum_queues" => Some(ApplyTo::QuorumQueues),
            "streams" => Some(ApplyTo::Streams),
            "exchanges" => Some(ApplyTo::Exchanges),
            "all" => Some(ApplyTo::All),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ApplyTo::Queues => "queues",
            ApplyTo::ClassicQueues => "classic_queues",
            ApplyTo::QuorumQueues => "quorum_queues",
            ApplyTo::Streams => "streams",
            ApplyTo::Exchanges => "exchanges",
            ApplyTo::All => "all",
        }
    }

    fn fits(self, target: Target) -> bool {
        match self {
            ApplyTo::All => true,
            ApplyTo::Queues => target != Target::Exchange,
            ApplyTo::ClassicQueues => target == Target::ClassicQueue,
            ApplyTo::QuorumQueues => target == Target::QuorumQueue,
            ApplyTo::Streams => target == Target::Stream,
            ApplyTo::Exchanges => target == Target::Exchange,
        }
    }
}

/// What a policy is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Exchange,
    ClassicQueue,
    QuorumQueue,
    Stream,
}

/// Whether a policy is a user policy or an operator policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    User,
    Operator,
}

/// The policy keys Kaiten acts on, for queues (user policies).
pub const QUEUE_KEYS: [&str; 8] = [
    "message-ttl",
    "expires",
    "max-length",
    "max-length-bytes",
    "overflow",
    "dead-letter-exchange",
    "dead-letter-routing-key",
    "delivery-limit",
];

/// The keys an operator policy may set that Kaiten acts on.
pub const OPERATOR_KEYS: [&str; 4] = ["message-ttl", "expires", "max-length", "max-length-bytes"];

/// A policy: name, pattern, what it applies to, priority and definition.
#[derive(Debug, Clone)]
pub struct Policy {
    pub name: String,
    pub pattern: String,
    pub apply_to: ApplyTo,
    pub priority: i64,
    pub kind: PolicyKind,
    /// The definition as given, keys without the `x-` prefix.
    pub definition: FieldTable,
    // Invariant: `pattern` compiled.
    regex: regex_lite::Regex,
}

impl PartialEq for Policy {
    fn eq(&self, other: &Self) -> bool {
        (&self.name, &self.pattern, self.apply_to, self.priority, self.kind, &self.definition)
            == (&other.name, &other.pattern, other.apply_to, other.priority, other.kind, &other.definition)
    }
}

/// Why a policy cannot be set: the definition member (or `pattern`) and the problem, as data
/// that `explain` words in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub member: String,
    pub problem: PolicyProblem,
}

/// What is wrong with one member of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PolicyProblem {
    /// The pattern does not compile; `error` is the regex library's own text.
    InvalidPattern { error: String },
    /// An operator policy sets a queue key outside `allowed`.
    OperatorKeyNotAllowed { allowed: Vec<String> },
    /// A numeric key holds something other than an integer of at least `least` (`got` as JSON).
    ExpectedInteger { least: u64, got: String },
    /// `overflow` names no overflow behaviour.
    NotAnOverflow { found: String },
    /// A key that names an exchange or routing key holds something other than a string.
    ExpectedString { got: String },
}

impl Policy {
    /// Checks a policy as `rabbitmqctl set_policy` does for the keys Kaiten acts on.
    pub fn new(
        name: &str,
        pattern: &str,
        apply_to: ApplyTo,
        priority: i64,
        kind: PolicyKind,
        definition: FieldTable,
    ) -> Result<Policy, PolicyError> {
        let regex = regex_lite::Regex::new(pattern).map_err(|error| PolicyError {
            member: "pattern".into(),
            problem: PolicyProblem::InvalidPattern {
                error: error.to_string().split_whitespace().collect::<Vec<_>>().join(" "),
            },
        })?;
        for (key, value) in &definition {
            let problem = |problem: PolicyProblem| PolicyError { member: format!("definition.{key}"), problem };
            let numeric =
                ["message-ttl", "expires", "max-length", "max-length-bytes", "delivery-limit"].contains(&key.as_str());
            if kind == PolicyKind::Operator
                && !OPERATOR_KEYS.contains(&key.as_str())
                && QUEUE_KEYS.contains(&key.as_str())
            {
                let allowed = OPERATOR_KEYS.iter().map(|key| key.to_string()).collect();
                return Err(problem(PolicyProblem::OperatorKeyNotAllowed { allowed }));
            }
            match value {
                FieldValue::Int(number) if numeric && (*number >= 0 && (key != "expires" || *number >= 1)) => {}
                _ if numeric => {
                    let least = if key == "expires" { 1 } else { 0 };
                    return Err(problem(PolicyProblem::ExpectedInteger { least, got: value.to_json().to_string() }));
                }
                FieldValue::Str(text)
                    if key == "overflow"
                        && !["drop-head", "reject-publish", "reject-publish-dlx"].contains(&text.as_str()) =>
                {
                    return Err(problem(PolicyProblem::NotAnOverflow { found: text.clone() }));
                }
                FieldValue::Str(_) if key == "overflow" => {}
                FieldValue::Str(_)
                    if ["dead-letter-exchange", "dead-letter-routing-key", "alternate-exchange"]
                        .contains(&key.as_str()) => {}
                _ if ["overflow", "dead-letter-exchange", "dead-letter-routing-key", "alternate-exchange"]
                    .contains(&key.as_str()) =>
                {
                    return Err(problem(PolicyProblem::ExpectedString { got: value.to_json().to_string() }));
                }
                // Keys Kaiten does not act on (ha-mode, queue-mode, federation...) are kept.
                _ => {}
            }
        }
        Ok(Policy { name: name.into(), pattern: pattern.into(), apply_to, priority, kind, definition, regex })
    }

    fn applies(&self, name: &str, target: Target) -> bool {
        self.apply_to.fits(target) && self.regex.is_match(name)
    }

    /// The definition's keys Kaiten does not act on, for diagnostics.
    pub fn unsimulated_keys(&self) -> Vec<&str> {
        self.definition
            .keys()
            .map(String::as_str)
            .filter(|key| !QUEUE_KEYS.contains(key) && *key != "alternate-exchange")
            .collect()
    }
}

/// The policies of a vhost.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policies {
    // Invariant: sorted by name, so ties in priority go to the first name.
    policies: Vec<Policy>,
}

impl Policies {
    pub fn new(mut policies: Vec<Policy>) -> Policies {
        crate::engine::order::sort_by(&mut policies, |a, b| {
            (a.kind == PolicyKind::Operator, &a.name).cmp(&(b.kind == PolicyKind::Operator, &b.name))
        });
        Policies { policies }
    }

    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// Every policy, user policies first, each kind in name order.
    pub fn iter(&self) -> impl Iterator<Item = &Policy> {
        self.policies.iter()
    }

    /// The policy of `kind` that applies to an object: the highest priority among those
    /// whose pattern matches; RabbitMQ leaves ties unordered, Kaiten takes the first name.
    pub fn applicable(&self, kind: PolicyKind, name: &str, target: Target) -> Option<&Policy> {
        let mut best: Option<&Policy> = None;
        for policy in self.policies.iter().filter(|policy| policy.kind == kind && policy.applies(name, target)) {
            if best.is_none_or(|best| policy.priority > best.priority) {
                best = Some(policy);
            }
        }
        best
    }

    /// A queue's effective arguments: its own `x-` arguments with the policies applied.
    pub fn queue_args(&self, queue: &str, arguments: &FieldTable) -> Result<QueueArgs, AmqpError> {
        let mut args = QueueArgs::parse(queue, arguments)?;
        // A stream takes no policy key Kaiten simulates (its retention keys are not modelled).
        if args.stream {
            return Ok(args);
        }
        let target = if args.quorum { Target::QuorumQueue } else { Target::ClassicQueue };
        let user = self.applicable(PolicyKind::User, queue, target).map(|policy| &policy.definition);
        let operator = self.applicable(PolicyKind::Operator, queue, target).map(|policy| &policy.definition);
        let number = |definition: Option<&FieldTable>, key: &str| {
            definition.and_then(|definition| definition.get(key)).and_then(FieldValue::as_int).map(|n| n.max(0) as u64)
        };
        let text = |key: &str| {
            user.and_then(|definition| definition.get(key)).and_then(FieldValue::as_str).map(str::to_string)
        };
        for (key, field) in [
            ("message-ttl", &mut args.message_ttl),
            ("expires", &mut args.expires),
            ("max-length", &mut args.max_length),
            ("max-length-bytes", &mut args.max_length_bytes),
        ] {
            *field = [*field, number(user, key), number(operator, key)].into_iter().flatten().min();
        }
        // A quorum queue's delivery limit: the smaller of its argument and the policy's.
        if args.quorum {
            args.delivery_limit = [args.delivery_limit, number(user, "delivery-limit")].into_iter().flatten().min();
        }
        if !arguments.contains_key("x-overflow")
            && let Some(overflow) = text("overflow")
        {
            args.overflow = match overflow.as_str() {
                "reject-publish" => Overflow::RejectPublish,
                "reject-publish-dlx" if !args.quorum => Overflow::RejectPublishDlx,
                _ => Overflow::DropHead,
            };
        }
        if args.dead_letter_exchange.is_none() {
            args.dead_letter_exchange = text("dead-letter-exchange");
        }
        if args.dead_letter_routing_key.is_none() {
            args.dead_letter_routing_key = text("dead-letter-routing-key");
        }
        Ok(args)
    }

    /// An exchange's alternate exchange from a policy (its own argument wins over it).
    pub fn alternate_exchange(&self, exchange: &str) -> Option<String> {
        self.applicable(PolicyKind::User, exchange, Target::Exchange)
            .and_then(|policy| policy.definition.get("alternate-exchange"))
            .and_then(FieldValue::as_str)
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::topology::MAX_EXPIRY_MS;

    fn table(pairs: &[(&str, FieldValue)]) -> FieldTable {
        pairs.iter().map(|(key, value)| (key.to_string(), value.clone())).collect()
    }

    fn policy(name: &str, pattern: &str, priority: i64, definition: &[(&str, FieldValue)]) -> Policy {
        Policy::new(name, pattern, ApplyTo::Queues, priority, PolicyKind::User, table(definition)).unwrap()
    }

    #[test]
    fn the_highest_priority_wins_and_limits_take_the_smaller_value() {
        let policies = Policies::new(vec![
            policy("low", "^orders", 0, &[("max-length", FieldValue::Int(5)), ("message-ttl", FieldValue::Int(100))]),
            policy("high", "^orders\\.", 10, &[("max-length", FieldValue::Int(50))]),
            Policy::new(
                "cap",
                ".*",
                ApplyTo::All,
                0,
                PolicyKind::Operator,
                table(&[("max-length", FieldValue::Int(20))]),
            )
            .unwrap(),
        ]);
        let own = table(&[("x-max-length", FieldValue::Int(30))]);
        let args = policies.queue_args("orders.eu", &own).unwrap();
        assert_eq!(args.max_length, Some(20), "min of argument 30, policy 50, operator 20");
        assert_eq!(args.message_ttl, None, "no merging: only 'high' applies");
        let args = policies.queue_args("orders", &FieldTable::new()).unwrap();
        assert_eq!((args.max_length, args.message_ttl), (Some(5), Some(100)));
    }

    #[test]
    fn the_queue_argument_wins_for_dead_lettering_and_overflow() {
        let policies = Policies::new(vec![policy(
            "dlx",
            "",
            0,
            &[
                ("dead-letter-exchange", FieldValue::Str("policy-dlx".into())),
                ("overflow", FieldValue::Str("reject-publish".into())),
            ],
        )]);
        let own = table(&[("x-dead-letter-exchange", FieldValue::Str("own".into()))]);
        let args = policies.queue_args("q", &own).unwrap();
        assert_eq!(args.dead_letter_exchange.as_deref(), Some("own"));
        assert_eq!(args.overflow, Overflow::RejectPublish);
    }

    #[test]
    fn invalid_policies_are_refused() {
        let error = Policy::new("p", "(", ApplyTo::All, 0, PolicyKind::User, FieldTable::new()).unwrap_err();
        assert_eq!(error.member, "pattern");
        let error = Policy::new(
            "p",
            ".",
            ApplyTo::All,
            0,
            PolicyKind::User,
            table(&[("max-length", FieldValue::Str("ten".into()))]),
        )
        .unwrap_err();
        assert_eq!(error.member, "definition.max-length");
        assert_eq!(error.problem, PolicyProblem::ExpectedInteger { least: 0, got: "\"ten\"".into() });
        let error = Policy::new(
            "p",
            ".",
            ApplyTo::All,
            0,
            PolicyKind::Operator,
            table(&[("dead-letter-exchange", FieldValue::Str("x".into()))]),
        )
        .unwrap_err();
        assert!(matches!(error.problem, PolicyProblem::OperatorKeyNotAllowed { .. }), "{error:?}");
    }

    #[test]
    fn policy_times_above_ten_years_are_accepted_as_3_10_8_accepts_them() {
        // `rabbit_policies:validate_policy0` checks only `>= 0` (`>= 1` for `expires`); the
        // ten-year limit of `rabbit_misc:check_expiry` guards queue arguments and
        // `expiration`, not policies (`rabbitmqctl set_policy` takes 315360000001).
        let over = (MAX_EXPIRY_MS + 1) as i64;
        let definition = [("message-ttl", FieldValue::Int(over)), ("expires", FieldValue::Int(over))];
        for kind in [PolicyKind::User, PolicyKind::Operator] {
            let policies =
                Policies::new(vec![Policy::new("p", "", ApplyTo::Queues, 0, kind, table(&definition)).unwrap()]);
            let args = policies.queue_args("q", &FieldTable::new()).unwrap();
            assert_eq!((args.message_ttl, args.expires), (Some(over as u64), Some(over as u64)), "{kind:?}");
        }
    }
}
