//! Editing a declared topology in place, for the editor: renaming or changing an exchange
//! or a queue, and changing a binding's key or arguments, while keeping every id (and so
//! the fan-out order and everything that refers to them).
//!
//! The broker never does this (AMQP has no rename or rebind, and a redeclaration with other
//! settings is refused); each method makes the checks the matching AMQP method makes
//! (`exchange.declare`, `queue.declare` with `QueueArgs::parse`, `queue.bind`) and changes
//! nothing when one fails.

use super::{
    AmqpError, BindingId, ExchangeId, ExchangeKind, ExchangeSpec, FieldTable, QueueId, QueueSpec, RouteIndex, Topology,
    XMatch, is_builtin_exchange_name,
};

impl Topology {
    /// Changes an exchange's name, type, flags or arguments, keeping its id and bindings.
    pub fn redeclare_exchange(&mut self, id: ExchangeId, spec: ExchangeSpec) -> Result<(), AmqpError> {
        let old = self.exchange(id).ok_or_else(|| AmqpError::NotFound("no such exchange".into()))?;
        if old.is_builtin() {
            return Err(AmqpError::AccessRefused(format!(
                "the built-in exchange '{}' belongs to the broker and cannot be changed",
                old.name()
            )));
        }
        let old_name = old.spec.name.clone();
        if spec.name != old_name {
            // What declaring an exchange of that name would get from RabbitMQ 3.10.8.
            if spec.name.is_empty() {
                return Err(AmqpError::AccessRefused("operation not permitted on the default exchange".into()));
            }
            if is_builtin_exchange_name(&spec.name) {
                return Err(AmqpError::AccessRefused(format!(
                    "exchange name '{}' contains reserved prefix 'amq.*'",
                    spec.name
                )));
            }
            if self.exchange_names.contains_key(&spec.name) {
                return Err(AmqpError::PreconditionFailed(format!("an exchange named '{}' already exists", spec.name)));
            }
        }
        for binding in self.bindings_from(id) {
            x_match_for(spec.kind, &binding.arguments)?;
        }
        self.exchange_names.remove(&old_name);
        self.exchange_names.insert(spec.name.clone(), id);
        self.names_ever.insert(id.0, spec.name.clone());
        let exchange = &mut self.exchanges.get_mut(&id).expect("checked above").0;
        exchange.policy_alternate_exchange = self.policies.alternate_exchange(&spec.name);
        exchange.spec = spec;
        self.reindex(id);
        Ok(())
    }

    /// Changes a queue's name, flags or arguments, keeping its id and bindings.
    pub fn redeclare_queue(&mut self, id: QueueId, spec: QueueSpec) -> Result<(), AmqpError> {
        let old_name = self.queue(id).ok_or_else(|| AmqpError::NotFound("no such queue".into()))?.spec.name.clone();
        if spec.name.is_empty() {
            return Err(AmqpError::PreconditionFailed("a queue needs a name".into()));
        }
        if spec.name.starts_with("amq.") {
            return Err(AmqpError::AccessRefused(format!(
                "queue name '{}' contains reserved prefix 'amq.*'",
                spec.name
            )));
        }
        super::check_dead_letter_routing_key(&spec)?;
        let args = self.policies.queue_args(&spec.name, &spec.arguments)?;
        super::check_queue_type(&spec)?;
        if spec.name != old_name && self.queue_names.contains_key(&spec.name) {
            return Err(AmqpError::PreconditionFailed(format!("a queue named '{}' already exists", spec.name)));
        }
        self.queue_names.remove(&old_name);
        self.queue_names.insert(spec.name.clone(), id);
        self.names_ever.insert(id.0, spec.name.clone());
        let queue = &mut self.queues.get_mut(&id).expect("checked above").0;
        queue.spec = spec;
        queue.args = args;
        Ok(())
    }

    /// Changes a binding's routing key and arguments, keeping its id and so its place in
    /// fan-out order.
    pub fn rebind(&mut self, id: BindingId, routing_key: &str, arguments: FieldTable) -> Result<(), AmqpError> {
        let binding = self.binding(id).ok_or_else(|| AmqpError::NotFound("no such binding".into()))?;
        let source = binding.source;
        let kind = self.exchange(source).map_or(ExchangeKind::Direct, |exchange| exchange.spec.kind);
        x_match_for(kind, &arguments)?;
        let duplicate = self.identical_binding(source, binding.destination, routing_key, &arguments);
        if duplicate.is_some_and(|other| other != id) {
            return Err(AmqpError::PreconditionFailed(format!(
                "'{}' is already bound to '{}' with binding key '{routing_key}' and these arguments",
                self.exchange_name(source),
                self.destination_name(binding.destination)
            )));
        }
        let old = binding.clone();
        self.forget_binding_key(&old);
        self.bindings_by_key.entry((source, old.destination, routing_key.to_string())).or_default().push(id);
        let binding = &mut self.bindings.get_mut(&id).expect("checked above").0;
        binding.routing_key = routing_key.to_string();
        binding.arguments = arguments;
        self.reindex(source);
        Ok(())
    }

    /// Rebuilds one exchange's route index from its bindings, in binding order.
    fn reindex(&mut self, exchange: ExchangeId) {
        let Some(kind) = self.exchange(exchange).map(|exchange| exchange.spec.kind) else { return };
        let mut index = RouteIndex::for_kind(kind);
        for binding in self.bindings_from(exchange) {
            let target = (binding.id, binding.destination);
            match &mut index {
                RouteIndex::Direct(by_key) => by_key.entry(binding.routing_key.clone()).or_default().push(target),
                RouteIndex::Fanout(all) => all.push(target),
                RouteIndex::Topic(trie) => trie.insert(&binding.routing_key, target),
                RouteIndex::Headers(all) => {
                    all.push((binding.id, XMatch::from_arguments(&binding.arguments).unwrap_or(XMatch::All)));
                }
            }
        }
        self.route_indexes.insert(exchange, index);
    }
}

