//! Converting between the editor's document and a scenario file, so what is drawn can be
//! saved, loaded and run: definitions JSON for the topology, the actors in order, and the
//! canvas positions by name in `layout`. Nodes without a position get one from the
//! automatic layered layout.

use std::sync::Arc;

use crate::editor::document::{Document, NodeId, Settings};
use crate::engine::SortedMap;
use crate::formats::definitions::{Carried, Definitions};
use crate::formats::scenario::{Diagnostic, Position, SCENARIO_VERSION, Scenario};
use crate::scene::geometry::Point;
use crate::scene::layout::layered;

impl Document {
    /// The document a scenario describes. Refused, with every problem and its JSON path,
    /// when its definitions do not load.
    pub fn from_scenario(scenario: &Scenario) -> Result<Document, Vec<Diagnostic>> {
        Document::from_scenario_noting(scenario).map(|(doc, _not_simulated)| doc)
    }

    /// The same, with what its definitions carry that the simulation keeps but does not act
    /// on (paths inside the definitions).
    pub fn from_scenario_noting(scenario: &Scenario) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut doc = Document::default();
        let (definitions, not_simulated) = scenario.definitions_noting()?;
        let (topology, carried) = definitions.into_parts();
        doc.topology = topology;
        doc.settings = Settings {
            name: scenario.name.clone(),
            title: scenario.title.clone(),
            watch: scenario.watch.clone(),
            seed: scenario.seed,
            network: scenario.network,
            script: scenario.script.clone(),
            run_layout: SortedMap::new(),
            carried: Arc::new(carried.completed()),
        };
        for actor in &scenario.actors {
            doc.add_actor(actor.clone());
        }
        let nodes = doc.nodes();
        for node in &nodes {
            let saved = doc.name(*node).and_then(|name| scenario.layout.get(name));
            if let Some(position) = saved {
                doc.set_position(*node, Point::new(position.x, position.y));
            }
        }
        for (name, position) in &scenario.layout {
            if doc.node_named(name).is_none() {
                doc.settings.run_layout.insert(name.clone(), Point::new(position.x, position.y));
            }
        }
        if nodes.iter().any(|node| doc.position(*node).is_none()) {
            doc.lay_out_missing();
        }
        Ok((doc, not_simulated))
    }

    /// The nodes to which `scenario` (the one this document was made from) gives no position
    /// in its `layout`: the automatic layout placed them.
    pub fn unsaved_positions(&self, scenario: &Scenario) -> Vec<NodeId> {
        let saved = |node: &NodeId| self.name(*node).is_some_and(|name| scenario.layout.contains_key(name));
        self.nodes().into_iter().filter(|node| !saved(node)).collect()
    }

    /// Places every node without a position where the layered layout puts it.
    fn lay_out_missing(&mut self) {
        let bands: Vec<(NodeId, _)> =
            self.nodes().into_iter().filter_map(|node| Some((node, self.kind(node)?.band()))).collect();
        let edges: Vec<(NodeId, NodeId)> = self.edges().iter().map(|edge| (edge.from, edge.to)).collect();
        for (node, at) in layered(&bands, &edges) {
            if self.position(node).is_none() {
                self.set_position(node, at);
            }
        }
    }

    /// Whether `other` runs exactly as this document does: they differ at most in where
    /// nodes are drawn (a node was dragged), so a run of one is a run of the other.
    pub fn runs_like(&self, other: &Document) -> bool {
        self.settings.script == other.settings.script && self.runs_like_but_for_script(other)
    }

    /// Whether the other document runs like this one but for what its script does to the run.
    pub fn runs_like_but_for_script(&self, other: &Document) -> bool {
        let (mine, theirs) = (&self.settings, &other.settings);
        mine.seed == theirs.seed
            && mine.network == theirs.network
            && self.actors().eq(other.actors())
            && self.topology.declares_the_same_as(&other.topology)
    }

    /// The world that runs this document: its actors and script around a copy of its own
    /// topology, so every exchange, queue and binding keeps its id on the canvas.
    pub fn build_world(&self) -> Result<crate::sim::World, Vec<Diagnostic>> {
        let mut scenario = self.to_scenario_without_definitions();
        scenario.definitions = serde_json::Value::Null;
        scenario.build_on(self.topology.clone(), self.settings.seed)
    }

    /// The scenario this document is: RabbitMQ definitions for the topology, the actors in
    /// creation order, and every node's position by name.
    pub fn to_scenario(&self) -> Scenario {
        let mut scenario = self.to_scenario_without_definitions();
        scenario.definitions = self.definitions().to_json();
        scenario
    }

    /// The topology as RabbitMQ definitions, with everything the opened definitions carried
    /// besides it.
    pub fn definitions(&self) -> Definitions {
        Definitions::carrying(self.topology.clone(), Carried::clone(&self.settings.carried))
    }

    fn to_scenario_without_definitions(&self) -> Scenario {
        let drawn = self.nodes().into_iter().filter_map(|node| {
            let at = self.position(node)?;
            Some((self.name(node)?.to_string(), Position { x: at.x.round(), y: at.y.round() }))
        });
        let declared = self.settings.run_layout.iter().filter(|(name, _)| self.node_named(name).is_none());
        let mut layout = SortedMap::from_iter(
            declared.map(|(name, at)| (name.clone(), Position { x: at.x.round(), y: at.y.round() })),
        );
        layout.extend(drawn);
        Scenario {
            kaiten_scenario: SCENARIO_VERSION,
            name: self.settings.name.clone(),
            title: self.settings.title.clone(),
            watch: self.settings.watch.clone(),
            seed: self.settings.seed,
            network: self.settings.network,
            definitions: serde_json::Value::Null,
            actors: self.actors().map(|(_, actor)| actor.clone()).collect(),
            script: self.settings.script.clone(),
            layout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::kinds::NodeKind;

    #[test]
    fn a_builtin_scenario_round_trips() {
        let mut scenario = crate::scenarios::builtin("topics").expect("exists").expect("loads");
        scenario.layout.insert("kernel".into(), Position { x: 500.0, y: 192.0 });
        let doc = Document::from_scenario(&scenario).unwrap();
        assert_eq!(doc.nodes().len(), 8);
        assert_eq!(doc.edges().len(), 3 + 3 + 2);
        let kernel = doc.node_named("kernel").unwrap();
        assert_eq!(doc.position(kernel), Some(Point::new(500.0, 192.0)), "a saved position wins");
        assert_eq!(doc.unsaved_positions(&scenario).len(), 7);
        let saved = doc.to_scenario();
        assert_eq!(saved.layout.len(), 8, "every node's position is saved");
        assert_eq!(saved.layout.get("kernel"), scenario.layout.get("kernel"));
        assert_eq!(saved.actors, scenario.actors);
        let again = Document::from_scenario(&Scenario::from_json(&saved.to_json()).unwrap()).unwrap();
        assert_eq!(again.to_scenario(), saved);
        assert!(saved.build(1).is_ok(), "the saved scenario runs");
    }

    #[test]
    fn nodes_without_positions_are_laid_out_in_layers() {
        let mut scenario = crate::scenarios::builtin("topics").expect("exists").expect("loads");
        scenario.layout.clear();
        let doc = Document::from_scenario(&scenario).unwrap();
        let x_of = |name: &str| doc.position(doc.node_named(name).unwrap()).unwrap().x;
        assert!(x_of("kernel_log") < x_of("topic_logs"));
        assert!(x_of("topic_logs") < x_of("kernel"));
        assert!(x_of("kernel") < x_of("oncall"));
        assert_eq!(doc.kind(doc.node_named("oncall").unwrap()), Some(NodeKind::Consumer));
    }

    #[test]
    fn broken_definitions_are_refused_with_their_path() {
        let mut scenario = crate::scenarios::builtin("topics").expect("exists").expect("loads");
        scenario.definitions = serde_json::json!({"queues": [{"name": "q", "arguments": {"x-max-length": "many"}}]});
        let problems = Document::from_scenario(&scenario).unwrap_err();
        assert!(problems[0].path.starts_with("definitions.queues[0]"), "{problems:?}");
    }
}
