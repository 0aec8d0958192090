//! khlint: reads Vietnamese plan documents (Kế hoạch), extracts their content, checks them.
//!
//! Data flows one way: `ingest` (bytes -> text) -> `source` (normalized text with a map
//! back to the original) -> `structure` (lines, sections, tables) -> `extract` (the model)
//! -> `rules` (diagnostics) -> `render`.

pub mod batch;
pub mod check;
pub mod cli;
pub mod config;
pub mod extract;
pub mod grammar;
pub mod i18n;
pub mod ingest;
pub mod lsp;
pub mod model;
pub mod registry;
pub mod render;
pub mod review;
pub mod rules;
pub mod source;
pub mod structure;
pub mod vietnamese;
pub mod vocab;
pub mod walk;
