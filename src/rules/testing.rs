//! Helpers for rule tests: build a plan from text and run one rule on it.

use super::{run, Diagnostic, RuleId, RunOptions};
use crate::model::{Format, Plan};
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

/// Findings of one rule on a text, judged on 2026-11-25 when the plan has no date.
pub fn check(rule: RuleId, text: &str) -> Vec<Diagnostic> {
    check_plan(rule, &plan(text))
}

pub fn check_plan(rule: RuleId, plan: &Plan) -> Vec<Diagnostic> {
    let options = RunOptions {
        as_of: None,
        review_date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    };
    run(plan, &Registry::embedded(), &options, None, &|r| r == rule).diagnostics
}

/// The clean plan with `from` replaced by `to` (which must occur).
pub fn clean_with(from: &str, to: &str) -> String {
    assert!(CLEAN_PLAN.contains(from), "clean plan has {from:?}");
    CLEAN_PLAN.replacen(from, to, 1)
}

/// The text with every finding's fix applied (last first, so offsets hold). Plans in tests
/// are .txt, where the fix spans are offsets into the text itself.
pub fn apply_fixes(text: &str, findings: &[Diagnostic]) -> String {
    let mut fixes: Vec<_> = findings.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|f| std::cmp::Reverse(f.span.start));
    let mut out = text.to_string();
    for f in fixes {
        out.replace_range(f.span.start..f.span.end, &f.replacement);
    }
    out
}
