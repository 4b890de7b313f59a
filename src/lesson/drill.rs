//! The topic drill: a topic exchange's bindings and a routing key generated from a seed, so
//! a learner gets a new question on every attempt and cannot memorise the answers. The
//! question is an ordinary `routed` prediction in a generated lesson: the engine answers it,
//! and the differential corpus checks the generator's questions against a real RabbitMQ:
//! [`corpus`] writes the questions of [`CORPUS_SEEDS`] as the pair `tests/corpus/topic-drill`,
//! and `tests/drill_corpus.rs` fails when those files drift from what this module generates.

use std::ops::RangeInclusive;

use serde_json::{Value, json};

use crate::engine::{Destination, ExchangeKind, ExchangeSpec, FieldTable, QueueSpec, Topology};
use crate::formats::definitions::Definitions;
use crate::formats::script::{PublishProperties, PublishStep, Script, Step};
use crate::lesson::Lesson;
use crate::sim::rng::SimRng;

/// How hard the drill's questions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difficulty {
    /// Two- and three-word keys, `*` only.
    Easy,
    /// `*` and `#`, three queues.
    Medium,
    /// Longer keys, several `#` per binding, empty words.
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    pub fn parse(text: &str) -> Option<Difficulty> {
        Difficulty::ALL.into_iter().find(|difficulty| difficulty.as_str() == text)
    }
}

const WORDS: [&str; 6] = ["kern", "cron", "auth", "disk", "info", "error"];

/// One generated question: bindings of the `drill` topic exchange (queue, binding key) and
/// the routing key of the publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub bindings: Vec<(String, String)>,
    pub routing_key: String,
}

fn word(rng: &mut SimRng, words: &[&str]) -> String {
    words[rng.between(0, words.len() as u64 - 1) as usize].to_string()
}

/// The question for `seed` at `difficulty`: the same seed always gives the same question.
pub fn question(seed: u64, difficulty: Difficulty) -> Question {
    let mut rng = SimRng::from_seed(seed);
    let (n_queues, max_words, words) = match difficulty {
        Difficulty::Easy => (3, 2, &WORDS[..3]),
        Difficulty::Medium => (3, 3, &WORDS[..4]),
        Difficulty::Hard => (4, 4, &WORDS[..]),
    };
    let key_words = rng.between(1, max_words);
    let mut key: Vec<String> = (0..key_words).map(|_| word(&mut rng, words)).collect();
    if difficulty == Difficulty::Hard && rng.chance(200_000) {
        let at = rng.between(0, key.len() as u64 - 1) as usize;
        key[at] = String::new();
    }
    let bindings = (1..=n_queues)
        .map(|idx| {
            let length = rng.between(1, max_words);
            let pattern: Vec<String> = (0..length)
                .map(|position| {
                    // Half the time take the key's own word at this place, so that patterns match often.
                    let roll = rng.between(0, 9);
                    match (difficulty, roll) {
                        (_, 0..=2) => "*".to_string(),
                        (Difficulty::Medium | Difficulty::Hard, 3..=4) => "#".to_string(),
                        (_, 5..=7) => key.get(position as usize).cloned().unwrap_or_else(|| word(&mut rng, words)),
                        _ => word(&mut rng, words),
                    }
                })
                .collect();
            (format!("q{idx}"), pattern.join("."))
        })
        .collect();
    Question { bindings, routing_key: key.join(".") }
}

