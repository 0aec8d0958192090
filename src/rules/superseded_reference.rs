//! superseded-reference: a cited document replaced, expired, or amended (without its
//! amendment cited) at the reference date, with the replacement to cite.

use super::{Applicability, Emitter, Fix, ReferenceDate, RuleContext, Severity, Violation};
use crate::i18n::{dmy, Lang};
use crate::model::{Citation, CitationRole};
use crate::registry::DocumentStatus;
use chrono::NaiveDate;
use serde::Serialize;

/// A citation of a document no longer (or no longer alone) in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupersededReference {
    /// "Quyết định", "Kế hoạch" ...
    pub kind: String,
    /// "1048/QĐ-TTg".
    pub number: String,
    /// What happened to it.
    #[serde(flatten)]
    pub status: Status,
    /// The date the plan is judged at.
    pub judged_at: ReferenceDate,
}

/// What happened to a cited document before the reference date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Status {
    /// Replaced by `by` from `on`.
    Replaced { by: Document, on: NaiveDate },
    /// A fixed-period programme whose last covered day was `on`.
    Expired {
        on: NaiveDate,
        successor: Option<Document>,
    },
    /// Still in force, but amended by `by` from `on`, which the plan does not cite.
    Amended { by: Document, on: NaiveDate },
}

/// A document the registry names instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// "148/QĐ-TTg".
    pub number: String,
    /// As the registry describes it: "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ
    /// tướng Chính phủ" (Vietnamese in both languages: it is how the plan must cite it).
    pub description: String,
}

impl Violation for SupersededReference {
    fn message(&self, lang: Lang) -> String {
        let (kind, number) = (&self.kind, &self.number);
        let when = self.judged_at.describe(lang);
        match (&self.status, lang) {
            (Status::Replaced { by, on }, Lang::Vi) => format!(
                "{kind} {number} đã được thay thế bằng {by} từ ngày {on} ({when}). Viện dẫn {by}.",
                by = by.description,
                on = dmy(*on),
            ),
            (Status::Replaced { by, on }, Lang::En) => format!(
                "{kind} {number} was replaced by {by} from {on} ({when}). Cite {by}.",
                by = by.description,
                on = dmy(*on),
            ),
            (Status::Expired { on, successor }, Lang::Vi) => {
                let next = successor
                    .as_ref()
                    .map(|s| format!(" Văn bản kế tiếp: {}.", s.description))
                    .unwrap_or_default();
                format!(
                    "{kind} {number} đã hết thời hạn thực hiện từ sau ngày {on} ({when}).{next}",
                    on = dmy(*on),
                )
            }
            (Status::Expired { on, successor }, Lang::En) => {
                let next = successor
                    .as_ref()
                    .map(|s| format!(" Successor: {}.", s.description))
                    .unwrap_or_default();
                format!(
                    "{kind} {number} expired after {on} ({when}).{next}",
                    on = dmy(*on),
                )
            }
            (Status::Amended { by, on }, Lang::Vi) => format!(
                "{kind} {number} đã được sửa đổi, bổ sung bởi {by} từ ngày {on}. \
                 Viện dẫn kèm văn bản sửa đổi.",
                by = by.description,
                on = dmy(*on),
            ),
            (Status::Amended { by, on }, Lang::En) => format!(
                "{kind} {number} was amended by {by} from {on}. Cite the amendment as well.",
                by = by.description,
                on = dmy(*on),
            ),
        }
    }

    /// The fix cites the replacement (or the successor).
    fn fix_title(&self, lang: Lang) -> Option<String> {
        let by = match &self.status {
            Status::Replaced { by, .. } => by,
            Status::Expired {
                successor: Some(by),
                ..
            } => by,
            _ => return None,
        };
        Some(match lang {
            Lang::Vi => format!("Viện dẫn {}", by.description),
            Lang::En => format!("Cite {}", by.description),
        })
    }
}

fn document(cx: &RuleContext, number: &str) -> Document {
    Document {
        number: number.to_string(),
        description: cx.registry.describe_document(number),
    }
}

