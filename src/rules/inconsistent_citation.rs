//! inconsistent-citation: one document cited with different dates or issuers, or with a
//! date the registry contradicts.

use super::{Emitter, Rule, RuleContext};
use crate::model::{Citation, CitationRole};
use std::collections::HashMap;

pub struct InconsistentCitation;

fn vn_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

impl Rule for InconsistentCitation {
    fn name(&self) -> &'static str {
        "inconsistent-citation"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
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
            // The registry knows the real date.
            if let Some(entry) = cx.registry.document(&c.number) {
                if let Some(real) = entry.date.map(|d| d.format("%Y-%m-%d").to_string()) {
                    if real != date {
                        let msg = format!(
                            "{} {} {} {}, {} {}. {}",
                            c.kind,
                            c.number,
                            cx.t("được ghi ngày", "is cited as dated"),
                            vn_date(date),
                            cx.t("nhưng văn bản này ban hành ngày", "but it was issued on"),
                            vn_date(&real),
                            cx.t("Sửa lại ngày.", "Correct the date.")
                        );
                        let d = out.emit_span(c.span, msg);
                        if let Some(span) = c.date_span {
                            d.fix = Some(crate::diagnostic::Fix {
                                description: cx.t("Sửa ngày", "Correct the date").to_string(),
                                replacement: format!("ngày {}", vn_date(&real)),
                                span,
                            });
                        }
                        continue;
                    }
                }
            }
            match first.get(&c.number.to_lowercase()) {
                Some(f) if f.date.as_deref() != Some(date) => {
                    out.emit_span(
                        c.span,
                        format!(
                            "{} {} {} {}, {} {} {} {}. {}",
                            c.kind,
                            c.number,
                            cx.t("được ghi ngày", "is cited as dated"),
                            vn_date(date),
                            cx.t("khác với ngày", "unlike"),
                            vn_date(f.date.as_deref().unwrap_or("")),
                            cx.t("ở dòng", "at line"),
                            f.line,
                            cx.t("Thống nhất ngày của văn bản.", "Make the dates agree.")
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(c.number.to_lowercase(), c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_when_consistent() {
        assert!(check("inconsistent-citation", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_two_dates_for_one_number() {
        let t = clean_with(
            "- Phát triển sản phẩm OCOP gắn với lợi thế",
            "- Thực hiện Kế hoạch số 14/KH-UBND ngày 16/02/2024 của UBND tỉnh Bắc Giang; phát triển sản phẩm OCOP gắn với lợi thế",
        );
        let d = check("inconsistent-citation", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("16/02/2024"));
    }

    #[test]
    fn fires_when_the_registry_knows_another_date() {
        let t = clean_with("148/QĐ-TTg ngày 24/02/2023", "148/QĐ-TTg ngày 20/02/2023");
        let d = check("inconsistent-citation", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "ngày 24/02/2023");
    }
}
