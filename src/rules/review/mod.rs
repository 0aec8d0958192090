//! The review rules: a district or commune plan read against the province's plan it
//! implements. Each reads both plans and their shared [`analysis::Analysis`], and reports
//! on the lower-level plan.

pub mod analysis;
pub(super) mod deadline_after_parent;
pub(super) mod parent_citation_mismatch;
pub(super) mod parent_task_not_covered;
pub(super) mod target_below_allocation;

use crate::model::{Plan, SectionNode};
use crate::registry::Registry;
use crate::source::Span;
use analysis::Analysis;

/// The province's plan and what was read from it against one lower-level plan.
pub struct Parent<'a> {
    pub province: &'a Plan,
    pub analysis: &'a Analysis,
}

impl<'a> Parent<'a> {
    pub(super) fn context<'b>(
        &'b self,
        district: &'b Plan,
        registry: &'b Registry,
    ) -> ReviewContext<'b> {
        ReviewContext {
            district,
            province: self.province,
            registry,
            analysis: self.analysis,
        }
    }
}

pub struct ReviewContext<'a> {
    pub district: &'a Plan,
    pub province: &'a Plan,
    pub registry: &'a Registry,
    pub analysis: &'a Analysis,
}

impl ReviewContext<'_> {
    /// "huyện Lạng Giang", when the plan says which.
    pub fn district_label(&self) -> Option<String> {
        self.analysis.district_label()
    }
    /// Where a finding about the plan as a whole goes: its title (or its start).
    pub fn plan_span(&self) -> Span {
        let h = &self.district.model.header;
        h.locations
            .get("title")
            .or_else(|| h.locations.get("doc_type"))
            .map(|l| l.span)
            .unwrap_or_default()
    }
    /// Where a finding about a missing task goes: the tasks section heading, else the title.
    pub fn section_span(&self, key: &str) -> Span {
        fn find<'s>(s: &'s [SectionNode], key: &str) -> Option<&'s SectionNode> {
            s.iter()
                .find(|n| n.key.as_deref() == Some(key))
                .or_else(|| s.iter().find_map(|n| find(&n.children, key)))
        }
        find(&self.district.model.sections, key)
            .map_or_else(|| self.plan_span(), |n| n.location.span)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::rules::{run, Diagnostic, RuleId, RunOptions};

    pub const PROVINCE: &str = include_str!("../../../fixtures/review/bac-giang-2024.txt");
    pub const CLEAN: &str = include_str!("../../../fixtures/review/districts/lang-giang-2024.txt");

    pub fn plan(text: &str) -> Plan {
        crate::rules::testing::plan(text)
    }

    /// One review rule's findings on a district text against the fixture province plan.
    pub fn review(rule: RuleId, district: &str) -> Vec<Diagnostic> {
        let registry = Registry::embedded();
        let (d, p) = (plan(district), plan(PROVINCE));
        let analysis = Analysis::new(&d, &p, &registry);
        let parent = Parent {
            province: &p,
            analysis: &analysis,
        };
        let options = RunOptions {
            as_of: None,
            review_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        run(&d, &registry, &options, Some(&parent), &|r| r == rule).diagnostics
    }

    /// The clean district plan with `from` replaced by `to` (which must occur).
    pub fn clean_with(from: &str, to: &str) -> String {
        assert!(CLEAN.contains(from), "clean plan has {from:?}");
        CLEAN.replacen(from, to, 1)
    }

    #[test]
    fn clean_plan_has_no_review_findings() {
        for &r in RuleId::ALL {
            if r.scope() == crate::rules::Scope::Review {
                assert!(review(r, CLEAN).is_empty(), "{r}");
            }
        }
    }
}
