//! Pure geometry for the canvas, for any renderer: points, rectangles, curves and the
//! zoom/pan transform (`geometry`), and the automatic layered layout (`layout`). It knows
//! no document and no run: the editor and the studio hand it plain shapes.

pub mod geometry;
pub mod layout;
