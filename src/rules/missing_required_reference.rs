//! missing-required-reference: the profile requires a basis (the national programme in
//! force, the product criteria) that the plan never cites.

use super::{Emitter, Rule, RuleContext};
use crate::model::CitationRole;

pub struct MissingRequiredReference;

impl Rule for MissingRequiredReference {
    fn name(&self) -> &'static str {
        "missing-required-reference"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let m = &cx.plan.model;
        let title = m.header.title.as_deref().unwrap_or("");
        let Some(profile) = cx.registry.profile_for_title(title) else {
            return;
        };
        let span = cx.title_span();
        let at = cx.date.latest;
        for req in &profile.required_references {
            let in_force = req.from.is_none_or(|f| f <= at) && req.to.is_none_or(|t| at <= t);
            if !in_force {
                continue;
            }
            let cited = m.citations.iter().any(|c| {
                c.role != CitationRole::Related && c.number.eq_ignore_ascii_case(&req.number)
            });
            if cited {
                continue;
            }
            // The registry's titles are Vietnamese; its notes are the researchers' English.
            let about = match (cx.lang, cx.registry.document(&req.number)) {
                (crate::i18n::Lang::En, _) => format!(" ({})", req.note),
                (_, Some(e)) if !e.title.is_empty() => format!(" ({})", e.title),
                _ => String::new(),
            };
            out.emit_span(
                span,
                format!(
                    "{} {}{about}. {}",
                    cx.t("Kế hoạch chưa viện dẫn", "The plan does not cite"),
                    super::superseded_reference::describe(cx, &req.number),
                    cx.t("Bổ sung vào phần căn cứ.", "Add it to the legal bases.")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_when_the_programme_is_cited() {
        assert!(check("missing-required-reference", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_when_the_programme_decision_is_absent() {
        let t = clean_with("Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;\n", "");
        let d = check("missing-required-reference", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("919/QĐ-TTg"));
    }
}
