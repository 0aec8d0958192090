//! inconsistent-citation: one document cited with different dates or issuers, or with a
//! date the registry contradicts.

use super::{Applicability, Emitter, Fix, RuleContext, Violation};
use crate::i18n::{dmy, Lang};
use crate::model::{Citation, CitationRole};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// A citation whose date disagrees with the registry or with an earlier citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InconsistentCitation {
    /// "Kế hoạch", "Quyết định" ...
    pub kind: String,
    /// "14/KH-UBND".
    pub number: String,
    /// The date this citation gives, as extracted ("2024-02-16").
    pub cited_date: String,
    /// What it disagrees with.
    #[serde(flatten)]
    pub conflict: Conflict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "conflict", rename_all = "kebab-case")]
pub enum Conflict {
    /// The registry knows the document was issued on `issued`.
    Registry { issued: NaiveDate },
    /// The year in the number ("46/2002/QĐ-UBND") is not the year of the date: a document
    /// is numbered in the year it is signed.
    SymbolYear { year: i32 },
    /// The first citation of the document, at `first_line`, gives `first_date`.
    EarlierCitation {
        first_date: String,
        first_line: usize,
    },
}

/// "2024-02-16" as plans write it ("16/02/2024"); anything else as it is.
fn vn_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(dmy)
        .unwrap_or_else(|_| iso.to_string())
}

