//! parent-citation-mismatch: the district plan must cite the province's plan with its
//! number, date and issuer.

use super::analysis::fold;
use super::ReviewContext;
use crate::i18n::{dmy, Lang};
use crate::model::Citation;
use crate::rules::{Applicability, Emitter, Fix, Violation};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// How the district plan's citation of the province's plan is wrong. `province_ref` is
/// the province's plan as it should be cited ("Kế hoạch số 14/KH-UBND ngày 06/02/2024 của
/// UBND tỉnh Bắc Giang").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ParentCitationMismatch {
    /// The province's number, with another date.
    WrongDate {
        number: String,
        cited_date: NaiveDate,
        province_date: NaiveDate,
        province_ref: String,
    },
    /// The province's number, attributed to another issuer.
    WrongIssuer {
        number: String,
        issuer: String,
        province_ref: String,
    },
    /// Another number for a plan of the province of the same year.
    WrongNumber {
        number: String,
        cited_date: Option<NaiveDate>,
        issuer: String,
        province_number: String,
        province_ref: String,
    },
    /// No citation of the province's plan at all.
    NotCited { province_ref: String },
}

impl Violation for ParentCitationMismatch {
    fn message(&self, lang: Lang) -> String {
        use ParentCitationMismatch::*;
        match self {
            WrongDate {
                number,
                cited_date,
                province_ref,
                ..
            } => {
                let d = dmy(*cited_date);
                match lang {
                    Lang::Vi => format!(
                        "Kế hoạch huyện viện dẫn Kế hoạch số {number} ngày {d}; nhưng Kế hoạch \
                         của tỉnh là {province_ref} (ngày khác nhau)."
                    ),
                    Lang::En => format!(
                        "The district plan cites plan {number} dated {d}; but the province's \
                         plan is {province_ref} (the dates differ)."
                    ),
                }
            }
            WrongIssuer {
                number,
                issuer,
                province_ref,
            } => match lang {
                Lang::Vi => format!(
                    "Kế hoạch huyện ghi Kế hoạch số {number} của “{issuer}”; nhưng Kế hoạch của \
                     tỉnh là {province_ref}."
                ),
                Lang::En => format!(
                    "The district plan attributes plan {number} to “{issuer}”; but the \
                     province's plan is {province_ref}."
                ),
            },
            WrongNumber {
                number,
                cited_date,
                issuer,
                province_ref,
                ..
            } => match lang {
                Lang::Vi => {
                    let dated = cited_date
                        .map(|d| format!(" ngày {}", dmy(d)))
                        .unwrap_or_default();
                    format!(
                        "Kế hoạch huyện viện dẫn Kế hoạch số {number}{dated} của {issuer}; nhưng \
                         Kế hoạch của tỉnh mà huyện triển khai là {province_ref}."
                    )
                }
                Lang::En => {
                    let dated = cited_date
                        .map(|d| format!(" dated {}", dmy(d)))
                        .unwrap_or_default();
                    format!(
                        "The district plan cites plan {number}{dated} of {issuer}; but the \
                         province's plan it implements is {province_ref}."
                    )
                }
            },
            NotCited { province_ref } => match lang {
                Lang::Vi => format!(
                    "Kế hoạch huyện không viện dẫn Kế hoạch của tỉnh mà nó triển khai: \
                     {province_ref} (cần nêu trong phần căn cứ)."
                ),
                Lang::En => format!(
                    "The district plan does not cite the province's plan it implements: \
                     {province_ref} (cite it among the legal bases)."
                ),
            },
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        use ParentCitationMismatch::*;
        let title = match self {
            WrongDate { .. } => lang.pick(
                "Sửa ngày theo Kế hoạch tỉnh",
                "Use the province plan's date",
            ),
            WrongNumber { .. } => lang.pick(
                "Sửa số theo Kế hoạch tỉnh",
                "Use the province plan's number",
            ),
            NotCited { .. } => lang.pick("Bổ sung căn cứ", "Add the legal basis"),
            WrongIssuer { .. } => return None,
        };
        Some(title.to_string())
    }
}

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

pub(in crate::rules) fn check(cx: &ReviewContext, out: &mut Emitter) {
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
                // The number identifies the province's plan, so its date is certain.
                let fix = c.date_span.map(|span| Fix {
                    replacement: format!("ngày {}", dmy(p)),
                    span,
                    applicability: Applicability::Safe,
                });
                let finding = ParentCitationMismatch::WrongDate {
                    number: c.number.clone(),
                    cited_date: d,
                    province_date: p,
                    province_ref: reference.clone(),
                };
                out.emit_span(c.span, finding).fix = fix;
            }
        }
        if !issuer_ok(c) {
            let finding = ParentCitationMismatch::WrongIssuer {
                number: c.number.clone(),
                issuer: c.issuer.clone().unwrap_or_default(),
                province_ref: reference.clone(),
            };
            out.emit_span(c.span, finding);
        }
        return;
    }
    // Another plan of the province, of the same year: the number is wrong.
    let same_year =
        |c: &&&Citation| date(&c.date).is_some_and(|d| pdate.is_some_and(|p| p.year() == d.year()));
    let candidate = plans
        .iter()
        .filter(|c| issuer_ok(c) && c.issuer.is_some() && same_year(c))
        .min_by_key(|c| {
            date(&c.date).map_or(i64::MAX, |d| {
                pdate.map_or(i64::MAX, |p| (d - p).num_days().abs())
            })
        });
    if let Some(c) = candidate {
        // The cited plan is only the likeliest one meant: a person confirms.
        let fix = Fix {
            replacement: number.to_string(),
            span: c.number_span,
            applicability: Applicability::Unsafe,
        };
        let finding = ParentCitationMismatch::WrongNumber {
            number: c.number.clone(),
            cited_date: date(&c.date),
            issuer: c.issuer.clone().unwrap_or_default(),
            province_number: number.to_string(),
            province_ref: reference.clone(),
        };
        out.emit_span(c.number_span, finding).fix = Some(fix);
        return;
    }
    // Insert the citation before the first legal basis, when there is one.
    let first = cx
        .district
        .model
        .citations
        .iter()
        .filter(|c| c.role == crate::model::CitationRole::LegalBasis)
        .min_by_key(|c| c.span.start);
    let span = first.map_or_else(|| cx.plan_span(), |c| c.span);
    let finding = ParentCitationMismatch::NotCited {
        province_ref: reference.clone(),
    };
    let d = out.emit_span(span, finding);
    if let Some(c) = first {
        let at = cx.district.source.original[..c.span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        // Where among the bases it goes is a choice a person may make otherwise.
        d.fix = Some(Fix {
            replacement: format!("Căn cứ {reference};\n\n"),
            span: crate::source::Span { start: at, end: at },
            applicability: Applicability::Unsafe,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::ParentCitationMismatch;
    use crate::i18n::Lang;
    use crate::rules::review::testing::{clean_with, review, CLEAN};
    use crate::rules::testing::apply_fixes;
    use crate::rules::{Applicability, Finding, RuleId};
    use chrono::NaiveDate;

    const RULE: RuleId = RuleId::ParentCitationMismatch;
    const PROVINCE_REF: &str = "Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang";

    #[test]
    fn silent_when_number_date_and_issuer_match() {
        assert!(review(RULE, CLEAN).is_empty());
    }

    #[test]
    fn wrong_number_gets_the_province_number() {
        let t = clean_with("Kế hoạch số 14/KH-UBND", "Kế hoạch số 41/KH-UBND");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::ParentCitationMismatch(ParentCitationMismatch::WrongNumber {
                number: "41/KH-UBND".into(),
                cited_date: NaiveDate::from_ymd_opt(2024, 2, 6),
                issuer: "UBND tỉnh Bắc Giang".into(),
                province_number: "14/KH-UBND".into(),
                province_ref: PROVINCE_REF.into(),
            })
        );
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "14/KH-UBND");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(review(RULE, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn wrong_date_gets_the_province_date() {
        let t = clean_with("14/KH-UBND ngày 06/02/2024", "14/KH-UBND ngày 16/02/2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::ParentCitationMismatch(ParentCitationMismatch::WrongDate {
                number: "14/KH-UBND".into(),
                cited_date: NaiveDate::from_ymd_opt(2024, 2, 16).unwrap(),
                province_date: NaiveDate::from_ymd_opt(2024, 2, 6).unwrap(),
                province_ref: PROVINCE_REF.into(),
            })
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "ngày 06/02/2024");
        assert!(review(RULE, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn wrong_issuer_and_missing_citation() {
        let t = clean_with("của UBND tỉnh Bắc Giang về", "của UBND tỉnh Lạng Sơn về");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::ParentCitationMismatch(ParentCitationMismatch::WrongIssuer {
                number: "14/KH-UBND".into(),
                issuer: "UBND tỉnh Lạng Sơn".into(),
                province_ref: PROVINCE_REF.into(),
            })
        );
        assert!(d[0].fix.is_none());
        let t = clean_with(
            "Căn cứ Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang về triển khai thực hiện Chương trình mỗi xã một sản phẩm tỉnh Bắc Giang năm 2024.",
            "",
        );
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::ParentCitationMismatch(ParentCitationMismatch::NotCited {
                province_ref: PROVINCE_REF.into(),
            })
        );
        assert_eq!(
            d[0].fix.as_ref().unwrap().replacement,
            format!("Căn cứ {PROVINCE_REF};\n\n")
        );
        assert!(review(RULE, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn messages_and_fix_titles_in_both_languages() {
        let t = clean_with("14/KH-UBND ngày 06/02/2024", "14/KH-UBND ngày 16/02/2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch huyện viện dẫn Kế hoạch số 14/KH-UBND ngày 16/02/2024; nhưng Kế hoạch của \
             tỉnh là Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang (ngày khác \
             nhau)."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The district plan cites plan 14/KH-UBND dated 16/02/2024; but the province's plan \
             is Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang (the dates differ)."
        );
        assert_eq!(
            d[0].fix_title(Lang::Vi).as_deref(),
            Some("Sửa ngày theo Kế hoạch tỉnh")
        );
        assert_eq!(
            d[0].fix_title(Lang::En).as_deref(),
            Some("Use the province plan's date")
        );
        let t = clean_with("Kế hoạch số 14/KH-UBND", "Kế hoạch số 41/KH-UBND");
        let d = review(RULE, &t);
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch huyện viện dẫn Kế hoạch số 41/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc \
             Giang; nhưng Kế hoạch của tỉnh mà huyện triển khai là Kế hoạch số 14/KH-UBND ngày \
             06/02/2024 của UBND tỉnh Bắc Giang."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The district plan cites plan 41/KH-UBND dated 06/02/2024 of UBND tỉnh Bắc Giang; \
             but the province's plan it implements is Kế hoạch số 14/KH-UBND ngày 06/02/2024 \
             của UBND tỉnh Bắc Giang."
        );
    }
}
