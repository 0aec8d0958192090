//! missing-section: a section the plan's profile requires is absent.

use super::{Emitter, Rule, RuleContext};
use crate::model::SectionNode;

pub struct MissingSection;

/// The profile used when the title matches none.
const DEFAULT_PROFILE: &str = "ocop-plan";

fn has_key(nodes: &[SectionNode], key: &str) -> bool {
    nodes
        .iter()
        .any(|n| n.key.as_deref() == Some(key) || has_key(&n.children, key))
}

impl Rule for MissingSection {
    fn name(&self) -> &'static str {
        "missing-section"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let m = &cx.plan.model;
        let title = m.header.title.as_deref().unwrap_or("");
        let Some(profile) = cx
            .registry
            .profile_for_title(title)
            .or_else(|| cx.registry.profile(DEFAULT_PROFILE))
        else {
            return;
        };
        let span = cx.title_span();
        for s in profile.sections.iter().filter(|s| s.required) {
            if has_key(&m.sections, &s.key) {
                continue;
            }
            let examples = s
                .headings
                .iter()
                .take(3)
                .map(|h| format!("“{h}”"))
                .collect::<Vec<_>>()
                .join(", ");
            out.emit_span(
                span,
                format!(
                    "{} ({examples}). {}",
                    cx.t(
                        "Kế hoạch thiếu phần bắt buộc",
                        "The plan lacks a required section ("
                    ),
                    cx.t(
                        "Bổ sung phần này với tiêu đề rõ ràng.",
                        "Add it with a clear heading."
                    )
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_when_all_sections_exist() {
        assert!(
            check("missing-section", CLEAN_PLAN).is_empty(),
            "{:?}",
            check("missing-section", CLEAN_PLAN)
        );
    }

    #[test]
    fn fires_for_a_missing_funding_section() {
        let t = clean_with("IV. KINH PHÍ THỰC HIỆN", "IV. CÁC NỘI DUNG KHÁC");
        let d = check("missing-section", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("KINH PHÍ"), "{}", d[0].message);
    }
}
