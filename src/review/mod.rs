//! Province review: a district plan read against the province's plan it implements.
//!
//! Cross-document rules are small units like `crate::rules`: each reads the district
//! plan, the province plan and their shared [`analysis::Analysis`], and emits diagnostics
//! on the district plan. Their documentation is data in `grammars/review_rules.toml`.
//! `khlint review` ([`cli`]) prints them after the district plan's own `check` findings.

pub mod analysis;
pub mod cli;
mod deadline_after_parent;
mod parent_citation_mismatch;
mod parent_task_not_covered;
mod target_below_allocation;

use crate::check::{Checker, FileReport};
use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::i18n::Lang;
use crate::registry::Registry;
use crate::rules::{Emitter, RuleMeta};
use analysis::Analysis;
use std::path::Path;
use std::sync::OnceLock;

/// Every cross-document rule, in catalogue order.
pub fn all() -> &'static [&'static dyn CrossRule] {
    &[
        &parent_citation_mismatch::ParentCitationMismatch,
        &target_below_allocation::TargetBelowAllocation,
        &deadline_after_parent::DeadlineAfterParent,
        &parent_task_not_covered::ParentTaskNotCovered,
    ]
}

pub trait CrossRule: Sync {
    fn name(&self) -> &'static str;
    fn check(&self, cx: &ReviewContext, out: &mut Emitter);

    fn meta(&self) -> &'static RuleMeta {
        meta(self.name())
    }
}

/// The documentation of the cross-document rules.
pub fn metas() -> &'static [RuleMeta] {
    static META: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    META.get_or_init(|| RuleMeta::parse(include_str!("../../grammars/review_rules.toml")))
}

fn meta(name: &str) -> &'static RuleMeta {
    metas()
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("rule {name} has an entry in grammars/review_rules.toml"))
}

pub struct ReviewContext<'a> {
    pub district: &'a Plan,
    pub province: &'a Plan,
    pub registry: &'a Registry,
    pub analysis: &'a Analysis,
    pub lang: Lang,
}

impl ReviewContext<'_> {
    pub fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }
    /// "huyện Lạng Giang", or "huyện" when the plan does not say which.
    pub fn district_label(&self) -> String {
        self.analysis.district.as_ref().map_or_else(
            || self.t("huyện", "the district").to_string(),
            |p| p.label.clone(),
        )
    }
    /// Where a finding about the plan as a whole goes: its title (or its start).
    pub fn plan_span(&self) -> crate::source::Span {
        let h = &self.district.model.header;
        h.locations
            .get("title")
            .or_else(|| h.locations.get("doc_type"))
            .map(|l| l.span)
            .unwrap_or_default()
    }
    /// Where a finding about a missing task goes: the tasks section heading, else the title.
    pub fn section_span(&self, key: &str) -> crate::source::Span {
        fn find<'s>(
            s: &'s [crate::model::SectionNode],
            key: &str,
        ) -> Option<&'s crate::model::SectionNode> {
            s.iter()
                .find(|n| n.key.as_deref() == Some(key))
                .or_else(|| s.iter().find_map(|n| find(&n.children, key)))
        }
        find(&self.district.model.sections, key)
            .map_or_else(|| self.plan_span(), |n| n.location.span)
    }
}

/// Runs the cross-document rules over a district plan; sorted like `rules::run`.
pub fn run(cx: &ReviewContext, selected: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in all().iter().filter(|r| selected(r.name())) {
        let mut e = Emitter::new(cx.district, rule.name(), rule.meta().severity);
        rule.check(cx, &mut e);
        out.append(&mut e.out);
    }
    out.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    out
}

/// One district plan reviewed: its own check findings and the cross-document ones
/// (merged, by position), with the analysis the report shows.
pub struct Review {
    pub report: FileReport,
    pub analysis: Option<Analysis>,
}

/// Checks a district plan (the checker must keep plans) and reviews it against the province.
pub fn review_file(
    checker: &Checker,
    file: &Path,
    province: &Plan,
    registry: &Registry,
    selected: &dyn Fn(&str) -> bool,
) -> Review {
    let mut report = checker.check_file(file);
    let Some(plan) = report.plan.as_ref() else {
        return Review {
            report,
            analysis: None,
        };
    };
    let analysis = Analysis::new(plan, province, registry);
    let cx = ReviewContext {
        district: plan,
        province,
        registry,
        analysis: &analysis,
        lang: checker.settings().lang,
    };
    let mut cross = run(&cx, selected);
    report.diagnostics.append(&mut cross);
    report
        .diagnostics
        .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    Review {
        report,
        analysis: Some(analysis),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::model::Format;

    pub const PROVINCE: &str = include_str!("../../fixtures/review/bac-giang-2024.txt");
    pub const CLEAN: &str = include_str!("../../fixtures/review/districts/lang-giang-2024.txt");

    pub fn plan(text: &str) -> Plan {
        Plan::from_text(
            "t.txt",
            text.to_string(),
            Format::Txt,
            &Registry::embedded(),
        )
    }

    /// One cross rule's findings on a district text against the fixture province plan.
    pub fn review(rule: &str, district: &str, lang: Lang) -> Vec<Diagnostic> {
        let registry = Registry::embedded();
        let (d, p) = (plan(district), plan(PROVINCE));
        let analysis = Analysis::new(&d, &p, &registry);
        let cx = ReviewContext {
            district: &d,
            province: &p,
            registry: &registry,
            analysis: &analysis,
            lang,
        };
        run(&cx, &|r| r == rule)
    }

    /// The clean district plan with `from` replaced by `to` (which must occur).
    pub fn clean_with(from: &str, to: &str) -> String {
        assert!(CLEAN.contains(from), "clean plan has {from:?}");
        CLEAN.replacen(from, to, 1)
    }

    #[test]
    fn every_rule_is_documented_once() {
        assert_eq!(metas().len(), all().len());
        for r in all() {
            let m = r.meta();
            assert!(!m.summary_vi.is_empty() && !m.explanation_en.is_empty());
            assert!(
                crate::rules::by_name(r.name()).is_none(),
                "{} clashes",
                r.name()
            );
        }
    }

    #[test]
    fn clean_plan_has_no_cross_findings() {
        for r in all() {
            assert!(review(r.name(), CLEAN, Lang::Vi).is_empty(), "{}", r.name());
        }
    }
}
