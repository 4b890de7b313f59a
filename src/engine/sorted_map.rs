//! An ordered map kept as a sorted vector: `litemap::LiteMap`, with three of its habits
//! changed for Kaiten.
//!
//! A `BTreeMap` compiles its node code again for every key and value type, which made it the
//! largest part of the browser bundle; a sorted vector's code is a binary search and a
//! vector's insert and remove (ARCHITECTURE.md, "Bundle size"). Like `BTreeMap` it iterates
//! in key order, so whatever iterates it stays deterministic. Maps here hold tens to
//! thousands of entries. What this wrapper changes:
//! - `extend`, `collect` and reading from a file insert entry by entry, where litemap sorts
//!   its input first, with a sort compiled for every iterator type it is given;
//! - it is written as a JSON object even when empty (litemap writes an empty map as `[]`);
//! - [`SortedMap::split_off`], as `BTreeMap` has it.
//!
//! Everything else is litemap's, through `Deref`.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use litemap::LiteMap;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// An ordered map, held sorted by key in a vector.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SortedMap<K, V>(LiteMap<K, V>);

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> Self {
        SortedMap(LiteMap::new_vec())
    }

    /// As litemap's, and also callable as a path (`skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Moves the entries with keys at or after `at` into a map of their own.
    pub fn split_off(&mut self, at: &K) -> SortedMap<K, V> {
        let mut head = std::mem::take(&mut self.0).into_tuple_vec();
        let tail = head.split_off(head.partition_point(|(key, _)| key < at));
        self.0 = LiteMap::from_sorted_store_unchecked(head);
        SortedMap(LiteMap::from_sorted_store_unchecked(tail))
    }
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap::new()
    }
}

impl<K, V> Deref for SortedMap<K, V> {
    type Target = LiteMap<K, V>;

    fn deref(&self) -> &LiteMap<K, V> {
        &self.0
    }
}

impl<K, V> DerefMut for SortedMap<K, V> {
    fn deref_mut(&mut self) -> &mut LiteMap<K, V> {
        &mut self.0
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// Inserts entry by entry; a later entry replaces an earlier one with the same key.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.0.insert(key, value);
        }
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = SortedMap::new();
        map.extend(entries);
        map
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = <LiteMap<K, V> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = <&'a LiteMap<K, V> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut SortedMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = <&'a mut LiteMap<K, V> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// Reads a map entry by entry.
struct Entries<K, V>(PhantomData<(K, V)>);

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
    type Value = SortedMap<K, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut map = SortedMap::new();
        while let Some((key, value)) = entries.next_entry()? {
            map.insert(key, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;

    #[test]
    fn keeps_keys_in_order_and_later_entries_win() {
        let mut map: SortedMap<u32, &str> = [(3, "c"), (1, "a"), (3, "z")].into_iter().collect();
        assert_eq!(map.iter().collect::<Vec<_>>(), [(&1, &"a"), (&3, &"z")]);
        map.extend([(2, "b")]);
        let tail = map.split_off(&2);
        assert_eq!(map.into_iter().collect::<Vec<_>>(), [(1, "a")]);
        assert_eq!(tail.into_iter().collect::<Vec<_>>(), [(2, "b"), (3, "z")]);
    }

    #[test]
    fn is_a_json_object_even_when_empty() {
        let empty: SortedMap<String, u32> = SortedMap::new();
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
        let map: SortedMap<String, u32> = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"a":1,"b":2}"#);
    }
}
