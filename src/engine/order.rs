//! One stable sort for the whole crate. Each `sort_by` on a new element type compiles std's
//! sort again (about 3.5 KB of wasm each), so sorts that run in the browser go through
//! [`sort_by`]: it sorts positions with the one compiled sort, then moves the items.
//! For the same reason maps are filled through [`insert_all`]: `LiteMap`'s `extend` (and so
//! `collect`) sorts its input, with a sort compiled for every iterator type it is given, and
//! read through [`deserialize_map`], since litemap's own `Deserialize` sorts too.

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

use litemap::LiteMap;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Sorts `items` by `compare`, stably: the same order as `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|idx| slots[idx].take()));
}

/// Inserts `pairs` into `map` one at a time, a later pair replacing an earlier one with the
/// same key (as `extend` does), without compiling a sort for the iterator's type.
pub fn insert_all<K: Ord, V>(map: &mut LiteMap<K, V>, pairs: impl IntoIterator<Item = (K, V)>) {
    for (key, value) in pairs {
        map.insert(key, value);
    }
}

/// A map of `pairs`, as [`insert_all`] fills it.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> LiteMap<K, V> {
    let mut map = LiteMap::new_vec();
    insert_all(&mut map, pairs);
    map
}

/// Reads a map (a JSON object) into a `LiteMap` through [`insert_all`]'s way of filling it;
/// for `#[serde(deserialize_with = ...)]`.
pub fn deserialize_map<'de, D, K, V>(deserializer: D) -> Result<LiteMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    struct Entries<K, V>(PhantomData<(K, V)>);

    impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
        type Value = LiteMap<K, V>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
            let mut map = LiteMap::new_vec();
            while let Some((key, value)) = entries.next_entry()? {
                map.insert(key, value);
            }
            Ok(map)
        }
    }

    deserializer.deserialize_map(Entries(PhantomData))
}

/// The positions `0..len` in stable sorted order; not generic, so compiled once.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_std_does_and_keeps_equal_items_in_order() {
        let items: Vec<(u8, usize)> =
            [3, 1, 2, 1, 3, 0, 2, 1].into_iter().enumerate().map(|(idx, key)| (key, idx)).collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = items;
        std.sort_by_key(|item| item.0);
        assert_eq!(ours, std);
    }
}