/// The drill as a lesson of one `routed` question on a generated scenario.
pub fn lesson(seed: u64, difficulty: Difficulty) -> Lesson {
    let Question { bindings, routing_key } = question(seed, difficulty);
    let queues: Vec<Value> = bindings.iter().map(|(queue, _)| json!({"name": queue})).collect();
    let bound: Vec<Value> = bindings
        .iter()
        .map(|(queue, pattern)| {
            json!({"source": "drill", "destination": queue, "destination_type": "queue", "routing_key": pattern})
        })
        .collect();
    let consumers = bindings
        .iter()
        .map(|(queue, _)| json!({"kind": "consumer", "name": format!("C{}", &queue[1..]), "queue": queue}));
    let actors: Vec<Value> = std::iter::once(json!({"kind": "producer", "name": "P", "exchange": "drill",
        "routing_key": routing_key, "count": 1}))
    .chain(consumers)
    .collect();
    let document = json!({
        "kaiten_lesson": 1,
        "name": format!("topic-drill-{}-{seed}", difficulty.as_str()),
        "part": "bus",
        "title": {"en": "Topic drill", "zh-CN": "主题路由练习"},
        "scenario": {
            "kaiten_scenario": 1, "name": "topic-drill", "seed": seed,
            "definitions": {"exchanges": [{"name": "drill", "type": "topic"}], "queues": queues, "bindings": bound},
            "actors": actors,
        },
        "steps": [{
            "kind": "predict",
            "question": {
                "en": format!("P publishes with routing key '{routing_key}'. Which queues receive the message?"),
                "zh-CN": format!("P 以路由键 '{routing_key}' 发布消息。哪些队列会收到它？"),
            },
            "ask": {"kind": "routed", "producer": "P"},
        }],
    });
    Lesson::from_value(document).expect("a drill lesson is valid")
}

/// The seeds whose questions the differential corpus holds, at each difficulty: 3 × 67 = 201
/// questions, the drill's first seeds.
pub const CORPUS_SEEDS: RangeInclusive<u64> = 1..=67;

/// One question's name in the corpus: its exchange, its publish's message id, and the prefix
/// of its queues (`drill-hard-12` has `drill-hard-12-q1` for the drill's `q1`).
pub fn corpus_name(difficulty: Difficulty, seed: u64) -> String {
    format!("drill-{}-{seed}", difficulty.as_str())
}

/// The drill's questions for `seeds` at every difficulty as one pair of the differential
/// corpus: the definitions hold each question's bindings on an exchange and queues of its
/// own (so questions never interfere), and the script publishes each question's routing key
/// once, in difficulty then seed order. The queues a publish reaches are the answer the drill
/// gives for that question.
pub fn corpus(seeds: RangeInclusive<u64>) -> (Definitions, Script) {
    let mut topology = Topology::new();
    let mut script = Script::new();
    for difficulty in Difficulty::ALL {
        for seed in seeds.clone() {
            let name = corpus_name(difficulty, seed);
            let Question { bindings, routing_key } = question(seed, difficulty);
            let exchange = topology
                .declare_exchange(ExchangeSpec::new(name.clone(), ExchangeKind::Topic))
                .expect("a fresh topic exchange declares");
            for (queue, pattern) in &bindings {
                let queue =
                    topology.declare_queue(QueueSpec::new(format!("{name}-{queue}"))).expect("a fresh queue declares");
                topology
                    .bind(exchange, Destination::Queue(queue), pattern, FieldTable::new())
                    .expect("a topic binding binds");
            }
            script.push(Step::Publish(Box::new(PublishStep {
                exchange: name.clone(),
                routing_key,
                body: "x".to_string(),
                properties: PublishProperties { message_id: Some(name), ..PublishProperties::default() },
                ..PublishStep::default()
            })));
        }
    }
    (Definitions::new(topology), script)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::oracle::{Answer, answer};
    use crate::lesson::{Ask, Step};

    #[test]
    fn a_seed_gives_the_same_question_and_the_engine_answers_every_one() {
        assert_eq!(question(7, Difficulty::Hard), question(7, Difficulty::Hard));
        assert_ne!(question(7, Difficulty::Hard), question(8, Difficulty::Hard));
        let mut n_routed = 0;
        for difficulty in Difficulty::ALL {
            for seed in 0..40 {
                let lesson = lesson(seed, difficulty);
                let Step::Predict(predict) = &lesson.steps[0] else { panic!("a prediction") };
                assert!(matches!(predict.ask, Ask::Routed { .. }));
                let oracle = answer(&lesson.scenario, 0, &predict.ask).unwrap();
                if matches!(&oracle.answer, Answer::Choices(queues) if !queues.is_empty()) {
                    n_routed += 1;
                }
            }
        }
        // Questions are neither all "nowhere" nor all "everywhere".
        assert!((30..110).contains(&n_routed), "{n_routed} of 120 questions route somewhere");
    }
}
