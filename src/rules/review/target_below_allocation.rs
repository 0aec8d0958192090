//! target-below-allocation: a quantity the province gives the district that the
//! district's own targets fall short of, or do not mention.

use super::ReviewContext;
use crate::i18n::{number as qty, Lang};
use crate::rules::{Emitter, Violation};
use serde::Serialize;

/// An allocation of the province's plan and the district's answer to it (None: no
/// matching target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetBelowAllocation {
    /// "huyện Lạng Giang", when the district plan says which.
    pub district: Option<String>,
    /// What is counted, as the province writes it.
    pub what: String,
    pub allocated: f64,
    /// The province plan's number.
    pub province_number: String,
    /// Where in the province's plan: "PHỤ LỤC I, dòng 3" or "Mục tiêu".
    pub source: String,
    pub province_line: usize,
    pub target: Option<DistrictTarget>,
}

/// The district's best matching target, below the allocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictTarget {
    pub value: f64,
    /// The target as the district plan writes it.
    pub text: String,
    pub line: usize,
}

impl Violation for TargetBelowAllocation {
    fn message(&self, lang: Lang) -> String {
        let (what, province, source, pline) = (
            &self.what,
            &self.province_number,
            &self.source,
            self.province_line,
        );
        let allocated = qty(self.allocated);
        let district = self
            .district
            .as_deref()
            .unwrap_or(lang.pick("huyện", "the district"));
        match (lang, &self.target) {
            (Lang::Vi, Some(t)) => format!(
                "Tỉnh giao {district} chỉ tiêu “{what}” là {allocated} (Kế hoạch {province}, \
                 {source} của bảng, dòng {pline}); Kế hoạch huyện chỉ đặt mục tiêu {} (“{}”, \
                 dòng {}).",
                qty(t.value),
                t.text,
                t.line
            ),
            (Lang::En, Some(t)) => format!(
                "The province gives {district} the target “{what}” of {allocated} (plan \
                 {province}, {source} of the table, line {pline}); the district plan only \
                 targets {} (“{}”, line {}).",
                qty(t.value),
                t.text,
                t.line
            ),
            (Lang::Vi, None) => format!(
                "Tỉnh giao {district} chỉ tiêu “{what}” là {allocated} (Kế hoạch {province}, \
                 {source} của bảng, dòng {pline}); Kế hoạch huyện không có mục tiêu tương ứng."
            ),
            (Lang::En, None) => format!(
                "The province gives {district} the target “{what}” of {allocated} (plan \
                 {province}, {source} of the table, line {pline}); the district plan has no \
                 matching target."
            ),
        }
    }
}

pub(in crate::rules) fn check(cx: &ReviewContext, out: &mut Emitter) {
    let province = cx
        .province
        .model
        .header
        .number
        .as_deref()
        .unwrap_or("")
        .to_string();
    for c in cx.analysis.compare(cx.district) {
        if c.met() {
            continue;
        }
        let a = &c.allocation;
        let mut finding = TargetBelowAllocation {
            district: cx.district_label(),
            what: a.what.clone(),
            allocated: a.value,
            province_number: province.clone(),
            source: a.source.clone(),
            province_line: a.line,
            target: None,
        };
        match c.target {
            Some((t, v)) => {
                finding.target = Some(DistrictTarget {
                    value: v,
                    text: t.text.clone(),
                    line: t.location.line,
                });
                out.emit_span(t.location.span, finding)
            }
            None => out.emit_span(cx.section_span("objectives"), finding),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::{DistrictTarget, TargetBelowAllocation};
    use crate::i18n::Lang;
    use crate::rules::review::testing::{clean_with, review, CLEAN};
    use crate::rules::{Finding, RuleId, Violation};

    const RULE: RuleId = RuleId::TargetBelowAllocation;

    #[test]
    fn silent_when_targets_meet_the_allocation() {
        assert!(review(RULE, CLEAN).is_empty());
        let t = clean_with("ít nhất 8 sản phẩm", "ít nhất 10 sản phẩm");
        assert!(review(RULE, &t).is_empty());
    }

    #[test]
    fn fires_below_the_allocation_with_both_sides() {
        let t = clean_with("ít nhất 8 sản phẩm", "5 sản phẩm");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::TargetBelowAllocation(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.district.as_deref(), Some("huyện Lạng Giang"));
        assert_eq!(f.what, "Sản phẩm OCOP mới đạt 3 sao trở lên");
        assert_eq!(f.allocated, 8.0);
        assert_eq!(f.province_number, "14/KH-UBND");
        assert_eq!(f.source, "PHỤ LỤC I, dòng 3");
        let t = f.target.as_ref().expect("a target below");
        assert_eq!(t.value, 5.0);
        assert_eq!(t.line, 40);
        assert_eq!(d[0].line, 40);
    }

    #[test]
    fn fires_when_a_star_rating_has_no_target() {
        let t = clean_with("- Có thêm 02 sản phẩm đạt 4 sao.", "");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::TargetBelowAllocation(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert!(f.what.contains("sản phẩm 4 sao"), "{f:?}");
        assert_eq!(f.target, None);
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with("ít nhất 8 sản phẩm", "5 sản phẩm");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Tỉnh giao huyện Lạng Giang chỉ tiêu “Sản phẩm OCOP mới đạt 3 sao trở lên” là 8 (Kế \
             hoạch 14/KH-UBND, PHỤ LỤC I, dòng 3 của bảng, dòng 105); Kế hoạch huyện chỉ đặt \
             mục tiêu 5 (“5 sản phẩm OCOP mới đạt 3 sao trở lên”, dòng 40)."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The province gives huyện Lạng Giang the target “Sản phẩm OCOP mới đạt 3 sao trở \
             lên” of 8 (plan 14/KH-UBND, PHỤ LỤC I, dòng 3 of the table, line 105); the \
             district plan only targets 5 (“5 sản phẩm OCOP mới đạt 3 sao trở lên”, line 40)."
        );
    }

    /// A plan that does not say which district it is gets "huyện" / "the district".
    #[test]
    fn an_unnamed_district_is_the_district() {
        let f = TargetBelowAllocation {
            district: None,
            what: "Sản phẩm OCOP mới".into(),
            allocated: 3.0,
            province_number: "14/KH-UBND".into(),
            source: "Mục tiêu".into(),
            province_line: 20,
            target: Some(DistrictTarget {
                value: 2.5,
                text: "2,5 sản phẩm".into(),
                line: 7,
            }),
        };
        assert_eq!(
            f.message(Lang::Vi),
            "Tỉnh giao huyện chỉ tiêu “Sản phẩm OCOP mới” là 3 (Kế hoạch 14/KH-UBND, Mục tiêu \
             của bảng, dòng 20); Kế hoạch huyện chỉ đặt mục tiêu 2.5 (“2,5 sản phẩm”, dòng 7)."
        );
        assert_eq!(
            f.message(Lang::En),
            "The province gives the district the target “Sản phẩm OCOP mới” of 3 (plan \
             14/KH-UBND, Mục tiêu of the table, line 20); the district plan only targets 2.5 \
             (“2,5 sản phẩm”, line 7)."
        );
    }
}