/// The fix replacing "1048/QĐ-TTg ngày 21/8/2019" by "148/QĐ-TTg ngày 24/02/2023". Unsafe:
/// the replacement is the registry's answer, and the plan may need to cite it differently.
fn replacement_fix(cx: &RuleContext, c: &Citation, by: &str) -> Fix {
    let e = cx.registry.document(by);
    let date = e.and_then(|e| e.date);
    let (span, replacement) = match (c.date_span, date) {
        (Some(ds), Some(d)) => (
            crate::source::Span {
                start: c.number_span.start,
                end: ds.end,
            },
            format!("{} ngày {}", e.map_or(by, |e| e.id.as_str()), dmy(d)),
        ),
        _ => (c.number_span, e.map_or(by, |e| e.id.as_str()).to_string()),
    };
    Fix {
        replacement,
        span,
        applicability: Applicability::Unsafe,
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let cites = &cx.plan.model.citations;
    let cited = |n: &str| cites.iter().any(|c| c.number.eq_ignore_ascii_case(n));
    if !cx.date.is_known() {
        return;
    }
    let at = cx.date.earliest;
    for c in cites {
        if c.role == CitationRole::Related
            || c.section
                .as_deref()
                .is_some_and(|k| cx.registry.reports_past(k))
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
        let finding = |status| SupersededReference {
            kind: c.kind.clone(),
            number: c.number.clone(),
            status,
            judged_at: cx.date,
        };
        let d = match &status {
            DocumentStatus::Replaced { by, on } => {
                let fix = replacement_fix(cx, c, by);
                let status = Status::Replaced {
                    by: document(cx, by),
                    on: *on,
                };
                let d = out.emit_span(c.span, finding(status));
                d.fix = Some(fix);
                d
            }
            DocumentStatus::Expired { on, successor } => {
                let fix = successor.as_deref().map(|s| replacement_fix(cx, c, s));
                let status = Status::Expired {
                    on: *on,
                    successor: successor.as_deref().map(|s| document(cx, s)),
                };
                let d = out.emit_span(c.span, finding(status));
                d.fix = fix;
                d
            }
            DocumentStatus::Amended { by, on } if !cited(by) => {
                let status = Status::Amended {
                    by: document(cx, by),
                    on: *on,
                };
                let d = out.emit_span(c.span, finding(status));
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

#[cfg(test)]
mod tests {
    use super::{Document, Status, SupersededReference};
    use crate::i18n::Lang;
    use crate::rules::testing::{apply_fixes, check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, ReferenceDate, RuleId, Severity, Violation};
    use chrono::NaiveDate;

    fn replaced() -> String {
        clean_with(
            "148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ ban hành",
            "1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ ban hành",
        )
    }

    #[test]
    fn silent_on_current_documents() {
        assert!(check(RuleId::SupersededReference, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn replaced_decision_gets_its_replacement() {
        let t = replaced();
        let d = check(RuleId::SupersededReference, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Error);
        let Finding::SupersededReference(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.kind, "Quyết định");
        assert_eq!(f.number, "1048/QĐ-TTg");
        let Status::Replaced { by, on } = &f.status else {
            panic!("{f:?}")
        };
        assert_eq!(*on, NaiveDate::from_ymd_opt(2023, 2, 24).unwrap());
        assert_eq!(by.number, "148/QĐ-TTg");
        assert_eq!(
            by.description,
            "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ"
        );
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "148/QĐ-TTg ngày 24/02/2023");
        assert_eq!(
            &t[fix.span.start..fix.span.end],
            "1048/QĐ-TTg ngày 21/8/2019"
        );
        assert!(check(RuleId::SupersededReference, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn the_same_citation_is_fine_before_the_replacement() {
        let t = replaced()
            .replace("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 3 năm 2022")
            .replace("năm 2024", "năm 2022");
        let d = check(RuleId::SupersededReference, &t);
        assert!(
            d.iter().all(|d| !matches!(
                &d.finding,
                Finding::SupersededReference(f) if f.number.contains("1048")
            )),
            "{d:?}"
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let d = check(RuleId::SupersededReference, &replaced());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Quyết định 1048/QĐ-TTg đã được thay thế bằng Quyết định số 148/QĐ-TTg ngày \
             24/02/2023 của Thủ tướng Chính phủ từ ngày 24/02/2023 (ngày của Kế hoạch \
             20/03/2024). Viện dẫn Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng \
             Chính phủ."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "Quyết định 1048/QĐ-TTg was replaced by Quyết định số 148/QĐ-TTg ngày \
             24/02/2023 của Thủ tướng Chính phủ from 24/02/2023 (the plan's date 20/03/2024). \
             Cite Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ."
        );
        assert_eq!(
            d[0].fix_title(Lang::En).unwrap(),
            "Cite Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ"
        );
    }

    #[test]
    fn expired_and_amended_render_their_own_sentences() {
        let date = ReferenceDate::fixed(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let doc = |n: &str| Document {
            number: n.into(),
            description: format!("Quyết định số {n}"),
        };
        let on = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let f = |status| SupersededReference {
            kind: "Quyết định".into(),
            number: "919/QĐ-TTg".into(),
            status,
            judged_at: date,
        };
        let expired = f(Status::Expired {
            on,
            successor: Some(doc("1/QĐ-TTg")),
        });
        assert_eq!(
            expired.message(Lang::Vi),
            "Quyết định 919/QĐ-TTg đã hết thời hạn thực hiện từ sau ngày 31/12/2025 (ngày xem \
             xét 25/11/2026). Văn bản kế tiếp: Quyết định số 1/QĐ-TTg."
        );
        assert_eq!(
            expired.message(Lang::En),
            "Quyết định 919/QĐ-TTg expired after 31/12/2025 (the review date 25/11/2026). \
             Successor: Quyết định số 1/QĐ-TTg."
        );
        let amended = f(Status::Amended {
            by: doc("2/QĐ-TTg"),
            on,
        });
        assert_eq!(
            amended.message(Lang::En),
            "Quyết định 919/QĐ-TTg was amended by Quyết định số 2/QĐ-TTg from 31/12/2025. \
             Cite the amendment as well."
        );
        assert_eq!(amended.fix_title(Lang::En), None);
    }
}
