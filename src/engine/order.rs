//! One stable sort for the whole crate. Each `sort_by` on a new element type compiles std's
//! sort again (about 3.5 KB of wasm each), so sorts that run in the browser go through
//! [`sort_by`]: it sorts positions with the one compiled sort, then moves the items.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably: the same order as `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|idx| slots[idx].take()));
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
