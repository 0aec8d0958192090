//! missing-section: a section the plan's profile requires is absent.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::model::SectionNode;
use serde::Serialize;

/// A required section of the profile that no heading of the plan matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingSection {
    /// The profile's key for the section ("funding").
    pub key: String,
    /// Up to three of the headings the profile accepts for it ("KINH PHÍ THỰC HIỆN").
    pub headings: Vec<String>,
}

impl Violation for MissingSection {
    fn message(&self, lang: Lang) -> String {
        let examples = self
            .headings
            .iter()
            .map(|h| format!("“{h}”"))
            .collect::<Vec<_>>()
            .join(", ");
        match lang {
            Lang::Vi => format!(
                "Kế hoạch thiếu phần bắt buộc ({examples}). Bổ sung phần này với tiêu đề rõ ràng."
            ),
            Lang::En => {
                format!(
                    "The plan lacks a required section ({examples}). Add it with a clear heading."
                )
            }
        }
    }
}

/// The profile used when the title matches none.
const DEFAULT_PROFILE: &str = "ocop-plan";

fn has_key(nodes: &[SectionNode], key: &str) -> bool {
    nodes
        .iter()
        .any(|n| n.key.as_deref() == Some(key) || has_key(&n.children, key))
}

/// A direct subsection of a top-level section whose title opens with one of `headings`
/// ("V. GIẢI PHÁP" / "6. Bảo đảm kinh phí"). Deeper, it is a task's content ("4.1. Kinh phí
/// thực hiện" under a task's resources), not a part of the plan.
fn has_nested(nodes: &[SectionNode], headings: &[String]) -> bool {
    nodes.iter().flat_map(|n| &n.children).any(|n| {
        headings
            .iter()
            .any(|h| crate::grammar::prefix_len_ignore_case(&n.title, h).is_some())
    })
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
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
        if has_key(&m.sections, &s.key) || has_nested(&m.sections, &s.nested_headings) {
            continue;
        }
        let finding = MissingSection {
            key: s.key.clone(),
            headings: s.headings.iter().take(3).cloned().collect(),
        };
        out.emit_span(span, finding);
    }
}

#[cfg(test)]
mod tests {
    use super::MissingSection;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    fn without_funding() -> String {
        clean_with("IV. KINH PHÍ THỰC HIỆN", "IV. CÁC NỘI DUNG KHÁC")
    }

    #[test]
    fn silent_when_all_sections_exist() {
        let d = check(RuleId::MissingSection, CLEAN_PLAN);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn fires_for_a_missing_funding_section() {
        let d = check(RuleId::MissingSection, &without_funding());
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::MissingSection(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(
            f,
            &MissingSection {
                key: "funding".into(),
                headings: vec![
                    "KINH PHÍ".into(),
                    "NGUỒN VỐN".into(),
                    "NGUỒN KINH PHÍ".into()
                ],
            }
        );
    }

    #[test]
    fn a_funding_subsection_of_another_section_is_funding() {
        // Real plan 179/KH-UBND: "6. Bảo đảm kinh phí" under the solutions.
        let t = without_funding().replace(
            "IV. CÁC NỘI DUNG KHÁC",
            "IV. CÁC NỘI DUNG KHÁC\n1. Tuyên truyền\n2. Bảo đảm kinh phí thực hiện",
        );
        let d = check(RuleId::MissingSection, &t);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn funding_deep_inside_a_task_is_not_a_funding_section() {
        // Real plan 308/KH-UBND: "4.1. Kinh phí thực hiện" under a task's "4. Về nguồn lực".
        let t = without_funding().replace(
            "IV. CÁC NỘI DUNG KHÁC",
            "IV. CÁC NHIỆM VỤ KHÁC\n1. Về nguồn lực\n1.1. Kinh phí thực hiện",
        );
        assert_eq!(check(RuleId::MissingSection, &t).len(), 1);
    }

    #[test]
    fn message_in_both_languages() {
        let d = check(RuleId::MissingSection, &without_funding());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch thiếu phần bắt buộc (“KINH PHÍ”, “NGUỒN VỐN”, “NGUỒN KINH PHÍ”). \
             Bổ sung phần này với tiêu đề rõ ràng."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The plan lacks a required section (“KINH PHÍ”, “NGUỒN VỐN”, “NGUỒN KINH PHÍ”). \
             Add it with a clear heading."
        );
    }
}
