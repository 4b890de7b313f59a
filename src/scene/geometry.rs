//! Plain 2-D geometry for the canvas: points, sizes, rectangles, cubic Bézier curves, and
//! the zoom/pan transform between world coordinates (where nodes live, as a scenario's
//! `layout` saves them) and screen coordinates (CSS pixels inside the canvas element).

use std::ops::{Add, Sub};

/// A point or a vector.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        libm::hypot(self.x - other.x, self.y - other.y)
    }

    pub fn midpoint(self, other: Point) -> Point {
        Point::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }

    pub fn scaled(self, factor: f64) -> Point {
        Point::new(self.x * factor, self.y * factor)
    }
}

impl Add for Point {
    type Output = Point;
    fn add(self, other: Point) -> Point {
        Point::new(self.x + other.x, self.y + other.y)
    }
}

impl Sub for Point {
    type Output = Point;
    fn sub(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub const fn new(width: f64, height: f64) -> Size {
        Size { width, height }
    }

    pub fn center(self) -> Point {
        Point::new(self.width / 2.0, self.height / 2.0)
    }
}

/// An axis-aligned rectangle; `width` and `height` are never negative.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(origin: Point, size: Size) -> Rect {
        Rect { x: origin.x, y: origin.y, width: size.width, height: size.height }
    }

    /// The rectangle spanned by two corners in any order (a rubber band).
    pub fn from_corners(a: Point, b: Point) -> Rect {
        Rect { x: a.x.min(b.x), y: a.y.min(b.y), width: (a.x - b.x).abs(), height: (a.y - b.y).abs() }
    }

    pub fn origin(self) -> Point {
        Point::new(self.x, self.y)
    }

    pub fn size(self) -> Size {
        Size::new(self.width, self.height)
    }

    pub fn right(self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(self) -> f64 {
        self.y + self.height
    }

    pub fn center(self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn contains(self, point: Point) -> bool {
        point.x >= self.x && point.x <= self.right() && point.y >= self.y && point.y <= self.bottom()
    }

    pub fn intersects(self, other: Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    pub fn union(self, other: Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect { x, y, width: self.right().max(other.right()) - x, height: self.bottom().max(other.bottom()) - y }
    }

    /// Grows the rectangle by `margin` on every side.
    pub fn inflate(self, margin: f64) -> Rect {
        Rect {
            x: self.x - margin,
            y: self.y - margin,
            width: self.width + 2.0 * margin,
            height: self.height + 2.0 * margin,
        }
    }
}

/// A cubic Bézier curve, the shape of every edge.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bezier {
    pub start: Point,
    pub control1: Point,
    pub control2: Point,
    pub end: Point,
}

/// Straight segments per curve when measuring distances; plenty for hit-testing.
const SAMPLES: usize = 32;

impl Bezier {
    pub fn at(&self, t: f64) -> Point {
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            a * self.start.x + b * self.control1.x + c * self.control2.x + d * self.end.x,
            a * self.start.y + b * self.control1.y + c * self.control2.y + d * self.end.y,
        )
    }

    /// The shortest distance from `point` to the curve, measured on a polyline of it.
    pub fn distance_to(&self, point: Point) -> f64 {
        let mut best = f64::INFINITY;
        let mut previous = self.start;
        for step in 1..=SAMPLES {
            let next = self.at(step as f64 / SAMPLES as f64);
            best = best.min(segment_distance(previous, next, point));
            previous = next;
        }
        best
    }

    /// SVG path data (`M … C …`), rounded to tenths of a unit.
    /// A box holding the whole curve (a Bézier curve lies inside its control points' hull).
    pub fn bounds(&self) -> Rect {
        let xs = [self.start.x, self.control1.x, self.control2.x, self.end.x];
        let ys = [self.start.y, self.control1.y, self.control2.y, self.end.y];
        let (left, right) =
            (xs.iter().copied().fold(f64::INFINITY, f64::min), xs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        let (top, bottom) =
            (ys.iter().copied().fold(f64::INFINITY, f64::min), ys.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        Rect { x: left, y: top, width: right - left, height: bottom - top }
    }

    pub fn svg_path(&self) -> String {
        let p = |point: Point| format!("{:.1} {:.1}", point.x, point.y);
        format!("M{} C{} {} {}", p(self.start), p(self.control1), p(self.control2), p(self.end))
    }
}

fn segment_distance(a: Point, b: Point, point: Point) -> f64 {
    let along = b - a;
    let length_squared = along.x * along.x + along.y * along.y;
    if length_squared == 0.0 {
        return a.distance(point);
    }
    let t = (((point.x - a.x) * along.x + (point.y - a.y) * along.y) / length_squared).clamp(0.0, 1.0);
    (a + along.scaled(t)).distance(point)
}

/// The smallest and largest zoom.
pub const MIN_SCALE: f64 = 0.25;
pub const MAX_SCALE: f64 = 3.0;
/// Fit-to-view never enlarges past this, so a lone node does not fill the screen.
const MAX_FIT_SCALE: f64 = 1.25;
/// The height of a node's name in world units (the `.node-name` font size in `static/app.css`).
pub const NAME_PX: f64 = 14.0;
/// The smallest height, in CSS pixels, at which a node's name reads comfortably.
pub const READABLE_NAME_PX: f64 = 11.0;
/// The zoom at which a node's name is [`READABLE_NAME_PX`] high.
pub const READABLE_SCALE: f64 = READABLE_NAME_PX / NAME_PX;
/// The smallest height, in CSS pixels, of a node's name in Present, read from the back row.
pub const PRESENT_NAME_PX: f64 = 18.0;
/// The zoom at which a node's name is [`PRESENT_NAME_PX`] high.
pub const PRESENT_SCALE: f64 = PRESENT_NAME_PX / NAME_PX;
/// Present enlarges a small drawing up to this zoom (names 35 px high).
const PRESENT_MAX_SCALE: f64 = 2.5;
/// Room left around the drawing by fit-to-view, in screen pixels.
const FIT_MARGIN: f64 = 20.0;
/// The narrowest canvas on which a readable fit may show only part of a drawing: one that
/// shows a whole flow (four role columns, sender to receiver) at [`READABLE_SCALE`]. A
/// phone's canvas is narrower, and there showing the whole drawing serves better.
pub const READABLE_CANVAS_WIDTH: f64 = 640.0;
/// Room above a drawing shown from its top edge: the canvas's toolbars float over that edge.
const TOOLBAR_ROOM: f64 = 64.0;
/// How strongly one pixel of wheel movement zooms.
const WHEEL_ZOOM_PER_PIXEL: f64 = 0.0015;

/// The zoom/pan transform: `screen = world × scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub scale: f64,
    pub offset: Point,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport { scale: 1.0, offset: Point::new(0.0, 0.0) }
    }
}

