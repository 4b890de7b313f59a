//! Topic-exchange matching with a trie of binding-key words, as RabbitMQ does it
//! (`rabbit_db_topic_exchange.erl`).
//!
//! Word rules: an empty key has zero words; otherwise the key is split on every `.`,
//! keeping empty words (`"a..b"` is `a`, ``, `b`). In a binding key `*` matches exactly one
//! word and `#` zero or more, but only as whole words (`simply#carrots` is literal).
//! A routing key's `*` and `#` are ordinary words.

use std::collections::BTreeMap;

/// Splits a topic key into words with RabbitMQ's rules.
pub fn split_words(key: &str) -> Vec<&str> {
    if key.is_empty() { Vec::new() } else { key.split('.').collect() }
}

/// A trie over binding-key words; each node lists the payloads of bindings ending there.
#[derive(Debug, Clone)]
pub struct TopicTrie<T> {
    // Invariant: nodes[0] is the root; child indices always point inside `nodes`.
    nodes: Vec<TrieNode<T>>,
}

#[derive(Debug, Clone)]
struct TrieNode<T> {
    literal: BTreeMap<Box<str>, u32>,
    star: Option<u32>,
    hash: Option<u32>,
    ends: Vec<T>,
}

impl<T> TrieNode<T> {
    fn empty() -> Self {
        TrieNode { literal: BTreeMap::new(), star: None, hash: None, ends: Vec::new() }
    }
}

impl<T> Default for TopicTrie<T> {
    fn default() -> Self {
        TopicTrie { nodes: vec![TrieNode::empty()] }
    }
}

impl<T: Copy + PartialEq> TopicTrie<T> {
    /// Adds a binding key with its payload.
    pub fn insert(&mut self, binding_key: &str, payload: T) {
        let mut node_idx = 0usize;
        for word in split_words(binding_key) {
            node_idx = self.child_or_insert(node_idx, word);
        }
        self.nodes[node_idx].ends.push(payload);
    }

    /// Removes one payload from a binding key; empty branches are left in place (they cost
    /// nothing when matching and keep indices stable).
    pub fn remove(&mut self, binding_key: &str, payload: T) {
        let mut node_idx = 0usize;
        for word in split_words(binding_key) {
            let node = &self.nodes[node_idx];
            let next = match word {
                "*" => node.star,
                "#" => node.hash,
                _ => node.literal.get(word).copied(),
            };
            match next {
                Some(next) => node_idx = next as usize,
                None => return,
            }
        }
        let ends = &mut self.nodes[node_idx].ends;
        if let Some(position) = ends.iter().position(|existing| *existing == payload) {
            ends.remove(position);
        }
    }

    /// Appends to `out` the payload of every binding whose key matches `routing_key`.
    /// A payload can appear more than once when several paths reach it (`#.#`); callers
    /// deduplicate destinations anyway, as RabbitMQ does.
    pub fn matches(&self, routing_key: &str, out: &mut Vec<T>) {
        // Split into a stack buffer: routing is hot and most keys have few words.
        const INLINE_WORDS: usize = 16;
        let mut inline = [""; INLINE_WORDS];
        let mut n_words = 0;
        if !routing_key.is_empty() {
            for word in routing_key.split('.') {
                if n_words == INLINE_WORDS {
                    return self.walk(0, &split_words(routing_key), out);
                }
                inline[n_words] = word;
                n_words += 1;
            }
        }
        self.walk(0, &inline[..n_words], out);
    }

    fn walk(&self, node_idx: usize, words: &[&str], out: &mut Vec<T>) {
        let node = &self.nodes[node_idx];
        if let Some(hash) = node.hash {
            // `#` swallows zero or more words: try every split point.
            for skip in 0..=words.len() {
                self.walk(hash as usize, &words[skip..], out);
            }
        }
        let Some((first, rest)) = words.split_first() else {
            out.extend_from_slice(&node.ends);
            return;
        };
        if let Some(child) = node.literal.get(*first) {
            self.walk(*child as usize, rest, out);
        }
        if let Some(star) = node.star {
            self.walk(star as usize, rest, out);
        }
    }

