//! missing-required-reference: the profile requires a basis (the national programme in
//! force, the product criteria) that the plan never cites.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::model::CitationRole;
use serde::Serialize;

/// A basis the profile requires at the plan's date and the plan does not cite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingRequiredReference {
    /// "919/QĐ-TTg".
    pub number: String,
    /// The document as a plan cites it, from the registry: "Quyết định số 919/QĐ-TTg ngày
    /// 01/8/2022 của Thủ tướng Chính phủ" (the number alone when the registry lacks it).
    pub document: String,
    /// The registry's (Vietnamese) title of the document, when it has one.
    pub title: Option<String>,
    /// Why the profile requires it (the researchers' English).
    pub note: String,
}

impl Violation for MissingRequiredReference {
    fn message(&self, lang: Lang) -> String {
        let document = &self.document;
        // The registry's titles are Vietnamese; its notes are the researchers' English.
        match lang {
            Lang::Vi => {
                let about = self
                    .title
                    .as_ref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default();
                format!("Kế hoạch chưa viện dẫn {document}{about}. Bổ sung vào phần căn cứ.")
            }
            Lang::En => format!(
                "The plan does not cite {document} ({}). Add it to the legal bases.",
                self.note.trim_end_matches('.')
            ),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let m = &cx.plan.model;
    let title = m.header.title.as_deref().unwrap_or("");
    let Some(profile) = cx.registry.profile_for_title(title) else {
        return;
    };
    if !cx.date.is_known() {
        return;
    }
    let span = cx.title_span();
    // Certain only if the document applies at every date the plan may have.
    let (earliest, latest) = (cx.date.earliest, cx.date.latest);
    for req in &profile.required_references {
        let in_force = req.from.is_none_or(|f| f <= earliest) && req.to.is_none_or(|t| latest <= t);
        if !in_force {
            continue;
        }
        let cited = m
            .citations
            .iter()
            .any(|c| c.role != CitationRole::Related && c.number.eq_ignore_ascii_case(&req.number));
        if cited {
            continue;
        }
        let finding = MissingRequiredReference {
            number: req.number.clone(),
            document: cx.registry.describe_document(&req.number),
            title: cx
                .registry
                .document(&req.number)
                .map(|e| e.title.clone())
                .filter(|t| !t.is_empty()),
            note: req.note.clone(),
        };
        out.emit_span(span, finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    fn without_programme() -> String {
        clean_with("Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;\n", "")
    }

    #[test]
    fn silent_when_the_programme_is_cited() {
        assert!(check(RuleId::MissingRequiredReference, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_when_the_programme_decision_is_absent() {
        let d = check(RuleId::MissingRequiredReference, &without_programme());
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::MissingRequiredReference(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.number, "919/QĐ-TTg");
        assert_eq!(
            f.document,
            "Quyết định số 919/QĐ-TTg ngày 01/08/2022 của Thủ tướng Chính phủ"
        );
        assert_eq!(
            f.title.as_deref(),
            Some("Phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025")
        );
        assert!(
            f.note.starts_with("National OCOP programme 2021-2025"),
            "{f:?}"
        );
    }

    #[test]
    fn message_in_both_languages() {
        let d = check(RuleId::MissingRequiredReference, &without_programme());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch chưa viện dẫn Quyết định số 919/QĐ-TTg ngày 01/08/2022 của Thủ tướng \
             Chính phủ (Phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025). \
             Bổ sung vào phần căn cứ."
        );
        // The note's own full stop is dropped inside the parentheses.
        assert_eq!(
            d[0].message(Lang::En),
            "The plan does not cite Quyết định số 919/QĐ-TTg ngày 01/08/2022 của Thủ tướng \
             Chính phủ (National OCOP programme 2021-2025 (signed and effective 01/8/2022, \
             period ends 31/12/2025)). Add it to the legal bases."
        );
    }
}
