//! parent-citation-mismatch: the district plan must cite the province's plan with its
//! number, date and issuer.

use super::analysis::{dmy, fold};
use super::{CrossRule, ReviewContext};
use crate::diagnostic::Fix;
use crate::model::Citation;
use crate::rules::Emitter;
use chrono::{Datelike, NaiveDate};

pub struct ParentCitationMismatch;

fn date(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Numbers compared without case, spaces or the Đ/D difference.
fn same_number(a: &str, b: &str) -> bool {
    let f = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'đ' { 'd' } else { c })
            .collect::<String>()
    };
    f(a) == f(b)
}

impl CrossRule for ParentCitationMismatch {
    fn name(&self) -> &'static str {
        "parent-citation-mismatch"
    }

    fn check(&self, cx: &ReviewContext, out: &mut Emitter) {
        let h = &cx.province.model.header;
        let Some(number) = h.number.as_deref() else {
            return;
        };
        let pdate = date(&h.date);
        let place = cx.analysis.province_place.as_ref();
        // The citation names the province (or just "UBND tỉnh") as its issuer.
        let issuer_ok = |c: &Citation| {
            c.issuer.as_deref().is_none_or(|i| {
                place.is_none_or(|p| p.named_in(i)) || fold(i).trim_end().ends_with(" tỉnh")
            })
        };
        let plans: Vec<&Citation> = cx
            .district
            .model
            .citations
            .iter()
            .filter(|c| c.role != crate::model::CitationRole::Related && c.kind == "Kế hoạch")
            .collect();
        let reference = &cx.analysis.province_ref;
        if let Some(c) = plans.iter().find(|c| same_number(&c.number, number)) {
            let cdate = date(&c.date);
            if let (Some(p), Some(d)) = (pdate, cdate) {
                if p != d {
                    let msg = format!(
                        "{} {} {} {}; {} {} {}.",
                        cx.t(
                            "Kế hoạch huyện viện dẫn Kế hoạch số",
                            "The district plan cites plan"
                        ),
                        c.number,
                        cx.t("ngày", "dated"),
                        dmy(d),
                        cx.t("nhưng Kế hoạch của tỉnh là", "but the province's plan is"),
                        reference,
                        cx.t("(ngày khác nhau)", "(the dates differ)")
                    );
                    let fix = c.date_span.map(|span| Fix {
                        description: cx
                            .t(
                                "Sửa ngày theo Kế hoạch tỉnh",
                                "Use the province plan's date",
                            )
                            .to_string(),
                        replacement: format!("ngày {}", dmy(p)),
                        span,
                    });
                    out.emit_span(c.span, msg).fix = fix;
                }
            }
            if !issuer_ok(c) {
                let msg = format!(
                    "{} {} {} “{}”; {} {}.",
                    cx.t(
                        "Kế hoạch huyện ghi Kế hoạch số",
                        "The district plan attributes plan"
                    ),
                    c.number,
                    cx.t("của", "to"),
                    c.issuer.as_deref().unwrap_or(""),
                    cx.t("nhưng Kế hoạch của tỉnh là", "but the province's plan is"),
                    reference
                );
                out.emit_span(c.span, msg);
            }
            return;
        }
        // Another plan of the province, of the same year: the number is wrong.
        let same_year = |c: &&&Citation| {
            date(&c.date).is_some_and(|d| pdate.is_some_and(|p| p.year() == d.year()))
        };
        let candidate = plans
            .iter()
            .filter(|c| issuer_ok(c) && c.issuer.is_some() && same_year(c))
            .min_by_key(|c| {
                date(&c.date).map_or(i64::MAX, |d| {
                    pdate.map_or(i64::MAX, |p| (d - p).num_days().abs())
                })
            });
        if let Some(c) = candidate {
            let msg = format!(
                "{} {}{} {} {}; {} {}.",
                cx.t(
                    "Kế hoạch huyện viện dẫn Kế hoạch số",
                    "The district plan cites plan"
                ),
                c.number,
                date(&c.date)
                    .map(|d| format!(" {} {}", cx.t("ngày", "dated"), dmy(d)))
                    .unwrap_or_default(),
                cx.t("của", "of"),
                c.issuer.as_deref().unwrap_or(""),
                cx.t(
                    "nhưng Kế hoạch của tỉnh mà huyện triển khai là",
                    "but the province's plan it implements is"
                ),
                reference
            );
            let fix = Fix {
                description: cx
                    .t(
                        "Sửa số theo Kế hoạch tỉnh",
                        "Use the province plan's number",
                    )
                    .to_string(),
                replacement: number.to_string(),
                span: c.number_span,
            };
            out.emit_span(c.number_span, msg).fix = Some(fix);
            return;
        }
        let msg = format!(
            "{} {} {}.",
            cx.t(
                "Kế hoạch huyện không viện dẫn Kế hoạch của tỉnh mà nó triển khai:",
                "The district plan does not cite the province's plan it implements:"
            ),
            reference,
            cx.t(
                "(cần nêu trong phần căn cứ)",
                "(cite it among the legal bases)"
            )
        );
        // Insert the citation before the first legal basis, when there is one.
        let first = cx
            .district
            .model
            .citations
            .iter()
            .filter(|c| c.role == crate::model::CitationRole::LegalBasis)
            .min_by_key(|c| c.span.start);
        let span = first.map_or_else(|| cx.plan_span(), |c| c.span);
        let d = out.emit_span(span, msg);
        if let Some(c) = first {
            let at = cx.district.source.original[..c.span.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            d.fix = Some(Fix {
                description: cx.t("Bổ sung căn cứ", "Add the legal basis").to_string(),
                replacement: format!("Căn cứ {reference};\n\n"),
                span: crate::source::Span { start: at, end: at },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::review::testing::{clean_with, review, CLEAN};

    const RULE: &str = "parent-citation-mismatch";

    #[test]
    fn silent_when_number_date_and_issuer_match() {
        assert!(review(RULE, CLEAN, Lang::Vi).is_empty());
    }

    #[test]
    fn wrong_number_gets_the_province_number() {
        let t = clean_with("Kế hoạch số 14/KH-UBND", "Kế hoạch số 41/KH-UBND");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("41/KH-UBND"), "{}", d[0].message);
        assert!(d[0]
            .message
            .contains("Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang"));
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "14/KH-UBND");
    }

    #[test]
    fn wrong_date_gets_the_province_date() {
        let t = clean_with("14/KH-UBND ngày 06/02/2024", "14/KH-UBND ngày 16/02/2024");
        let d = review(RULE, &t, Lang::En);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("the dates differ"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "ngày 06/02/2024");
    }

    #[test]
    fn wrong_issuer_and_missing_citation() {
        let t = clean_with("của UBND tỉnh Bắc Giang về", "của UBND tỉnh Lạng Sơn về");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("UBND tỉnh Lạng Sơn"),
            "{}",
            d[0].message
        );
        let t = clean_with(
            "Căn cứ Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang về triển khai thực hiện Chương trình mỗi xã một sản phẩm tỉnh Bắc Giang năm 2024.",
            "",
        );
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("không viện dẫn"), "{}", d[0].message);
        assert!(d[0]
            .fix
            .as_ref()
            .unwrap()
            .replacement
            .starts_with("Căn cứ Kế hoạch số 14/KH-UBND"));
    }
}
