//! Pure geometry for the canvas, for any renderer: points, rectangles, curves and the
//! zoom/pan transform (`geometry`), the automatic layered layout (`layout`), and the
//! plain view structs of a document with hit-testing (`view`). Components only map these
//! to SVG.

pub mod geometry;
pub mod layout;
pub mod view;
