//! Topic-exchange matching with a trie of binding-key words, as RabbitMQ does it
//! (`rabbit_db_topic_exchange.erl`).
//!
//! Word rules: an empty key has zero words; otherwise the key is split on every `.`,
//! keeping empty words (`"a..b"` is `a`, ``, `b`). In a binding key `*` matches exactly one
//! word and `#` zero or more, but only as whole words (`simply#carrots` is literal).
//! A routing key's `*` and `#` are ordinary words.

use std::collections::BTreeMap;

use crate::engine::SortedMap;

/// Splits a topic key into words with RabbitMQ's rules.
pub fn split_words(key: &str) -> Vec<&str> {
    if key.is_empty() { Vec::new() } else { key.split('.').collect() }
}

/// A binding key's words as the trie stores them: a run of `#` words is one `#` (`#.#`
/// matches exactly what `#` matches), so `#.#.#...` costs one node, not one per word.
fn trie_words(binding_key: &str) -> impl Iterator<Item = &str> {
    let mut after_hash = false;
    split_words(binding_key).into_iter().filter(move |word| {
        let repeat = after_hash && *word == "#";
        after_hash = *word == "#";
        !repeat
    })
}

/// A trie over binding-key words; each node lists the payloads of bindings ending there.
#[derive(Debug, Clone)]
pub struct TopicTrie<T> {
    // Invariant: nodes[0] is the root; child indices always point inside `nodes`.
    nodes: Vec<TrieNode<T>>,
}

