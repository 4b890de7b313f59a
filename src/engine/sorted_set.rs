//! An ordered set kept as a sorted vector: the set counterpart of `litemap::LiteMap`, which
//! Kaiten uses for its small ordered maps and which has no set.
//!
//! Like `BTreeSet` it iterates in order, so whatever iterates it stays deterministic; unlike
//! `BTreeSet` its code is a binary search and a vector's insert and remove, which is what
//! keeps the browser bundle small when a set is compiled for many element types
//! (ARCHITECTURE.md, "Bundle size"). Sets here hold tens to hundreds of elements.

use std::borrow::Borrow;

/// An ordered set of distinct values, held sorted in a vector.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    pub const fn new() -> Self {
        SortedSet(Vec::new())
    }

    /// Adds `value`; false if the set held it already (and then the set is unchanged).
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Removes `value`; false if the set did not hold it.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.0.binary_search_by(|held| held.borrow().cmp(value)) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|held| held.borrow().cmp(value)).is_ok()
    }

    /// The values in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, values: I) {
        for value in values {
            self.insert(value);
        }
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        let mut set = SortedSet::new();
        set.extend(values);
        set
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::SortedSet;

    #[test]
    fn keeps_distinct_values_in_order() {
        let mut set: SortedSet<u32> = [5, 1, 3, 1].into_iter().collect();
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), [1, 3, 5]);
        assert!(!set.insert(3), "held already");
        assert!(set.insert(2));
        assert!(set.remove(&1) && !set.remove(&1));
        assert!(set.contains(&5) && !set.contains(&1));
        assert_eq!((set.len(), set.first()), (3, Some(&2)));
        set.retain(|value| *value != 3);
        assert_eq!(set.into_iter().collect::<Vec<_>>(), [2, 5]);
    }

    #[test]
    fn looks_up_by_a_borrowed_form() {
        let set: SortedSet<String> = ["b".to_string(), "a".to_string()].into_iter().collect();
        assert!(set.contains("a") && !set.contains("c"));
    }
}
