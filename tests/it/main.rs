//! The integration tests, as one binary (one link step, as ripgrep does): each module is
//! one area. Tests that need Chromium or Neovim skip themselves, saying so, when the
//! program is missing, except under CI (`CI` set), which installs both and fails without
//! them (`common::program`).

mod common;

mod accuracy;
mod architecture;
mod batch;
mod cli;
mod document_types;
mod extraction;
mod forms;
mod fuzz;
mod hostile;
mod html_browser;
mod ingest_formats;
mod lsp;
mod machine_formats;
mod nvim_lsp;
mod regression;
mod review;
mod rule_fixtures;
mod seeds;
mod snapshots;
mod variants;
