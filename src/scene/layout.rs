//! Automatic layered layout, for topologies that arrive without positions, and free spots
//! for nodes placed by a click.
//!
//! Messages flow left to right, one band of columns per role: senders (producers, RPC
//! clients, notifiers), then exchanges (an exchange bound to another exchange pushes it one
//! column right), then queues, then receivers. Within a column, nodes follow the average row
//! of what feeds them (one barycentre pass), so edges cross less; ties keep the input order.
//! The layout is compact: columns and rows are as close as the boxes, their state lines and
//! the edges between them allow, and a column taller than the drawing's best shape wraps into
//! sub-columns side by side (row by row, so neighbours stay neighbours), so that the whole
//! drawing fits the desktop canvas at a zoom where names stay readable.

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
/// Distance between column starts: a box (172 wide) and room for the edges between columns.
pub const COLUMN_GAP: f64 = 204.0;
/// Distance between row starts: a box (56 high) and the two state lines a run draws under it.
pub const ROW_GAP: f64 = 96.0;
/// The room `free_spot` keeps around a box: no more than a row leaves under a box and its
/// state lines, so a spot of the layered layout is free.
const CLEARANCE: f64 = 4.0;
/// The canvas the wrapping aims at, in world units at 100%: the desktop window's canvas at
/// the zoom where a node's name is 11 px high, so a drawing of this size fits it readably.
const AIM: Size = Size::new(1000.0, 500.0);

/// Positions (top-left corners) for every node, by column and row.
pub fn layered<K: Ord + Copy>(nodes: &[(K, Band)], edges: &[(K, K)]) -> SortedMap<K, Point> {
    let columns = columns(nodes, edges);
    let n_columns = columns.values().copied().max().map_or(0, |last| last + 1);
    let sizes: Vec<usize> =
        (0..n_columns).map(|column| columns.values().filter(|member| **member == column).count()).collect();
    let rows_cap = best_rows(&sizes);
    let mut row_of: SortedMap<K, f64> = SortedMap::new();
    // The edges by where they go, each node's in input order (a stable sort), so finding a
    // node's feeders reads its own edges, not every edge (a run draws tens of thousands).
    let mut by_target = edges.to_vec();
    crate::engine::order::sort_by(&mut by_target, |a, b| a.1.cmp(&b.1));
    // Each column as its members in order, its sub-column count and its first grid column.
    let mut placed: Vec<(Vec<K>, usize, usize)> = Vec::new();
    let mut first_grid_column = 0;
    for (column, size) in sizes.iter().enumerate() {
        let mut keyed: Vec<(f64, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, (key, _))| columns[key] == column)
            .map(|(order, (key, _))| {
                let first = by_target.partition_point(|(_, to)| to < key);
                let last = by_target.partition_point(|(_, to)| to <= key);
                let feeders: Vec<f64> =
                    by_target[first..last].iter().filter_map(|(from, _)| row_of.get(from).copied()).collect();
                let barycentre =
                    if feeders.is_empty() { order as f64 } else { feeders.iter().sum::<f64>() / feeders.len() as f64 };
                (barycentre, order)
            })
            .collect();
        // By the mean row of their feeders, then by their order in the input.
        crate::engine::order::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let wide = size.div_ceil(rows_cap).max(1);
        let members: Vec<K> = keyed.iter().map(|(_, order)| nodes[*order].0).collect();
        for (idx, key) in members.iter().enumerate() {
            row_of.insert(*key, (idx / wide) as f64);
        }
        placed.push((members, wide, first_grid_column));
        first_grid_column += wide;
    }
    let rows = |(members, wide, _): &(Vec<K>, usize, usize)| members.len().div_ceil(*wide);
    let tallest = placed.iter().map(rows).max().unwrap_or(0);
    let mut positions = SortedMap::new();
    for column in &placed {
        let shift = (tallest - rows(column)) as f64 / 2.0;
        let (members, wide, first) = column;
        for (idx, key) in members.iter().enumerate() {
            let x = MARGIN + (first + idx % wide) as f64 * COLUMN_GAP;
            let y = MARGIN + ((idx / wide) as f64 + shift) * ROW_GAP;
            positions.insert(*key, Point::new(x, y));
        }
    }
    positions
}

/// The most rows a column may have before it wraps: the cap under which the drawing (its
/// columns as `sizes` says) fits [`AIM`] largest, preferring fewer sub-columns on a tie.
fn best_rows(sizes: &[usize]) -> usize {
    let tallest = sizes.iter().copied().max().unwrap_or(0).max(1);
    let fitted = |cap: usize| {
        let wide: usize = sizes.iter().map(|size| size.div_ceil(cap).max(1)).sum();
        let rows = sizes.iter().map(|size| size.div_ceil(size.div_ceil(cap).max(1))).max().unwrap_or(1);
        let extent = Size::new(wide as f64 * COLUMN_GAP, rows as f64 * ROW_GAP);
        (AIM.width / extent.width).min(AIM.height / extent.height).min(1.0)
    };
    let mut best = tallest;
    for cap in (1..tallest).rev() {
        if fitted(cap) > fitted(best) {
            best = cap;
        }
    }
    best
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
            let spot = Rect::new(candidate, size).inflate(CLEARANCE);
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
    fn a_tall_column_wraps_into_sub_columns_row_by_row() {
        let mut nodes = vec![(0, Band::Senders), (1, Band::Exchanges)];
        nodes.extend((10..19).map(|queue| (queue, Band::Queues)));
        nodes.push((2, Band::Receivers));
        let mut edges = vec![(0, 1)];
        edges.extend((10..19).map(|queue| (1, queue)));
        let at = layered(&nodes, &edges);
        let queue_x = MARGIN + 2.0 * COLUMN_GAP;
        assert_eq!((at[&10].x, at[&11].x), (queue_x, queue_x + COLUMN_GAP), "neighbours side by side");
        assert_eq!(at[&12].y, at[&10].y + ROW_GAP);
        assert_eq!(at[&2].x, queue_x + 2.0 * COLUMN_GAP, "receivers right of both sub-columns");
        let mut spots: Vec<(i64, i64)> = at.values().map(|point| (point.x as i64, point.y as i64)).collect();
        spots.sort();
        spots.dedup();
        assert_eq!(spots.len(), nodes.len(), "no two nodes share a spot");
        assert_eq!(layered(&nodes, &edges), at, "deterministic");
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