/// Refuses an `x-match` that `queue.bind` refuses on a headers exchange (406).
fn x_match_for(kind: ExchangeKind, arguments: &FieldTable) -> Result<(), AmqpError> {
    if kind != ExchangeKind::Headers {
        return Ok(());
    }
    crate::engine::headers::x_match_refusal(arguments).map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::super::{Destination, FieldValue, RoutingInput};
    use super::*;

    fn routed(topology: &Topology, exchange: ExchangeId, key: &str) -> Vec<String> {
        let keys = [key.to_string()];
        let route = topology.route(exchange, RoutingInput { routing_keys: &keys, headers: &FieldTable::new() });
        route.queues.iter().map(|queue| topology.queue_name(*queue).to_string()).collect()
    }

    fn orders() -> (Topology, ExchangeId, QueueId, BindingId) {
        let mut topology = Topology::new();
        let exchange = topology.declare_exchange(ExchangeSpec::new("orders", ExchangeKind::Direct)).unwrap();
        let queue = topology.declare_queue(QueueSpec::new("q")).unwrap();
        let binding = topology.bind(exchange, Destination::Queue(queue), "order.*", FieldTable::new()).unwrap();
        (topology, exchange, queue, binding)
    }

    #[test]
    fn redeclaring_an_exchange_keeps_its_id_and_reindexes_its_bindings() {
        let (mut topology, exchange, _, binding) = orders();
        assert!(routed(&topology, exchange, "order.created").is_empty(), "direct: '*' is a plain word");
        topology.redeclare_exchange(exchange, ExchangeSpec::new("shop", ExchangeKind::Topic)).unwrap();
        assert_eq!(topology.exchange_by_name("shop").map(|x| x.id), Some(exchange));
        assert!(topology.exchange_by_name("orders").is_none());
        assert_eq!(routed(&topology, exchange, "order.created"), ["q"]);
        assert_eq!(topology.bindings_from(exchange)[0].id, binding);
        assert_eq!(topology.exchange_name(exchange), "shop");
    }

    #[test]
    fn redeclaring_an_exchange_refuses_what_declare_refuses() {
        let (mut topology, exchange, _, _) = orders();
        topology.declare_exchange(ExchangeSpec::new("taken", ExchangeKind::Fanout)).unwrap();
        let refuse = |topology: &mut Topology, spec| topology.redeclare_exchange(exchange, spec).unwrap_err().code();
        assert_eq!(refuse(&mut topology, ExchangeSpec::new("amq.mine", ExchangeKind::Direct)), 403);
        assert_eq!(refuse(&mut topology, ExchangeSpec::new("taken", ExchangeKind::Direct)), 406);
        let mut bad = FieldTable::new();
        bad.insert("x-match".into(), FieldValue::Str("some".into()));
        let queue = topology.declare_queue(QueueSpec::new("other")).unwrap();
        topology.bind(exchange, Destination::Queue(queue), "", bad).unwrap();
        assert_eq!(refuse(&mut topology, ExchangeSpec::new("orders", ExchangeKind::Headers)), 406);
        assert_eq!(topology.exchange(exchange).unwrap().spec.kind, ExchangeKind::Direct, "unchanged after a refusal");
        let builtin = topology.exchange_by_name("amq.topic").unwrap().id;
        assert!(topology.redeclare_exchange(builtin, ExchangeSpec::new("amq.topic", ExchangeKind::Direct)).is_err());
    }

    #[test]
    fn redeclaring_a_queue_checks_arguments_with_the_engine_parser() {
        let (mut topology, exchange, queue, _) = orders();
        let mut spec = QueueSpec::new("renamed");
        spec.arguments.insert("x-max-length".into(), FieldValue::Int(3));
        topology.redeclare_queue(queue, spec.clone()).unwrap();
        assert_eq!(topology.queue(queue).unwrap().args.max_length, Some(3));
        assert_eq!(topology.queue_by_name("renamed").map(|q| q.id), Some(queue));
        assert_eq!(routed(&topology, exchange, "order.*"), ["renamed"]);
        spec.arguments.insert("x-max-length".into(), FieldValue::Int(-1));
        let error = topology.redeclare_queue(queue, spec).unwrap_err();
        assert!(error.text().contains("x-max-length"), "{error}");
        assert_eq!(topology.queue(queue).unwrap().args.max_length, Some(3));
        assert_eq!(topology.redeclare_queue(queue, QueueSpec::new("amq.q")).unwrap_err().code(), 403);
    }

    #[test]
    fn rebinding_changes_the_key_in_place() {
        let (mut topology, exchange, queue, binding) = orders();
        let second = topology.bind(exchange, Destination::Queue(queue), "b", FieldTable::new()).unwrap();
        topology.rebind(binding, "a", FieldTable::new()).unwrap();
        assert_eq!(routed(&topology, exchange, "a"), ["q"]);
        assert!(routed(&topology, exchange, "order.*").is_empty());
        let ids: Vec<BindingId> = topology.bindings_from(exchange).iter().map(|b| b.id).collect();
        assert_eq!(ids, [binding, second], "fan-out order is kept");
        assert_eq!(topology.rebind(binding, "b", FieldTable::new()).unwrap_err().code(), 406, "duplicate");
    }
}