impl Viewport {
    pub fn to_world(self, screen: Point) -> Point {
        Point::new((screen.x - self.offset.x) / self.scale, (screen.y - self.offset.y) / self.scale)
    }

    pub fn to_screen(self, world: Point) -> Point {
        Point::new(world.x * self.scale + self.offset.x, world.y * self.scale + self.offset.y)
    }

    /// Zooms by `factor`, keeping the world point under `anchor` (a screen point) in place.
    pub fn zoom_at(self, anchor: Point, factor: f64) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let world = self.to_world(anchor);
        Viewport { scale, offset: Point::new(anchor.x - world.x * scale, anchor.y - world.y * scale) }
    }

    /// Zooms for a wheel turn of `delta_y` pixels at `anchor`: down zooms out, up zooms in.
    pub fn wheel(self, anchor: Point, delta_y: f64) -> Viewport {
        self.zoom_at(anchor, libm::exp(-delta_y * WHEEL_ZOOM_PER_PIXEL))
    }

    /// Moves the drawing by `delta` screen pixels.
    pub fn pan(self, delta: Point) -> Viewport {
        Viewport { scale: self.scale, offset: self.offset + delta }
    }

    /// Two-finger pinch: from `start` (the viewport when both fingers touched down at
    /// `before`), the world point under the fingers' first midpoint follows their midpoint
    /// now, and the zoom follows the distance between them.
    pub fn pinch(start: Viewport, before: (Point, Point), now: (Point, Point)) -> Viewport {
        let spread_before = before.0.distance(before.1).max(1.0);
        let spread_now = now.0.distance(now.1).max(1.0);
        let scale = (start.scale * spread_now / spread_before).clamp(MIN_SCALE, MAX_SCALE);
        let world = start.to_world(before.0.midpoint(before.1));
        let anchor = now.0.midpoint(now.1);
        Viewport { scale, offset: Point::new(anchor.x - world.x * scale, anchor.y - world.y * scale) }
    }

    /// The viewport that shows all of `bounds` (world) centred in a canvas of `size`.
    pub fn fit(bounds: Rect, size: Size) -> Viewport {
        Viewport::fit_up_to(bounds, size, MAX_FIT_SCALE)
    }

    /// [`Viewport::fit`], enlarging at most to `max_scale`.
    fn fit_up_to(bounds: Rect, size: Size, max_scale: f64) -> Viewport {
        let room = Size::new((size.width - 2.0 * FIT_MARGIN).max(1.0), (size.height - 2.0 * FIT_MARGIN).max(1.0));
        let scale =
            (room.width / bounds.width.max(1.0)).min(room.height / bounds.height.max(1.0)).clamp(MIN_SCALE, max_scale);
        let center = bounds.center();
        Viewport {
            scale,
            offset: Point::new(size.width / 2.0 - center.x * scale, size.height / 2.0 - center.y * scale),
        }
    }

    /// Like [`Viewport::fit`], but on a canvas at least [`READABLE_CANVAS_WIDTH`] wide never
    /// smaller than [`READABLE_SCALE`]: along an axis where
    /// the drawing is too big for the canvas at that zoom it shows its start instead (its left
    /// edge, where messages start, at the margin, or its top edge, below the toolbars), and
    /// the rest is a pan away.
    pub fn fit_readable(bounds: Rect, size: Size) -> Viewport {
        Viewport::fit_at_least(bounds, size, READABLE_SCALE, MAX_FIT_SCALE)
    }

    /// The fit of Present: as [`Viewport::fit_readable`], with names at least
    /// [`PRESENT_NAME_PX`] high, and enlarged further to fill a big screen.
    pub fn fit_presented(bounds: Rect, size: Size) -> Viewport {
        Viewport::fit_at_least(bounds, size, PRESENT_SCALE, PRESENT_MAX_SCALE)
    }

    fn fit_at_least(bounds: Rect, size: Size, min_scale: f64, max_scale: f64) -> Viewport {
        let whole = Viewport::fit_up_to(bounds, size, max_scale);
        if whole.scale >= min_scale || size.width < READABLE_CANVAS_WIDTH {
            return whole;
        }
        let scale = min_scale;
        let place = |start: f64, extent: f64, room: f64, margin: f64| {
            if extent * scale <= room { room / 2.0 - (start + extent / 2.0) * scale } else { margin - start * scale }
        };
        Viewport {
            scale,
            offset: Point::new(
                place(bounds.x, bounds.width, size.width, FIT_MARGIN),
                place(bounds.y, bounds.height, size.height, TOOLBAR_ROOM),
            ),
        }
    }

    /// The smallest pan that brings `rect` (world) inside a canvas of `size`, at least
    /// `margin` pixels from its edges (its top-left corner wins when it cannot fit).
    pub fn reveal(self, rect: Rect, size: Size, margin: f64) -> Viewport {
        let near = self.to_screen(rect.origin());
        let far = self.to_screen(Point::new(rect.right(), rect.bottom()));
        let shift = |near: f64, far: f64, room: f64| {
            if near < margin {
                margin - near
            } else if far > room - margin {
                (room - margin - far).max(margin - near)
            } else {
                0.0
            }
        };
        self.pan(Point::new(shift(near.x, far.x, size.width), shift(near.y, far.y, size.height)))
    }

    /// The world rectangle a canvas of `size` shows (what a big topology draws, `Scene::cull`).
    pub fn visible(self, size: Size) -> Rect {
        Rect::from_corners(self.to_world(Point::new(0.0, 0.0)), self.to_world(Point::new(size.width, size.height)))
    }

    /// An SVG `transform` attribute value for the world layer.
    pub fn svg_transform(self) -> String {
        format!("translate({:.2} {:.2}) scale({:.4})", self.offset.x, self.offset.y, self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        a.distance(b) < 1e-9
    }

    #[test]
    fn screen_and_world_are_inverse() {
        let viewport = Viewport { scale: 2.0, offset: Point::new(10.0, -4.0) };
        let world = Point::new(3.0, 7.5);
        assert!(close(viewport.to_world(viewport.to_screen(world)), world));
        assert_eq!(viewport.to_screen(world), Point::new(16.0, 11.0));
    }

    #[test]
    fn zooming_keeps_the_anchor_still_and_is_clamped() {
        let viewport = Viewport { scale: 1.0, offset: Point::new(5.0, 5.0) };
        let anchor = Point::new(200.0, 120.0);
        let zoomed = viewport.zoom_at(anchor, 2.0);
        assert_eq!(zoomed.scale, 2.0);
        assert!(close(zoomed.to_world(anchor), viewport.to_world(anchor)));
        assert_eq!(viewport.zoom_at(anchor, 100.0).scale, MAX_SCALE);
        assert_eq!(viewport.zoom_at(anchor, 0.001).scale, MIN_SCALE);
        assert!(viewport.wheel(anchor, 100.0).scale < 1.0, "wheel down zooms out");
        assert!(viewport.wheel(anchor, -100.0).scale > 1.0, "wheel up zooms in");
    }

    #[test]
    fn panning_moves_the_offset() {
        let viewport = Viewport::default().pan(Point::new(30.0, -10.0));
        assert_eq!(viewport.to_screen(Point::new(0.0, 0.0)), Point::new(30.0, -10.0));
    }

    #[test]
    fn pinching_zooms_by_spread_and_follows_the_midpoint() {
        let start = Viewport::default();
        let before = (Point::new(100.0, 100.0), Point::new(200.0, 100.0));
        let now = (Point::new(50.0, 150.0), Point::new(250.0, 150.0));
        let pinched = Viewport::pinch(start, before, now);
        assert_eq!(pinched.scale, 2.0);
        assert!(close(pinched.to_screen(Point::new(150.0, 100.0)), Point::new(150.0, 150.0)));
    }

    #[test]
    fn fit_centres_the_bounds_inside_the_margin() {
        let bounds = Rect { x: 100.0, y: 100.0, width: 1000.0, height: 200.0 };
        let size = Size::new(500.0 + 2.0 * FIT_MARGIN, 400.0);
        let viewport = Viewport::fit(bounds, size);
        assert!((viewport.scale - 0.5).abs() < 1e-9);
        assert!(close(viewport.to_screen(bounds.center()), size.center()));
        let tiny = Viewport::fit(Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 }, size);
        assert_eq!(tiny.scale, MAX_FIT_SCALE, "a small drawing is not blown up");
        let visible = viewport.visible(size);
        assert!(visible.contains(bounds.origin()) && visible.contains(Point::new(bounds.right(), bounds.bottom())));
    }

    #[test]
    fn a_readable_fit_shows_the_start_of_a_big_drawing() {
        let size = Size::new(READABLE_CANVAS_WIDTH, 400.0);
        let small = Rect { x: 100.0, y: 100.0, width: 400.0, height: 200.0 };
        assert_eq!(Viewport::fit_readable(small, size), Viewport::fit(small, size), "what fits is fitted");
        let wide = Rect { x: 100.0, y: 50.0, width: 3000.0, height: 200.0 };
        let viewport = Viewport::fit_readable(wide, size);
        assert_eq!(viewport.scale, READABLE_SCALE);
        assert!(close(viewport.to_screen(wide.origin()), Point::new(FIT_MARGIN, viewport.to_screen(wide.origin()).y)));
        let middle = viewport.to_screen(wide.center()).y;
        assert!((middle - size.height / 2.0).abs() < 1e-9, "the axis that fits is centred");
        assert!(Viewport::fit(wide, size).scale < READABLE_SCALE);
        let phone = Size::new(360.0, 400.0);
        assert_eq!(Viewport::fit_readable(wide, phone), Viewport::fit(wide, phone), "a phone shows it whole");
    }

    #[test]
    fn reveal_pans_just_enough() {
        let size = Size::new(400.0, 300.0);
        let viewport = Viewport::default();
        let inside = Rect { x: 50.0, y: 50.0, width: 100.0, height: 50.0 };
        assert_eq!(viewport.reveal(inside, size, 10.0), viewport);
        let right = Rect { x: 380.0, y: 50.0, width: 100.0, height: 50.0 };
        assert_eq!(viewport.reveal(right, size, 10.0).offset, Point::new(-90.0, 0.0));
        let above = Rect { x: 50.0, y: -40.0, width: 100.0, height: 50.0 };
        assert_eq!(viewport.reveal(above, size, 10.0).offset, Point::new(0.0, 50.0));
        let huge = Rect { x: 500.0, y: 0.0, width: 1000.0, height: 50.0 };
        assert_eq!(viewport.reveal(huge, size, 10.0).offset.x, -490.0, "too wide: the left edge shows");
    }

    #[test]
    fn rectangles() {
        let band = Rect::from_corners(Point::new(10.0, 50.0), Point::new(0.0, 20.0));
        assert_eq!(band, Rect { x: 0.0, y: 20.0, width: 10.0, height: 30.0 });
        assert!(band.contains(Point::new(5.0, 20.0)));
        assert!(!band.contains(Point::new(11.0, 20.0)));
        let other = Rect { x: 9.0, y: 0.0, width: 5.0, height: 21.0 };
        assert!(band.intersects(other));
        assert_eq!(band.union(other), Rect { x: 0.0, y: 0.0, width: 14.0, height: 50.0 });
        assert_eq!(band.inflate(1.0).width, 12.0);
    }

    #[test]
    fn bezier_ends_and_distance() {
        let curve = Bezier {
            start: Point::new(0.0, 0.0),
            control1: Point::new(50.0, 0.0),
            control2: Point::new(50.0, 0.0),
            end: Point::new(100.0, 0.0),
        };
        assert_eq!(curve.at(0.0), curve.start);
        assert_eq!(curve.at(1.0), curve.end);
        assert!((curve.distance_to(Point::new(40.0, 6.0)) - 6.0).abs() < 1e-9);
        assert_eq!(curve.svg_path(), "M0.0 0.0 C50.0 0.0 50.0 0.0 100.0 0.0");
    }
}
