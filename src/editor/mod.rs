//! The topology editor, without any web type: the document being drawn (the engine's own
//! `Topology` plus actors and positions), every edit as an [`Action`] applied by the pure
//! [`EditorState::apply`], undo and redo, copy and paste, connection rules, inspector
//! fields checked by the engine's parsers, pointer gestures, keyboard shortcuts, the live
//! route preview, and conversion to and from scenario files.
//!
//! The web app holds one [`EditorState`] in its root reducer and delegates to `apply`, so
//! all of this is compiled and tested natively.

pub mod clipboard;
pub mod connect;
pub(crate) mod create;
pub mod document;
mod field_edit;
pub mod fields;
pub mod gesture;
pub mod kinds;
pub mod preview;
mod scenario;
pub mod shortcuts;
pub mod state;
pub mod view;

pub use document::{ActorKey, Document, Edge, EdgeId, Item, NodeId};
pub use kinds::{Family, NodeKind};
pub use state::{Action, EditorState};
