//! Automatic layered layout, for topologies that arrive without positions, and free spots
//! for nodes placed by a click.
//!
//! Messages flow left to right: senders (producers, RPC clients, notifiers), then exchanges
//! (an exchange bound to another exchange pushes it one column right), then queues, then
//! receivers. Within a column, nodes follow the average row of what feeds them (one
//! barycentre pass), so edges cross less; ties keep the input order.

use crate::engine::SortedMap;
use crate::scene::geometry::{Point, Rect, Size};

/// Which band of columns a node belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Senders,
    Exchanges,
    Queues,
    Receivers,
}

/// Top-left corner of the first column's first node.
pub const MARGIN: f64 = 40.0;
/// Distance between column starts and between row starts.
pub const COLUMN_GAP: f64 = 270.0;
pub const ROW_GAP: f64 = 96.0;

/// Positions (top-left corners) for every node, by column and row.
pub fn layered<K: Ord + Copy>(nodes: &[(K, Band)], edges: &[(K, K)]) -> SortedMap<K, Point> {
    let columns = columns(nodes, edges);
    let n_columns = columns.values().copied().max().map_or(0, |last| last + 1);
    let mut rows: Vec<Vec<K>> = vec![Vec::new(); n_columns];
    let mut row_of: SortedMap<K, f64> = SortedMap::new();
    for (column, members) in rows.iter_mut().enumerate() {
        let mut keyed: Vec<(f64, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, (key, _))| columns[key] == column)
            .map(|(order, (key, _))| {
                let feeders: Vec<f64> = edges
                    .iter()
                    .filter(|(_, to)| to == key)
                    .filter_map(|(from, _)| row_of.get(from).copied())
                    .collect();
                let barycentre =
                    if feeders.is_empty() { order as f64 } else { feeders.iter().sum::<f64>() / feeders.len() as f64 };
                (barycentre, order)
            })
            .collect();
        // By the mean row of their feeders, then by their order in the input.
        crate::engine::order::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (row, (_, order)) in keyed.iter().enumerate() {
            let key = nodes[*order].0;
            row_of.insert(key, row as f64);
            members.push(key);
        }
    }
    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut positions = SortedMap::new();
    for (column, members) in rows.iter().enumerate() {
        let shift = (tallest - members.len()) as f64 / 2.0;
        for (row, key) in members.iter().enumerate() {
            let x = MARGIN + column as f64 * COLUMN_GAP;
            let y = MARGIN + (row as f64 + shift) * ROW_GAP;
            positions.insert(*key, Point::new(x, y));
        }
    }
    positions
}

/// Column of each node: exchanges go one column right of any exchange bound to them
/// (longest path, bounded so a cycle cannot loop), queues right of every exchange.
fn columns<K: Ord + Copy>(nodes: &[(K, Band)], edges: &[(K, K)]) -> SortedMap<K, usize> {
    let band: SortedMap<K, Band> = SortedMap::from_iter(nodes.iter().copied());
    let mut depth: SortedMap<K, usize> =
        SortedMap::from_iter(nodes.iter().filter(|(_, band)| *band == Band::Exchanges).map(|(key, _)| (*key, 0)));
    for _ in 0..depth.len() {
        let mut changed = false;
        for (from, to) in edges {
            if let (Some(&from_depth), Some(&to_depth)) = (depth.get(from), depth.get(to))
                && to_depth < from_depth + 1
            {
                depth.insert(*to, from_depth + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let has_senders = nodes.iter().any(|(_, band)| *band == Band::Senders);
    let first_exchange = usize::from(has_senders);
    let exchange_columns = depth.values().copied().max().map_or(0, |deepest| deepest + 1);
    let queue_column = first_exchange + exchange_columns;
    let has_queues = band.values().any(|band| *band == Band::Queues);
    let receiver_column = queue_column + usize::from(has_queues);
    SortedMap::from_iter(nodes.iter().map(|(key, band)| {
        let column = match band {
            Band::Senders => 0,
            Band::Exchanges => first_exchange + depth[key],
            Band::Queues => queue_column,
            Band::Receivers => receiver_column,
        };
        (*key, column)
    }))
}

/// The first position at or after `wanted` where a box of `size` overlaps none of
/// `occupied`, searching down the column and then in the next columns.
pub fn free_spot(occupied: &[Rect], wanted: Point, size: Size) -> Point {
    let step_y = size.height / 2.0 + 8.0;
    let step_x = size.width + 24.0;
    for column in 0..8 {
        for row in 0..12 {
            let candidate = Point::new(wanted.x + column as f64 * step_x, wanted.y + row as f64 * step_y);
            let spot = Rect::new(candidate, size).inflate(6.0);
            if !occupied.iter().any(|rect| rect.intersects(spot)) {
                return candidate;
            }
        }
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producers_exchanges_queues_consumers_left_to_right() {
        let nodes = [
            ("c1", Band::Receivers),
            ("q1", Band::Queues),
            ("x", Band::Exchanges),
            ("p", Band::Senders),
            ("q2", Band::Queues),
            ("c2", Band::Receivers),
        ];
        let edges = [("p", "x"), ("x", "q1"), ("x", "q2"), ("q1", "c1"), ("q2", "c2")];
        let at = layered(&nodes, &edges);
        assert_eq!(at[&"p"].x, MARGIN);
        assert_eq!(at[&"x"].x, MARGIN + COLUMN_GAP);
        assert_eq!(at[&"q1"].x, MARGIN + 2.0 * COLUMN_GAP);
        assert_eq!(at[&"c2"].x, MARGIN + 3.0 * COLUMN_GAP);
        assert_eq!(at[&"q1"].y, MARGIN);
        assert_eq!(at[&"q2"].y, MARGIN + ROW_GAP);
        assert_eq!(at[&"p"].y, MARGIN + ROW_GAP / 2.0, "a short column is centred");
        assert_eq!(at[&"c1"].y, at[&"q1"].y, "consumers line up with their queues");
    }

    #[test]
    fn exchange_to_exchange_bindings_add_columns_and_cycles_end() {
        let nodes = [("a", Band::Exchanges), ("b", Band::Exchanges), ("q", Band::Queues)];
        let at = layered(&nodes, &[("a", "b"), ("b", "q")]);
        assert_eq!((at[&"a"].x, at[&"b"].x, at[&"q"].x), (MARGIN, MARGIN + COLUMN_GAP, MARGIN + 2.0 * COLUMN_GAP));
        let looped = layered(&nodes, &[("a", "b"), ("b", "a")]);
        assert_eq!(looped.len(), 3);
    }

    #[test]
    fn barycentres_uncross_edges() {
        let nodes = [("x1", Band::Exchanges), ("x2", Band::Exchanges), ("qa", Band::Queues), ("qb", Band::Queues)];
        let at = layered(&nodes, &[("x2", "qa"), ("x1", "qb")]);
        assert!(at[&"qb"].y < at[&"qa"].y, "qb follows x1, the upper exchange");
    }

    #[test]
    fn free_spots_avoid_occupied_boxes() {
        let size = Size::new(100.0, 40.0);
        let taken = [Rect::new(Point::new(0.0, 0.0), size)];
        assert_eq!(free_spot(&[], Point::new(0.0, 0.0), size), Point::new(0.0, 0.0));
        let spot = free_spot(&taken, Point::new(0.0, 0.0), size);
        assert!(!Rect::new(spot, size).intersects(taken[0]));
    }
}