    fn child_or_insert(&mut self, node_idx: usize, word: &str) -> usize {
        let existing = match word {
            "*" => self.nodes[node_idx].star,
            "#" => self.nodes[node_idx].hash,
            _ => self.nodes[node_idx].literal.get(word).copied(),
        };
        if let Some(child) = existing {
            return child as usize;
        }
        let child = u32::try_from(self.nodes.len()).expect("topic trie node count fits in u32");
        self.nodes.push(TrieNode::empty());
        let node = &mut self.nodes[node_idx];
        match word {
            "*" => node.star = Some(child),
            "#" => node.hash = Some(child),
            _ => {
                node.literal.insert(word.into(), child);
            }
        }
        child as usize
    }
}

/// Why a binding key matched a routing key: which routing-key words each binding word took.
/// Used for explanations (`compute.*` matched `compute.host1` with `*` = `host1`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WordMatch {
    pub pattern: String,
    pub words: Vec<String>,
}

/// Matches one binding key against one routing key word by word, returning how each
/// binding word was satisfied, or `None`. This is the plain reference matcher: slower than
/// the trie, used for explanations and to check the trie.
pub fn match_binding(binding_key: &str, routing_key: &str) -> Option<Vec<WordMatch>> {
    let pattern = split_words(binding_key);
    let words = split_words(routing_key);
    let mut taken = Vec::new();
    if match_from(&pattern, &words, &mut taken) { Some(taken) } else { None }
}

fn match_from(pattern: &[&str], words: &[&str], taken: &mut Vec<WordMatch>) -> bool {
    let Some((first, rest)) = pattern.split_first() else {
        return words.is_empty();
    };
    match *first {
        "#" => {
            for skip in 0..=words.len() {
                let mark = taken.len();
                taken.push(WordMatch {
                    pattern: "#".into(),
                    words: words[..skip].iter().map(|word| word.to_string()).collect(),
                });
                if match_from(rest, &words[skip..], taken) {
                    return true;
                }
                taken.truncate(mark);
            }
            false
        }
        literal_or_star => {
            let Some((word, remaining)) = words.split_first() else {
                return false;
            };
            if literal_or_star != "*" && literal_or_star != *word {
                return false;
            }
            taken.push(WordMatch { pattern: literal_or_star.into(), words: vec![word.to_string()] });
            if match_from(rest, remaining, taken) {
                return true;
            }
            taken.pop();
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie_matches(bindings: &[&str], key: &str) -> Vec<usize> {
        let mut trie = TopicTrie::default();
        for (idx, binding) in bindings.iter().enumerate() {
            trie.insert(binding, idx);
        }
        let mut out = Vec::new();
        trie.matches(key, &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn word_rules() {
        assert_eq!(split_words(""), Vec::<&str>::new());
        assert_eq!(split_words("a..b"), vec!["a", "", "b"]);
        assert_eq!(split_words("."), vec!["", ""]);
        assert_eq!(split_words("a."), vec!["a", ""]);
    }

    #[test]
    fn rabbitmq_db_topic_exchange_suite_case_13() {
        let bindings = ["#.c", "#.b.c", "a.#.d", "#.*.#"];
        assert_eq!(trie_matches(&bindings, "a.b.c"), vec![0, 1, 3]);
        assert_eq!(trie_matches(&bindings, "c"), vec![0, 3]);
        assert_eq!(trie_matches(&bindings, "a.d"), vec![2, 3]);
        assert_eq!(trie_matches(&bindings, "a.b.c.d"), vec![2, 3]);
        assert_eq!(trie_matches(&bindings, "x"), vec![3]);
    }

    #[test]
    fn wildcards_only_as_whole_words_and_empty_words_count() {
        assert_eq!(trie_matches(&["simply#carrots"], "simplycarrots"), Vec::<usize>::new());
        assert_eq!(trie_matches(&["a.*.b", "a.#.b", "a.b", "#"], "a..b"), vec![0, 1, 3]);
        assert_eq!(trie_matches(&["*.*", "#", "*"], "."), vec![0, 1]);
        assert_eq!(trie_matches(&["a.*", "a"], "a."), vec![0]);
        assert_eq!(trie_matches(&["#", "foo.bar"], ""), vec![0]);
    }

    #[test]
    fn explanation_names_the_words_each_wildcard_took() {
        let taken = match_binding("compute.*", "compute.host1").unwrap();
        assert_eq!(taken[1], WordMatch { pattern: "*".into(), words: vec!["host1".into()] });
        assert!(match_binding("compute.*", "compute").is_none());
    }
}
