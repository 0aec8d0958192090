//! khlint: reads Vietnamese plan documents (Kế hoạch), extracts their content, checks them.
//!
//! Data flows one way: `ingest` (bytes -> text) -> `source` (normalized text with a map
//! back to the original) -> `structure` (lines, sections, tables) -> `extract` (the model)
//! -> `rules` (diagnostics) -> `render`.

pub mod grammar;
pub mod i18n;
pub mod ingest;
pub mod registry;
