//! missing-legal-basis: no preamble or section citing legal bases.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::model::CitationRole;
use serde::Serialize;

/// The plan cites no document as a legal basis. There is nothing more to say than that.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingLegalBasis {}

impl Violation for MissingLegalBasis {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => "Kế hoạch không nêu căn cứ pháp lý. Bổ sung các câu “Căn cứ …” ở phần mở đầu (số, ngày, cơ quan ban hành, trích yếu của từng văn bản) hoặc mục “CƠ SỞ PHÁP LÝ”.".to_string(),
            Lang::En => "The plan cites no legal basis. Add “Căn cứ …” sentences to the preamble (number, date, issuer, subject of each document) or a “CƠ SỞ PHÁP LÝ” section.".to_string(),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let m = &cx.plan.model;
    if m.citations
        .iter()
        .any(|c| c.role == CitationRole::LegalBasis)
    {
        return;
    }
    out.emit_span(cx.title_span(), MissingLegalBasis {});
}

#[cfg(test)]
mod tests {
    use super::MissingLegalBasis;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    /// The clean plan without its "Căn cứ …" preamble.
    fn without_bases() -> String {
        let start = CLEAN_PLAN.find("Căn cứ Quyết định số 919").unwrap();
        let end = CLEAN_PLAN
            .find("Ủy ban nhân dân huyện Yên Thế ban hành")
            .unwrap();
        format!("{}{}", &CLEAN_PLAN[..start], &CLEAN_PLAN[end..])
    }

    #[test]
    fn silent_with_bases() {
        assert!(check(RuleId::MissingLegalBasis, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_without_bases() {
        let d = check(RuleId::MissingLegalBasis, &without_bases());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::MissingLegalBasis(MissingLegalBasis {})
        );
    }

    #[test]
    fn a_legal_basis_section_counts() {
        let start = CLEAN_PLAN.find("Căn cứ Quyết định số 919").unwrap();
        let end = CLEAN_PLAN.find("I. MỤC ĐÍCH").unwrap();
        let bases = &CLEAN_PLAN[start..end];
        let t = format!(
            "{}I. CƠ SỞ PHÁP LÝ\n\n{}{}",
            &CLEAN_PLAN[..start],
            bases.replace("Căn cứ ", "- "),
            CLEAN_PLAN[end..].replacen("I. MỤC ĐÍCH", "II. MỤC ĐÍCH", 1)
        );
        assert!(check(RuleId::MissingLegalBasis, &t).is_empty(), "{t}");
    }

    #[test]
    fn message_in_both_languages() {
        let d = check(RuleId::MissingLegalBasis, &without_bases());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch không nêu căn cứ pháp lý. Bổ sung các câu “Căn cứ …” ở phần mở đầu \
             (số, ngày, cơ quan ban hành, trích yếu của từng văn bản) hoặc mục “CƠ SỞ PHÁP LÝ”."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The plan cites no legal basis. Add “Căn cứ …” sentences to the preamble \
             (number, date, issuer, subject of each document) or a “CƠ SỞ PHÁP LÝ” section."
        );
    }
}
