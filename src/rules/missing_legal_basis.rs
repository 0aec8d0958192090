//! missing-legal-basis: no preamble or section citing legal bases.

use super::{Emitter, Rule, RuleContext};
use crate::model::CitationRole;

pub struct MissingLegalBasis;

impl Rule for MissingLegalBasis {
    fn name(&self) -> &'static str {
        "missing-legal-basis"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let m = &cx.plan.model;
        if m.citations
            .iter()
            .any(|c| c.role == CitationRole::LegalBasis)
        {
            return;
        }
        let span = cx.title_span();
        out.emit_span(
            span,
            cx.t(
                "Kế hoạch không nêu căn cứ pháp lý. Bổ sung các câu “Căn cứ …” ở phần mở đầu (số, ngày, cơ quan ban hành, trích yếu của từng văn bản) hoặc mục “CƠ SỞ PHÁP LÝ”.",
                "The plan cites no legal basis. Add “Căn cứ …” sentences to the preamble (number, date, issuer, subject of each document) or a “CƠ SỞ PHÁP LÝ” section.",
            )
            .to_string(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, CLEAN_PLAN};

    #[test]
    fn silent_with_bases() {
        assert!(check("missing-legal-basis", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_without_bases() {
        let start = CLEAN_PLAN.find("Căn cứ Quyết định số 919").unwrap();
        let end = CLEAN_PLAN
            .find("Ủy ban nhân dân huyện Yên Thế ban hành")
            .unwrap();
        let t = format!("{}{}", &CLEAN_PLAN[..start], &CLEAN_PLAN[end..]);
        assert_eq!(check("missing-legal-basis", &t).len(), 1);
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
        assert!(check("missing-legal-basis", &t).is_empty(), "{t}");
    }
}