impl Violation for InconsistentCitation {
    fn message(&self, lang: Lang) -> String {
        let (kind, number) = (&self.kind, &self.number);
        let cited = vn_date(&self.cited_date);
        match (&self.conflict, lang) {
            (Conflict::Registry { issued }, Lang::Vi) => format!(
                "{kind} {number} được ghi ngày {cited}, nhưng văn bản này ban hành ngày {}. \
                 Sửa lại ngày.",
                dmy(*issued)
            ),
            (Conflict::Registry { issued }, Lang::En) => format!(
                "{kind} {number} is cited as dated {cited}, but it was issued on {}. \
                 Correct the date.",
                dmy(*issued)
            ),
            (Conflict::SymbolYear { year }, Lang::Vi) => format!(
                "{kind} {number} được ghi ngày {cited}, nhưng năm trong số, ký hiệu là {year}: \
                 văn bản được đánh số theo năm ký. Kiểm tra lại số hoặc ngày của văn bản."
            ),
            (Conflict::SymbolYear { year }, Lang::En) => format!(
                "{kind} {number} is cited as dated {cited}, but the year in its number is \
                 {year}: documents are numbered in the year they are signed. Check the number \
                 or the date."
            ),
            (
                Conflict::EarlierCitation {
                    first_date,
                    first_line,
                },
                Lang::Vi,
            ) => format!(
                "{kind} {number} được ghi ngày {cited}, khác với ngày {} ở dòng {first_line}. \
                 Thống nhất ngày của văn bản.",
                vn_date(first_date)
            ),
            (
                Conflict::EarlierCitation {
                    first_date,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "{kind} {number} is cited as dated {cited}, unlike {} at line {first_line}. \
                 Make the dates agree.",
                vn_date(first_date)
            ),
        }
    }

    /// Only a registry conflict has a fix: the registry's date.
    fn fix_title(&self, lang: Lang) -> Option<String> {
        match self.conflict {
            Conflict::Registry { .. } => Some(lang.pick("Sửa ngày", "Correct the date").into()),
            Conflict::SymbolYear { .. } | Conflict::EarlierCitation { .. } => None,
        }
    }
}

/// The year of a number that carries one: 2002 in "46/2002/QĐ-UBND", 2024 in
/// "163/2024/QH15"; none in "148/QĐ-TTg".
fn symbol_year(number: &str) -> Option<i32> {
    let mut parts = number.split('/');
    parts.next()?.parse::<u32>().ok()?;
    let year = parts.next()?;
    parts.next()?;
    (year.len() == 4 && year.starts_with(['1', '2']))
        .then(|| year.parse().ok())
        .flatten()
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let mut first: HashMap<String, &Citation> = HashMap::new();
    for c in cx
        .plan
        .model
        .citations
        .iter()
        .filter(|c| c.role != CitationRole::Related)
    {
        let Some(date) = c.date.as_deref() else {
            continue;
        };
        let finding = |conflict| InconsistentCitation {
            kind: c.kind.clone(),
            number: c.number.clone(),
            cited_date: date.to_string(),
            conflict,
        };
        // The registry knows the real date.
        if let Some(issued) = cx.registry.document(&c.number).and_then(|e| e.date) {
            if issued.format("%Y-%m-%d").to_string() != date {
                // Unsafe: the registry's date, which a person should confirm.
                let fix = c.date_span.map(|span| Fix {
                    replacement: format!("ngày {}", dmy(issued)),
                    span,
                    applicability: Applicability::Unsafe,
                });
                out.emit_span(c.span, finding(Conflict::Registry { issued }))
                    .fix = fix;
                continue;
            }
        }
        // Without the registry, the number's own year: which of the two is wrong is the
        // reader's to tell, so no fix.
        if let Some(year) = symbol_year(&c.number).filter(|y| !date.starts_with(&y.to_string())) {
            out.emit_span(c.span, finding(Conflict::SymbolYear { year }));
            continue;
        }
        match first.get(&c.number.to_lowercase()) {
            Some(f) if f.date.as_deref() != Some(date) => {
                let conflict = Conflict::EarlierCitation {
                    first_date: f.date.clone().unwrap_or_default(),
                    first_line: f.line,
                };
                out.emit_span(c.span, finding(conflict));
            }
            Some(_) => {}
            None => {
                first.insert(c.number.to_lowercase(), c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Conflict, InconsistentCitation};
    use crate::i18n::Lang;
    use crate::rules::testing::{apply_fixes, check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};
    use chrono::NaiveDate;

    fn two_dates() -> String {
        clean_with(
            "- Phát triển sản phẩm OCOP gắn với lợi thế",
            "- Thực hiện Kế hoạch số 14/KH-UBND ngày 16/02/2024 của UBND tỉnh Bắc Giang; phát triển sản phẩm OCOP gắn với lợi thế",
        )
    }

    #[test]
    fn fires_when_the_year_in_the_number_is_not_the_year_of_the_date() {
        // Real documents (corpus/web-official): "Luật Bảo vệ môi trường số 72/2022/QH14 ngày
        // 17 tháng 11 năm 2020", "Nghị định số 06/2021/NĐ-CP ngày 26/01/2025".
        let t = clean_with(
            "- Phát triển sản phẩm OCOP gắn với lợi thế",
            "- Thực hiện Nghị định số 06/2021/NĐ-CP ngày 26/01/2025 của Chính phủ; phát triển sản phẩm OCOP gắn với lợi thế",
        );
        let d = check(RuleId::InconsistentCitation, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::InconsistentCitation(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.conflict, Conflict::SymbolYear { year: 2021 });
        assert!(d[0].fix.is_none());
        assert!(d[0]
            .message(Lang::Vi)
            .contains("năm trong số, ký hiệu là 2021"));
        // The same year, or a number without one, is fine.
        let t = t.replace("ngày 26/01/2025", "ngày 26/01/2021");
        assert!(check(RuleId::InconsistentCitation, &t).is_empty());
        assert_eq!(super::symbol_year("148/QĐ-TTg"), None);
        assert_eq!(super::symbol_year("163/2024/QH15"), Some(2024));
        assert_eq!(super::symbol_year("17-NQ/TW"), None);
    }

    #[test]
    fn silent_when_consistent() {
        assert!(check(RuleId::InconsistentCitation, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_two_dates_for_one_number() {
        let d = check(RuleId::InconsistentCitation, &two_dates());
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::InconsistentCitation(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.number, "14/KH-UBND");
        assert_eq!(f.cited_date, "2024-02-16");
        assert_eq!(
            f.conflict,
            Conflict::EarlierCitation {
                first_date: "2024-02-06".into(),
                first_line: 18
            }
        );
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn fires_when_the_registry_knows_another_date() {
        let t = clean_with("148/QĐ-TTg ngày 24/02/2023", "148/QĐ-TTg ngày 20/02/2023");
        let d = check(RuleId::InconsistentCitation, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::InconsistentCitation(InconsistentCitation {
                kind: "Quyết định".into(),
                number: "148/QĐ-TTg".into(),
                cited_date: "2023-02-20".into(),
                conflict: Conflict::Registry {
                    issued: NaiveDate::from_ymd_opt(2023, 2, 24).unwrap()
                },
            })
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "ngày 24/02/2023");
        assert!(check(RuleId::InconsistentCitation, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn messages_in_both_languages() {
        let d = check(RuleId::InconsistentCitation, &two_dates());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Kế hoạch 14/KH-UBND được ghi ngày 16/02/2024, khác với ngày 06/02/2024 ở dòng 18. \
             Thống nhất ngày của văn bản."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "Kế hoạch 14/KH-UBND is cited as dated 16/02/2024, unlike 06/02/2024 at line 18. \
             Make the dates agree."
        );
    }
}
