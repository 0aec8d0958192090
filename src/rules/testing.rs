//! Helpers for rule tests: build a plan from text and run one rule on it.

use super::{run, RunOptions};
use crate::diagnostic::Diagnostic;
use crate::extract::{Format, Plan};
use crate::i18n::Lang;
use crate::registry::Registry;
use chrono::NaiveDate;

/// A complete, correct district plan: every rule is silent on it.
pub const CLEAN_PLAN: &str = include_str!("../../fixtures/clean/yen-the-2024.txt");

pub fn plan(text: &str) -> Plan {
    Plan::from_text(
        "test.txt",
        text.to_string(),
        Format::Txt,
        &Registry::embedded(),
    )
}

/// Diagnostics of one rule on a text, judged on 2026-11-25 when the plan has no date.
pub fn check(rule: &str, text: &str) -> Vec<Diagnostic> {
    let options = RunOptions {
        lang: Lang::Vi,
        as_of: None,
        review_date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    };
    run(&plan(text), &Registry::embedded(), &options, &|r| r == rule)
}

/// The clean plan with `from` replaced by `to` (which must occur).
pub fn clean_with(from: &str, to: &str) -> String {
    assert!(CLEAN_PLAN.contains(from), "clean plan has {from:?}");
    CLEAN_PLAN.replacen(from, to, 1)
}