#[derive(Debug, Clone)]
struct TrieNode<T> {
    /// A `BTreeMap`, not a `SortedMap`: routing looks words up here on every hop, and with
    /// 10,000 bindings it routes 40% faster (BENCHMARKS.md, topic routing).
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
        for word in trie_words(binding_key) {
            node_idx = self.child_or_insert(node_idx, word);
        }
        self.nodes[node_idx].ends.push(payload);
    }

    /// Removes one payload from a binding key; empty branches are left in place (they cost
    /// nothing when matching and keep indices stable).
    pub fn remove(&mut self, binding_key: &str, payload: T) {
        let mut node_idx = 0usize;
        for word in trie_words(binding_key) {
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

    /// Appends to `out` the payload of every binding whose key matches `routing_key`, each
    /// payload once.
    ///
    /// The walk visits each (trie node, word position) pair at most once, so it stays
    /// polynomial whatever the binding keys: `#.#.#.#.#.#.#.#.#.z` against thirty words is
    /// a few hundred steps, not billions. Only `#` nodes can be reached at more than one
    /// position (every other node's position is its depth plus what the `#` above it took),
    /// so remembering, for each `#` node, the lowest position it was walked from is enough:
    /// a walk from position `p` covers every later position too. The walk uses its own
    /// stack, so a binding key of any length cannot overflow the thread's stack.
    pub fn matches(&self, routing_key: &str, out: &mut Vec<T>) {
        // Split into a stack buffer: routing is hot and most keys have few words.
        const INLINE_WORDS: usize = 16;
        let mut inline = [""; INLINE_WORDS];
        let mut n_words = 0;
        if !routing_key.is_empty() {
            for word in routing_key.split('.') {
                if n_words == INLINE_WORDS {
                    return self.walk(&split_words(routing_key), out);
                }
                inline[n_words] = word;
                n_words += 1;
            }
        }
        self.walk(&inline[..n_words], out);
    }

    fn walk(&self, words: &[&str], out: &mut Vec<T>) {
        let mut hash_from = HashFrom::default();
        let mut pending = Pending::default();
        pending.push((0, 0));
        while let Some((node_idx, position)) = pending.pop() {
            let node = &self.nodes[node_idx as usize];
            if let Some(hash) = node.hash {
                // `#` swallows zero or more words: go on from the `#` node at every position
                // from here to the end, except those an earlier walk already covered.
                let covered_from = hash_from.lower(hash, position, words.len() + 1);
                for from in position..covered_from {
                    pending.push((hash, from));
                }
            }
            let Some(word) = words.get(position) else {
                out.extend_from_slice(&node.ends);
                continue;
            };
            if let Some(child) = node.literal.get(*word) {
                pending.push((*child, position + 1));
            }
            if let Some(star) = node.star {
                pending.push((star, position + 1));
            }
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

/// The walk's stack of (trie node, word position) pairs: inline while small, so routing
/// an ordinary key allocates nothing.
#[derive(Default)]
struct Pending {
    inline: [(u32, usize); 32],
    len: usize,
    spilled: Vec<(u32, usize)>,
}

impl Pending {
    fn push(&mut self, item: (u32, usize)) {
        if self.len < self.inline.len() {
            self.inline[self.len] = item;
            self.len += 1;
        } else {
            self.spilled.push(item);
        }
    }

    fn pop(&mut self) -> Option<(u32, usize)> {
        if let Some(item) = self.spilled.pop() {
            return Some(item);
        }
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        Some(self.inline[self.len])
    }
}

/// For each `#` node walked, the lowest word position it was walked from: a few inline,
/// the rest in a map.
#[derive(Default)]
struct HashFrom {
    inline: [(u32, usize); 8],
    len: usize,
    more: SortedMap<u32, usize>,
}

impl HashFrom {
    /// Records a walk of `hash` from `position`; returns the position up to which (not
    /// included) the walk is new: `position` itself if an earlier walk covered it,
    /// `unseen` if the node was never walked.
    fn lower(&mut self, hash: u32, position: usize, unseen: usize) -> usize {
        let lowest = match self.inline[..self.len].iter_mut().find(|(node, _)| *node == hash) {
            Some((_, lowest)) => Some(lowest),
            None => self.more.get_mut(&hash),
        };
        match lowest {
            Some(lowest) if *lowest <= position => position,
            Some(lowest) => std::mem::replace(lowest, position),
            None => {
                if self.len < self.inline.len() {
                    self.inline[self.len] = (hash, position);
                    self.len += 1;
                } else {
                    self.more.insert(hash, position);
                }
                unseen
            }
        }
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
///
/// When several splits fit, each `#` takes as few words as it can, earliest `#` first. The
/// search is the classic wildcard walk that, on a mismatch, only lets the latest `#` take
/// one more word: an earlier `#` never needs to take more, because the later one can absorb
/// the difference. So it costs at most (binding words × routing words) steps and no memory
/// beyond the answer, whatever the number of `#` words.
pub fn match_binding(binding_key: &str, routing_key: &str) -> Option<Vec<WordMatch>> {
    let pattern = split_words(binding_key);
    let words = split_words(routing_key);
    // How many words each `#` of the pattern takes (0 for other pattern words).
    let mut takes = vec![0usize; pattern.len()];
    // The latest `#` seen: its pattern index and the word position its words start at.
    let mut latest_hash: Option<(usize, usize)> = None;
    let (mut pattern_idx, mut word_idx) = (0, 0);
    loop {
        match pattern.get(pattern_idx) {
            Some(&"#") => {
                takes[pattern_idx] = 0;
                latest_hash = Some((pattern_idx, word_idx));
                pattern_idx += 1;
                continue;
            }
            Some(binding_word)
                if words.get(word_idx).is_some_and(|word| *binding_word == "*" || binding_word == word) =>
            {
                pattern_idx += 1;
                word_idx += 1;
                continue;
            }
            None if word_idx == words.len() => break,
            _ => {}
        }
        // A mismatch: the latest `#` takes one more word, or there is no match.
        let (hash_idx, hash_start) = latest_hash?;
        if hash_start + takes[hash_idx] >= words.len() {
            return None;
        }
        takes[hash_idx] += 1;
        pattern_idx = hash_idx + 1;
        word_idx = hash_start + takes[hash_idx];
    }
    let mut taken = Vec::with_capacity(pattern.len());
    let mut word_idx = 0;
    for (binding_word, take) in pattern.iter().zip(&takes) {
        let n_words = if *binding_word == "#" { *take } else { 1 };
        let words_taken = words[word_idx..word_idx + n_words].iter().map(|word| word.to_string()).collect();
        taken.push(WordMatch { pattern: binding_word.to_string(), words: words_taken });
        word_idx += n_words;
    }
    Some(taken)
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

    /// The exponential matcher Kaiten used to have: every split for every `#`, in order.
    fn naive(pattern: &[&str], words: &[&str], taken: &mut Vec<usize>) -> bool {
        let Some((first, rest)) = pattern.split_first() else { return words.is_empty() };
        match *first {
            "#" => (0..=words.len()).any(|skip| {
                taken.push(skip);
                naive(rest, &words[skip..], taken) || taken.pop().is_none()
            }),
            word => {
                taken.push(1);
                (!words.is_empty() && (word == "*" || word == words[0]) && naive(rest, &words[1..], taken))
                    || taken.pop().is_none()
            }
        }
    }

    fn every_key(alphabet: &[&str], max_words: usize) -> Vec<String> {
        let mut keys = vec![String::new()];
        let mut last = vec![Vec::<&str>::new()];
        for _ in 0..max_words {
            let next: Vec<Vec<&str>> = last
                .iter()
                .flat_map(|prefix| alphabet.iter().map(move |word| [prefix.as_slice(), &[*word]].concat()))
                .collect();
            keys.extend(next.iter().map(|words| words.join(".")));
            last = next;
        }
        keys
    }

    #[test]
    fn trie_and_reference_agree_with_the_exhaustive_matcher_on_every_small_key() {
        let patterns = every_key(&["a", "b", "*", "#"], 4);
        let keys = every_key(&["a", "b", ""], 4);
        for pattern in &patterns {
            let mut trie = TopicTrie::default();
            trie.insert(pattern, 0u8);
            for key in &keys {
                let mut takes = Vec::new();
                let expected = naive(&split_words(pattern), &split_words(key), &mut takes);
                let mut out = Vec::new();
                trie.matches(key, &mut out);
                assert_eq!(out.len(), usize::from(expected), "trie: {pattern:?} against {key:?}");
                let reference = match_binding(pattern, key);
                assert_eq!(reference.is_some(), expected, "reference: {pattern:?} against {key:?}");
                if let Some(reference) = reference {
                    let reference_takes: Vec<usize> = reference.iter().map(|taken| taken.words.len()).collect();
                    assert_eq!(reference_takes, takes, "{pattern:?} against {key:?}");
                }
            }
        }
    }

    #[test]
    fn many_hash_words_stay_polynomial() {
        // 15 `#` words against 30 words, and 32 against 64: exponential before (issue 14).
        let fifteen = format!("{}z", "#.".repeat(15));
        let thirty = vec!["a"; 30].join(".");
        assert_eq!(trie_matches(&[&fifteen], &thirty), Vec::<usize>::new());
        assert!(match_binding(&fifteen, &thirty).is_none());
        let thirty_two = vec!["#"; 32].join(".");
        let sixty_four = vec!["w"; 64].join(".");
        let mut trie = TopicTrie::default();
        trie.insert(&thirty_two, 7u8);
        trie.insert(&format!("{thirty_two}.x"), 8u8);
        let mut out = Vec::new();
        trie.matches(&sixty_four, &mut out);
        assert_eq!(out, vec![7], "each binding once, without duplicates");
        let taken = match_binding(&thirty_two, &sixty_four).unwrap();
        assert_eq!(taken.iter().map(|taken| taken.words.len()).sum::<usize>(), 64);
        assert!(match_binding(&format!("{thirty_two}.x"), &sixty_four).is_none());
    }

    #[test]
    fn a_run_of_hash_words_is_one_trie_node() {
        let mut trie = TopicTrie::default();
        trie.insert(&vec!["#"; 100_000].join("."), 1u8);
        trie.insert("a.#.#.#.b", 2u8);
        assert_eq!(trie.nodes.len(), 1 + 1 + 3, "root, one #; a, #, b");
        let mut out = Vec::new();
        trie.matches("a.x.y.b", &mut out);
        out.sort();
        assert_eq!(out, vec![1, 2]);
        trie.remove("a.#.#.#.b", 2u8);
        out.clear();
        trie.matches("a.b", &mut out);
        assert_eq!(out, vec![1]);
    }

    #[test]
    fn a_binding_key_of_a_million_words_does_not_overflow_the_stack() {
        let long = vec!["a"; 1_000_000].join(".");
        let mut trie = TopicTrie::default();
        trie.insert(&long, 1u8);
        let mut out = Vec::new();
        trie.matches(&long, &mut out);
        assert_eq!(out, vec![1]);
        assert!(match_binding(&long, &long).is_some());
    }

    #[test]
    fn explanation_names_the_words_each_wildcard_took() {
        let taken = match_binding("compute.*", "compute.host1").unwrap();
        assert_eq!(taken[1], WordMatch { pattern: "*".into(), words: vec!["host1".into()] });
        assert!(match_binding("compute.*", "compute").is_none());
    }
}
