//! target-below-allocation: a quantity the province gives the district that the
//! district's own targets fall short of, or do not mention.

use super::analysis::num;
use super::{CrossRule, ReviewContext};
use crate::rules::Emitter;

pub struct TargetBelowAllocation;

impl CrossRule for TargetBelowAllocation {
    fn name(&self) -> &'static str {
        "target-below-allocation"
    }

    fn check(&self, cx: &ReviewContext, out: &mut Emitter) {
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
            let given = format!(
                "{} {} {} “{}” {} {} ({} {province}, {} {}, {} {})",
                cx.t("Tỉnh giao", "The province gives"),
                cx.district_label(),
                cx.t("chỉ tiêu", "the target"),
                a.what,
                cx.t("là", "of"),
                num(a.value),
                cx.t("Kế hoạch", "plan"),
                a.source,
                cx.t("của bảng", "of the table"),
                cx.t("dòng", "line"),
                a.line
            );
            match c.target {
                Some((t, v)) => out.emit_span(
                    t.location.span,
                    format!(
                        "{given}; {} {} (“{}”, {} {}).",
                        cx.t(
                            "Kế hoạch huyện chỉ đặt mục tiêu",
                            "the district plan only targets"
                        ),
                        num(v),
                        t.text,
                        cx.t("dòng", "line"),
                        t.location.line
                    ),
                ),
                None => out.emit_span(
                    cx.section_span("objectives"),
                    format!(
                        "{given}; {}.",
                        cx.t(
                            "Kế hoạch huyện không có mục tiêu tương ứng",
                            "the district plan has no matching target"
                        )
                    ),
                ),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::review::testing::{clean_with, review, CLEAN};

    const RULE: &str = "target-below-allocation";

    #[test]
    fn silent_when_targets_meet_the_allocation() {
        assert!(review(RULE, CLEAN, Lang::Vi).is_empty());
        let t = clean_with("ít nhất 8 sản phẩm", "ít nhất 10 sản phẩm");
        assert!(review(RULE, &t, Lang::Vi).is_empty());
    }

    #[test]
    fn fires_below_the_allocation_with_both_sides() {
        let t = clean_with("ít nhất 8 sản phẩm", "5 sản phẩm");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        let m = &d[0].message;
        assert!(
            m.contains(
                "Tỉnh giao huyện Lạng Giang chỉ tiêu “Sản phẩm OCOP mới đạt 3 sao trở lên” là 8"
            ),
            "{m}"
        );
        assert!(m.contains("PHỤ LỤC I, dòng 3 của bảng"), "{m}");
        assert!(m.contains("chỉ đặt mục tiêu 5"), "{m}");
        assert!(m.contains("dòng 40"), "{m}");
    }

    #[test]
    fn fires_when_a_star_rating_has_no_target() {
        let t = clean_with("- Có thêm 02 sản phẩm đạt 4 sao.", "");
        let d = review(RULE, &t, Lang::En);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("sản phẩm 4 sao"), "{}", d[0].message);
        assert!(d[0].message.contains("no matching target"));
    }
}
