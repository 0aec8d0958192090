//! superseded-reference: a cited document replaced, expired, or amended (without its
//! amendment cited) at the reference date, with the replacement to cite.

use super::{Emitter, Rule, RuleContext};
use crate::diagnostic::{Fix, Severity};
use crate::model::{Citation, CitationRole};
use crate::registry::DocumentStatus;

pub struct SupersededReference;

/// Sections that report the past may cite what was in force then.
const PAST_KEYS: &[&str] = &["results"];

/// "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ".
pub(crate) fn describe(cx: &RuleContext, number: &str) -> String {
    let Some(e) = cx.registry.document(number) else {
        return number.to_string();
    };
    // A law is known by its name ("Luật Tổ chức chính quyền địa phương"), not a number.
    let mut s = if e.id.contains('/') {
        format!(
            "{} số {}",
            crate::grammar::citation::kind_from_number(&e.id),
            e.id
        )
    } else {
        e.id.clone()
    };
    if let Some(d) = e.date {
        s.push_str(&format!(" ngày {}", d.format("%d/%m/%Y")));
    }
    if !e.issuer.is_empty() {
        s.push_str(&format!(" của {}", e.issuer));
    }
    s
}

/// The fix replacing "1048/QĐ-TTg ngày 21/8/2019" by "148/QĐ-TTg ngày 24/02/2023".
fn replacement_fix(cx: &RuleContext, c: &Citation, by: &str) -> Fix {
    let e = cx.registry.document(by);
    let date = e.and_then(|e| e.date);
    let (span, replacement) = match (c.date_span, date) {
        (Some(ds), Some(d)) => (
            crate::source::Span {
                start: c.number_span.start,
                end: ds.end,
            },
            format!(
                "{} ngày {}",
                e.map_or(by, |e| e.id.as_str()),
                d.format("%d/%m/%Y")
            ),
        ),
        _ => (c.number_span, e.map_or(by, |e| e.id.as_str()).to_string()),
    };
    Fix {
        description: format!("{} {}", cx.t("Viện dẫn", "Cite"), describe(cx, by)),
        replacement,
        span,
    }
}

impl Rule for SupersededReference {
    fn name(&self) -> &'static str {
        "superseded-reference"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let cites = &cx.plan.model.citations;
        let cited = |n: &str| cites.iter().any(|c| c.number.eq_ignore_ascii_case(n));
        let at = cx.date.earliest;
        let when = cx.date.describe(cx.lang);
        for c in cites {
            if c.role == CitationRole::Related
                || c.section.as_deref().is_some_and(|k| PAST_KEYS.contains(&k))
            {
                continue;
            }
            let Some(status) = cx.registry.document_status(&c.number, at) else {
                continue;
            };
            let confident = cx
                .registry
                .document(&c.number)
                .is_some_and(|e| e.confidence == crate::registry::Confidence::High);
            let d = match &status {
                DocumentStatus::Replaced { by, on } => {
                    let msg = format!(
                        "{} {} {} {} {} {} ({when}). {} {}.",
                        c.kind,
                        c.number,
                        cx.t("đã được thay thế bằng", "was replaced by"),
                        describe(cx, by),
                        cx.t("từ ngày", "from"),
                        on.format("%d/%m/%Y"),
                        cx.t("Viện dẫn", "Cite"),
                        describe(cx, by)
                    );
                    let fix = replacement_fix(cx, c, by);
                    let d = out.emit_span(c.span, msg);
                    d.fix = Some(fix);
                    d
                }
                DocumentStatus::Expired { on, successor } => {
                    let next = successor
                        .as_deref()
                        .map(|s| {
                            format!(
                                " {} {}.",
                                cx.t("Văn bản kế tiếp:", "Successor:"),
                                describe(cx, s)
                            )
                        })
                        .unwrap_or_default();
                    let msg = format!(
                        "{} {} {} {} ({when}).{next}",
                        c.kind,
                        c.number,
                        cx.t("đã hết thời hạn thực hiện từ sau ngày", "expired after"),
                        on.format("%d/%m/%Y"),
                    );
                    let fix = successor.as_deref().map(|s| replacement_fix(cx, c, s));
                    let d = out.emit_span(c.span, msg);
                    d.fix = fix;
                    d
                }
                DocumentStatus::Amended { by, on } if !cited(by) => {
                    let msg = format!(
                        "{} {} {} {} {} {}. {}",
                        c.kind,
                        c.number,
                        cx.t("đã được sửa đổi, bổ sung bởi", "was amended by"),
                        describe(cx, by),
                        cx.t("từ ngày", "from"),
                        on.format("%d/%m/%Y"),
                        cx.t(
                            "Viện dẫn kèm văn bản sửa đổi.",
                            "Cite the amendment as well."
                        )
                    );
                    let d = out.emit_span(c.span, msg);
                    d.severity = Severity::Warning;
                    d
                }
                _ => continue,
            };
            // Facts the research could not fully confirm do not fail a plan on their own.
            if !confident && d.severity == Severity::Error {
                d.severity = Severity::Warning;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_current_documents() {
        assert!(check("superseded-reference", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn replaced_decision_gets_its_replacement() {
        let t = clean_with(
            "148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ ban hành",
            "1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ ban hành",
        );
        let d = check("superseded-reference", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Error);
        assert!(
            d[0].message
                .contains("148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ"),
            "{}",
            d[0].message
        );
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "148/QĐ-TTg ngày 24/02/2023");
        assert_eq!(
            &t[fix.span.start..fix.span.end],
            "1048/QĐ-TTg ngày 21/8/2019"
        );
    }

    #[test]
    fn the_same_citation_is_fine_before_the_replacement() {
        let t = clean_with(
            "148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ ban hành",
            "1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ ban hành",
        )
        .replace("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 3 năm 2022")
        .replace("năm 2024", "năm 2022");
        let d = check("superseded-reference", &t);
        assert!(d.iter().all(|d| !d.message.contains("1048")), "{d:?}");
    }
}
